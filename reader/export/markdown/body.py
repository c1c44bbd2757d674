"""The note body: the user's own Markdown, kept except what could break the file.

The rules are listed in :mod:`reader.export.markdown` (headings demoted, raw HTML shown
as text, fences closed and made acceptable to both dialects, marker lines defused).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.links import neutralise_markdown_links
from reader.export.markdown.escaping import _drop_controls
from reader.export.markdown.markers import MARKER_NAME

_BODY_HEADING_SHIFT = 2

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
# The info strings Python-Markdown's fenced_code accepts: ".lang" or "{attrs}".
_PYMD_INFO = re.compile(r"^[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*)[ ]*$")
_CONTAINER_PREFIX = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_ATX = re.compile(r"^(#+)(?=[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]*[=-]+[ \t]*$")
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_BODY_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>"
)
_BACKTICK_RUN = re.compile(r"`+")
_OUR_MARKER_LINE = re.compile(r"^\s*<!--\s*" + MARKER_NAME, re.IGNORECASE)
# A body line no rule of :func:`sanitize_body` touches: it cannot open a container,
# heading, fence or setext underline (its first characters), and holds no "<".
_PLAIN_BODY_LINE = re.compile(r"(?!\d+[.)])[^\s>+*\-#`~=<][^<]*")


def _neutralise_html(segment: str, *, footnotes: bool = True) -> str:
    """``<tag``, ``<!--`` and ``-->`` shown as text; autolinks kept.

    With ``footnotes=False``, footnote references (``[^1]``) are escaped too.
    """
    if not footnotes:
        segment = segment.replace("[^", "\\[^")
    out: list[str] = []
    pos = 0
    for match in _HTML_START.finditer(segment):
        out.append(segment[pos : match.start()])
        if _BODY_AUTOLINK.match(segment, match.start()):
            out.append("<")
        else:
            out.append("&lt;")
        pos = match.end()
    out.append(segment[pos:])
    return "".join(out).replace("-->", "--&gt;")


def _neutralise_html_outside_code_spans(line: str, *, footnotes: bool = True) -> str:
    """Apply :func:`_neutralise_html` except inside inline code spans on this line."""
    out: list[str] = []
    pos = 0
    runs = list(_BACKTICK_RUN.finditer(line))
    i = 0
    while i < len(runs):
        opener = runs[i]
        closer_index = next(
            (j for j in range(i + 1, len(runs)) if len(runs[j].group()) == len(opener.group())),
            None,
        )
        if closer_index is None:
            i += 1
            continue
        closer = runs[closer_index]
        out.append(_neutralise_html(line[pos : opener.start()], footnotes=footnotes))
        out.append(line[opener.start() : closer.end()])
        pos = closer.end()
        i = closer_index + 1
    out.append(_neutralise_html(line[pos:], footnotes=footnotes))
    return "".join(out)


def _split_container_prefix(line: str) -> tuple[str, str]:
    """``("> - ", "rest")``: blockquote and list markers, then the line's content."""
    match = _CONTAINER_PREFIX.match(line)
    cut = match.end() if match else 0
    return line[:cut], line[cut:]


def _demote_heading(rest: str) -> str | None:
    """The line part after container markers with its heading demoted, or None."""
    match = _ATX.match(rest)
    if match:
        level = min(len(match.group(1)) + _BODY_HEADING_SHIFT, 6)
        return "#" * level + rest[match.end() :]
    if rest.startswith("#"):
        # "#tag": a heading for Python-Markdown, a tag for CommonMark. Text in both.
        return "\\" + rest
    return None


@dataclass
class _Fence:
    char: str
    length: int
    line: str  # the opening fence as written out, used again to close it


def sanitize_body(body: str, *, in_footnote: bool = False) -> list[str]:
    """The lines of a note body, made unable to break the export's structure.

    See the module docstring for the rules.  ``in_footnote=True`` is for a body that
    becomes a footnote (annotated export): its own footnote references are escaped so
    they cannot point at ours, and lines inside fenced code get the same treatment as
    the rest, since an indented fence is not a fence to Python-Markdown.
    """
    keep_code_verbatim = not in_footnote
    # Control characters first: Python-Markdown deletes some (\x02 and \x03 are its own
    # placeholders), which would turn "\x02##" into a heading after our checks.
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    text = neutralise_markdown_links(_drop_controls(body))
    out: list[str] = []
    fence: _Fence | None = None
    previous_kind = "blank"  # blank | text | heading | fence | marker
    for raw in text.split("\n"):
        if (
            fence is None
            and _PLAIN_BODY_LINE.fullmatch(raw)
            and "-->" not in raw
            and not (in_footnote and "[^" in raw)
        ):
            # The common line of prose: none of the rules below would change it.
            out.append(raw)
            previous_kind = "text"
            continue
        if fence is not None:
            close = re.match(r"^ {0,3}(" + re.escape(fence.char) + r"{3,})[ \t]*$", raw)
            if close and len(close.group(1)) >= fence.length:
                out.append(fence.char * fence.length)
                fence = None
                previous_kind = "fence"
                continue
            if keep_code_verbatim:
                out.append(_neutralise_html(raw) if _OUR_MARKER_LINE.match(raw) else raw)
                continue
        else:
            opening = _FENCE_OPEN.match(raw)
            if opening:
                chars, info = opening.group(2), opening.group(3)
                if (chars[0] == "`" and "`" in info) or not _PYMD_INFO.match(info):
                    # Not a fence for both dialects: keep it as text for both.
                    escape = "\\`" if chars[0] == "`" else "&#126;"
                    raw = opening.group(1) + escape + raw[len(opening.group(1)) + 1 :]
                else:
                    fence = _Fence(chars[0], len(chars), chars + info.rstrip())
                    out.append(fence.line)
                    previous_kind = "fence"
                    continue

        if not raw.strip():
            out.append("")
            previous_kind = "blank"
            continue

        prefix, rest = _split_container_prefix(raw)

        underline = rest if _SETEXT_UNDERLINE.match(rest) else raw
        if _SETEXT_UNDERLINE.match(underline) and previous_kind != "blank":
            # ("- " is an underline too: for both dialects, not an empty list item.)
            level = 3 if underline.strip()[0] == "=" else 4
            if previous_kind == "text":
                above_prefix, above_rest = _split_container_prefix(out.pop())
                out.append(above_prefix + "#" * level + " " + above_rest)
                previous_kind = "heading"
                continue
            # Under a heading or a fence: a blank line makes it a rule (or text) everywhere.
            out.append("")

        demoted = _demote_heading(rest)
        if demoted is not None:
            line = prefix + _neutralise_html_outside_code_spans(demoted, footnotes=not in_footnote)
            previous_kind = "heading"
        else:
            line = prefix + _neutralise_html_outside_code_spans(rest, footnotes=not in_footnote)
            previous_kind = "text"
        if prefix and not rest.strip():
            previous_kind = "marker"  # not blank to Python-Markdown, yet no text either
        out.append(line)

    if fence is not None:
        while out and not out[-1].strip():
            out.pop()
        out.append(fence.char * fence.length)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return out
