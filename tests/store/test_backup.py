"""Backups: made with the online backup API, once a day, pruned; restored without loss."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.store import Library
from reader.store.backup import (
    backup_if_due,
    list_backups,
    make_backup,
    restore_backup,
)
from reader.store.paths import backup_dir
from tests.bench.killtest import ROOT, run_writer_and_kill
from tests.store._limits import file_size_limit

MONDAY = datetime(2024, 6, 10, 9, 30, 0)


def _library_with_note(path: Path, clean_article, body: str = "First finding.") -> str:
    with Library(path) as lib:
        article = lib.add_article(clean_article)
        return lib.add_note(article.id, 0, 7, body=body).id


def _note_bodies(path: Path) -> set[str]:
    with Library(path) as lib:
        return {
            note.body
            for article in lib.list_articles()
            for note in lib.notes_for_article(article.id)
        }


@pytest.fixture
def library(tmp_path: Path, clean_article) -> Path:
    path = tmp_path / "library.sqlite3"
    _library_with_note(path, clean_article)
    return path


def test_backup_holds_every_note_and_passes_integrity_check(library: Path) -> None:
    backup = make_backup(library, now=MONDAY)
    assert backup == backup_dir(library) / "library-20240610-093000.sqlite3"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # A self-contained file: nothing it needs lives in a -wal beside it.
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert _note_bodies(backup) == {"First finding."}


def test_backup_of_an_open_library_includes_changes_not_yet_checkpointed(
    library: Path, clean_article
) -> None:
    with Library(library) as lib:
        article = lib.add_article(clean_article)
        lib.add_note(article.id, 0, 7, body="Still in the WAL.")
        backup = make_backup(library)
    assert _note_bodies(backup) == {"First finding.", "Still in the WAL."}


def test_backup_taken_while_another_process_saves_notes_is_consistent(library: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store._writer", str(library), "11"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert writer.stdout is not None
        lines = [writer.stdout.readline() for _ in range(41)]  # the article, 20 saves
        saved_before = {line.split()[1] for line in lines if line.startswith("saved")}
        backup = make_backup(library)
    finally:
        writer.kill()
        writer.wait()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_backup = {row[0] for row in conn.execute("SELECT id FROM notes")}
    conn.close()
    assert saved_before <= in_backup


def test_only_the_newest_backups_are_kept(library: Path) -> None:
    made = [make_backup(library, keep=3, now=MONDAY + timedelta(days=d)) for d in range(5)]
    assert list_backups(library) == made[:1:-1]


def test_two_backups_in_the_same_second_are_both_kept(library: Path) -> None:
    first = make_backup(library, now=MONDAY)
    second = make_backup(library, now=MONDAY)
    assert first != second
    assert list_backups(library) == [second, first]


def test_pruning_leaves_another_librarys_backups_alone(
    library: Path, tmp_path: Path, clean_article
) -> None:
    other = tmp_path / "other.sqlite3"
    _library_with_note(other, clean_article)
    kept = make_backup(other, keep=1, now=MONDAY)
    for day in range(3):
        make_backup(library, keep=1, now=MONDAY + timedelta(days=day))
    assert list_backups(other) == [kept]
    assert len(list_backups(library)) == 1


def test_start_up_backup_is_made_once_a_day(library: Path) -> None:
    first = backup_if_due(library, now=MONDAY)
    assert first is not None
    assert backup_if_due(library, now=MONDAY + timedelta(hours=23)) is None
    second = backup_if_due(library, now=MONDAY + timedelta(hours=24, minutes=1))
    assert second is not None
    assert list_backups(library) == [second, first]


def test_start_up_backup_skips_a_missing_or_empty_library(tmp_path: Path) -> None:
    missing = tmp_path / "library.sqlite3"
    assert backup_if_due(missing, now=MONDAY) is None
    missing.write_bytes(b"")
    assert backup_if_due(missing, now=MONDAY) is None
    assert not backup_dir(missing).exists()


def test_damaged_library_is_not_backed_up_and_old_backups_survive(library: Path) -> None:
    old = [make_backup(library, keep=2, now=MONDAY + timedelta(days=d)) for d in range(2)]
    data = bytearray(library.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)  # keep the header, wreck every other page
    library.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged.*backups were kept"):
        make_backup(library, keep=2, now=MONDAY + timedelta(days=5))
    assert list_backups(library) == old[::-1]
    assert sorted(p.name for p in backup_dir(library).iterdir()) == sorted(p.name for p in old)


def test_backup_of_a_file_that_is_not_a_library_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("my notes, not a database\n")
    with pytest.raises(StoreError, match="not an SQLite database"):
        make_backup(notes)
    assert notes.read_text() == "my notes, not a database\n"


def test_full_disk_during_backup_leaves_no_half_written_copy(library: Path) -> None:
    size = library.stat().st_size
    with (
        file_size_limit(size // 2 + 100),
        pytest.raises(StoreError, match="disk (is|may be) full"),
    ):
        make_backup(library, now=MONDAY)
    assert list(backup_dir(library).iterdir()) == []


def test_restore_brings_back_the_backup_and_keeps_the_current_file_aside(
    library: Path, clean_article
) -> None:
    backup = make_backup(library)
    with Library(library) as lib:
        article = lib.add_article(clean_article)
        lib.add_note(article.id, 0, 7, body="Written after the backup.")
    restore_backup(library, backup)
    assert _note_bodies(library) == {"First finding."}
    [aside] = library.parent.glob("library.sqlite3.before-restore-*[0-9]")
    assert _note_bodies(aside) == {"First finding.", "Written after the backup."}


@pytest.mark.slow
def test_saves_still_in_the_wal_of_a_crashed_library_are_kept_aside_on_restore(
    library: Path,
) -> None:
    backup = make_backup(library)
    lines = run_writer_and_kill(library, seed=5, delay_s=0.3)
    saved = {line.split()[1] for line in lines if line.startswith("saved")}
    assert saved
    assert Path(f"{library}-wal").exists()  # the kill left saves in the WAL
    restore_backup(library, backup)
    [aside] = library.parent.glob("library.sqlite3.before-restore-*[0-9]")
    with sqlite3.connect(aside) as conn:
        kept = {row[0] for row in conn.execute("SELECT id FROM notes")}
    conn.close()
    assert saved <= kept


def test_restore_accepts_a_backup_named_without_its_folder(
    library: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    backup = make_backup(library)
    monkeypatch.chdir(tmp_path / "..")
    restore_backup(library, Path(backup.name))
    assert _note_bodies(library) == {"First finding."}


def test_a_half_written_backup_left_by_a_crash_is_cleared_away(library: Path) -> None:
    folder = backup_dir(library)
    folder.mkdir()
    leftover = folder / "library-20240101-120000.sqlite3.4242.partial"
    leftover.write_bytes(b"SQLite format 3\x00 cut short")
    hour_ago = leftover.stat().st_mtime - 2 * 3600
    os.utime(leftover, (hour_ago, hour_ago))
    made = make_backup(library)
    assert list(folder.iterdir()) == [made]


def test_restore_into_a_missing_library_creates_it(library: Path, tmp_path: Path) -> None:
    backup = make_backup(library)
    fresh = tmp_path / "new" / "library.sqlite3"
    restore_backup(fresh, backup)
    assert _note_bodies(fresh) == {"First finding."}


def test_restore_refuses_a_damaged_backup_and_changes_nothing(library: Path) -> None:
    backup = make_backup(library)
    data = bytearray(backup.read_bytes())
    data[4096 * 2 :] = b"\xa5" * (len(data) - 4096 * 2)
    backup.write_bytes(bytes(data))
    before = library.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        restore_backup(library, backup)
    assert library.read_bytes() == before
    assert backup.read_bytes() == bytes(data)
    assert sorted(p.name for p in library.parent.iterdir()) == ["backups", "library.sqlite3"]


def test_restore_refuses_an_sqlite_file_that_is_not_a_library(
    library: Path, tmp_path: Path
) -> None:
    stranger = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(stranger) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not a Fact-Check Reader library"):
        restore_backup(library, stranger)


def test_restore_refuses_a_text_file(library: Path, tmp_path: Path) -> None:
    text = tmp_path / "readme.txt"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not a Fact-Check Reader backup"):
        restore_backup(library, text)


def test_restore_refuses_a_backup_from_a_newer_version(library: Path) -> None:
    backup = make_backup(library)
    with sqlite3.connect(backup) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('fact_check_reader', '9999_from_the_future', '2030-01-01')"
        )
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        restore_backup(library, backup)


def test_restore_refuses_while_the_library_is_open_elsewhere(library: Path) -> None:
    backup = make_backup(library)
    with Library(library) as lib:
        with pytest.raises(StoreError, match="open in another window"):
            restore_backup(library, backup)
        assert lib.list_articles()  # the open library still works
    assert not list(library.parent.glob("*.before-restore-*"))


def test_full_disk_during_restore_leaves_the_library_untouched(library: Path) -> None:
    backup = make_backup(library)
    before = library.read_bytes()
    with (
        file_size_limit(backup.stat().st_size // 2 + 100),
        pytest.raises(StoreError, match="disk (is|may be) full"),
    ):
        restore_backup(library, backup)
    assert library.read_bytes() == before
    assert sorted(p.name for p in library.parent.iterdir()) == ["backups", "library.sqlite3"]
