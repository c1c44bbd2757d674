"""The claim radar's use cases: score sentences for check-worthiness, with reasons and
who said them.

The command line's ``checkworthy`` command and the window call the same functions here,
so a score printed by one is the score shown by the other.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.attribution import Attribution, attribute_article
from reader.core.checkworthy import Adaptation, reasons, score_sentences
from reader.core.errors import InputError

__all__ = ["RadarRow", "read_sentence_table", "score_article", "score_sentence_table"]


@dataclass(frozen=True)
class RadarRow:
    """One sentence as the radar sees it."""

    sentence_id: str
    text: str
    score: float
    worth_checking: bool
    reasons: str
    attribution: Attribution


def score_article(
    sentences: Sequence[str],
    ids: Sequence[str] | None = None,
    adaptation: Adaptation | None = None,
) -> list[RadarRow]:
    """Score the sentences of one article, in order, and attribute each.

    ``ids`` default to the 1-based sentence numbers; ``adaptation`` is what this user's
    notes and dismissals taught the radar (see :func:`reader.core.checkworthy.adapt`).
    """
    if ids is None:
        ids = [str(n) for n in range(1, len(sentences) + 1)]
    if len(ids) != len(sentences):
        raise ValueError("one id per sentence")
    scores = score_sentences(list(sentences), adaptation)
    attributions = attribute_article(sentences)
    return [
        RadarRow(sid, text, s.score, s.worth_checking, reasons(s), a)
        for sid, text, s, a in zip(ids, sentences, scores, attributions, strict=True)
    ]


def read_sentence_table(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Read ``(Sentence_id, Text)`` pairs from a TSV file with a header row.

    Other columns are ignored; fields may be quoted CSV-style (``"…""…"``).  Raises
    :class:`InputError` for a missing or unreadable file, a wrong encoding or missing
    columns.
    """
    from reader.importers.files import read_file

    raw = read_file(path)
    name = os.path.basename(os.fspath(path))
    try:
        text = raw.data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"“{name}” is not UTF-8 text. Save it as UTF-8 and try again.") from err
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    header = [cell.strip() for cell in next(rows, [])]
    missing = [c for c in ("Sentence_id", "Text") if c not in header]
    if missing:
        raise InputError(
            f"“{name}” has no {' or '.join(missing)} column. The first line must be a "
            "tab-separated header naming the columns Sentence_id and Text."
        )
    id_col, text_col = header.index("Sentence_id"), header.index("Text")
    result: list[tuple[str, str]] = []
    for line_number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(id_col, text_col):
            raise InputError(
                f"Line {line_number} of “{name}” has {len(row)} column(s); every line needs "
                "a Sentence_id and a Text separated by tabs."
            )
        result.append((row[id_col].strip(), row[text_col]))
    return result


def score_sentence_table(path: str | os.PathLike[str]) -> list[RadarRow]:
    """Score every sentence of a ``Sentence_id``/``Text`` TSV file (one document)."""
    pairs = read_sentence_table(path)
    return score_article([text for _, text in pairs], [sid for sid, _ in pairs])
