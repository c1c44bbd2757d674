"""The CheckThat! 2024 Task 1 English files, read once for training and the bench.

The files stay in ``../shared/bench/checkworthy`` (their licence lets us fit on them and
ship the weights, not copy them; see ``reader/core/checkworthy_model.md``).

Grouping by debate
------------------
Sentence ids do not name their debate, but ClaimBuster numbered the sentences of its 33
US presidential debates (1960–2016) in order, one debate after another, so a debate is a
contiguous run of ids.  ``debate_folds`` cuts the pooled train + dev ids (16 … 34,458)
into ``k`` contiguous id ranges of equal count: with k = 10 each range holds about three
whole debates and at most the debates at its two edges are shared with a neighbouring
range.  Scoring each range with a model fitted on the others is cross-validation over
debates (and over eras: a fold's debates are years apart from most training debates),
which is what "sentences from debates the model was not fitted on" asks.  The dev-test
ids (37,436 … 40,972) lie beyond every training id: other debates entirely.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "checkworthy"
FALLBACK_DATA = Path("/work/shared/bench/checkworthy")
PREFIX = "CT24_checkworthy_english_"


@dataclass(frozen=True)
class Split:
    ids: list[int]
    texts: list[str]
    labels: list[bool]


def data_dir(explicit: str | None = None) -> Path:
    """The folder of the TSV files: the argument, ``../shared/…``, or the team's copy."""
    for candidate in (Path(explicit) if explicit else None, DEFAULT_DATA, FALLBACK_DATA):
        if candidate is not None and (candidate / f"{PREFIX}train.tsv").is_file():
            return candidate
    raise SystemExit(f"checkworthy data not found (looked in {DEFAULT_DATA}); pass --data DIR")


def read_split(folder: Path, name: str) -> Split:
    """Read one file; the train file's two rows that share one line are split apart."""
    ids: list[int] = []
    texts: list[str] = []
    labels: list[bool] = []
    with open(folder / f"{PREFIX}{name}.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)
        for row in rows:
            # Upstream quirk: "24098<TAB>text<TAB>No29286<TAB>text<TAB>No" on one line.
            while len(row) >= 5 and row[2].startswith(("Yes", "No")):
                label = "Yes" if row[2].startswith("Yes") else "No"
                ids.append(int(row[0]))
                texts.append(row[1])
                labels.append(label == "Yes")
                row = [row[2][len(label) :], *row[3:]]
            ids.append(int(row[0]))
            texts.append(row[1])
            labels.append(row[2].strip() == "Yes")
    return Split(ids, texts, labels)


def debate_folds(ids: list[int], k: int = 10) -> list[int]:
    """The fold (0 … k-1) of each id: k contiguous id ranges of equal size."""
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    folds = [0] * len(ids)
    for rank, i in enumerate(order):
        folds[i] = rank * k // len(ids)
    return folds
