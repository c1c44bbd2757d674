"""Writing a note from the keyboard: Enter opens it with the cursor in it (bringing a
folded notes panel back), Esc goes back to the article with the note saved, and the
reading keys go on from there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article

FIRST = "The mayor said the bridge had been closed for ten years."
SECOND = "Nobody was hurt."


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    art = w.lib.add_article(
        build_article([("title", "Bridges"), ("paragraph", f"{FIRST} {SECOND}")])
    )
    w.library.reload()
    w.open_article(art.id)
    w.reader.setFocus()
    qtbot.waitUntil(w.reader.hasFocus)
    return w


def start_note(qtbot, w):
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # the title, then the first sentence
    assert w.article.text[slice(*w.reader.selected)] == FIRST
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.waitUntil(editor.conclusion.hasFocus)
    return editor


def test_esc_from_the_note_goes_back_to_the_article_with_the_note_saved(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    qtbot.keyClicks(editor.conclusion, "Closed for two years, not ten.")
    qtbot.keyClick(editor.conclusion, Qt.Key.Key_Escape)
    qtbot.waitUntil(w.reader.hasFocus)
    [note] = w.lib.notes_for_article(w.article.id)
    assert note.conclusion == "Closed for two years, not ten."
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # reading goes on from the note's sentence
    assert w.article.text[slice(*w.reader.selected)] == SECOND


def test_esc_from_a_note_left_empty_discards_it(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    qtbot.keyClick(editor.conclusion, Qt.Key.Key_Escape)
    qtbot.waitUntil(w.reader.hasFocus)
    assert w.lib.notes_for_article(w.article.id) == []


# The offscreen platform cannot raise a popup or grab the keyboard for it; the popup
# still opens and takes the keys.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_esc_in_the_open_verdict_list_only_closes_the_list(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    editor.verdict.setFocus()
    editor.verdict.showPopup()
    popup = editor.verdict.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert editor.isAncestorOf(QApplication.focusWidget())
    assert len(w.lib.notes_for_article(w.article.id)) == 1


def test_esc_leaves_the_note_while_the_find_bar_is_open_and_closes_the_bar_from_it(qtbot, window):
    w = window
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find_bar = w.reader_pane.find_bar
    assert find_bar.isVisible()
    editor = start_note(qtbot, w)
    qtbot.keyClick(editor.conclusion, Qt.Key.Key_Escape)  # one Esc each: no clash
    qtbot.waitUntil(w.reader.hasFocus)
    assert find_bar.isVisible()
    w.reader_pane.find_edit.setFocus()
    qtbot.keyClick(w.reader_pane.find_edit, Qt.Key.Key_Escape)
    assert not find_bar.isVisible()


FOLD_NOTES = (Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_enter_brings_a_folded_notes_panel_back_to_write_the_note_in(qtbot, window):
    w = window
    qtbot.keyClick(w, *FOLD_NOTES)  # View → Notes panel: folded away
    assert not w.notes_panel.isVisible()
    editor = start_note(qtbot, w)  # the cursor goes to the note: it is in sight
    assert w.notes_panel.isVisible() and editor.conclusion.isVisible()
    assert w.menus.notes_toggle.isChecked()


def test_ctrl_1_and_ctrl_3_bring_a_folded_column_back_with_the_keys(qtbot, window):
    w = window
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w, *FOLD_NOTES)
    qtbot.keyClick(w, Qt.Key.Key_1, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert not w.library.isVisible() and not w.notes_panel.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_1, ctrl)
    qtbot.waitUntil(w.library_view.hasFocus)
    assert w.library.isVisible() and w.menus.library_toggle.isChecked()
    qtbot.keyClick(w, Qt.Key.Key_3, ctrl)
    assert w.notes_panel.isVisible() and w.menus.notes_toggle.isChecked()


def test_after_delete_note_the_keys_go_to_the_article(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    qtbot.keyClicks(editor.conclusion, "Two years, not ten.")
    editor.flush()
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert w.lib.notes_for_article(w.article.id) == []
    assert w.reader.hasFocus()  # not the line that replaced the form
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    assert w.article.text[slice(*w.reader.selected)] == SECOND


def test_undoing_a_note_being_written_leaves_the_keys_in_the_article(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    editor.verdict.setFocus()
    qtbot.keyClick(editor.verdict, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.lib.notes_for_article(w.article.id) == []
    assert w.reader.hasFocus()


def test_ctrl_z_in_a_field_with_nothing_of_its_own_to_undo_undoes_the_last_change(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    qtbot.keyClicks(editor.conclusion, "Two years, not ten.")
    qtbot.keyClick(editor.conclusion, Qt.Key.Key_Escape)
    qtbot.keyClick(w.reader, Qt.Key.Key_5)  # a verdict on the note
    [note] = w.lib.notes_for_article(w.article.id)
    assert note.verdict is not None
    editor.claimant.setFocus()  # an empty field: nothing of its own to undo
    qtbot.waitUntil(editor.claimant.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(editor.claimant, Qt.Key.Key_Z, ctrl)
    assert [n.verdict for n in w.lib.notes_for_article(w.article.id)] == [None]
    editor.body.setFocus()  # nothing written in it yet either
    qtbot.waitUntil(editor.body.hasFocus)
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert [n.verdict for n in w.lib.notes_for_article(w.article.id)] == [note.verdict]
    # Words just typed are the field's own to undo first.
    qtbot.keyClicks(editor.body, "Ten")
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, ctrl)
    assert editor.body.toPlainText() == ""
    assert [n.verdict for n in w.lib.notes_for_article(w.article.id)] == [note.verdict]


def test_tab_from_the_article_goes_to_the_panel_s_first_button(qtbot, window):
    w = window
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # a sentence without notes
    qtbot.keyClick(w.reader, Qt.Key.Key_Tab)
    # Not the panel's scroll area first: a stop that showed nothing.
    assert QApplication.focusWidget() is w.notes_panel.add_button


def test_ctrl_3_on_a_sentence_without_a_note_goes_to_add_note(qtbot, window):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # a sentence, no note on it
    assert w.notes_panel.editor.note() is None
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.notes_panel.add_button.hasFocus()
    assert not w.notes_panel.editor.verdict.hasFocus()
