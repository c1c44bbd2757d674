"""The Claims view's listing: every noted claim of a large library, grouped and sorted.

Run from the repository root::

    python -m tests.bench.claims_list                              # 5,000 articles, 50,000 notes
    python -m tests.bench.claims_list --articles 1000 --notes 10000 --db /tmp/fcr-bench/c.sqlite3

The library is built once by ``generate_library.py`` and cached (``--db``); one link in
twenty notes joins it to another note, so groups are there to be found.  Each use of
:func:`reader.app.claim_list.list_claims` (all claims in the library's order, sorted by
claim text, the rarest verdict, a text filter) is timed against the bare ``SELECT`` of the
same notes' ids and quotes, the least any listing must read.  The window runs the listing
in a worker, so these times are how long the Claims tab waits for its rows, not a freeze.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from tests.bench._common import CACHE_DIR, Report, median_ms

LINK_EVERY = 20


def _link_some(db: Path) -> int:
    from reader.app.claims_memory import link_claim
    from reader.store import Library

    with Library(db) as lib:
        if lib.sql.conn.execute("SELECT count(*) FROM claim_links").fetchone()[0]:
            return 0
        ids = [r[0] for r in lib.sql.conn.execute("SELECT id FROM notes ORDER BY id")]
        rng = random.Random(5)
        with lib.sql.write():
            for note_id in ids[::LINK_EVERY]:
                other = rng.choice(ids)
                if other != note_id:
                    link_claim(lib, note_id, "note", other)
        return len(ids) // LINK_EVERY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=CACHE_DIR / "claims-list.sqlite3")
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from reader.app.claim_list import ClaimQuery, list_claims
    from reader.store import Library
    from tests.bench.generate_library import ensure_library

    args.db.parent.mkdir(parents=True, exist_ok=True)
    info = ensure_library(args.db, args.articles, args.notes)
    _link_some(args.db)
    report = Report(f"Claims view listing ({info.get('notes', args.notes):,} notes)")
    with Library(args.db) as lib:
        bare = median_ms(
            lambda: lib.sql.conn.execute(
                "SELECT n.id, n.exact FROM notes n JOIN articles a ON a.id = n.article_id "
                "WHERE n.deleted_at IS NULL AND a.deleted_at IS NULL"
            ).fetchall(),
            runs=args.runs,
        )
        for what, query in (
            ("all claims, library order", ClaimQuery()),
            ("all claims, by claim text", ClaimQuery(sort="text")),
            ("verdict filter (satire)", ClaimQuery(verdict="satire")),
            ("text filter ('the')", ClaimQuery(text="the")),
        ):
            ours = median_ms(lambda q=query: list_claims(lib, q), runs=args.runs)
            report.add(what, ours, bare, baseline_name="bare SELECT")
    report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
