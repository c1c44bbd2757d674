"""Sentence spans with exact offsets (interim splitter; being replaced)."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        b_start = block.start()
        chunk = block.group()
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            spans.append((b_start + pos, b_start + m.end()))
            pos = m.end()
            while pos < len(chunk) and chunk[pos].isspace():
                pos += 1
        end = len(chunk.rstrip())
        if pos < end:
            spans.append((b_start + pos, b_start + end))
    return spans
