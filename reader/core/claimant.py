"""Who made a claim, when the sentence says so ("…," Lavrov said).

ClaimReview's ``itemReviewed.author`` names the claimant.  A note quotes a sentence; when
that sentence (or the one after it, for a quote that runs over two sentences) attributes
its words with a reporting verb next to a capitalised name, that name is the claimant.
Anything less clear gives None, and the caller falls back to the article's author: a
wrong name in published markup is worse than a general one.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
_VERB = r"(?:said|says|told|added|claimed|insisted|stated|wrote|argued|declared)"
# '…," Lavrov said' / '…," Sergei Lavrov told reporters' / '…, said John Kerry.'
_AFTER_QUOTE = re.compile(r"[,.!?…][\"”’»]\s+(" + _NAME + r")\s+" + _VERB + r"\b")
_VERB_FIRST = re.compile(r"[,.!?…][\"”’»]?\s+" + _VERB + r"\s+(" + _NAME + r")\s*[.,;]")
# Words of a title before a name ("Foreign Minister Lavrov"): not part of the name.
_TITLE_WORDS = frozenset(
    "Foreign Minister Secretary State President Prime Senator Governor Mayor Chancellor "
    "Spokesman Spokeswoman Spokesperson General Director Chief Deputy Ambassador Mr Mrs "
    "Ms Dr Professor The".split()
)


def claimant_in(sentences: str) -> str | None:
    """The name a quoted sentence attributes its words to, or None when it is not clear."""
    match = _AFTER_QUOTE.search(sentences) or _VERB_FIRST.search(sentences)
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0].rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words) or None


def speaker_key(name: str) -> str:
    """What the spellings of one speaker have in common: "Jane  Doe" and "jane doe"
    are one speaker in the lists and filters."""
    return " ".join(name.split()).casefold()
