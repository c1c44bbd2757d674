"""Importers: bring input in from a file, a URL or the clipboard, as raw input.

An importer only *reads*; it never cleans.  It returns a :class:`RawInput` — the bytes
exactly as they arrived, their declared media type and where they came from — so the
raw input can be stored beside the article and cleaned again when the cleaner improves.
:func:`reader.core.pipeline.clean_input` turns a :class:`RawInput` into an article.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawInput:
    """Input as it arrived: bytes, declared media type, and origin.

    ``origin`` is the file path or the final URL (after redirects); ``name`` is a file
    name whose extension can tell HTML from text; ``url`` is the page address when the
    input came from the web.  ``notices`` are things the user should be told about how
    the input was read (for example, credentials removed from the address).
    """

    data: bytes
    media_type: str | None
    origin: str
    name: str | None = None
    url: str | None = None
    notices: tuple[str, ...] = ()


__all__ = ["RawInput"]
