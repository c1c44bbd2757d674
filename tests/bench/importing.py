"""Import speed per page: copied text and saved HTML, against trafilatura on the same page.

Run from the repository root::

    python -m tests.bench.importing                       # every benchmark page, 3 runs
    python -m tests.bench.importing --limit 20 --runs 5
    python -m tests.bench.importing --per-page            # one line per page
    python -m tests.bench.importing --profile             # cProfile of the slowest kind

Pages: ``text/<id>.txt`` (what "select all, copy" gives) and ``html/<id>.html.gz`` (the
saved page) of the extraction benchmark folder (``--data``, default
``../shared/bench/extraction``).

For each page and each kind, the median of ``--runs`` timings of:

* *ours, clean*: ``reader.core.pipeline.clean_input(bytes, media type)`` — decoding,
  sniffing, cleaning, block building (what every importer runs);
* *ours, import*: ``reader.store.ingest.import_document`` into an empty library file —
  the clean above plus storing the article and indexing it for search;
* *trafilatura*: ``trafilatura.extract`` on the same page — the HTML as saved, or for
  copied text the text as an HTML page of one ``<p>`` per line (as
  ``tests/bench/extraction.py`` gives it).

Printed: the median over pages of our time, of trafilatura's, and of the per-page ratio,
plus the slowest page.  A page on which a cleaner finds no article still counts (the
time to say so is what the user waits for).

Findings (88 pages, cProfile of 30 HTML pages):

* Copied text: ~2 ms a page, about a fifth of trafilatura's time on the same page.
* HTML: ~1.3x trafilatura's time (median page; worst ~3x).  Three quarters of our time
  is ``trafilatura.bare_extraction`` itself (with ``favor_precision`` it also runs its
  readability fallback and compares, ~30 %); the rest is our own parse of the page
  (``clean_html._parse``) and ``_page_metadata`` (~7 % each: the page is parsed by
  lxml more than once).  Possible saving: hand trafilatura the tree we already parsed
  and take the metadata from its ``Document`` when it has it.  Not worth more: an
  import is one page, run off the UI thread.
* Storing adds ~2 ms on an empty library, but ~100-200 ms on the large one: see
  finding 1 of ``large_library.py`` (each index write scans the whole index).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tests.bench._common import CACHE_DIR, REPO_ROOT, Report, median_ms, percentile, profile_to_file

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "extraction"


def load(data: Path, limit: int) -> list[tuple[str, bytes, bytes]]:
    """``(id, text bytes, html bytes)`` of each page that has both files."""
    pages = []
    for text_path in sorted((data / "text").glob("*.txt")):
        html_path = data / "html" / f"{text_path.stem}.html.gz"
        if html_path.exists():
            pages.append(
                (text_path.stem, text_path.read_bytes(), gzip.decompress(html_path.read_bytes()))
            )
    return pages[:limit] if limit else pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import speed against trafilatura.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--per-page", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    import trafilatura

    from reader.core.errors import UserError
    from reader.core.models import RawInput
    from reader.core.pipeline import clean_input
    from reader.store.ingest import import_document
    from reader.store.library import Library
    from tests.bench.extraction import lines_as_html

    pages = load(args.data, args.limit)
    if not pages:
        print(f"no pages in {args.data}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="fcr-import-"))
    lib = Library(tmp / "import.sqlite3")

    def quiet(action: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            try:
                action()
            except UserError:
                pass  # "no article here" is an answer too, and takes time to give

        return run

    report = Report(f"Import, {len(pages)} pages, median of {args.runs} runs per page")
    for kind, media_type in (("copied text", "text/plain"), ("HTML", "text/html")):
        clean_ms, import_ms, traf_ms, ratios, import_ratios = [], [], [], [], []
        slowest = ("", 0.0)
        failures = 0
        for page_id, text, html in pages:
            data = text if kind == "copied text" else html
            traf_input = (
                lines_as_html(text.decode("utf-8", "replace"))
                if kind == "copied text"
                else html.decode("utf-8", "replace")
            )
            try:
                clean_input(data, media_type)
            except UserError:
                failures += 1
            ours = median_ms(quiet(partial(clean_input, data, media_type)), args.runs)
            doc = RawInput(data, media_type, page_id)
            stored = median_ms(quiet(partial(import_document, lib, doc)), args.runs)
            theirs = median_ms(
                partial(trafilatura.extract, traf_input, include_comments=False), args.runs
            )
            clean_ms.append(ours)
            import_ms.append(stored)
            traf_ms.append(theirs)
            ratios.append(ours / theirs if theirs > 0 else float("nan"))
            import_ratios.append(stored / theirs if theirs > 0 else float("nan"))
            if ours > slowest[1]:
                slowest = (page_id, ours)
            if args.per_page:
                print(
                    f"  {kind:11} {page_id[:12]}  ours {ours:7.1f} ms  import {stored:7.1f} ms"
                    f"  trafilatura {theirs:7.1f} ms  ratio {ours / theirs:5.2f}"
                )
        report.add(
            f"{kind}: clean (median page)",
            statistics.median(clean_ms),
            statistics.median(traf_ms),
            baseline_name="trafilatura.extract",
        )
        report.add(
            f"{kind}: clean + store (median page)",
            statistics.median(import_ms),
            statistics.median(traf_ms),
            baseline_name="trafilatura.extract",
        )
        report.add(
            f"{kind}: clean, page at 90th percentile",
            percentile(clean_ms, 0.9),
            percentile(traf_ms, 0.9),
            baseline_name="trafilatura.extract",
        )
        report.notes.append(
            f"{kind}: per-page ratio ours/trafilatura median {statistics.median(ratios):.2f}, "
            f"worst {max(ratios):.2f}; clean+store ratio median "
            f"{statistics.median(import_ratios):.2f}; slowest page {slowest[0][:12]} "
            f"{slowest[1]:.0f} ms; no article found on {failures} page(s)"
        )
    if args.profile:

        def all_pages() -> None:
            for _page_id, text, html in pages:
                quiet(partial(clean_input, text, "text/plain"))()
                quiet(partial(clean_input, html, "text/html"))()

        print(profile_to_file(all_pages, CACHE_DIR / "importing.prof", top=30))
    report.print()
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
