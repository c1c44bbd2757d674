"""What an article in the Trash refuses: any change to it or to its notes.

An article in the Trash waits to be restored or emptied away.  A note added to it, a
new version or a re-cleaning would change what the user threw away without them seeing
it (the window shows no trashed article), and come back changed on a restore.  Every use
case that changes an article or a note calls :func:`refuse_if_trashed` first, so the
window and the command line refuse with the same words.
"""

from __future__ import annotations

from reader.core.errors import UserError
from reader.store import Library

RESTORE_HINT = "Restore it first (in the window: Edit → Trash…, then Restore), then try again."


def refuse_if_trashed(lib: Library, article_id: str) -> None:
    """:class:`UserError` naming the article if it is in the Trash; nothing otherwise."""
    article = lib.get_article(article_id)
    if article.deleted_at:
        title = " ".join((article.title or "Untitled").split())
        if len(title) > 60:
            title = title[:59] + "…"
        raise UserError(f"The article “{title}” ({article.id[:8]}) is in the Trash. {RESTORE_HINT}")
