"""A fact-checker's own rating ("Pants on Fire", "Half True") read as one of our verdicts.

Publishers word their ratings freely; only the common ones are read, and a rating that
is not recognised gives no verdict (the user picks one), never a guess.
"""

from __future__ import annotations

import re

from reader.core.verdicts import BY_KEY, VERDICTS, Stance, VerdictKey

# The publishers' wordings beyond our own labels, folded (see _fold).
_WORDINGS: dict[str, VerdictKey] = {
    "correct": "true",
    "accurate": "true",
    "mostly correct": "mostly_true",
    "mostly accurate": "mostly_true",
    "half true": "mixed",
    "half false": "mixed",
    "partly true": "mixed",
    "partly false": "mixed",
    "partially true": "mixed",
    "partially false": "mixed",
    "mixture": "mixed",
    "pants on fire": "false",
    "incorrect": "false",
    "wrong": "false",
    "four pinocchios": "false",
    "fake": "fabricated",
    "fabricated": "fabricated",
    "fake news": "fabricated",
    "miscaptioned": "misleading",
    "misattributed": "misleading",
    "distorts the facts": "misleading",
    "needs context": "missing_context",
    "lacks context": "missing_context",
    "out of context": "missing_context",
    "unsupported": "unproven",
    "unverified": "unproven",
    "unproven": "unproven",
    "no evidence": "unproven",
    "unsubstantiated": "unproven",
    "labeled satire": "satire",
    "satire": "satire",
}


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.casefold()))


def verdict_for_rating(rating: str) -> VerdictKey | None:
    """Our verdict for a publisher's rating, or None when the rating is not one we read.

    Our own labels ("Mostly false") and keys ("mostly_false") are read too.
    """
    folded = _fold(rating)
    if not folded:
        return None
    for v in VERDICTS:
        if folded in (_fold(v.label), _fold(v.key.replace("_", " "))):
            return v.key
    return _WORDINGS.get(folded)


def stance_of(verdict: VerdictKey | None) -> Stance:
    """How a fact-check with ``verdict`` bears on the claim: a false rating refutes it."""
    rating = BY_KEY[verdict].rating if verdict is not None else None
    if rating is None:
        return "context"
    return "refutes" if rating <= 2 else "supports" if rating >= 4 else "context"
