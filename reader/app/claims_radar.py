"""The claim radar's use cases: score sentences for check-worthiness, with reasons and
who said them.

The command line's ``checkworthy`` command and the window call the same functions here,
so a score printed by one is the score shown by the other.
"""

from __future__ import annotations

import csv
import io
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.attribution import Attribution, attribute_article
from reader.core.checkworthy import Adaptation, reasons, score_sentences
from reader.core.errors import InputError

if TYPE_CHECKING:
    from reader.store import Library

log = logging.getLogger(__name__)

__all__ = [
    "ArticleClaim",
    "RadarRow",
    "articles_needing_scores",
    "claims_for_article",
    "dismiss_claim",
    "read_sentence_table",
    "score_article",
    "score_articles",
    "score_sentence_table",
    "undo_dismiss_claim",
    "user_labels",
]

#: Names the weights a stored score came from; bump when the model file changes.
MODEL_VERSION = "checkworthy-1"
#: How many of the user's latest notes and dismissals the adaptation learns from.
LABEL_LIMIT = 2000


@dataclass(frozen=True)
class RadarRow:
    """One sentence as the radar sees it."""

    sentence_id: str
    text: str
    score: float
    worth_checking: bool
    reasons: str
    attribution: Attribution
    kinds: tuple[str, ...] = ()


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
        RadarRow(sid, text, s.score, s.worth_checking, reasons(s), a, s.kinds)
        for sid, text, s, a in zip(ids, sentences, scores, attributions, strict=True)
    ]


def read_sentence_table(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Read ``(Sentence_id, Text)`` pairs from a TSV file with a header row.

    Other columns are ignored; fields may be quoted CSV-style (``"…""…"``).  Raises
    :class:`InputError` for a missing or unreadable file, a wrong encoding or missing
    columns.
    """
    from reader.core.files import read_user_file, shown_name
    from reader.core.pipeline import MAX_INPUT_BYTES
    from reader.importers.factchecks import table_text

    name = shown_name(path)
    data = read_user_file(path, what="a tab-separated (TSV) file", max_bytes=MAX_INPUT_BYTES)
    text = table_text(data, name)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        return _sentence_rows(rows, name)
    except csv.Error as err:
        raise InputError(
            f"“{name}” is not a well-formed TSV (line {rows.line_num}: {err}). Fix that "
            "line, or save the table again as tab-separated text."
        ) from err


def _sentence_rows(rows: Iterator[list[str]], name: str) -> list[tuple[str, str]]:
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


@dataclass(frozen=True)
class ArticleClaim:
    """One sentence of a stored article on the radar: where it is, its score, who said it."""

    start: int
    end: int
    text: str
    score: float
    worth_checking: bool
    kinds: tuple[str, ...]
    reasons: str
    speaker: str | None
    source: str | None
    flags: tuple[str, ...]
    dismissed: bool


def user_labels(lib: Library) -> list[tuple[str, bool]]:
    """What this user taught the radar: noted sentences (worth checking), dismissed ones."""
    from reader.store.claims import ClaimStore

    store = ClaimStore(lib.sql)
    noted = [(text, True) for text in store.recent_noted(LABEL_LIMIT)]
    dismissed = [(text, False) for text in store.recent_dismissals(LABEL_LIMIT)]
    return noted + dismissed


def claims_for_article(lib: Library, article_id: str, rescore: bool = False) -> list[ArticleClaim]:
    """Every sentence of an article with its score, reasons, speaker and flags.

    Scores are read from the library when they are still those of the article's current
    text and of this model, else computed (with the user's adaptation) and stored.
    Dismissed sentences are marked, never dropped.  Raises :class:`NotFoundError` for an
    unknown article.
    """
    from reader.core.checkworthy import adapt
    from reader.core.models import text_sha256
    from reader.core.segment import sentence_spans
    from reader.store.claims import ClaimStore, StoredClaim

    article = lib.get_article(article_id)
    store = ClaimStore(lib.sql)
    sha = text_sha256(article.text)
    stored = None if rescore else store.scores(article.id, sha, MODEL_VERSION)
    if stored is None:
        # Split only to score: stored scores carry their spans (~13 ms on 20,000 words,
        # holding the interpreter while the window opens the article).
        spans = sentence_spans(article.text)
        labels = user_labels(lib)
        adaptation = adapt(labels) if labels else None
        sentences = [article.text[start:end] for start, end in spans]
        rows = score_article(sentences, adaptation=adaptation)
        stored = [
            StoredClaim(
                start=start,
                end=end,
                score=row.score,
                worth_checking=row.worth_checking,
                kinds=row.kinds,
                reasons=row.reasons,
                speaker=row.attribution.speaker,
                source=row.attribution.source,
                flags=row.attribution.flags,
            )
            for (start, end), row in zip(spans, rows, strict=True)
        ]
        store.replace_scores(article.id, sha, MODEL_VERSION, stored)
    dismissed = store.dismissed(article.id)
    return [
        ArticleClaim(
            c.start,
            c.end,
            article.text[c.start : c.end],
            c.score,
            c.worth_checking,
            c.kinds,
            c.reasons,
            c.speaker,
            c.source,
            c.flags,
            article.text[c.start : c.end] in dismissed,
        )
        for c in stored
    ]


def dismiss_claim(lib: Library, article_id: str, start: int, end: int) -> str:
    """Mark the sentence at ``start:end`` "not worth checking"; returns its text.

    Undo with :func:`undo_dismiss_claim`.  The dismissal teaches the radar the next time
    an article is scored.
    """
    from reader.store.claims import ClaimStore

    article = lib.get_article(article_id)
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"no sentence at {start}:{end}")
    exact = article.text[start:end]
    ClaimStore(lib.sql).dismiss(article.id, exact)
    return exact


def undo_dismiss_claim(lib: Library, article_id: str, start: int, end: int) -> None:
    """Take back a dismissal made by :func:`dismiss_claim`."""
    from reader.store.claims import ClaimStore

    article = lib.get_article(article_id)
    ClaimStore(lib.sql).undismiss(article.id, article.text[start:end])


def articles_needing_scores(lib: Library) -> list[str]:
    """Ids of live articles whose stored scores are missing or stale (text or model)."""
    from reader.core.models import text_sha256
    from reader.store.claims import ClaimStore

    store = ClaimStore(lib.sql)
    needing: list[str] = []
    for article_id, scored_sha, version_sha in store.score_state(MODEL_VERSION):
        if scored_sha is None:
            needing.append(article_id)
        elif scored_sha != version_sha:
            # The version's hash is that of its cleaned text; a dropped paragraph makes
            # the article's text differ, so only then is the text itself read.
            if scored_sha != text_sha256(lib.get_article(article_id).text):
                needing.append(article_id)
    return needing


def score_articles(
    lib: Library,
    article_ids: Sequence[str],
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """Score and store each article's claims (with the user's adaptation); returns how many.

    Stops between articles once ``should_stop()`` is true; an article deleted meanwhile
    is skipped.  Meant for a background worker: at import and for the existing library.
    """
    from reader.core.errors import NotFoundError

    done = 0
    total = len(article_ids)
    progress(0, total)
    for n, article_id in enumerate(article_ids, start=1):
        if should_stop():
            break
        try:
            claims_for_article(lib, article_id)
        except NotFoundError:
            log.info("article %s went away before it was scored", article_id)
        else:
            done += 1
        progress(n, total)
    return done
