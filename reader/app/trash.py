"""The Trash: moving articles there, bringing articles and notes back, emptying it, and
what an article in it refuses.

An article in the Trash waits to be restored or emptied away.  A note added to it, a
new version or a re-cleaning would change what the user threw away without them seeing
it (the window shows no trashed article), and come back changed on a restore.  Every use
case that changes an article or a note calls :func:`refuse_if_trashed` first, so the
window and the command line refuse with the same words.

The window and ``main.py trash`` share the rest: an item in the Trash is named by the
first characters of its id, as everywhere else, and emptying it is for good.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.errors import NotFoundError, UserError
from reader.store import Library
from reader.store.trash import TrashItem

RESTORE_HINT = (
    "Restore it first (in the window: Edit → Trash…, then Restore; or main.py trash "
    "restore ID), then try again."
)


def refuse_if_trashed(lib: Library, article_id: str) -> None:
    """:class:`UserError` naming the article if it is in the Trash; nothing otherwise."""
    article = lib.get_article(article_id)
    if article.deleted_at:
        title = " ".join((article.title or "Untitled").split())
        if len(title) > 60:
            title = title[:59] + "…"
        raise UserError(f"The article “{title}” ({article.id[:8]}) is in the Trash. {RESTORE_HINT}")


def trash_items(lib: Library) -> list[TrashItem]:
    """Everything in the Trash, most recently deleted first."""
    return lib.trash()


def move_articles_to_trash(lib: Library, ids_or_prefixes: list[str]) -> list[str]:
    """Move the articles named by ``ids_or_prefixes`` (and their notes) to the Trash.

    Every name is resolved before anything moves, so a typo in the third leaves the first
    two where they were.  Returns their full ids, in the order given.
    """
    ids: list[str] = []
    for given in ids_or_prefixes:
        article_id = lib.resolve_article_id(given)
        if lib.get_article(article_id).deleted_at:
            raise UserError(f"The article {article_id[:8]} is already in the Trash.")
        if article_id not in ids:
            ids.append(article_id)
    for article_id in ids:
        lib.delete_article(article_id)
    return ids


@dataclass
class Restored:
    """What :func:`restore_from_trash` brought back, and what the user should know."""

    item: TrashItem
    warning: str = ""


def find_in_trash(lib: Library, id_or_prefix: str) -> TrashItem:
    """The article or note in the Trash whose id starts with ``id_or_prefix``."""
    given = id_or_prefix.strip()
    if not given:
        raise NotFoundError("Give the id of an item in the Trash (main.py trash lists them).")
    items = lib.trash()
    exact = [item for item in items if item.id == given]
    found = exact or [item for item in items if item.id.startswith(given)]
    if not found:
        raise NotFoundError(
            f"Nothing in the Trash has the id {given}. Run 'main.py trash' to list what is there."
        )
    if len(found) > 1:
        raise NotFoundError(f"The id {given} is ambiguous in the Trash; give more of it.")
    return found[0]


def restore_from_trash(lib: Library, id_or_prefix: str) -> Restored:
    """Bring back the article or note in the Trash named by ``id_or_prefix``.

    A note whose article is itself in the Trash comes back with it still there, and the
    warning says so: the note shows again only once its article is restored.
    """
    item = find_in_trash(lib, id_or_prefix)
    if item.kind == "article":
        lib.restore_article(item.id)
        return Restored(item)
    lib.restore_note(item.id)
    article = lib.get_article(lib.get_note(item.id).article_id)
    if article.deleted_at:
        return Restored(
            item,
            f"its article {article.id[:8]} is still in the Trash; restore it too to see "
            "the note (main.py trash restore " + article.id[:8] + ")",
        )
    return Restored(item)


def empty_trash(lib: Library) -> int:
    """Delete everything in the Trash for good; how many items went."""
    return lib.empty_trash()
