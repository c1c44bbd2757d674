"""Article-body extraction benchmark: our cleaners next to baselines, same run.

Run from the repository root::

    python -m tests.bench.extraction                         # the 88 extraction pages
    nice -n 10 python -m tests.bench.extraction --corpus --repeat 1     # all five datasets
    python -m tests.bench.extraction --corpus --sample 100   # 100 pages of each, quicker
    nice -n 10 python -m tests.bench.extraction --corpus --repeat 1 --only "held out (co" --seed 14
    python -m tests.bench.extraction --data FOLDER [--data FOLDER ...]
    nice -n 10 python -m tests.bench.extraction --corpus --repeat 1 --made-up-language

A data folder holds ``ground-truth.json`` (``{id: {articleBody, url}}``), ``text/<id>.txt``
(the page as "select all, copy" gives it) and, where available, ``html/<id>.html.gz``
(the saved page); the folder's name is the dataset's name.  ``--corpus`` takes the
extraction benchmark and the four datasets of ``../shared/bench/cleaning-corpus``.

Score, as the benchmark defines it: split a text into ``\\w+`` tokens (case kept), take
every window of 4 consecutive tokens as a multiset (a text of 1–3 tokens is one window);
per page tp = Σ min(pred, true), fp = extra predicted windows, fn = missing true windows;
precision = tp/(tp+fp), recall = tp/(tp+fn), both 1 when fp = fn = 0; a page with an
empty prediction has recall 0 and no precision.  Corpus figures: mean precision over the
pages that have one, mean recall over all pages, F1 = harmonic mean of the two means.
Each dataset gets its own table, then all pages together; ``<0.5`` counts the pages whose
own F1 is under 0.5.

Rows printed: our text cleaner with the shipped line model, the same cleaner **held
out** (each page cleaned by a line model fitted without the page's dataset: the
leave-one-dataset-out figure; ``--held-out shippable`` fits only on datasets whose
licence allows shipping weights, as the shipped model is, ``all`` on every other
dataset, ``none`` skips it), the first version's rules, our HTML cleaner (shipped and
held out; pages without HTML are skipped by HTML rows), the HTML cleaner as it was
before session 11 (held out, same run: its settings switched back), the copied text unchanged,
jusText and trafilatura on the copied text (one ``<p>`` per line), trafilatura on the
HTML (comments off).  ``--split`` also reports each row on two halves of the pages.
``--made-up-language`` first rewrites every page's copied text and gold in a made-up
language (:mod:`tests.bench.made_up_language`; the HTML rows are skipped): the cleaner
on a language it has no word lists for, the held-out models still fitted on the real
pages.

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
import random
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
    index: dict[str, int] = field(default_factory=dict)  # page id -> position in millis

    def summary(self, ids: list[str]) -> tuple[float, float, float]:
        """``(F1, precision, recall)`` over the given pages this row scored."""
        scored = [i for i in ids if i in self.recalls]
        precs = [p for i in scored if (p := self.precisions.get(i)) is not None]
        recs = [self.recalls[i] for i in scored]
        precision = statistics.fmean(precs) if precs else 0.0
        recall = statistics.fmean(recs) if recs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f1, precision, recall

    def scored(self, ids: list[str]) -> int:
        """How many of ``ids`` this row scored (HTML rows skip pages without HTML)."""
        return sum(1 for i in ids if i in self.recalls)

    def low_pages(self, ids: list[str], below: float = 0.5) -> int:
        """Pages of ``ids`` whose own F1 is under ``below`` (an empty result counts 0)."""
        low = 0
        for i in ids:
            if i not in self.recalls:
                continue
            p, r = self.precisions.get(i), self.recalls[i]
            f = 2 * p * r / (p + r) if p is not None and p + r else 0.0
            low += f < below
        return low


@dataclass
class Page:
    """One benchmark page."""

    id: str
    truth: str
    text_path: Path
    html_path: Path
    dataset: str = ""

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


def load_pages(data: Path, sample: int = 0, seed: int = 13) -> list[Page]:
    """Every page of the data folder that has a text file (or ``sample`` of them, seeded).

    The dataset's name is the folder's name; the HTML file may be missing (then the rows
    that read HTML skip the page).
    """
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        text_path = data / "text" / f"{page_id}.txt"
        html_path = data / "html" / f"{page_id}.html.gz"
        if text_path.exists():
            pages.append(
                Page(page_id, entry.get("articleBody", ""), text_path, html_path, data.name)
            )
    if sample and len(pages) > sample:
        pages = sorted(random.Random(seed).sample(pages, sample), key=lambda p: p.id)
    return pages


Extractor = Callable[[str], str]


@dataclass
class Row:
    """One line of the report: a name, which input it reads, and how it extracts."""

    name: str
    reads_html: bool
    extract: Extractor | None
    reset: Callable[[], object] | None = None  # empties the extractor's caches
    # Held-out rows: the extractor to use on a page of the given dataset.
    for_dataset: Callable[[str], Extractor] | None = None

    def extractor(self, page: Page) -> Extractor:
        """What cleans ``page``: the held-out fit for its dataset, or the row's extractor."""
        if self.for_dataset is not None:
            return self.for_dataset(page.dataset)
        assert self.extract is not None
        return self.extract


def build_rows(held_out: dict[str, object] | None = None) -> list[Row]:
    """Every row of the report, in print order (``extract`` None: not available).

    ``held_out`` maps a dataset name to the line model fitted without it; when given,
    the held-out rows clean each page with the model that never saw its dataset.
    """
    from reader.core.errors import NoArticleError

    rows: list[Row] = []
    reset_ours: Callable[[], object] | None = None
    try:
        from reader.core.boilerplate import is_boilerplate

        reset_ours = getattr(is_boilerplate, "cache_clear", None)
    except ImportError:
        pass

    try:
        from reader.core.clean_text import clean_copied_text, clean_copied_text_rules

        def text_with(model: object | None) -> Extractor:
            def extract(text: str) -> str:
                try:
                    return clean_copied_text(text, model).body_text()  # type: ignore[arg-type]
                except NoArticleError:
                    return ""

            return extract

        def rules_text(text: str) -> str:
            try:
                return clean_copied_text_rules(text).body_text()
            except NoArticleError:
                return ""

        rows.append(Row(TEXT_MODEL_ROW, False, text_with(None), reset_ours))
        if held_out is not None:
            extractors = {name: text_with(model) for name, model in held_out.items()}
            rows.append(
                Row(TEXT_HELD_OUT_ROW, False, text_with(None), reset_ours, extractors.__getitem__)
            )
        rows.append(Row("baseline: our rules (copied text)", False, rules_text, reset_ours))
    except ImportError:
        rows.append(Row(TEXT_MODEL_ROW, False, None))

    try:
        from reader.core.clean_html import clean_html

        def html_with(model: object | None) -> Extractor:
            def extract(html: str) -> str:
                try:
                    return clean_html(html, model=model).body_text()  # type: ignore[arg-type]
                except NoArticleError:
                    return ""

            return extract

        rows.append(Row(HTML_ROW, True, html_with(None), reset_ours))
        if held_out is not None:
            extractors = {name: html_with(model) for name, model in held_out.items()}
            rows.append(
                Row(HTML_HELD_OUT_ROW, True, html_with(None), reset_ours, extractors.__getitem__)
            )
            # The HTML cleaner as it was before session 11 (words of nested blocks run
            # together, source line breaks kept, text above the headline kept, paragraphs
            # trafilatura cut words from left cut, plugin objects' fallback text unread).
            previous = {name: _html_previous(html_with(m)) for name, m in held_out.items()}
            rows.append(
                Row(HTML_PREVIOUS_ROW, True, html_with(None), reset_ours, previous.__getitem__)
            )
    except ImportError:
        rows.append(Row(HTML_ROW, True, None))

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
        rows.append(Row(TRAFILATURA_HTML_ROW, True, trafilatura_html))
    except ImportError:
        rows.append(Row("baseline: trafilatura (copied text)", False, None))
        rows.append(Row(TRAFILATURA_HTML_ROW, True, None))
    return rows


def _html_previous(extract: Extractor) -> Extractor:
    """``extract`` run with the HTML cleaner's settings from before session 11."""
    from reader.core import clean_html as module

    settings = {
        "SPLIT_NESTED_BLOCKS": False,
        "HEADLINE_STARTS": False,
        "WHOLE_LINES": False,
        "SOURCE_NEWLINES_AS_SPACES": False,
        "PLUGIN_FALLBACKS": False,
    }

    def previous(html: str) -> str:
        saved = {name: getattr(module, name) for name in settings}
        for name, value in settings.items():
            setattr(module, name, value)
        try:
            return extract(html)
        finally:
            for name, value in saved.items():
                setattr(module, name, value)

    return previous


TEXT_MODEL_ROW = "ours: text model, shipped (copied text)"
TEXT_HELD_OUT_ROW = "ours: text model, held out (copied text)"
HTML_ROW = "ours: HTML cleaner, shipped (HTML)"
HTML_HELD_OUT_ROW = "ours: HTML cleaner, held out (HTML)"
HTML_PREVIOUS_ROW = "baseline: HTML cleaner before, held out (HTML)"
TRAFILATURA_HTML_ROW = "baseline: trafilatura (HTML)"


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
            if (page.id, row.reads_html) not in inputs:
                continue
            try:
                row.extractor(page)(inputs[(page.id, row.reads_html)])
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
                if (page.id, row.reads_html) not in inputs:
                    continue  # an HTML row on a page saved without its HTML
                millis, cpu_millis = _time_page(row, page, inputs, result, score=repeat == 0)
                if repeat == 0:
                    result.index[page.id] = len(result.millis)
                    result.millis.append(millis)
                    result.cpu_millis.append(cpu_millis)
                else:
                    at = result.index[page.id]
                    result.millis[at] = min(result.millis[at], millis)
                    result.cpu_millis[at] = min(result.cpu_millis[at], cpu_millis)
    return results


def _time_page(
    row: Row, page: Page, inputs: dict[tuple[str, bool], str], result: RowResult, score: bool
) -> tuple[float, float]:
    """``(wall ms, CPU ms)`` of one extraction; scores it into ``result`` if ``score``."""
    extract = row.extractor(page)
    if row.reset is not None:
        row.reset()
    gc.collect()  # no row pays for collecting another row's garbage
    source = inputs.get((page.id, row.reads_html), "")
    started = time.perf_counter()
    started_cpu = time.process_time()
    try:
        predicted = extract(source)
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


def fit_held_out(
    shared: Path, datasets: list[str], fit_on: str, seed: int = 13
) -> dict[str, object]:
    """For each dataset, the line model fitted on the shared datasets other than it.

    ``fit_on`` is ``"shippable"`` (only data whose licence allows shipping weights: the
    shipped model's own recipe) or ``"all"`` (every other dataset).  A dataset not among
    the shared ones gets the model fitted on all of them that ``fit_on`` allows.
    ``seed``: the fit's random seed (13, the shipped model's; the figure moves by a few
    thousandths from seed to seed, so compare changes over several).
    """
    from tests.bench import train_cleaner as tc

    candidates = [d for d in tc.DATASETS if fit_on == "all" or d in tc.SHIPPABLE]
    loaded = {d: tc.load_dataset(shared, d) for d in candidates}
    models: dict[str, object] = {}
    for name in datasets:
        train = [p for d in candidates if d != name for p in loaded[d]]
        models[name] = tc.fit_model(train, seed=seed)
    return models


def _print_table(
    title: str,
    rows: list[Row],
    by_name: dict[str, RowResult],
    ids: list[str],
    split: bool,
) -> None:
    print(f"\n{title}")
    header = (
        f"{'extractor':44} {'pages':>5} {'F1':>6} {'prec':>6} {'recall':>6} {'<0.5':>5} "
        f"{'ms/page':>8} {'cpu ms':>7}"
    )
    if split:
        header += f" {'F1 even':>8} {'F1 odd':>8}"
    print(header)
    wanted = set(ids)
    for row in rows:
        result = by_name.get(row.name)
        if result is None or not result.scored(ids):
            print(f"{row.name:44} {'n/a':>5}")
            continue
        f1, precision, recall = result.summary(ids)
        millis = [result.millis[result.index[i]] for i in result.index if i in wanted]
        cpu = [result.cpu_millis[result.index[i]] for i in result.index if i in wanted]
        line = (
            f"{row.name:44} {result.scored(ids):5} {f1:6.3f} {precision:6.3f} {recall:6.3f} "
            f"{result.low_pages(ids):5} {statistics.median(millis):8.2f} "
            f"{statistics.median(cpu):7.2f}"
        )
        if split:
            line += f" {result.summary(ids[0::2])[0]:8.3f} {result.summary(ids[1::2])[0]:8.3f}"
        print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Print the report; returns the process exit code."""
    parser = argparse.ArgumentParser(description="Article-body extraction benchmark.")
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        help="a benchmark folder (repeat for several; default: the extraction benchmark)",
    )
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="all five shared datasets: extraction and the four of cleaning-corpus",
    )
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_DATA.parents[1], help="the shared folder"
    )
    parser.add_argument("--sample", type=int, default=0, help="at most N pages per dataset")
    parser.add_argument(
        "--held-out",
        choices=("shippable", "all", "none"),
        default="shippable",
        help="leave-one-dataset-out rows: fit on the other shippable datasets (the shipped "
        "model's recipe), on all others, or skip them",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=13,
        help="random seed of the held-out fits (13: the shipped model's); run two or more "
        "to see the seed's own noise",
    )
    parser.add_argument(
        "--made-up-language",
        action="store_true",
        help="rewrite every page (text and gold) in a made-up language first, to see the "
        "cleaner on a language it has no word lists for (copied-text rows only)",
    )
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

    folders: list[Path] = list(args.data or [])
    if args.corpus:
        corpus = args.shared / "bench" / "cleaning-corpus"
        folders += [args.shared / "bench" / "extraction"]
        folders += [
            corpus / name for name in ("dragnet", "cleaneval", "readability", "cleanportal")
        ]
    if not folders:
        folders = [DEFAULT_DATA]
    pages: list[Page] = []
    for folder in folders:
        found = load_pages(folder, args.sample)
        if not found:
            print(f"no pages found in {folder}", file=sys.stderr)
            return 2
        pages += found
    datasets = list(dict.fromkeys(page.dataset for page in pages))
    ids = [p.id for p in pages]
    inputs: dict[tuple[str, bool], str] = {}
    for page in pages:
        inputs[(page.id, False)] = page.text()
        if page.html_path.exists() and not args.made_up_language:
            inputs[(page.id, True)] = page.html()
    if args.made_up_language:
        from tests.bench.made_up_language import translate

        for page in pages:
            inputs[(page.id, False)] = translate(inputs[(page.id, False)])
            page.truth = translate(page.truth)

    held_out = None
    if args.held_out != "none":
        started = time.perf_counter()
        held_out = fit_held_out(args.shared, datasets, args.held_out, args.seed)
        print(
            f"held-out models fitted on the other {args.held_out} datasets "
            f"(seed {args.seed}) in {time.perf_counter() - started:.0f} s"
        )
    rows = [row for row in build_rows(held_out) if not args.only or args.only in row.name]
    runnable = [row for row in rows if row.extract is not None]
    results = run_rows(runnable, pages, inputs, args.repeat)
    by_name = dict(zip((row.name for row in runnable), results))
    for dataset in datasets:
        dataset_ids = [p.id for p in pages if p.dataset == dataset]
        _print_table(f"{dataset}: {len(dataset_ids)} pages", rows, by_name, dataset_ids, args.split)
    if len(datasets) > 1:
        _print_table(f"all {len(ids)} pages ({', '.join(datasets)})", rows, by_name, ids, False)
    print(
        "\nms/page: median over pages of the extraction alone (input already in memory; "
        f"each page's quickest of {max(1, args.repeat)} runs);"
    )
    print("cpu ms: the same in CPU time of this process (steadier on a busy machine).")
    print("<0.5: pages whose own F1 is under 0.5 (an empty result counts as 0).")
    if held_out is not None:
        print(
            "held out: each page cleaned by a model fitted without its dataset "
            f"({args.held_out} datasets only); shipped: the model in the package."
        )
    ours_html = by_name.get(HTML_ROW)
    trafilatura_html = by_name.get(TRAFILATURA_HTML_ROW)
    if ours_html and trafilatura_html and ours_html.millis and trafilatura_html.millis:
        wall = statistics.median(ours_html.millis) / statistics.median(trafilatura_html.millis)
        cpu = statistics.median(ours_html.cpu_millis) / statistics.median(
            trafilatura_html.cpu_millis
        )
        print(f"HTML cleaner / trafilatura (HTML), median time: {wall:.2f}x wall, {cpu:.2f}x cpu")
    first = by_name.get(runnable[0].name) if runnable else None
    if args.worst and first is not None:
        scored = []
        for page in pages:
            if page.id not in first.recalls:
                continue
            p = first.precisions[page.id]
            r = first.recalls[page.id]
            f = 2 * p * r / (p + r) if p and p + r else 0.0
            scored.append((f, p, r, page.id))
        for f, p, r, page_id in sorted(scored, key=lambda s: s[0])[: args.worst]:
            ptxt = "  n/a" if p is None else f"{p:.3f}"
            print(f"  {page_id[:40]}  F1 {f:.3f}  P {ptxt}  R {r:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
