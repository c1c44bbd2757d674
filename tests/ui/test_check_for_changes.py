"""Check for changes in the window: web articles fetched again from a local server whose
page changes between requests; the library filter finds the article that changed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SENTENCE = "The island ferry will leave every forty minutes from next Monday, the operator said."


def _page(sentence: str) -> bytes:
    return (
        "<html><head><title>Ferry Timetable Changes</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Ferry Timetable Changes</h1>"
        f"<p>{sentence} It replaces the hourly service that has run since the spring.</p>"
        "<p>Commuters welcomed the change but said the last crossing, at ten in the evening, "
        "was still too early for people working late shifts in the town.</p>"
        "<p>The operator said it would review the evening timetable in the autumn after "
        "counting passengers over the summer months.</p></article>"
        "<footer>Copyright Coast Daily</footer></body></html>"
    ).encode()


class _ChangingPage(BaseHTTPRequestHandler):
    requests = 0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests += 1
        first = type(self).requests == 1
        body = _page(SENTENCE if first else SENTENCE.replace("forty", "fourteen"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def page_url() -> Iterator[str]:
    _ChangingPage.requests = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ChangingPage)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/ferry"
    httpd.shutdown()
    httpd.server_close()


def test_check_for_changes_stores_the_new_version_and_flags_the_note(
    qtbot, make_window, page_url, monkeypatch
):
    told: list[str] = []
    monkeypatch.setattr("reader.ui.messages.inform", lambda parent, text, *a: told.append(text))
    w = make_window()
    w.import_documents([page_url])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    start = w.article.text.index(SENTENCE)
    note = w.lib.add_note(w.article.id, start, start + len(SENTENCE), verdict="true")
    w.import_actions.check_for_changes()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "1 changed" in told[0] and "1 note whose sentence changed" in told[0]
    changed = w.lib.get_note(note.id)
    assert changed.anchor_state == "changed"
    assert changed.original_wording == SENTENCE
    assert "fourteen" in w.article.text  # the open article shows the new version

    from reader.core.models import build_article

    w.lib.add_article(build_article([("title", "Other"), ("paragraph", "Nothing changed here.")]))
    w.library.reload()
    assert w.library_model.rowCount() == 2
    status = w.library.status_filter
    status.setCurrentIndex(status.findData("__changed"))
    qtbot.waitUntil(lambda: w.library_model.rowCount() == 1, timeout=20000)
    column = w.library_model.COLUMNS.index("Changed")
    assert w.library_model.index(0, column).data() == "⚠ 1"


def test_changed_banner_shows_article_words_as_text_never_as_markup(qtbot) -> None:
    from reader.core.models import Note, Selector
    from reader.core.worddiff import note_wording
    from reader.ui.note_editor import changed_banner_html

    checked = 'He said <b>"5 ships"</b> came.'
    current = 'He said <img src="http://tracker.example/x.png"> "50 ships" came.'
    note = Note(
        "n", "a", Selector(0, len(current), current), anchor_state="changed", checked_exact=checked
    )
    banner = changed_banner_html(note_wording(note))
    assert "<img" not in banner and '<b>"' not in banner
    assert "&lt;img" in banner and "&lt;b&gt;" in banner
    assert "Number" in banner and "rated on the earlier wording" in banner
