"""The claim radar's bench holds out whole debates, and each fold's threshold too."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tests.bench._checkworthy_data import DEBATE_GAP, debate_folds, debates
from tests.bench.checkworthy import cross_validated

# Three "debates": ids run with small gaps inside, a jump of DEBATE_GAP ids between.
IDS = (
    list(range(100, 160, 2))
    + list(range(160 + DEBATE_GAP, 200 + DEBATE_GAP))
    + list(range(300, 350, 3))
)


def test_a_jump_of_debate_gap_ids_starts_another_debate():
    of = debates(IDS)
    assert sorted(set(of)) == [0, 1, 2]
    assert of[:30] == [0] * 30
    assert of[30:70] == [1] * 40
    assert of[70:] == [2] * (len(IDS) - 70)


def test_debates_follow_the_ids_not_the_file_order():
    shuffled = IDS[::-1]
    assert debates(shuffled) == debates(IDS)[::-1]


def test_a_fold_holds_whole_debates_largest_first():
    folds = debate_folds(IDS, 2)
    of = debates(IDS)
    for debate in set(of):
        assert len({f for f, d in zip(folds, of, strict=True) if d == debate}) == 1
    # The largest debate (40 ids) alone in one fold, the two others (30 + 17) in the other.
    assert folds[30] != folds[0] == folds[-1]


def test_each_folds_threshold_comes_from_its_training_part_only():
    labels = np.array([i % 3 == 0 for i in range(len(IDS))])
    folds = np.array(debate_folds(IDS, 3))
    calls: list[tuple[set[int], set[int]]] = []

    def fit_predict(
        kept: npt.NDArray[np.bool_], held: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.float64]:
        calls.append((set(np.flatnonzero(kept)), set(np.flatnonzero(held))))
        return np.linspace(0.1, 0.9, int(held.sum()))

    cross_validated(fit_predict, labels, IDS, k=3, inner_k=2)
    # Per outer fold: one outer fit, then inner fits that never touch the outer fold.
    assert len(calls) == 3 * (1 + 2)
    for outer in range(3):
        outer_held = set(np.flatnonzero(folds == outer))
        _, held = calls[outer * 3]
        assert held == outer_held
        for kept, inner_held in calls[outer * 3 + 1 : outer * 3 + 3]:
            assert not (kept | inner_held) & outer_held
            assert not kept & inner_held
