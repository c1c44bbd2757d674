"""Note edits made from the command line appear in the window's history and can be
undone there (issue 18, item 9)."""

from __future__ import annotations

from reader.app import notes
from reader.core.models import build_article
from reader.store import Library


def test_command_line_edits_are_undoable_from_the_window(make_window, tmp_path):
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        aid = lib.add_article(
            build_article([("title", "Bridge"), ("paragraph", "The bridge closes. It reopens.")])
        ).id
        change = notes.add_note_on_sentences(lib, aid, 2, 2, verdict="true", origin="cli")
        notes.edit_note(lib, change.after.id, verdict="false", origin="cli")
    w = make_window(db)
    assert w.undo_stack.undoText() == "Edit note (command line)"
    w.undo_stack.undo()
    assert w.lib.get_note(change.after.id).verdict == "true"
    w.undo_stack.undo()
    assert w.lib.get_note(change.after.id).deleted_at is not None
    w.undo_stack.redo()
    assert w.lib.get_note(change.after.id).deleted_at is None
    count = w.undo_stack.count()
    w.pull_outside_changes()  # each edit is offered once
    assert w.undo_stack.count() == count


def test_the_window_refuses_a_javascript_source_and_takes_a_doi(qtbot, make_window, tmp_path):
    from PySide6.QtCore import Qt

    src = tmp_path / "bridge.txt"
    src.write_text(
        "Bridge\n\nThe council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n",
        encoding="utf-8",
    )
    w = make_window()
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.keyClicks(editor.source_url, "javascript:alert(1)")
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)
    assert editor.sources_model.rowCount() == 0
    assert "not a web address" in editor.source_error.text()
    editor.source_url.clear()
    qtbot.keyClicks(editor.source_url, "10.1000/xyz")
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)
    assert editor.sources_model.rowCount() == 1
