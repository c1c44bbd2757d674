"""Raw input → clean article: the one entry point every importer goes through.

Files, fetched pages and the clipboard all arrive as bytes or text of uncertain kind.
This module applies the checks that do not depend on where the input came from — a
size cap, emptiness, binary data, the encoding — then decides whether the input is
HTML or plain text and hands it to the matching cleaner.

HTML is recognised by, in order: the media type, the file name's extension, then the
content itself (a doctype or ``<html>`` at the start, or enough block-level tags near
the top).  Plain text that merely mentions ``<b>`` is not HTML: it needs several
distinct block tags to be taken for markup, so a pasted article about HTML is not run
through the HTML extractor.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.clean_html import clean_html
from reader.core.decode import decode_bytes
from reader.core.errors import InputError
from reader.core.models import CleanArticle
from reader.core.normalize import normalize_text

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Largest input accepted.  A long article page is well under 5 MB with its markup;
anything bigger is an archive, a data dump or a mistake, and would freeze extraction."""

_HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_MEDIA_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")
_TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(p|div|br|h[1-6]|ul|ol|li|table|tr|td|article|section|span|a|meta|"
    r"script|style|link|title|head|body|header|footer|nav)\b[^>]*>",
    re.IGNORECASE,
)
# Looking at the top of the text is enough to tell markup from prose.
_SNIFF_CHARS = 4096
_MIN_DISTINCT_TAGS = 3
_MIN_TAGS = 5


def clean_input(
    data: bytes,
    media_type: str | None,
    url: str | None = None,
    name: str | None = None,
) -> CleanArticle:
    """Turn raw input bytes into a clean article, or raise a :class:`InputError`.

    ``media_type`` is the declared type (an HTTP Content-Type, or None for files),
    ``url`` where a page was fetched from, ``name`` a file name (its extension helps to
    tell HTML from text).  Raises :class:`InputError` for empty, binary or oversized
    input, and :class:`NoArticleError` (carrying the text) when no article is found.
    """
    check_size(len(data))
    if not data.strip():
        if url:
            raise InputError(
                "The page is empty: the site sent nothing to read. Try again later, or open "
                "it in your browser and copy the text."
            )
        raise InputError("The file is empty: there is nothing to read. Choose another file.")
    text = decode_bytes(data, media_type)
    # (Normalising a whole page costs milliseconds; only a short text can be all blanks.)
    if not text.strip() or (len(text) < 65536 and not normalize_text(text).strip()):
        raise InputError(
            f"The {'page' if url else 'file'} is empty: it contains only spaces, line breaks "
            "or invisible characters."
        )
    if not _has_visible_character(text):
        raise InputError(
            "The file holds only invisible characters (zero-width spaces, joiners or other "
            "formatting marks) and no text to read. Choose the file the article is in."
        )
    if looks_like_html(text, media_type, name):
        return clean_html(text, url)
    return _clean_plain_text(text)


def clean_text_input(text: str, html: str | None = None, url: str | None = None) -> CleanArticle:
    """Clean text the user pasted, preferring its HTML flavour when there is one.

    Browsers put both an HTML and a plain-text flavour on the clipboard.  The HTML keeps
    the page structure, so it is tried first; when it yields no article (a fragment
    without enough text, or markup that cannot be read) the plain text is cleaned
    instead.  ``url`` is the page the selection was copied from, when known.
    """
    check_size(len(text.encode("utf-8", errors="ignore")))
    if html is not None:
        check_size(len(html.encode("utf-8", errors="ignore")))
    if html and html.strip():
        try:
            return clean_html(html, url)
        except InputError:
            if not text.strip():
                raise
    if not text.strip():
        raise InputError("The clipboard is empty: copy the article text first, then paste.")
    if len(text) < 65536 and not _has_visible_character(text):
        raise InputError(
            "What was pasted holds only invisible characters (zero-width spaces, joiners or "
            "other formatting marks) and no text. Copy the article text again, then paste."
        )
    return _clean_plain_text(text)


def _has_visible_character(text: str) -> bool:
    # Stops at the first visible character: at once for any real text.
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf") for ch in text)


def check_size(size: int) -> None:
    """Raise :class:`InputError` when ``size`` bytes exceed :data:`MAX_INPUT_BYTES`."""
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"This input is too large ({size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_INPUT_BYTES // 1_048_576} MB). An article page is much smaller: check "
            "that this is the right file, or copy just the article text and paste it."
        )


def looks_like_html(text: str, media_type: str | None = None, name: str | None = None) -> bool:
    """Whether ``text`` should go to the HTML cleaner.

    The declared media type wins, then the file extension, then the content: a doctype
    or ``<html>``/``<head>``/``<body>`` at the start, or several distinct tags near the
    top.
    """
    essence = (media_type or "").split(";")[0].strip().lower()
    if essence in _HTML_MEDIA_TYPES:
        return True
    if essence in _TEXT_MEDIA_TYPES:
        return False
    lowered = (name or "").lower()
    if lowered.endswith(_HTML_EXTENSIONS):
        return True
    if lowered.endswith(_TEXT_EXTENSIONS):
        return False
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    tags = [match.group(1).lower() for match in _BLOCK_TAG.finditer(head)]
    return len(tags) >= _MIN_TAGS and len(set(tags)) >= _MIN_DISTINCT_TAGS


def _clean_plain_text(text: str) -> CleanArticle:
    # Imported here: the text cleaner is a separate module that may be absent or broken
    # without affecting HTML input.
    from reader.core.clean_text import clean_copied_text

    return clean_copied_text(text)
