"""Seen before from the keyboard and in words: Ctrl+Shift+L links the closest earlier
claim (Ctrl+Z unlinks it), Tab reaches the rows from the sentence's notes, each button
says which claim it links, and "Link + copy" says what it could not copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.app.claims_memory import claim_links
from tests.ui.test_seen_before import (  # noqa: F401  (the fixture is used by name)
    REVIEW,
    TODAY,
    add_article,
    library,
    only_factcheck_shown,
    rows_shown,
    select,
)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_l_links_the_closest_claim_and_ctrl_z_unlinks_it(qtbot, library):  # noqa: F811
    w, _earlier, mine = library
    select(w, TODAY)
    rows_shown(qtbot, w)
    section = w.seen_before.section
    first, second = section.rows[0].claim, section.rows[1].claim
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_L, CTRL_SHIFT)
    assert [(x.kind, x.ref) for x in claim_links(w.lib, mine.id)] == [(first.kind, first.ref)]
    assert section.rows[0].linked
    assert "Linked" in w.statusBar().currentMessage()
    # Again: the closest one the note is not linked to yet.
    qtbot.keyClick(w.reader, Qt.Key.Key_L, CTRL_SHIFT)
    assert {(x.kind, x.ref) for x in claim_links(w.lib, mine.id)} == {
        (first.kind, first.ref),
        (second.kind, second.ref),
    }
    qtbot.keyClick(w.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert claim_links(w.lib, mine.id) == []
    assert not any(row.linked for row in section.rows)


def test_ctrl_shift_l_with_nothing_to_link_says_so_and_links_nothing(qtbot, library):  # noqa: F811
    w, _earlier, mine = library
    select(w, TODAY)
    rows_shown(qtbot, w)
    for row in list(w.seen_before.section.rows):
        w.seen_before.link(row.claim, False)
    linked = claim_links(w.lib, mine.id)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_L, CTRL_SHIFT)
    assert claim_links(w.lib, mine.id) == linked
    assert w.statusBar().currentMessage().startswith("No earlier claim to link")


def test_tab_goes_from_the_sentence_s_notes_to_the_seen_before_rows(qtbot, library):  # noqa: F811
    w, _earlier, _mine = library
    select(w, TODAY)
    rows_shown(qtbot, w)
    section = w.seen_before.section
    panel = w.notes_panel
    panel.selection_list.setFocus()
    qtbot.waitUntil(lambda: panel.selection_list.hasFocus())
    qtbot.keyClick(panel.selection_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is section.toggle
    qtbot.keyClick(section.toggle, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is section.rows[0].link_button
    qtbot.keyClick(section.rows[0].link_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is section.rows[0].copy_button
    qtbot.keyClick(section.rows[0].copy_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is section.rows[1].link_button


def test_each_link_button_names_the_claim_it_links(qtbot, library):  # noqa: F811
    w, earlier, _mine = library
    select(w, TODAY)
    row = rows_shown(qtbot, w)["note", earlier.id]
    assert row.link_button.accessibleName().startswith("Link to: Ten thousand troops")
    assert "Ten thousand troops" in row.copy_button.accessibleName()


def test_link_and_copy_says_when_a_rating_is_not_one_of_our_verdicts(qtbot, make_window, tmp_path):
    odd = dict(REVIEW, reviewRating={"@type": "Rating", "alternateName": "Zany but plausible"})
    w, row = only_factcheck_shown(qtbot, make_window, tmp_path, odd)
    qtbot.mouseClick(row.copy_button, Qt.MouseButton.LeftButton)
    message = w.statusBar().currentMessage()
    assert "1 source copied" in message
    assert "“Zany but plausible” is not one of our verdicts: set the verdict yourself" in message
    [note] = w.lib.notes_for_article(w.article.id)
    assert note.verdict is None


def test_a_fact_check_without_a_rating_reads_well_and_copy_says_so(qtbot, make_window, tmp_path):
    unrated = {k: v for k, v in REVIEW.items() if k != "reviewRating"}
    w, row = only_factcheck_shown(qtbot, make_window, tmp_path, unrated)
    assert "Example Checks · no rating · 2025-03-02" in row.text_label.text()
    assert row.text_label.toolTip().startswith("<p>Example Checks · no rating · 2025-03-02")
    qtbot.mouseClick(row.copy_button, Qt.MouseButton.LeftButton)
    assert "it has no rating: set the verdict yourself" in w.statusBar().currentMessage()


def test_a_long_publisher_and_rating_are_cut_in_the_row_and_whole_in_its_tooltip(
    qtbot, make_window, tmp_path
):
    rating = "Mostly false, with important context missing about the dates involved"
    publisher = "Another Fact-Checking Organisation With A Long Name"
    long_ = dict(
        REVIEW,
        author={"@type": "Organization", "name": publisher},
        reviewRating={"@type": "Rating", "alternateName": rating},
    )
    _w, row = only_factcheck_shown(qtbot, make_window, tmp_path, long_)
    assert rating not in row.text_label.text() and "…" in row.text_label.text()
    assert rating in row.text_label.toolTip() and publisher in row.text_label.toolTip()


def test_on_a_sentence_without_a_note_the_section_says_link_adds_one(qtbot, library):  # noqa: F811
    from reader.ui.seen_before_widgets import NO_NOTE_YET
    from tests.ui.test_seen_before import EARLIER

    w, _earlier, _mine = library
    sentence = EARLIER.replace("last week", "today")
    third = add_article(w.lib, "Third", "Nothing to see here.", sentence)
    w.open_article(third)
    select(w, sentence)
    rows_shown(qtbot, w)
    section = w.seen_before.section
    assert section.status.text() == NO_NOTE_YET
    row = section.rows[0]
    assert row.link_button.toolTip().startswith("Add a note on the sentence, linked")
    qtbot.mouseClick(row.link_button, Qt.MouseButton.LeftButton)
    assert w.lib.notes_for_article(third)
    assert section.status.text() == ""
    assert section.rows[1].link_button.toolTip().startswith("Mark the note as linked")
