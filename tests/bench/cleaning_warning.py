"""Does the cleaner's warning tell the truth?  Held out, on every shared dataset.

Run from the repository root::

    nice -n 10 python -m tests.bench.cleaning_warning            # all five datasets
    nice -n 10 python -m tests.bench.cleaning_warning --sample 100

The copied-text cleaner returns a warning ("part of the article may have been dropped",
"the cleaner is unsure …") when its result should be checked; the window then shows the
whole page with the dropped lines greyed.  A warning that fires on good pages teaches
users to ignore it; a bad page without one is the cleaner being *silently* wrong.  This
bench cleans every page with the line model fitted without the page's dataset (as
``python -m tests.bench.extraction --corpus`` does, shippable datasets only), scores it
with the extraction benchmark's metric, and counts, per dataset and over all pages:

* ``bad``: pages whose own F1 is under 0.5 (an empty result counts 0);
* ``warned``: pages the cleaner warned about (a "no article text" refusal counts as
  warned: the user is told);
* ``bad warned``: share of bad pages that carried a warning (the warning's recall);
* ``silent bad``: bad pages with no warning (the figure to bring down);
* ``warned < 0.8``: share of warned pages whose F1 is under 0.8 (the warning's
  precision, counting a mediocre page as worth checking).

The warning is the page model of :mod:`reader.core.cleaning_check`: it estimates the F1
of the cleaning, and the cleaner warns under its threshold.  Here it is held out twice
over: for each dataset, the check model is fitted (``tests/bench/train_cleaning_check``)
on the held-out cleanings of the *other* shippable datasets, with the threshold chosen
on those alone, and judges the pages of the dataset left out.

Baselines in the same run, on the same held-out cleanings: the warning before it (kept
text under half of the page's prose, or the line model's own page confidence under
0.6), each of its two rules alone, and its two settings swept.  The calibration of the
estimate (pages by estimated F1 against their mean F1) is printed beside that of the
line model's own confidence.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.extraction import DEFAULT_DATA, Page, fit_held_out, load_pages
from tests.bench.train_cleaner import SHIPPABLE
from tests.bench.train_cleaning_check import PageOutcome, fit_check, page_outcomes

BAD = 0.5
"""A page whose own F1 is under this is a failure the user must be told about."""
MEDIOCRE = 0.8
"""A warned page under this F1 was worth checking."""
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01)

Rule = Callable[[int], bool]  # page index -> warned


def report_line(name: str, f1: list[float], chosen: list[int], warns: Rule) -> str:
    """One row: pages, bad, warned, share of bad warned, silent bad, warned under 0.8."""
    bad = [i for i in chosen if f1[i] < BAD]
    warned = [i for i in chosen if warns(i)]
    bad_warned = sum(1 for i in bad if warns(i))
    mediocre = sum(1 for i in warned if f1[i] < MEDIOCRE)
    recall = f"{bad_warned / len(bad):6.2f}" if bad else "   n/a"
    precision = f"{mediocre / len(warned):6.2f}" if warned else "   n/a"
    return (
        f"{name:48} {len(chosen):5} {len(bad):4} {len(warned):6} {recall} "
        f"{len(bad) - bad_warned:6} {precision}"
    )


def header() -> str:
    return (
        f"{'warning':48} {'pages':>5} {'bad':>4} {'warned':>6} {'bad w':>6} "
        f"{'silent':>6} {'w<0.8':>6}"
    )


def previous_rule(outcomes: list[PageOutcome], share: float, threshold: float) -> Rule:
    """The warning before the page model: too short, or the line model's confidence low."""

    def warns(i: int) -> bool:
        o = outcomes[i]
        if o.features is None:
            return True  # refused: the user is told
        short = bool(o.prose_chars) and o.body_chars < share * o.prose_chars
        confidence = min(o.line_confidence, 0.3) if o.fell_back else o.line_confidence
        return short or confidence < threshold

    return warns


def held_out_quality(outcomes: list[PageOutcome]) -> tuple[list[float], dict[str, float]]:
    """Each page's estimated F1 by a check model fitted without its dataset, and the
    threshold each dataset's model chose on its own training pages."""
    from reader.core.clean_text import FALLBACK_CONFIDENCE

    quality = [0.0] * len(outcomes)
    thresholds: dict[str, float] = {}
    for dataset in dict.fromkeys(o.dataset for o in outcomes):
        train = [o for o in outcomes if o.dataset in SHIPPABLE and o.dataset != dataset]
        model = fit_check(train)
        thresholds[dataset] = model.warn_below
        for i, o in enumerate(outcomes):
            if o.dataset == dataset and o.features is not None:
                q = model.quality(o.features)
                quality[i] = min(q, FALLBACK_CONFIDENCE) if o.fell_back else q
    return quality, thresholds


def calibration(name: str, estimate: list[float], f1: list[float]) -> None:
    print(f"\n{name}: pages by estimate, their mean F1 and share under {BAD}")
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [i for i, e in enumerate(estimate) if lo <= e < hi]
        if inside:
            mean = statistics.fmean(f1[i] for i in inside)
            bad = sum(f1[i] < BAD for i in inside) / len(inside)
            print(
                f"  {lo:.2f}-{min(hi, 1.0):.2f}: {len(inside):5} pages, mean F1 {mean:.3f}, bad {bad:.2f}"
            )


def main(argv: list[str] | None = None) -> int:
    """Print the report; returns the process exit code."""
    parser = argparse.ArgumentParser(description="How truthful the cleaner's warning is.")
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_DATA.parents[1], help="the shared folder"
    )
    parser.add_argument("--sample", type=int, default=0, help="at most N pages per dataset")
    parser.add_argument("--seed", type=int, default=13, help="seed of the line models' fits")
    args = parser.parse_args(argv)

    corpus = args.shared / "bench" / "cleaning-corpus"
    folders = [args.shared / "bench" / "extraction"] + [
        corpus / name for name in ("dragnet", "cleaneval", "readability", "cleanportal")
    ]
    pages: list[Page] = []
    for folder in folders:
        if not folder.is_dir():
            print(f"no data at {folder}")
            return 2
        pages += load_pages(folder, args.sample)
    datasets = list(dict.fromkeys(page.dataset for page in pages))
    started = time.perf_counter()
    line_models = fit_held_out(args.shared, datasets, "shippable", args.seed)
    outcomes = page_outcomes(pages, line_models)  # type: ignore[arg-type]
    if args.sample:  # the check models learn from every shippable page, as shipped
        shippable = [p for p in pages if p.dataset in SHIPPABLE]
        missing = [
            p
            for name in SHIPPABLE
            for p in load_pages(folders[0] if name == "extraction" else corpus / name)
            if p.id not in {q.id for q in shippable}
        ]
        outcomes += page_outcomes(missing, line_models)  # type: ignore[arg-type]
        pages += missing
    quality, thresholds = held_out_quality(outcomes)
    print(
        f"line models fitted and {len(pages)} pages cleaned held out (seed {args.seed}) "
        f"in {time.perf_counter() - started:.0f} s; thresholds chosen per left-out "
        f"dataset: {', '.join(f'{d} {t:.2f}' for d, t in thresholds.items())}"
    )
    f1 = [o.f1 for o in outcomes]
    rules: list[tuple[str, Rule]] = [
        (
            "ours: page model, expected F1 under its threshold",
            lambda i: outcomes[i].features is None or quality[i] < thresholds[outcomes[i].dataset],
        ),
        ("before: short < 0.5 or line confidence < 0.6", previous_rule(outcomes, 0.5, 0.6)),
        ("before, short < 0.5 only", previous_rule(outcomes, 0.5, 0.0)),
        ("before, line confidence < 0.6 only", previous_rule(outcomes, 0.0, 0.6)),
    ]
    for dataset in [*datasets, "all"]:
        chosen = [i for i, o in enumerate(outcomes) if dataset in ("all", o.dataset)]
        median = statistics.median(f1[i] for i in chosen)
        print(f"\n{dataset}: {len(chosen)} pages, median F1 {median:.3f}")
        print(header())
        for name, rule in rules:
            print(report_line(name, f1, chosen, rule))
    everything = list(range(len(outcomes)))
    print("\nall pages, the warning before with its settings swept:")
    print(header())
    for share in (0.3, 0.5, 0.6):
        for threshold in (0.6, 0.7, 0.8, 0.9):
            rule = previous_rule(outcomes, share, threshold)
            print(
                report_line(
                    f"short < {share} or line confidence < {threshold}", f1, everything, rule
                )
            )
    calibration("ours, expected F1 (held out)", quality, f1)
    line_confidence = [
        min(o.line_confidence, 0.3) if o.fell_back else o.line_confidence for o in outcomes
    ]
    calibration("before, the line model's page confidence", line_confidence, f1)
    print(
        f"\nbad: F1 < {BAD}; bad w: share of bad pages warned; silent: bad pages without a "
        f"warning; w<0.8: share of warned pages with F1 < {MEDIOCRE}.  A page the cleaner "
        "refuses (no article text) counts as warned, F1 0."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
