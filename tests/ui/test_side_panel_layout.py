"""The side panel at a laptop's 1280×800, clicked from sentence to sentence: a sentence
without notes takes one line above Seen before, and the panel keeps still between
sentences alike (none, one note); Seen before's rows show, and say what their number
is; Worth checking shows its sentences."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article

NOTED = "The mayor said the bridge had been closed for ten years."
NOTED_TOO = "A second bridge was closed in the spring of last year, officials said."
TWICE = "The council spent four million on repairs."
BARE = "Nobody was hurt."
BARE_TOO = "The road reopened on Monday morning after a long and careful inspection."


@pytest.fixture
def window(make_window):
    w = make_window()
    text = " ".join((NOTED, BARE, NOTED_TOO, BARE_TOO, TWICE))
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", text)]))
    for sentence, times in ((NOTED, 1), (NOTED_TOO, 1), (TWICE, 2)):
        start = art.text.index(sentence)
        for _ in range(times):
            w.lib.add_note(art.id, start, start + len(sentence), verdict="mixed")
    w.library.reload()
    w.open_article(art.id)
    return w


def click(qtbot, w, sentence: str) -> None:
    start = w.article.text.index(sentence)
    w.reader.select_range(start, start + len(sentence))
    QApplication.sendPostedEvents()
    qtbot.wait(10)


def top_in_panel(w, widget) -> int:
    return widget.mapTo(w.notes_panel, QPoint(0, 0)).y()


def test_a_sentence_without_notes_takes_one_line_above_seen_before(qtbot, window):
    w = window
    panel = w.notes_panel
    line = panel.fontMetrics().lineSpacing()
    click(qtbot, w, BARE)
    assert not panel.selection_list.isVisible()
    assert panel.selection_empty.isVisible()
    assert panel.selection_empty.text() == "No notes on this sentence."
    label_bottom = top_in_panel(w, panel.selection_label) + panel.selection_label.height()
    # Seen before follows the quote after one line (and the layout's spacing), not 100 px.
    assert top_in_panel(w, w.seen_before.section) - label_bottom <= 2 * line + 16
    click(qtbot, w, NOTED)
    assert panel.selection_list.isVisible() and not panel.selection_empty.isVisible()
    # Its one note in two lines: the verdict and the conclusion.
    assert panel.selection_list.height() > 2 * panel.selection_empty.height()


def test_the_panel_keeps_still_between_sentences_with_as_many_notes(qtbot, window):
    w = window
    panel, section = w.notes_panel, w.seen_before.section
    click(qtbot, w, BARE)
    bare_top = top_in_panel(w, section)
    click(qtbot, w, BARE_TOO)  # a longer sentence, no notes either
    assert top_in_panel(w, section) == bare_top
    click(qtbot, w, NOTED)
    noted_height, noted_top = panel.selection_list.height(), top_in_panel(w, section)
    click(qtbot, w, NOTED_TOO)  # a longer quote in its note
    assert panel.selection_list.height() == noted_height
    assert top_in_panel(w, section) == noted_top
    click(qtbot, w, TWICE)  # two notes: the list shows more of them, the rest scroll
    assert panel.selection_list.height() > noted_height
    assert panel.selection_model.rowCount() == 2


def claim(ref: str, text: str, score: float = 0.5):
    from reader.app.claims_memory import SimilarClaim

    return SimilarClaim("note", ref, text, score, ["bridge"], article_title="Earlier")


def test_seen_before_shows_the_rows_of_the_next_sentence_too(qtbot):
    """The rows of one sentence replace the last one's in a section already shown: the
    new rows, not yet shown when the height was taken, once left it at nothing."""
    from reader.ui.seen_before_widgets import SeenBeforeSection

    section = SeenBeforeSection()
    qtbot.addWidget(section)
    section.resize(340, 400)
    section.show()
    qtbot.waitExposed(section)
    section.set_claims([claim("a", NOTED), claim("b", NOTED_TOO)], set())
    qtbot.waitUntil(lambda: all(row.isVisible() for row in section.rows))
    first = section.body.height()
    assert first > 2 * section.fontMetrics().lineSpacing()
    section.set_looking()
    section.set_claims([claim("c", TWICE), claim("d", BARE_TOO)], set())
    qtbot.waitUntil(lambda: all(row.isVisible() for row in section.rows))
    assert section.body.isVisible()
    assert section.body.height() > 2 * section.fontMetrics().lineSpacing()
    assert section.body.height() >= section.rows_layout.totalHeightForWidth(section.width()) - 1


def test_a_seen_before_row_says_its_number_is_how_closely_the_claim_matches(qtbot):
    from reader.app.claims_memory import SimilarClaim
    from reader.ui.seen_before_widgets import ClaimRow

    claim = SimilarClaim(
        kind="factcheck",
        ref="f1",
        text="Ten thousand soldiers gathered at the northern border.",
        score=0.8312,
        shared_terms=["northern", "border"],
        publisher="Example Checks",
        rating="False",
    )
    row = ClaimRow(claim, linked=False)
    qtbot.addWidget(row)
    assert row.why_label.text() == "match 0.83 · shares northern, border"
    for said in (row.why_label.toolTip(), row.why_label.accessibleDescription()):
        assert "how strongly the searches by shared words and by meaning agree" in said
        assert "does not say the two are the same claim" in said
    alike = ClaimRow(SimilarClaim("note", "n1", "Troops at the border.", 0.5, []), False)
    qtbot.addWidget(alike)
    assert alike.why_label.text() == "match 0.50 · similar meaning"


def test_a_seen_before_row_gives_its_match_line_the_whole_width(qtbot):
    from PySide6.QtGui import QFont

    from reader.ui.seen_before_widgets import ClaimRow

    row = ClaimRow(claim("a", NOTED, 0.87), linked=False)
    qtbot.addWidget(row)
    big = QFont(row.font())
    big.setPointSizeF(big.pointSizeF() * 1.5)  # a large system font
    row.setFont(big)
    row.resize(330, row.heightForWidth(330))
    row.show()
    qtbot.waitExposed(row)
    # Not squeezed beside the Link buttons (a word a line at this size).
    assert row.why_label.width() >= row.contentsRect().width() - 8
    assert row.why_label.geometry().bottom() < row.link_button.geometry().top()


def test_worth_checking_gives_the_sentence_the_width_the_score_and_chips_leave(qtbot):
    from reader.app.claims_radar import ArticleClaim
    from reader.ui.claims_list import ClaimsList

    claims = ClaimsList()
    qtbot.addWidget(claims)
    claims.resize(346, 200)  # the notes panel's width at 1280×800
    claims.show()
    qtbot.waitExposed(claims)
    sentence = "The army said 40 percent of its tanks were new, a figure nobody could confirm."
    claims.set_claims(
        [ArticleClaim(0, 78, sentence, 0.98, True, ("quantity",), "", "", None, (), False)]
    )
    view = claims.view

    def shown() -> int:
        return view.columnWidth(0) + view.columnWidth(1) + view.columnWidth(2)

    # Score, sentence, why: in sight side by side (once the scroll bars have settled).
    qtbot.waitUntil(lambda: abs(shown() - view.viewport().width()) <= 1)
    assert view.columnWidth(1) > 130  # was the default 100: a dozen characters
    claims.resize(500, 200)  # a wider panel: the sentence gets the room
    qtbot.waitUntil(lambda: view.columnWidth(1) > 300 - view.columnWidth(0))


def test_with_nothing_selected_seen_before_adds_no_second_instruction(make_window):
    w = make_window()
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", NOTED)]))
    w.library.reload()
    w.open_article(art.id)
    assert "Click a sentence" in w.notes_panel.selection_label.text()
    assert w.seen_before.section.status.text() == ""
