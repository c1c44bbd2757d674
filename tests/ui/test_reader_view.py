"""The reader's document: tints drawn in one pass, sentences found in slices, no leaks."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from reader.core.models import Article, ArticleMeta, Note, Selector, build_article
from reader.core.segment import sentence_spans
from reader.ui import reader_view
from reader.ui.reader_view import ReaderView

PARTS = [
    ("title", "Ferry Service Returns to the Island 🚢"),
    ("byline", "By Ines Okafor"),
    (
        "paragraph",
        "The ferry sailed at dawn on Tuesday. Forty passengers were aboard. "
        "The harbour master said the crossing took an hour.",
    ),
    ("quote", "“We waited two years for this,” a fisherman said. “It feels like a holiday.”"),
    ("heading", "Costs 😀 and timetables"),
    ("paragraph", "Tickets cost nine euros.\nChildren travel free. The council pays the rest."),
]


def _article() -> Article:
    clean = build_article(PARTS)
    return Article(id="a1", text=clean.text, blocks=clean.blocks, meta=ArticleMeta())


def _note(
    text: str, quote: str, verdict: str | None, state: str = "ok", length: int | None = None
) -> Note:
    start = text.index(quote)
    end = start + (length if length is not None else len(quote))
    selector = Selector(
        start=start, end=end, exact=text[start:end], prefix="", suffix="", text_sha256=""
    )
    return Note(
        id=f"n-{start}-{end}-{verdict}",
        article_id="a1",
        selector=selector,
        verdict=verdict,
        anchor_state=state,
    )


def _shown_view(qtbot, width: int) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


Look = tuple[str, int, str, float, bool, int]


def _tint(fmt: QTextCharFormat) -> Look:
    background = fmt.background()
    return (
        background.color().name() if background.style().value else "",
        fmt.underlineStyle().value,
        fmt.underlineColor().name(),
        fmt.fontPointSize(),
        fmt.fontItalic(),
        fmt.fontWeight(),
    )


def _look(doc: QTextDocument) -> list[Look]:
    """Tint and type of every character of the document, then of every block separator."""
    cursor = QTextCursor(doc)
    looks = []
    for position in range(1, doc.characterCount()):
        cursor.setPosition(position)  # the format of the character before
        looks.append(_tint(cursor.charFormat()))
    block = doc.begin()
    while block.isValid():
        looks.append(_tint(block.charFormat()))
        block = block.next()
    return looks


def _block_by_block(view: ReaderView, article: Article, notes: list[Note]) -> QTextDocument:
    """The document built the plain way: one block at a time, then each note merged in."""
    doc = QTextDocument()
    base = view.document().defaultFont()
    cursor = QTextCursor(doc)
    for i, block in enumerate(article.blocks):
        block_format, char_format = view._formats(block.kind, base)
        if i == 0:
            cursor.setBlockFormat(block_format)
        else:
            cursor.insertBlock(block_format)  # takes the format of the character before
        cursor.setCharFormat(char_format)
        cursor.insertText(
            article.text[block.start : block.end].replace("\n", "\u2028"), char_format
        )
    for note in notes:
        if note.anchor_state != "orphan":
            cursor.setPosition(view.doc_pos(note.start))
            cursor.setPosition(view.doc_pos(note.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(view._tint_format(note))
    return doc


def test_one_pass_document_equals_block_by_block_with_notes_merged(qtbot) -> None:
    article = _article()
    text = article.text
    notes = [
        _note(text, "The ferry sailed at dawn on Tuesday.", "false"),
        # Overlaps the first: the later note's colour wins where they meet.
        _note(text, "dawn on Tuesday. Forty passengers", "true"),
        # Changed, over two blocks: its dashed underline survives the note after it.
        _note(text, "the crossing took an hour.", "mixed", "changed", length=60),
        _note(text, "“We waited two years", None),
        _note(text, "Tickets cost nine euros.", "false", "orphan"),
        _note(text, "Children travel free.", "misleading"),
        _note(text, "😀 and timetables", "satire"),
    ]
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, notes)
    reference = _block_by_block(view, article, notes)
    assert view.document().toPlainText() == reference.toPlainText()
    assert _look(view.document()) == _look(reference)
    assert any(look[1] for look in _look(reference))  # the changed underline is there


def test_retinting_after_notes_change_equals_opening_with_them(qtbot) -> None:
    article = _article()
    text = article.text
    before = [_note(text, "Forty passengers were aboard.", "false")]
    after = [
        _note(text, "The ferry sailed at dawn on Tuesday.", "true"),
        _note(text, "Children travel free.", "mixed", "changed"),
    ]
    opened = ReaderView()
    qtbot.addWidget(opened)
    opened.show_article(article, after)
    changed = ReaderView()
    qtbot.addWidget(changed)
    changed.show_article(article, before)
    changed.set_notes(after)
    assert _look(changed.document()) == _look(opened.document())


def test_tint_after_an_emoji_covers_exactly_its_note(qtbot) -> None:
    article = _article()
    note = _note(article.text, "and timetables", "false")
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, [note])
    looks = _look(view.document())
    tinted = [i for i, look in enumerate(looks) if look[0]]
    assert tinted == list(range(view.doc_pos(note.start), view.doc_pos(note.end)))
    cursor = QTextCursor(view.document())
    cursor.setPosition(tinted[0])
    cursor.setPosition(tinted[-1] + 1, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == note.exact


def test_sentences_found_in_slices_equal_the_whole_text_split(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(reader_view, "SPLIT_SLICE_CHARS", 40)
    article = _article()
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, [])
    assert view._spans is None  # nothing split before the event loop runs
    qtbot.waitUntil(lambda: view._spans is not None)
    assert view.spans == sentence_spans(article.text)


def test_asking_for_sentences_mid_split_finishes_it(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(reader_view, "SPLIT_SLICE_CHARS", 40)
    article = _article()
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, [])
    view._split_some()
    assert view._spans is None and view._blocks_split > 0
    assert view.spans == sentence_spans(article.text)
    assert view.sentence_at(article.text.index("Children")) is not None


def test_opening_another_article_frees_the_previous_document(qtbot) -> None:
    article = _article()
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article, [])
    freed: list[bool] = []
    view.document().destroyed.connect(lambda *_: freed.append(True))
    view.show_article(replace(article, id="a2"), [])
    view.show_article(None, [])
    assert len(freed) == 1
    assert len(view.findChildren(QTextDocument)) == 1


def test_where_two_notes_overlap_the_margin_mark_matches_the_tint(qtbot):
    from PySide6.QtCore import QPoint

    from reader.ui.theme import verdict_colour

    view = _shown_view(qtbot, width=700)
    art = _article()
    quote = "Tickets cost nine euros."
    first, last = _note(art.text, quote, "false"), _note(art.text, quote, "true")
    last = replace(last, id="n-later")
    view.show_article(art, [first, last])
    qtbot.wait(20)
    rect = view.cursorRect(view._collapsed(first.start))
    left = int(view.document().rootFrame().frameFormat().leftMargin())
    image = view.viewport().grab().toImage()
    mark_colour = image.pixelColor(QPoint(left - 28 + 4, rect.top() + 4)).name()
    assert mark_colour == verdict_colour("true", False).name()


def test_the_selection_outline_leaves_out_the_rest_of_its_first_and_last_lines(qtbot):
    view = _shown_view(qtbot, width=900)
    art = _article()
    view.show_article(art, [])
    qtbot.wait(20)
    start = art.text.index("The council pays the rest.")
    end = start + len("The council pays the rest.")
    before = view.cursorRect(view._collapsed(start - 3))  # "free." before it
    inside = view.cursorRect(view._collapsed(start + 4))
    assert before.top() == inside.top()  # the same line
    outline = view.selection_outline(start, end)
    assert not outline.containsPoint(before.center(), Qt.FillRule.OddEvenFill)
    assert outline.containsPoint(inside.center(), Qt.FillRule.OddEvenFill)
