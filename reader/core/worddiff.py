"""Word by word: what changed inside a reworded sentence.

The versions dialog shows a reworded sentence as one text, the removed words struck
through and the added ones marked, as a track-changes view does.  Words are compared
with their punctuation and the spaces after them, so joining the pieces of either side
gives back that side's text exactly.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["WordPiece", "word_diff"]

WordKind = Literal["same", "removed", "added"]
WordPiece = tuple[WordKind, str]

_WORD = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> list[WordPiece]:
    """The pieces of ``old`` and ``new`` in reading order: ``same`` in both, ``removed``
    from ``old``, ``added`` in ``new`` (a replaced run gives its removal first).
    Joining the ``same`` and ``removed`` pieces gives ``old``; the ``same`` and
    ``added`` pieces give ``new``."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    # Compared without trailing spaces, so a word at the end of a line still matches.
    matcher = SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b], False)
    out: list[WordPiece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(b[j1:j2])))
    return out
