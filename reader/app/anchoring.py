"""What the user does about a note whose words changed: accept them, or move the note.

Both are reversible: each returns a :class:`WordingChange` holding the note's place and
wording before and after, and the confirmation it recorded, so that
:func:`undo_wording_change` and :func:`redo_wording_change` (the window's undo stack)
can put either back exactly.  The words the note was first written on are never
touched by any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.anchor import make_selector
from reader.core.errors import UserError
from reader.core.models import Note
from reader.store import Library
from reader.store.wording import (
    Confirmation,
    ConfirmationKind,
    NotePlace,
    add_confirmation,
    confirmations,
    delete_confirmation,
    note_place,
    write_place,
)

__all__ = [
    "WordingChange",
    "accept_wording",
    "note_history",
    "reattach_note",
    "redo_wording_change",
    "undo_wording_change",
]


@dataclass(frozen=True)
class WordingChange:
    """What accepting a wording or re-attaching a note did, to undo and redo it."""

    note_id: str
    before: NotePlace
    after: NotePlace
    confirmation: Confirmation


def accept_wording(lib: Library, note_id: str) -> WordingChange:
    """The user re-confirms a ``changed`` note's verdict on the words now there.

    The note becomes ``ok`` again; its verdict now stands on the current words, and a
    confirmation records when and against which version of the article.
    """
    note = lib.get_note(note_id)
    if note.anchor_state != "changed":
        what = "is gone from the article" if note.anchor_state == "orphan" else "did not change"
        raise UserError(
            f"This note's text {what}, so there is no new wording to accept"
            + (": attach it to a selection instead." if note.anchor_state == "orphan" else ".")
        )
    before = note_place(lib.sql, note_id)
    after = NotePlace(before.selector, "ok", before.selector.exact)
    return _apply(lib, note, before, after, "accepted")


def reattach_note(lib: Library, note_id: str, start: int, end: int) -> WordingChange:
    """Attach a note to ``[start, end)`` of its article's current text.

    The user chose those words for the verdict, so the note is ``ok`` on them, and a
    confirmation records the move.
    """
    note = lib.get_note(note_id)
    article = lib.get_article(note.article_id)
    if not 0 <= start < end <= len(article.text) or not article.text[start:end].strip():
        raise UserError("Select the text of the article to attach the note to, then try again.")
    before = note_place(lib.sql, note_id)
    selector = make_selector(article.text, start, end)
    after = NotePlace(selector, "ok", selector.exact)
    return _apply(lib, note, before, after, "reattached")


def _apply(
    lib: Library, note: Note, before: NotePlace, after: NotePlace, kind: ConfirmationKind
) -> WordingChange:
    version = lib.get_article(note.article_id).version
    with lib.write():
        write_place(lib.sql, note.id, after)
        record = add_confirmation(
            lib.sql, note.id, kind, version, after.checked_exact, before.checked_exact
        )
    return WordingChange(note.id, before, after, record)


def undo_wording_change(lib: Library, change: WordingChange) -> None:
    """Put the note back as it was before ``change`` and forget its confirmation."""
    with lib.write():
        write_place(lib.sql, change.note_id, change.before)
        delete_confirmation(lib.sql, change.confirmation.id)


def redo_wording_change(lib: Library, change: WordingChange) -> None:
    """Apply ``change`` again after it was undone (same confirmation, same time)."""
    record = change.confirmation
    with lib.write():
        write_place(lib.sql, change.note_id, change.after)
        add_confirmation(
            lib.sql,
            record.note_id,
            record.kind,
            record.version,
            record.exact,
            record.previous_exact,
            confirmation_id=record.id,
            confirmed_at=record.confirmed_at,
        )


def note_history(lib: Library, note_id: str) -> list[Confirmation]:
    """Every confirmation of a note's wording, oldest first."""
    lib.get_note(note_id)
    return confirmations(lib.sql, note_id)
