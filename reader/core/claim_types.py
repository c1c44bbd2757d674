"""Claim-type chips after Full Fact's typology, found by rules a fact-checker can read.

Full Fact sorts the claims its automated tools surface into kinds that tell a checker
what work a claim needs: a number to look up, a comparison to recompute, a causal link
to question, a prediction that cannot be checked yet, a law to read, a quotation to
trace, a personal experience that cannot be checked at all.  The chips here are those
kinds.  Each comes with the words that triggered it, so the reason shown beside a
check-worthiness score is something the user can judge at a glance ("number: 10,000").

The rules are deliberately plain word patterns on one sentence: no parser, no model,
fast (a few microseconds a sentence) and the same on every machine.  They favour
precision over recall: a chip that is wrong costs the user's trust more than a chip
that is missing.  The check-worthiness classifier (:mod:`reader.core.checkworthy`) uses
the chips as features as well as reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["CLAIM_TYPES", "LABELS", "ClaimType", "ClaimTypeHit", "claim_types", "find_claim_types"]

ClaimType = Literal[
    "quantity",
    "comparison",
    "cause_effect",
    "prediction",
    "law_rule",
    "quotation",
    "personal_experience",
]

#: Every chip, in the order they are shown.
CLAIM_TYPES: tuple[ClaimType, ...] = (
    "quantity",
    "comparison",
    "cause_effect",
    "prediction",
    "law_rule",
    "quotation",
    "personal_experience",
)

#: The chip's text in the window and the command line.
LABELS: dict[ClaimType, str] = {
    "quantity": "number",
    "comparison": "comparison",
    "cause_effect": "cause and effect",
    "prediction": "prediction",
    "law_rule": "law or rule",
    "quotation": "quotation",
    "personal_experience": "personal experience",
}


@dataclass(frozen=True, slots=True)
class ClaimTypeHit:
    """One chip found in a sentence, with the words that triggered it."""

    kind: ClaimType
    evidence: str
    start: int
    end: int


_F = re.IGNORECASE

_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|quarter|twice|thrice|doubled?|tripled?|quadrupled?|halved"
)
# A year on its own ("in 2014") dates a claim but is not a quantity to check; any other
# figure is, and so are percentages, money and number words.
_QUANTITY = re.compile(
    r"[$£€¥]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|m|k)\b)?"
    r"|\b\d[\d,.]*\s?(?:%|per\s?cent\b|percent\b)"
    r"|\b(?!(?:1[89]|20)\d\d\b)\d+(?:[,.]\d+)*(?:st|nd|rd|th)?\b"
    rf"|\b(?:{_NUMBER_WORDS})(?:-\w+)?\b"
    r"|\b(?:percent|per cent|percentage|majority|minority)\b",
    _F,
)

_SUPERLATIVE_WORDS = (
    r"most|least|best|worst|highest|lowest|largest|biggest|smallest|greatest|fastest|"
    r"slowest|strongest|weakest|richest|poorest|longest|shortest|oldest|youngest|"
    r"deadliest|cheapest|safest|fewest|top|record|record-breaking|unprecedented"
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|bigger|smaller|better|worse|"
    r"faster|slower|cheaper|richer|poorer|older|younger|stronger|weaker)\s+(?:[\w,]+\s+){0,6}?than\b"
    r"|\b\w+er\s+than\b"
    r"|\bcompared\s+(?:with|to)\b|\bas\s+(?:much|many|high|low|large)\s+as\b"
    rf"|\bthe\s+(?:{_SUPERLATIVE_WORDS})\b|\b(?:{_SUPERLATIVE_WORDS})\s+ever\b"
    r"|\bfor\s+the\s+first\s+time\b|\bsince\s+(?:19|20)\d\d\b"
    r"|\b(?:rose|risen|rising|fell|fallen|falling|increased|decreased|grew|grown|"
    r"dropped|declined|doubled|tripled|halved|soared|plunged|surged|shrank)\b"
    r"|\b(?:up|down)\s+from\b|\b(?:gone|went|go|goes)\s+(?:up|down)\b",
    _F,
)

_CAUSE = re.compile(
    r"\bbecause\b|\bdue\s+to\b|\bthanks\s+to\b|\bas\s+a\s+(?:direct\s+)?result\b"
    r"|\b(?:caused|causes|causing|cause)\b|\bled\s+to\b|\blead(?:s|ing)?\s+to\b"
    r"|\bresult(?:s|ed|ing)?\s+in\b|\bresponsible\s+for\b|\bcontribut(?:ed|es|ing)\s+to\b"
    r"|\bblamed?\s+(?:\w+\s+)?for\b|\btrigger(?:ed|s)\b|\bbrought\s+about\b"
    r"|\bwhich\s+means\b|\btherefore\b|\bconsequently\b|\bsince\s+(?:it|they|we|he|she)\b",
    _F,
)

_PREDICTION = re.compile(
    r"\b(?:will|won't|shall)\s+(?!you\b)(?:not\s+|never\s+|soon\s+|also\s+|still\s+)?\w+"
    r"|\bgoing\s+to\s+(?!be\s+(?:honest|frank)\b)\w+"
    r"|\b(?:is|are)\s+(?:expected|projected|forecast|set|likely|predicted)\s+to\b"
    r"|\b(?:forecasts?|predicts?|predicted|projects?|projected|projections?)\b"
    r"|\bby\s+(?:the\s+end\s+of\s+)?20[2-9]\d\b|\bnext\s+(?:year|decade|month|week)\b"
    r"|\bin\s+the\s+(?:coming|next)\s+(?:years?|decades?|months?)\b",
    _F,
)

_LAW = re.compile(
    r"\b(?:laws?|lawful|unlawful|legal|illegal|illegally|legally|legislation|legislative|"
    r"statutes?|statutory|regulations?|regulatory|unconstitutional|constitution(?:al)?|"
    r"treaty|treaties|mandate[sd]?|mandatory|prohibit(?:ed|s)?|banned|bans?|outlawed|"
    r"veto(?:ed)?|amendment|ordinance|decree|sanctions?|court\s+ruled|ruled\s+that)\b"
    r"|\b(?:bill|act)\s+(?:that|which|would)\b"
    r"|\bsigned\s+into\s+law\b|\b(?:is|are)\s+required\s+(?:by|to)\b|\bagainst\s+the\s+rules\b",
    _F,
)
# A named act ("the Affordable Care Act") needs its capitals, so it has its own pattern.
_NAMED_ACT = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+Act\b")

_QUOTE_SPAN = re.compile(r"[\"“„«]([^\"”“„«»]{3,})[\"”»]")
_REPORTED = re.compile(
    r"\b(?!I\b|[Ww]e\b)(?:[A-Z][\w.'-]+|he|she|they|officials?|spokes(?:man|woman|person))\s+"
    r"(?:(?:also|later|earlier|then|has|had|have)\s+)?"
    r"(?:said|says|told|stated|claimed|claims|insisted|declared|announced|wrote|tweeted|argued|"
    r"added|warned|asserted|alleged)\b"
    r"|\b(?i:according\s+to|quoted\s+as\s+saying|quoted\s+by)\b",
)

_PERSONAL = re.compile(
    r"\bI(?:'ve|\s+have)?\s+(?:personally\s+|myself\s+|also\s+)?"
    r"(?:saw|seen|met|visited|watched|heard|felt|grew\s+up|lived|worked|remember|went|"
    r"talked|spoke|travel(?:l)?ed|experienced|was\s+born|was\s+raised|know\s+people)\b"
    r"|\bwhen\s+I\s+was\b|\bI\s+was\s+(?:there|a\s+\w+|in\s+\w+)\b"
    r"|\bmy\s+(?:own\s+)?(?:father|mother|dad|mom|mum|parents?|son|daughter|wife|husband|"
    r"family|brother|sister|grandfather|grandmother|children|kids|friends?|neighbou?rs?|"
    r"experience|hometown|town|district|constituents)\b",
    _F,
)

_RULES: tuple[tuple[ClaimType, tuple[re.Pattern[str], ...]], ...] = (
    ("quantity", (_QUANTITY,)),
    ("comparison", (_COMPARISON,)),
    ("cause_effect", (_CAUSE,)),
    ("prediction", (_PREDICTION,)),
    ("law_rule", (_LAW, _NAMED_ACT)),
    ("quotation", (_QUOTE_SPAN, _REPORTED)),
    ("personal_experience", (_PERSONAL,)),
)


def find_claim_types(text: str) -> list[ClaimTypeHit]:
    """Return the chips of one sentence, each with its first trigger, in chip order.

    At most one hit per kind: the earliest trigger in the sentence.
    """
    hits: list[ClaimTypeHit] = []
    for kind, patterns in _RULES:
        best: re.Match[str] | None = None
        for pattern in patterns:
            for match in pattern.finditer(text):
                if kind == "quotation" and pattern is _QUOTE_SPAN and len(match[1].split()) < 2:
                    continue
                if best is None or match.start() < best.start():
                    best = match
                break
        if best is not None:
            evidence = best[0].strip()
            if len(evidence) > 40:
                evidence = evidence[:39] + "…"
            hits.append(ClaimTypeHit(kind, evidence, best.start(), best.end()))
    return hits


def claim_types(text: str) -> tuple[ClaimType, ...]:
    """Return the kinds of claim one sentence makes, in :data:`CLAIM_TYPES` order."""
    return tuple(hit.kind for hit in find_claim_types(text))
