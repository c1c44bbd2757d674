"""Ctrl+Z in the note editor's text fields (the claimant, and the tags with their
completer list open): the field's own typing while the note does not hold it yet, the
window's history once it does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article

# No one is quoted: the claim radar finds no speaker to fill the claimant with.
SENTENCE = "The bridge had been closed for ten years."
CTRL = Qt.KeyboardModifier.ControlModifier
# The offscreen platform cannot raise a popup or grab the keyboard for it; the popup
# still opens and takes the keys.
popup_warnings = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    art = w.lib.add_article(
        build_article([("title", "Bridges"), ("paragraph", f"{SENTENCE} Nobody was hurt.")])
    )
    w.library.reload()
    w.open_article(art.id)
    w.reader.setFocus()
    qtbot.waitUntil(w.reader.hasFocus)
    return w


def start_note(qtbot, w):
    """A new note on the first sentence, the cursor in its conclusion."""
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # the title, then the first sentence
    assert w.article.text[slice(*w.reader.selected)] == SENTENCE
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.waitUntil(editor.conclusion.hasFocus)
    assert editor.claimant.text() == ""
    return editor


def stored(w, name: str):
    [note] = w.lib.notes_for_article(w.article.id)
    return getattr(note, name)


def focus(qtbot, field) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_ctrl_z_in_the_claimant_after_its_words_were_stored_takes_the_edit_back(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    focus(qtbot, editor.claimant)
    qtbot.keyClicks(editor.claimant, "Ann Ortiz")
    editor.flush()  # what the pause after typing does
    assert stored(w, "claimant") == "Ann Ortiz"
    steps = w.undo_stack.index()
    qtbot.keyClick(editor.claimant, Qt.Key.Key_Z, CTRL)
    assert stored(w, "claimant") is None
    assert w.undo_stack.index() == steps - 1 and w.undo_stack.canRedo()
    assert editor.claimant.text() == ""
    assert editor.claimant.hasFocus()
    qtbot.keyClick(editor.claimant, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored(w, "claimant") == "Ann Ortiz"
    assert editor.claimant.text() == "Ann Ortiz"


def test_ctrl_z_in_the_claimant_while_typing_undoes_the_typing_only(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    focus(qtbot, editor.claimant)
    steps = w.undo_stack.index()
    qtbot.keyClicks(editor.claimant, "Ann")
    qtbot.keyClick(editor.claimant, Qt.Key.Key_Z, CTRL)
    assert editor.claimant.text() == ""
    assert w.undo_stack.index() == steps
    editor.flush()
    assert stored(w, "claimant") is None
    assert w.undo_stack.index() == steps  # nothing to store: the note never changed


def open_tag_list(qtbot, editor, typed: str):
    focus(qtbot, editor.tags)
    editor.set_tag_choices(["politics", "police"])  # after the focus, which reads the library's
    qtbot.keyClicks(editor.tags, typed)
    completer = editor.tags.completer()
    completer.complete()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    return popup


@popup_warnings
def test_ctrl_z_in_the_open_tag_list_after_the_tags_were_stored_reaches_the_window(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    popup = open_tag_list(qtbot, editor, "po")
    editor.flush()  # the pause after typing stored the tag while the list stayed open
    assert stored(w, "tags") == ["po"]
    steps = w.undo_stack.index()
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Z, CTRL)
    assert not popup.isVisible()
    assert stored(w, "tags") == []
    assert w.undo_stack.index() == steps - 1
    assert editor.tags.text() == ""
    assert editor.tags.hasFocus()


@popup_warnings
def test_ctrl_z_in_the_open_tag_list_while_typing_undoes_the_typing(qtbot, window):
    w = window
    editor = start_note(qtbot, w)
    steps = w.undo_stack.index()
    popup = open_tag_list(qtbot, editor, "po")
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Z, CTRL)
    assert not popup.isVisible()
    assert editor.tags.text() == ""
    assert w.undo_stack.index() == steps
    editor.flush()
    assert stored(w, "tags") == []
