"""Kill test for the user's files: exports over existing files, and restore at every step.

    python -m tests.bench.killtest_files [--runs 10] [--user-mb 20] [--seed N]

The first kill test (``killtest.py``) kills a process saving notes.  This one kills the
command line while it writes a file the user owns, or while it restores a backup:

* *md re-export*: ``export ID --out notes.md`` into a Markdown file holding our block
  and ``--user-mb`` of the user's own text, killed after a random 0.05–1.5 s;
* *json over file*: ``export --all --format json --out dump.json`` over an earlier
  export, killed after a random delay;
* *restore step N*: ``restore`` killed right after its Nth rename (0 = right after the
  copy is made), injected rather than left to luck.

After each kill it checks and reports, per case: the user's file intact (the same bytes,
or the new export complete with every byte of the user's text outside our block), the
library intact (``PRAGMA integrity_check`` and it opens), and searchable (a word of the
article is found).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.bench._common import REPO_ROOT

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)
MAIN = str(REPO_ROOT / "main.py")
_KILL_AFTER_RENAME = """
import os, signal, sys
import reader.store.backup as backup
step = int(sys.argv.pop(1))
real_replace, count = os.replace, [0]
def replace(src, dst):
    real_replace(src, dst)
    count[0] += 1
    if count[0] == step:
        os.kill(os.getpid(), signal.SIGKILL)
if step == 0:
    real_copy = backup._copy_database
    def copy(*a, **k):
        real_copy(*a, **k)
        os.kill(os.getpid(), signal.SIGKILL)
    backup._copy_database = copy
os.replace = replace
from reader.cli import main
main(sys.argv[1:])
"""


def cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, MAIN, *args], cwd=REPO_ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{args[:2]} failed: {done.stderr}")
    return done.stdout


def kill_after(argv: list[str], delay: float) -> bool:
    """Run ``argv``; SIGKILL it after ``delay`` s. True if it was still running then."""
    proc = subprocess.Popen(argv, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def library_ok(db: Path) -> tuple[bool, bool]:
    """(intact, searchable) for the library at ``db``.

    The search goes first: it opens the library as the app does (finishing an
    interrupted restore); a bare connection would create an empty file where none is.
    """
    found = subprocess.run(
        [sys.executable, MAIN, "search", "--db", str(db), "rusted"],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    searchable = found.returncode == 0 and "Harbour" in found.stdout
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            intact = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        intact = False
    return intact, searchable


def outside_block(data: bytes) -> tuple[bytes, bytes]:
    start = data.index(b"<!-- fact-check-reader:begin")
    end = data.index(b"-->", data.index(b"<!-- fact-check-reader:end")) + 3
    head = data[:start]
    return head[head.index(b"\n---", 3) :], data[end:]  # without our front matter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="kills per export case")
    parser.add_argument("--user-mb", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory(prefix="fcr-killfiles-") as tmp:
        folder = Path(tmp)
        db = folder / "lib.sqlite3"
        (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
        aid = cli("import", "--db", str(db), str(folder / "bridge.txt")).strip()
        for n in (2, 3):
            cli("note", "--db", str(db), aid, str(n), "--verdict", "false", "--body", "x" * 500)

        # -- a Markdown re-export into a large user file
        notes = folder / "notes.md"
        cli("export", "--db", str(db), aid, "--out", str(notes))
        line = b"My own notes on the bridge, kept beside the export.\r\n"
        user = line * int(args.user_mb * 1_048_576 / len(line))
        notes.write_bytes(notes.read_bytes() + user)
        tally = results.setdefault("md re-export", Counter())
        for _ in range(args.runs):
            before = notes.read_bytes()
            cli("note", "--db", str(db), aid, "2", "--verdict", "true")  # something to change
            killed = kill_after(
                [sys.executable, MAIN, "export", "--db", str(db), aid, "--out", str(notes)],
                rng.uniform(0.05, 1.5),
            )
            after = notes.read_bytes()
            # The user's text after our block must be byte for byte the same; above it,
            # only our own lines (front matter, title) may change, in line endings too.
            (head, tail), (head_before, tail_before) = outside_block(after), outside_block(before)
            whole = after == before or (
                tail == tail_before and head.replace(b"\r", b"") == head_before.replace(b"\r", b"")
            )
            intact, searchable = library_ok(db)
            tally.update(
                {"runs": 1, "killed": killed, "file intact": whole, "library intact": intact,
                 "searchable": searchable}
            )  # fmt: skip

        # -- a JSON export over an existing export (of a library with a long article too,
        # so that the export takes long enough to be killed in the middle)
        long_text = folder / "long.txt"
        paragraph = ARTICLE.split("\n\n", 1)[1].replace("\n", " ")
        long_text.write_text(
            "A Very Long Report\n\n" + "\n\n".join([paragraph] * 8000), encoding="utf-8"
        )
        cli("import", "--db", str(db), str(long_text))
        dump = folder / "dump.json"
        cli("export", "--db", str(db), "--all", "--format", "json", "--out", str(dump))
        tally = results.setdefault("json over file", Counter())
        for _ in range(args.runs):
            before = dump.read_bytes()
            cli("note", "--db", str(db), aid, "3", "--verdict", "true")
            killed = kill_after(
                [sys.executable, MAIN, "export", "--db", str(db), "--all", "--format", "json",
                 "--out", str(dump)],
                rng.uniform(0.2, 0.6),  # a small library exports in well under a second
            )  # fmt: skip
            after = dump.read_bytes()
            try:
                complete = after == before or bool(json.loads(after)["articles"])
            except (ValueError, KeyError):
                complete = False
            intact, searchable = library_ok(db)
            tally.update(
                {"runs": 1, "killed": killed, "file intact": complete, "library intact": intact,
                 "searchable": searchable}
            )  # fmt: skip

        # -- restore, killed after each of its steps
        backup = cli("backup", "--db", str(db)).strip()
        for step in range(5):
            proc = subprocess.run(
                [sys.executable, "-c", _KILL_AFTER_RENAME, str(step), "restore", "--db",
                 str(db), backup],
                cwd=REPO_ROOT, capture_output=True,
            )  # fmt: skip
            if proc.returncode != -signal.SIGKILL:
                print(f"restore step {step} was not killed: {proc.stderr.decode()[-300:]}")
            intact, searchable = library_ok(db)  # the search opens it: recovery runs first
            leftovers = [p.name for p in folder.iterdir() if ".restor" in p.name]
            results[f"restore step {step}"] = Counter(
                {"runs": 1, "killed": proc.returncode == -signal.SIGKILL,
                 "file intact": not leftovers, "library intact": intact,
                 "searchable": searchable}
            )  # fmt: skip
    keys = ["runs", "killed", "file intact", "library intact", "searchable"]
    print(f"{'case':16}" + "".join(f"{k:>16}" for k in keys))
    for case, tally in results.items():
        print(f"{case:16}" + "".join(f"{tally[k]:>16}" for k in keys))
    bad = [c for c, t in results.items() if any(t[k] != t["runs"] for k in keys[2:])]
    print("all intact" if not bad else f"NOT intact: {', '.join(bad)}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
