"""Peak memory of ``import-json`` and ``export --all --format json`` on a large library.

    python -m tests.bench.memory_json                          # 10,000 articles, 100,000 notes
    python -m tests.bench.memory_json --articles 1000 --notes 10000 --db /tmp/fcr-bench/s.sqlite3

Issue 19 measured 909 MB for import-json and 1.42 GB for the export of 10,000 articles
and 100,000 notes, before both were streamed.  Each figure here is the peak resident
memory (``ru_maxrss``) of one command-line process, measured beside the whole-document
path of the same run (the export built as one string, the import parsed whole, as
before) on the same library.  Target: under 300 MB for both.

The library comes from ``generate_library.py`` (cached).  The import goes into a fresh
library file each time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench._common import CACHE_DIR, REPO_ROOT

BEFORE_MB = {"export": 1420, "import": 909}  # issue 19, same library size

_WHOLE_EXPORT = """
import sys
from reader.store import Library
from reader.store.dump import dumps, export_library
with Library(sys.argv[1]) as lib:
    text = dumps(export_library(lib))
open(sys.argv[2], "w", encoding="utf-8").write(text)
"""
_WHOLE_IMPORT = """
import sys
from reader.store import Library
from reader.store.dump_merge import import_json
text = open(sys.argv[2], encoding="utf-8").read()
with Library(sys.argv[1]) as lib:
    print(import_json(lib, text).summary())
"""


def _peak_mb(argv: list[str]) -> tuple[float, float]:
    """Run ``argv`` in a fresh measuring process; its peak RSS in MB and its seconds."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "assert done.returncode == 0, done\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *argv], cwd=REPO_ROOT, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed:\n{out.stderr}")
    kb, seconds = out.stdout.split()
    return int(kb) / 1024, float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=CACHE_DIR / "large.sqlite3")
    parser.add_argument("--skip-before", action="store_true", help="no whole-document runs")
    args = parser.parse_args()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tests.bench.generate_library", "--articles", str(args.articles),
         "--notes", str(args.notes), "--db", str(args.db)],
        cwd=REPO_ROOT, check=True,
    )  # fmt: skip
    print(f"library ready in {time.perf_counter() - started:.0f} s: {args.db}")
    main_py = str(REPO_ROOT / "main.py")
    with tempfile.TemporaryDirectory(prefix="fcr-memory-") as tmp:
        folder = Path(tmp)
        dump = folder / "dump.json"
        rows = []
        export_mb, export_s = _peak_mb(
            [sys.executable, main_py, "export", "--db", str(args.db), "--all", "--format",
             "json", "--out", str(dump), "--force"]
        )  # fmt: skip
        size_mb = dump.stat().st_size / 1_048_576
        import_mb, import_s = _peak_mb(
            [sys.executable, main_py, "import-json", "--db", str(folder / "a.sqlite3"), str(dump)]
        )
        rows.append(("export --all --format json", export_mb, export_s, "export"))
        rows.append(("import-json", import_mb, import_s, "import"))
        before: dict[str, tuple[float, float]] = {}
        if not args.skip_before:
            whole = folder / "whole.json"
            before["export"] = _peak_mb(
                [sys.executable, "-c", _WHOLE_EXPORT, str(args.db), str(whole)]
            )
            before["import"] = _peak_mb(
                [sys.executable, "-c", _WHOLE_IMPORT, str(folder / "b.sqlite3"), str(dump)]
            )
        print(f"\n{args.articles:,} articles, {args.notes:,} notes; export file {size_mb:.0f} MB")
        print(f"{'':28} {'peak now':>10} {'whole-doc':>10} {'issue':>8}   time now / whole")
        for label, mb, seconds, key in rows:
            old_mb, old_s = before.get(key, (float("nan"), float("nan")))
            print(
                f"{label:28} {mb:8.0f} MB {old_mb:7.0f} MB {BEFORE_MB[key]:5d} MB   "
                f"{seconds:6.1f} s / {old_s:6.1f} s   target < 300 MB: "
                f"{'met' if mb < 300 else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
