"""A source address typed in a note's "New source" field but not added belongs to that
note: it never shows under another note (where Add would have given it to the wrong
one), and it is not lost either: it waits in the note it was typed for, and the user
is told so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.models import Note, Selector
from reader.ui.note_editor import NoteEditor

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)


def _note(note_id: str) -> Note:
    return Note(note_id, "a1", selector=Selector(start=0, end=1, exact="x"))


def test_a_typed_source_stays_with_its_note_and_never_shows_under_another(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    kept: list[str] = []
    editor.source_draft_kept.connect(kept.append)
    editor.set_note(_note("n1"))
    editor.source_url.setText("https://example.org/rep")
    editor.source_title.setText("Council rep")
    editor.set_note(_note("n2"))
    assert editor.source_url.text() == "" and editor.source_title.text() == ""
    assert kept and "https://example.org/rep" in kept[0]
    # Add on the other note adds nothing of the first note's.
    editor._on_add_source_clicked()
    assert editor.sources_model.sources() == []
    editor.set_note(_note("n1"))
    assert editor.source_url.text() == "https://example.org/rep"
    assert editor.source_title.text() == "Council rep"


def test_the_same_note_shown_again_keeps_what_is_being_typed(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note(_note("n1"))
    editor.source_url.setText("https://example.org/rep")
    editor.set_note(_note("n1"))  # redrawn after an edit of it
    assert editor.source_url.text() == "https://example.org/rep"


def test_leaving_for_no_note_keeps_the_typed_source_for_its_note(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note(_note("n1"))
    editor.source_url.setText("not an address yet")
    editor.set_note(None)
    editor.set_note(_note("n2"))
    assert editor.source_url.text() == ""
    editor.set_note(_note("n1"))
    assert editor.source_url.text() == "not an address yet"


@pytest.fixture
def window(qtbot, make_window, tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    return w


def test_in_the_window_the_next_sentences_note_starts_with_an_empty_source_field(qtbot, window):
    w = window
    editor = w.notes_panel.editor
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)  # a note on the first sentence
    first = editor.note()
    assert first is not None
    qtbot.keyClicks(editor.conclusion, "No vote was held.")
    qtbot.keyClicks(editor.source_url, "https://example.org/minu")  # not added
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    assert "not added" in w.statusBar().currentMessage()  # said as the note is left
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)  # a note on the second sentence
    second = editor.note()
    assert second is not None and second.id != first.id
    assert editor.source_url.text() == ""
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)
    assert w.lib.get_note(second.id).sources == []
    assert w.lib.get_note(first.id).sources == []
    # Back on the first sentence, its note has the address as it was left.
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_K)
    assert editor.note().id == first.id
    assert editor.source_url.text() == "https://example.org/minu"
