"""The Trash dialog says when it is empty and offers nothing it cannot do; with items in
it, the first is chosen, so Enter restores it without a click first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import build_article
from reader.ui.dialogs import TrashDialog

FIRST = "The mayor said the bridge had been closed for ten years."


def test_an_empty_trash_says_so_and_offers_neither_restore_nor_empty(qtbot, make_window):
    w = make_window()
    dialog = TrashDialog(w.lib, w)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.text().startswith("The Trash is empty")
    assert not dialog.restore_button.isEnabled()
    assert not dialog.empty_button.isEnabled()


def test_enter_in_the_trash_restores_the_first_item(qtbot, make_window):
    w = make_window()
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", FIRST)]))
    w.lib.delete_article(art.id)
    dialog = TrashDialog(w.lib, w)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.text() == ""
    assert dialog.restore_button.isEnabled() and dialog.empty_button.isEnabled()
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert w.lib.get_article(art.id).deleted_at is None
    # Emptied by the restore: it says so, and restoring is off again.
    assert dialog.empty.text().startswith("The Trash is empty")
    assert not dialog.restore_button.isEnabled()


def test_a_note_restored_from_the_trash_shows_in_the_open_article_at_once(
    qtbot, make_window, monkeypatch
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    w = make_window()
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", FIRST)]))
    start = art.text.index(FIRST)
    note = w.lib.add_note(art.id, start, start + len(FIRST), verdict="false")
    w.lib.delete_note(note.id)
    w.library.reload()
    w.open_article(art.id)
    assert w.notes == []

    def restore_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TrashDialog):
            QTimer.singleShot(20, restore_and_close)
            return
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        dialog.accept()

    QTimer.singleShot(0, restore_and_close)
    w.library.show_trash()
    # The note is back in the list, the reader and the sentence's notes …
    assert [n.id for n in w.notes] == [note.id]
    assert w.notes_panel.article_model.rowCount() == 1
    # … and Ctrl+Z sends it back to the Trash, out of the window too.
    w.undo_stack.undo()
    assert w.notes == []
    assert w.notes_panel.article_model.rowCount() == 0
