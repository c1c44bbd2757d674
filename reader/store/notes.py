"""Notes and their sources: what a fact-checker attached to a range of an article.

Part of the library (:class:`reader.store.library.Library` owns the connection).  A
note's place is a W3C selector on its article's current text; its ``anchor_state``
says whether the words there are still those its verdict was given on (``ok``), differ
(``changed``) or are gone (``orphan``).  The words a note was first written on
(``original_exact``) are written once, when it is added, and never again; the words its
verdict stands on now (``checked_exact``) change only through
:mod:`reader.store.wording`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reader.core.errors import NotFoundError
from reader.core.models import AnchorState, Article, Note, Selector, Source
from reader.core.verdicts import BY_KEY, STANCES, STATUSES, status_of, verdict_key_of
from reader.store._sql import Row, Sql, SqlValue, chunks, new_id, now_iso

if TYPE_CHECKING:
    from reader.store.search import SearchIndex


class NoteStore:
    """Notes with their sources."""

    def __init__(self, sql: Sql, index: SearchIndex) -> None:
        self._sql = sql
        self._index = index

    def add_note(
        self,
        art: Article,
        start: int,
        end: int,
        *,
        verdict: str | None = None,
        status: str = "to_check",
        conclusion: str = "",
        body: str = "",
        tags: Iterable[str] = (),
        sources: Iterable[Source] = (),
        note_id: str | None = None,
        based_on: Article | None = None,
    ) -> Note:
        """Attach a new note to ``[start, end)`` of ``art``'s text.

        ``based_on`` is the article as the caller read it when it chose the range, when
        that may be an older version than ``art`` (the current one, read inside the
        caller's write): the range is taken on that text and the note re-anchored on
        the current one, as an update would have done had it come after.
        """
        from reader.core.anchor import make_selector, reanchor

        chosen_on = based_on if based_on is not None else art
        if not (0 <= start < end <= len(chosen_on.text)):
            raise ValueError(f"range {start}..{end} is outside the article text")
        selector = make_selector(chosen_on.text, start, end)
        state: AnchorState = "ok"
        if chosen_on.text != art.text:
            found = reanchor(selector, art.text)
            selector, state = found.selector, found.state
        stamp = now_iso()
        note = Note(
            id=note_id or new_id(),
            article_id=art.id,
            anchor_state=state,
            selector=selector,
            verdict=verdict_key_of(verdict),
            status=status_of(status),
            conclusion=conclusion,
            body=body,
            tags=list(tags),
            sources=list(sources),
            created=stamp,
            updated=stamp,
        )
        _validate_note(note)
        with self._sql.write():
            self._insert_note(note)
        return self.get_note(note.id)

    def _insert_note(self, note: Note) -> None:
        sel = note.selector
        self._sql.insert(
            "notes",
            {
                "id": note.id,
                "article_id": note.article_id,
                "start": sel.start,
                "end": sel.end,
                "exact": sel.exact,
                "prefix": sel.prefix,
                "suffix": sel.suffix,
                "text_sha256": sel.text_sha256,
                "anchor_state": note.anchor_state,
                "verdict": note.verdict,
                "status": note.status,
                "conclusion": note.conclusion,
                "body": note.body,
                "tags": json.dumps(note.tags, ensure_ascii=False),
                "created": note.created,
                "updated": note.updated,
                "deleted_at": note.deleted_at,
                "original_exact": note.original_exact or sel.exact,
                "original_version": self._current_version(note.article_id),
                "checked_exact": note.checked_exact or note.original_exact or sel.exact,
                "claimant": note.claimant or self._speaker_at(note.article_id, sel.start, sel.end),
            },
        )
        self._write_sources(note.id, note.sources)
        self._index.index_note(note)

    def _speaker_at(self, article_id: str, start: int, end: int) -> str | None:
        # The claim radar's speaker of the first scored sentence the note covers: a note
        # made on an attributed claim records who made it (the claimant).
        row = self._sql.conn.execute(
            'SELECT speaker FROM claim_scores WHERE article_id = ? AND start < ? AND "end" > ? '
            "AND speaker IS NOT NULL ORDER BY start LIMIT 1",
            [article_id, end, start],
        ).fetchone()
        return str(row[0]) if row else None

    def _current_version(self, article_id: str) -> int | None:
        row = self._sql.conn.execute(
            "SELECT current_version FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return int(row[0]) if row else None

    def _write_sources(self, note_id: str, sources: list[Source]) -> None:
        self._sql.conn.execute("DELETE FROM sources WHERE note_id = ?", [note_id])
        for pos, src in enumerate(sources):
            if not src.id:
                src.id = new_id()
            self._sql.insert(
                "sources",
                {
                    "id": src.id,
                    "note_id": note_id,
                    "position": pos,
                    "url": src.url,
                    "title": src.title,
                    "publisher": src.publisher,
                    "date": src.date,
                    "accessed": src.accessed,
                    "archive_url": src.archive_url,
                    "stance": src.stance,
                },
            )

    def add_imported_note(self, note: Note, external_id: str | None) -> Note:
        """Store a note made elsewhere as given (selector, anchor state, times), with the
        id it had in the tool it came from."""
        _validate_note(note)
        with self._sql.write():
            self._insert_note(note)
            self._sql.conn.execute(
                "UPDATE notes SET external_id = ? WHERE id = ?", [external_id, note.id]
            )
        return self.get_note(note.id)

    def external_note_ids(self, external_ids: Iterable[str]) -> dict[str, str]:
        """External id → id of the note (live or in the trash) imported with it."""
        found: dict[str, str] = {}
        for chunk in chunks(list(dict.fromkeys(external_ids)), 500):
            marks = ",".join("?" * len(chunk))
            for external_id, note_id in self._sql.conn.execute(
                f"SELECT external_id, id FROM notes WHERE external_id IN ({marks})", chunk
            ):
                found.setdefault(external_id, note_id)
        return found

    def get_note(self, note_id: str) -> Note:
        """One note with its sources."""
        rows = list(self._sql.query("SELECT * FROM notes WHERE id = ?", [note_id]))
        if not rows:
            raise NotFoundError(f"No note with id {note_id}.")
        return self.notes_from_rows(rows)[0]

    def resolve_note_id(self, prefix: str) -> str:
        """The full id of the note whose id starts with ``prefix`` (live ones first)."""
        if not prefix.strip():
            raise NotFoundError("Give a note id (or its first characters); 'show' lists them.")
        rows = [
            str(r[0])
            for r in self._sql.conn.execute(
                "SELECT id FROM notes WHERE id LIKE ? || '%' ORDER BY deleted_at IS NOT NULL "
                "LIMIT 2",
                [prefix],
            ).fetchall()
        ]
        if not rows:
            raise NotFoundError(f"No note with id {prefix}. Run 'show ARTICLE' to see its notes.")
        if len(rows) > 1 and rows[0] != prefix:
            raise NotFoundError(f"The note id {prefix} is ambiguous; give more of it.")
        return rows[0]

    def notes_for_article(self, article_id: str, include_deleted: bool = False) -> list[Note]:
        """The article's notes in reading order."""
        where = "n.article_id = ?" + ("" if include_deleted else " AND n.deleted_at IS NULL")
        return self._load_notes(where, [article_id])

    def notes_for_articles(self, article_ids: list[str]) -> dict[str, list[Note]]:
        """The live notes of many articles at once, each list in reading order."""
        out: dict[str, list[Note]] = {aid: [] for aid in article_ids}
        for chunk in chunks(article_ids, 500):
            marks = ",".join("?" * len(chunk))
            for note in self._load_notes(
                f"n.article_id IN ({marks}) AND n.deleted_at IS NULL", chunk
            ):
                out[note.article_id].append(note)
        return out

    def _load_notes(self, where: str, params: Sequence[SqlValue]) -> list[Note]:
        """The notes matching ``where`` (on ``notes n``), with their sources, in order.

        Two queries whatever the number of notes (the sources through a join on the same
        condition), and rows as tuples: opening an article with 300 notes and exporting
        a whole library both spend most of their loading time here.
        """
        sources: dict[str, list[Source]] = {}
        for (
            note_id,
            url,
            title,
            publisher,
            date,
            accessed,
            archive_url,
            stance,
            source_id,
        ) in self._sql.conn.execute(
            "SELECT s.note_id, s.url, s.title, s.publisher, s.date, s.accessed, "
            "s.archive_url, s.stance, s.id FROM notes n JOIN sources s ON s.note_id = n.id "
            f"WHERE {where} ORDER BY s.note_id, s.position",
            params,
        ):
            sources.setdefault(note_id, []).append(
                Source(
                    url=url,
                    title=title,
                    publisher=publisher,
                    date=date,
                    accessed=accessed,
                    archive_url=archive_url,
                    stance=stance,
                    id=source_id,
                )
            )
        return [
            Note(
                id=note_id,
                article_id=article_id,
                selector=Selector(start, end, exact, prefix, suffix, sha),
                anchor_state=anchor_state,
                verdict=verdict,
                status=status,
                conclusion=conclusion,
                body=body,
                tags=json.loads(tags),
                sources=sources.get(note_id, []),
                created=created,
                updated=updated,
                deleted_at=deleted_at,
                original_exact=original_exact,
                checked_exact=checked_exact,
                claimant=claimant,
            )
            for (
                note_id,
                article_id,
                start,
                end,
                exact,
                prefix,
                suffix,
                sha,
                anchor_state,
                verdict,
                status,
                conclusion,
                body,
                tags,
                created,
                updated,
                deleted_at,
                original_exact,
                checked_exact,
                claimant,
            ) in self._sql.conn.execute(
                'SELECT n.id, n.article_id, n.start, n."end", n.exact, n.prefix, n.suffix, '
                "n.text_sha256, n.anchor_state, n.verdict, n.status, n.conclusion, n.body, "
                "n.tags, n.created, n.updated, n.deleted_at, n.original_exact, "
                "n.checked_exact, n.claimant FROM notes n "
                f'WHERE {where} ORDER BY n.article_id, n.start, n."end", n.created',
                params,
            )
        ]

    def notes_from_rows(self, rows: list[Row]) -> list[Note]:
        """Notes (with their sources) from rows of the ``notes`` table."""
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        sources: dict[str, list[Source]] = {i: [] for i in ids}
        for chunk in chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for s in self._sql.query(
                f"SELECT * FROM sources WHERE note_id IN ({marks}) ORDER BY note_id, position",
                chunk,
            ):
                sources[s["note_id"]].append(
                    Source(
                        url=s["url"],
                        title=s["title"],
                        publisher=s["publisher"],
                        date=s["date"],
                        accessed=s["accessed"],
                        archive_url=s["archive_url"],
                        stance=s["stance"],
                        id=s["id"],
                    )
                )
        return [
            Note(
                id=r["id"],
                article_id=r["article_id"],
                selector=Selector(
                    r["start"],
                    r["end"],
                    r["exact"],
                    r["prefix"],
                    r["suffix"],
                    r["text_sha256"],
                ),
                anchor_state=r["anchor_state"],
                verdict=r["verdict"],
                status=r["status"],
                conclusion=r["conclusion"],
                body=r["body"],
                tags=json.loads(r["tags"]),
                sources=sources[r["id"]],
                created=r["created"],
                updated=r["updated"],
                deleted_at=r["deleted_at"],
                original_exact=r.get("original_exact", ""),
                checked_exact=r.get("checked_exact", ""),
                claimant=r.get("claimant"),
            )
            for r in rows
        ]

    def save_note(self, note: Note, *, touch: bool = True) -> Note:
        """Store every editable field of ``note`` (and its sources) as given."""
        _validate_note(note)
        self.get_note(note.id)
        updated = now_iso() if touch else note.updated
        with self._sql.write():
            self._sql.conn.execute(
                "UPDATE notes SET verdict = ?, status = ?, conclusion = ?, body = ?, "
                "tags = ?, updated = ?, deleted_at = ?, claimant = ? WHERE id = ?",
                [
                    note.verdict,
                    note.status,
                    note.conclusion,
                    note.body,
                    json.dumps(note.tags, ensure_ascii=False),
                    updated,
                    note.deleted_at,
                    note.claimant or None,
                    note.id,
                ],
            )
            self.write_selector(note.id, note.selector, note.anchor_state)
            self._write_sources(note.id, note.sources)
            self._index.index_note(replace(note, updated=updated))
        return self.get_note(note.id)

    def update_note(self, note_id: str, **fields: Any) -> Note:
        """Change some fields of a note (verdict, status, conclusion, body, tags, sources)."""
        note = self.get_note(note_id)
        allowed = {"verdict", "status", "conclusion", "body", "tags", "sources", "claimant"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown note fields: {sorted(bad)}")
        return self.save_note(replace(note, **fields))

    def all_tags(self) -> list[str]:
        """Every tag used on a live note, sorted case-insensitively."""
        tags = {
            r[0]
            for r in self._sql.conn.execute(
                "SELECT DISTINCT j.value FROM notes, json_each(notes.tags) j "
                "WHERE notes.deleted_at IS NULL"
            ).fetchall()
        }
        return sorted(tags, key=str.casefold)

    def write_selector(self, note_id: str, sel: Selector, state: AnchorState) -> None:
        """Store a note's place and anchor state (inside a write)."""
        self._sql.conn.execute(
            'UPDATE notes SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
            "text_sha256 = ?, anchor_state = ? WHERE id = ?",
            [
                sel.start,
                sel.end,
                sel.exact,
                sel.prefix,
                sel.suffix,
                sel.text_sha256,
                state,
                note_id,
            ],
        )


def _validate_note(note: Note) -> None:
    if note.verdict is not None and note.verdict not in BY_KEY:
        raise ValueError(f"Unknown verdict {note.verdict!r}. Use one of: {', '.join(BY_KEY)}.")
    if note.status not in STATUSES:
        raise ValueError(f"Unknown status {note.status!r}. Use one of: {', '.join(STATUSES)}.")
    for src in note.sources:
        if src.stance not in STANCES:
            raise ValueError(f"Unknown stance {src.stance!r}. Use one of: {', '.join(STANCES)}.")
