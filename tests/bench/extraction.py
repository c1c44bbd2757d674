"""Article-body extraction benchmark: our cleaners next to baselines, same run.

Run from the repository root::

    python -m tests.bench.extraction --data ../shared/bench/extraction

The data folder holds ``ground-truth.json`` (``{id: {articleBody, url}}``), ``text/<id>.txt``
(the page as "select all, copy" gives it) and ``html/<id>.html.gz`` (the saved page).

Score, as the benchmark defines it: split a text into ``\\w+`` tokens (case kept), take
every window of 4 consecutive tokens as a multiset (a text of 1–3 tokens is one window);
per page tp = Σ min(pred, true), fp = extra predicted windows, fn = missing true windows;
precision = tp/(tp+fp), recall = tp/(tp+fn), both 1 when fp = fn = 0; a page with an
empty prediction has recall 0 and no precision.  Corpus figures: mean precision over the
pages that have one, mean recall over all pages, F1 = harmonic mean of the two means.

Rows printed: our text cleaner, our HTML cleaner (``n/a`` until it is importable), the
copied text unchanged, jusText and trafilatura on the copied text (one ``<p>`` per line),
trafilatura on the HTML (comments off).  ``--split`` also reports each row on two halves
of the pages (by id), which is a cheap check that a change did not just fit one half.

Timing.  Each row first cleans a few pages untimed (:data:`WARMUP_PAGES`): the first
calls of a row pay for imports done lazily, regex compilation and cold CPU caches, and
our rows come first, so without a warm-up they carried costs the baselines did not.
The rows are then timed page by page in turn (page 1 by every row, then page 2 …, each
page starting with the next row), so that a burst of load from other jobs on a shared
machine falls on all rows alike rather than on whichever row was running.  Before each
page a row's own caches are emptied (``Row.reset``: our cleaners memoise the wording
filter), so that neither the warm-up nor another row answers for the page timed, and
Python's garbage is collected, so that no row pays for another's.  The pages are
timed three times (``--repeat``) and each page's quickest time counts: a burst of load
only ever slows a run down.  Two figures are printed, each the median over pages:
wall time (``ms/page``) and CPU time of this process (``cpu ms``, the steadier of the
two on a busy machine), and the ratio of the HTML cleaner to trafilatura for both.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import html as html_lib
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "extraction"

_TOKEN = re.compile(r"\w+")
WARMUP_PAGES = 5
"""Pages each row cleans, untimed, before it is timed."""
DEFAULT_REPEATS = 3
"""Timed passes over the pages; a page's time is its quickest (see ``--repeat``)."""


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token windows of ``text`` (one window if it has 1–3 tokens)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(predicted: str, truth: str) -> tuple[float | None, float]:
    """``(precision, recall)`` of one page; precision is None for an empty prediction."""
    pred = shingles(predicted)
    true = shingles(truth)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    if not pred:
        return None, 0.0 if true else 1.0
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


@dataclass
class RowResult:
    """Per-page scores and timings of one extractor."""

    precisions: dict[str, float | None] = field(default_factory=dict)
    recalls: dict[str, float] = field(default_factory=dict)
    millis: list[float] = field(default_factory=list)
    cpu_millis: list[float] = field(default_factory=list)
    failures: int = 0

    def summary(self, ids: list[str]) -> tuple[float, float, float]:
        """``(F1, precision, recall)`` over the given pages."""
        precs = [p for i in ids if (p := self.precisions.get(i)) is not None]
        recs = [self.recalls.get(i, 0.0) for i in ids]
        precision = statistics.fmean(precs) if precs else 0.0
        recall = statistics.fmean(recs) if recs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f1, precision, recall


@dataclass
class Page:
    """One benchmark page."""

    id: str
    truth: str
    text_path: Path
    html_path: Path

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    def html(self) -> str:
        return gzip.decompress(self.html_path.read_bytes()).decode("utf-8", "replace")


def lines_as_html(text: str) -> str:
    """The copied text as an HTML page with one ``<p>`` per non-blank line."""
    paras = "".join(
        f"<p>{html_lib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><head><title></title></head><body>\n{paras}</body></html>"


def load_pages(data: Path) -> list[Page]:
    """Every page of the data folder that has both a text and an HTML file."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        text_path = data / "text" / f"{page_id}.txt"
        html_path = data / "html" / f"{page_id}.html.gz"
        if text_path.exists():
            pages.append(Page(page_id, entry.get("articleBody", ""), text_path, html_path))
    return pages


Extractor = Callable[[str], str]


@dataclass
class Row:
    """One line of the report: a name, which input it reads, and how it extracts."""

    name: str
    reads_html: bool
    extract: Extractor | None
    reset: Callable[[], object] | None = None  # empties the extractor's caches


def build_rows() -> list[Row]:
    """Every row of the report, in print order (``extract`` None: not available)."""
    from reader.core.errors import NoArticleError

    rows: list[Row] = []
    reset_ours: Callable[[], object] | None = None
    try:
        from reader.core.boilerplate import is_boilerplate

        reset_ours = getattr(is_boilerplate, "cache_clear", None)
    except ImportError:
        pass

    try:
        from reader.core.clean_text import clean_copied_text

        def ours_text(text: str) -> str:
            try:
                return clean_copied_text(text).body_text()
            except NoArticleError:
                return ""

        rows.append(Row("ours: text cleaner (copied text)", False, ours_text, reset_ours))
    except ImportError:
        rows.append(Row("ours: text cleaner (copied text)", False, None))

    try:
        from reader.core.clean_html import clean_html

        def ours_html(html: str) -> str:
            try:
                return clean_html(html).body_text()
            except NoArticleError:
                return ""

        rows.append(Row("ours: HTML cleaner (HTML)", True, ours_html, reset_ours))
    except ImportError:
        rows.append(Row("ours: HTML cleaner (HTML)", True, None))

    rows.append(Row("baseline: copied text unchanged", False, lambda text: text))

    try:
        import justext

        stoplist = justext.get_stoplist("English")

        def justext_text(text: str) -> str:
            paragraphs = justext.justext(lines_as_html(text).encode("utf-8"), stoplist)
            return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        rows.append(Row("baseline: jusText (copied text)", False, justext_text))
    except ImportError:
        rows.append(Row("baseline: jusText (copied text)", False, None))

    try:
        import trafilatura

        def trafilatura_text(text: str) -> str:
            return trafilatura.extract(lines_as_html(text), include_comments=False) or ""

        def trafilatura_html(html: str) -> str:
            return trafilatura.extract(html, include_comments=False) or ""

        rows.append(Row("baseline: trafilatura (copied text)", False, trafilatura_text))
        rows.append(Row("baseline: trafilatura (HTML)", True, trafilatura_html))
    except ImportError:
        rows.append(Row("baseline: trafilatura (copied text)", False, None))
        rows.append(Row("baseline: trafilatura (HTML)", True, None))
    return rows


def run_rows(
    rows: list[Row],
    pages: list[Page],
    inputs: dict[tuple[str, bool], str],
    repeats: int = DEFAULT_REPEATS,
) -> list[RowResult]:
    """Score every row on every page; only the extraction itself is timed.

    Each row first cleans a few pages, untimed.  Then the pages are taken in turn and
    every row cleans each page, its caches emptied first (see the module docstring).
    The whole pass is made ``repeats`` times; a page's time is its quickest.
    """
    for row in rows:
        assert row.extract is not None
        for page in pages[-WARMUP_PAGES:]:
            try:
                row.extract(inputs.get((page.id, row.reads_html), ""))
            except Exception:  # noqa: BLE001, S110 - crashes are reported by the timed run
                pass
    results = [RowResult() for _row in rows]
    for repeat in range(max(1, repeats)):
        for number, page in enumerate(pages):
            # Each page starts with a different row: no row always runs first, on cold
            # CPU caches, or always right after the same neighbour.
            start = (number + repeat) % len(rows)
            order = list(zip(rows, results))
            for row, result in order[start:] + order[:start]:
                millis, cpu_millis = _time_page(row, page, inputs, result, score=repeat == 0)
                if repeat == 0:
                    result.millis.append(millis)
                    result.cpu_millis.append(cpu_millis)
                else:
                    result.millis[number] = min(result.millis[number], millis)
                    result.cpu_millis[number] = min(result.cpu_millis[number], cpu_millis)
    return results


def _time_page(
    row: Row, page: Page, inputs: dict[tuple[str, bool], str], result: RowResult, score: bool
) -> tuple[float, float]:
    """``(wall ms, CPU ms)`` of one extraction; scores it into ``result`` if ``score``."""
    assert row.extract is not None
    if row.reset is not None:
        row.reset()
    gc.collect()  # no row pays for collecting another row's garbage
    source = inputs.get((page.id, row.reads_html), "")
    started = time.perf_counter()
    started_cpu = time.process_time()
    try:
        predicted = row.extract(source)
    except Exception as err:  # noqa: BLE001 - a crash scores as empty, and is shown
        if score:
            print(f"  ! {page.id[:12]}: {type(err).__name__}: {err}", file=sys.stderr)
            result.failures += 1
        predicted = ""
    cpu_millis = (time.process_time() - started_cpu) * 1000
    millis = (time.perf_counter() - started) * 1000
    if score:
        precision, recall = page_scores(predicted, page.truth)
        result.precisions[page.id] = precision
        result.recalls[page.id] = recall
    return millis, cpu_millis


def main(argv: list[str] | None = None) -> int:
    """Print the report; returns the process exit code."""
    parser = argparse.ArgumentParser(description="Article-body extraction benchmark.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--split", action="store_true", help="also report two halves")
    parser.add_argument("--only", default="", help="run only rows whose name contains this")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of row 1")
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEATS,
        help="timed passes over the pages; each page's quickest counts",
    )
    args = parser.parse_args(argv)

    pages = load_pages(args.data)
    if not pages:
        print(f"no pages found in {args.data}", file=sys.stderr)
        return 2
    ids = [p.id for p in pages]
    halves = (ids[0::2], ids[1::2])
    inputs: dict[tuple[str, bool], str] = {}
    for page in pages:
        inputs[(page.id, False)] = page.text()
        if page.html_path.exists():
            inputs[(page.id, True)] = page.html()

    print(f"{len(pages)} pages from {args.data}")
    header = f"{'extractor':42} {'F1':>6} {'prec':>6} {'recall':>6} {'ms/page':>8} {'cpu ms':>7}"
    if args.split:
        header += f" {'F1 even':>8} {'F1 odd':>8}"
    print(header)
    rows = [row for row in build_rows() if not args.only or args.only in row.name]
    runnable = [row for row in rows if row.extract is not None]
    results = run_rows(runnable, pages, inputs, args.repeat)
    by_name = dict(zip((row.name for row in runnable), results))
    first: RowResult | None = by_name[runnable[0].name] if runnable else None
    for row in rows:
        if row.name not in by_name:
            print(f"{row.name:42} {'n/a':>6}")
            continue
        result = by_name[row.name]
        f1, precision, recall = result.summary(ids)
        ms = statistics.median(result.millis)
        cpu_ms = statistics.median(result.cpu_millis)
        line = f"{row.name:42} {f1:6.3f} {precision:6.3f} {recall:6.3f} {ms:8.2f} {cpu_ms:7.2f}"
        if args.split:
            line += f" {result.summary(halves[0])[0]:8.3f} {result.summary(halves[1])[0]:8.3f}"
        if result.failures:
            line += f"  ({result.failures} crashed)"
        print(line, flush=True)
    print(
        "ms/page: median over pages of the extraction alone (input already in memory; "
        f"each page's quickest of {max(1, args.repeat)} runs);"
    )
    print("cpu ms: the same in CPU time of this process (steadier on a busy machine).")
    ours_html = by_name.get("ours: HTML cleaner (HTML)")
    trafilatura_html = by_name.get("baseline: trafilatura (HTML)")
    if ours_html and trafilatura_html:
        wall = statistics.median(ours_html.millis) / statistics.median(trafilatura_html.millis)
        cpu = statistics.median(ours_html.cpu_millis) / statistics.median(
            trafilatura_html.cpu_millis
        )
        print(f"HTML cleaner / trafilatura (HTML), median time: {wall:.2f}x wall, {cpu:.2f}x cpu")
    if args.worst and first is not None:
        scored = []
        for page_id in ids:
            p = first.precisions[page_id]
            r = first.recalls[page_id]
            f = 2 * p * r / (p + r) if p and p + r else 0.0
            scored.append((f, p, r, page_id))
        for f, p, r, page_id in sorted(scored, key=lambda s: s[0])[: args.worst]:
            ptxt = "  n/a" if p is None else f"{p:.3f}"
            print(f"  {page_id[:12]}  F1 {f:.3f}  P {ptxt}  R {r:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
