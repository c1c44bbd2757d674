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
APPLICATION_ID = int.from_bytes(b"FCRd", "big")
"""``PRAGMA application_id`` of our libraries: marks the file as ours in its header."""
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


def check_ours(conn: sqlite3.Connection, path: str) -> None:
    """Raise :class:`StoreError` unless ``conn``'s database is ours, or empty.

    Ours: our ``application_id`` in the header, or our migrations recorded (libraries
    made before the id existed).  An empty database becomes a library.  Anything else
    belongs to another application and is refused before anything is written.
    """
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    if applied_names(conn):
        return
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    if not tables:
        return
    shown = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
    raise StoreError(
        f"{path} is another application's SQLite database (tables: {shown}), not a "
        "Fact-Check Reader library. It has not been changed. Choose another file, or a "
        "new file name to start a library."
    )


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


@_migration("0007_claims_memory")
def _claims_memory(db: Database) -> None:
    # The claims memory (reader/store/claims_memory.py): noted sentences and imported
    # fact-checks, with their sentence vectors, to match new sentences against.
    # claims_state.generation counts every change to claims (triggers, so that writes by
    # any connection count): the cached vector matrix is stale when it moved.  Reading
    # one row costs microseconds; count(*) over 100,000 claims walked the whole table.
    db.executescript(
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('note', 'factcheck')),
            ref TEXT NOT NULL,              -- notes.id or factchecks.id
            article_id TEXT,                -- the note's article; NULL for fact-checks
            text TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            vector BLOB NOT NULL,           -- little-endian float16 × 256, L2-normalised
            model TEXT NOT NULL,            -- which embedding model made the vector
            UNIQUE (kind, ref)
        );
        CREATE INDEX claims_article ON claims(article_id);
        CREATE TABLE claims_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL
        );
        INSERT INTO claims_state (id, generation) VALUES (1, 0);
        CREATE TRIGGER claims_generation_insert AFTER INSERT ON claims BEGIN
            UPDATE claims_state SET generation = generation + 1 WHERE id = 1;
        END;
        CREATE TRIGGER claims_generation_delete AFTER DELETE ON claims BEGIN
            UPDATE claims_state SET generation = generation + 1 WHERE id = 1;
        END;
        CREATE TRIGGER claims_generation_update AFTER UPDATE OF vector, article_id ON claims
            BEGIN
            UPDATE claims_state SET generation = generation + 1 WHERE id = 1;
        END;

        CREATE VIRTUAL TABLE claims_fts USING fts5(
            text,
            title,
            content = 'claims',
            content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts (rowid, text, title) VALUES (new.id, new.text, new.title);
        END;
        CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
            INSERT INTO claims_fts (claims_fts, rowid, text, title)
                VALUES ('delete', old.id, old.text, old.title);
        END;
        CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, title ON claims BEGIN
            INSERT INTO claims_fts (claims_fts, rowid, text, title)
                VALUES ('delete', old.id, old.text, old.title);
            INSERT INTO claims_fts (rowid, text, title) VALUES (new.id, new.text, new.title);
        END;

        CREATE TABLE factchecks (
            id TEXT PRIMARY KEY,            -- hash of URL and claim: imports never repeat
            claim TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            rating TEXT NOT NULL DEFAULT '',
            rating_value TEXT NOT NULL DEFAULT '',
            claimant TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            imported TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT ''
        );

        -- A note the user confirmed makes the same claim as another note or a fact-check.
        CREATE TABLE claim_links (
            note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('note', 'factcheck')),
            target_ref TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (note_id, target_kind, target_ref)
        ) WITHOUT ROWID;
        CREATE INDEX claim_links_target ON claim_links(target_kind, target_ref);

        -- Where the checking of a noted claim stands, apart from its verdict; a note
        -- without a row is a draft.
        CREATE TABLE claim_workflow (
            note_id TEXT PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
            state TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'needs_second_source', 'ready', 'published')),
            checked_by TEXT NOT NULL DEFAULT '',
            updated TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Notes whose place in the memory is due (added, edited, deleted, trashed,
        -- restored, or their article trashed or restored): the memory catches up before
        -- it is searched, whatever code changed the note.
        CREATE TABLE claims_pending (note_id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO claims_pending (note_id) SELECT id FROM notes;
        CREATE TRIGGER notes_claims_insert AFTER INSERT ON notes BEGIN
            INSERT OR IGNORE INTO claims_pending (note_id) VALUES (new.id);
        END;
        CREATE TRIGGER notes_claims_update AFTER UPDATE OF exact, deleted_at, article_id
            ON notes BEGIN
            INSERT OR IGNORE INTO claims_pending (note_id) VALUES (new.id);
        END;
        CREATE TRIGGER notes_claims_delete AFTER DELETE ON notes BEGIN
            INSERT OR IGNORE INTO claims_pending (note_id) VALUES (old.id);
        END;
        CREATE TRIGGER articles_claims_update AFTER UPDATE OF deleted_at ON articles BEGIN
            INSERT OR IGNORE INTO claims_pending (note_id)
                SELECT id FROM notes WHERE article_id = new.id;
        END;
        """
    )


@_migration("0008_application_id")
def _application_id(db: Database) -> None:
    # Marks the file as a Fact-Check Reader library in the SQLite header (offset 68),
    # so it is recognised without reading any table (see library.check_ours).
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@_migration("0009_versions_text_hash")
def _versions_text_hash(db: Database) -> None:
    # Importing an article looks for one already stored with the same clean text; by
    # its hash this is an index probe, not a scan of every version's text.
    db.executescript("CREATE INDEX article_versions_sha ON article_versions(text_sha256);")


@_migration("0010_search_sources")
def _search_sources(db: Database) -> None:
    # Notes are now indexed with their sources' URLs and archive URLs too (a source is
    # often remembered by its site).  Rebuild the note rows as SearchIndex.index_note
    # writes them: conclusion, body, tags, then each source's title, publisher, URL and
    # archive URL.
    db.executescript(
        """
        DELETE FROM search_index
            WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE kind = 'note');
        DELETE FROM search_rows WHERE kind = 'note';
        INSERT INTO search_index (kind, ref, article_id, title, content)
            SELECT 'note', n.id, n.article_id, n.exact,
                   n.conclusion || char(10) || n.body || char(10)
                   || coalesce((SELECT group_concat(j.value, ' ') FROM json_each(n.tags) j), '')
                   || coalesce((SELECT char(10) || group_concat(
                                    s.title || char(10) || s.publisher || char(10)
                                    || s.url || char(10) || s.archive_url, char(10))
                                FROM sources s WHERE s.note_id = n.id), '')
            FROM notes n;
        INSERT OR REPLACE INTO search_rows (kind, ref, fts_rowid)
            SELECT kind, ref, rowid FROM search_index WHERE kind = 'note';
        """
    )


@_migration("0011_note_changes")
def _note_changes(db: Database) -> None:
    # Note edits made from the command line, with the note before and after (JSON), so
    # that the window can list them in its history and undo them.
    db.executescript(
        """
        CREATE TABLE note_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            origin TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'move', 'delete')),
            note_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            before TEXT NOT NULL DEFAULT '',
            after TEXT NOT NULL DEFAULT ''
        );
        """
    )


@_migration("0012_note_claimant")
def _note_claimant(db: Database) -> None:
    # Who made the claim a note checks: filled from the claim radar's speaker when the
    # note is made, editable, exported as ClaimReview itemReviewed.author.  NULL: unknown.
    db.executescript(
        """
        ALTER TABLE notes ADD COLUMN claimant TEXT;
        CREATE INDEX notes_claimant ON notes(claimant) WHERE claimant IS NOT NULL;
        """
    )


@_migration("0013_claim_context_vectors")
def _claim_context_vectors(db: Database) -> None:
    # Contextual (multilingual-e5-small) vectors of the claims, apart from the claims:
    # computed in the background after a claim is added (a few ms each, minutes for a
    # large import), so a claim may have none yet.  claims_state.context_generation
    # moves with every change here, so the cached matrix is reloaded; a claim deleted
    # (or re-added after a note's edit) loses its vector with it.
    db.executescript(
        """
        CREATE TABLE claim_context_vectors (
            claim_id INTEGER PRIMARY KEY,   -- claims.id
            model TEXT NOT NULL,            -- which contextual model made the vector
            vector BLOB NOT NULL            -- little-endian float16 × 384, L2-normalised
        );
        ALTER TABLE claims_state ADD COLUMN context_generation INTEGER NOT NULL DEFAULT 0;
        CREATE TRIGGER claim_context_vectors_insert AFTER INSERT ON claim_context_vectors
            BEGIN
            UPDATE claims_state SET context_generation = context_generation + 1 WHERE id = 1;
        END;
        CREATE TRIGGER claim_context_vectors_delete AFTER DELETE ON claim_context_vectors
            BEGIN
            UPDATE claims_state SET context_generation = context_generation + 1 WHERE id = 1;
        END;
        CREATE TRIGGER claims_context_delete AFTER DELETE ON claims BEGIN
            DELETE FROM claim_context_vectors WHERE claim_id = old.id;
        END;
        """
    )


@_migration("0014_cleaning_checks")
def _cleaning_checks(db: Database) -> None:
    # Articles whose cleaning the cleaner doubted at import and the user has not checked
    # yet: the window shows its bar again when one is opened, and the library filters on
    # them.  A row goes when the user applies a choice of lines or says the article is
    # right; it is derived state of the window, not part of the JSON dump.
    db.executescript(
        """
        CREATE TABLE cleaning_checks (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            confidence REAL,             -- the cleaner's, 0-1; NULL when it cannot tell
            warning TEXT NOT NULL,       -- the sentence shown to the user
            found TEXT NOT NULL          -- when the cleaning was doubted (ISO time)
        );
        """
    )
