"""How much of the article the copied-text cleaner expects to have right: a page model.

The line model (:mod:`reader.core.line_model`) decides line by line; this module judges
the page it produced.  Its answer is the cleaner's ``confidence``, and it decides when
the window and ``clean`` warn that the result should be checked.

**What it estimates.**  The expected F1 of the cleaned article against the article a
person would mark, in ``[0, 1]``: "about 0.9" means pages like this one come out about
90 % right (the extraction benchmark's 4-word-shingle F1).  Measured leave-one-dataset-
out over the 2,233 pages of the shared cleaning benchmarks, pages it puts at 0.95 or more
average F1 0.95, at 0.85–0.90 0.85, at 0.70–0.80 0.75; the line model's own posterior,
the confidence before, read under 0.5 on 138 pages that averaged 0.79
(``python -m tests.bench.cleaning_warning``).

**What it sees** (:func:`check_features`, one row a page): the line model's own page
confidence; the kept text's share of the page's running text and its length; how much
of the kept text is not running text (menus kept around an article); how many kept
lines are one to three words; the mean probability of the kept lines and of the lines
left out; the share of the page the model was unsure of (probability 0.2–0.8); the most
probable line of running text left out, and the longest run of running text left out
beside what was kept (the article left out for the wrong block); the number of lines
and of kept runs.  No feature names a site, a phrase or a language.

**The model.**  A logistic regression whose target is 1 − F1 (a soft label: every page
teaches, not only the failures, which are few), on standardised features.  It was
fitted on *held-out* cleanings: each training page cleaned by a line model that never
saw the page's dataset, so it learns how the line model behaves on new pages.  The
warning threshold (:attr:`CheckModel.warn_below`) was chosen on the same training pages
alone, as the one that best singles out the pages cleaned under F1 0.8 (by F2: a page
left silent weighs more than a page checked for nothing).

**Weights.**  ``data/cleaning_check.json`` beside this module (under 2 kB), loaded on first
use; its ``fitted_on`` names the data (only datasets whose licence allows shipping
derived weights).  Retrain with ``python -m tests.bench.train_cleaning_check --write``.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reader.core.line_model import FloatArray, LineLabels

CHECK_MODEL_PATH = Path(__file__).parent / "data" / "cleaning_check.json"

CHECK_FEATURES = (
    "line_confidence",
    "prose_share",
    "log_body_chars",
    "not_prose_kept",
    "mean_prob_kept",
    "unsure_share",
    "mean_prob_left",
    "best_prose_left",
    "prose_run_left",
    "short_lines_kept",
    "log_lines",
    "kept_runs",
)
"""The page features, in the order the weights expect them."""

_SHORT_UNITS = 3.0
"""A kept line of this many words or fewer is a menu entry or a label, most likely."""
_GAP_CHARS = 40
"""A short line left out between two paragraphs left out does not end their run."""


def check_features(labels: LineLabels, body_chars: int) -> FloatArray:
    """The page features of a cleaning (see :data:`CHECK_FEATURES`).

    ``labels`` is the line model's decision on the page; ``body_chars`` the length of
    the article body the cleaner made of it.
    """
    sizes = np.array([len(t) for t in labels.lines.texts], dtype=np.float64)
    n = len(sizes)
    if n == 0:
        return np.zeros(len(CHECK_FEATURES))
    kept = np.array(labels.article, dtype=bool)
    prose = np.array(labels.prose, dtype=bool)
    prob = np.array(labels.prob, dtype=np.float64)
    units = np.array(labels.units or [len(t.split()) for t in labels.lines.texts], np.float64)
    prose_chars = float(sizes[prose].sum())
    kept_chars = float(sizes[kept].sum())
    left_prose = prose & ~kept
    kept_runs = int(kept[0]) + int((~kept[:-1] & kept[1:]).sum())
    return np.array(
        [
            labels.confidence,
            body_chars / prose_chars if prose_chars else 1.0,
            math.log1p(body_chars),
            float(sizes[kept & ~prose].sum()) / kept_chars if kept_chars else 1.0,
            float(prob[kept].mean()) if kept.any() else 0.0,
            float(sizes[(prob > 0.2) & (prob < 0.8)].sum() / max(1.0, sizes.sum())),
            float(prob[~kept].mean()) if (~kept).any() else 0.0,
            float(prob[left_prose].max()) if left_prose.any() else 0.0,
            _longest_prose_left(sizes, kept, prose) / (kept_chars + 1.0),
            float((kept & (units <= _SHORT_UNITS)).sum()) / max(1, int(kept.sum())),
            math.log(n),
            float(kept_runs),
        ]
    )


def _longest_prose_left(sizes: FloatArray, kept: Any, prose: Any) -> float:
    """Characters of the longest run of running text the cleaner left out."""
    best = run = 0.0
    for size, is_kept, is_prose in zip(sizes.tolist(), kept.tolist(), prose.tolist()):
        if not is_kept and is_prose:
            run += size
            best = max(best, run)
        elif is_kept or size >= _GAP_CHARS:
            run = 0.0
    return best


@dataclass(frozen=True)
class CheckModel:
    """A fitted page model: standardisation, logistic weights and the warning threshold."""

    mean: FloatArray
    scale: FloatArray
    weights: FloatArray
    bias: float
    warn_below: float
    fitted_on: str = ""

    def quality(self, features: FloatArray) -> float:
        """The expected F1 of a cleaning with these page features, in ``[0, 1]``."""
        z = float(((features - self.mean) / self.scale) @ self.weights) + self.bias
        wrong = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return round(1.0 - wrong, 3)

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON the package ships."""
        return {
            "features": list(CHECK_FEATURES),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "warn_below": self.warn_below,
            "fitted_on": self.fitted_on,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckModel:
        """A model written by :meth:`to_json`; refuses one made for other features."""
        if tuple(data["features"]) != CHECK_FEATURES:
            raise ValueError("the cleaning check model was fitted on other features")
        return cls(
            np.array(data["mean"], dtype=np.float64),
            np.array(data["scale"], dtype=np.float64),
            np.array(data["weights"], dtype=np.float64),
            float(data["bias"]),
            float(data["warn_below"]),
            str(data.get("fitted_on", "")),
        )


_LOCK = threading.Lock()
_MODEL: CheckModel | None = None


def shipped_check_model() -> CheckModel:
    """The model in ``data/cleaning_check.json``, read on first use."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                data = json.loads(CHECK_MODEL_PATH.read_text(encoding="utf-8"))
                _MODEL = CheckModel.from_json(data)
    return _MODEL


def expected_quality(labels: LineLabels, body_chars: int, model: CheckModel | None = None) -> float:
    """The expected F1 of the article the cleaner made of ``labels`` (see the module)."""
    model = model or shipped_check_model()
    return model.quality(check_features(labels, body_chars))
