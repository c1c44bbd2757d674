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


# Tints follow a blue (true) to vermillion (false) scale, which stays ordered for the
# common red-green colour blindness (after Okabe and Ito's palette); verdicts off that
# scale get hues of their own.  Colour never works alone: each verdict has a glyph of
# its own, so True/Mostly true and False/Fabricated differ in shape as well.  Every
# tint keeps text at a contrast of at least 4.5:1 (WCAG AA) in its theme
# (tests/core/test_verdicts.py).
VERDICTS: tuple[Verdict, ...] = (
    Verdict("true", "True", 5, "#a9d5f2", "#0b4d78", "✔"),
    Verdict("mostly_true", "Mostly true", 4, "#d3ebf8", "#2a5f80", "✓"),
    Verdict("mixed", "Mixed", 3, "#f2e7a0", "#5a5010", "◑"),
    Verdict("mostly_false", "Mostly false", 2, "#f8d2a2", "#74450c", "✗"),
    Verdict("false", "False", 1, "#f0a47c", "#862c06", "✘"),
    Verdict("misleading", "Misleading", 2, "#ecc3de", "#6b2a57", "!"),
    Verdict("missing_context", "Missing context", 3, "#d9d1f3", "#3d3273", "…"),
    Verdict("fabricated", "Fabricated", 1, "#dcc6b4", "#5a3c2a", "⊘"),
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


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour (0 black … 1 white)."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 … 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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
