"""What session 13's walkthrough of the window noticed: the library column held at the
Claims table's width on the Articles tab, the filters cut at 1024 px with a large font,
the verdict legend's marks parted from their names, Seen before's empty space while
looking, and the command line's "re-anchor"."""

from __future__ import annotations

from PySide6.QtGui import QFont

from tests.ui._walkthrough import flood_article as _article
from tests.ui._walkthrough import noted_window, settled


def test_the_library_column_narrows_on_the_articles_tab_after_the_claims_tab(qtbot, make_window):
    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, verdict="false")
    w.library.reload()
    settled()
    articles_least = w.library.minimumSizeHint().width()
    claims = w.library.show_claims()
    qtbot.waitUntil(lambda: not claims.loading)  # "Listing claims…" is wider than "1 claim"
    settled()
    # The Claims table needs its width while it shows.
    claims_least = w.library.minimumSizeHint().width()
    assert claims_least > articles_least
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    settled()
    # Back on the Articles tab the column's least is the articles' again: it stayed at
    # the Claims table's (292 px) for the rest of the session.
    assert w.library.minimumSizeHint().width() == articles_least
    w.splitter.setSizes([articles_least, 1000, 280])
    settled()
    assert w.splitter.sizes()[0] == articles_least
    # And the Claims tab, shown again, asks for its own least once more.
    w.library.show_claims()
    settled()
    assert w.library.minimumSizeHint().width() == claims_least
    assert w.splitter.sizes()[0] >= claims_least


def test_saved_articles_widths_apply_in_a_narrow_window_after_the_claims_tab(qtbot, make_window):
    w = make_window()
    w.resize(800, 600)
    settled()
    # Under the Claims tab's least width (the Articles tab's is less).
    w.splitter.setSizes([140, 460, 180])
    settled()
    articles = w.splitter.sizes()
    w.library.show_claims()
    settled()
    assert articles[0] < w.library.minimumSizeHint().width()
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    settled()
    # The Articles tab's widths come back as the user left them (the column was held
    # at the Claims table's least, 292 px).
    assert w.splitter.sizes() == articles


def test_the_library_filters_and_titles_read_whole_at_1024_with_a_large_font(
    qtbot, large_font, make_window
):
    w = noted_window(
        qtbot, make_window, others=("Harbour bridge closes for repairs", "Council budget")
    )
    assert w.width() == 1024
    pane = w.library
    # Each box shows its longest choice: two to a row they read "Any verdi".
    for box in (pane.verdict_filter, pane.status_filter, pane.tag_filter, pane.speaker_filter):
        assert box.width() >= box.sizeHint().width(), box.accessibleName()
    # A short title shows whole: the column had 81 px ("Flo…ier"), the welcome text's
    # buttons holding the article's least width and the article keeping what it had
    # to spare.  (The text's margins in a cell: 3 px a side.)
    view = w.library_view
    assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance("Flood barrier") + 6
    # The article keeps room to be read, the note's form its width.
    assert w.splitter.sizes()[1] >= 380
    inner = w.notes_panel.editor.form_scroll.widget()
    assert inner.width() >= inner.minimumSizeHint().width()
    # A column the user narrows stays as narrow, the window made smaller or not.
    w.splitter.moveSplitter(240, 1)
    settled()
    narrowed = w.splitter.sizes()[0]
    assert narrowed <= 240
    w.resize(1000, 640)
    settled()
    assert w.splitter.sizes()[0] <= narrowed


def test_the_filters_go_two_to_a_row_again_when_the_column_is_widened(qtbot, make_window):
    w = make_window()
    filters = w.library.filters
    assert filters.columns == 2
    w.splitter.setSizes([180, 700, 380])
    settled()
    assert filters.columns == 1
    assert all(b.width() >= b.sizeHint().width() for b in filters.boxes)
    w.splitter.setSizes([filters.two_columns_width() + 20, 500, 380])
    settled()
    assert filters.columns == 2
    assert all(b.width() >= b.sizeHint().width() for b in filters.boxes)


def _lines_of(html: str, font: QFont, width: int) -> list[str]:
    """The lines rich text ``html`` is laid out in at ``width`` pixels (as in a label)."""
    from PySide6.QtGui import QTextDocument, QTextOption

    doc = QTextDocument()
    doc.setDefaultFont(font)
    option = doc.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # a label's
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(width)
    doc.size()  # laid out
    lines = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_a_verdict_mark_never_wraps_away_from_its_name(qtbot, make_window):
    from reader.core.verdicts import VERDICTS

    w = make_window()
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 3)
    legend = w.notes_panel.legend
    for dark in (False, True):
        w.notes_panel.update_legend(dark)
        html = legend.text()
        for width in range(60, 700):
            lines = _lines_of(html, legend.font(), width)
            assert len(lines) > 1 or width > 300
            # Each mark is followed by its name: a line ending with one parts them
            # ("–" of Not checkable ended a line, its name began the next).
            for v in VERDICTS:
                ends = [line for line in lines if line.rstrip("\xa0 ").endswith(v.mark)]
                assert not ends, (width, v.label, lines)


def test_seen_before_looking_leaves_no_large_gap_and_keeps_still(qtbot, large_font):
    """At a large font in a narrow notes column the header kept the height of the
    longest line wrapped beside the title (four lines, ~100 px) under "Looking…"."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from reader.app.claims_memory import SimilarClaim
    from reader.ui.seen_before_widgets import SeenBeforeSection

    panel = QWidget()  # the section in a column, as in the notes panel at 1024 px
    qtbot.addWidget(panel)
    section = SeenBeforeSection()
    column = QVBoxLayout(panel)
    column.addWidget(section)
    column.addStretch(1)
    panel.resize(290, 600)
    panel.show()
    qtbot.waitExposed(panel)

    def header() -> int:  # the bottom of the title and the status under or beside it
        settled()
        column.activate()
        return max(section.toggle.geometry().bottom(), section.status.geometry().bottom())

    heights = []
    for _ in range(2):
        section.set_claims([], set())  # nothing like the sentence
        heights.append(header())
        section.set_looking()  # the next sentence clicked
        heights.append(header())
    # Under "Looking…": at most one empty line, not three.
    status = section.status
    line = status.fontMetrics().lineSpacing()
    looking = status.fontMetrics().boundingRect(status.text()).height()
    text_bottom = status.geometry().top() + status.contentsMargins().top() + looking
    assert header() - text_bottom <= line + 2
    section.set_claims([SimilarClaim("note", "a", "The bridge closed.", 0.5, ["bridge"])], set())
    section.set_has_note(False)  # "Link adds a note to this sentence."
    heights.append(header())
    section.set_has_note(True)  # no status line
    heights.append(header())
    # The panel below does not move from sentence to sentence.
    assert len(set(heights)) == 1, heights
    # Every line shown whole.
    for text in ("Nothing like this sentence yet.", "Link adds a note to this sentence."):
        status.setText(text)
        settled()
        assert status.heightForWidth(status.width()) <= status.height(), text
