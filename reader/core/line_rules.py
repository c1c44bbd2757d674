"""Rules on a page's shape, applied after the line model has decoded it.

The line model (:mod:`reader.core.line_model`) scores lines one by one and decodes the
page as a sequence; some mistakes are easier to see in the page's shape than in any
one line, and hold in every language:

* **A thread with no article kept before it** (:func:`rescue_before_thread`).  When a
  comment thread (see :func:`reader.core.line_model.thread_start`) follows a short
  article, the model can keep the comments, which read like prose, and drop the
  article, which is one or two lines beside a column of links.  Then the kept thread
  is dropped and the likeliest block before the thread kept instead.
* **Short lines at the edges of the article** (:func:`trim_edges`).  One or two words
  (a menu entry, a "Share" button) at the top or bottom of a kept run are furniture,
  unless a line of running text follows: then the short line is a heading.  In
  scripts written without spaces a menu entry looks like a word of any length, so
  the rule counts words as :func:`reader.core.line_model.line_units` does.

No rule names a site, a headline or a phrase of one page.  :data:`ENABLED` says which
rules run (all, normally; the benchmark can switch one off to measure it).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

ENABLED: set[str] = {"thread", "edges"}
"""The rules :func:`refine` applies, by name."""

EDGE_UNITS = 3.0
"""A line of at most this many words (see ``line_units``) is a label, not text."""
_SENTENCE_END = ".!?…。！？؟।\"'”’»)"
_BULLET_START = ("•", "·", "-", "–", "—", "*", "▪", "◦", "●", "■")

RESCUE_MIN_UNITS = 15.0
"""The block kept before a thread must have at least this many words."""
RESCUE_MIN_LINE_UNITS = 12.0
"""… and one line at least this long: a paragraph, not a row of links."""


def refine(
    path: list[bool],
    texts: list[str],
    units: FloatArray,
    prob: FloatArray,
    thread: int | None,
    prose: list[bool],
) -> list[bool]:
    """``path`` after the enabled rules (see the module docstring).

    ``units``: each line's length in words; ``prob``: the model's probability that the
    line is article text; ``thread``: where a comment thread starts, or None;
    ``prose``: whether each line is running text.
    """
    if "thread" in ENABLED and thread is not None:
        path = rescue_before_thread(path, units, prob, thread)
    if "edges" in ENABLED:
        path = trim_edges(path, texts, units, prose)
    return path


def may_rescue(path: list[bool], units: FloatArray, prob: FloatArray) -> bool:
    """Whether :func:`rescue_before_thread` could change ``path`` for some thread start.

    It needs a believed paragraph at some line ``j`` with little kept text up to it
    beside the kept text after it; a cheap test that spares most pages the search for
    a thread.
    """
    kept = units * np.array(path, dtype=bool)
    upto = np.cumsum(kept)
    after = float(upto[-1]) - upto
    candidate = (prob >= 0.5) & (units >= RESCUE_MIN_LINE_UNITS) & (upto < 0.1 * after)
    return bool(candidate.any())


def rescue_before_thread(
    path: list[bool], units: FloatArray, prob: FloatArray, start: int
) -> list[bool]:
    """Keep the best block before a thread instead of the thread, when only it was kept.

    Applies when the kept text before line ``start`` is under a tenth of the kept text
    from there on: the model took the comments for the article.  The block is the
    contiguous run before ``start`` that best beats half the highest probability
    there, weighted by words; it must hold a paragraph (:data:`RESCUE_MIN_LINE_UNITS`)
    and a line the model itself believes (probability ≥ 0.5).
    """
    if start <= 0 or not any(path[start:]):
        return path
    kept = np.array(path, dtype=bool)
    before = float(units[:start][kept[:start]].sum())
    after = float(units[start:][kept[start:]].sum())
    if before >= 0.1 * after:
        return path
    head = prob[:start]
    gain = (head - 0.5 * float(head.max())) * units[:start]
    best, total, lo, best_lo, best_hi = 0.0, 0.0, 0, 0, 0
    for i, g in enumerate(gain.tolist()):
        if total <= 0.0:
            total, lo = 0.0, i
        total += g
        if total > best:
            best, best_lo, best_hi = total, lo, i + 1
    block = units[best_lo:best_hi]
    if (
        float(block.sum()) < RESCUE_MIN_UNITS
        or float(block.max(initial=0.0)) < RESCUE_MIN_LINE_UNITS
        or float(prob[best_lo:best_hi].max(initial=0.0)) < 0.5
    ):
        return path
    return [best_lo <= i < best_hi for i in range(len(path))]


def trim_edges(
    path: list[bool], texts: list[str], units: FloatArray, prose: list[bool]
) -> list[bool]:
    """Drop lines of one or two words at the top and bottom of each kept run.

    At the top, a short line goes unless the next line is running text (then it is
    the article's heading); at the bottom, unless it ends like a sentence or is a list
    item.  A run made only of short lines (a list article) is left alone.
    """
    out = list(path)
    n = len(out)
    i = 0
    while i < n:
        if not out[i]:
            i += 1
            continue
        j = i
        while j < n and out[j]:
            j += 1
        if any(units[k] > EDGE_UNITS for k in range(i, j)):
            start, end = i, j
            while start < end and units[start] <= EDGE_UNITS:
                if start + 1 < end and prose[start + 1]:
                    break
                out[start] = False
                start += 1
            while end > start and units[end - 1] <= EDGE_UNITS:
                last = texts[end - 1]
                if last.endswith(tuple(_SENTENCE_END)) or last.startswith(_BULLET_START):
                    break
                out[end - 1] = False
                end -= 1
        i = j
    return out
