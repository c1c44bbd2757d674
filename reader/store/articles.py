# Size: one store for everything kept per article (versions, the filtered list, block
# choices, cleanings to check); the list query and its filters are most of it.
"""Articles and their versions: the clean texts, metadata, the list, block choices.

Part of the library (:class:`reader.store.library.Library` owns the connection and
hands it here).  A new version never replaces an old one; storing one re-anchors the
article's notes through :mod:`reader.core.anchor`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.claimant import speaker_key
from reader.core.errors import NotFoundError
from reader.core.models import (
    AnchorState,
    Article,
    ArticleMeta,
    Block,
    CleanArticle,
    text_sha256,
)
from reader.core.verdicts import STATUSES
from reader.store._sql import (
    Row,
    Sql,
    SqlValue,
    chunks,
    new_id,
    now_iso,
    register_speaker_key,
)

if TYPE_CHECKING:
    from reader.store.notes import NoteStore
    from reader.store.search import SearchIndex


@dataclass
class ArticleSummary:
    """One row of the library list."""

    id: str
    title: str
    site_name: str | None
    url: str | None
    published: str | None
    created: str
    updated: str
    version: int
    note_count: int
    verdict_counts: dict[str, int] = field(default_factory=dict)
    status: str = ""  # the least advanced status of its notes, "" without notes
    deleted_at: str | None = None
    tags: list[str] = field(default_factory=list)  # every tag on its notes
    changed_notes: int = 0  # live notes whose words changed or vanished since checked
    cleaning_to_check: bool = False  # the cleaner doubted it and the user has not checked


@dataclass
class VersionInfo:
    """One stored version of an article's clean text."""

    version: int
    retrieved: str
    origin: str
    raw_type: str
    text_sha256: str
    word_count: int


@dataclass
class UpdateReport:
    """What storing a new version did to the notes."""

    article_id: str
    version: int
    changed: bool  # whether the text changed (a new version was stored)
    ok: int = 0  # live notes whose words are as checked
    changed_notes: int = 0  # live notes whose sentence was found with other words
    orphan: int = 0  # live notes whose sentence is gone

    def count(self, state: AnchorState) -> None:
        """Count one live note that came out of re-anchoring in ``state``."""
        if state == "ok":
            self.ok += 1
        elif state == "orphan":
            self.orphan += 1
        else:
            self.changed_notes += 1


# Sort keys of the library list, each an SQL expression over ``articles a``.
LIST_ORDERS: dict[str, str] = {
    "title": "a.title COLLATE NOCASE",
    "site": "a.site_name COLLATE NOCASE",
    "published": "a.published",
    "imported": "a.created",
    "notes": "(SELECT count(*) FROM notes n WHERE n.article_id = a.id AND n.deleted_at IS NULL)",
    # The article's status is its least advanced live note's; NULL without notes.
    "status": "(SELECT min(CASE n.status "
    + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATUSES))
    + " END) FROM notes n WHERE n.article_id = a.id AND n.deleted_at IS NULL)",
    "changed": "(SELECT count(*) FROM notes n WHERE n.article_id = a.id "
    "AND n.deleted_at IS NULL AND n.anchor_state != 'ok')",
}
DEFAULT_LIST_ORDER = "-imported"  # newest import first
# Live notes of an article whose words changed or vanished since checked (read from the
# partial index notes_not_ok).
_CHANGED_COUNT = (
    "(SELECT count(*) FROM notes n WHERE n.article_id = {article} "
    "AND n.deleted_at IS NULL AND n.anchor_state != 'ok')"
)


class ArticleStore:
    """Articles, their versions and the user's block choices."""

    def __init__(self, sql: Sql, index: SearchIndex, notes: NoteStore) -> None:
        self._sql = sql
        self._index = index
        self._notes = notes

    def add_article(
        self,
        clean: CleanArticle,
        *,
        raw: bytes | None = None,
        raw_type: str = "text/plain",
        origin: str = "",
        article_id: str | None = None,
    ) -> Article:
        """Store a new article (version 1) and return it."""
        aid = article_id or new_id()
        stamp = now_iso()
        meta = clean.meta
        with self._sql.write():
            self._sql.insert(
                "articles",
                {
                    "id": aid,
                    "title": meta.title,
                    "byline": meta.byline,
                    "site_name": meta.site_name,
                    "url": meta.url,
                    "published": meta.published,
                    "language": meta.language,
                    "current_version": 1,
                    "created": stamp,
                    "updated": stamp,
                    "deleted_at": None,
                },
            )
            self._insert_version(aid, 1, clean, raw, raw_type, origin, stamp)
            self._index.index_article(aid, meta.title, clean.text)
        return self.get_article(aid)

    def _insert_version(
        self,
        aid: str,
        version: int,
        clean: CleanArticle,
        raw: bytes | None,
        raw_type: str,
        origin: str,
        stamp: str,
    ) -> None:
        self._sql.insert(
            "article_versions",
            {
                "article_id": aid,
                "version": version,
                "text": clean.text,
                "blocks": json.dumps([[b.kind, b.start, b.end] for b in clean.blocks]),
                "dropped": json.dumps(clean.dropped, ensure_ascii=False),
                "raw": raw,
                "raw_type": raw_type,
                "origin": origin,
                "retrieved": stamp,
                "text_sha256": text_sha256(clean.text),
            },
        )

    def get_article(self, article_id: str, version: int | None = None) -> Article:
        """The article with its current (or the given) version's text."""
        row = self.article_row(article_id)
        count = self._sql.conn.execute(
            "SELECT count(*) FROM article_versions WHERE article_id = ?", [article_id]
        ).fetchone()[0]
        v = version or row["current_version"]
        return _article_from(row, self._version_row(article_id, v), v, count)

    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """Many articles at their current version, in a query per 500 (for exports)."""
        out: dict[str, Article] = {}
        for chunk in chunks(article_ids, 500):
            marks = ",".join("?" * len(chunk))
            for r in self._sql.query(
                f"""SELECT a.*, v.text, v.blocks, v.dropped, v.raw_type, v.origin, v.retrieved,
                           (SELECT count(*) FROM article_versions c
                            WHERE c.article_id = a.id) AS version_count
                    FROM articles a JOIN article_versions v
                      ON v.article_id = a.id AND v.version = a.current_version
                    WHERE a.id IN ({marks})""",
                chunk,
            ):
                out[r["id"]] = _article_from(r, r, r["current_version"], r["version_count"])
        return out

    def article_row(self, article_id: str) -> Row:
        """The article's own row; NotFoundError when there is none (also a check)."""
        rows = list(self._sql.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise NotFoundError(f"No article with id {article_id}. Run 'list' to see the articles.")
        return rows[0]

    def _version_row(self, article_id: str, version: int) -> Row:
        # Everything but the raw input, which can be megabytes and is rarely wanted.
        rows = list(
            self._sql.query(
                "SELECT article_id, version, text, blocks, dropped, raw_type, origin, "
                "retrieved, text_sha256 FROM article_versions "
                "WHERE article_id = ? AND version = ?",
                [article_id, version],
            )
        )
        if not rows:
            raise NotFoundError(f"Article {article_id} has no version {version}.")
        return rows[0]

    def resolve_article_id(self, prefix: str) -> str:
        """The full id of the live article whose id starts with ``prefix``."""
        if not prefix.strip():
            raise NotFoundError(
                "Give an article id (or its first characters). Run 'list' to see the articles."
            )
        rows = [
            r[0]
            for r in self._sql.conn.execute(
                "SELECT id FROM articles WHERE id LIKE ? || '%' ORDER BY deleted_at IS NOT NULL"
                " LIMIT 2",
                [prefix],
            ).fetchall()
        ]
        if not rows:
            raise NotFoundError(f"No article with id {prefix}. Run 'list' to see the articles.")
        if len(rows) > 1 and rows[0] != prefix:
            raise NotFoundError(f"The id {prefix} is ambiguous; give more of it.")
        return str(rows[0])

    def articles_with_url(self, url: str) -> list[str]:
        """The live articles imported from ``url``, oldest first."""
        return [
            str(row[0])
            for row in self._sql.conn.execute(
                "SELECT id FROM articles WHERE url = ? AND deleted_at IS NULL ORDER BY created",
                [url],
            ).fetchall()
        ]

    def articles_with_text_hash(self, sha256: str) -> list[str]:
        """The live articles whose current text has this SHA-256, oldest first."""
        return [
            str(row[0])
            for row in self._sql.conn.execute(
                "SELECT a.id FROM article_versions v JOIN articles a "
                "ON a.id = v.article_id AND v.version = a.current_version "
                "WHERE v.text_sha256 = ? AND a.deleted_at IS NULL ORDER BY a.created",
                [sha256],
            ).fetchall()
        ]

    def live_urls_containing(self, fragment: str) -> list[tuple[str, str]]:
        """(id, url) of the live articles whose URL contains ``fragment`` (any case),
        oldest first: the candidates a caller then compares in its own way."""
        return [
            (str(row[0]), str(row[1]))
            for row in self._sql.conn.execute(
                "SELECT id, url FROM articles WHERE deleted_at IS NULL AND url IS NOT NULL "
                "AND instr(lower(url), ?) > 0 ORDER BY created",
                [fragment.lower()],
            ).fetchall()
        ]

    def raw_input(self, article_id: str, version: int | None = None) -> tuple[bytes, str]:
        """The raw input a version was cleaned from, with its media type."""
        v = version or self.article_row(article_id)["current_version"]
        row = self._sql.conn.execute(
            "SELECT raw, raw_type FROM article_versions WHERE article_id = ? AND version = ?",
            [article_id, v],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Article {article_id} has no version {v}.")
        return (row[0] or b"", row[1])

    def versions(self, article_id: str) -> list[VersionInfo]:
        """Every stored version of an article, oldest first."""
        self.article_row(article_id)
        out = []
        for r in self._sql.query(
            "SELECT version, retrieved, origin, raw_type, text_sha256, text "
            "FROM article_versions WHERE article_id = ? ORDER BY version",
            [article_id],
        ):
            out.append(
                VersionInfo(
                    r["version"],
                    r["retrieved"],
                    r["origin"],
                    r["raw_type"],
                    r["text_sha256"],
                    len(r["text"].split()),
                )
            )
        return out

    def add_version(
        self,
        article_id: str,
        clean: CleanArticle,
        *,
        raw: bytes | None = None,
        raw_type: str = "text/plain",
        origin: str = "",
    ) -> UpdateReport:
        """Store ``clean`` as a new version (if its text changed) and re-anchor notes.

        The old version is kept.  Every note is re-anchored against the new text; none
        is dropped — a note that cannot be found becomes an orphan.
        """
        from reader.core.anchor import reanchor_all

        # Read and decide inside the write transaction (BEGIN IMMEDIATE): a note saved
        # or another update committed meanwhile is seen, and the version number is
        # computed from what is stored, not from an earlier read.
        with self._sql.write():
            current = self.get_article(article_id)
            if clean.text == current.text:
                return UpdateReport(article_id, current.version, False)
            version = self._next_version(article_id)
            stamp = now_iso()
            notes = self._notes.notes_for_article(article_id, include_deleted=True)
            # The state compares with the words each verdict was given on, not with the
            # quote of the last version: a sentence changed two versions ago stays changed.
            results = reanchor_all(
                [n.selector for n in notes], clean.text, [n.checked_wording for n in notes]
            )
            report = UpdateReport(article_id, version, True)
            self._insert_version(article_id, version, clean, raw, raw_type, origin, stamp)
            meta = clean.meta
            self._sql.conn.execute(
                "UPDATE articles SET current_version = ?, updated = ?, "
                "title = COALESCE(NULLIF(?, ''), title), byline = COALESCE(?, byline), "
                "site_name = COALESCE(?, site_name), url = COALESCE(?, url), "
                "published = COALESCE(?, published), language = COALESCE(?, language) "
                "WHERE id = ?",
                [
                    version,
                    stamp,
                    meta.title,
                    meta.byline,
                    meta.site_name,
                    meta.url,
                    meta.published,
                    meta.language,
                    article_id,
                ],
            )
            for note, result in zip(notes, results):
                self._notes.write_selector(note.id, result.selector, result.state)
                if note.deleted_at is None:
                    report.count(result.state)
            title = meta.title or current.title
            self._index.index_article(article_id, title, clean.text)
        return report

    def _next_version(self, article_id: str) -> int:
        row = self._sql.conn.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM article_versions WHERE article_id = ?",
            [article_id],
        ).fetchone()
        return int(row[0])

    def update_article_meta(self, article_id: str, **fields: str | None) -> None:
        """Change title, byline, site name, URL, published date or language."""
        allowed = {"title", "byline", "site_name", "url", "published", "language"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown article fields: {sorted(bad)}")
        self.article_row(article_id)
        with self._sql.write():
            changes = {**fields, "updated": now_iso()}
            assignments = ", ".join(f'"{c}" = ?' for c in changes)  # names checked above
            self._sql.conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", [*changes.values(), article_id]
            )
            if "title" in fields:
                art = self.get_article(article_id)
                self._index.index_article(article_id, art.title, art.text)

    # -- the library list -------------------------------------------------------------
    #
    # The list shows a page at a time, so its filters and its order live here, in SQL:
    # a filter or a sort applied to the loaded rows only would miss every article not
    # yet scrolled to.  A page is taken first and only its rows' notes are aggregated
    # (a page of a 10,000-article library stays ~10 ms).  Filters and sort keys on
    # notes read covering indexes, never a note's row with its body: notes_verdict
    # (verdict, deleted_at, article_id) for the verdict, EXISTS probes of
    # notes_article_live (article_id, deleted_at, verdict, status, tags) for the rest.

    def count_articles(
        self,
        include_deleted: bool = False,
        *,
        text: str = "",
        verdict: str | None = None,
        status: str | None = None,
        tag: str | None = None,
        has_notes: bool | None = None,
        changed: bool | None = None,
        speaker: str | None = None,
        to_check: bool | None = None,
    ) -> int:
        """How many articles the library list holds with these filters (see
        :meth:`list_articles`)."""
        where, params = self._list_filters(
            include_deleted, text, verdict, status, tag, has_notes, changed, speaker, to_check
        )
        sql = "SELECT count(*) FROM articles a" + (f" WHERE {where}" if where else "")
        return int(self._sql.conn.execute(sql, params).fetchone()[0])

    def list_articles(
        self,
        *,
        include_deleted: bool = False,
        limit: int | None = None,
        offset: int = 0,
        text: str = "",
        verdict: str | None = None,
        status: str | None = None,
        tag: str | None = None,
        has_notes: bool | None = None,
        order: str = DEFAULT_LIST_ORDER,
        changed: bool | None = None,
        speaker: str | None = None,
        to_check: bool | None = None,
    ) -> list[ArticleSummary]:
        """The library list, a page at a time, with note counts by verdict.

        Filters, all optional and combined: ``text``, a case-insensitive substring of
        the title or the site name (``str.casefold``); ``verdict``, ``status`` and
        ``tag``, which a live note of the article must have (the status being the
        article's, that of its least advanced note); ``has_notes``; ``changed``, whether
        a live note's words changed or vanished since checked; ``to_check``, whether the
        cleaner doubted the article and the user has not checked it.  ``order`` names a
        key of :attr:`LIST_ORDERS`, with a leading ``-`` for descending; the default
        is newest import first.  Ties are broken by id in the opposite direction, so
        that ascending is exactly descending reversed.
        """
        descending = order.startswith("-")
        key = order.lstrip("-")
        if key not in LIST_ORDERS:
            raise ValueError(
                f"Unknown order {order!r}. Use one of: "
                f"{', '.join(LIST_ORDERS)}, with '-' for descending."
            )
        direction, tie = ("DESC", "ASC") if descending else ("ASC", "DESC")
        where, params = self._list_filters(
            include_deleted, text, verdict, status, tag, has_notes, changed, speaker, to_check
        )
        paging = "LIMIT ? OFFSET ?" if limit is not None else ""
        if limit is not None:
            params += [limit, offset]
        # Take the page first, then gather the notes of its rows only.  The sort key
        # rides along so the outer query keeps the page's order without recomputing it.
        sql = f"""
            WITH page AS (
                SELECT a.*, {LIST_ORDERS[key]} AS sort_key FROM articles a
                {f"WHERE {where}" if where else ""}
                ORDER BY sort_key {direction}, a.id {tie} {paging}
            )
            SELECT page.*, (
                SELECT json_group_array(json_array(coalesce(n.verdict, ''), n.status, json(n.tags)))
                FROM notes n WHERE n.article_id = page.id AND n.deleted_at IS NULL
            ) AS note_info, {_CHANGED_COUNT.format(article="page.id")} AS changed_notes,
            page.id IN (SELECT article_id FROM cleaning_checks) AS to_check
            FROM page ORDER BY sort_key {direction}, id {tie}
        """
        return [_summary(r) for r in self._sql.query(sql, params)]

    def _list_filters(
        self,
        include_deleted: bool,
        text: str,
        verdict: str | None,
        status: str | None,
        tag: str | None,
        has_notes: bool | None,
        changed: bool | None = None,
        speaker: str | None = None,
        to_check: bool | None = None,
    ) -> tuple[str, list[SqlValue]]:
        """The WHERE clause (on ``articles a``) and its parameters for the list filters."""
        conds: list[str] = [] if include_deleted else ["a.deleted_at IS NULL"]
        params: list[SqlValue] = []
        live = "n.article_id = a.id AND n.deleted_at IS NULL"
        needle = text.casefold().strip()
        if needle:
            # SQLite's own lower() and LIKE fold ASCII only; the list has always matched
            # as str.casefold does ("STRASSE" finds "Straße").
            self._sql.conn.create_function("fcr_casefold", 1, self._casefold, deterministic=True)
            conds.append("instr(fcr_casefold(a.title || ' ' || coalesce(a.site_name, '')), ?) > 0")
            params.append(needle)
        if verdict:
            # The articles of the verdict's notes, read from notes_verdict: 827 index
            # entries for the rarest verdict of 100,000 notes instead of a probe per
            # article (count 1.4 ms instead of ~20).
            conds.append(
                "a.id IN (SELECT n.article_id FROM notes n "
                "WHERE n.verdict = ? AND n.deleted_at IS NULL)"
            )
            params.append(verdict)
        if status:
            if status not in STATUSES:
                raise ValueError(f"Unknown status {status!r}. Use one of: {', '.join(STATUSES)}.")
            # The least advanced note has this status: one has it, none is behind it.
            conds.append(f"EXISTS (SELECT 1 FROM notes n WHERE {live} AND n.status = ?)")
            params.append(status)
            behind = STATUSES[: STATUSES.index(status)]
            if behind:
                marks = ", ".join("?" * len(behind))
                conds.append(
                    f"NOT EXISTS (SELECT 1 FROM notes n WHERE {live} AND n.status IN ({marks}))"
                )
                params.extend(behind)
        if tag:
            probe = ""
            if tag.isascii() and tag.isprintable() and not set(tag) & {'"', "\\"}:
                # Such a tag appears as it is in the JSON list: a substring test of the
                # indexed column skips json_each for most notes.
                probe = "instr(n.tags, ?) > 0 AND "
                params.append(tag)
            conds.append(
                f"EXISTS (SELECT 1 FROM notes n WHERE {live} AND {probe}"
                "EXISTS (SELECT 1 FROM json_each(n.tags) j WHERE j.value = ?))"
            )
            params.append(tag)
        if has_notes is not None:
            conds.append(
                f"{'' if has_notes else 'NOT '}EXISTS (SELECT 1 FROM notes n WHERE {live})"
            )
        if changed is not None:
            conds.append(
                f"{'' if changed else 'NOT '}EXISTS (SELECT 1 FROM notes n WHERE {live} "
                "AND n.anchor_state != 'ok')"
            )
        if speaker:
            # Who is quoted: the claim radar's speakers, and the claimants of live notes.
            # Any spelling of the name ("jane doe" for "Jane Doe"), as speakers() lists it.
            register_speaker_key(self._sql.conn)
            conds.append(
                "a.id IN (SELECT article_id FROM claim_scores WHERE fcr_speaker(speaker) = ? "
                "UNION SELECT n.article_id FROM notes n WHERE fcr_speaker(n.claimant) = ? "
                "AND n.deleted_at IS NULL)"
            )
            params += [speaker_key(speaker)] * 2
        if to_check is not None:
            conds.append(
                f"a.id {'' if to_check else 'NOT '}IN (SELECT article_id FROM cleaning_checks)"
            )
        return " AND ".join(conds), params

    def speakers(self) -> list[str]:
        """Every speaker the claim radar found or a live note names, sorted, each once.

        Spellings that differ only in case ("Jane Doe", "jane doe") are one speaker,
        named by its most frequent spelling (on a tie, the one with capitals first); the
        filters match every spelling of it (see :func:`speaker_key`).
        """
        rows = self._sql.conn.execute(
            "SELECT s.speaker FROM claim_scores s JOIN articles a ON a.id = s.article_id "
            "WHERE s.speaker IS NOT NULL AND a.deleted_at IS NULL "
            "UNION ALL SELECT claimant FROM notes WHERE claimant IS NOT NULL "
            "AND deleted_at IS NULL"
        ).fetchall()
        spellings: dict[str, Counter[str]] = {}
        for (name,) in rows:
            shown = str(name).strip()
            if shown:
                spellings.setdefault(speaker_key(shown), Counter())[shown] += 1
        named = [min(c, key=lambda s: (-c[s], s)) for c in spellings.values()]
        return sorted(named, key=str.casefold)

    @staticmethod
    def _casefold(value: str | None) -> str | None:
        return None if value is None else value.casefold()

    def article_summary(self, article_id: str) -> ArticleSummary:
        """The library-list row of one article."""
        rows = list(
            self._sql.query(
                """SELECT a.*, (
                   SELECT json_group_array(
                       json_array(coalesce(n.verdict, ''), n.status, json(n.tags)))
                   FROM notes n WHERE n.article_id = a.id AND n.deleted_at IS NULL
               ) AS note_info, """
                + _CHANGED_COUNT.format(article="a.id")
                + " AS changed_notes, a.id IN (SELECT article_id FROM cleaning_checks) AS to_check"
                + " FROM articles a WHERE a.id = ?",
                [article_id],
            )
        )
        if not rows:
            raise NotFoundError(f"No article with id {article_id}.")
        return _summary(rows[0])

    # -- block overrides --------------------------------------------------------------

    def set_block_override(self, article_id: str, text: str, action: str | None) -> None:
        """Remember that the user dropped (``"drop"``) or kept (``"keep"``) a block.

        ``None`` forgets the choice.
        """
        with self._sql.write():
            if action is None:
                self._sql.conn.execute(
                    "DELETE FROM block_overrides WHERE article_id = ? AND text = ?",
                    [article_id, text],
                )
            else:
                if action not in ("drop", "keep"):
                    raise ValueError(f"unknown block action {action!r}")
                self._sql.insert(
                    "block_overrides",
                    {"article_id": article_id, "text": text, "action": action},
                    upsert_on=("article_id", "text"),
                )

    def block_overrides(self, article_id: str) -> dict[str, str]:
        """The user's block choices for an article: block text → "drop" | "keep"."""
        return {
            r["text"]: r["action"]
            for r in self._sql.query(
                "SELECT text, action FROM block_overrides WHERE article_id = ?", [article_id]
            )
        }

    # -- cleanings to check ----------------------------------------------------------------

    def set_cleaning_check(
        self, article_id: str, confidence: float | None, warning: str | None
    ) -> None:
        """Remember that the cleaner doubted ``article_id`` (``warning`` says why), or with
        ``warning`` None that there is nothing to check (any earlier doubt is gone)."""
        with self._sql.write():
            if warning is None:
                self._sql.conn.execute(
                    "DELETE FROM cleaning_checks WHERE article_id = ?", [article_id]
                )
            else:
                self._sql.insert(
                    "cleaning_checks",
                    {
                        "article_id": article_id,
                        "confidence": confidence,
                        "warning": warning,
                        "found": now_iso(),
                    },
                    upsert_on=("article_id",),
                )

    def cleaning_check(self, article_id: str) -> tuple[float | None, str] | None:
        """The doubted cleaning's confidence and warning, None when there is none."""
        row = self._sql.conn.execute(
            "SELECT confidence, warning FROM cleaning_checks WHERE article_id = ?",
            [article_id],
        ).fetchone()
        return None if row is None else (row[0], str(row[1]))


def _article_from(row: Row, vrow: Row, version: int, count: int) -> Article:
    return Article(
        id=row["id"],
        text=vrow["text"],
        blocks=[Block(k, s, e) for k, s, e in json.loads(vrow["blocks"])],
        meta=ArticleMeta(
            title=row["title"],
            byline=row["byline"],
            site_name=row["site_name"],
            url=row["url"],
            published=row["published"],
            language=row["language"],
        ),
        version=version,
        version_count=count,
        raw_type=vrow["raw_type"],
        origin=vrow["origin"],
        created=row["created"],
        updated=row["updated"],
        retrieved=vrow["retrieved"],
        deleted_at=row["deleted_at"],
        dropped=json.loads(vrow["dropped"]),
    )


def _summary(r: Row) -> ArticleSummary:
    info = json.loads(r["note_info"] or "[]")
    counts: dict[str, int] = {}
    statuses = set()
    tags: set[str] = set()
    for verdict_key, status, note_tags in info:
        if verdict_key:
            counts[verdict_key] = counts.get(verdict_key, 0) + 1
        statuses.add(status)
        tags.update(note_tags)
    return ArticleSummary(
        id=r["id"],
        title=r["title"],
        site_name=r["site_name"],
        url=r["url"],
        published=r["published"],
        created=r["created"],
        updated=r["updated"],
        version=r["current_version"],
        note_count=len(info),
        verdict_counts=counts,
        status=next((s for s in STATUSES if s in statuses), ""),
        deleted_at=r["deleted_at"],
        tags=sorted(tags),
        changed_notes=r.get("changed_notes") or 0,
        cleaning_to_check=bool(r.get("to_check")),
    )
