"""Peak memory of the JSON dump with the claims memory's user data in it (issue 16).

    python -m tests.bench.memory_factchecks                     # 100,000 fact-checks
    python -m tests.bench.memory_factchecks --factchecks 20000

Imported fact-checks travel in a top-level ``factchecks`` list that the export streams
and the import reads and merges in batches, as it does articles.  This builds a small
library (``generate_library``: 500 articles, 5,000 notes), then a copy of it with
``--factchecks`` synthetic fact-checks, a link from every third note (to a fact-check
or to a note of another article) and a workflow state on every fifth note.  Each
figure is the peak resident memory (``ru_maxrss``) of one command-line process; the
baseline is the same command on the library without the claims data, in the same run.
If the fact-checks were held whole, the import's peak would grow by their parsed size
(several hundred MB at 100,000); streamed, it grows by a batch, plus the claims
memory's vectors of the new claims (256 half floats each) held while they are written.

Measured (shared 2-core machine, 100,000 fact-checks, 1,667 links, 1,000 workflow
states): export 32 MB with and without them; import 285 MB with them, 63 MB without.
Of the difference, about 105 MB is the sentence-embedding model (loaded to embed the
claims again) and about 100 MB what the tokenizer keeps once it has run (it levels off
after some 30,000 texts; ``TOKENIZERS_PARALLELISM=false`` halves it); the fact-checks
themselves add a batch.  With the claims memory's memory map left on, the import
peaked at 329 MB.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench._common import CACHE_DIR, REPO_ROOT
from tests.bench.memory_json import _peak_mb

WORDS = (
    "troops border minister budget vaccine election turbine harbour bridge school tax "
    "unemployment flood drought migrants hospital police fraud ballots crime inflation "
    "wages rent emissions pipeline subsidy tariff pension strike river forest"
).split()


def _add_claims_data(db: Path, factchecks: int, seed: int = 1) -> None:
    from reader.core.claim_match import FactCheck
    from reader.store import Library
    from reader.store.claims_memory import ClaimsMemory, factcheck_id

    rng = random.Random(seed)
    checks = [
        FactCheck(
            claim=" ".join(rng.choice(WORDS) for _ in range(12)) + f" ({i:,} claimed).",
            title=f"Fact-check {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
            url=f"https://checks.example.org/{i}",
            publisher=rng.choice(["Example Checks", "Other Checks", "Third Desk"]),
            date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            rating=rng.choice(["False", "Misleading", "True", "Half true"]),
        )
        for i in range(factchecks)
    ]
    with Library(db) as lib:
        memory = ClaimsMemory(lib.sql)
        memory.add_factchecks(checks, origin="bench")
        notes = [
            (r[0], r[1]) for r in lib.conn.execute("SELECT id, article_id FROM notes ORDER BY id")
        ]
        with lib.sql.write():
            for n, (note_id, article_id) in enumerate(notes):
                if n % 3 == 0 and checks:
                    target = ("factcheck", factcheck_id(rng.choice(checks)))
                    if n % 2:
                        other = rng.choice(notes)
                        if other[1] != article_id:
                            target = ("note", other[0])
                    lib.conn.execute(
                        "INSERT OR IGNORE INTO claim_links VALUES (?, ?, ?, ?)",
                        [note_id, *target, "2025-01-01T00:00:00Z"],
                    )
                if n % 5 == 0:
                    lib.conn.execute(
                        "INSERT INTO claim_workflow VALUES (?, 'ready', 'Ana', ?)",
                        [note_id, "2025-01-02T00:00:00Z"],
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factchecks", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--notes", type=int, default=5_000)
    args = parser.parse_args()
    base = CACHE_DIR / f"claims-{args.articles}-{args.notes}.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "tests.bench.generate_library", "--articles", str(args.articles),
         "--notes", str(args.notes), "--db", str(base)],
        cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    main_py = str(REPO_ROOT / "main.py")
    with tempfile.TemporaryDirectory(prefix="fcr-factchecks-") as tmp:
        folder = Path(tmp)
        with_claims = folder / "claims.sqlite3"
        shutil.copy(base, with_claims)
        started = time.perf_counter()
        _add_claims_data(with_claims, args.factchecks)
        print(f"{args.factchecks:,} fact-checks added in {time.perf_counter() - started:.0f} s")
        rows = []
        for label, db in (("without claims data", base), ("with claims data", with_claims)):
            dump = folder / f"{db.stem}.json"
            export = _peak_mb(
                [sys.executable, main_py, "export", "--db", str(db), "--all", "--format",
                 "json", "--out", str(dump), "--force"]
            )  # fmt: skip
            target = folder / f"{db.stem}-imported.sqlite3"
            imported = _peak_mb(
                [sys.executable, main_py, "import-json", "--db", str(target), str(dump)]
            )
            rows.append((label, dump.stat().st_size / 1_048_576, export, imported))
    print(f"\n{args.articles:,} articles, {args.notes:,} notes; + {args.factchecks:,} fact-checks")
    print(f"{'':22} {'file':>8} {'export peak':>12} {'import peak':>12}   export / import time")
    for label, size, (export_mb, export_s), (import_mb, import_s) in rows:
        print(
            f"{label:22} {size:5.0f} MB {export_mb:9.0f} MB {import_mb:9.0f} MB   "
            f"{export_s:5.1f} s / {import_s:5.1f} s"
        )


if __name__ == "__main__":
    main()
