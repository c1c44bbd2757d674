"""Search everything: article text and titles, notes, sources and tags.

- :func:`search` — full-text hits (words matched as prefixes, all required), narrowed
  by a verdict, a status, a tag, or whether the article has notes.
"""

from __future__ import annotations

from reader.core.errors import UserError
from reader.core.verdicts import BY_KEY, STATUSES
from reader.store import Library
from reader.store.search import SearchHit


def search(
    lib: Library,
    query: str,
    *,
    verdict: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    has_notes: bool | None = None,
    limit: int = 200,
) -> list[SearchHit]:
    """The hits for ``query``, best first; an empty list for a query without words."""
    if verdict is not None and verdict not in BY_KEY:
        raise UserError(f"Unknown verdict “{verdict}”. Use one of: {', '.join(BY_KEY)}.")
    if status is not None and status not in STATUSES:
        raise UserError(f"Unknown status “{status}”. Use one of: {', '.join(STATUSES)}.")
    return lib.search(
        query, verdict=verdict, status=status, tag=tag, has_notes=has_notes, limit=limit
    )
