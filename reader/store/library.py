"""The library: one SQLite file, and the facade through which everything above uses it.

:class:`Library` owns the connection and hands it to four parts split by what they
store, in the manner of Anki's collection:

- :class:`~reader.store.articles.ArticleStore` (``lib.articles``): articles, versions,
  the library list and the user's block choices;
- :class:`~reader.store.notes.NoteStore` (``lib.notes``): notes and their sources;
- :class:`~reader.store.search.SearchIndex` (``lib.index``): full-text search;
- :class:`~reader.store.trash.Trash` (``lib.trash_bin``): deleting, restoring, emptying.

The facade's methods are the public API the rest of the app calls; the parts are its
implementation.  Everything above this layer sees dataclasses from
:mod:`reader.core.models`; SQL stays in the store.  Each public method that writes is one
transaction committed before it returns, with ``synchronous=FULL``, so neither a
crash nor a power cut loses a change reported as saved (bulk JSON imports commit each
article with ``NORMAL`` and sync once before they report; see
:meth:`Library.bulk_writes`).  SQLite faults come out as :class:`~reader.core.errors.StoreError` (a
:class:`~reader.core.errors.UserError`) with a message that says what to do.

A sqlite3 connection belongs to the thread that opened it: open a :class:`Library` in
the thread that uses it (the window keeps one for the GUI thread; background imports
and exports open their own).

The library talks to its ``sqlite3`` connection directly (rows as dicts or tuples,
inserts built from our own column names, savepoints for nested writes); sqlite-utils
applies the schema migrations and is imported only when one is due, because importing
it was the largest part of the app's start-up (:mod:`reader.store.schema`).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import StoreError
from reader.core.models import Article, CleanArticle, Note, Source
from reader.store import schema
from reader.store._sql import (
    BUSY_TIMEOUT_S,
    Sql,
    WriteTransaction,
    cannot_write,
    connect,
    connect_read_only,
    explain_sqlite_error,
    is_read_only_file,
    new_id,
    now_iso,
    read_only_notice,
    store_errors,
)
from reader.store.articles import (
    DEFAULT_LIST_ORDER,
    LIST_ORDERS,
    ArticleStore,
    ArticleSummary,
    UpdateReport,
    VersionInfo,
)
from reader.store.history import JournalEntry, NoteJournal
from reader.store.notes import NoteStore
from reader.store.search import SearchHit, SearchIndex, fts_query
from reader.store.trash import Trash, TrashItem

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

__all__ = [
    "ArticleSummary",
    "Library",
    "SearchHit",
    "TrashItem",
    "UpdateReport",
    "VersionInfo",
    "fts_query",
    "new_id",
    "now_iso",
]


class Library:
    """A Fact-Check Reader library stored in one SQLite file (or in memory)."""

    LIST_ORDERS = LIST_ORDERS
    DEFAULT_LIST_ORDER = DEFAULT_LIST_ORDER

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        from reader.store.backup import recover_interrupted_restore

        # Sentences for the user about what opening did (an interrupted restore finished).
        try:
            self.notices: list[str] = recover_interrupted_restore(Path(self.path))
        except OSError as exc:
            # A read-only folder or a full disk: the restore is finished on an open
            # that can write; reading goes on meanwhile.
            log.warning("could not check %s for an interrupted restore: %s", self.path, exc)
            self.notices = []
        # A file we may not write is opened for reading only: shown, never changed.
        self.read_only = is_read_only_file(path)
        if self.read_only:
            self.notices.append(
                f"The library {self.path} is read-only, so it is open for reading only: "
                "changes cannot be saved. Nothing was lost."
            )
        conn = connect(path)
        self.conn = conn
        self.sql = Sql(conn, self.path)
        self._db: Database | None = None
        # How bulk_writes commits (the durability bench sets FULL to compare).
        self.import_synchronous = "NORMAL"
        # True when the file (or its folder, or the disk) cannot take writes: reading
        # still works; every write is refused by SQLite with a calm message.  Set above
        # for a file we may not write, below when opening finds it cannot write.
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if not (self.path != ":memory:" and cannot_write(exc) and Path(self.path).exists()):
                raise StoreError(explain_sqlite_error(self.path, exc)) from exc
            self._open_read_only(exc)
        except StoreError:
            conn.close()
            raise
        self.index = SearchIndex(self.sql)
        self.notes = NoteStore(self.sql, self.index)
        self.articles = ArticleStore(self.sql, self.index, self.notes)
        self.trash_bin = Trash(self.sql, self.index, self.articles, self.notes)
        self.journal = NoteJournal(self.sql)

    def _open_read_only(self, why: sqlite3.DatabaseError) -> None:
        """Open the library for reading only, after ``why`` refused a write at open."""
        log.info("opening %s read-only: %s", self.path, why)
        self.read_only = True
        self.notices.append(read_only_notice(self.path, why))
        self.conn.close()
        for immutable in (False, True):
            # A WAL library needs its -shm file; in a folder that cannot take one the
            # file is read as it stands ("immutable"), which is what a read-only
            # folder or a full disk guarantees anyway.
            conn = connect_read_only(self.path, immutable=immutable)
            self.conn = conn
            self.sql = Sql(conn, self.path)
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                schema.check_ours(conn, self.path)
                schema.check_not_newer(conn)
                return
            except sqlite3.DatabaseError as exc:
                conn.close()
                if immutable or not cannot_write(exc):
                    raise StoreError(explain_sqlite_error(self.path, exc)) from exc
            except StoreError:
                conn.close()
                raise

    def _prepare(self) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Any read fails here on a corrupt or non-database file, before we write.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        schema.check_ours(conn, self.path)
        schema.check_not_newer(conn)
        if self.read_only:
            if schema.pending_names(conn):
                raise StoreError(
                    f"The library {self.path} is read-only and from an older version, so "
                    "it cannot be opened. Make the file writable once to bring it up to date."
                )
            return
        if self.path != ":memory:":
            self._switch_to_wal()
        # FULL: under WAL, NORMAL survives a killed process but a power cut may take the
        # last commits with it; FULL syncs the WAL at every commit, so a save reported
        # as done survives both (tests/bench/durability.py measures the cost).
        conn.execute("PRAGMA synchronous = FULL")
        if schema.pending_names(conn):
            schema.migrate(conn)

    def _switch_to_wal(self) -> None:
        """Put the library in WAL mode (readers and one writer at once), when it can be.

        A library in the older rollback-journal mode (a restored backup, or one another
        program switched) needs a moment alone to switch.  While another process is
        writing to it that moment does not come, and SQLite says so at once (waiting
        could deadlock): the library is then used as it is, readers waiting out the
        other's commits (busy timeout), and the switch is made at a later open.
        """
        conn = self.conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                raise
            log.info("%s stays in its journal mode for now: %s", self.path, exc)

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils ``Database``, for tools and tests.

        The library itself talks to ``self.conn`` directly: sqlite-utils is imported only
        when this is first used (see :mod:`reader.store.schema` for why).
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def write(self) -> WriteTransaction:
        """``with lib.write():`` several writes as one transaction (nested ones too)."""
        return self.sql.write()

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles and versions ----------------------------------------------------------

    @store_errors
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
        return self.articles.add_article(
            clean, raw=raw, raw_type=raw_type, origin=origin, article_id=article_id
        )

    @store_errors
    def get_article(self, article_id: str, version: int | None = None) -> Article:
        """The article with its current (or the given) version's text."""
        return self.articles.get_article(article_id, version)

    @store_errors
    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """Many articles at their current version, in a query per 500 (for exports)."""
        return self.articles.get_articles(article_ids)

    @store_errors
    def resolve_article_id(self, prefix: str) -> str:
        """The full id of the live article whose id starts with ``prefix``."""
        return self.articles.resolve_article_id(prefix)

    @store_errors
    def articles_with_url(self, url: str) -> list[str]:
        """The live articles imported from ``url``, oldest first (duplicates)."""
        return self.articles.articles_with_url(url)

    @store_errors
    def articles_with_text_hash(self, sha256: str) -> list[str]:
        """The live articles whose current clean text has this SHA-256 (duplicates)."""
        return self.articles.articles_with_text_hash(sha256)

    @store_errors
    def live_urls_containing(self, fragment: str) -> list[tuple[str, str]]:
        """(id, url) of live articles whose URL contains ``fragment``, oldest first."""
        return self.articles.live_urls_containing(fragment)

    @store_errors
    def raw_input(self, article_id: str, version: int | None = None) -> tuple[bytes, str]:
        """The raw input a version was cleaned from, with its media type."""
        return self.articles.raw_input(article_id, version)

    @store_errors
    def versions(self, article_id: str) -> list[VersionInfo]:
        """Every stored version of an article, oldest first."""
        return self.articles.versions(article_id)

    @store_errors
    def add_version(
        self,
        article_id: str,
        clean: CleanArticle,
        *,
        raw: bytes | None = None,
        raw_type: str = "text/plain",
        origin: str = "",
    ) -> UpdateReport:
        """Store ``clean`` as a new version (if its text changed) and re-anchor notes."""
        return self.articles.add_version(
            article_id, clean, raw=raw, raw_type=raw_type, origin=origin
        )

    @store_errors
    def update_article_meta(self, article_id: str, **fields: str | None) -> None:
        """Change title, byline, site name, URL, published date or language."""
        self.articles.update_article_meta(article_id, **fields)

    @store_errors
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
        """How many articles the library list holds with these filters."""
        return self.articles.count_articles(
            include_deleted,
            to_check=to_check,
            text=text,
            verdict=verdict,
            status=status,
            tag=tag,
            has_notes=has_notes,
            changed=changed,
            speaker=speaker,
        )

    @store_errors
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
        """The library list, a page at a time (see :meth:`ArticleStore.list_articles`)."""
        return self.articles.list_articles(
            to_check=to_check,
            changed=changed,
            include_deleted=include_deleted,
            limit=limit,
            offset=offset,
            text=text,
            verdict=verdict,
            status=status,
            tag=tag,
            has_notes=has_notes,
            order=order,
            speaker=speaker,
        )

    @store_errors
    def article_summary(self, article_id: str) -> ArticleSummary:
        """The library-list row of one article."""
        return self.articles.article_summary(article_id)

    @store_errors
    def set_block_override(self, article_id: str, text: str, action: str | None) -> None:
        """Remember that the user dropped or kept a block; ``None`` forgets the choice."""
        self.articles.set_block_override(article_id, text, action)

    @store_errors
    def block_overrides(self, article_id: str) -> dict[str, str]:
        """The user's block choices for an article: block text → "drop" | "keep"."""
        return self.articles.block_overrides(article_id)

    @store_errors
    def set_cleaning_check(
        self, article_id: str, confidence: float | None, warning: str | None
    ) -> None:
        """Remember that the cleaner doubted an article (``warning`` says why); with
        ``warning`` None, that there is nothing to check."""
        self.articles.set_cleaning_check(article_id, confidence, warning)

    @store_errors
    def cleaning_check(self, article_id: str) -> tuple[float | None, str] | None:
        """The unchecked doubted cleaning of an article: (confidence, warning), or None."""
        return self.articles.cleaning_check(article_id)

    # -- notes and sources --------------------------------------------------------------

    @store_errors
    def add_note(
        self,
        article_id: str,
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
        """Attach a new note to ``[start, end)`` of the article's current text.

        ``based_on`` is the article as the caller read it to choose the range; when an
        update stored a newer version meanwhile, the note is re-anchored on it.  The
        article is read in the same write transaction as the note is stored, so no
        update can slip in between.
        """
        with self.sql.write():
            return self.notes.add_note(
                self.articles.get_article(article_id),
                start,
                end,
                verdict=verdict,
                status=status,
                conclusion=conclusion,
                body=body,
                tags=tags,
                sources=sources,
                note_id=note_id,
                based_on=based_on,
            )

    @store_errors
    def get_note(self, note_id: str) -> Note:
        """One note with its sources."""
        return self.notes.get_note(note_id)

    @store_errors
    def notes_for_article(self, article_id: str, include_deleted: bool = False) -> list[Note]:
        """The article's notes in reading order."""
        return self.notes.notes_for_article(article_id, include_deleted)

    @store_errors
    def notes_for_articles(self, article_ids: list[str]) -> dict[str, list[Note]]:
        """The live notes of many articles at once, each list in reading order."""
        return self.notes.notes_for_articles(article_ids)

    @store_errors
    def save_note(self, note: Note, *, touch: bool = True) -> Note:
        """Store every editable field of ``note`` (and its sources) as given."""
        return self.notes.save_note(note, touch=touch)

    @store_errors
    def update_note(self, note_id: str, **fields: Any) -> Note:
        """Change some fields of a note (verdict, status, conclusion, body, tags, sources)."""
        return self.notes.update_note(note_id, **fields)

    @store_errors
    def add_imported_note(self, note: Note, *, external_id: str | None = None) -> Note:
        """Store a note imported from another tool as given, keeping its original id."""
        return self.notes.add_imported_note(note, external_id)

    @store_errors
    def external_note_ids(self, external_ids: Iterable[str]) -> dict[str, str]:
        """Original id → note id, for the notes already imported with those ids."""
        return self.notes.external_note_ids(external_ids)

    @store_errors
    @store_errors
    def speakers(self) -> list[str]:
        """Every speaker found by the claim radar or named as a claimant (library filter)."""
        return self.articles.speakers()

    def all_tags(self) -> list[str]:
        """Every tag used on a live note, sorted case-insensitively."""
        return self.notes.all_tags()

    @store_errors
    def resolve_note_id(self, prefix: str) -> str:
        """The full id of the note (live or in the Trash) whose id starts with ``prefix``."""
        return self.notes.resolve_note_id(prefix)

    @store_errors
    def record_note_change(
        self, origin: str, action: str, note_id: str, article_id: str, before: str, after: str
    ) -> int:
        """Journal a note edit made outside the window (see :mod:`reader.store.history`)."""
        return self.journal.record(origin, action, note_id, article_id, before, after)

    @store_errors
    def note_changes_since(self, seq: int, origin: str | None = None) -> list[JournalEntry]:
        """Journalled note edits after ``seq``, oldest first."""
        return self.journal.since(seq, origin)

    # -- trash and history --------------------------------------------------------------

    @store_errors
    def delete_article(self, article_id: str) -> None:
        """Move an article (and, with it, its notes) to the Trash."""
        self.trash_bin.delete_article(article_id)

    @store_errors
    def restore_article(self, article_id: str) -> None:
        """Bring an article back from the Trash."""
        self.trash_bin.restore_article(article_id)

    @store_errors
    def delete_note(self, note_id: str) -> None:
        """Move a note to the Trash."""
        self.trash_bin.delete_note(note_id)

    @store_errors
    def restore_note(self, note_id: str) -> None:
        """Bring a note back from the Trash."""
        self.trash_bin.restore_note(note_id)

    @store_errors
    def trash(self) -> list[TrashItem]:
        """Everything in the Trash, most recently deleted first."""
        return self.trash_bin.trash()

    @store_errors
    def empty_trash(self) -> int:
        """Delete for good everything in the Trash; returns how many items went."""
        return self.trash_bin.empty_trash()

    # -- search -------------------------------------------------------------------------

    @store_errors
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
        """Full-text search over article text and titles, notes, source titles, tags."""
        return self.index.search(
            query, verdict=verdict, status=status, tag=tag, has_notes=has_notes, limit=limit
        )

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many commits without a sync each, made durable together when the block ends.

        For imports of thousands of articles: each commit is still atomic (a killed
        process loses nothing committed), and one checkpoint at the end syncs them all
        to disk before the caller reports success.
        """
        if self.read_only or self.path == ":memory:":
            yield
            return
        self.conn.execute(f"PRAGMA synchronous = {self.import_synchronous}")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")
        # A checkpoint syncs the WAL first, and with it every commit made above.
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    def index_article_now(self, article_id: str) -> None:
        """Index one article and all its notes as stored now (inside the caller's write).

        The JSON import calls this in each article's own transaction, so what is
        imported is searchable at once, whatever happens to the rest of the import.
        """
        article = self.articles.get_article(article_id)
        self.index.index_article(article.id, article.title, article.text)
        rows = list(self.sql.query("SELECT * FROM notes WHERE article_id = ?", [article_id]))
        for note in self.notes.notes_from_rows(rows):
            self.index.index_note(note)

    @store_errors
    def reindex(self) -> None:
        """Rebuild the search index from the tables (after a bulk import)."""
        with self.sql.write():
            ids = [r[0] for r in self.conn.execute("SELECT id FROM articles").fetchall()]
            notes = self.notes.notes_from_rows(list(self.sql.query("SELECT * FROM notes")))
            self.index.rebuild((self.articles.get_article(aid) for aid in ids), notes)

    # -- settings -----------------------------------------------------------------------

    @store_errors
    def get_setting(self, key: str, default: str = "") -> str:
        """A setting stored in the library (such as the ClaimReview author)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    @store_errors
    def set_setting(self, key: str, value: str) -> None:
        """Store a setting in the library."""
        with self.sql.write():
            self.sql.insert("settings", {"key": key, "value": value}, upsert_on=("key",))
