"""A backup of a library another program keeps locked gives up with a message; Python's
backup API alone retries for ever (the command hung)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.store import backup


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    """A database in rollback-journal mode, another connection writing to it."""
    path = tmp_path / "other.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    return path, holder


def test_a_copy_from_a_file_kept_locked_gives_up(
    locked: tuple[Path, sqlite3.Connection], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, holder = locked
    monkeypatch.setattr(backup, "LOCKED_WAIT_S", 0.3)
    source = sqlite3.connect(path, timeout=0.05)
    target = tmp_path / "copy.sqlite3"
    started = time.monotonic()
    with pytest.raises(StoreError, match="kept locked by another program. Close that program"):
        backup._copy_database(source, target, what="the backup", damaged="damaged")
    assert time.monotonic() - started < 10
    assert not target.exists()
    holder.execute("ROLLBACK")


def test_backing_up_a_locked_library_says_it_is_in_use(
    locked: tuple[Path, sqlite3.Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, holder = locked
    real_open = backup._open
    monkeypatch.setattr(backup, "_open", lambda p, **kw: _short(real_open(p, **kw)))
    with pytest.raises(StoreError, match="is in use by another program. Close it"):
        backup.make_backup(path)
    assert not backup.backup_dir(path).exists()
    holder.execute("ROLLBACK")


def _short(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("PRAGMA busy_timeout = 50")
    return conn
