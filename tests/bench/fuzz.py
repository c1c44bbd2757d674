"""The fuzz properties of ``tests/test_fuzz.py`` with many more examples, plus hostile files.

Run from the repository root::

    python -m tests.bench.fuzz                  # 1000 random examples per property
    python -m tests.bench.fuzz --examples 5000
    python -m tests.bench.fuzz --only markdown  # properties whose name contains a word

CI runs each property on 25 fixed examples; here the examples are random (a new draw
each run), so a run can find what CI never tries.  Each property prints how many
examples it ran, how long it took, and PASS or the falsifying example.

Then the hostile files (``--no-files`` skips them) go through the whole import path —
read, decode, clean — and the time is printed next to a baseline measured in the same
run: reading and decoding the same bytes only, which is the least any import costs.
The exit status is 1 when any property fails.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path


def _properties(only: str | None) -> list[tuple[str, Callable[[], None]]]:
    from tests import test_fuzz

    found = []
    for name in dir(test_fuzz):
        function = getattr(test_fuzz, name)
        wanted = only is None or only in name
        if name.startswith("test_") and hasattr(function, "hypothesis") and wanted:
            found.append((name, function))
    return found


def run_properties(examples: int, only: str | None) -> int:
    # Read by tests.test_fuzz when it is imported: the settings are built from them.
    os.environ["READER_FUZZ_EXAMPLES"] = str(examples)
    os.environ["READER_FUZZ_RANDOM"] = "1"
    failures = 0
    print(f"Properties, {examples} random examples each")
    for name, prop in _properties(only):
        started = time.perf_counter()
        try:
            prop()
        except Exception:  # noqa: BLE001 - a falsified property: report it, go on
            failures += 1
            elapsed = time.perf_counter() - started
            print(f"  FAIL  {name}  ({elapsed:.1f} s)")
            print("        " + traceback.format_exc(limit=0).strip().replace("\n", "\n        "))
            continue
        elapsed = time.perf_counter() - started
        print(f"  PASS  {name}  ({elapsed:.1f} s, {examples / elapsed:.0f} examples/s)")
    return failures


def _hostile_files() -> list[tuple[str, str, bytes]]:
    prose = "The council voted on the new budget after a long debate about the schools."
    lines = "\n".join(f"{prose} Item {i} of the minutes was approved." for i in range(100_000))
    paragraphs = "\n".join(f"<p>{prose} Item {i} was approved.</p>" for i in range(100_000))
    nested = "<div>" * 20_000 + f"<p>{prose}</p>" + "</div>" * 20_000
    return [
        ("100,000-line text", "minutes.txt", f"Council minutes\n\n{lines}".encode()),
        (
            "100,000-paragraph HTML",
            "minutes.html",
            f"<html><body><h1>Council minutes</h1>{paragraphs}</body></html>".encode(),
        ),
        ("one 5 MB line", "line.txt", ("word " * 1_000_000).encode()),
        ("20,000 nested divs", "nested.html", f"<html><body>{nested}</body></html>".encode()),
        ("random bytes 1 MB", "noise.bin", os.urandom(1_000_000)),
        ("NUL-padded text", "nul.txt", (prose + "\x00" * 10).encode() * 1000),
        ("invalid UTF-8", "bad.txt", ("Title\n\n" + prose * 50).encode() + b"\xff\xfe\xc3(" * 100),
    ]


def run_files() -> None:
    from reader.core.decode import decode_bytes
    from reader.core.errors import UserError
    from reader.core.pipeline import clean_input
    from reader.importers.files import read_file

    print("\nHostile files: whole import (read, decode, clean) vs baseline (read, decode)")
    print(f"  {'file':26} {'size':>9} {'baseline':>9} {'import':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for label, name, data in _hostile_files():
            path = Path(folder) / name
            path.write_bytes(data)
            started = time.perf_counter()
            try:
                decode_bytes(read_file(path).data)
            except UserError:
                pass
            baseline = time.perf_counter() - started
            started = time.perf_counter()
            try:
                raw = read_file(path)
                article = clean_input(raw.data, raw.media_type, name=raw.name)
                outcome = f"article, {len(article.blocks)} blocks"
            except UserError as err:
                outcome = f"{type(err).__name__}: {str(err)[:60]}…"
            except Exception as err:  # noqa: BLE001 - a bug: show it, measure the rest
                outcome = f"BUG {type(err).__name__}: {err}"
            elapsed = time.perf_counter() - started
            print(
                f"  {label:26} {len(data) / 1e6:7.1f}MB {baseline:8.2f}s {elapsed:8.2f}s  {outcome}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per property")
    parser.add_argument("--only", help="run only properties whose name contains this")
    parser.add_argument("--no-files", action="store_true", help="skip the hostile files")
    args = parser.parse_args(argv)
    # The extractor logs every page it gives up on; thousands of lines hide the result.
    logging.basicConfig(level=logging.ERROR)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = run_properties(args.examples, args.only)
    if not args.no_files:
        run_files()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
