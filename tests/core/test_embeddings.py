"""The static sentence embeddings load from the installed package, offline."""

from __future__ import annotations

import numpy as np
import pytest

from reader.core.embeddings import DIMENSIONS, embed

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


def test_embeddings_are_unit_rows_and_rank_paraphrase_above_unrelated():
    vectors = embed(
        [
            "Russia has massed 10,000 troops near the border.",
            "Troops are gathering at the frontier with Russia.",
            "The recipe needs two cups of flour.",
        ]
    )
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_empty_text_gives_a_zero_row_and_no_texts_an_empty_matrix():
    assert embed([]).shape == (0, DIMENSIONS)
    assert not embed([""]).any()
