"""An article moved to the Trash from the command line while the window shows it: the
window's note edits are refused with the same words as the command line's, nothing is
written into the trashed article, and what the user typed stays in the editor."""

from __future__ import annotations

from reader.app import notes
from reader.core.models import build_article
from reader.store import Library


def _library(tmp_path):
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        aid = lib.add_article(
            build_article(
                [("title", "Bridge"), ("paragraph", "The bridge closes. It reopens in May.")]
            )
        ).id
        note_id = notes.add_note_on_sentences(lib, aid, 2, 2, verdict="true").after.id
    return db, aid, note_id


def _trash_elsewhere(db, aid):
    with Library(db) as other:  # the command line, another process
        other.delete_article(aid)


def test_an_edit_to_a_note_of_an_article_trashed_elsewhere_is_refused(
    make_window, tmp_path, monkeypatch
):
    warned: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda parent, text, *a: warned.append(text))
    db, aid, note_id = _library(tmp_path)
    w = make_window(db)
    w.open_article(aid)
    editor = w.notes_panel.editor
    editor.set_note(w.lib.get_note(note_id))
    _trash_elsewhere(db, aid)

    editor.conclusion.setText("Reopening date confirmed by the council")
    editor.flush()

    assert len(warned) == 1 and "is in the Trash. Restore it first" in warned[0]
    assert w.lib.get_note(note_id).conclusion == ""
    assert editor.conclusion.text() == "Reopening date confirmed by the council"
    assert not w.undo_stack.canUndo()


def test_adding_or_deleting_a_note_there_is_refused_too(make_window, tmp_path, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda parent, text, *a: warned.append(text))
    db, aid, note_id = _library(tmp_path)
    w = make_window(db)
    w.open_article(aid)
    _trash_elsewhere(db, aid)

    w.notes_pane.add_note(always_new=True)
    from reader.ui.undo import DeleteNoteCommand

    w.push(DeleteNoteCommand(w.lib, w, w.lib.get_note(note_id)))

    assert len(warned) == 2 and all("is in the Trash" in text for text in warned)
    live = [n.id for n in w.lib.notes_for_article(aid)]
    assert live == [note_id]
    assert not w.undo_stack.canUndo()
