"""Full-text search over articles, notes, sources (titles, publishers, URLs) and tags
(SQLite FTS5).

Part of the library (:class:`reader.store.library.Library` owns the connection).
``search_index`` holds one FTS row per article and per note; ``search_rows`` maps
each (kind, id) to its FTS row so that an edit replaces exactly one row.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from reader.core.models import Article, Note
from reader.core.search_query import fts_query
from reader.store._sql import Sql, SqlValue

log = logging.getLogger(__name__)

RANKED_MATCHES = 2000  # search results are ranked up to this many matches

HitKind = Literal["article", "note"]


@dataclass
class SearchHit:
    """A search result: an article, or a note within one."""

    kind: HitKind
    article_id: str
    article_title: str
    note_id: str | None
    snippet: str
    start: int | None = None


class SearchIndex:
    """The search index and its queries."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    def index_article(self, article_id: str, title: str, text: str) -> None:
        """Index (or index again) an article's title and current text."""
        self.unindex("article", article_id)
        self._add_to_index("article", article_id, article_id, title, text)

    def index_note(self, note: Note) -> None:
        """Index (or index again) a note: its quote, texts, tags and sources."""
        self.unindex("note", note.id)
        content = "\n".join(
            [note.conclusion, note.body, " ".join(note.tags)]
            + [s.title for s in note.sources]
            + [s.publisher for s in note.sources]
            # A source is often remembered by its site: "reuters", "who.int".
            + [s.url for s in note.sources]
            + [s.archive_url for s in note.sources]
        )
        self._add_to_index("note", note.id, note.article_id, note.exact, content)

    def unindex(self, kind: HitKind, ref: str) -> None:
        """Take an article or a note out of the index."""
        row = self._sql.conn.execute(
            "SELECT fts_rowid FROM search_rows WHERE kind = ? AND ref = ?", [kind, ref]
        ).fetchone()
        if row is not None:
            self._sql.conn.execute("DELETE FROM search_index WHERE rowid = ?", [row[0]])
            self._sql.conn.execute(
                "DELETE FROM search_rows WHERE kind = ? AND ref = ?", [kind, ref]
            )

    def _add_to_index(
        self, kind: HitKind, ref: str, article_id: str, title: str, content: str
    ) -> None:
        cur = self._sql.conn.execute(
            "INSERT INTO search_index (kind, ref, article_id, title, content) "
            "VALUES (?, ?, ?, ?, ?)",
            [kind, ref, article_id, title, content],
        )
        self._sql.conn.execute(
            "INSERT OR REPLACE INTO search_rows (kind, ref, fts_rowid) VALUES (?, ?, ?)",
            [kind, ref, cur.lastrowid],
        )

    def search(
        self,
        query: str,
        *,
        verdict: str | None = None,
        status: str | None = None,
        tag: str | None = None,
        has_notes: bool | None = None,
        limit: int = 200,
    ) -> list[SearchHit]:
        """Full-text search over article text and titles, notes, source titles, tags.

        The query is read by :func:`reader.core.search_query.fts_query`: words are
        tokenised as the index tokenises text, the last token of each matched as a
        prefix, quoted phrases exactly, all of them required; the filters narrow the
        hits to articles (or notes) with a matching note.
        """
        match = fts_query(query)
        if not match:
            return []
        note_filters: list[str] = ["n.deleted_at IS NULL"]
        params: list[SqlValue] = []
        if verdict:
            note_filters.append("n.verdict = ?")
            params.append(verdict)
        if status:
            note_filters.append("n.status = ?")
            params.append(status)
        if tag:
            note_filters.append("EXISTS (SELECT 1 FROM json_each(n.tags) j WHERE j.value = ?)")
            params.append(tag)
        filtered = bool(verdict or status or tag)
        note_cond = " AND ".join(note_filters)
        sql = """
            SELECT s.kind, s.ref, s.article_id, a.title AS article_title,
                   snippet(search_index, 4, '[', ']', '…', 12) AS snip,
                   n.start AS note_start
            FROM search_index s
            JOIN articles a ON a.id = s.article_id AND a.deleted_at IS NULL
            LEFT JOIN notes n ON s.kind = 'note' AND n.id = s.ref
            WHERE search_index MATCH ?
              AND (s.kind = 'article' OR n.deleted_at IS NULL)
        """
        all_params: list[SqlValue] = [match]
        if filtered:
            sql += f"""
              AND ((s.kind = 'note' AND {note_cond})
                   OR (s.kind = 'article' AND EXISTS (
                        SELECT 1 FROM notes n WHERE n.article_id = s.article_id
                        AND {note_cond})))
            """
            all_params += params + params
        if has_notes is not None:
            exists = (
                "EXISTS (SELECT 1 FROM notes m WHERE m.article_id = s.article_id "
                "AND m.deleted_at IS NULL)"
            )
            sql += f" AND {'' if has_notes else 'NOT '}{exists}"
        # Ranking scores every match (60 ms for 20,000 of them); past a few thousand
        # matches the newest entries come first instead, which costs nothing.
        many = (
            self._sql.conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? "
                "LIMIT ?)",
                [match, RANKED_MATCHES + 1],
            ).fetchone()[0]
            > RANKED_MATCHES
        )
        sql += " ORDER BY s.rowid DESC LIMIT ?" if many else " ORDER BY rank LIMIT ?"
        all_params.append(limit)
        try:
            rows = list(self._sql.query(sql, all_params))
        except sqlite3.OperationalError as exc:
            log.info("search query %r failed: %s", query, exc)
            return []
        return [
            SearchHit(
                kind=r["kind"],
                article_id=r["article_id"],
                article_title=r["article_title"],
                note_id=r["ref"] if r["kind"] == "note" else None,
                snippet=r["snip"] or "",
                start=r["note_start"],
            )
            for r in rows
        ]

    def rebuild(self, articles: Iterable[Article], notes: Iterable[Note]) -> None:
        """Replace the whole index by these articles and notes (inside a write)."""
        self._sql.conn.execute("DELETE FROM search_index")
        self._sql.conn.execute("DELETE FROM search_rows")
        for art in articles:
            self.index_article(art.id, art.title, art.text)
        for note in notes:
            self.index_note(note)


__all__ = ["SearchHit", "SearchIndex", "fts_query"]
