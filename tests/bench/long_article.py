"""Opening a long article, and clicking a sentence in it, in the real main window.

Run from the repository root::

    python -m tests.bench.long_article                     # 20,000 words, 300 notes
    python -m tests.bench.long_article --words 5000 --notes 50 --runs 9
    python -m tests.bench.long_article --profile           # cProfile of one open

The article is made by the generator of ``generate_library.py`` (paragraphs, headings,
quotes; one 20,000-word text) and stored with its notes, exactly as the Library API
stores them, in a small library of its own (four other, short articles beside it).

*Open*: a mouse click on the article's row in the library list (``QTest.mouseClick``)
up to the article fully laid out (``QTextDocument.pageCount()`` forces the layout of
the whole document, not just the first screen) and the window painted with the verdict
tints and margin marks (``repaint()``); before each run a click on a short article
resets the reader.  Target: < 150 ms, and ≤ 3 × ``QTextDocument.setPlainText`` of the
same text in the same run.  ``setPlainText`` alone does not lay anything out (about
1 ms for 20,000 words), so the ratio is taken against ``setPlainText`` followed by the
layout at the reader's width and font; the bare call and a plain ``QTextEdit`` given
the text, laid out and painted, are printed too.

*Click a sentence*: a mouse click on a sentence in the visible part of the reader up to
the reader and the notes panel repainted (selection outline, notes of the sentence in
the panel, the note in the editor).  Target: < 16 ms (one frame).  Baseline: a click in
the plain ``QTextEdit`` above, and its repaint.

Findings (cProfile, 20,000 words / 300 notes): see the report this script prints with
``--profile``; the summary is kept in the module ``FINDINGS`` below and printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.bench._common import (
    CACHE_DIR,
    Report,
    guard_none_refcount,
    median_ms,
    profile_to_file,
    use_offscreen_qt,
)
from tests.bench.generate_library import GeneratedArticle

FINDINGS = """\
Findings (cProfile, 20,000 words / 300 notes; python -m tests.bench.long_article --profile):
Open, ~400 ms, of which:
 * ReaderView._refresh_selections ~130 ms: 300 notes -> 300 ExtraSelections, each built
   by _cursor() (3 QTextCursor.setPosition calls; the first setPosition in a block
   lays that block out).  Fix (reader/ui/reader_view.py): build the note tints once
   per show_article/set_notes/style change and keep them in self._note_selections;
   _refresh_selections then only rebuilds hover, find and selection and concatenates.
   Build each tint with one cursor: c = QTextCursor(doc); c.setPosition(a);
   c.setPosition(b, KeepAnchor) (drop the third call).
 * ReaderView._layout ~170 ms: block-by-block insertion with per-block formats plus
   the QTextDocument layout; near the floor (a plain QTextEdit: ~80-100 ms).
 * sentence_spans ~40 ms (the segmenter); could be cached per text hash.
 * MainWindow._update_header -> Article.reading_minutes -> word_count ~27 ms: a
   generator over 20,000 regex matches.  Fix (reader/core/models.py word_count):
   len(_WORD.findall(text)) (~3x faster), or store the word count with the version.
Click a sentence, ~40-55 ms, of which:
 * ReaderView._paint_markers ~14 ms per paint: cursorRect(_collapsed(start)) for all
   300 notes on every paint, visible or not.  Fix: bisect the notes (sorted by start)
   to the visible range - first/last doc positions from cursorForPosition of the
   viewport's top-left and bottom-right - and only place those.
 * ReaderView._refresh_selections ~10 ms per click (and per hover change, in
   mouseMoveEvent): rebuilds all 300 tints.  Same fix as above (cached tints).
 * QTextEdit repaint ~8 ms: Qt draws 300 extra selections; fewer once only the tints
   of visible blocks are passed (optional).
 * NoteEditor.set_note -> markdown_to_safe_html ~1 ms: fine.
Crash found here: PySide6 6.12.0 on Python 3.11 drops a reference to None on every
void Qt call; after a few thousand calls (a few hundred clicks here) the app aborts
with "Fatal Python error: none_dealloc".  See guard_none_refcount in _common.py.
"""


def make_long_article(words: int, notes: int, seed: int = 3) -> list[GeneratedArticle]:
    """The long article (first) and four short ones, as generator records."""
    from reader.core.models import build_article
    from reader.core.segment import sentence_spans
    from tests.bench.generate_library import (
        Vocabulary,
        _uuid,
        generate_articles,
        synthetic_notes,
    )

    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    parts = [("title", vocab.title(rng)), ("byline", f"By {vocab.name(rng)}")]
    count = 0
    while count < words:
        roll = rng.random()
        if roll < 0.04:
            block = ("heading", vocab.sentence(rng, rng.randint(3, 8))[:-1])
        elif roll < 0.14:
            block = ("quote", vocab.quote(rng))
        else:
            block = ("paragraph", " ".join(
                vocab.quote(rng) if rng.random() < 0.2 else vocab.sentence(rng)
                for _ in range(rng.randint(1, 5))))
        parts.append(block)
        count += len(block[1].split())
    text = build_article(parts).text
    spans = sentence_spans(text)
    meta: dict[str, str | None] = {"title": parts[0][1], "byline": parts[1][1], "site_name": "Long Read Weekly",
            "url": "https://longread.example/2024/05/long", "published": "2024-05-02",
            "language": "en"}
    raw = text.encode("utf-8")
    long_one = GeneratedArticle(_uuid(rng), parts, meta, raw, meta["url"] or "",
                                synthetic_notes(rng, vocab, spans, notes, "Long Read Weekly"))
    return [long_one] + list(generate_articles(seed + 1, 4, 6))


def build_db(path: Path, words: int, notes: int) -> tuple[str, str, int, int]:
    """Write the small library; returns (long id, short id, words, notes) as stored."""
    from reader.store.library import Library
    from tests.bench.generate_library import insert_bulk, reindex_bulk

    generated = make_long_article(words, notes)
    with Library(path) as lib:
        with lib.db.atomic():
            # The long article is the newest: first row of the list.
            now = datetime.now(timezone.utc)
            insert_bulk(lib, generated[1:], 0, now - timedelta(hours=1))
            insert_bulk(lib, generated[:1], 0, now)
        reindex_bulk(lib)
        article = lib.get_article(generated[0].id)
        stored_notes = len(lib.notes_for_article(article.id))
        return generated[0].id, generated[1].id, len(article.text.split()), stored_notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Open a long article; click a sentence.")
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile one open and one click")
    args = parser.parse_args(argv)

    use_offscreen_qt()
    guard_none_refcount()
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTextEdit

    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="fcr-long-"))
    long_id, short_id, words, notes = build_db(tmp / "long.sqlite3", args.words, args.notes)
    window = MainWindow(tmp / "long.sqlite3",
                        QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    view = window.library_view

    def click_row(article_id: str) -> None:
        row = window.library_model.row_of(article_id)
        index = window.library_proxy.mapFromSource(window.library_model.index(row, 0))
        rect = view.visualRect(index)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, rect.center())

    def rendered() -> None:
        window.reader.document().pageCount()  # forces the layout of the whole document
        window.repaint()
        app.processEvents()

    def open_long() -> None:
        click_row(long_id)
        rendered()
        assert window.article is not None and window.article.id == long_id

    def reset() -> None:
        click_row(short_id)
        rendered()

    text = window.lib.get_article(long_id).text

    def set_plain_text() -> None:
        QTextDocument().setPlainText(text)

    def set_plain_text_laid_out() -> None:
        doc = QTextDocument()
        doc.setDefaultFont(window.reader.document().defaultFont())
        doc.setTextWidth(window.reader.viewport().width())
        doc.setPlainText(text)
        doc.pageCount()  # a QTextDocument lays itself out only when asked

    plain = QTextEdit()
    plain.setReadOnly(True)
    plain.resize(window.reader.size())
    plain.show()

    def plain_render() -> None:
        plain.setPlainText(text)
        plain.document().pageCount()
        plain.repaint()
        app.processEvents()

    def plain_reset() -> None:
        plain.setPlainText("")
        app.processEvents()

    if args.profile:
        reset()
        out = CACHE_DIR / "long_article_open.prof"
        print(profile_to_file(open_long, out, top=35))
        print(f"(stats in {out})")

    report = Report(f"Long article: {words:,} words, {notes} notes")
    ours = median_ms(open_long, args.runs, before=reset)
    base_doc = median_ms(set_plain_text, args.runs)
    base_laid = median_ms(set_plain_text_laid_out, args.runs)
    base_edit = median_ms(plain_render, args.runs, before=plain_reset)
    report.add("open: click in list → laid out, tinted, painted", ours, base_laid,
               baseline_name="QTextDocument.setPlainText + layout", limit=150, max_ratio=3)
    report.add("open (same), against setPlainText alone", ours, base_doc,
               baseline_name="QTextDocument.setPlainText (no layout)")
    report.add("open (same), against a plain QTextEdit", ours, base_edit,
               baseline_name="QTextEdit setPlainText + layout + paint")

    # Clicking sentences on the first screen, some with notes, some without.
    open_long()
    reader = window.reader
    visible = []
    for i, (s, _e) in enumerate(reader.spans):
        rect = reader.cursorRect(reader._collapsed(s))
        if 0 <= rect.top() and rect.bottom() < reader.viewport().height() - 10:
            visible.append((i, QPoint(rect.right() + 12, rect.center().y())))
    noted = {i for i, (s, e) in enumerate(reader.spans)
             if any(n.start < e and s < n.end for n in window.notes)}
    points = [p for i, p in visible][:8]
    with_notes = sum(1 for i, _ in visible[:8] if i in noted)
    cycle = iter(range(10**9))

    def click_sentence() -> None:
        point = points[next(cycle) % len(points)]
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)
        reader.viewport().repaint()
        window.notes_panel.repaint()
        app.processEvents()

    plain_cycle = iter(range(10**9))

    def click_plain() -> None:
        cursor_rect = plain.cursorRect(QTextCursor(plain.document()))
        point = QPoint(40 + 30 * (next(plain_cycle) % 8), cursor_rect.center().y() + 40)
        QTest.mouseClick(plain.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)
        plain.viewport().repaint()
        app.processEvents()

    if not points:
        print("no sentence visible on the first screen", file=sys.stderr)
        return 1
    if args.profile:
        out = CACHE_DIR / "long_article_click.prof"

        def sixteen_clicks() -> None:
            for _ in range(16):
                click_sentence()

        print(profile_to_file(sixteen_clicks, out, top=25))
    clicks: list[float] = []
    for _ in range(max(16, args.runs * 3)):
        started = time.perf_counter()
        click_sentence()
        clicks.append((time.perf_counter() - started) * 1000)
    plain_render()
    plain_clicks = []
    for _ in range(max(16, args.runs * 3)):
        started = time.perf_counter()
        click_plain()
        plain_clicks.append((time.perf_counter() - started) * 1000)
    assert window.reader.selected is not None
    report.add("click a sentence → panel and reader repainted", statistics.median(clicks),
               statistics.median(plain_clicks), baseline_name="click in plain QTextEdit",
               limit=16)
    report.add("click a sentence, slowest of the runs", max(clicks), max(plain_clicks),
               baseline_name="click in plain QTextEdit")
    report.notes.append(f"{len(points)} sentences clicked in turn, {with_notes} of them with "
                        f"notes; {len(clicks)} clicks; medians of {args.runs} opens")
    report.print()
    if FINDINGS.strip():
        print(FINDINGS)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
