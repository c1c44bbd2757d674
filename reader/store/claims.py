"""The claim radar's rows: per-sentence check-worthiness scores and the user's dismissals.

Part of the library (:class:`reader.store.library.Library` owns the connection); the
use cases in :mod:`reader.app.claims_radar` build one over ``lib.sql``.  Scores are
derived data, replaced whole for an article; dismissals are the user's and are only
removed by an undo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.store._sql import Sql, now_iso


@dataclass(frozen=True)
class StoredClaim:
    """One scored sentence of an article, as stored."""

    start: int
    end: int
    score: float
    worth_checking: bool
    kinds: tuple[str, ...]
    reasons: str
    speaker: str | None
    source: str | None
    flags: tuple[str, ...]


class ClaimStore:
    """Reading and writing ``claim_scores`` and ``claim_dismissals``."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    def replace_scores(
        self, article_id: str, text_sha256: str, model: str, claims: Iterable[StoredClaim]
    ) -> None:
        """Store an article's scores, replacing any earlier ones, in one transaction."""
        with self._sql.write():
            self._sql.conn.execute("DELETE FROM claim_scores WHERE article_id = ?", [article_id])
            self._sql.conn.executemany(
                'INSERT INTO claim_scores (article_id, start, "end", score, worth_checking, '
                "kinds, reasons, speaker, source, flags, text_sha256, model) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        c.start,
                        c.end,
                        c.score,
                        int(c.worth_checking),
                        " ".join(c.kinds),
                        c.reasons,
                        c.speaker,
                        c.source,
                        " ".join(c.flags),
                        text_sha256,
                        model,
                    )
                    for c in claims
                ],
            )

    def scores(self, article_id: str, text_sha256: str, model: str) -> list[StoredClaim] | None:
        """The stored scores of an article, or ``None`` if absent or stale."""
        rows = list(
            self._sql.query(
                "SELECT * FROM claim_scores WHERE article_id = ? ORDER BY start", [article_id]
            )
        )
        if not rows or any(r["text_sha256"] != text_sha256 or r["model"] != model for r in rows):
            return None
        return [
            StoredClaim(
                start=int(r["start"]),
                end=int(r["end"]),
                score=float(r["score"]),
                worth_checking=bool(r["worth_checking"]),
                kinds=tuple(str(r["kinds"]).split()),
                reasons=str(r["reasons"]),
                speaker=r["speaker"],
                source=r["source"],
                flags=tuple(str(r["flags"]).split()),
            )
            for r in rows
        ]

    def score_state(self, model: str) -> list[tuple[str, str | None, str]]:
        """For each live article, newest first: its id, the text hash its ``model``
        scores were computed on (``None`` if it has none) and its current version's hash."""
        rows = self._sql.query(
            "SELECT a.id, v.text_sha256 AS version_sha, ("
            "  SELECT MIN(s.text_sha256) FROM claim_scores s"
            "  WHERE s.article_id = a.id AND s.model = ?) AS scored_sha "
            "FROM articles a JOIN article_versions v "
            "ON v.article_id = a.id AND v.version = a.current_version "
            "WHERE a.deleted_at IS NULL ORDER BY a.created DESC",
            [model],
        )
        return [
            (
                str(r["id"]),
                None if r["scored_sha"] is None else str(r["scored_sha"]),
                str(r["version_sha"]),
            )
            for r in rows
        ]

    def dismiss(self, article_id: str, exact: str) -> None:
        """Record that the user judged this sentence of the article not worth checking."""
        with self._sql.write():
            self._sql.insert(
                "claim_dismissals",
                {"article_id": article_id, "exact": exact, "dismissed_at": now_iso()},
                upsert_on=("article_id", "exact"),
            )

    def undismiss(self, article_id: str, exact: str) -> None:
        """Undo a dismissal."""
        with self._sql.write():
            self._sql.conn.execute(
                "DELETE FROM claim_dismissals WHERE article_id = ? AND exact = ?",
                [article_id, exact],
            )

    def dismissed(self, article_id: str) -> set[str]:
        """The texts of the article's dismissed sentences."""
        rows = self._sql.query(
            "SELECT exact FROM claim_dismissals WHERE article_id = ?", [article_id]
        )
        return {str(r["exact"]) for r in rows}

    def recent_dismissals(self, limit: int) -> list[str]:
        """The texts the user dismissed most recently, across live articles."""
        rows = self._sql.query(
            "SELECT d.exact FROM claim_dismissals d JOIN articles a ON a.id = d.article_id "
            "WHERE a.deleted_at IS NULL ORDER BY d.dismissed_at DESC LIMIT ?",
            [limit],
        )
        return [str(r["exact"]) for r in rows]

    def recent_noted(self, limit: int) -> list[str]:
        """The quoted texts of the user's most recent live notes, across live articles."""
        rows = self._sql.query(
            "SELECT n.exact FROM notes n JOIN articles a ON a.id = n.article_id "
            "WHERE n.deleted_at IS NULL AND a.deleted_at IS NULL "
            "ORDER BY n.created DESC LIMIT ?",
            [limit],
        )
        return [str(r["exact"]) for r in rows]
