"""Hostile files through the file importer and the pipeline: an article or a clear message.

Each file is written to disk and imported the way the app does it — ``read_file`` then
``clean_input`` (or ``import_document`` into a library) — so the checks on size, type,
encoding and structure are met in the order a user meets them.  A refusal must be an
:class:`InputError` whose message says what is wrong and what to do; nothing else may
escape, and a refused import leaves the library as it was.
"""

from __future__ import annotations

import gzip
import os
import sys
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.core.errors import FetchError, InputError, NoArticleError, UserError
from reader.core.models import CleanArticle, RawInput
from reader.core.pipeline import MAX_INPUT_BYTES, clean_input
from reader.importers.files import read_file
from reader.importers.url import fetch_url
from reader.store.ingest import import_document
from reader.store.library import Library

PROSE = (
    "The regional council approved the new bus timetable on Monday after a long debate. "
    "Drivers said the changes would add ten minutes to the morning route, the union said. "
    "The mayor promised to review the plan in six months if passengers complained."
)
FRENCH = (
    "Le conseil régional a approuvé mardi le nouvel horaire des bus après un long débat. "
    "Les chauffeurs ont déclaré que le trajet du matin serait plus long, a précisé le "
    "syndicat. Le maire a promis de réexaminer le projet dans six mois."
)


def import_file(path: Path) -> CleanArticle:
    raw = read_file(path)
    return clean_input(raw.data, raw.media_type, name=raw.name)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        import_file(path)
    message = str(caught.value)
    assert len(message) > 30 and message.rstrip().endswith((".", ")")), message
    return message


# -- size -----------------------------------------------------------------------------


def test_file_over_the_cap_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.html"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_INPUT_BYTES + 1)
    message = refusal(path)
    assert "too large" in message and f"{MAX_INPUT_BYTES // 1_048_576} MB" in message


def test_file_just_under_the_cap_is_read(tmp_path: Path) -> None:
    body = f"Bus timetable\n\n{PROSE}\n\n".encode()
    data = body + b" " * (MAX_INPUT_BYTES - len(body))
    raw = read_file(write(tmp_path, "notes.txt", data))
    assert len(raw.data) == MAX_INPUT_BYTES


@pytest.mark.slow
def test_small_gzip_file_is_not_inflated_but_refused_as_binary(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"A" * 50_000_000 + b"</p>", compresslevel=9)
    assert len(bomb) < MAX_INPUT_BYTES
    message = refusal(write(tmp_path, "page.html.gz", bomb))
    assert "compressed" in message or "binary" in message or "not contain text" in message


# -- not text -------------------------------------------------------------------------

BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress(PROSE.encode() * 50),
    "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(2000),
    "sqlite": b"SQLite format 3\x00" + bytes(4000),
    "random": bytes((i * 7919 + 13) % 256 for i in range(4096)),
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_file_is_refused_even_when_named_html(tmp_path: Path, kind: str) -> None:
    refusal(write(tmp_path, f"{kind}.html", BINARIES[kind]))


def test_nul_bytes_in_a_utf8_text_are_refused_with_advice(tmp_path: Path) -> None:
    data = f"Bus timetable\n\n{PROSE}".encode().replace(b" the ", b" the\x00 ")
    assert "text" in refusal(write(tmp_path, "notes.txt", data))


def test_utf16_text_with_its_nul_pattern_is_read_as_text(tmp_path: Path) -> None:
    data = f"Bus timetable\n\n{PROSE}\n\n{PROSE}".encode("utf-16-le")
    article = import_file(write(tmp_path, "notes.txt", data))
    assert "regional council" in article.text


# -- empty ----------------------------------------------------------------------------


INVISIBLE_ONLY = "\u00a0\u200b\u2060\n".encode()


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf\n\n  \n", INVISIBLE_ONLY],
)
def test_empty_file_says_it_is_empty(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        import_file(write(tmp_path, "empty.txt", data))
    assert "empty" in str(caught.value) or "no text" in str(caught.value)


def test_html_with_tags_but_no_text_offers_to_keep_nothing_and_says_so(tmp_path: Path) -> None:
    page = b"<!doctype html><html><head><title></title></head><body><div></div></body></html>"
    with pytest.raises(NoArticleError):
        import_file(write(tmp_path, "blank.html", page))


# -- encoding -------------------------------------------------------------------------


def test_invalid_utf8_bytes_in_an_english_page_do_not_stop_the_import(tmp_path: Path) -> None:
    data = f"Bus timetable\n\n{PROSE}\n\n{PROSE}".encode()
    data = data[:40] + b"\xff\xfe\xc3(" + data[40:]
    article = import_file(write(tmp_path, "notes.txt", data))
    assert "regional council" in article.text


def test_one_invalid_byte_in_a_utf8_page_keeps_the_other_letters(tmp_path: Path) -> None:
    data = f"Horaire des bus\n\n{FRENCH}\n\n{FRENCH}".encode()
    data = data[:60] + b"\xff" + data[60:]
    article = import_file(write(tmp_path, "nouvelles.txt", data))
    assert "approuvé" in article.text and "régional" in article.text


def test_mislabelled_charset_in_html_still_gives_readable_text(tmp_path: Path) -> None:
    page = (
        f'<html><head><meta charset="utf-8"></head><body><article><h1>Horaire</h1>'
        f"<p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"
    ).encode("cp1252")
    article = import_file(write(tmp_path, "page.html", page))
    assert "approuvé" in article.text


# -- structure ------------------------------------------------------------------------


def test_deeply_nested_html_is_refused_with_advice(tmp_path: Path) -> None:
    depth = 50_000
    page = f"<html><body>{'<div>' * depth}<p>{PROSE}</p>{'</div>' * depth}</body></html>"
    message = refusal(write(tmp_path, "nested.html", page.encode()))
    assert "nested" in message and "paste" in message


def test_html_nested_a_few_hundred_deep_is_still_read(tmp_path: Path) -> None:
    depth = 300
    page = (
        f"<html><body>{'<div>' * depth}<h1>Bus timetable</h1><p>{PROSE}</p><p>{PROSE}</p>"
        f"{'</div>' * depth}</body></html>"
    )
    article = import_file(write(tmp_path, "nested.html", page.encode()))
    assert "regional council" in article.text


def test_unclosed_tags_and_broken_markup_still_give_the_text(tmp_path: Path) -> None:
    page = (
        f"<html><body><article><h1>Bus timetable<p>{PROSE}<p><b><i>{PROSE}</b></i>"
        "<table><tr><td>cell<div></span></p></p></article></body>"
    ).encode()
    article = import_file(write(tmp_path, "broken.html", page))
    assert "regional council" in article.text


@pytest.mark.slow
def test_a_100000_line_text_file_is_imported(tmp_path: Path) -> None:
    sentence = "The council voted on the new budget after a long debate about the schools."
    lines = "\n".join(f"{sentence} Item {i} of the minutes was approved." for i in range(100_000))
    article = import_file(write(tmp_path, "minutes.txt", f"Council minutes\n\n{lines}".encode()))
    assert article.text.count("of the minutes was approved") > 90_000


@pytest.mark.slow
def test_a_single_5mb_line_is_imported(tmp_path: Path) -> None:
    data = ("Bus timetable\n\n" + (PROSE + " ") * 20_000).encode()
    assert len(data) > 4_000_000
    article = import_file(write(tmp_path, "line.txt", data))
    assert len(article.text) > 4_000_000


# -- the file system ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "article.html"
    os.mkfifo(pipe)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(read_file(pipe))
        except BaseException as err:  # noqa: BLE001 - handed to the test thread below
            outcome.append(err)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(20)  # a refusal takes milliseconds; a blocked open would never return
    if reader.is_alive():
        os.close(os.open(pipe, os.O_WRONLY))  # let the blocked open return
        reader.join(2)
        pytest.fail("read_file blocked on a named pipe")
    assert isinstance(outcome[0], InputError)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="needs POSIX permissions and a non-root user",
)
def test_unreadable_file_says_to_check_permissions(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.html", b"<p>x</p>")
    path.chmod(0)
    assert "permission" in refusal(path)


def test_hostile_file_name_is_named_in_the_message_and_nothing_else_breaks(
    tmp_path: Path,
) -> None:
    name = "\u202ereversed <b>bold<b> 😀\u0301 \\ .txt"
    message = refusal(write(tmp_path, name, b""))
    assert "empty" in message


def test_refused_import_leaves_the_library_unchanged(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as lib:
        good = write(tmp_path, "good.txt", f"Bus timetable\n\n{PROSE}\n\n{PROSE}".encode())
        raw = read_file(good)
        import_document(lib, RawInput(raw.data, raw.media_type, raw.origin, raw.name))
        for name, data in [
            ("bin.html", BINARIES["png"]),
            ("empty.txt", b""),
            ("nul.txt", b"a\x00b" * 100),
        ]:
            raw = read_file(write(tmp_path, name, data))
            with pytest.raises(UserError):
                import_document(lib, RawInput(raw.data, raw.media_type, raw.origin, raw.name))
        assert lib.count_articles() == 1


def test_zlib_stream_named_txt_is_refused_not_inflated(tmp_path: Path) -> None:
    data = zlib.compress(PROSE.encode() * 1000)
    refusal(write(tmp_path, "notes.txt", data))


# -- URL import: what tests/importers/test_url.py does not already cover ------------------

_STOP = threading.Event()


class HostileServer(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/deflate-bomb":
            body = zlib.compress(b" " * 30_000_000, 9)
            self._head(200, {"Content-Encoding": "deflate", "Content-Length": str(len(body))})
            self.wfile.write(body)
        elif self.path == "/drip":
            self._head(200, {})  # no length: the body ends when the server closes
            while not _STOP.is_set():
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                _STOP.wait(0.05)
        elif self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path[len("/to/") :])
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._head(404, {"Content-Length": "0"})

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    _STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileServer)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _STOP.set()
    httpd.shutdown()
    httpd.server_close()


def test_deflate_bomb_is_refused_by_decompressed_size(hostile_server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"{hostile_server}/deflate-bomb", max_bytes=1_000_000)


@pytest.mark.slow
def test_server_dripping_bytes_is_stopped_by_the_deadline(hostile_server: str) -> None:
    with pytest.raises(FetchError, match="too long"):
        fetch_url(f"{hostile_server}/drip", timeout=(2.0, 2.0), deadline=0.5)


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/",
    "myapp://open", "file:///etc/passwd", "http:///no-host",
])  # fmt: skip
def test_redirect_away_from_the_web_is_refused(hostile_server: str, target: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(f"{hostile_server}/to/{target}")
