"""The claim commands: checkworthy, import-factchecks, match, claims."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import open_lib


def cmd_checkworthy(args: argparse.Namespace) -> int:
    from reader.app.claims_radar import score_sentence_table

    for row in score_sentence_table(args.file):
        label = "Yes" if row.worth_checking else "No"
        reasons = " ".join(row.reasons.split()) or "-"
        print(f"{row.sentence_id}\t{row.score:.4f}\t{label}\t{reasons}")
    return 0


def cmd_import_factchecks(args: argparse.Namespace) -> int:
    from reader.app.claims_memory import import_factchecks, read_factchecks

    parsed = read_factchecks(Path(args.file))
    with open_lib(args, create=True) as lib:
        print(f"{import_factchecks(lib, Path(args.file), parsed).summary()} from {args.file}")
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from reader.app.claims_memory import CorpusMatcher, read_queries

    queries = read_queries(Path(args.queries))

    def progress(done: int, total: int) -> None:
        # Computing the contextual vectors takes a while (a minute at 10,000 claims).
        print(f"\rembedding claims: {done:,} / {total:,}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    # Only these rankings use the contextual vectors, which take a while to compute.
    contextual = args.mode in ("fused", "contextual")
    with CorpusMatcher.from_file(
        Path(args.corpus), progress=progress, contextual=contextual
    ) as matcher:
        for line in matcher.run(queries, top=args.top, mode=args.mode):
            print(line)
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from reader.app.claim_list import ClaimQuery, export_claims, list_claims, render_claims

    query = ClaimQuery(
        text=args.filter or "",
        verdict="__none" if args.verdict == "none" else args.verdict,
        state=args.state,
        speaker=args.speaker,
        sort=args.sort,
        descending=args.desc,
    )
    with open_lib(args) as lib:
        if args.out and args.out != "-":  # "-": standard output
            n = export_claims(lib, Path(args.out), args.format, query, force=args.force)
            print(f"wrote {n} claim{'s' * (n != 1)} to {args.out}")
            return 0
        rows = list_claims(lib, query)
    sys.stdout.write(render_claims(rows, args.format))
    return 0
