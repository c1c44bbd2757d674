"""Open URL in the window: fetched off the UI thread from a local server, cancellable."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = (
    b"<html><head><title>Ferry Timetable Changes | Coast Daily</title></head><body>"
    b"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    b"<h1>Ferry Timetable Changes From Next Week</h1>"
    b"<p>The island ferry will leave every forty minutes from next Monday, the operator said, "
    b"replacing the hourly service that has run since the spring.</p>"
    b"<p>Commuters welcomed the change but said the last crossing, at ten in the evening, "
    b"was still too early for people working late shifts in the town.</p>"
    b"<p>The operator said it would review the evening timetable in the autumn after "
    b"counting passengers over the summer months.</p></article>"
    b"<footer>Copyright Coast Daily</footer></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/to-decimal-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://2130706433:{self.server.server_address[1]}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE[:100])
            self.wfile.flush()
            self.release.wait(10)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.release.set()
    httpd.shutdown()
    httpd.server_close()
    _Handler.release.clear()


def test_open_url_imports_the_page_without_blocking(qtbot, make_window, server):
    w = make_window()
    w.import_documents([server + "/article"])
    # The fetch runs on a worker; the window goes on.  (Not "a task runs": the start-up
    # claim scoring may be one, whatever the import does.)
    assert w.article is None and w.statusBar().currentMessage().startswith("Importing")
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert w.article.title.startswith("Ferry Timetable Changes")
    assert "forty minutes" in w.article.text
    assert "Copyright" not in w.article.text
    assert w.article.meta.url == server + "/article"


def test_a_stalled_download_can_be_cancelled(qtbot, make_window, server):
    w = make_window()
    w.import_documents([server + "/slow"])
    task = w.runner.tasks[-1]
    # Wait until the first bytes have arrived: the download is then stalled mid-body.
    with qtbot.waitSignal(
        task.progressed, timeout=20000, check_params_cb=lambda done, total: done > 0
    ):
        pass
    with qtbot.waitSignal(task.failed, timeout=20000):
        task.cancel()
    qtbot.waitUntil(lambda: "Cancelled" in w.statusBar().currentMessage(), timeout=5000)
    assert w.article is None
    assert w.lib.count_articles() == 0


def test_credentials_in_the_address_are_removed_and_the_window_says_so(qtbot, make_window, server):
    w = make_window()
    w.import_documents([server.replace("http://", "http://alice:s3cret@") + "/article"])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert w.article.meta.url == server + "/article"
    assert "user name and password" in w.statusBar().currentMessage()


def test_a_redirect_into_this_computer_is_refused_with_a_message(
    qtbot, make_window, server, monkeypatch
):
    warned: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda p, text, *a: warned.append(text))
    w = make_window()
    w.import_documents([server + "/to-decimal-loopback"])
    with qtbot.waitSignal(w.runner.tasks[-1].failed, timeout=20000):
        pass
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert "private network" in warned[0] and w.article is None
