"""Every export of the window saves the note being typed first (as Markdown and PDF
do): the last keystrokes before the menu were left out of the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)
TYPED = "No vote was held that Monday"


@pytest.mark.parametrize(
    ("action", "name"),
    [
        ("Export as Web Annotations…", "bridge.annotations.json"),
        ("Export library as JSON…", "library.json"),
    ],
)
def test_the_note_being_typed_is_in_the_export(
    qtbot, make_window, tmp_path, monkeypatch, trigger, action, name
):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.keyClicks(editor.conclusion, TYPED)
    assert editor.has_pending_edit()
    out = tmp_path / name
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    trigger(w, action)
    qtbot.waitUntil(lambda: not w.runner.tasks, timeout=20000)
    assert TYPED in out.read_text(encoding="utf-8")
