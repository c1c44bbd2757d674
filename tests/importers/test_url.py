"""fetch_url against a local server: time-outs, redirects, caps, types, cancel."""

from __future__ import annotations

import gzip
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.core.decode import decode_bytes
from reader.core.errors import FetchError
from reader.importers.url import USER_AGENT, fetch_url

PAGE = "<html><head><title>Ferry</title></head><body><p>The ferry leaves at nine.</p></body></html>"
RUSSIAN_PAGE = (
    '<html><head><meta charset="windows-1251"></head><body><p>Паром отправится в девять '
    "утра, сообщила администрация порта.</p></body></html>"
)
RELEASE = threading.Event()  # lets handlers that stall return when a test ends


class Handler(BaseHTTPRequestHandler):
    """Routes that each misbehave in one way."""

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet

    def _send(
        self,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("http://"):  # asked as a proxy: the absolute URL
            path = urllib.parse.urlsplit(path).path
        if path == "/page":
            self._send(PAGE.encode(), headers={"X-Agent-Seen": self.headers.get("User-Agent", "")})
        elif path == "/agent":
            self._send(self.headers.get("User-Agent", "").encode(), "text/plain")
        elif path == "/gzip":
            self._send(gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
        elif path == "/bomb":
            self._send(gzip.compress(b"\0" * 5_000_000), headers={"Content-Encoding": "gzip"})
        elif path == "/huge":
            self._send(b"x" * 300_000)
        elif path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * 10_000)
        elif path == "/slow":
            RELEASE.wait(5)
            self._send(PAGE.encode())
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 1000)
            self.wfile.flush()
            RELEASE.wait(5)
        elif path == "/redirect":
            self._redirect("/page")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{left - 1}" if left else "/page", 301)
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/pdf":
            self._send(b"%PDF-1.4\n", "application/pdf")
        elif path == "/image":
            self._send(b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/no-charset":
            self._send(RUSSIAN_PAGE.encode("cp1251"), "text/html")
        elif path == "/wrong-charset":
            self._send(RUSSIAN_PAGE.encode("cp1251"), "text/html; charset=utf-8")
        elif path == "/no-type":
            self._send(PAGE.encode(), None)
        elif path == "/to-loopback":
            self._redirect(f"http://127.0.0.1:{self.server.server_address[1]}/page")
        elif path == "/to-decimal-loopback":
            self._redirect(f"http://2130706433:{self.server.server_address[1]}/page")
        elif path == "/to-other-name":
            self._redirect(f"http://cdn.example:{self.server.server_address[1]}/page")
        elif path == "/to-same-name":
            self._redirect("/page")
        elif path == "/trickle-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            for _ in range(200):  # 20 s of one header byte every 0.1 s
                if RELEASE.wait(0.1):
                    return
                try:
                    self.wfile.write(b"X")
                    self.wfile.flush()
                except OSError:
                    return
        elif path == "/forbidden":
            self._send(b"no", status=403)
        else:
            self._send(b"<html><body>Not here</body></html>", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


def test_page_is_fetched_with_type_final_url_and_polite_agent(server: str) -> None:
    raw = fetch_url(f"{server}/page")
    assert raw.data == PAGE.encode()
    assert raw.media_type == "text/html; charset=utf-8"
    assert raw.origin == raw.url == f"{server}/page"
    assert fetch_url(f"{server}/agent").data.decode() == USER_AGENT
    assert "FactCheckReader" in USER_AGENT


def test_gzip_body_is_decompressed(server: str) -> None:
    assert fetch_url(f"{server}/gzip").data == PAGE.encode()


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    assert fetch_url(f"{server}/redirect").origin == f"{server}/page"
    assert fetch_url(f"{server}/chain/3").url == f"{server}/page"


def test_too_many_redirects_are_refused(server: str) -> None:
    with pytest.raises(FetchError, match="redirected more than 2 times"):
        fetch_url(f"{server}/chain/5", max_redirects=2)


def test_redirect_loop_is_detected(server: str) -> None:
    with pytest.raises(FetchError, match="loop"):
        fetch_url(f"{server}/loop-a")


def test_redirect_to_a_non_web_scheme_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="“file:”"):
        fetch_url(f"{server}/to-file")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/page", "file:///etc/hosts", "javascript:alert(1)"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="http"):
        fetch_url(url)


def test_address_without_scheme_says_what_is_missing() -> None:
    with pytest.raises(FetchError, match="must start with http"):
        fetch_url("news.example.org/page")


def test_not_found_says_so_with_status(server: str) -> None:
    with pytest.raises(FetchError, match=r"not found.*404"):
        fetch_url(f"{server}/nowhere")


def test_forbidden_suggests_copying_from_the_browser(server: str) -> None:
    with pytest.raises(FetchError, match="copy the article"):
        fetch_url(f"{server}/forbidden")


def test_slow_server_times_out_with_a_message(server: str) -> None:
    with pytest.raises(FetchError, match="did not answer in time"):
        fetch_url(f"{server}/slow", timeout=(2.0, 0.2))


def test_announced_huge_body_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"{server}/huge", max_bytes=100_000)


def test_unannounced_huge_body_is_cut_off(server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"{server}/huge-unannounced", max_bytes=100_000)


def test_gzip_bomb_is_refused_by_decompressed_size(server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"{server}/bomb", max_bytes=1_000_000)


@pytest.mark.parametrize("path,kind", [("/pdf", "PDF"), ("/image", "image")])
def test_non_html_content_is_refused_by_kind(server: str, path: str, kind: str) -> None:
    with pytest.raises(FetchError, match=kind):
        fetch_url(f"{server}{path}")


def test_missing_content_type_is_accepted_for_sniffing(server: str) -> None:
    assert fetch_url(f"{server}/no-type").media_type is None


@pytest.mark.parametrize("path", ["/no-charset", "/wrong-charset"])
def test_missing_or_wrong_charset_still_decodes(server: str, path: str) -> None:
    raw = fetch_url(f"{server}{path}")
    assert "Паром отправится" in decode_bytes(raw.data, raw.media_type)


def test_progress_reports_bytes_received(server: str) -> None:
    calls: list[tuple[int, int | None]] = []
    fetch_url(f"{server}/page", progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, len(PAGE))
    assert calls[-1] == (len(PAGE), len(PAGE))


def test_cancel_interrupts_a_stalled_download(server: str) -> None:
    cancel = threading.Event()

    def on_progress(done: int, total: int | None) -> None:
        if done:  # first bytes arrived: the next read will block on the stalled server
            threading.Timer(0.05, cancel.set).start()

    with pytest.raises(FetchError, match="cancelled"):
        fetch_url(f"{server}/stall", timeout=(2.0, 30.0), cancel=cancel, progress=on_progress)


def test_cancel_before_start_fetches_nothing(server: str) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(FetchError, match="cancelled"):
        fetch_url(f"{server}/page", cancel=cancel)


# -- redirects into this computer, the deadline, credentials ------------------------------


def _port(server: str) -> int:
    return int(server.rsplit(":", 1)[1])


def _public_looking(mapping: dict[str, str]) -> Callable[[str, int], list[str]]:
    """A resolver that maps made-up public names to the local test server."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in mapping:
            raise OSError(f"unknown test host {host}")
        return [mapping[host]]

    return resolve


@pytest.mark.parametrize("path", ["/to-loopback", "/to-decimal-loopback", "/to-other-name"])
def test_redirect_from_a_site_into_this_computer_is_refused(server: str, path: str) -> None:
    # news.example stands for a public site; it and cdn.example are served locally.
    resolver = _public_looking({"news.example": "127.0.0.1", "cdn.example": "127.0.0.1"})
    with pytest.raises(FetchError, match="private network.*not follow"):
        fetch_url(f"http://news.example:{_port(server)}{path}", resolver=resolver)


def test_redirect_within_the_typed_site_is_followed(server: str) -> None:
    resolver = _public_looking({"news.example": "127.0.0.1"})
    raw = fetch_url(f"http://news.example:{_port(server)}/to-same-name", resolver=resolver)
    assert raw.data == PAGE.encode()
    assert raw.url == f"http://news.example:{_port(server)}/page"


def test_an_address_the_user_typed_is_fetched_even_when_local(server: str) -> None:
    raw = fetch_url(f"http://2130706433:{_port(server)}/page")
    assert raw.data == PAGE.encode()


def test_the_connection_goes_to_the_checked_address_not_a_new_lookup(server: str) -> None:
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    fetch_url(f"http://news.example:{_port(server)}/redirect", resolver=resolve)
    assert calls == ["news.example", "news.example"]  # once per hop, nothing else


def test_trickling_headers_are_cut_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch_url(f"{server}/trickle-headers", deadline=1.0)
    assert time.monotonic() - started < 5


def test_credentials_are_removed_from_the_stored_address_and_reported(server: str) -> None:
    host = server.removeprefix("http://")
    raw = fetch_url(f"http://alice:s3cret@{host}/redirect")
    assert raw.url == raw.origin == f"{server}/page"
    assert "s3cret" not in repr(raw.url)
    assert any("password" in notice for notice in raw.notices)


def test_an_address_without_credentials_has_no_notice(server: str) -> None:
    assert fetch_url(f"{server}/page").notices == ()


def test_behind_a_proxy_a_name_this_computer_cannot_resolve_is_still_fetched(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test server answers the absolute-URL requests a plain-HTTP proxy receives.
    monkeypatch.setenv("http_proxy", server)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)

    def no_dns(host: str, port: int) -> list[str]:
        raise OSError("no name resolution here")

    raw = fetch_url("http://news.example/page", resolver=no_dns)
    assert raw.data == PAGE.encode()
