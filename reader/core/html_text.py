"""An HTML page's text as "select all, copy" in a browser gives it.

The copied-text line model (:mod:`reader.core.line_model`) reads a page as lines: one
block per line, a blank line around paragraphs and headings, menus and link lists as
runs of lines without blanks.  The HTML cleaner uses it as a second opinion beside
trafilatura, so it needs the page in that same shape: block elements start a new line,
elements with vertical margins (paragraphs, headings, lists, tables, quotes) a blank
line; inline elements flow; scripts, styles, templates, forms' options and hidden
elements give nothing.  The walk is iterative: deeply nested pages cannot overflow the
stack.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_LINE_TAGS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form header hgroup hr li main nav ol pre section summary "
    "table tbody tfoot thead tr ul menu legend".split()
)
_MARGIN_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre figure table ul ol dl hr".split())
_SKIP_TAGS = frozenset(
    "script style noscript template head svg iframe object embed select option datalist "
    "textarea input button canvas audio video map".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Break markers inside the joined text: a line break, a blank line.
_BR = "\x00"
_BLANK = "\x01"


def copied_text(tree: lxml.html.HtmlElement) -> str:
    """The visible text of ``tree`` laid out in lines as a browser's copy gives it."""
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if not tag or tag in _SKIP_TAGS or _hidden(element):
                walker.skip_subtree()
                element.set("data-fcr-skip", "1")
                continue
            if tag in _MARGIN_TAGS:
                parts.append(_BLANK)
            elif tag in _LINE_TAGS:
                parts.append(_BR)
            elif tag == "br":
                parts.append(_BR)
            elif tag in ("td", "th"):
                parts.append(" ")
            if element.text:
                parts.append(element.text)
        else:
            skipped = element.attrib.pop("data-fcr-skip", None) if tag else "1"
            if not skipped:
                if tag in _MARGIN_TAGS:
                    parts.append(_BLANK)
                elif tag in _LINE_TAGS:
                    parts.append(_BR)
            if element.tail and element is not root:
                parts.append(element.tail)
    return _layout("".join(parts))


def _hidden(element: lxml.etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _layout(joined: str) -> str:
    """Lines from text with break markers: source newlines are spaces, as in a browser."""
    lines: list[str] = []
    blank_pending = False
    current: list[str] = []

    def flush() -> None:
        nonlocal blank_pending
        line = _SPACES.sub(" ", "".join(current).replace("\n", " ")).strip()
        current.clear()
        if not line:
            return
        if blank_pending and lines:
            lines.append("")
        lines.append(line)
        blank_pending = False

    for piece in re.split(f"([{_BR}{_BLANK}])", joined):
        if piece == _BR:
            flush()
        elif piece == _BLANK:
            flush()
            blank_pending = True
        elif piece:
            current.append(piece)
    flush()
    return "\n".join(lines) + "\n"
