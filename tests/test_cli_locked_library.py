"""Reading a library in rollback-journal mode while another process writes to it.

A library restored from a backup (or switched by another program) is in SQLite's older
rollback-journal mode until an open can switch it to WAL.  Another process in the
middle of a write transaction does not stop readers in that mode, so the read-only
commands work; one that holds the file locked outright (an exclusive lock) makes them
wait the busy timeout, then say so in one line.
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.store.library as library_module
from reader.cli import main

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)
# The other process: opens a transaction of the given kind, writes, says so, and holds
# it until its standard input closes.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN " + sys.argv[2])
conn.execute("UPDATE articles SET title = title")
print("holding", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def rollback_library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "lib.sqlite3"
    source = tmp_path / "bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = run(capsys, "import", "--db", str(db), str(source))[1].strip()
    assert run(capsys, "note", "--db", str(db), aid, "2", "--verdict", "false")[0] == 0
    with sqlite3.connect(db) as conn:  # as a restored backup is
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    return db, aid


@contextlib.contextmanager
def _hold(db: Path, kind: str) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(20)


@pytest.fixture
def another_writer(rollback_library: tuple[Path, str]) -> Iterator[tuple[Path, str]]:
    """A second process in the middle of a write transaction (a RESERVED lock)."""
    with _hold(rollback_library[0], "IMMEDIATE"):
        yield rollback_library


@pytest.fixture
def locked_outright(
    rollback_library: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    """A second process holding the file's exclusive lock (readers must wait)."""
    # The real five seconds would only make the test slow; the behaviour is the same.
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.2)
    with _hold(rollback_library[0], "EXCLUSIVE"):
        yield rollback_library


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "{aid}"],
        ["show", "{aid}", "--json"],
        ["export", "{aid}", "--format", "json", "--out", "-"],
        ["export", "{aid}", "--out", "-"],
        ["search", "bridge"],
    ],
    ids=["list", "show", "show-json", "export-json", "export-markdown", "search"],
)
def test_read_only_commands_read_while_another_process_writes(
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    another_writer: tuple[Path, str],
) -> None:
    db, aid = another_writer
    argv = [a.format(aid=aid) for a in command]
    code, out, err = run(capsys, argv[0], "--db", str(db), *argv[1:])
    assert code == 0, err
    assert "Harbour Bridge" in out or aid in out


def test_the_library_switches_to_wal_once_the_other_writer_is_done(
    capsys: pytest.CaptureFixture[str], rollback_library: tuple[Path, str]
) -> None:
    db, _ = rollback_library
    with _hold(db, "IMMEDIATE"):
        assert run(capsys, "list", "--db", str(db))[0] == 0
    assert run(capsys, "list", "--db", str(db))[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_write_waits_for_the_other_writer_then_says_the_library_is_busy(
    capsys: pytest.CaptureFixture[str],
    another_writer: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.2)
    db, aid = another_writer
    code, out, err = run(capsys, "note", "--db", str(db), aid, "3", "--verdict", "true")
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and len(lines) == 1, err
    assert lines[0].startswith(f"error: The library {db} is busy") and "try again" in lines[0]


@pytest.mark.parametrize("command", [["list"], ["show", "{aid}", "--json"]], ids=["list", "show"])
def test_a_library_locked_outright_is_one_clear_line_after_the_wait(
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    locked_outright: tuple[Path, str],
) -> None:
    db, aid = locked_outright
    argv = [a.format(aid=aid) for a in command]
    code, out, err = run(capsys, argv[0], "--db", str(db), *argv[1:])
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and len(lines) == 1, err
    assert lines[0].startswith(f"error: The library {db} is busy") and "try again" in lines[0]
    assert "Traceback" not in err
