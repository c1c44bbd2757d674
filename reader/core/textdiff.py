"""What changed between two versions of an article, sentence by sentence.

The GUI shows a reader what an outlet changed after publication (a corrected figure, a
softened claim, a paragraph moved up).  Both texts are split into sentences with
:func:`reader.core.segment.sentence_spans`; the two sentence lists are aligned with
:class:`difflib.SequenceMatcher` on whitespace-insensitive sentence texts, which finds
the longest runs of identical sentences (``unchanged``).  What is left is resolved in
two passes:

* inside each replaced stretch, an old and a new sentence that resemble each other
  (same words in good part, or characters mostly shared) are paired as ``reworded``;
  the most similar pairs are taken first, each sentence at most once;
* across the whole text, a sentence removed in one place and added, identical or
  nearly, in another is ``moved`` (with its old and new spans).

Anything still unpaired is ``removed`` or ``added``.  Changes come in reading order of
the new text, each removed sentence where it used to be.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.core.anchor import _char_similarity, _squash, _word_similarity
from reader.core.segment import sentence_spans

__all__ = ["CHANGE_KINDS", "SentenceChange", "change_counts", "sentence_diff"]

CHANGE_KINDS: tuple[str, ...] = ("added", "removed", "reworded", "moved", "unchanged")

REWORDED_WORDS = 0.4
"""Bag-of-words similarity from which two sentences are one sentence reworded."""
REWORDED_CHARACTERS = 0.7
"""Character similarity from which two sentences are one sentence reworded."""
MOVED_SIMILARITY = 0.9
"""A sentence removed here and added there this similar has moved."""


@dataclass(frozen=True)
class SentenceChange:
    """One sentence's fate between two versions.

    ``old_start``/``old_end`` are ``None`` for an added sentence, ``new_start``/
    ``new_end`` for a removed one; the texts are then ``""``.  ``similarity`` is 1.0 for
    unchanged sentences, 0.0 for added and removed ones.
    """

    kind: str
    old_start: int | None
    old_end: int | None
    new_start: int | None
    new_end: int | None
    old_text: str
    new_text: str
    similarity: float


def sentence_diff(old_text: str, new_text: str) -> list[SentenceChange]:
    """Align the sentences of two versions and say what happened to each."""
    old_spans, new_spans = sentence_spans(old_text), sentence_spans(new_text)
    old_keys = [_squash(old_text[s:e]) for s, e in old_spans]
    new_keys = [_squash(new_text[s:e]) for s, e in new_spans]

    # Each entry: (old index or None, new index or None, kind, similarity).
    rows: list[tuple[int | None, int | None, str, float]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [(i1 + k, j1 + k, "unchanged", 1.0) for k in range(i2 - i1)]
        else:
            rows += _pair_reworded(old_keys, new_keys, range(i1, i2), range(j1, j2))
    rows = _pair_moved(rows, old_keys, new_keys)

    def change(row: tuple[int | None, int | None, str, float]) -> SentenceChange:
        old_index, new_index, kind, similarity = row
        old = old_spans[old_index] if old_index is not None else None
        new = new_spans[new_index] if new_index is not None else None
        return SentenceChange(
            kind,
            old[0] if old else None,
            old[1] if old else None,
            new[0] if new else None,
            new[1] if new else None,
            old_text[old[0] : old[1]] if old else "",
            new_text[new[0] : new[1]] if new else "",
            similarity,
        )

    return [change(row) for row in rows]


def change_counts(changes: list[SentenceChange]) -> dict[str, int]:
    """How many sentences of each kind, every kind present (zero when absent)."""
    counts = Counter(c.kind for c in changes)
    return {kind: counts.get(kind, 0) for kind in CHANGE_KINDS}


def _similarity(a: str, b: str) -> float:
    return max(_word_similarity(a, b), _char_similarity(a, b))


def _resemble(a: str, b: str) -> bool:
    return _word_similarity(a, b) >= REWORDED_WORDS or _char_similarity(a, b) >= (
        REWORDED_CHARACTERS
    )


def _pair_reworded(
    old_keys: list[str], new_keys: list[str], old_range: range, new_range: range
) -> list[tuple[int | None, int | None, str, float]]:
    """Rows for one replaced stretch: reworded pairs, then removed and added leftovers,
    in order."""
    candidates = sorted(
        (-_similarity(old_keys[i], new_keys[j]), i, j)
        for i in old_range
        for j in new_range
        if _resemble(old_keys[i], new_keys[j])
    )
    paired_old: dict[int, tuple[int, float]] = {}
    paired_new: set[int] = set()
    for negative, i, j in candidates:
        if i in paired_old or j in paired_new:
            continue
        # Keep pairs in order: a pair that crosses an existing one is a move, not a
        # rewording, and is left to the move pass.
        if any((i < oi) != (j < oj) for oi, (oj, _) in paired_old.items()):
            continue
        paired_old[i] = (j, -negative)
        paired_new.add(j)
    rows: list[tuple[int | None, int | None, str, float]] = []
    new_iter = iter(new_range)
    pending_new = next(new_iter, None)
    for i in old_range:
        if i in paired_old:
            j, similarity = paired_old[i]
            while pending_new is not None and pending_new < j:
                if pending_new not in paired_new:
                    rows.append((None, pending_new, "added", 0.0))
                pending_new = next(new_iter, None)
            rows.append((i, j, "reworded", similarity))
            pending_new = next(new_iter, None)
        else:
            rows.append((i, None, "removed", 0.0))
    while pending_new is not None:
        if pending_new not in paired_new:
            rows.append((None, pending_new, "added", 0.0))
        pending_new = next(new_iter, None)
    return rows


def _pair_moved(
    rows: list[tuple[int | None, int | None, str, float]],
    old_keys: list[str],
    new_keys: list[str],
) -> list[tuple[int | None, int | None, str, float]]:
    """Turn a removed sentence and an added one with the same text into one move."""
    removed = [r[0] for r in rows if r[2] == "removed" and r[0] is not None]
    added = [r[1] for r in rows if r[2] == "added" and r[1] is not None]
    moves: dict[int, tuple[int, float]] = {}  # new index -> (old index, similarity)
    taken: set[int] = set()
    for j in added:
        best: tuple[float, int] | None = None
        for i in removed:
            if i in taken:
                continue
            similarity = (
                1.0 if old_keys[i] == new_keys[j] else _char_similarity(old_keys[i], new_keys[j])
            )
            if similarity >= MOVED_SIMILARITY and (best is None or similarity > best[0]):
                best = (similarity, i)
        if best is not None:
            moves[j] = (best[1], best[0])
            taken.add(best[1])
    out: list[tuple[int | None, int | None, str, float]] = []
    for old_index, new_index, kind, similarity in rows:
        if kind == "removed" and old_index in taken:
            continue
        if kind == "added" and new_index in moves:
            source, similarity = moves[new_index]
            out.append((source, new_index, "moved", similarity))
            continue
        out.append((old_index, new_index, kind, similarity))
    return out
