"""Importers: bring input in from a file, a URL or the clipboard, as raw input.

An importer only *reads*; it never cleans, and it never touches the library.  It
returns a :class:`~reader.core.models.RawInput`: the bytes exactly as they arrived,
their declared media type and where they came from, so the raw input can be stored
beside the article and cleaned again when the cleaner improves.
"""

from __future__ import annotations

from reader.core.models import RawInput

__all__ = ["RawInput"]
