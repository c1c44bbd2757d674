"""The CheckThat! 2024 Task 1 English files, read once for training and the bench.

The files stay in ``../shared/bench/checkworthy`` (their licence lets us fit on them and
ship the weights, not copy them; see ``reader/core/checkworthy_model.md``).

Grouping by debate
------------------
Sentence ids do not name their debate, but ClaimBuster numbered the sentences of its US
presidential debates (1960–2016) in order, one debate after another, keeping only the
candidates' sentences.  Within a debate the kept ids run almost without gaps (99 % of
gaps are under 7 ids: a moderator's question); between two debates the numbering skips
the next debate's opening and the moderator's introductions, 20 ids or more.  Cutting
the pooled train + dev ids (16 … 34,458) at every gap of :data:`DEBATE_GAP` ids or more
gives 34 runs, against ClaimBuster's 33 debates, and reading the sentences on either
side of each cut shows a closing statement ("…and God bless") followed by an opening
("Thank you, Jim, and thanks to the commission").  ``debate_folds`` puts whole runs into
``k`` folds of about equal size, so no debate is split between a fold and its training
part.  (The first version cut ``k`` contiguous id ranges of equal count, which split 9 of
the 34 debates across two folds; the figures barely moved, 0.688 either way, but the
grouping is now by debate as the claim requires.)  The dev-test ids (37,436 … 40,972)
lie beyond every training id: other debates entirely.
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


#: A jump of at least this many sentence ids starts another debate (see above).
DEBATE_GAP = 20


def debates(ids: list[int]) -> list[int]:
    """The debate (0, 1, … in id order) of each id: runs cut at gaps of DEBATE_GAP ids."""
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    result = [0] * len(ids)
    debate = 0
    for previous, i in zip([None, *order], order, strict=False):
        if previous is not None and ids[i] - ids[previous] >= DEBATE_GAP:
            debate += 1
        result[i] = debate
    return result


def debate_folds(ids: list[int], k: int = 10) -> list[int]:
    """The fold (0 … k-1) of each id: whole debates, largest first into the smallest fold."""
    of = debates(ids)
    sizes: dict[int, int] = {}
    for debate in of:
        sizes[debate] = sizes.get(debate, 0) + 1
    load = [0] * k
    fold_of: dict[int, int] = {}
    for debate in sorted(sizes, key=lambda d: (-sizes[d], d)):
        fold = min(range(k), key=lambda f: (load[f], f))
        fold_of[debate] = fold
        load[fold] += sizes[debate]
    return [fold_of[debate] for debate in of]
