"""The verdict vocabulary, with labels, ratings and colours, and the note statuses.

Colour is never shown alone: every place that tints by verdict also shows the label
or the short ``mark``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The verdict keys, as stored and exported; :data:`VERDICTS` gives their labels.
VerdictKey = Literal[
    "true",
    "mostly_true",
    "mixed",
    "mostly_false",
    "false",
    "misleading",
    "missing_context",
    "fabricated",
    "unproven",
    "not_checkable",
    "satire",
]


@dataclass(frozen=True)
class Verdict:
    """One verdict of the vocabulary, with how it is shown and rated."""

    key: VerdictKey
    label: str
    rating: int | None  # ClaimReview ratingValue, 1 worst … 5 best; None = not rated
    colour: str  # a light tint, readable under dark text
    dark_colour: str  # the same verdict on a dark background
    mark: str  # a one-character marker shown beside the tint


VERDICTS: tuple[Verdict, ...] = (
    Verdict("true", "True", 5, "#c8efc8", "#1f5a2a", "✓"),
    Verdict("mostly_true", "Mostly true", 4, "#dcf2c4", "#3a5a1f", "✓"),
    Verdict("mixed", "Mixed", 3, "#fbeab0", "#5e4d14", "±"),
    Verdict("mostly_false", "Mostly false", 2, "#fcd3b0", "#6a3a14", "✗"),
    Verdict("false", "False", 1, "#f8b9b9", "#6e1f1f", "✗"),
    Verdict("misleading", "Misleading", 2, "#f5c6e6", "#5e1f4d", "!"),
    Verdict("missing_context", "Missing context", 3, "#d9d2f5", "#3b2f6e", "…"),
    Verdict("fabricated", "Fabricated", 1, "#e9a6a6", "#5a1010", "✗"),
    Verdict("unproven", "Unproven", None, "#e2e2e2", "#444444", "?"),
    Verdict("not_checkable", "Not checkable", None, "#d6e6ee", "#24404e", "–"),
    Verdict("satire", "Satire", None, "#c9eee9", "#1d4f49", "☺"),
)

BY_KEY: dict[str, Verdict] = {v.key: v for v in VERDICTS}

RATING_WORST = 1
RATING_BEST = 5


def verdict(key: str) -> Verdict:
    """Return the verdict for ``key``; raise ``ValueError`` naming the valid keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        valid = ", ".join(BY_KEY)
        raise ValueError(f"Unknown verdict {key!r}. Use one of: {valid}.") from None


def verdict_key_of(value: str | None) -> VerdictKey | None:
    """``value`` as a :data:`VerdictKey` (None stays None); ``ValueError`` otherwise."""
    if value is None:
        return None
    return verdict(value).key


def label(key: str | None) -> str:
    """The human label of a verdict key, or "No verdict" for ``None``."""
    if not key:
        return "No verdict"
    return verdict(key).label


# Where a note stands in the fact-checker's work, least advanced first.
Status = Literal["to_check", "in_progress", "needs_review", "done"]
STATUSES: tuple[Status, ...] = ("to_check", "in_progress", "needs_review", "done")
STATUS_LABELS: dict[str, str] = {
    "to_check": "To check",
    "in_progress": "In progress",
    "needs_review": "Needs review",
    "done": "Done",
}


def status_of(value: str) -> Status:
    """``value`` as a :data:`Status`; ``ValueError`` naming the valid ones."""
    for status in STATUSES:
        if status == value:
            return status
    raise ValueError(f"Unknown status {value!r}. Use one of: {', '.join(STATUSES)}.")


# How a source bears on a note's claim.
Stance = Literal["supports", "refutes", "context"]
STANCES: tuple[Stance, ...] = ("supports", "refutes", "context")
