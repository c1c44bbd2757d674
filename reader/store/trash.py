"""The Trash and the history of deletions: what was deleted, when, and restoring it.

Part of the library (:class:`reader.store.library.Library` owns the connection).
Deleting an article or a note only stamps ``deleted_at``; only emptying the Trash
removes rows for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.store._sql import Sql, now_iso
from reader.store.articles import ArticleStore
from reader.store.notes import NoteStore
from reader.store.search import SearchIndex

TrashKind = Literal["article", "note"]


@dataclass
class TrashItem:
    """One deleted article or note."""

    kind: TrashKind
    id: str
    title: str  # an article's title; a note's sentence (its first 80 characters)
    deleted_at: str
    # A note's verdict key and conclusion, and the title of the article it is on.
    verdict: str | None = None
    conclusion: str = ""
    article_title: str = ""
    notes: int = 0  # an article's notes, which went to the Trash with it


class Trash:
    """Moving articles and notes to the Trash, back, and out for good."""

    def __init__(
        self, sql: Sql, index: SearchIndex, articles: ArticleStore, notes: NoteStore
    ) -> None:
        self._sql = sql
        self._index = index
        self._articles = articles
        self._notes = notes

    def delete_article(self, article_id: str) -> None:
        """Move an article (and, with it, its notes) to the Trash."""
        self._articles.article_row(article_id)
        with self._sql.write():
            self._sql.conn.execute(
                "UPDATE articles SET deleted_at = ? WHERE id = ?", [now_iso(), article_id]
            )

    def restore_article(self, article_id: str) -> None:
        """Bring an article back from the Trash."""
        self._articles.article_row(article_id)
        with self._sql.write():
            self._sql.conn.execute(
                "UPDATE articles SET deleted_at = NULL WHERE id = ?", [article_id]
            )

    def delete_note(self, note_id: str) -> None:
        """Move a note to the Trash."""
        self._notes.get_note(note_id)
        with self._sql.write():
            self._sql.conn.execute(
                "UPDATE notes SET deleted_at = ? WHERE id = ?", [now_iso(), note_id]
            )

    def restore_note(self, note_id: str) -> None:
        """Bring a note back from the Trash."""
        self._notes.get_note(note_id)
        with self._sql.write():
            self._sql.conn.execute("UPDATE notes SET deleted_at = NULL WHERE id = ?", [note_id])

    def trash(self) -> list[TrashItem]:
        """Everything in the Trash, most recently deleted first."""
        items = [
            TrashItem("article", r["id"], r["title"], r["deleted_at"], notes=r["notes"])
            for r in self._sql.query(
                "SELECT a.id, a.title, a.deleted_at, (SELECT count(*) FROM notes n "
                "WHERE n.article_id = a.id AND n.deleted_at IS NULL) AS notes "
                "FROM articles a WHERE a.deleted_at IS NOT NULL"
            )
        ]
        items += [
            TrashItem(
                "note",
                r["id"],
                r["exact"][:80],
                r["deleted_at"],
                verdict=r["verdict"],
                conclusion=r["conclusion"] or "",
                article_title=r["article_title"] or "",
            )
            for r in self._sql.query(
                "SELECT n.id, n.exact, n.deleted_at, n.verdict, n.conclusion, "
                "a.title AS article_title FROM notes n JOIN articles a ON a.id = n.article_id "
                "WHERE n.deleted_at IS NOT NULL"
            )
        ]
        return sorted(items, key=lambda i: i.deleted_at, reverse=True)

    def empty_trash(self) -> int:
        """Delete for good everything in the Trash; returns how many items went."""
        with self._sql.write():
            n_notes = self._sql.conn.execute(
                "SELECT count(*) FROM notes WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            dead_articles = [
                r[0]
                for r in self._sql.conn.execute(
                    "SELECT id FROM articles WHERE deleted_at IS NOT NULL"
                ).fetchall()
            ]
            dead_notes = [
                r[0]
                for r in self._sql.conn.execute(
                    "SELECT id FROM notes WHERE deleted_at IS NOT NULL "
                    "OR article_id IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)"
                ).fetchall()
            ]
            for nid in dead_notes:
                self._index.unindex("note", nid)
            for aid in dead_articles:
                self._index.unindex("article", aid)
            self._sql.conn.execute("DELETE FROM notes WHERE deleted_at IS NOT NULL")
            self._sql.conn.execute("DELETE FROM articles WHERE deleted_at IS NOT NULL")
        return int(n_notes) + len(dead_articles)
