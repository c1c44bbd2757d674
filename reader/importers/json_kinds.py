"""Which of our importers a JSON file belongs to, told from its first kilobytes.

Each importer refuses a file that holds none of what it reads; when the file is one
another importer reads (an annotation export given to the JSON import, a library export
given to the fact-check import …), its message names the importer to use instead.
"""

from __future__ import annotations

import re
from typing import Literal

JsonKind = Literal["library", "annotations", "claimreview"]

SNIFF_CHARS = 4096

_ANNOTATIONS = re.compile(r'"@context"\s*:\s*"http://www\.w3\.org/ns/anno\.jsonld"')
_CLAIMREVIEW = re.compile(r'"@type"\s*:\s*"(?:https?://schema\.org/)?ClaimReview"')
# The library export sorts its keys: each article opens with its block choices.
_LIBRARY = re.compile(r'^\s*\{\s*"articles"\s*:\s*\[\s*(?:\]|\{\s*"block_overrides")')

_IMPORTERS: dict[JsonKind, str] = {
    "library": "a Fact-Check Reader library export: bring it in with Import JSON "
    "(import-json on the command line)",
    "annotations": "W3C Web Annotations: bring them in with Import annotations "
    "(import-annotations on the command line)",
    "claimreview": "ClaimReview fact-checks: bring them in with Import fact-checks "
    "(import-factchecks on the command line)",
}


def json_kind(head: str) -> JsonKind | None:
    """What the JSON text starting with ``head`` is, if it is one of the kinds we import."""
    head = head[:SNIFF_CHARS].lstrip("\ufeff")
    if _LIBRARY.match(head):
        return "library"
    if _ANNOTATIONS.search(head):
        return "annotations"
    if _CLAIMREVIEW.search(head):
        return "claimreview"
    return None


def belongs_elsewhere(head: str, name: str, here: JsonKind) -> str | None:
    """A one-line message when the JSON text starting with ``head`` is for another
    importer than ``here``'s, naming that one; None when it is not."""
    kind = json_kind(head)
    if kind is None or kind == here:
        return None
    return f"{name} holds {_IMPORTERS[kind]}."
