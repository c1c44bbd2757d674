"""Dialogs opened from the window's menus and shortcuts, and the message boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.core.models import build_article
from reader.store import Library

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Advertisement\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Shopkeepers said they had not been consulted about the closure.\n"
)


@pytest.fixture
def window(qtbot, make_window, tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    return w


def _exec_with(monkeypatch, dialog_class, act) -> list:
    """Replace ``dialog_class.exec`` by ``act(dialog)``; returns the dialogs shown."""
    opened: list = []

    def run(dialog) -> int:
        opened.append(dialog)
        return act(dialog)

    monkeypatch.setattr(dialog_class, "exec", run)
    return opened


def test_view_original_drops_a_block_undoably(qtbot, window, trigger, monkeypatch):
    from reader.ui.dialogs import OriginalDialog

    w = window
    shopkeepers = "Shopkeepers said they had not been consulted about the closure."

    def drop_last(dialog: OriginalDialog) -> int:
        assert TEXT.splitlines()[0] in dialog.raw.toPlainText()
        row = dialog.blocks.rowCount() - 1
        dialog.blocks_view.setCurrentIndex(dialog.blocks.index(row, 0))
        dialog._on_drop_clicked()
        return 1

    opened = _exec_with(monkeypatch, OriginalDialog, drop_last)
    trigger(w, "View original")
    assert opened
    qtbot.waitUntil(lambda: shopkeepers not in w.article.text, timeout=10000)
    assert w.undo_stack.undoText() == "Drop paragraph"
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: shopkeepers in w.article.text, timeout=10000)


def test_original_dialog_on_its_own_cleans_again_at_once(qtbot, window):
    from reader.ui.dialogs import OriginalDialog

    w = window
    data, media_type = w.lib.raw_input(w.article.id)
    dialog = OriginalDialog(data, media_type, w.article, w.lib, w)
    qtbot.addWidget(dialog)
    before = dialog.blocks.rowCount()
    dialog.blocks_view.setCurrentIndex(dialog.blocks.index(0, 0))
    dialog._on_drop_clicked()
    assert dialog.blocks.rowCount() == before - 1
    assert w.lib.get_article(w.article.id).version == 2
    if dialog.dropped.rowCount():
        dialog.dropped_view.setCurrentIndex(dialog.dropped.index(0, 0))
        dialog._on_keep_clicked()


def test_article_versions_shows_the_diff_of_an_update(qtbot, window, trigger, monkeypatch):
    from reader.core.models import RawInput
    from reader.store.ingest import update_document
    from reader.ui.dialogs import VersionsDialog

    w = window
    edited = TEXT.replace("two million", "three million")
    update_document(w.lib, w.article.id, RawInput(edited.encode(), "text/plain", "edit"))
    opened = _exec_with(monkeypatch, VersionsDialog, lambda d: 1)
    trigger(w, "Article versions…")
    assert "three million" in opened[0].diff.toPlainText()


def test_f1_lists_the_shortcuts(qtbot, make_window, monkeypatch):
    from reader.ui.dialogs import ShortcutsDialog

    w = make_window()
    opened = _exec_with(monkeypatch, ShortcutsDialog, lambda d: 0)
    qtbot.keyClick(w, Qt.Key.Key_F1)
    assert opened and opened[0].windowTitle() == "Keyboard shortcuts"


def test_about_names_the_library_file(make_window, trigger, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append(text))
    w = make_window()
    trigger(w, "About Fact-Check Reader")
    assert str(w.db_path) in said[0]


def test_emptying_the_trash_asks_first(qtbot, window, monkeypatch):
    from reader.ui.dialogs import TrashDialog

    w = window
    s, e = w.reader.spans[1]
    note = w.lib.add_note(w.article.id, s, e)
    w.lib.delete_note(note.id)
    answers = iter([False, True])
    monkeypatch.setattr("reader.ui.messages.ask", lambda *a: next(answers))
    dialog = TrashDialog(w.lib, w)
    qtbot.addWidget(dialog)
    dialog._on_empty_clicked()
    assert dialog.model.rowCount() == 1
    dialog._on_empty_clicked()
    assert dialog.model.rowCount() == 0


def test_trash_dialog_without_the_window_restores_directly(qtbot, window):
    from reader.ui.dialogs import TrashDialog

    w = window
    w.lib.delete_article(w.article.id)
    dialog = TrashDialog(w.lib, None)
    qtbot.addWidget(dialog)
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog._on_restore_clicked()
    assert w.lib.get_article(w.article.id).deleted_at is None


def test_delete_note_from_the_edit_menu_and_focus_shortcuts(qtbot, window, trigger):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    assert len(w.notes) == 1
    qtbot.keyClicks(w.notes_panel.editor.conclusion, "Checked")  # else discarded when left
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.library_view.hasFocus()
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.notes_panel.editor.verdict.hasFocus()
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.hasFocus()
    trigger(w, "Delete note")
    assert w.notes == []
    assert "Trash" in w.statusBar().currentMessage()


def test_choosing_a_note_in_the_article_list_selects_its_sentence(qtbot, window):
    w = window
    s, e = w.reader.spans[2]
    note = w.lib.add_note(w.article.id, s, e, verdict="mixed")
    w.open_article(w.article.id)
    w.notes_panel.note_chosen.emit(note)
    assert w.reader.selected == (s, e)
    assert w.notes_panel.editor.note().id == note.id


def test_escape_closes_the_find_bar_and_a_refused_link_is_reported(qtbot, window):
    w = window
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    pane = w.reader_pane
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_edit, "zzz")
    assert pane.find_count.text() == "no matches"
    qtbot.keyClick(pane.find_edit, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()
    pane.header.linkActivated.emit("file:///etc/passwd")
    assert w.statusBar().currentMessage().startswith("Not opened")


def test_add_note_without_an_article_says_what_to_do(qtbot, make_window):
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == "Open an article first."


def test_open_and_open_url_dialogs_import_what_was_chosen(
    qtbot, make_window, monkeypatch, tmp_path
):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(src)], "")
    )
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert w.settings.value("last_dir") == str(tmp_path)
    asked: list[str] = []

    def no_url(*args, **kwargs):
        asked.append(args[1])
        return ("   ", True)

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", no_url)
    # (Not "no task runs": the library's claims may be scored in the background then.)
    imported: list[list[str]] = []
    monkeypatch.setattr(w.import_actions, "import_documents", imported.append)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Open URL"]
    assert imported == []


def test_message_boxes_show_their_text_as_plain_text(qapp, monkeypatch):
    from reader.ui import messages

    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(QMessageBox, "exec", record)
    messages.warn(None, "<b>not bold</b>")
    messages.inform(None, "Done.")
    assert messages.ask(None, "Sure?") is True
    try:
        raise KeyError("a bug")
    except KeyError as exc:
        messages.show_exception(exc)
    assert [b.textFormat() for b in shown] == [Qt.TextFormat.PlainText] * 4
    assert "KeyError" in shown[-1].detailedText()


def test_a_library_that_cannot_be_opened_offers_its_latest_backup(qapp, tmp_path, monkeypatch):
    from reader.core.errors import StoreError
    from reader.store.backup import make_backup
    from reader.ui.dialogs import choose_library_after_error

    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        lib.add_article(build_article([("title", "Kept"), ("paragraph", "Safe text here.")]))
    make_backup(db)
    db.write_bytes(b"not a database")

    def click(label: str):
        def run(box: QMessageBox) -> int:
            for button in box.buttons():
                if button.text() == label:
                    monkeypatch.setattr(box, "clickedButton", lambda b=button: b)
            return 0

        return run

    monkeypatch.setattr(QMessageBox, "exec", click("Quit"))
    assert choose_library_after_error(db, StoreError("broken")) is None
    monkeypatch.setattr(QMessageBox, "exec", click("Restore latest backup"))
    assert choose_library_after_error(db, StoreError("broken")) == db
    with Library(db) as lib:
        assert lib.count_articles() == 1
    other = tmp_path / "other.sqlite3"
    monkeypatch.setattr(QMessageBox, "exec", click("Open another library…"))
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(other), "")
    )
    assert choose_library_after_error(db, StoreError("broken")) == other
