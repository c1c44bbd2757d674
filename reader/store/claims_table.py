"""The rows of the Claims view: every live note with its article, workflow and links.

Part of the library (:class:`reader.store.library.Library` owns the connection); the use
cases in :mod:`reader.app.claim_list` build one over ``lib.sql``.  The filters run in
SQL, so a large library is never read whole to show a few claims; grouping by link and
sorting are done by the use case, which knows what a group is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.core.claimant import speaker_key
from reader.store._sql import Sql, SqlValue, chunks, register_speaker_key


class ClaimsTable:
    """Reading the noted claims of a library, filtered, with what the Claims view shows."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    def notes(
        self,
        *,
        text: str = "",
        verdict: str | None = None,
        state: str | None = None,
        speaker: str | None = None,
    ) -> list[dict[str, Any]]:
        """Live notes of live articles matching every filter given, as dicts.

        ``verdict`` ``"__none"`` keeps the notes without a verdict; a note without a
        workflow row is a draft.
        """
        conds = ["n.deleted_at IS NULL", "a.deleted_at IS NULL"]
        params: list[SqlValue] = []
        needle = text.casefold().strip()
        if needle:
            # As the article list: str.casefold, not SQLite's ASCII-only lower().
            self._sql.conn.create_function("fcr_casefold", 1, str.casefold, deterministic=True)
            conds.append(
                "instr(fcr_casefold(n.exact || ' ' || n.conclusion || ' ' || "
                "coalesce(n.claimant, '') || ' ' || a.title || ' ' || "
                "coalesce(w.checked_by, '')), ?) > 0"
            )
            params.append(needle)
        if verdict == "__none":
            conds.append("n.verdict IS NULL")
        elif verdict:
            conds.append("n.verdict = ?")
            params.append(verdict)
        if state:
            conds.append("coalesce(w.state, 'draft') = ?")
            params.append(state)
        if speaker:
            # Any spelling of the name, as the speaker list merges them.
            register_speaker_key(self._sql.conn)
            conds.append("fcr_speaker(n.claimant) = ?")
            params.append(speaker_key(speaker))
        sql = f"""
            SELECT n.id, n.article_id, a.title AS article_title, n.start, n."end",
                   n.exact, n.anchor_state, n.verdict, n.status, n.claimant,
                   n.conclusion, n.updated AS note_updated,
                   coalesce(w.state, 'draft') AS state,
                   coalesce(w.checked_by, '') AS checked_by,
                   w.updated AS workflow_updated
            FROM notes n
            JOIN articles a ON a.id = n.article_id
            LEFT JOIN claim_workflow w ON w.note_id = n.id
            WHERE {" AND ".join(conds)}
            ORDER BY n.created, n.id
        """
        return list(self._sql.query(sql, params))

    def links(self) -> list[tuple[str, str, str]]:
        """Every confirmed link: ``(note_id, target_kind, target_ref)``."""
        rows = self._sql.conn.execute(
            "SELECT note_id, target_kind, target_ref FROM claim_links"
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def linked_note_articles(self) -> dict[str, tuple[str, str]]:
        """``note id → (article id, article title)`` for every live note in a link."""
        rows = self._sql.conn.execute(
            """
            SELECT n.id, a.id, a.title FROM notes n JOIN articles a ON a.id = n.article_id
            WHERE n.id IN (SELECT note_id FROM claim_links
                           UNION SELECT target_ref FROM claim_links WHERE target_kind = 'note')
              AND n.deleted_at IS NULL AND a.deleted_at IS NULL
            """
        ).fetchall()
        return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}

    def factcheck_titles(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        """``fact-check id → (publisher, rating, title or claim)`` for those of ``ids``."""
        found: dict[str, tuple[str, str, str]] = {}
        for chunk in chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for row in self._sql.conn.execute(
                "SELECT id, publisher, rating, CASE WHEN title != '' THEN title ELSE claim END "
                f"FROM factchecks WHERE id IN ({marks})",
                chunk,
            ):
                found[str(row[0])] = (str(row[1]), str(row[2]), str(row[3]))
        return found
