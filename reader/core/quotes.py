"""Quoting a sentence of the article without doubling its own quote marks.

A note shows the sentence it is on between quote marks.  Many sentences of news prose
begin or end with a quotation of their own (``"Safety comes first," she said.``), and
wrapping them as they are gives ``““Safety…`` where the two marks meet.  As in print,
the quotation inside the quotation takes single marks instead.
"""

from __future__ import annotations

__all__ = ["in_quotes", "nest_quotes", "quotable"]

_DOUBLE = '"\u201c\u201d\u201e'

_OPEN_BEFORE = " \t\n([{\u2014\u2013-/\u00a0"


def nest_quotes(text: str) -> str:
    """``text`` with its double quote marks turned into single ones (‘ ’), so that it can
    sit inside double quote marks.  A straight ``"`` opens at the start of the text or
    after a space, dash or bracket, and closes anywhere else."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "\u201c" or ch == "\u201e":
            out.append("\u2018")
        elif ch == "\u201d":
            out.append("\u2019")
        elif ch == '"':
            opening = i == 0 or text[i - 1] in _OPEN_BEFORE
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def quotable(text: str) -> str:
    """``text`` ready to go between double quote marks: nested (:func:`nest_quotes`) when
    its own marks would meet ours, at its start or end; otherwise exactly as it is, since
    a quote is evidence and is shown verbatim wherever it can be."""
    if text[:1] in _DOUBLE or text[-1:] in _DOUBLE:
        return nest_quotes(text)
    return text


def in_quotes(text: str) -> str:
    """``text`` between curly double quote marks, without doubled marks (:func:`quotable`)."""
    return f"\u201c{quotable(text)}\u201d"
