# Size: one algorithm — placing a note again (the _Anchorer search over a text index, its
# similarity measures) and judging its words — tuned as a whole against the anchoring
# bench; its weights and thresholds below are read by every part, and a third of the
# file is the docstring that explains them.
"""Note anchors: selectors, and finding a note's text again after the article changes.

A note stores where it sits as a :class:`~reader.core.models.Selector`: the offsets, the
quoted text (``exact``) and the text around it (``prefix``/``suffix``), plus the SHA-256
of the clean text it was made on.  When the clean text changes (a new version of the
article, or the article re-cleaned by a better cleaner) every note is re-anchored by
:func:`reanchor` / :func:`reanchor_all`, whose states mean exactly what they say:

* ``ok``: the note's range reads word for word as the wording the note was checked on
  (:func:`same_wording`: only whitespace, quote and dash styles may differ), wherever
  the sentence moved;
* ``changed``: the note's sentence was found, but its words differ (a typo fixed, a
  figure changed, a "not" inserted, a speaker renamed, a rewording);
* ``orphan``: not found; the note is kept and shown apart, never dropped.

Finding the place and judging the words are two separate steps.  The search below
places a note (or gives up); the state then follows from comparing the words found with
the checked wording, which the caller passes (``checked``) because the selector's own
quote follows the text from version to version while the verdict stays on the words it
was given on.  ``changed`` used to be called ``drifted`` (found by approximate match);
:func:`normalize_state` reads the old name.

Context.  ``prefix`` is the text from the start of the sentence before the selection up
to the selection (so it includes the whitespace between them, and, for a selection that
begins mid-sentence, the beginning of that sentence), cut to its last 200 characters.
``suffix`` is the text from the end of the selection to the end of the sentence after
it, cut to its first 200 characters.  Whitespace is collapsed before any comparison, so
a paragraph break that became a space (or the reverse) does not count as a change.

Placing, cheapest first, guided by one rule: **a wrong anchor is worse than an
orphan**.  Below, "sure" and "unsure" describe the *place* (an unsure place was chosen
among look-alikes; :attr:`AnchorResult.certain` is False), not the words.

1. Same text hash: the note is where it was (sure).
2. The old offsets still hold the quote and the quote occurs nowhere else: sure.
3. The quote occurs verbatim: each occurrence is scored by how well its neighbouring
   sentences match ``prefix``/``suffix``.  The best is sure only if at least one side
   matches (similarity >= ``CONTEXT_MATCH``) and no other occurrence comes within
   ``AMBIGUITY_MARGIN`` of it.  A verbatim quote whose context matches on neither side
   may be a moved sentence or the surviving twin of a deleted one; nothing in the
   selector tells these apart, so it is unsure, and the fuzzy
   search below is tried too, in case the note's own sentence survived with a small
   change.
4. Fuzzy search over runs of whole sentences of the new text (``k`` sentences, where
   ``k`` is the number of sentences in the old quote, +-1).  Candidates are shortlisted
   by IDF-weighted word overlap through an inverted index (cheap), and only the best few
   are scored with :class:`difflib.SequenceMatcher` (expensive).  The score weighs quote,
   prefix, suffix and position similarity 50/20/20/2, as Hypothesis does.  A candidate
   whose text is the old neighbour sentence itself (the note's sentence was deleted and
   its neighbour now sits in its place) is rejected outright: context alone would
   otherwise rate it highly.  A sure place needs quote similarity >= ``OK_QUOTE``, context on
   at least one side and a score >= ``OK_SCORE``; an unsure one needs quote similarity >=
   ``DRIFT_QUOTE`` and a score >= ``DRIFT_SCORE``; anything less is an orphan.  A result
   whose runner-up (a candidate elsewhere) scores within ``AMBIGUITY_MARGIN`` is at
   most unsure.  Selections that are not whole sentences are located inside the
   best sentence run and are at most unsure.

:func:`reanchor_all` segments the text and builds the word index once for all notes,
and then makes sure that two notes that sat on different sentences are not both put on
the same one: the weaker claim is re-anchored with the stronger one's range excluded.

Similarities: context and the ranking of candidates use the Dice coefficient of bags
of words (cheap, and sharp: unrelated sentences of one article score 0.0-0.47, a
sentence and our rewording of it 0.35-0.8); the quote uses characters, as
``2 * LCS / total length`` computed with a bit-parallel LCS (a typo costs 1-2 %,
unrelated sentences score up to about 0.55, hence ``DRIFT_QUOTE``).  Context below
``CONTEXT_MATCH`` counts for nothing when choosing between verbatim occurrences; between
occurrences equally placed, the one whose surrounding layout (same paragraph or not)
matches is preferred, then the nearest.  A verbatim occurrence with context on one side
only is checked against the runs right after the old prefix and before the old suffix:
a near-identical sentence there (the note's own, lightly edited, while the verbatim one
is a twin whose neighbour happens to be a twin too) makes the place unsure.

Thresholds were tuned on the edit corpus in ``tests/core/anchor_corpus`` (six articles
written for it; every edit applied at every position; a note on every sentence and on
every pair of adjacent sentences).  ``python -m tests.bench.anchoring`` measures the
states on that corpus and on held-out articles not used for tuning, beside the
earlier algorithm; the test suite asserts the targets on a smaller sample.  Speed: 300
notes on a 20,600-word article after 200 typo fixes, 60 deletions, 60 insertions and 30
moves take about 0.2 s (1 ms when the text is unchanged), against about 29 s for a
naive difflib scan of every sentence for the 50 notes not found verbatim.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from reader.core.models import ANCHOR_STATES, AnchorState, Selector, text_sha256
from reader.core.segment import sentence_spans

__all__ = [
    "ANCHOR_STATES",
    "CONTEXT_CHARS",
    "LEGACY_STATES",
    "AnchorResult",
    "AnchorState",
    "normalize_state",
    "normalize_wording",
    "same_wording",
    "wording_state",
    "make_selector",
    "reanchor",
    "reanchor_all",
    "sentence_range",
]

Span = tuple[int, int]

CONTEXT_CHARS = 200
"""Longest ``prefix``/``suffix`` kept in a selector."""

QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
_TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

CONTEXT_MATCH = 0.6
"""A neighbouring sentence this similar to the stored one counts as the same sentence."""
AMBIGUITY_MARGIN = 0.1
"""A rival within this much of the best candidate's score makes the result uncertain."""
OK_QUOTE = 0.85
OK_SCORE = 0.7
DRIFT_QUOTE = 0.6
DRIFT_SCORE = 0.55
NEAR_COPY = 0.95
"""A unique candidate this similar to the quote (a typo or two) is placed without context."""
NEIGHBOUR_MATCH = 0.9
TRIM_MATCH = 0.4
"""An edge sentence of a candidate run must be this similar to a sentence of the quote."""
"""A candidate this similar to the old previous/next sentence *is* that sentence."""

_SHORTLIST_SENTENCES = 12
_SHORTLIST_RUNS = 6
_MAX_OCCURRENCES = 2000
_CHEAP_CONTEXT_RANKED = 8
_WORD = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")


LEGACY_STATES: dict[str, AnchorState] = {"drifted": "changed"}
"""States written by earlier versions, and what they mean now."""

_PlacementState = Literal["sure", "unsure", "orphan"]


@dataclass(frozen=True)
class AnchorResult:
    """Where a note landed in a text.

    ``state`` is ``"ok"`` when the range found reads word for word as the wording the
    note was checked on (see :func:`same_wording`), ``"changed"`` when the note's
    sentence was found but its words differ, ``"orphan"`` when it was not found.
    ``start``/``end`` is the range found (for an orphan, the old offsets, which mean
    nothing in the new text); ``score`` is in ``[0, 1]``; ``selector`` is the new
    selector for ``ok`` and ``changed`` and the unchanged old one for ``orphan``.
    ``certain`` is False when the place was chosen among look-alikes (a sentence that
    lost both neighbours, or a twin): the words are right, the place may not be.
    """

    state: AnchorState
    start: int
    end: int
    score: float
    selector: Selector
    certain: bool = True


@dataclass(frozen=True)
class _Placement:
    """Where the search put a note, and how sure it is of the place (not the words)."""

    state: _PlacementState
    start: int
    end: int
    score: float
    selector: Selector


# ---------------------------------------------------------------------------- wording

_QUOTE_STYLES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_SPACE_AROUND_DASH = re.compile(r"\s*-\s*")


def normalize_wording(text: str) -> str:
    """The form in which two wordings are compared: whitespace, quote and dash styles
    made uniform (curly and straight quotes, guillemets, hyphens and dashes, and the
    spaces around a dash), nothing else.  Case, spelling and punctuation still count."""
    flat = _WHITESPACE.sub(" ", text.translate(_QUOTE_STYLES)).strip()
    return _SPACE_AROUND_DASH.sub("-", flat)


def same_wording(a: str, b: str) -> bool:
    """Whether two wordings are word for word the same (see :func:`normalize_wording`)."""
    return a == b or normalize_wording(a) == normalize_wording(b)


def wording_state(checked: str, current: str) -> AnchorState:
    """``"ok"`` when ``current`` reads as ``checked`` word for word, else ``"changed"``."""
    return "ok" if same_wording(checked, current) else "changed"


def normalize_state(state: str) -> AnchorState:
    """A stored state as a current one (``drifted`` from older libraries is ``changed``).

    Raises :class:`ValueError` for a state no version of the app ever wrote.
    """
    state = LEGACY_STATES.get(state, state)
    if state not in ANCHOR_STATES:
        raise ValueError(f"unknown anchor state {state!r}")
    return state


# --------------------------------------------------------------------------- selectors


def make_selector(text: str, start: int, end: int, spans: Sequence[Span] | None = None) -> Selector:
    """Build the selector of ``text[start:end]``: offsets, quote, context and text hash.

    ``spans`` are the sentence spans of ``text`` if the caller already has them.
    Raises :class:`ValueError` for a range outside the text.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range {start}..{end} is outside a text of {len(text)} characters")
    return _TextIndex(text, spans).selector(start, end)


def sentence_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Snap a character selection to whole sentences.

    A selection touching several sentences runs from the first one's start to the last
    one's end; an empty selection (a click) gives the sentence containing it.  A
    selection that lies only in whitespace gives the nearest sentence.  In a text
    without sentences the selection is returned clamped to the text.
    """
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    spans = sentence_spans(text)
    if not spans:
        return start, end
    if start == end:
        touching = [(s, e) for s, e in spans if s <= start <= e]
    else:
        touching = [(s, e) for s, e in spans if s < end and e > start]
    if touching:
        return touching[0][0], touching[-1][1]

    def distance(span: Span) -> int:
        return max(span[0] - end, start - span[1], 0)

    return min(spans, key=distance)


SUGGESTION_MIN = 0.45
"""Below this, a sentence is unrelated (unrelated sentences of an article score up to
about 0.45 in words, 0.55 in characters; the shorter the sentences, the more alike)."""


def similar_sentences(
    quote: str, text: str, limit: int = 3, spans: Sequence[Span] | None = None
) -> list[tuple[int, int, float]]:
    """The sentences of ``text`` most like ``quote``, best first: ``(start, end, score)``.

    Offered to the user for a note whose text is gone (an orphan): the sentence it was
    on may survive reworded beyond what re-anchoring accepts on its own.  The score is
    the better of word and character similarity; sentences below ``SUGGESTION_MIN``
    are left out.
    """
    wanted = _squash(quote)
    if not wanted:
        return []
    found: list[tuple[int, int, float]] = []
    for start, end in spans if spans is not None else sentence_spans(text):
        sentence = _squash(text[start:end])
        score = max(_word_similarity(wanted, sentence), _char_similarity(wanted, sentence))
        if score >= SUGGESTION_MIN:
            found.append((start, end, round(score, 4)))
    found.sort(key=lambda item: (-item[2], item[0]))
    return found[:limit]


# ------------------------------------------------------------------------ re-anchoring


def reanchor(
    selector: Selector,
    text: str,
    spans: Sequence[Span] | None = None,
    *,
    checked: str | None = None,
) -> AnchorResult:
    """Find ``selector``'s quote in ``text`` (see the module docstring for how).

    ``checked`` is the wording the note's verdict was given on (by default the
    selector's quote); the state says whether the range found still reads so.
    ``spans`` are the sentence spans of ``text`` if the caller already has them.  Never
    raises for any selector and text.
    """
    placement = _Anchorer(_TextIndex(text, spans)).reanchor(selector)
    return _judge(placement, selector.exact if checked is None else checked)


def reanchor_all(
    selectors: Sequence[Selector], text: str, checked: Sequence[str | None] | None = None
) -> list[AnchorResult]:
    """Re-anchor many selectors on one text; results are in the order of ``selectors``.

    ``checked`` holds, for each selector, the wording its note was checked on (``None``
    or absent: the selector's quote).  The text is segmented and indexed once.  Two
    notes whose old ranges did not overlap are never both placed on overlapping
    ranges: the one with the weaker claim (less certain place, then lower score) is
    re-anchored with the other's range excluded.
    """
    anchorer = _Anchorer(_TextIndex(text, None))
    results = [anchorer.reanchor(sel) for sel in selectors]
    excluded: dict[int, list[Span]] = defaultdict(list)
    # Each round settles at least one conflict by moving the loser; a loser can only
    # lose again to a different winner, so the number of rounds is bounded.
    for _ in range(len(selectors) + 1):
        loser = _find_collision(selectors, results)
        if loser is None:
            break
        index, winner_span = loser
        excluded[index].append(winner_span)
        results[index] = anchorer.reanchor(selectors[index], excluded[index])
    wordings = list(checked) if checked is not None else [None] * len(selectors)
    return [
        _judge(placement, sel.exact if wording is None else wording)
        for placement, sel, wording in zip(results, selectors, wordings)
    ]


def _judge(placement: _Placement, checked: str) -> AnchorResult:
    """The public result of a placement: its state follows from the words alone."""
    if placement.state == "orphan":
        return AnchorResult(
            "orphan", placement.start, placement.end, 0.0, placement.selector, certain=False
        )
    return AnchorResult(
        wording_state(checked, placement.selector.exact),
        placement.start,
        placement.end,
        placement.score,
        placement.selector,
        certain=placement.state == "sure",
    )


_STATE_RANK = {"sure": 2, "unsure": 1, "orphan": 0}


def _find_collision(
    selectors: Sequence[Selector], results: Sequence[_Placement]
) -> tuple[int, Span] | None:
    """The first note that collides wrongly with another: (its index, the other's range)."""
    placed = sorted(
        (i for i, r in enumerate(results) if r.state != "orphan"),
        key=lambda i: (results[i].start, results[i].end),
    )
    for pos, i in enumerate(placed):
        a = results[i]
        for j in placed[pos + 1 :]:
            b = results[j]
            if b.start >= a.end and not (a.start == a.end == b.start):
                break
            if not _overlap(a.start, a.end, b.start, b.end):
                continue
            si, sj = selectors[i], selectors[j]
            if _overlap(si.start, si.end, sj.start, sj.end):
                continue  # overlapping notes may legitimately overlap again
            if (a.start, a.end) != (b.start, b.end) and (
                _contains(a.start, a.end, b.start, b.end)
                or _contains(b.start, b.end, a.start, a.end)
            ):
                continue  # a run of sentences that grew around a sentence moved into it
            rank_i = (_STATE_RANK[a.state], a.score)
            rank_j = (_STATE_RANK[b.state], b.score)
            if rank_i >= rank_j:
                return j, (a.start, a.end)
            return i, (b.start, b.end)
    return None


def _prefer(
    verbatim: tuple[_PlacementState, _Candidate] | None,
    fuzzy: tuple[_PlacementState, _Candidate] | None,
) -> tuple[_PlacementState, _Candidate] | None:
    """Choose between an uncertain verbatim occurrence and the best fuzzy candidate.

    The full quote found verbatim beats a candidate that merely resembles it, unless
    that candidate is nearly the same text and better placed among the old neighbours
    (the note's own sentence with a small change, while the verbatim one is a twin).
    """
    if verbatim is None:
        return fuzzy
    if fuzzy is None or fuzzy[0] == "orphan":
        return verbatim
    if fuzzy[0] == "sure":
        return fuzzy
    near_copy = fuzzy[1].quote >= OK_QUOTE and fuzzy[1].evidence > verbatim[1].evidence
    return fuzzy if near_copy else verbatim


def _contains(outer_start: int, outer_end: int, inner_start: int, inner_end: int) -> bool:
    return outer_start <= inner_start and inner_end <= outer_end


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:
        return a_start == b_start and a_end == b_end
    return a_start < b_end and b_start < a_end


# ---------------------------------------------------------------------------- helpers

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WHOLE_SENTENCE_START = re.compile(r"^[\"'“‘(\[]*[^\w\s]*[A-Z0-9\W]")
_WHOLE_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@lru_cache(maxsize=16384)
def _squash(text: str) -> str:
    """Whitespace-insensitive form used for every comparison."""
    return _WHITESPACE.sub(" ", text).strip()


def _char_similarity(a: str, b: str) -> float:
    """``2 * LCS / (len(a) + len(b))`` over characters, in ``[0, 1]``.

    This is the ratio difflib approximates, computed exactly with the bit-parallel
    longest-common-subsequence algorithm (Allison-Dix, Hyyro): one pass over ``b`` with
    a few big-integer operations per character, about ten times faster than
    :class:`difflib.SequenceMatcher` on two sentences.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * _lcs_length(a, b) / (len(a) + len(b))


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of two strings."""
    if len(a) < len(b):
        a, b = b, a
    positions: dict[str, int] = {}
    for i, char in enumerate(a):
        positions[char] = positions.get(char, 0) | (1 << i)
    full = (1 << len(a)) - 1
    row = full
    for char in b:
        matches = row & positions.get(char, 0)
        row = ((row + matches) | (row - matches)) & full
    return len(a) - row.bit_count()


def _word_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two strings' bags of words and punctuation, in ``[0, 1]``.

    Order-blind and about fifty times cheaper than difflib: good enough to tell the
    same sentence (even with a typo) from another one, which is all that context
    matching and the ranking of candidates need.
    """
    if a == b:
        return 1.0
    bag_a, bag_b = _bag(a), _bag(b)
    total = sum(bag_a.values()) + sum(bag_b.values())
    if not total:
        return 0.0
    return 2 * sum((bag_a & bag_b).values()) / total


@lru_cache(maxsize=8192)
def _bag(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _is_whole_sentences(selector: Selector) -> bool:
    """Whether a selector's quote is one or more whole sentences (not a fragment)."""
    prefix, suffix, exact = selector.prefix, selector.suffix, selector.exact
    return (
        (not prefix or prefix[-1].isspace())
        and (not suffix or suffix[0].isspace())
        and bool(_WHOLE_SENTENCE_START.match(exact))
        and (bool(_WHOLE_SENTENCE_END.search(exact)) or not suffix or suffix.startswith("\n"))
    )


class _TextIndex:
    """A text with its sentence spans and word index, computed when first needed."""

    def __init__(self, text: str, spans: Sequence[Span] | None) -> None:
        self.text = text
        self._spans: list[Span] | None = list(spans) if spans is not None else None
        self._sha256: str | None = None
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._sentence_words: list[set[str]] | None = None
        self._postings: dict[str, list[int]] = {}
        self._idf: dict[str, float] = {}

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            self._sha256 = text_sha256(self.text)
        return self._sha256

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            self._spans = sentence_spans(self.text)
        if not self.starts and self._spans:
            self.starts = [s for s, _ in self._spans]
            self.ends = [e for _, e in self._spans]
        return self._spans

    def context(self, start: int, end: int) -> tuple[str, str]:
        """The prefix and suffix a selector of ``[start, end)`` gets (module docstring)."""
        spans = self.spans
        before = bisect.bisect_right(self.ends, start) - 1 if spans else -1
        prefix_start = spans[before][0] if before >= 0 else 0
        after = bisect.bisect_left(self.starts, end) if spans else 0
        suffix_end = spans[after][1] if after < len(spans) else len(self.text)
        prefix_start = max(prefix_start, start - CONTEXT_CHARS)
        suffix_end = min(max(suffix_end, end), end + CONTEXT_CHARS)
        return self.text[prefix_start:start], self.text[end:suffix_end]

    def selector(self, start: int, end: int) -> Selector:
        prefix, suffix = self.context(start, end)
        return Selector(start, end, self.text[start:end], prefix, suffix, self.sha256)

    def _build_word_index(self) -> None:
        words = [_words(self.text[s:e]) for s, e in self.spans]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(words):
            for word in sentence:
                postings[word].append(i)
        n = len(words)
        self._idf = {w: math.log(1 + n / len(p)) for w, p in postings.items()}
        self._postings = dict(postings)
        self._sentence_words = words

    def sentence_words(self) -> list[set[str]]:
        if self._sentence_words is None:
            self._build_word_index()
        assert self._sentence_words is not None
        return self._sentence_words

    def idf_table(self) -> dict[str, float]:
        """Inverse sentence frequency of every word of the text."""
        self.sentence_words()
        return self._idf

    def sentences_sharing_words(self, words: set[str]) -> dict[int, float]:
        """IDF weight of the words each sentence shares with ``words``."""
        self.sentence_words()
        weights: dict[int, float] = defaultdict(float)
        for word in words:
            idf = self._idf.get(word)
            if idf is None:
                continue
            for i in self._postings[word]:
                weights[i] += idf
        return weights


@dataclass
class _Candidate:
    start: int
    end: int
    quote: float
    prefix: float
    suffix: float
    position: float
    layout: int = 0
    fragment: bool = False

    @property
    def score(self) -> float:
        return (
            QUOTE_WEIGHT * self.quote
            + PREFIX_WEIGHT * self.prefix
            + SUFFIX_WEIGHT * self.suffix
            + POSITION_WEIGHT * self.position
        ) / _TOTAL_WEIGHT

    @property
    def context(self) -> float:
        return max(self.prefix, self.suffix)

    @property
    def evidence(self) -> float:
        """Context similarity that counts: sides at or above ``CONTEXT_MATCH``."""
        return sum(side for side in (self.prefix, self.suffix) if side >= CONTEXT_MATCH)


class _Anchorer:
    """Re-anchors selectors on one indexed text."""

    def __init__(self, index: _TextIndex) -> None:
        self.index = index
        self.text = index.text

    def reanchor(self, selector: Selector, excluded: Sequence[Span] = ()) -> _Placement:
        text = self.text
        start, end, exact = selector.start, selector.end, selector.exact
        offsets_valid = 0 <= start <= end <= len(text)
        if not excluded and offsets_valid and text[start:end] == exact:
            if selector.text_sha256 and selector.text_sha256 == self.index.sha256:
                return _Placement("sure", start, end, 1.0, selector)
            if exact and text.find(exact) == start and text.find(exact, start + 1) == -1:
                return self._result("sure", start, end, 1.0)
        if not exact.strip():
            # Nothing to search for: an empty or blank quote can only stay where it was.
            return self._orphan(selector)

        verbatim = self._best_verbatim(selector, excluded)
        if verbatim is not None and verbatim[0] == "sure":
            candidate = verbatim[1]
            if min(candidate.prefix, candidate.suffix) >= CONTEXT_MATCH:
                return self._result("sure", candidate.start, candidate.end, candidate.score)
            # Context on one side only: the quote may be a twin of the note's sentence
            # whose neighbour happens to be a twin too, while the note's own sentence
            # survives with a small change elsewhere.  A better fuzzy candidate means
            # the verbatim one is not certain.
            rival = self._best_fuzzy(
                selector, [*excluded, (candidate.start, candidate.end)], guided_only=True
            )
            if rival is None or rival[0] == "orphan" or rival[1].score <= candidate.score:
                return self._result("sure", candidate.start, candidate.end, candidate.score)
            better = rival[1]
            return self._result("unsure", better.start, better.end, better.score)
        fuzzy = self._best_fuzzy(selector, excluded)
        choice = _prefer(verbatim, fuzzy)
        if choice is None or choice[0] == "orphan":
            return self._orphan(selector)
        state, candidate = choice
        if excluded:
            # A note that lost its place to another note is never certain.
            state = "unsure"
        return self._result(state, candidate.start, candidate.end, candidate.score)

    def _result(self, state: _PlacementState, start: int, end: int, score: float) -> _Placement:
        selector = self.index.selector(start, end)
        return _Placement(state, start, end, round(min(1.0, score), 4), selector)

    @staticmethod
    def _orphan(selector: Selector) -> _Placement:
        return _Placement("orphan", selector.start, selector.end, 0.0, selector)

    def _score(self, selector: Selector, start: int, end: int, quote: float) -> _Candidate:
        prefix, suffix = self.index.context(start, end)
        size = max(len(self.text), selector.end, 1)
        layout = (_ends_paragraph(selector.prefix) == _ends_paragraph(prefix)) + (
            _starts_paragraph(selector.suffix) == _starts_paragraph(suffix)
        )
        return _Candidate(
            start,
            end,
            quote,
            _word_similarity(_squash(selector.prefix), _squash(prefix)),
            _word_similarity(_squash(selector.suffix), _squash(suffix)),
            1.0 - min(1.0, abs(start - selector.start) / size),
            layout,
        )

    # Verbatim occurrences ----------------------------------------------------------

    def _best_verbatim(
        self, selector: Selector, excluded: Sequence[Span]
    ) -> tuple[_PlacementState, _Candidate] | None:
        text, exact = self.text, selector.exact
        occurrences: list[int] = []
        found = text.find(exact)
        while found != -1 and len(occurrences) < _MAX_OCCURRENCES:
            if not any(_overlap(found, found + len(exact), s, e) for s, e in excluded):
                occurrences.append(found)
            found = text.find(exact, found + 1)
        if not occurrences:
            return None
        if len(occurrences) > _CHEAP_CONTEXT_RANKED:
            occurrences.sort(key=lambda o: -self._cheap_context(selector, o))
            occurrences = occurrences[:_CHEAP_CONTEXT_RANKED]
        candidates = [self._score(selector, o, o + len(exact), 1.0) for o in occurrences]
        # Context below CONTEXT_MATCH is noise (unrelated sentences share words), so it
        # counts for nothing; between equals, the layout (same paragraph or not) and
        # then the position decide which one is shown, as unsure.
        candidates.sort(
            key=lambda c: (c.evidence, c.layout, c.prefix + c.suffix, c.position), reverse=True
        )
        best = candidates[0]
        rivals = [c for c in candidates[1:] if c.evidence >= best.evidence - AMBIGUITY_MARGIN]
        if best.context >= CONTEXT_MATCH and not rivals:
            return "sure", best
        return "unsure", best

    def _cheap_context(self, selector: Selector, occurrence: int) -> int:
        """Characters of context that agree next to an occurrence, whitespace ignored."""
        text = self.text
        window = 2 * CONTEXT_CHARS
        old_prefix = _squash(selector.prefix)
        new_prefix = _squash(text[max(0, occurrence - window) : occurrence])
        end = occurrence + len(selector.exact)
        old_suffix = _squash(selector.suffix)
        new_suffix = _squash(text[end : end + window])
        return _common_start(old_prefix[::-1], new_prefix[::-1]) + _common_start(
            old_suffix, new_suffix
        )

    # Fuzzy search --------------------------------------------------------------------

    def _shortlist_runs(self, selector: Selector, quote_sentences: int) -> list[Span]:
        """Runs of sentences (first, last + 1) sharing the most weighted words with the
        quote, best first."""
        index = self.index
        spans = index.spans
        quote_words = _words(selector.exact)
        sentence_weights = index.sentences_sharing_words(quote_words)
        if not sentence_weights:
            return []
        run_lengths = sorted({max(1, quote_sentences - 1), quote_sentences, quote_sentences + 1})
        top = sorted(sentence_weights, key=lambda i: -sentence_weights[i])
        runs: set[Span] = set()
        for i in top[:_SHORTLIST_SENTENCES]:
            for k in run_lengths:
                for first in range(max(0, i - k + 1), min(i, len(spans) - k) + 1):
                    runs.add((first, first + k))
        idf = index.idf_table()
        unknown = math.log(1 + len(spans))
        quote_weight = sum(idf.get(w, unknown) for w in quote_words)
        words = index.sentence_words()

        def overlap(run: Span) -> float:
            run_words: set[str] = set().union(*words[run[0] : run[1]])
            shared = sum(idf[w] for w in run_words & quote_words)
            total = quote_weight + sum(idf[w] for w in run_words)
            return 2 * shared / total if total else 0.0

        return sorted(runs, key=overlap, reverse=True)[:_SHORTLIST_RUNS]

    def _context_runs(self, selector: Selector, quote_sentences: int) -> list[Span]:
        """Runs of sentences right after the old prefix or right before the old suffix,
        wherever those still occur verbatim: where a reworded note's text must be."""
        index = self.index
        spans, text = index.spans, self.text
        lengths = sorted({max(1, quote_sentences - 1), quote_sentences, quote_sentences + 1})
        runs: list[Span] = []
        prefix = selector.prefix.strip()
        if len(prefix) >= 10:
            found = text.find(prefix)
            for _ in range(3):
                if found == -1:
                    break
                first = bisect.bisect_left(index.starts, found + len(prefix))
                runs += [(first, first + k) for k in lengths if first + k <= len(spans)]
                found = text.find(prefix, found + 1)
        suffix = selector.suffix.strip()
        if len(suffix) >= 10:
            found = text.find(suffix)
            for _ in range(3):
                if found == -1:
                    break
                last = bisect.bisect_right(index.ends, found)
                runs += [(last - k, last) for k in lengths if last - k >= 0]
                found = text.find(suffix, found + 1)
        return runs

    def _best_fuzzy(
        self, selector: Selector, excluded: Sequence[Span], guided_only: bool = False
    ) -> tuple[_PlacementState, _Candidate] | None:
        if not self.index.spans:
            return None
        quote_parts = [_squash(selector.exact[s:e]) for s, e in sentence_spans(selector.exact)] or [
            _squash(selector.exact)
        ]
        whole = _is_whole_sentences(selector)
        candidates: list[_Candidate] = []
        seen: set[Span] = set()
        runs = self._context_runs(selector, len(quote_parts))
        if not guided_only:
            runs += self._shortlist_runs(selector, len(quote_parts))
        for run in dict.fromkeys(runs):
            candidate = self._fuzzy_candidate(selector, run, quote_parts, whole)
            if candidate is None or (candidate.start, candidate.end) in seen:
                continue
            seen.add((candidate.start, candidate.end))
            if not any(_overlap(candidate.start, candidate.end, s, e) for s, e in excluded):
                candidates.append(candidate)
        if not candidates:
            return None
        candidates.sort(key=lambda c: c.score, reverse=True)
        best = candidates[0]
        rivals = [
            c
            for c in candidates[1:]
            if not _overlap(c.start, c.end, best.start, best.end)
            and c.score >= best.score - AMBIGUITY_MARGIN
            and c.quote >= DRIFT_QUOTE
        ]
        if (
            best.quote >= OK_QUOTE
            and best.context >= CONTEXT_MATCH
            and best.score >= OK_SCORE
            and not rivals
            and not best.fragment
        ):
            return "sure", best
        supported = best.context >= CONTEXT_MATCH and best.quote >= DRIFT_QUOTE
        if (supported or best.quote >= OK_QUOTE) and best.score >= DRIFT_SCORE:
            return "unsure", best
        if best.quote >= NEAR_COPY and not rivals and not best.fragment:
            # The sentence with a typo fixed that also lost both neighbours: no context
            # to go on, but nothing else in the text comes close to its words.
            return "unsure", best
        return "orphan", best

    def _fuzzy_candidate(
        self, selector: Selector, run: Span, quote_parts: list[str], whole: bool
    ) -> _Candidate | None:
        spans = self.index.spans
        first, last = run
        if whole:
            first, last = self._trim(first, last, quote_parts)
        start, end = spans[first][0], spans[last - 1][1]
        candidate_text = _squash(self.text[start:end])
        if self._is_old_neighbour(selector, candidate_text):
            return None
        quote = _squash(selector.exact)
        fragment = False
        if not whole:
            window = _locate_fragment(selector.exact, self.text, start, end)
            if window is None:
                return None
            start, end = window
            candidate_text = _squash(self.text[start:end])
            fragment = True
        candidate = self._score(selector, start, end, _char_similarity(quote, candidate_text))
        candidate.fragment = fragment
        return candidate

    def _trim(self, first: int, last: int, quote_parts: list[str]) -> Span:
        """Drop edge sentences of a run that no sentence of the quote accounts for.

        Each quote sentence is paired with at most one sentence of the run (the most
        similar first, by bag of words).  An unpaired sentence at an edge is a stranger
        (a neighbour, or a copy of the quoted sentence placed next to it) and goes; an
        unpaired sentence in the middle stays, since it was inserted into the run.
        """
        if last - first < 2:
            return first, last
        spans = self.index.spans
        pairs = sorted(
            (
                (-_word_similarity(q, _squash(self.text[spans[i][0] : spans[i][1]])), i, n)
                for i in range(first, last)
                for n, q in enumerate(quote_parts)
            )
        )
        paired: set[int] = set()
        used: set[int] = set()
        for negative_similarity, i, n in pairs:
            if -negative_similarity < TRIM_MATCH:
                break
            if i not in paired and n not in used:
                paired.add(i)
                used.add(n)
        while last - first > 1 and last - 1 not in paired:
            last -= 1
        while last - first > 1 and first not in paired:
            first += 1
        return first, last

    @staticmethod
    def _is_old_neighbour(selector: Selector, candidate_text: str) -> bool:
        """Whether a candidate *is* the sentence that used to precede or follow the quote.

        This is what a deleted sentence's neighbour looks like once it has moved into
        the gap: its context matches perfectly and only the quote tells it apart.  A
        context cut at ``CONTEXT_CHARS`` is compared with the matching end of the
        candidate.
        """
        prefix, suffix = _squash(selector.prefix), _squash(selector.suffix)
        if len(prefix) >= 10:
            tail = (
                candidate_text[-len(prefix) :]
                if len(selector.prefix) >= CONTEXT_CHARS
                else candidate_text
            )
            if _word_similarity(prefix, tail) >= NEIGHBOUR_MATCH:
                return True
        if len(suffix) >= 10:
            head = (
                candidate_text[: len(suffix)]
                if len(selector.suffix) >= CONTEXT_CHARS
                else candidate_text
            )
            if _word_similarity(suffix, head) >= NEIGHBOUR_MATCH:
                return True
        return False


def _ends_paragraph(prefix: str) -> bool:
    """Whether the text before a selection ends with a line break (new block)."""
    return "\n" in prefix[len(prefix.rstrip()) :]


def _starts_paragraph(suffix: str) -> bool:
    """Whether the text after a selection starts with a line break."""
    return "\n" in suffix[: len(suffix) - len(suffix.lstrip())]


def _common_start(a: str, b: str) -> int:
    """Length of the common beginning of two strings."""
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _locate_fragment(quote: str, text: str, start: int, end: int) -> Span | None:
    """The part of ``text[start:end]`` that best matches a quote shorter than it."""
    region = text[start:end]
    if len(quote) >= len(region):
        return start, end
    matcher = SequenceMatcher(None, quote, region, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    w_start = max(0, first.b - first.a)
    w_end = min(len(region), last.b + last.size + (len(quote) - last.a - last.size))
    while w_start < w_end and region[w_start].isspace():
        w_start += 1
    while w_end > w_start and region[w_end - 1].isspace():
        w_end -= 1
    if w_start >= w_end:
        return None
    return start + w_start, start + w_end
