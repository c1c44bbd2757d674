"""Plain text made safe as Markdown: inline escapes, line starts, links, YAML strings.

What "plain text" means here, and which escapes both CommonMark and Python-Markdown
understand, is described in :mod:`reader.export.markdown`.
"""

from __future__ import annotations

import functools
import re

from reader.core.links import allowed_link, link_scheme

# C0/C1 controls except tab and newline: invisible, and Python-Markdown uses STX/ETX
# internally, so they are dropped from plain-text fields.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
# Python-Markdown's and CommonMark's entity syntax: "&copy;" in a text would render ©.
_ENTITY_LIKE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
_BACKSLASH_ESCAPED = frozenset("\\`*[]>#")
# A line made only of these, with a dash or equals sign, could be a setext underline,
# a thematic break or a table delimiter row.
_RULE_LIKE_LINE = re.compile(r"^[-=|:+\s]*[-=][-=|:+\s]*$")
# Any number of digits: Python-Markdown, unlike CommonMark, has no nine-digit limit.
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])")


def _drop_controls(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


_INLINE_SYNTAX = re.compile(r"[\\`*\[\]>#<_]")


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == "<":
        return "&lt;"
    if ch == "_":
        # An underscore between two letters or digits never starts emphasis, and
        # snake_case or URLs read better without a backslash.
        text, i = match.string, match.start()
        if 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            return "_"
    return "\\" + ch


def _escape_chars(text: str) -> str:
    """Escape inline Markdown syntax in a run of plain text (no line-start rules)."""
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    # One compiled pass (most prose has nothing to escape): a per-character Python loop
    # here was most of the time of exporting a large library.
    return _INLINE_SYNTAX.sub(_escape_one, text)


def _defuse_line_start(escaped_line: str) -> str:
    """Defuse block syntax at the start of an already inline-escaped line."""
    line = escaped_line
    if _RULE_LIKE_LINE.match(line):
        line = line.replace("-", "\\-").replace("=", "&#61;")
        # A leading "+ " would still open a list item.
        return "\\" + line if line.startswith("+") else line
    if line.startswith(("-", "+")):
        return "\\" + line
    if line.startswith("~"):
        return "&#126;" + line[1:]
    match = _ORDERED_LIST_START.match(line)
    if match:
        return match.group(1) + "\\" + match.group(2) + line[match.end() :]
    return line


# Text with none of these (and no double space) is already one safe line: most words
# and names are.  A bare character class is a fast scan in the regex engine.
_LINE_NEEDS_WORK = re.compile(
    "[\x00-\x1f\x7f-\x9f\\\\`*\\[\\]>#<_&\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def _is_plain_line(text: str) -> bool:
    """Whether ``text`` is one line that inline escaping and folding leave unchanged."""
    return not (
        _LINE_NEEDS_WORK.search(text) or "  " in text or text[:1] == " " or text[-1:] == " "
    )


# What :func:`_defuse_line_start` could change at the start of a plain line.
_BLOCK_START = re.compile(r"[-=|:+~]|\d+[.)]")


def escape_line(text: str) -> str:
    """Plain text as one line of Markdown inline content: whitespace folded, escaped."""
    # (_is_plain_line written out: this runs a dozen times per note.)
    if not (_LINE_NEEDS_WORK.search(text) or "  " in text or text[:1] == " " or text[-1:] == " "):
        return text
    folded = " ".join(_drop_controls(text).split())  # the whitespace \s matches
    return _escape_chars(folded)


def escape_block(text: str) -> list[str]:
    """Plain text as Markdown lines, each safe at the start of a line.

    Line breaks are kept (any Unicode line break counts); spaces at line edges are
    dropped because Markdown would read them as code indentation or hard breaks.
    """
    if text and _is_plain_line(text) and not _BLOCK_START.match(text):
        return [text]  # most quotes: one line with nothing to escape or defuse
    lines = []
    for raw in _drop_controls(text).splitlines():
        line = " ".join(raw.split())
        lines.append(_defuse_line_start(_escape_chars(line)) if line else "")
    return lines


def escape_text(text: str, *, at_line_start: bool) -> str:
    """Plain text that may sit mid-line and span lines (annotated export segments).

    Interior spaces are kept so segments join up; the first line is defused only when
    it starts a line, every later line always.
    """
    pieces = []
    for index, raw in enumerate(_drop_controls(text).split("\n")):
        line = _WHITESPACE.sub(" ", raw)
        starts_line = index > 0 or at_line_start
        if starts_line:
            line = line.lstrip()
        if index < text.count("\n"):
            line = line.rstrip()
        escaped = _escape_chars(line)
        pieces.append(_defuse_line_start(escaped) if starts_line and escaped else escaped)
    return "\n".join(pieces)


# Verdict labels, statuses, tags, publishers, dates and stances recur across thousands
# of notes in a library export; their escaped form is remembered (bounded) rather than
# computed again for each.
_escape_repeated = functools.lru_cache(maxsize=4096)(escape_line)


# Percent-encoded in link destinations because a Markdown parser would read them.
_URL_UNSAFE = frozenset("()<>\\`\"'[]{}|^")


_URL_NEEDS_ENCODING = re.compile(
    "["
    + re.escape("".join(sorted(_URL_UNSAFE)))
    + r"\s\x00-\x1f\x7f-\x9f]"
    + "|"
    + _ENTITY_LIKE.pattern
)


# URLs made only of these need no encoding (no "&", quote, bracket or space).
_URL_SAFE = re.compile(r"[-A-Za-z0-9._~:/?#@!$*+,;=%]*")


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8", "surrogatepass"))


def link_destination(url: str) -> str:
    """A URL made safe as a Markdown link destination or autolink.

    Only characters that Markdown would misread are percent-encoded: whitespace and
    controls, brackets, quotes, backslashes, backticks, and ``&`` where it would start
    an entity.  Everything else (including non-ASCII) is left as it is.
    """
    url = url.strip()
    if _URL_SAFE.fullmatch(url):
        return url  # the usual URL: nothing to encode, and no regex substitution
    return _URL_NEEDS_ENCODING.sub(_percent_encode, url)


_AUTOLINKABLE = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)


def _link(text: str, url: str) -> str:
    """A Markdown link; plain escaped text when there is no URL or not a web one.

    Only what :func:`reader.core.links.allowed_link` allows becomes live: a
    "javascript:" or "data:" source would run or load something in whatever renders
    the pasted Markdown.
    """
    destination = link_destination(url)
    shown = escape_line(text) or escape_line(url) or escape_line(destination)
    if not destination:
        return shown
    if not allowed_link(url) or link_scheme(destination) is None:
        address = escape_line(url)
        return shown if shown == address else f"{shown} ({address})"
    return f"[{shown}]({destination})"


def _autolink(url: str) -> str:
    destination = link_destination(url)
    if _AUTOLINKABLE.match(destination) and allowed_link(url):
        return f"<{destination}>"
    return _link(url, url)


# Characters that need no escape inside a YAML double-quoted scalar (the common case).
_YAML_PLAIN_SAFE = re.compile(
    '[^"\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]*'
)


def yaml_string(value: str | None) -> str:
    """A YAML double-quoted scalar (or ``null``) that any YAML parser reads back as is."""
    if value is None:
        return "null"
    if _YAML_PLAIN_SAFE.fullmatch(value) and "<!--" not in value:
        return '"' + value + '"'
    out = ['"']
    for index, ch in enumerate(value):
        code = ord(ch)
        if ch == "<" and value.startswith("<!--", index):
            # A comment opener (our markers are comments) never appears as such in the
            # file: the re-export merge must not mistake a title for a marker.
            out.append("\\x3c")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F  # includes NEL, a YAML line break
            or 0xD800 <= code <= 0xDFFF
            or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
        ):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
