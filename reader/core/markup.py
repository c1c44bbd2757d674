"""Note Markdown → safe HTML for display.

Notes are written by the user but may contain text pasted from anywhere.  Raw HTML in
a note is shown as text, never rendered: the Markdown parser's HTML pass-through is
removed, so ``<script>`` or ``<img src=…>`` come out escaped.  Only the links
:func:`reader.core.links.allowed_link` allows (http, https, mailto, DOI) stay links;
any other is shown as text, by the same rule every export uses.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.core.links import allowed_link, neutralise_markdown_links

_HREF = re.compile(r'<a href="([^"]*)"')
_IMG = re.compile(r"<img [^>]*>")


def _make_markdown() -> Any:
    import markdown  # imported on first use: it is not needed to start the window

    md = markdown.Markdown(extensions=["sane_lists", "fenced_code"], output_format="html")
    # Without these, raw HTML blocks and inline tags pass through unescaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _neuter_link(match: re.Match[str]) -> str:
    href = html.unescape(match.group(1))
    if allowed_link(href):
        return match.group(0)
    return '<a href="#"'


def _img_as_text(match: re.Match[str]) -> str:
    return html.escape(match.group(0))


def markdown_to_safe_html(text: str) -> str:
    """Render note Markdown as HTML that runs nothing and loads nothing."""
    md = _make_markdown()
    out = md.convert(neutralise_markdown_links(text))
    out = _HREF.sub(_neuter_link, out)
    # Images would be fetched when displayed; show their Markdown source instead.
    return _IMG.sub(_img_as_text, out)


def is_safe_link(url: str) -> bool:
    """Whether a link may be opened in the system browser (http and https only)."""
    return url.strip().lower().startswith(("http://", "https://"))
