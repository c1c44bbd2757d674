"""What ``synchronous=FULL`` costs: saving notes and importing JSON, FULL beside NORMAL.

    python -m tests.bench.durability [--notes 300] [--articles 200]

Under WAL, ``synchronous=NORMAL`` survives a killed process but may lose the last
commits to a power cut; ``FULL`` syncs the WAL on every commit, so a save reported as
done survives both.  The library uses FULL (issue 19, item 15); import-json commits
each article with NORMAL and syncs once at the end.  This prints, for each kind of
write, the time per operation under NORMAL (the baseline) and FULL, and the ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reader.app.library_io import export_library_json, import_library_json
from reader.core.models import build_article
from reader.store import Library

PARAGRAPH = (
    "The council said the bridge would close for a year while engineers replace the "
    "deck. Shops on the north side expect to lose trade; the ferry will run more often."
)


def _article(i: int):  # type: ignore[no-untyped-def]
    return build_article(
        [("title", f"Bridge story {i}")] + [("paragraph", PARAGRAPH)] * 4,
    )


def _notes_per_second(path: Path, synchronous: str, count: int) -> float:
    with Library(path) as lib:
        lib.conn.execute(f"PRAGMA synchronous = {synchronous}")
        aid = lib.add_article(_article(0)).id
        started = time.perf_counter()
        for n in range(count):
            lib.add_note(aid, 0, 10, body=f"note {n}")
        return (time.perf_counter() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fcr-durability-") as tmp:
        folder = Path(tmp)
        normal = _notes_per_second(folder / "normal.sqlite3", "NORMAL", args.notes)
        full = _notes_per_second(folder / "full.sqlite3", "FULL", args.notes)
        print(f"save a note      NORMAL {normal * 1000:7.2f} ms   FULL {full * 1000:7.2f} ms"
              f"   x{full / normal:.2f}")  # fmt: skip
        source = folder / "source.sqlite3"
        with Library(source) as lib:
            for i in range(args.articles):
                lib.add_article(_article(i))
            export_library_json(lib, folder / "dump.json")
        timings = {}
        for mode in ("NORMAL", "FULL"):
            with Library(folder / f"import-{mode}.sqlite3") as lib:
                lib.import_synchronous = mode
                started = time.perf_counter()
                import_library_json(lib, folder / "dump.json")
                timings[mode] = (time.perf_counter() - started) / args.articles
        print(f"import an article NORMAL {timings['NORMAL'] * 1000:6.2f} ms   "
              f"FULL {timings['FULL'] * 1000:7.2f} ms   x{timings['FULL'] / timings['NORMAL']:.2f}"
              "   (the library imports with NORMAL and syncs once at the end)")  # fmt: skip


if __name__ == "__main__":
    main()
