"""The database schema, as a list of sqlite-utils migrations.

Every schema change is a new migration appended at the end; an applied migration is
never edited.  A database that records a migration this build does not know was
written by a newer version of the app and is refused untouched (see
:func:`check_not_newer`).

sqlite-utils applies the migrations and records them in its ``_sqlite_migrations``
table (columns ``migration_set``, ``name``, ``applied_at``).  It is imported only when a
migration is due: importing it costs ~170 ms (it loads click, dateutil, pluggy and
numpy when installed), which was the largest part of the app's start-up.  On every
other open the names already applied are read from that table with one plain query.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from reader.core.errors import StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "fact_check_reader"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records applied migrations

# (name, step), in the order they are applied.
_STEPS: list[tuple[str, Callable[[Database], None]]] = []
# Steps that open and commit their own transaction (a table rebuild must switch foreign
# keys off, which SQLite ignores inside a transaction).
_OUTSIDE_TRANSACTION: set[str] = set()


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(step: Callable[[Database], None]) -> Callable[[Database], None]:
        _STEPS.append((name, step))
        return step

    return register


@_migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            byline TEXT,
            site_name TEXT,
            url TEXT,
            published TEXT,
            language TEXT,
            current_version INTEGER NOT NULL DEFAULT 1,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_deleted ON articles(deleted_at);

        CREATE TABLE article_versions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            blocks TEXT NOT NULL,          -- JSON [[kind, start, end], ...]
            dropped TEXT NOT NULL DEFAULT '[]',
            raw BLOB,
            raw_type TEXT NOT NULL DEFAULT 'text/plain',
            origin TEXT NOT NULL DEFAULT '',
            retrieved TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            PRIMARY KEY (article_id, version)
        );

        CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            text_sha256 TEXT NOT NULL DEFAULT '',
            anchor_state TEXT NOT NULL DEFAULT 'ok'
                CHECK (anchor_state IN ('ok', 'drifted', 'orphan')),
            verdict TEXT,
            status TEXT NOT NULL DEFAULT 'to_check'
                CHECK (status IN ('to_check', 'in_progress', 'needs_review', 'done')),
            conclusion TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX notes_article ON notes(article_id, start);

        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            accessed TEXT NOT NULL DEFAULT '',
            archive_url TEXT NOT NULL DEFAULT '',
            stance TEXT NOT NULL DEFAULT 'context'
                CHECK (stance IN ('supports', 'refutes', 'context'))
        );
        CREATE INDEX sources_note ON sources(note_id, position);

        -- Blocks the user dropped from, or brought back into, an article; re-cleaning
        -- applies them again.
        CREATE TABLE block_overrides (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('drop', 'keep')),
            PRIMARY KEY (article_id, text)
        );

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- One row per article (kind 'article') and per note (kind 'note'), kept in step
        -- by the store.
        CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED,
            ref UNINDEXED,
            article_id UNINDEXED,
            title,
            content,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """
    )


def known_migration_names() -> list[str]:
    """Names of every migration this build knows, in the order they are applied."""
    return [name for name, _ in _STEPS]


@cache
def migrations() -> Migrations:
    """The sqlite-utils migration set (imports sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for name, step in _STEPS:
        steps(name=name, transactional=name not in _OUTSIDE_TRANSACTION)(step)
    return steps


def applied_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the migrations already applied to the database of ``conn``."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if exists is None:
        return set()
    return {
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
        )
    }


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations not yet applied, in order."""
    applied = applied_names(conn)
    return [name for name in known_migration_names() if name not in applied]


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every pending migration to the database of ``conn``."""
    from sqlite_utils import Database

    migrations().apply(Database(conn))


def check_not_newer(conn: sqlite3.Connection) -> None:
    """Raise :class:`StoreError` if ``conn``'s database was written by a newer app."""
    unknown = applied_names(conn) - set(known_migration_names())
    if unknown:
        raise StoreError(
            "This library was written by a newer version of Fact-Check Reader "
            f"(it has schema steps {', '.join(sorted(unknown))} that this version does "
            "not know). Update the app to open it; the file has not been changed."
        )


@_migration("0002_search_rows_and_list_index")
def _search_rows(db: Database) -> None:
    # FTS5 cannot index its UNINDEXED columns, so deleting an entry by (kind, ref) scanned
    # the whole index on every save.  This table maps each entry to its FTS rowid.
    db.executescript(
        """
        CREATE TABLE search_rows (
            kind TEXT NOT NULL,
            ref TEXT NOT NULL,
            fts_rowid INTEGER NOT NULL,
            PRIMARY KEY (kind, ref)
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO search_rows (kind, ref, fts_rowid)
            SELECT kind, ref, rowid FROM search_index;
        CREATE INDEX articles_created ON articles(created DESC, id);
        """
    )


@_migration("0003_notes_list_filter_indexes")
def _notes_list_filter_indexes(db: Database) -> None:
    # The library list filters and sorts on an article's live notes (verdict, status,
    # tags, count) across the whole library.  Through notes_article (article_id, start)
    # each probe read the note rows, bodies and all: ~75 ms to count the articles of
    # a verdict among 10,000 (100,000 notes).  notes_article_live answers a probe per
    # article (status, tag, has notes, sort by notes or status) from the index alone;
    # notes_verdict lists a verdict's articles directly (count ~1.5 ms for a rare
    # verdict).  deleted_at is a column, not a partial-index condition, because the
    # planner only treats an index as covering when every column it reads is in it.
    db.executescript(
        """
        CREATE INDEX notes_article_live
            ON notes(article_id, deleted_at, verdict, status, tags);
        CREATE INDEX notes_verdict ON notes(verdict, deleted_at, article_id);
        """
    )


@_migration("0004_note_original_wording")
def _note_original_wording(db: Database) -> None:
    # A note's verdict was given on particular words; the selector's quote follows the
    # text from version to version, so the words the note was written on are kept apart,
    # once, for ever (original_exact), next to the words the verdict stands on now
    # (checked_exact: the same until the user accepts a new wording or re-attaches the
    # note).  Each acceptance or re-attachment is a row of note_confirmations.  The
    # state 'drifted' is now 'changed' (found, words differ), which the CHECK of
    # 0001_initial refuses; SQLite cannot alter a CHECK, so the table is rebuilt.
    # Dropping the old table with foreign keys on would delete every source by
    # cascade: they are off during the rebuild, and checked before it commits.
    conn = db.conn
    if conn.in_transaction:
        conn.commit()  # only earlier steps' records: each step commits its own work
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _NOTE_WORDING_REBUILD:
                conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    "Upgrading the library found notes or sources pointing at nothing; "
                    "it was left unchanged. Restore a backup or report the problem."
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


_OUTSIDE_TRANSACTION.add("0004_note_original_wording")

_NOTE_WORDING_REBUILD = (
    """
    CREATE TABLE notes_new (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        text_sha256 TEXT NOT NULL DEFAULT '',
        anchor_state TEXT NOT NULL DEFAULT 'ok'
            CHECK (anchor_state IN ('ok', 'changed', 'orphan')),
        verdict TEXT,
        status TEXT NOT NULL DEFAULT 'to_check'
            CHECK (status IN ('to_check', 'in_progress', 'needs_review', 'done')),
        conclusion TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        deleted_at TEXT,
        original_exact TEXT NOT NULL DEFAULT '',
        original_version INTEGER,
        checked_exact TEXT NOT NULL DEFAULT ''
    )
    """,
    # Older notes: the quote as it stands is the best record left of their wording.
    """
    INSERT INTO notes_new
    SELECT id, article_id, start, "end", exact, prefix, suffix, text_sha256,
           CASE anchor_state WHEN 'drifted' THEN 'changed' ELSE anchor_state END,
           verdict, status, conclusion, body, tags, created, updated, deleted_at,
           exact, NULL, exact
    FROM notes
    """,
    "DROP TABLE notes",
    "ALTER TABLE notes_new RENAME TO notes",
    "CREATE INDEX notes_article ON notes(article_id, start)",
    "CREATE INDEX notes_article_live ON notes(article_id, deleted_at, verdict, status, tags)",
    "CREATE INDEX notes_verdict ON notes(verdict, deleted_at, article_id)",
    # The library's "Changed since checked" filter and column: the few notes whose words
    # changed or vanished, found without reading any other note.
    "CREATE INDEX notes_not_ok ON notes(article_id, deleted_at, anchor_state) "
    "WHERE anchor_state != 'ok'",
    """
    CREATE TABLE note_confirmations (
        id TEXT PRIMARY KEY,
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('accepted', 'reattached')),
        confirmed_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        exact TEXT NOT NULL,
        previous_exact TEXT NOT NULL
    )
    """,
    "CREATE INDEX note_confirmations_note ON note_confirmations(note_id, confirmed_at)",
)


@_migration("0005_note_external_id")
def _note_external_id(db: Database) -> None:
    # The id a note had in the tool it was imported from (a W3C annotation id, a
    # Hypothesis id), so that importing the same file twice adds nothing twice.  Not a
    # unique index: merging the JSON dump of another library that imported the same
    # file must not fail on it.
    db.executescript(
        """
        ALTER TABLE notes ADD COLUMN external_id TEXT;
        CREATE INDEX notes_external_id ON notes(external_id) WHERE external_id IS NOT NULL;
        """
    )


@_migration("0006_claim_radar")
def _claim_radar(db: Database) -> None:
    # The claim radar's per-sentence scores are derived (recomputed when the text's hash
    # or the model changes) and stored so the window can list an article's claims without
    # scoring it again.  Dismissals are the user's own judgement ("not worth checking"):
    # kept by the sentence's text, so they survive re-cleaning and new versions.
    db.executescript(
        """
        CREATE TABLE claim_scores (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            score REAL NOT NULL,
            worth_checking INTEGER NOT NULL,
            kinds TEXT NOT NULL DEFAULT '',
            reasons TEXT NOT NULL DEFAULT '',
            speaker TEXT,
            source TEXT,
            flags TEXT NOT NULL DEFAULT '',
            text_sha256 TEXT NOT NULL,
            model TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        ) WITHOUT ROWID;
        CREATE TABLE claim_dismissals (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            exact TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            PRIMARY KEY (article_id, exact)
        ) WITHOUT ROWID;
        """
    )


@_migration("0007_note_claimant")
def _note_claimant(db: Database) -> None:
    # Who made the claim a note checks: filled from the claim radar's speaker when the
    # note is made, editable, exported as ClaimReview itemReviewed.author.  NULL: unknown.
    db.executescript(
        """
        ALTER TABLE notes ADD COLUMN claimant TEXT;
        CREATE INDEX notes_claimant ON notes(claimant) WHERE claimant IS NOT NULL;
        """
    )
