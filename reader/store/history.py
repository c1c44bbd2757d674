"""The journal of note edits made outside the window (the command line).

The window's undo stack lives in the window's memory; an edit made by ``main.py note
edit`` in another process would never reach it.  Each such edit is recorded here with
the note as it was before and after (JSON written by :mod:`reader.app.notes`), so the
window can offer it in its history and undo it.  Part of the library
(:class:`reader.store.library.Library` owns the connection).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.store._sql import Sql, now_iso


@dataclass(frozen=True)
class JournalEntry:
    """One recorded note edit; ``before``/``after`` are JSON text ("" for none)."""

    seq: int
    at: str
    origin: str
    action: str
    note_id: str
    article_id: str
    before: str
    after: str


class NoteJournal:
    """Appends to, and reads, the ``note_changes`` table."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    def record(
        self, origin: str, action: str, note_id: str, article_id: str, before: str, after: str
    ) -> int:
        """Append one entry; returns its sequence number."""
        with self._sql.write():
            cur = self._sql.conn.execute(
                "INSERT INTO note_changes (at, origin, action, note_id, article_id, before, "
                "after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [now_iso(), origin, action, note_id, article_id, before, after],
            )
        return int(cur.lastrowid or 0)

    def since(self, seq: int, origin: str | None = None) -> list[JournalEntry]:
        """The entries after ``seq`` (of one origin when given), oldest first."""
        sql = "SELECT * FROM note_changes WHERE seq > ?"
        params: list[str | int] = [seq]
        if origin is not None:
            sql += " AND origin = ?"
            params.append(origin)
        return [JournalEntry(**row) for row in self._sql.query(sql + " ORDER BY seq", params)]

    def last_seq(self) -> int:
        """The newest entry's number (0 when the journal is empty)."""
        row = self._sql.conn.execute("SELECT max(seq) FROM note_changes").fetchone()
        return int(row[0] or 0)
