"""The words a note's verdict stands on, and the history of their confirmations.

Part of the library (it works on :attr:`reader.store.library.Library.sql`).  A note
keeps the text it was first written on in ``notes.original_exact``, written once when
the note is made and never again; ``notes.checked_exact`` is the text its verdict
stands on now, the same until the user accepts a new wording or re-attaches the note.
Each acceptance or re-attachment adds a row to ``note_confirmations``: when, against
which version of the article, which words were confirmed and which they replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.core.errors import NotFoundError
from reader.core.models import Selector
from reader.store._sql import Sql, new_id, now_iso

ConfirmationKind = Literal["accepted", "reattached"]


@dataclass(frozen=True)
class Confirmation:
    """One time the user confirmed the words a note's verdict stands on."""

    id: str
    note_id: str
    kind: ConfirmationKind
    confirmed_at: str
    version: int
    exact: str
    previous_exact: str


@dataclass(frozen=True)
class NotePlace:
    """Everything about a note that accepting or re-attaching changes."""

    selector: Selector
    anchor_state: str
    checked_exact: str


def note_place(sql: Sql, note_id: str) -> NotePlace:
    """The note's selector, state and checked wording as stored."""
    row = sql.conn.execute(
        'SELECT start, "end", exact, prefix, suffix, text_sha256, anchor_state, '
        "checked_exact, original_exact FROM notes WHERE id = ?",
        [note_id],
    ).fetchone()
    if row is None:
        raise NotFoundError(f"No note with id {note_id}.")
    start, end, exact, prefix, suffix, sha, state, checked, original = row
    return NotePlace(
        Selector(start, end, exact, prefix, suffix, sha), state, checked or original or exact
    )


def write_place(sql: Sql, note_id: str, place: NotePlace) -> None:
    """Store a note's selector, state and checked wording (never its original wording)."""
    sel = place.selector
    with sql.write():
        sql.conn.execute(
            'UPDATE notes SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
            "text_sha256 = ?, anchor_state = ?, checked_exact = ?, updated = ? WHERE id = ?",
            [
                sel.start,
                sel.end,
                sel.exact,
                sel.prefix,
                sel.suffix,
                sel.text_sha256,
                place.anchor_state,
                place.checked_exact,
                now_iso(),
                note_id,
            ],
        )


def add_confirmation(
    sql: Sql,
    note_id: str,
    kind: ConfirmationKind,
    version: int,
    exact: str,
    previous_exact: str,
    *,
    confirmation_id: str | None = None,
    confirmed_at: str | None = None,
) -> Confirmation:
    """Record that the user confirmed ``exact`` for a note; returns the record."""
    record = Confirmation(
        confirmation_id or new_id(),
        note_id,
        kind,
        confirmed_at or now_iso(),
        version,
        exact,
        previous_exact,
    )
    with sql.write():
        sql.insert(
            "note_confirmations",
            {
                "id": record.id,
                "note_id": record.note_id,
                "kind": record.kind,
                "confirmed_at": record.confirmed_at,
                "version": record.version,
                "exact": record.exact,
                "previous_exact": record.previous_exact,
            },
        )
    return record


def delete_confirmation(sql: Sql, confirmation_id: str) -> None:
    """Forget one confirmation (when the user undoes it)."""
    with sql.write():
        sql.conn.execute("DELETE FROM note_confirmations WHERE id = ?", [confirmation_id])


def confirmations(sql: Sql, note_id: str) -> list[Confirmation]:
    """A note's confirmations, oldest first."""
    return [
        Confirmation(
            r["id"],
            r["note_id"],
            r["kind"],
            r["confirmed_at"],
            r["version"],
            r["exact"],
            r["previous_exact"],
        )
        for r in sql.query(
            "SELECT * FROM note_confirmations WHERE note_id = ? ORDER BY confirmed_at, rowid",
            [note_id],
        )
    ]


def original_version(sql: Sql, note_id: str) -> int | None:
    """The article version a note was written on (unknown for notes made before it was
    recorded)."""
    row = sql.conn.execute("SELECT original_version FROM notes WHERE id = ?", [note_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No note with id {note_id}.")
    return None if row[0] is None else int(row[0])
