"""Claim matching: the pure half of the claims memory.

A sentence is matched against earlier claims (the user's noted sentences and imported
fact-checks) by two rankings fused into one:

- a full-text ranking (SQLite FTS5's BM25, run by :mod:`reader.store.claims_memory`) over the
  *key terms* of the sentence: casefolded words without diacritics and without stop
  words, joined by ``OR``;
- a dense ranking: cosine similarity between static sentence embeddings
  (:mod:`reader.core.embeddings`), brute force over a ``float32`` matrix.

The two are fused by weighted reciprocal-rank fusion (Cormack et al., 2009): a claim
scores ``Σ wᵢ / (k + rankᵢ)`` over the rankings it appears in.  RRF needs no score
calibration between BM25 (unbounded) and cosine (−1…1), and is robust to either ranking
being empty.  Summing min-max normalised scores instead was tried and did worse
(see ``tests/bench/claim_matching.py``).

Before ranking, links are dropped and hashtags split (:func:`normalise_query`); the dense
side also drops the signature of a pasted tweet (:func:`strip_signature`): its author's
name often names the claim's subject, which helps BM25, but averaged into a static
embedding it drowns the tweet's content.

When the contextual model (:mod:`reader.core.contextual`) can be loaded, a third
ranking joins the fusion: cosine between multilingual-e5-small vectors, the tweet or
sentence embedded as it is but for its links and with its hashtags split into words
(:func:`contextual_query`; a contextual model makes use of the signature that confuses
a static one).

Nothing here is fitted to data.  The numbers below (``FUSION_K``, ``DENSE_WEIGHT``,
``CONTEXTUAL_WEIGHT`` and the BM25 column weights in the store) were chosen on the
*train* split of the CheckThat! 2020 task 2 data and reported on its dev split, never tuned on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

K = TypeVar("K", bound=Hashable)

ClaimKind = Literal["note", "factcheck"]
MatchMode = Literal["fused", "bm25", "dense", "contextual"]
CoarseKind = Literal["prefix", "principal"]  # how a DenseIndex makes its small copy
WorkflowState = Literal["draft", "needs_second_source", "ready", "published"]
WORKFLOW_STATES: tuple[WorkflowState, ...] = ("draft", "needs_second_source", "ready", "published")
"""Where the checking of a claim stands, in order; separate from its verdict."""

FUSION_K = 2.0
"""RRF's rank offset: small, so the first places of each ranking weigh most."""
DENSE_WEIGHT = 0.6
"""Weight of the dense ranking in the fusion (BM25 weighs 1): it is the weaker ranker alone."""
CONTEXTUAL_WEIGHT = 1.0
"""Weight of the contextual (e5) ranking in the fusion, beside BM25 (1) and static (0.6)."""
CANDIDATES = 100
"""How many claims each ranking contributes to the fusion."""
SUGGEST_MIN_COSINE = 0.2
"""The window suggests no claim less similar than this: fusion always ranks *something*.

On the train tweets, 95 % of true tweet–claim pairs are above it and 98.5 % of random
pairs below."""
# English function words, plus a few words that carry nothing in social-media text.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn
    doing don down during each few for from further had hadn has hasn have haven having he
    her here hers herself him himself his how i if in into is isn it its itself just let ll
    me more most mustn my myself no nor not now of off on once only or other ought our ours
    ourselves out over own re same shan she should shouldn so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    ve very was wasn we were weren what when where which while who whom why will with won
    would wouldn you your yours yourself yourselves s t d m o y also via rt amp
    """.split()
)

# No word boundary before "pic.twitter.com": pasted tweets glue it to the word before
# ("#Dorianpic.twitter.com/…"), and the hashtag would otherwise be lost with the link.
_URL = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+|\bt\.co/\S+", re.IGNORECASE)
# "— Display Name (@handle) January 6, 2020" closing a tweet copied from a page that
# embeds it; the dash may be glued to the text before, the date cut short.
_SIGNATURE = re.compile(
    r"(?:\s*[—–]|\s-)\s*[^—–\n]{1,80}?\(@\w{1,15}\)"
    r"\s*(?:[A-Za-z]+\.?\s+\d{1,2},?\s+\d{0,4}|\d{1,2}\s+[A-Za-z]+\s+\d{0,4})?\s*$"
)
_TAG = re.compile(r"[#@](\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class FactCheck:
    """A published fact-check of one claim (from ClaimReview or a TSV row)."""

    claim: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    date: str = ""
    rating: str = ""  # the publisher's own words ("False", "Pants on Fire"…)
    rating_value: str = ""  # ClaimReview ratingValue, when given
    claimant: str = ""
    language: str = ""


def normalise_query(text: str) -> str:
    """``text`` without links, with hashtags and handles split into words.

    ``#AustralianFires`` becomes ``AustralianFires`` → ``Australian Fires``; a claim never
    spells the hashtag, so the joined word would match nothing.
    """
    text = _URL.sub(" ", text)
    # A space before each: tweets glue hashtags together ("#Storm#Flood").
    return _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)), text)


def strip_signature(text: str) -> str:
    """``text`` without the signature that closes a pasted tweet, if it has one.

    ``Rain all week — Jo Doe (@jodoe) May 2, 2020`` becomes ``Rain all week``.  Text
    that does not end in such a signature is returned unchanged.
    """
    stripped = _SIGNATURE.sub("", text)
    return stripped if stripped.strip() else text


def contextual_query(text: str, *, split_hashtags: bool = True) -> str:
    """The text embedded for the contextual ranking of ``text``: links dropped, spaces joined.

    Hashtags are split into words (``#FakeNews`` → ``Fake News``): the model's word
    pieces read the words, not the glued tag.  Handles and a pasted tweet's signature
    stay as they are: the model makes use of them (split handles did worse).  A link
    carries nothing it can read and lengthens the query (the model's time grows with
    its tokens).  ``split_hashtags=False`` keeps the tags whole (the engine before).
    """
    text = _URL.sub(" ", text)
    if split_hashtags:
        # A space before each: tweets glue hashtags together ("#Storm#Flood").
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1).replace("_", " ")), text)
    return " ".join(text.split())


def dense_query(text: str, *, signature: bool = False) -> str:
    """The text embedded for the dense ranking of ``text``: normalised, signature off.

    ``signature=True`` keeps the signature (the engine before it was dropped).
    """
    return normalise_query(text if signature else strip_signature(text))


@dataclass(frozen=True)
class MatchSettings:
    """How a sentence is matched: the fusion's numbers and the dense query's text.

    The defaults are the engine's; other values exist for the benchmark, to score the
    previous engine beside this one in the same run.
    """

    fusion_k: float = FUSION_K
    dense_weight: float = DENSE_WEIGHT
    keep_signature: bool = False
    contextual: bool = True
    """Fuse in the contextual ranking too (when its model can be loaded)."""
    contextual_weight: float = CONTEXTUAL_WEIGHT
    split_hashtags: bool = True
    """Split hashtags into words in the contextual query (:func:`contextual_query`)."""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Every word of ``text``, casefolded and without diacritics, in order."""
    return _WORD.findall(_fold(text))


def key_terms(text: str) -> list[str]:
    """The words of ``text`` worth matching on: no stop words, each once, in order."""
    return list(dict.fromkeys(w for w in words(normalise_query(text)) if w not in STOP_WORDS))


def fts_match_expression(text: str) -> str | None:
    """An FTS5 ``MATCH`` expression: any key term of ``text``; None when it has none.

    Each term is quoted, so that words such as ``NOT`` or ``NEAR`` and characters such
    as ``*`` or ``"`` in the sentence are searched for, never read as query syntax.
    """
    return match_expression(key_terms(text))


def match_expression(terms: Sequence[str]) -> str | None:
    """An FTS5 ``MATCH`` expression for any of ``terms``, each quoted; None for no terms."""
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def stem(word: str) -> str:
    """A light stem (plural and -ing/-ed endings off), to compare words for display."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


REPORTING_WORDS = frozenset(
    """say says said saying told tell tells claim claims claimed according report reports
    reported reportedly stated states announced added wrote""".split()
)
"""Words of attribution: news copy shares them with nearly every claim, so they never
explain a match (they stay in the search itself, where BM25's weights discount them)."""


def shared_terms(query: str, candidate: str, limit: int = 6) -> list[str]:
    """Key terms of ``query`` that ``candidate`` also has (by light stem): why it matched.

    Longer words first (they tend to be the rarer, telling ones), then in query order;
    words of attribution ("said", "according") are left out.
    """
    theirs = {stem(w) for w in words(normalise_query(candidate))}
    shared = [t for t in key_terms(query) if t not in REPORTING_WORDS and stem(t) in theirs]
    ordered = sorted(enumerate(shared), key=lambda pair: (-len(pair[1]), pair[0]))
    return [t for _, t in ordered[:limit]]


def fuse_rankings(
    rankings: Sequence[Iterable[K]],
    weights: Sequence[float],
    k: float = FUSION_K,
) -> list[tuple[K, float]]:
    """Weighted reciprocal-rank fusion of ``rankings`` (best first); best fused first.

    Ties keep the order in which the items were first met, so the result is
    deterministic.
    """
    if len(rankings) != len(weights):
        raise ValueError("one weight per ranking")
    scores: dict[K, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def top_by_cosine(
    matrix: npt.NDArray[np.float32],
    vector: npt.NDArray[np.float32],
    n: int,
    exclude: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """Rows of ``matrix`` closest to ``vector`` (both L2-normalised), best first.

    Returns the row indices and their cosine similarities; rows where ``exclude`` is
    true are left out.
    """
    import numpy as np

    # einsum, not ``@``: a matrix-vector product in BLAS runs on every core, and on a
    # busy machine its threads wait on each other (0.1 ms became 16 ms at 10,000 rows);
    # einsum's single-threaded loop is as fast when idle and steady under load.
    scores = np.einsum("ij,j->i", matrix, vector)
    available = len(scores)
    if exclude is not None:
        scores[exclude] = -np.inf
        available -= int(np.count_nonzero(exclude))
    n = min(n, available)
    if n <= 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
    top = top_rows(scores, n)
    # Best first; equal scores in row order, so a search never depends on how the
    # selection happened to run.
    order = top[np.lexsort((top, -scores[top]))]
    return order, scores[order]


SAMPLE_STEP = 16
"""Every how-many-th score :func:`top_rows` reads to guess the bar of the top ``n``."""


def top_rows(scores: npt.NDArray[np.floating], n: int) -> npt.NDArray[np.intp]:
    """The rows of the ``n`` highest ``scores``, in no particular order (``n`` ≥ 1).

    ``argpartition`` over 100,000 scores takes ~0.8 ms, most of a shortlist's selection.
    Instead a bar is read off an evenly spaced sample of the scores, set so that about
    1.5 × ``n`` scores should clear it, and only those are partitioned (~0.08 ms).  When
    fewer than ``n`` clear it, the whole array is partitioned, so the rows returned are
    always exactly the top ``n`` (ties at the bar aside, as with ``argpartition``).
    """
    import numpy as np

    total = len(scores)
    if n >= total:
        return np.arange(total)
    if total >= 8 * n:
        sample = scores[::SAMPLE_STEP]
        wanted = max(1, (3 * n) // (2 * SAMPLE_STEP))
        bar = np.partition(sample, len(sample) - wanted)[len(sample) - wanted]
        # NaN and -inf (excluded rows) never clear a finite bar.
        candidates = np.flatnonzero(scores >= bar)
        if len(candidates) >= n:
            values = scores[candidates]
            return candidates[np.argpartition(values, len(values) - n)[len(values) - n :]]
    return np.argpartition(scores, total - n)[total - n :]


SHORTLIST_ABOVE = 20_000
"""Above this many claims, the dense search shortlists on a smaller copy of the vectors first."""
COARSE_DIMENSIONS = 128
SHORTLIST = 1000
PRINCIPAL_SAMPLE = 20_000
"""Vectors read to find the principal directions (a 384 × 384 product, ~0.1 s)."""


@dataclass
class DenseIndex:
    """Sentence vectors searched by brute force, in one or two passes.

    A cosine over every claim reads the whole matrix for each query: at 100,000 claims
    × 384 float32 values that is 150 MB, 7-30 ms on a laptop.  Above
    :data:`SHORTLIST_ABOVE` claims a first pass scores a copy of :data:`COARSE_DIMENSIONS`
    values a claim, and the :data:`SHORTLIST` best are re-scored exactly from the full
    vectors (kept in half precision), so the scores returned are always exact cosines.

    The small copy is made one of two ways:

    - ``"prefix"``: the first values, re-normalised.  WordLlama's vectors are
      Matryoshka-trained, so their prefix ranks nearly as the whole does (on the
      CheckThat! dev tweets at 100,000 claims the two-pass top 10 is the exact top 10
      in 99.9 % of places).
    - ``"principal"``: the vectors' coordinates along their principal directions (of
      the uncentred second moment, from a sample of the claims), which preserve dot
      products best for any given number of values.  For vectors not trained to be cut
      short, such as e5's.
    """

    full: npt.NDArray[np.floating]  # float32, or float16 when ``coarse`` is set
    coarse: npt.NDArray[np.float32] | None = None
    # Maps a full vector to its coarse copy (``"principal"``); None for a prefix.
    projection: npt.NDArray[np.float32] | None = None

    @classmethod
    def build(
        cls, vectors: npt.NDArray[np.floating], shortlist: CoarseKind = "prefix"
    ) -> DenseIndex:
        """An index over ``vectors`` (L2-normalised rows, any float type)."""
        import numpy as np

        if len(vectors) <= SHORTLIST_ABOVE or vectors.shape[1] <= COARSE_DIMENSIONS:
            return cls(np.ascontiguousarray(vectors, dtype=np.float32))
        if shortlist == "principal":
            projection = principal_directions(vectors, COARSE_DIMENSIONS)
            coarse = np.ascontiguousarray(
                np.asarray(vectors, dtype=np.float32) @ projection, dtype=np.float32
            )
            _normalise_rows(coarse)
            return cls(np.ascontiguousarray(vectors, dtype=np.float16), coarse, projection)
        coarse = np.ascontiguousarray(vectors[:, :COARSE_DIMENSIONS], dtype=np.float32)
        _normalise_rows(coarse)
        return cls(np.ascontiguousarray(vectors, dtype=np.float16), coarse)

    def __len__(self) -> int:
        return len(self.full)

    def cosine(self, row: int, vector: npt.NDArray[np.float32]) -> float:
        """Cosine of row ``row`` with ``vector``."""
        return float(self.full[row].astype("float32") @ vector)

    def top(
        self,
        vector: npt.NDArray[np.float32],
        n: int,
        exclude: npt.NDArray[np.bool_] | None = None,
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """Rows closest to ``vector``, best first, and their cosines (see :func:`top_by_cosine`)."""
        import numpy as np

        if self.coarse is None:
            return top_by_cosine(self.full.astype(np.float32, copy=False), vector, n, exclude)
        # The shortlist ranks by the cosine within the coarse copy: its rows are
        # re-normalised, as raw dot products there would favour vectors whose length
        # lies mostly in the leading directions (the most generic ones) over a claim
        # that differs from them where the query does.
        coarse_query = (
            vector @ self.projection if self.projection is not None else vector[:COARSE_DIMENSIONS]
        )
        norm = float(np.linalg.norm(coarse_query))
        coarse_query = np.ascontiguousarray(coarse_query / (norm or 1.0), dtype=np.float32)
        shortlist, _ = top_by_cosine(self.coarse, coarse_query, max(n, SHORTLIST), exclude)
        exact = _single(self.full[shortlist]) @ vector
        order = np.lexsort((shortlist, -exact))[:n]
        return shortlist[order], exact[order]


_half_to_single: npt.NDArray[np.float32] | None = None


def _single(values: npt.NDArray[np.floating]) -> npt.NDArray[np.float32]:
    """``values`` as float32; half floats through a table of all 65,536 of them.

    numpy converts half floats one by one in software (1,000 rows × 384 values: 0.63 ms,
    a fifth of a shortlisted search); a lookup in a 256 kB table that stays in cache
    takes 0.37 ms, and gives the same values bit for bit.
    """
    import numpy as np

    global _half_to_single
    if values.dtype != np.float16:
        return values.astype(np.float32, copy=False)
    if _half_to_single is None:
        every = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
        _half_to_single = every.astype(np.float32)
    return np.take(_half_to_single, values.view(np.uint16))


def _normalise_rows(matrix: npt.NDArray[np.float32]) -> None:
    """Scale each row of ``matrix`` to unit length, in place (zero rows stay zero)."""
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    matrix /= norms


def principal_directions(vectors: npt.NDArray[np.floating], count: int) -> npt.NDArray[np.float32]:
    """The ``count`` leading principal directions of ``vectors``' rows, as columns.

    Of the uncentred second moment (not the covariance): projecting on them keeps the
    dot products between rows as well as ``count`` values can.  Estimated from an
    evenly spaced sample of :data:`PRINCIPAL_SAMPLE` rows, so the result depends only
    on the vectors.
    """
    import numpy as np

    step = max(1, len(vectors) // PRINCIPAL_SAMPLE)
    sample = np.asarray(vectors[::step], dtype=np.float64)
    _, directions = np.linalg.eigh(sample.T @ sample)  # eigenvalues ascending
    leading: npt.NDArray[np.float32] = np.ascontiguousarray(
        directions[:, ::-1][:, :count], dtype=np.float32
    )
    return leading
