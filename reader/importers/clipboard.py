"""Choose what to import from a clipboard that may carry HTML and plain text.

When the user copies from a browser, the clipboard holds two flavours of the same
selection: ``text/html`` (the markup of the selection, sometimes of the whole page) and
``text/plain`` (what the browser rendered).  The Qt side reads both strings; this
module decides, without Qt, which one to clean.

The HTML flavour keeps headings, paragraphs and lists, so it is preferred — but only
when it carries the same text as the plain flavour.  Some applications put a bare
fragment, an image tag, or their own markup around a single word on the clipboard; the
plain text is then the better witness of what the user meant to copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from reader.core.errors import InputError
from reader.core.models import CleanArticle
from reader.core.pipeline import check_size, clean_text_input

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
# The HTML flavour must carry at least this share of the plain text's words to be
# trusted as the same selection.
_MIN_SHARED_WORDS = 0.6
# Browsers wrap clipboard HTML in these Windows "CF_HTML" header lines.
_CF_HTML_HEADER = re.compile(
    r"^(?:Version|StartHTML|EndHTML|StartFragment|EndFragment|SourceURL):[^\n]*\n", re.MULTILINE
)
_SOURCE_URL = re.compile(r"^SourceURL:(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class ClipboardChoice:
    """What to clean: the text, the HTML (or None to use the text only), and the
    page URL when the clipboard names one."""

    text: str
    html: str | None
    source_url: str | None = None


def choose_flavour(text: str | None, html: str | None) -> ClipboardChoice:
    """Decide which clipboard flavour to clean.

    Returns the plain text always (the fallback), and the HTML only when it is present
    and carries most of the words of the plain text (or there is no plain text).
    Raises :class:`reader.core.errors.InputError` when the clipboard holds neither, or
    holds too much.
    """
    text = text or ""
    html = html or ""
    check_size(
        len(text.encode("utf-8", errors="ignore")) + len(html.encode("utf-8", errors="ignore"))
    )
    source_url_match = _SOURCE_URL.search(html[:2000])
    source_url = source_url_match.group(1) if source_url_match else None
    html = (
        _CF_HTML_HEADER.sub("", html) if source_url_match or html.startswith("Version:") else html
    )
    if not text.strip() and not html.strip():
        raise InputError(
            "The clipboard has no text in it. Select the article in your browser, copy "
            "it, then paste again."
        )
    if not html.strip():
        return ClipboardChoice(text, None, source_url)
    if not text.strip():
        return ClipboardChoice(_visible_words_text(html), html, source_url)
    return ClipboardChoice(text, html if _same_selection(text, html) else None, source_url)


def clean_clipboard(text: str | None, html: str | None) -> CleanArticle:
    """Clean what the clipboard holds: the HTML flavour when trustworthy, else the text."""
    choice = choose_flavour(text, html)
    return clean_text_input(choice.text, choice.html, url=choice.source_url)


def _same_selection(text: str, html: str) -> bool:
    plain_words = set(_WORD.findall(text.casefold()))
    if not plain_words:
        return True
    html_words = set(_WORD.findall(_visible_words_text(html).casefold()))
    return len(plain_words & html_words) >= _MIN_SHARED_WORDS * len(plain_words)


def _visible_words_text(html: str) -> str:
    """A rough text of ``html`` for comparing words (not for display)."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return unescape(_TAG.sub(" ", html))
