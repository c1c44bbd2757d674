"""Which link targets may stay live in anything we write, and credentials in addresses.

A note body is the user's Markdown, but it may hold text pasted from anywhere: a
``[click](javascript:…)`` link or a ``<data:text/html,…>`` autolink would run or load
something in whatever renders the export (Obsidian, a browser, the window's preview).
Every exporter and renderer asks :func:`allowed_link` and passes the body through
:func:`neutralise_markdown_links`, so the rule lives in one place: http, https, mailto
and DOI links stay links; anything else is shown as text.
"""

from __future__ import annotations

import html
import re
import urllib.parse

ALLOWED_SCHEMES = ("http", "https", "mailto", "doi")
"""Schemes a link may keep; everything else is shown as text."""

# Browsers drop ASCII tab and newlines anywhere in a URL and leading C0 controls and
# spaces before the scheme, so "java\tscript:" is "javascript:" to them.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def link_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser would read it (lower case), or None if relative.

    Character references are decoded and the characters browsers ignore are dropped
    first, so ``&#106;avascript:`` and ``java\\tscript:`` both give ``javascript``.
    """
    text = html.unescape(url)
    text = _IGNORED_IN_URL.sub("", text).lstrip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08"
        "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
        "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
        "\x1e\x1f "
    )
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def allowed_link(url: str) -> bool:
    """Whether ``url`` may be a live link: http(s) with a host, mailto, or a DOI.

    A bare DOI (``10.1000/xyz``) counts as a DOI; other relative addresses do not,
    because an export has no page for them to be relative to.  An address with a
    line break or other control character is refused: it cannot be one link.
    """
    stripped = url.strip()
    if not stripped or any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in stripped):
        return False
    scheme = link_scheme(stripped)
    if scheme is None:
        return bool(_BARE_DOI.match(stripped))
    if scheme not in ALLOWED_SCHEMES:
        return False
    if scheme in ("http", "https"):
        try:
            return bool(urllib.parse.urlsplit(stripped).hostname)
        except ValueError:
            return False
    return True


# The destination after "](" of an inline link or image, whatever the label holds
# (nested brackets, code spans, line breaks): matching from "](" rather than from "["
# means no label can hide a link from us.
_INLINE_DESTINATION = re.compile(r"\]\((?P<ws>\s*)(?P<dest><[^>\n]*>|[^\s)]*)")
# <scheme:…> autolinks (CommonMark: a scheme of 2-32 characters, no spaces or <>).
_AUTOLINK = re.compile(r"<(?P<dest>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
# "[label]: destination" (a link reference definition; the destination may be on
# the next line).  Matched anywhere, not only at a line start: containers (">", "- ")
# may precede it, and defusing a look-alike mid-line changes nothing visible.
_REFERENCE = re.compile(r"\]:(?P<ws>[ \t]*\n?[ \t]*)(?P<dest><[^>\n]*>|\S+)")


def _bare(dest: str) -> str:
    return dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest


def _inline(match: re.Match[str]) -> str:
    if allowed_link(_bare(match.group("dest"))):
        return match.group(0)
    # "]\(" is not a link in any dialect: the text stays readable, nothing is clickable.
    return "]\\(" + match.group("ws") + match.group("dest")


def _autolink(match: re.Match[str]) -> str:
    dest = match.group("dest")
    if allowed_link(dest):
        return match.group(0)
    # Character references are text in every Markdown dialect; a backslash before "<"
    # is not (Python-Markdown cannot escape "<").
    return "&lt;" + dest + "&gt;"


def _reference(match: re.Match[str]) -> str:
    if allowed_link(_bare(match.group("dest"))):
        return match.group(0)
    return "]&#58;" + match.group("ws") + match.group("dest")


def neutralise_markdown_links(markdown: str) -> str:
    """``markdown`` with every link whose target :func:`allowed_link` refuses made text.

    ``[label](javascript:…)`` and ``![alt](data:…)`` lose the link syntax (``]\\(``),
    ``<javascript:…>`` autolinks are shown as text, and ``[ref]: javascript:…``
    definitions stop being definitions.  The text stays readable; allowed links and
    everything else are left exactly as written (inside code too, which is why a
    dangerous link in a code block is shown with the same marks).
    """
    if "](" in markdown:
        markdown = _INLINE_DESTINATION.sub(_inline, markdown)
    if "<" in markdown:
        markdown = _AUTOLINK.sub(_autolink, markdown)
    if "]:" in markdown:
        markdown = _REFERENCE.sub(_reference, markdown)
    return markdown


def strip_credentials(url: str) -> tuple[str, bool]:
    """``url`` without a ``user:password@`` part, and whether there was one."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url, False
    if "@" not in parts.netloc:
        return url, False
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=host)), True
