"""Kill test: SIGKILL a process that is saving notes, then check that nothing it saved is lost.

    python -m tests.bench.killtest [--runs 100] [--seed N] [--keep-files DIR]

Each run starts ``tests/store/_writer.py`` on a library file; the writer saves notes
(with sources) through :class:`reader.store.Library` as fast as it can and reports each
one after the save returned.  After a random delay of 0.05–1.5 s the writer is killed
with SIGKILL.  The delay is counted from the writer's first line (so the kill lands
while notes are being written, however slowly the machine starts Python), except in
one run out of five, where it is counted from the start, so that some kills land while
the library is being opened and recovered.  Then the checker:

1. runs ``PRAGMA integrity_check``, ``PRAGMA foreign_key_check`` and the full-text
   index's own integrity check on the file;
2. opens it with :class:`Library` and checks that every note any writer ever reported
   as saved is there with exactly the reported content (the single write that was in
   flight at the kill may be either its old or its new self; nothing else may differ).

The same library lives through ``--runs-per-library`` kills (default 25) before a fresh
one is started, so later runs open a file whose previous writer was killed — the case
a user meets after a crash.  Prints one line per run and a summary line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.store import Library
from tests.store._writer import NEVER_COMMIT, note_fingerprint

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60.0
# One run in this many is clocked from the writer's start, not from its first save,
# so some kills land while Python starts and the library is opened (and recovered).
OPENING_RUN_EVERY = 5


@dataclass
class Promises:
    """What the writers reported as saved, across every run on one library."""

    articles: list[str] = field(default_factory=list)
    saved: dict[str, str] = field(default_factory=dict)  # note id -> fingerprint
    in_flight: dict[str, str] = field(default_factory=dict)  # may or may not have landed


@dataclass
class RunResult:
    run: int
    delay_s: float
    notes_reported: int  # by this run's writer
    notes_checked: int  # every promise on this library so far
    phase: str  # where the kill landed: "opening" or "writing"
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class KillReport:
    results: list[RunResult] = field(default_factory=list)

    @property
    def failures(self) -> list[RunResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        writing = sum(1 for r in self.results if r.phase == "writing")
        reported = sum(r.notes_reported for r in self.results)
        return (
            f"kill test: {len(self.results)} runs ({writing} killed while writing notes, "
            f"{len(self.results) - writing} while opening the library), {reported} saves "
            f"reported, {len(self.failures)} runs with a problem"
        )


def run_writer_and_kill(
    db: Path,
    seed: int,
    delay_s: float,
    *,
    clock_from_ready: bool = True,
    writer_args: tuple[str, ...] = (),
) -> list[str]:
    """Start a writer on ``db``, SIGKILL it after ``delay_s``; return the lines it printed.

    The delay runs from the writer's first line (its library is open and it is about
    to save notes) when ``clock_from_ready``, else from the moment it was started, so
    that the kill can land while the interpreter starts or the library is opened.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store._writer", str(db), str(seed), *writer_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: list[str] = []
    errors: list[str] = []
    ready = threading.Event()

    def drain_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            ready.set()
        ready.set()  # end of output: the writer is gone, stop waiting for it

    def drain_stderr() -> None:
        assert proc.stderr is not None
        errors.append(proc.stderr.read())

    readers = [threading.Thread(target=drain_stdout), threading.Thread(target=drain_stderr)]
    for reader in readers:
        reader.start()
    if clock_from_ready:
        ready.wait(timeout=READY_TIMEOUT_S)
    time.sleep(delay_s)
    exited_early = proc.poll() is not None
    if not exited_early:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    for reader in readers:
        reader.join()
    if exited_early:
        raise RuntimeError(f"the writer stopped by itself before the kill:\n{errors[0]}")
    # A line cut short by the kill has no newline: it was never a complete promise.
    return [line.rstrip("\n") for line in lines if line.endswith("\n")]


def record(lines: list[str], promises: Promises) -> int:
    """Fold a writer's report into ``promises``; returns how many saves it reported."""
    saves = 0
    pending: tuple[str, str] | None = None
    for line in lines:
        kind, *rest = line.split()
        if kind == "article":
            promises.articles.append(rest[0])
        elif kind == "try":
            pending = (rest[0], rest[1])
        elif kind == "saved":
            promises.saved[rest[0]] = rest[1]
            promises.in_flight.pop(rest[0], None)
            pending = None
            saves += 1
    if pending is not None:
        promises.in_flight[pending[0]] = pending[1]
    return saves


def check_library(db: Path, promises: Promises) -> list[str]:
    """Every problem found in ``db`` against what was promised (empty when all is well)."""
    problems: list[str] = []
    if not db.exists():
        return problems if not promises.saved else ["the library file is gone"]
    conn = sqlite3.connect(str(db))
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {'; '.join(integrity[:5])}")
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems.append(f"foreign_key_check: {orphans[:5]}")
        has_index = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_index'"
        ).fetchone()
        if has_index:
            try:
                conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"search index: {exc}")
    finally:
        conn.close()
    if problems:
        return problems
    with Library(db) as lib:
        stored = {}
        for article_id in promises.articles:
            for note in lib.notes_for_article(article_id, include_deleted=True):
                stored[note.id] = note_fingerprint(note)
    for note_id, mark in promises.saved.items():
        found = stored.get(note_id)
        if found == mark:
            continue
        if found is not None and promises.in_flight.get(note_id) == found:
            continue
        what = "missing" if found is None else "changed"
        problems.append(f"note {note_id} reported as saved is {what}")
    for note_id, mark in promises.in_flight.items():
        # A note whose save was cut short may be absent, but never half-written.
        found = stored.get(note_id)
        if note_id not in promises.saved and found is not None and found != mark:
            problems.append(f"note {note_id} saved at the kill is garbled")
    return problems


def run_kill_test(
    runs: int,
    *,
    workdir: Path,
    seed: int = 0,
    min_delay_s: float = 0.05,
    max_delay_s: float = 1.5,
    runs_per_library: int = 25,
    opening_run_every: int = OPENING_RUN_EVERY,
    writer_args: tuple[str, ...] = (),
    on_result: Callable[[RunResult], None] | None = None,
) -> KillReport:
    """Run the kill test ``runs`` times in ``workdir``; see the module docstring.

    ``opening_run_every=0`` clocks every run from the writer's first line.
    """
    rng = random.Random(seed)
    report = KillReport()
    promises = Promises()
    db = workdir / "library.sqlite3"
    for run in range(1, runs + 1):
        if (run - 1) % runs_per_library == 0:
            db = workdir / f"library-{run:03d}.sqlite3"
            promises = Promises()
        delay = rng.uniform(min_delay_s, max_delay_s)
        from_ready = not (opening_run_every and run % opening_run_every == 0)
        lines = run_writer_and_kill(
            db,
            rng.randrange(2**31),
            delay,
            clock_from_ready=from_ready,
            writer_args=writer_args,
        )
        reported = record(lines, promises)
        phase = "writing" if any(line.startswith("try") for line in lines) else "opening"
        problems = check_library(db, promises)
        result = RunResult(run, delay, reported, len(promises.saved), phase, problems)
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--max-delay", type=float, default=1.5)
    parser.add_argument("--runs-per-library", type=int, default=25)
    parser.add_argument("--keep-files", type=Path, help="write the libraries here and keep them")
    parser.add_argument(
        NEVER_COMMIT,
        action="store_true",
        help="control run: a broken writer that reports saves it never commits "
        "(every run should then report missing notes)",
    )
    args = parser.parse_args(argv)
    writer_args = (NEVER_COMMIT,) if args.never_commit else ()

    def show(result: RunResult) -> None:
        status = "ok"
        if not result.ok:
            status = f"FAIL, {len(result.problems)} problems: " + "; ".join(result.problems[:2])
        print(
            f"run {result.run:3d}: killed after {result.delay_s:.2f}s ({result.phase}), "
            f"{result.notes_reported:4d} saves reported, {result.notes_checked:5d} notes "
            f"checked: {status}",
            flush=True,
        )

    print(f"seed {args.seed}", flush=True)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.keep_files:
            workdir = args.keep_files
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="killtest-")))
        report = run_kill_test(
            args.runs,
            workdir=workdir,
            seed=args.seed,
            max_delay_s=args.max_delay,
            runs_per_library=args.runs_per_library,
            writer_args=writer_args,
            on_result=show,
        )
    print(f"{report.summary()} ({time.perf_counter() - started:.0f} s)")
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
