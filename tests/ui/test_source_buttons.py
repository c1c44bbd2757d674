"""The buttons under a note's sources are on only when they can do something: Edit and
Remove with a source chosen, ↑ and ↓ when it can move that way (a keyboard user no
longer tabs through four buttons that do nothing)."""

from __future__ import annotations

from reader.core.models import Note, Selector, Source
from reader.ui.note_editor import NoteEditor


def _buttons(editor: NoteEditor) -> list[bool]:
    return [
        b.isEnabled()
        for b in (
            editor.edit_source_button,
            editor.remove_source_button,
            editor.up_button,
            editor.down_button,
        )
    ]


def _note(sources: list[Source]) -> Note:
    selector = Selector(start=0, end=1, exact="x")
    return Note("n1", "a1", selector=selector, sources=sources)


def test_with_no_source_the_source_buttons_are_off(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note(_note([]))
    assert _buttons(editor) == [False, False, False, False]


def test_the_source_buttons_follow_the_source_chosen(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note(_note([Source(url="https://a.example/1"), Source(url="https://b.example/2")]))
    assert _buttons(editor) == [False, False, False, False]  # none chosen yet
    editor._select_source(0)
    assert _buttons(editor) == [True, True, False, True]
    editor._select_source(1)
    assert _buttons(editor) == [True, True, True, False]
    editor._on_remove_source_clicked()
    assert _buttons(editor) == [True, True, False, False]  # the one left, chosen
    editor._on_remove_source_clicked()
    assert _buttons(editor) == [False, False, False, False]


def test_a_source_already_listed_is_not_added_twice_and_that_is_said(qtbot):
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.set_note(_note([Source(url="https://a.example/1"), Source(url="https://b.example/2")]))
    editor.source_url.setText("b.example/2")
    editor._on_add_source_clicked()
    assert [s.url for s in editor.sources_model.sources()] == [
        "https://a.example/1",
        "https://b.example/2",
    ]
    assert "already" in editor.source_error.text()
    assert editor._selected_source_row() == 1  # the one that has it, shown
