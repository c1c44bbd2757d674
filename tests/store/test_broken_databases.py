"""A broken, read-only, locked or full library gives a clear StoreError and stays untouched.

Each case checks the message says what to do, and that the file's bytes are the same
afterwards: nothing is ever "repaired" or overwritten behind the user's back.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import reader.store.library as library_module
from reader.core.errors import StoreError
from reader.store import Library
from tests.store._limits import file_size_limit

PAGE = 4096


def _make_library(path: Path, clean_article, notes: int = 40) -> str:
    with Library(path) as lib:
        article = lib.add_article(clean_article)
        for n in range(notes):
            lib.add_note(article.id, 0, 7, body=f"Finding {n}. " + "detail " * 60)
        return article.id


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def library(tmp_path: Path, clean_article) -> Path:
    path = tmp_path / "library.sqlite3"
    _make_library(path, clean_article)
    return path


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real five seconds would only make the tests slow; the behaviour is the same.
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.2)


def _open_refused(path: Path, match: str) -> None:
    before = _folder_state(path.parent)
    with pytest.raises(StoreError, match=match):
        Library(path)
    assert _folder_state(path.parent) == before


def test_garbage_pages_behind_a_valid_header_are_refused_untouched(library: Path) -> None:
    data = bytearray(library.read_bytes())
    data[PAGE:] = os.urandom(len(data) - PAGE)
    library.write_bytes(bytes(data))
    _open_refused(library, r"damaged.*restore a backup")


def test_a_truncated_library_is_refused_untouched(library: Path) -> None:
    library.write_bytes(library.read_bytes()[: PAGE * 3 + 100])
    _open_refused(library, r"damaged.*restore a backup")


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "library.sqlite3"
    notes.write_text("Shopping list: bread, milk.\n" * 50)
    _open_refused(notes, r"not an SQLite database.*Choose another file")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "library.sqlite3"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Library(folder)


def test_damage_found_while_reading_notes_is_a_store_error(library: Path, clean_article) -> None:
    with sqlite3.connect(library) as conn:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'notes'")]
    conn.close()
    data = bytearray(library.read_bytes())
    for page in pages[-3:]:
        start = (page - 1) * PAGE + 8  # keep the page-type byte area, wreck the cells
        data[start : page * PAGE] = os.urandom(PAGE - 8)
    library.write_bytes(bytes(data))
    with Library(library) as lib, pytest.raises(StoreError, match="damaged"):
        for article in lib.list_articles():
            lib.notes_for_article(article.id)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_opens_for_reading_and_refuses_writes_clearly(
    library: Path,
) -> None:
    before = library.read_bytes()
    library.chmod(0o444)
    try:
        with Library(library) as lib:
            [article] = lib.list_articles()
            with pytest.raises(StoreError, match="read-only.*writable"):
                lib.add_note(article.id, 0, 7, body="Not saved.")
    finally:
        library.chmod(0o644)
    assert library.read_bytes() == before


def test_a_read_only_connection_refuses_writes_clearly(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as a read-only file, reproduced in a way that holds even for root."""

    def read_only_connect(path: str | Path) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    monkeypatch.setattr(library_module, "connect", read_only_connect)
    before = library.read_bytes()
    with Library(library) as lib:
        [article] = lib.list_articles()
        with pytest.raises(StoreError, match="read-only.*writable"):
            lib.add_note(article.id, 0, 7, body="Not saved.")
    assert library.read_bytes() == before


def test_a_library_locked_by_another_program_is_refused_untouched(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    # Another program holding an exclusive lock on a rollback-journal database blocks
    # even reading it.
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE kept (x)")
    conn.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = path.read_bytes()
        with pytest.raises(StoreError, match="busy.*try again"):
            Library(path)
        assert path.read_bytes() == before
    finally:
        holder.rollback()
        holder.close()


def test_a_save_blocked_by_another_writer_fails_clearly_and_leaves_no_trace(
    library: Path, short_busy_timeout: None
) -> None:
    with Library(library) as lib:
        [article] = lib.list_articles()
        count = len(lib.notes_for_article(article.id))
        holder = sqlite3.connect(library, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="busy.*try again"):
                lib.add_note(article.id, 0, 7, body="Blocked.")
        finally:
            holder.rollback()
            holder.close()
        assert len(lib.notes_for_article(article.id)) == count
        lib.add_note(article.id, 0, 7, body="Saved once the lock is gone.")
        assert len(lib.notes_for_article(article.id)) == count + 1


def test_a_full_library_refuses_the_save_and_keeps_earlier_notes(library: Path) -> None:
    with Library(library) as lib:
        [article] = lib.list_articles()
        count = len(lib.notes_for_article(article.id))
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        # SQLite's own "database or disk is full", without filling a real disk.
        lib.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="disk is full.*Free some space"):
            lib.add_note(article.id, 0, 7, body="too big " * 20_000)
        assert len(lib.notes_for_article(article.id)) == count
        lib.db.execute(f"PRAGMA max_page_count = {pages * 100}")
        lib.add_note(article.id, 0, 7, body="Saved once there is room.")
    with sqlite3.connect(library) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_write_refused_by_the_system_says_the_disk_may_be_full(
    tmp_path: Path, clean_article
) -> None:
    path = tmp_path / "library.sqlite3"
    article_id = _make_library(path, clean_article, notes=1)
    with Library(path) as lib:
        with (
            file_size_limit(path.stat().st_size + PAGE // 2),
            pytest.raises(StoreError, match="disk may be full"),
        ):
            lib.add_note(article_id, 0, 7, body="too big " * 20_000)
        assert len(lib.notes_for_article(article_id)) == 1
