"""The page model that judges a copied-text cleaning: its features, weights and use."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from reader.core.clean_html import clean_html
from reader.core.clean_text import clean_copied_text
from reader.core.cleaning_check import (
    CHECK_FEATURES,
    CHECK_MODEL_PATH,
    CheckModel,
    check_features,
    expected_quality,
    shipped_check_model,
)
from reader.core.line_model import LineLabels, split_lines

MENU = ["Home", "World", "Business", "Sport"]
PROSE = [
    "The council voted on Tuesday to close the old bridge to cars from next spring, "
    "after engineers found cracks in two of its piers.",
    "Buses and bicycles will still cross it, and a ferry will run every twenty minutes "
    "while the repairs, which are expected to take a year, go on.",
    "Shop owners on both banks said they feared losing customers, but most welcomed the "
    "decision as overdue.",
]
TEASERS = ["More from World", "Storm closes ports", "Election date set"]


def _labels(texts: list[str], kept: list[bool], prob: list[float]) -> LineLabels:
    lines = split_lines("\n\n".join(texts))
    prose = [len(t) > 60 for t in texts]
    units = [float(len(t.split())) for t in texts]
    return LineLabels(lines, kept, prob, 0.9, prose, units)


def _feature(features: np.ndarray, name: str) -> float:
    return float(features[CHECK_FEATURES.index(name)])


def test_the_article_kept_reads_as_a_good_cleaning() -> None:
    texts = MENU + PROSE + TEASERS
    kept = [False] * 4 + [True] * 3 + [False] * 3
    prob = [0.05] * 4 + [0.97] * 3 + [0.1] * 3
    features = check_features(_labels(texts, kept, prob), sum(len(t) for t in PROSE))
    assert _feature(features, "prose_share") == pytest.approx(1.0, abs=0.01)
    assert _feature(features, "prose_run_left") == 0.0
    assert _feature(features, "best_prose_left") == 0.0
    assert _feature(features, "not_prose_kept") == 0.0
    assert _feature(features, "kept_runs") == 1.0


def test_the_wrong_block_kept_shows_the_prose_left_out() -> None:
    texts = MENU + PROSE + TEASERS
    kept = [True] * 4 + [False] * 6  # the menu kept, the article left out
    prob = [0.6] * 4 + [0.45] * 3 + [0.1] * 3
    labels = _labels(texts, kept, prob)
    features = check_features(labels, sum(len(t) for t in MENU))
    prose_chars = sum(len(t) for t in PROSE)
    menu_chars = sum(len(t) for t in MENU)
    assert _feature(features, "prose_run_left") == pytest.approx(prose_chars / (menu_chars + 1))
    assert _feature(features, "best_prose_left") == pytest.approx(0.45)
    assert _feature(features, "not_prose_kept") == 1.0
    assert _feature(features, "short_lines_kept") == 1.0


def test_the_shipped_model_doubts_the_wrong_block_and_trusts_the_article() -> None:
    texts = MENU + PROSE + TEASERS
    right = _labels(
        texts, [False] * 4 + [True] * 3 + [False] * 3, [0.05] * 4 + [0.97] * 3 + [0.1] * 3
    )
    wrong = _labels(texts, [True] * 4 + [False] * 6, [0.6] * 4 + [0.45] * 3 + [0.1] * 3)
    model = shipped_check_model()
    trusted = expected_quality(right, sum(len(t) for t in PROSE))
    doubted = expected_quality(wrong, sum(len(t) for t in MENU))
    assert doubted < model.warn_below <= trusted
    assert 0.0 <= doubted < trusted <= 1.0


def test_an_empty_page_has_zero_features() -> None:
    labels = LineLabels(split_lines(""), [], [], 0.0, [])
    assert not check_features(labels, 0).any()


def test_shipped_weights_are_small_and_fitted_only_on_shippable_data() -> None:
    assert CHECK_MODEL_PATH.stat().st_size < 10_000
    data = json.loads(CHECK_MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == CHECK_FEATURES
    assert "extraction" in data["fitted_on"] and "readability" in data["fitted_on"]
    for other in ("dragnet", "cleaneval", "cleanportal"):
        assert other not in data["fitted_on"].lower()
    assert 0.5 <= data["warn_below"] <= 0.95


def test_a_model_for_other_features_is_refused() -> None:
    data = shipped_check_model().to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        CheckModel.from_json(data)


def test_the_text_cleaners_confidence_is_the_page_models_estimate() -> None:
    text = "\n".join(MENU) + "\n\n" + "\n\n".join(PROSE) + "\n\n" + "\n".join(TEASERS)
    model = shipped_check_model()
    article = clean_copied_text(text)
    assert article.confidence is not None and 0.0 <= article.confidence <= 1.0
    assert (article.warning is None) == (article.confidence >= model.warn_below)
    strict = dataclasses.replace(model, warn_below=1.01)
    doubted = clean_copied_text(text, check=strict)
    assert doubted.confidence == article.confidence
    assert doubted.warning is not None and f"{article.confidence:.2f}" in doubted.warning
    lenient = dataclasses.replace(model, warn_below=0.0)
    assert clean_copied_text(text, check=lenient).warning is None


def test_the_html_cleaner_words_its_own_warning_when_unsure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.core.clean_html as module

    page = (
        "<html><head><title>Bridge</title></head><body><nav>"
        + "".join(f"<a href='/{m}'>{m}</a>" for m in MENU)
        + "</nav><article><h1>Bridge</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</article></body></html>"
    )
    article = clean_html(page)
    assert article.confidence is not None and article.confidence >= module.LOW_CONFIDENCE
    assert article.warning is None
    monkeypatch.setattr(module, "LOW_CONFIDENCE", 1.01)
    doubted = clean_html(page)
    assert doubted.warning is not None and "unsure" in doubted.warning
