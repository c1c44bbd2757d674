"""Stage 2 judges a line's score beside the rest of its page, not on its own."""

from __future__ import annotations

import numpy as np

from reader.core.line_model import (
    STAGE2_NAMES,
    page_features,
    shipped_model,
    split_lines,
    stage2_features,
)

LINES = [
    "Home",
    "Sport",
    "The ferry to the island will run twice a day from June, the harbour office said.",
    "Timetables are posted at the quay and in the library, and tickets cost the same.",
    "Contact",
]


def _column(x: np.ndarray, name: str) -> list[float]:
    return [round(float(v), 6) for v in x[:, STAGE2_NAMES.index(name)]]


def _features() -> np.ndarray:
    return page_features(split_lines("\n\n".join(LINES)))


def test_each_score_is_measured_from_the_pages_best() -> None:
    s1 = np.array([-2.0, -1.0, 3.0, 2.5, -3.0])
    x = stage2_features(s1, _features())
    assert _column(x, "s1_vs_max") == [-5.0, -4.0, 0.0, -0.5, -6.0]


def test_the_same_score_counts_for_less_on_a_page_with_stronger_lines() -> None:
    features = _features()
    weak_page = stage2_features(np.array([-2.0, -1.0, 0.5, 0.4, -3.0]), features)
    strong_page = stage2_features(np.array([-2.0, -1.0, 0.5, 4.0, -3.0]), features)
    line = 2  # the same score, 0.5, on both pages
    assert _column(strong_page, "s1_vs_max")[line] < _column(weak_page, "s1_vs_max")[line]
    assert _column(strong_page, "s1_z")[line] < _column(weak_page, "s1_z")[line]


def test_page_relative_scores_are_centred_on_the_page() -> None:
    x = stage2_features(np.array([-2.0, -1.0, 3.0, 2.5, -3.0]), _features())
    assert abs(sum(_column(x, "s1_z"))) < 1e-6


def test_shipped_model_reads_the_page_relative_scores() -> None:
    model = shipped_model()
    assert model.v.shape == (len(STAGE2_NAMES),)
    assert model.v[STAGE2_NAMES.index("s1_vs_max")] != 0.0
