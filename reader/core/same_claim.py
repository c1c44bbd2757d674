"""Where else a note's claim turns up: what the exports list under "Also appears in".

The user confirms that two notes make the same claim, or that a note makes the claim an
imported fact-check reviewed (the claims memory's links).  The app layer gathers, for
each exported note, the other articles whose notes carry that claim and the fact-checks
linked to it, and hands them to the renderers as a :class:`SameClaim` per note id; the
renderers never open the library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.core.claim_match import FactCheck


@dataclass(frozen=True)
class OtherArticle:
    """Another article with a note making the same claim."""

    article_id: str
    title: str
    url: str = ""  # "" when the article has no address


@dataclass(frozen=True)
class SameClaim:
    """The other articles carrying a note's claim, and the fact-checks linked to it."""

    articles: tuple[OtherArticle, ...] = ()
    factchecks: tuple[FactCheck, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.articles or self.factchecks)


SameClaims = Mapping[str, SameClaim]
"""A :class:`SameClaim` by note id; a note without an entry has nothing to list."""

NOTHING: SameClaims = {}
