"""Hostile pages and notes are shown in the real window and load nothing.

Every reference a page or a note can make — images, style sheets, fonts, scripts,
frames, CSS ``url()`` and ``@import``, ``srcset``, XML entities — points either at a
local HTTP server that counts the requests it gets, or at sentinel files next to the
page whose every opening the kernel reports (inotify, so Linux only; elsewhere those
checks are skipped, the request count still runs).  The page is imported through the
real pipeline, opened in a real :class:`MainWindow`, a hostile note is shown in the
editor and its preview, and then nothing must have been requested or opened.

Links: only a click opens one, and only http(s) reaches the system browser.

Labels, tooltips and message boxes: Qt shows their text as rich text whenever it
*looks* like HTML, and rich text loads ``<img src="file:…">`` from disk.  The tests at
the end put page-, note- and server-chosen text in each such place and check that it is
shown as text and opens nothing.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QTextBrowser, QToolTip

from reader.core.models import Note, RawInput, Selector, Source
from reader.core.pipeline import clean_input
from reader.importers.files import read_file
from reader.importers.url import fetch_url
from reader.store.ingest import import_document
from reader.store.library import Library

SCRIPT_MARKER = "SCRIPT-RAN-7f3a"
STYLE_MARKER = "STYLE-LEAK-7f3a"
SECRET_MARKER = "SECRET-FILE-7f3a"
SENTINELS = ("pixel.png", "style.css", "font.woff2", "script.js", "frame.html", "secret.txt")
PAGE_NAME = "page.html"
PROSE = (
    "The harbour authority said on Tuesday that the new ferry would carry 400 passengers. "
    "Engineers tested the hull for three weeks before the launch, officials said. "
    "Critics argued that the timetable left the island without a service at night. "
)


# -- watchers -------------------------------------------------------------------------


class CountingHandler(BaseHTTPRequestHandler):
    """Answers everything with a tiny GIF and records the path asked for."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        if self.path.startswith("/article"):
            body, kind = self.server.page, "text/html; charset=utf-8"  # type: ignore[attr-defined]
        elif self.path.startswith("/broken"):
            # A reason phrase is free text chosen by the server.
            self.send_response(500, self.server.reason)  # type: ignore[attr-defined]
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        else:
            body, kind = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    httpd.paths = []  # type: ignore[attr-defined]
    httpd.page = b""  # type: ignore[attr-defined]
    httpd.reason = "Error"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base_url(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}"


class FileOpenWatch:
    """Reports every file opened in one folder, through Linux inotify."""

    _IN_ACCESS, _IN_OPEN, _IN_NONBLOCK = 0x1, 0x20, 0o4000

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(self._IN_NONBLOCK)
        if self._fd < 0:
            pytest.skip("inotify is not available")
        mask = self._IN_OPEN | self._IN_ACCESS
        if self._libc.inotify_add_watch(self._fd, os.fsencode(folder), mask) < 0:
            os.close(self._fd)
            pytest.skip("inotify cannot watch the test folder")
        self.opened: set[str] = set()

    def poll(self) -> set[str]:
        """Names of the files opened or read since the watch began."""
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return self.opened
            offset = 0
            while offset < len(data):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16 : offset + 16 + length].rstrip(b"\0")
                self.opened.add(os.fsdecode(name))
                offset += 16 + length

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder holding sentinel files a hostile page or note refers to."""
    folder = tmp_path / "site"
    folder.mkdir()
    for name in SENTINELS:
        (folder / name).write_bytes(SECRET_MARKER.encode() + b"\n")
    return folder


@pytest.fixture
def watch(site: Path) -> Iterator[FileOpenWatch]:
    if not sys.platform.startswith("linux"):
        pytest.skip("file-open watching uses Linux inotify")
    watcher = FileOpenWatch(site)
    yield watcher
    watcher.close()


def sentinels_opened(watcher: FileOpenWatch) -> set[str]:
    return watcher.poll() & set(SENTINELS)


# -- hostile material -----------------------------------------------------------------


def hostile_page(remote: str, local: Path) -> str:
    """A news page that refers to every kind of outside resource it can."""
    file_ = local.as_uri()
    refs = ""
    for where in (remote, file_):
        refs += f"""
        <link rel="stylesheet" href="{where}/style.css">
        <link rel="preload" as="font" href="{where}/font.woff2">
        <link rel="icon" href="{where}/pixel.png">
        <script src="{where}/script.js"></script>
        <style>@import url("{where}/style.css");
          body {{ background: url({where}/pixel.png) }}
          @font-face {{ font-family: x; src: url({where}/font.woff2) }}
          .{STYLE_MARKER} {{ color: red }}</style>"""
    body_refs = ""
    for where in (remote, file_, "."):
        body_refs += f"""
        <img src="{where}/pixel.png" srcset="{where}/pixel.png 2x" alt="">
        <picture><source srcset="{where}/pixel.png"><img src="{where}/pixel.png"></picture>
        <iframe src="{where}/frame.html"></iframe>
        <object data="{where}/frame.html"></object><embed src="{where}/frame.html">
        <video poster="{where}/pixel.png"><source src="{where}/pixel.png"></video>
        <svg><image href="{where}/pixel.png"/><use href="{where}/pixel.png#a"/></svg>
        <div style="background-image: url('{where}/pixel.png')"></div>
        <table background="{where}/pixel.png"><tr><td>x</td></tr></table>"""
    return f"""<!DOCTYPE html [<!ENTITY secret SYSTEM "{file_}/secret.txt">]>
<html><head><title>Island ferry enters service</title>
<meta http-equiv="refresh" content="0; url={remote}/refresh">
<base href="{remote}/">{refs}
</head><body onload="document.title='{SCRIPT_MARKER}'">
<article>
<h1>Island ferry enters service</h1>
<p>{PROSE}</p>
<p>The page shows markup as text: &lt;img src="{file_}/pixel.png"&gt; and
&lt;a href="javascript:alert(1)"&gt;this&lt;/a&gt;. {PROSE}</p>
<p>&secret; {PROSE}</p>
<script>document.write("{SCRIPT_MARKER}"); fetch("{remote}/beacon");</script>
<noscript><img src="{remote}/noscript.gif"></noscript>
<p><a href="javascript:alert('{SCRIPT_MARKER}')">Read more</a>
<a href="{file_}/secret.txt">secret</a> {PROSE}</p>
{body_refs}
<template><img src="{remote}/template.gif"></template>
</article></body></html>"""


def hostile_note_body(remote: str, local: Path) -> str:
    """Note Markdown pasted from anywhere: images, raw HTML, every kind of link."""
    file_ = local.as_uri()
    lines = []
    for where in (remote, file_, "."):
        lines += [
            f"![pixel]({where}/pixel.png)",
            f'![titled]({where}/pixel.png "t>itle")',
            f"![ref][img-{len(lines)}]",
            f"[img-{len(lines) - 1}]: {where}/pixel.png",
            "",
            f'<img src="{where}/pixel.png"> <iframe src="{where}/frame.html"></iframe>',
            f'<link rel="stylesheet" href="{where}/style.css">',
            f'<style>@import url("{where}/style.css");</style>',
            f'<script src="{where}/script.js"></script>',
            f'<div style="background:url({where}/pixel.png)">x</div>',
            f"[![nested]({where}/pixel.png)]({remote}/ok)",
            "",
        ]
    lines += [
        f"[js](javascript:alert('{SCRIPT_MARKER}')) [file]({file_}/secret.txt)",
        f"[data](data:text/html,<script>x</script>) [web]({remote}/page) <{remote}/auto>",
    ]
    return "\n".join(lines)


def image_references(document: QTextDocument) -> list[str]:
    """Every image a QTextDocument would ask its resource loader for."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return found


# -- tests ----------------------------------------------------------------------------


def test_hostile_page_is_cleaned_without_script_style_or_entity_content(
    server: ThreadingHTTPServer, site: Path
) -> None:
    page = hostile_page(base_url(server), site)
    article = clean_input(page.encode(), "text/html")
    assert "ferry" in article.text
    for leaked in (
        SCRIPT_MARKER,
        STYLE_MARKER,
        SECRET_MARKER,
        "document.write",
        "@import",
        "font-face",
        "fetch(",
    ):
        assert leaked not in article.text
    assert server.paths == []  # type: ignore[attr-defined]


def test_hostile_page_and_note_load_nothing_while_imported_and_shown(
    qtbot,
    make_window,
    tmp_path: Path,
    server: ThreadingHTTPServer,
    site: Path,
    watch: FileOpenWatch,
) -> None:
    remote = base_url(server)
    (site / PAGE_NAME).write_text(hostile_page(remote, site), encoding="utf-8")
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        raw = read_file(site / PAGE_NAME)
        aid = import_document(lib, RawInput(raw.data, raw.media_type, raw.origin, raw.name))
        text = lib.get_article(aid).text
        end = text.index("officials said.") + len("officials said.")
        lib.add_note(
            aid,
            text.index("Engineers"),
            end,
            verdict="false",
            conclusion=f'<img src="{site.as_uri()}/pixel.png">',
            body=hostile_note_body(remote, site),
            sources=[
                Source(url="javascript:alert(1)", title="<b>x</b>"),
                Source(url=f"{site.as_uri()}/secret.txt"),
            ],
        )

    window = make_window(db)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1)
    window.library_view.selectRow(0)
    qtbot.waitUntil(lambda: window.article is not None)
    [note] = window.notes
    window.reader.select_range(note.start, note.end)
    editor = window.notes_panel.editor
    assert editor.note() is not None
    editor.body_tabs.setCurrentWidget(editor.preview)
    qtbot.wait(300)

    assert server.paths == []  # type: ignore[attr-defined]
    assert sentinels_opened(watch) == set()
    for browser in window.findChildren(QTextBrowser):
        assert image_references(browser.document()) == []
    shown = editor.preview.toPlainText()
    assert "pixel.png" in shown  # the images are shown as their source text
    assert SECRET_MARKER not in window.reader.toPlainText()


def test_url_import_fetches_the_page_and_nothing_it_refers_to(
    server: ThreadingHTTPServer, site: Path, watch: FileOpenWatch
) -> None:
    server.page = hostile_page(base_url(server), site).encode()  # type: ignore[attr-defined]
    raw = fetch_url(f"{base_url(server)}/article.html")
    article = clean_input(raw.data, raw.media_type, url=raw.url, name=raw.name)
    assert "ferry" in article.text
    assert server.paths == ["/article.html"]  # type: ignore[attr-defined]
    assert sentinels_opened(watch) == set()


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return opened


LINKS = [
    ("https://example.org/a?b=1#c", True),
    ("http://example.org/", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("mailto:someone@example.org", False),
    ("ftp://example.org/file", False),
    ("smb://server/share", False),
    ("myapp://do-something", False),
    ("about:blank", False),
    ("//example.org/no-scheme", False),
    ("#", False),
    ("relative/page.html", False),
]


def test_only_web_links_reach_the_system_browser(
    qtbot, make_window, opened_urls: list[str]
) -> None:
    window = make_window()
    preview = window.notes_panel.editor.preview
    refused: list[str] = []
    preview.link_refused.connect(refused.append)
    window.reader.link_refused.connect(refused.append)
    for url, opens in LINKS:
        opened_urls.clear()
        refused.clear()
        preview.anchorClicked.emit(QUrl(url))
        window.reader.anchorClicked.emit(QUrl(url))
        window.reader_pane.header.linkActivated.emit(url)
        assert len(opened_urls) == (3 if opens else 0), url
        assert len(refused) == (0 if opens else 2), url


def _anchor_points(browser: QTextBrowser) -> dict[str, QPoint]:
    """Viewport point of every link shown in ``browser``, by its href."""
    points: dict[str, QPoint] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + min(1, fragment.length() - 1))
                points.setdefault(href, browser.cursorRect(cursor).center())
            it += 1
        block = block.next()
    return points


def test_note_links_open_only_when_clicked_and_only_for_the_web(
    qtbot, make_window, tmp_path: Path, opened_urls: list[str]
) -> None:
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        aid = import_document(
            lib, RawInput(f"Ferry news\n\n{PROSE}\n\n{PROSE}".encode(), "text/plain")
        )
        text = lib.get_article(aid).text
        start = text.index("The harbour")
        lib.add_note(
            aid,
            start,
            text.index("passengers.") + len("passengers."),
            body="[web](https://example.org/evidence) and "
            "[bad](javascript:alert(1)) and [disk](file:///etc/passwd)",
        )
    window = make_window(db)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1)
    window.library_view.selectRow(0)
    qtbot.waitUntil(lambda: window.article is not None)
    [note] = window.notes
    window.reader.select_range(note.start, note.end)
    preview = window.notes_panel.editor.preview
    window.notes_panel.editor.body_tabs.setCurrentWidget(preview)
    qtbot.wait(50)
    assert opened_urls == []  # shown, not opened

    points = _anchor_points(preview)
    assert set(points) == {"https://example.org/evidence", "#"}
    qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=points["#"])
    assert opened_urls == []
    qtbot.mouseClick(
        preview.viewport(), Qt.MouseButton.LeftButton, pos=points["https://example.org/evidence"]
    )
    assert opened_urls == ["https://example.org/evidence"]


# -- rich-text labels -----------------------------------------------------------------


def displayed(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a label (or tooltip) with ``text`` shows: rich text is rendered first."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _orphan_note(quote: str) -> Note:
    return Note(
        id="n1",
        article_id="a1",
        anchor_state="orphan",
        selector=Selector(start=0, end=len(quote), exact=quote),
    )


def test_orphan_banner_shows_the_quote_as_text(qtbot, site: Path, watch: FileOpenWatch) -> None:
    from reader.ui.note_editor import NoteEditor

    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.show()
    quote = f'The page said <img src="{site.as_uri()}/pixel.png"> in its text.'
    editor.set_note(_orphan_note(quote))
    qtbot.wait(50)
    assert sentinels_opened(watch) == set()
    banner = editor.anchor_banner
    assert quote in displayed(banner.text(), banner.textFormat())


# The offscreen platform cannot raise the tooltip window; the tooltip is shown anyway.
TOOLTIP_RAISE = "This plugin does not support raise"


def _show_tooltip(qtbot, view, row: int) -> str:
    rect = view.visualRect(view.model().index(row, 0))
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.wait(100)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


@pytest.mark.qt_log_ignore(TOOLTIP_RAISE)
def test_note_tooltip_shows_the_quote_as_text(
    qtbot, make_window, tmp_path: Path, site: Path, watch: FileOpenWatch
) -> None:
    db = tmp_path / "library.sqlite3"
    tag = f'<img src="{site.as_uri()}/pixel.png">'
    with Library(db) as lib:
        aid = import_document(
            lib,
            RawInput(
                f"Ferry news\n\nThe page printed {tag} as text. {PROSE}".encode(), "text/plain"
            ),
        )
        text = lib.get_article(aid).text
        lib.add_note(aid, text.index("The page"), text.index("text.") + len("text."))
    window = make_window(db)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1)
    window.library_view.selectRow(0)
    qtbot.waitUntil(lambda: window.article is not None)
    tooltip = _show_tooltip(qtbot, window.notes_panel.article_list, 0)
    assert sentinels_opened(watch) == set()
    assert tag in displayed(tooltip)


@pytest.mark.qt_log_ignore(TOOLTIP_RAISE)
def test_library_tooltip_shows_a_hostile_title_as_text(
    qtbot, make_window, tmp_path: Path, site: Path, watch: FileOpenWatch
) -> None:
    db = tmp_path / "library.sqlite3"
    tag = f'<img src="{site.as_uri()}/pixel.png">'
    page = (
        f"<html><head><title>Ferry {tag.replace('<', '&lt;')} news</title></head>"
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )
    with Library(db) as lib:
        import_document(lib, RawInput(page.encode(), "text/html"))
    window = make_window(db)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1)
    tooltip = _show_tooltip(qtbot, window.library_view, 0)
    assert sentinels_opened(watch) == set()
    assert tag in displayed(tooltip)


def test_error_text_chosen_by_a_server_is_shown_as_text(
    qtbot, make_window, server: ThreadingHTTPServer, site: Path, watch: FileOpenWatch
) -> None:
    from reader.core.errors import FetchError

    server.reason = f'Oops <img src="{site.as_uri()}/pixel.png">'  # type: ignore[attr-defined]
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{base_url(server)}/broken")
    window = make_window()
    shown: list[str] = []

    def close_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.close()
                shown.append(displayed(widget.text(), widget.textFormat()))

    QTimer.singleShot(200, close_box)
    window.show_error(caught.value)
    assert sentinels_opened(watch) == set()
    assert shown and server.reason in shown[0]  # type: ignore[attr-defined]


# -- characters outside the Basic Multilingual Plane ----------------------------------


def test_selection_after_emoji_covers_exactly_the_sentence(qtbot) -> None:
    from reader.core.models import Article, ArticleMeta, build_article
    from reader.ui.reader_view import ReaderView

    clean = build_article(
        [
            ("title", "Flags 🇺🇦 and faces 😀"),
            ("paragraph", "The crowd cheered 👍🏽 loudly. Officials said the vote was on Monday."),
        ]
    )
    article = Article(id="a1", text=clean.text, blocks=clean.blocks, meta=ArticleMeta())
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, [])
    start, end = view.spans[-1]
    view.select_range(start, end)
    assert view.extraSelections()[-1].cursor.selectedText() == clean.text[start:end]
