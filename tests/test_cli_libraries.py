"""Issue 19, items 12-15, through the command line: foreign, read-only and restored libraries."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Library
from reader.store.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir()}


# -- 12: another application's database -------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", [["list"], ["search", "bridge"], ["import", "ARTICLE"]])
def test_another_applications_database_is_refused_byte_for_byte_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, journal: str, command: list[str]
) -> None:
    foreign = tmp_path / "data" / "photos.db"
    foreign.parent.mkdir()
    conn = sqlite3.connect(foreign)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO albums (name) VALUES ('Holidays')")
    conn.commit()
    conn.close()
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _folder(foreign)

    args = [str(article) if a == "ARTICLE" else a for a in command]
    code, _, err = run(capsys, args[0], "--db", str(foreign), *args[1:])

    assert code == 1
    assert "another application's SQLite database" in err and "albums" in err
    assert _folder(foreign) == before


def test_a_new_library_is_marked_as_ours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    assert run(capsys, "import-json", "--db", str(db), str(_empty_export(tmp_path)))[0] == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_library_made_before_the_mark_is_still_recognised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "old.sqlite3"
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(capsys, "import", "--db", str(db), str(article))[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_application_id'")
    conn.commit()
    conn.close()

    code, out, _ = run(capsys, "list", "--db", str(db))

    assert code == 0 and "Harbour Bridge" in out
    with Library(db) as lib:
        assert lib.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_empty_file_becomes_a_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "empty.sqlite3"
    db.touch()
    assert run(capsys, "list", "--db", str(db))[0] == 0


# -- 14: restore interrupted at every step ----------------------------------------------

_KILL_AT_STEP = """
import os, signal, sys
import reader.store.backup as backup
step = int(sys.argv.pop(1))
real_replace = os.replace
count = [0]
def replace_then_maybe_die(src, dst):
    real_replace(src, dst)
    count[0] += 1
    if count[0] == step:
        os.kill(os.getpid(), signal.SIGKILL)
if step == 0:
    real_copy = backup._copy_database
    def copy_then_die(*args, **kwargs):
        real_copy(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    backup._copy_database = copy_then_die
os.replace = replace_then_maybe_die
from reader.cli import main
main(sys.argv[1:])
"""
# os.replace calls in a restore of a closed library: 1 the copy becomes ready,
# 2 the plan is written, 3 the library moves aside, 4 the copy moves in.
_STEP_OUTCOME = {0: "kept", 1: "kept", 2: "kept", 3: "restored", 4: "restored"}


@pytest.mark.parametrize("step", sorted(_STEP_OUTCOME))
def test_a_restore_killed_at_any_step_is_finished_or_undone_on_the_next_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, step: int
) -> None:
    db = tmp_path / "lib.sqlite3"
    first, second = tmp_path / "bridge.txt", tmp_path / "ferry.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("Harbour Bridge", "Ferry Pier"), encoding="utf-8")
    assert run(capsys, "import", "--db", str(db), str(first))[0] == 0
    code, backup, _ = run(capsys, "backup", "--db", str(db))
    assert code == 0
    assert run(capsys, "import", "--db", str(db), str(second))[0] == 0

    proc = subprocess.run(
        [sys.executable, "-c", _KILL_AT_STEP, str(step), "restore", "--db", str(db),
         backup.strip()],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    code, out, err = run(capsys, "list", "--db", str(db))

    assert code == 0, err
    titles = sorted(line.split("  ")[1] for line in out.splitlines())
    if _STEP_OUTCOME[step] == "kept":
        assert titles == ["Ferry Pier Closes for a Year", "Harbour Bridge Closes for a Year"]
    else:
        assert titles == ["Harbour Bridge Closes for a Year"]
        assert step == 4 or "finished" in err  # at step 4 the restore was already whole
    leftovers = [
        p.name for p in tmp_path.iterdir() if "restor" in p.name and "before" not in p.name
    ]
    assert leftovers == []
    code, out, _ = run(capsys, "search", "--db", str(db), "bridge")
    assert code == 0 and "Harbour Bridge" in out


def test_stale_partial_backups_are_removed_on_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from reader.store.paths import backup_dir

    db = tmp_path / "lib.sqlite3"
    assert run(capsys, "import-json", "--db", str(db), str(_empty_export(tmp_path)))[0] == 0
    folder = backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "lib-20260101-101010.sqlite3.4242.partial"
    fresh = folder / "lib-20260101-101011.sqlite3.4243.partial"
    for path in (stale, fresh):
        path.write_bytes(b"\0" * 1024)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))

    assert run(capsys, "list", "--db", str(db))[0] == 0

    assert not stale.exists() and fresh.exists()  # a fresh one may be a backup under way


# -- 13: read-only library, full disk ----------------------------------------------------


def _library_with_a_note(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[Path, str]:
    folder.mkdir()
    db = folder / "lib.sqlite3"
    article = folder.parent / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    aid = run(capsys, "import", "--db", str(db), str(article))[1].strip()
    code, _, err = run(capsys, "note", "--db", str(db), aid, "2", "--verdict", "false",
                       "--body", "Checked with the council")  # fmt: skip
    assert code == 0, err
    return db, aid


def _reads_work(capsys: pytest.CaptureFixture[str], db: Path, aid: str, out_dir: Path) -> None:
    code, out, err = run(capsys, "list", "--db", str(db))
    assert code == 0 and "Harbour Bridge" in out, err
    code, out, _ = run(capsys, "show", "--db", str(db), aid)
    assert code == 0 and "   id " in out
    code, out, _ = run(capsys, "search", "--db", str(db), "council")
    assert code == 0 and aid in out
    code, out, _ = run(capsys, "export", "--db", str(db), aid)
    assert code == 0 and "## 1. False" in out
    target = out_dir / "notes.md"
    assert run(capsys, "export", "--db", str(db), aid, "--out", str(target))[0] == 0
    assert "## 1. False" in target.read_text(encoding="utf-8")


def test_a_read_only_library_can_be_read_and_refuses_writes_clearly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, aid = _library_with_a_note(capsys, tmp_path / "shelf")
    before = _folder(db)
    if subprocess.run(["chattr", "+i", str(db), str(db.parent)], capture_output=True).returncode:
        pytest.skip("needs chattr +i (an immutable file) to make a read-only library as root")
    try:
        _reads_work(capsys, db, aid, tmp_path)
        code, _, err = run(capsys, "note", "--db", str(db), aid, "3", "--verdict", "true")
        assert code == 1 and "read-only" in err and "nothing was lost" in err
    finally:
        subprocess.run(["chattr", "-i", str(db), str(db.parent)], check=True)
    assert _folder(db) == before


def test_a_full_disk_still_reads_and_refuses_writes_clearly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.store._limits import file_size_limit

    db, aid = _library_with_a_note(capsys, tmp_path / "shelf")
    out_dir = tmp_path / "elsewhere"
    out_dir.mkdir()
    for leftover in ("-wal", "-shm"):  # as after the app closed: nothing to grow into
        assert not Path(str(db) + leftover).exists()
    limit = db.stat().st_size
    with file_size_limit(limit):
        code, out, err = run(capsys, "list", "--db", str(db))
        assert code == 0 and "Harbour Bridge" in out, err
        code, out, _ = run(capsys, "search", "--db", str(db), "council")
        assert code == 0 and aid in out
        code, _, err = run(
            capsys,
            "note",
            "--db",
            str(db),
            aid,
            "3",
            "--verdict",
            "true",
            "--body",
            "x" * (3 * limit),
        )
        assert code == 1 and "full" in err and "lost" in err
    shown = run(capsys, "show", "--db", str(db), aid)[1]
    assert shown.count("   id ") == 1  # the one note from before, nothing half-written


# -- 8: export workers die with the command; restore names who holds the file ------------

_KILL_WHILE_WORKERS_RUN = """
import concurrent.futures, json, multiprocessing, os, signal, sys
import multiprocessing.resource_tracker as tracker
import reader.app.exports as exports
exports.PARALLEL_FROM = 1
pids_file = sys.argv.pop(1)
real_result = concurrent.futures.Future.result
def result_then_die(self, timeout=None):
    value = real_result(self, timeout)
    pids = [p.pid for p in multiprocessing.active_children()]
    if tracker._resource_tracker._pid:
        pids.append(tracker._resource_tracker._pid)
    with open(pids_file, "w") as handle:
        json.dump(pids, handle)
    os.kill(os.getpid(), signal.SIGKILL)
concurrent.futures.Future.result = result_then_die
from reader.cli import main
main(sys.argv[1:])
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return "\nState:\tZ" not in handle.read()  # a zombie has ended
    except OSError:
        return False


def test_export_workers_end_when_the_command_is_killed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, _ = _library_with_a_note(capsys, tmp_path / "shelf")
    code, backup, _ = run(capsys, "backup", "--db", str(db))
    assert code == 0
    pids_file = tmp_path / "pids.json"
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_WHILE_WORKERS_RUN, str(pids_file), "export", "--db",
         str(db), "--all", "--out", str(tmp_path / "vault")],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    pids = json.loads(pids_file.read_text())
    assert pids  # the workers (and the resource tracker) were running
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
    code, _, err = run(capsys, "restore", "--db", str(db), backup.strip())
    assert code == 0, err


def test_restore_names_the_process_that_holds_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, _ = _library_with_a_note(capsys, tmp_path / "shelf")
    code, backup, _ = run(capsys, "backup", "--db", str(db))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('SELECT count(*) FROM articles').fetchone(); print('open', flush=True); "
         "sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        code, _, err = run(capsys, "restore", "--db", str(db), backup.strip())
        assert code == 1
        assert f"process {holder.pid} (" in err and "sqlite3.connect" in err
    finally:
        holder.communicate("", timeout=30)


# -- 15: a reported save survives a power cut ---------------------------------------------


def test_saves_are_synced_to_disk_at_every_commit(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        with lib.bulk_writes():
            assert lib.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert lib.conn.execute("PRAGMA synchronous").fetchone()[0] == 2


def _empty_export(tmp_path: Path) -> Path:
    """A lossless export with no articles: importing it creates an empty library."""
    path = tmp_path / "empty.json"
    path.write_text('{"articles": [], "format": "fact-check-reader", "version": 1}\n')
    return path
