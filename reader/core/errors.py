"""Errors the user can do something about.

A :class:`UserError` is an expected fault of the world (a file that is empty, a URL
that times out, a database written by a newer version).  Its message is shown to the
user as it is, so it says what happened and what to do next.  Anything else that
escapes is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """A fault the user can fix; ``str(err)`` is a complete, friendly message."""


class InputError(UserError):
    """The input (file, clipboard, page) cannot be turned into an article."""


class NoArticleError(InputError):
    """The input was read but no article text was recognised in it.

    ``text`` carries the whole normalised text so the caller can offer to keep it.
    """

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text


class FetchError(UserError):
    """A URL could not be fetched (time-out, HTTP error, wrong content type…)."""


class StoreError(UserError):
    """The database cannot be used (corrupt, locked, newer version, read-only…)."""


class NotFoundError(UserError):
    """An article or note id that does not exist."""
