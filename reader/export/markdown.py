# Size: rendering, escaping and the managed-block merge of one file format belong together; the
# escaping alone is a third of it.
"""Markdown export: the file a fact-checker pastes straight into a write-up.

One file per article::

    ---                                   YAML front matter, every value quoted
    id: "…"
    …
    ---
    # Title

    <!-- fact-check-reader:begin <article id> -->
    ## 1. False: "First words of the quote…"
    …one section per note, in reading order…
    <!-- fact-check-reader:end <article id> -->

Re-exporting to the same file replaces only what lies between the two markers and the
keys we own in the front matter; everything the user wrote around the block is kept
(:func:`merge_into_existing`).  A file without our markers for this article is never
overwritten (:func:`is_ours`, :func:`write_export_file`).

Two kinds of text go into the file, and they are treated differently:

* **Plain text** — the article title, the quoted sentence, the conclusion, source
  titles, publishers, dates, tags.  It is shown *as text*: every character that
  Markdown could read as syntax is escaped (``\\*``, ``\\[``, ``&lt;`` …), line starts
  that could open a block (``#``, ``>``, ``-``, ``1.``, ``===``, ``|---|``, ``~~~``) are
  defused, newlines are folded where a field is one line, and control characters are
  dropped.  Escapes use only what both CommonMark (Obsidian, GitHub) and
  Python-Markdown understand: backslashes for the characters Python-Markdown can
  escape, HTML character references for the rest.
* **The note body** — the user's own Markdown, kept as written except for what could
  break the file's structure (:func:`sanitize_body`):

  - headings are demoted two levels (``#`` → ``###``, ``##`` → ``####``, capped at
    ``######``) so no body can fake a note heading (``##``) or the title (``#``);
    setext headings (a line of ``===``/``---`` under text) become demoted ATX headings;
    a ``#`` glued to a word at a line start (``#tag``) is escaped, because
    Python-Markdown would read it as a heading while CommonMark reads a tag;
  - raw HTML is shown as text (``<`` before a tag, comment or declaration becomes
    ``&lt;``; autolinks such as ``<https://…>`` are kept) and ``-->`` becomes
    ``--&gt;``, so a body can neither close a marker nor swallow the rest of the file
    in an unclosed ``<pre>`` or comment;
  - fenced code blocks are kept verbatim; a fence left open is closed at the end of
    the body, and a fence line only one of the two Markdown dialects would accept is
    made acceptable to both (or escaped) so they agree on where code starts and ends;
  - a line inside code that would read as one of our markers is defused too, because
    the re-export merge finds the block line by line.

Two blank lines more than the first design sketch had: one between ``Sources:`` and its
list (Python-Markdown does not start a list right under a paragraph line) and one before
the end marker (so the marker never joins the status paragraph).

Sources are numbered links whose destinations are percent-encoded only where Markdown
would otherwise misread them (spaces, parentheses, angle brackets, backslashes,
backticks, quotes, ``&`` before an entity name); archive links are autolinks.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader.core.claim_match import FactCheck
from reader.core.errors import UserError
from reader.core.files import write_atomically
from reader.core.links import allowed_link, link_scheme, neutralise_markdown_links
from reader.core.models import Article, Note, Source
from reader.core.same_claim import NOTHING, OtherArticle, SameClaim, SameClaims
from reader.core.verdicts import BY_KEY, STATUS_LABELS
from reader.core.verdicts import label as verdict_label
from reader.core.worddiff import (
    RATED_ON_EARLIER_WORDING,
    WordDiff,
    mark_labels,
    note_wording,
)

logger = logging.getLogger(__name__)

MARKER_NAME = "fact-check-reader"
NO_VERDICT = "none"
"""Put this key in a ``verdicts`` filter to keep notes that have no verdict yet."""

FRONT_MATTER_KEYS: tuple[str, ...] = (
    "id",
    "title",
    "site",
    "url",
    "published",
    "text_sha256",
    "exported",
)
HEADING_WORDS = 8
HEADING_CHARS = 60
_BODY_HEADING_SHIFT = 2
_ANCHOR_NOTICES: dict[str, str] = {
    "orphan": "*Orphaned note: its quote is no longer found in the article text.*",
    "changed": f"*Changed since checked: the verdict was {RATED_ON_EARLIER_WORDING}.*",
}


class ForeignFileError(UserError):
    """The target file exists but holds no export of this article: it is not ours."""


# --------------------------------------------------------------------------- ordering


def reading_order(notes: Iterable[Note]) -> list[Note]:
    """Notes sorted as a reader meets them: by start, then end, then creation time."""
    return sorted(notes, key=lambda n: (n.selector.start, n.selector.end, n.created, n.id))


def select_notes(
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
) -> list[Note]:
    """Live notes that pass the filters, in reading order.

    ``verdicts`` holds verdict keys (``NO_VERDICT`` keeps notes without one);
    ``statuses`` holds status keys.  ``None`` means no filter.  Notes in the trash
    (``deleted_at`` set) are never exported.
    """
    kept = []
    for note in notes:
        if note.deleted_at:
            continue
        if verdicts is not None and (note.verdict or NO_VERDICT) not in verdicts:
            continue
        if statuses is not None and note.status not in statuses:
            continue
        kept.append(note)
    return reading_order(kept)


# --------------------------------------------------------------------------- escaping

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


def _safe_id(identifier: str) -> str:
    """An id fit for an HTML comment (UUIDs pass unchanged)."""
    if _SAFE_ID.fullmatch(identifier):
        return identifier
    cleaned = re.sub(r"[^A-Za-z0-9._:-]", "_", identifier)
    return re.sub(r"-{2,}", "-", cleaned).strip("-") or "_"


# Ids that :func:`_safe_id` leaves as they are: no "--", no "-" at either end.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:]+(?:-[A-Za-z0-9._:]+)*")


# --------------------------------------------------------------------------- body

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


# --------------------------------------------------------------------------- pieces


def marker_begin(article_id: str) -> str:
    """The line that opens the managed block of ``article_id``."""
    return f"<!-- {MARKER_NAME}:begin {_safe_id(article_id)} -->"


def marker_end(article_id: str, inner: str | None = None) -> str:
    """The line that closes the managed block of ``article_id``.

    With the block's ``inner`` text, the line carries its hash (``sha256=…``), so that
    a re-export can tell whether the user edited the block since it was written.
    """
    digest = f" sha256={block_digest(inner)}" if inner is not None else ""
    return f"<!-- {MARKER_NAME}:end {_safe_id(article_id)}{digest} -->"


def block_digest(inner: str) -> str:
    """The short hash of a managed block's text (between the marker lines) as stored in
    its end marker; line endings and the blank lines around it do not count."""
    import hashlib

    text = inner.replace("\r\n", "\n").strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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


def now_iso() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def front_matter_values(article: Article, exported: str) -> dict[str, str | None]:
    """The front-matter keys we own and their values."""
    meta = article.meta
    return {
        "id": article.id,
        "title": meta.title,
        "site": meta.site_name,
        "url": meta.url,
        "published": meta.published,
        "text_sha256": article.text_sha256,
        "exported": exported,
    }


def front_matter(article: Article, exported: str | None = None) -> str:
    """The YAML front matter, ``---`` lines included, ending with a newline.

    A key without a value (no site name, no URL …) is left out, not written ``null``.
    """
    values = front_matter_values(article, exported or now_iso())
    lines = [
        "---",
        *(f"{key}: {yaml_string(value)}" for key, value in values.items() if _has_value(value)),
        "---",
    ]
    return "\n".join(lines) + "\n"


def _has_value(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def first_words(text: str, *, words: int = HEADING_WORDS, chars: int = HEADING_CHARS) -> str:
    """The opening of a quote for a heading: a few words, "…" when cut."""
    # str.split() splits on exactly the whitespace that \s matches, and in C.
    all_words = _drop_controls(text).split()
    candidates = all_words[: max(words, 0)]
    kept = candidates
    if len(" ".join(candidates)) > chars:
        # Too long: keep words while they fit (a running sum, not a join per word).
        kept = []
        length = -1  # the joined length of ``kept``
        for word in candidates:
            length += 1 + len(word)
            if length > chars:
                break
            kept.append(word)
    if not kept and all_words:
        kept = [all_words[0][:chars]]
    opening = " ".join(kept)
    if kept != all_words:
        opening = opening.rstrip(",;:") + "…"
    return opening


def note_heading(note: Note, number: int) -> str:
    """``## 3. False: "First words…"``."""
    label = _verdict_label(note.verdict)
    return f'## {number}. {_escape_repeated(label)}: "{escape_line(first_words(note.exact))}"'


def _verdict_label(key: str | None) -> str:
    if key and key not in BY_KEY:
        return key
    return verdict_label(key)


def status_text(status: str) -> str:
    """A status key as it reads in a sentence: ``needs_review`` → ``needs review``."""
    return STATUS_LABELS.get(status, status).lower()


@functools.lru_cache(maxsize=4096)  # a library has few tags, on many notes
def tag_text(tag: str) -> str:
    """A tag as ``#word``: inner whitespace becomes ``-`` so the tag stays one token."""
    return "#" + escape_line(_WHITESPACE.sub("-", tag.strip()))


def source_line(number: int, source: Source) -> str:
    """``1. [Title](url) — Publisher, date · archived: <url> · *refutes*`` (the stance
    only when it says something: *supports* or *refutes*)."""
    line = f"{number}. " + _link(source.title, source.url)
    credit = ", ".join([_escape_repeated(p) for p in (source.publisher, source.date) if p.strip()])
    if credit:
        line += " — " + credit
    if source.archive_url.strip():
        line += " · archived: " + _autolink(source.archive_url)
    if source.stance.strip() and source.stance != "context":
        # "context" is every source's stance until the user says more: no news in it.
        line += f" · *{_escape_repeated(source.stance)}*"
    return line


def status_line(note: Note) -> str:
    """``Status: done · Tags: #tag <!-- note <id> -->``."""
    line = f"Status: {_escape_repeated(status_text(note.status))}"
    tags = [tag_text(t) for t in note.tags if t.strip()]
    if tags:
        line += " · Tags: " + " ".join(tags)
    return line + f" <!-- note {_safe_id(note.id)} -->"


def quote_lines(text: str) -> list[str]:
    """The exact quote as blockquote lines."""
    lines = escape_block(text) or [""]
    return [f"> {line}" if line else ">" for line in lines]


def wording_parts(note: Note) -> list[str]:
    """The note's quote; for a ``changed`` note, the wording it was checked on, the
    wording now there and the word diff between them; for an orphan, the checked one."""
    wording = note_wording(note)
    if wording.diff is None:
        quoted = wording.checked if wording.current is None else wording.current
        return ["\n".join(quote_lines(quoted))]
    marks = ", ".join(mark_labels(wording.diff.marks))
    return [
        "Checked wording:",
        "\n".join(quote_lines(wording.checked)),
        "Current wording:",
        "\n".join(quote_lines(wording.current or "")),
        f"**Changes** ({wording.diff.severity}{': ' + marks if marks else ''}): "
        + diff_markdown(wording.diff),
    ]


def diff_markdown(diff: WordDiff) -> str:
    """A word diff on one line: removed words ~~struck~~, added words **bold**."""
    out: list[str] = []
    for segment in diff.segments:
        text = segment.new if segment.op == "equal" else (segment.new or segment.old)
        lead = " " if text[:1].isspace() and out else ""
        if segment.op == "equal":
            out.append(lead + escape_line(segment.new))
            continue
        piece = lead
        if segment.old.strip():
            piece += f"~~{escape_line(segment.old)}~~"
        if segment.new.strip():
            piece += (" " if segment.old.strip() else "") + f"**{escape_line(segment.new)}**"
        out.append(piece)
    return "".join(out).strip()


# Python-Markdown merges blockquotes separated only by a blank line; an empty comment
# between our quote and a body that opens with a quote keeps them apart.
_SEPARATOR_COMMENT = "<!-- -->"


def _starts_blockquote(lines: list[str]) -> bool:
    return bool(lines) and lines[0].lstrip(" ").startswith(">")


def exportable_sources(note: Note) -> list[Source]:
    """The note's sources that have something to show: a URL or a title."""
    return [s for s in note.sources if link_destination(s.url) or escape_line(s.title)]


def _web_link(text: str, url: str) -> str:
    """``[text](url)`` for an http(s) address; the text alone for any other."""
    if link_scheme(link_destination(url)) in ("http", "https"):
        return _link(text, url)
    return escape_line(text)


def other_article_line(other: OtherArticle) -> str:
    """``- [Title](url)``: another article carrying the claim (its title alone without
    a web address)."""
    title = other.title if escape_line(other.title) else "Untitled article"
    return f"- {_web_link(title, other.url)}"


def factcheck_line(check: FactCheck) -> str:
    """``- Fact-check by Publisher: *False* — [Headline](url)``."""
    line = "- Fact-check"
    if check.publisher.strip():
        line += " by " + _escape_repeated(check.publisher)
    if check.rating.strip():
        line += f": *{_escape_repeated(check.rating)}*"
    shown = check.title if escape_line(check.title) else first_words(check.claim)
    linked = _web_link(shown, check.url)
    if linked:
        line += f" — {linked}"
    return line


def same_claim_parts(same: SameClaim | None) -> list[str]:
    """ "Also appears in:" and its list: the other articles carrying the note's claim,
    then the fact-checks linked to it (nothing when there are none)."""
    if not same:
        return []
    lines = [other_article_line(a) for a in same.articles]
    lines += [factcheck_line(c) for c in same.factchecks]
    return ["Also appears in:", "\n".join(lines)]


def _note_parts(
    note: Note, article: Article | None = None, same: SameClaim | None = None
) -> list[str]:
    """The paragraphs of a note after its heading (blank-line separated)."""
    from reader.core.text_fragment import link_to_sentence

    parts: list[str] = []
    notice = _ANCHOR_NOTICES.get(note.anchor_state)
    if notice:
        parts.append(notice)
    parts += wording_parts(note)
    # The exact sentence on the original page (a URL text fragment), http(s) only.
    original = link_to_sentence(article.meta.url if article else None, note.exact)
    if original:
        parts.append(f"[On the original page]({link_destination(original)})")
    conclusion = escape_line(note.conclusion)
    if conclusion:
        parts.append(f"**Conclusion:** {conclusion}")
    body = sanitize_body(note.body)
    if body:
        if not conclusion and _starts_blockquote(body):
            parts.append(_SEPARATOR_COMMENT)
        parts.append("\n".join(body))
    sources = exportable_sources(note)
    if sources:
        parts.append("Sources:")
        parts.append("\n".join(source_line(i, s) for i, s in enumerate(sources, 1)))
    parts += same_claim_parts(same)
    parts.append(status_line(note))
    return parts


def note_markdown(
    note: Note, n: int, article: Article | None = None, same: SameClaim | None = None
) -> str:
    """One note as a Markdown section, for "copy note as Markdown".

    With ``article``, the quote is followed by a link to the same sentence on the
    original page (a URL text fragment, when the article has a web address).  With
    ``same``, the other articles and fact-checks of the same claim follow its sources.
    """
    return "\n\n".join([note_heading(note, n), *_note_parts(note, article, same)]) + "\n"


# --------------------------------------------------------------------------- documents


_NOTE_ID_COMMENT = re.compile(r" <!-- note [^>]*-->$", re.MULTILINE)


def without_note_ids(markdown: str) -> str:
    """``markdown`` without the ``<!-- note … -->`` ids that re-exports find notes by
    (clean text for the clipboard)."""
    return _NOTE_ID_COMMENT.sub("", markdown)


def notes_markdown(
    article: Article,
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The article's notes as clean Markdown to paste elsewhere ("Copy all notes"):
    the title and one section per note, without front matter, block markers or note
    ids."""
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    sections = [
        note_markdown(note, i, article, same.get(note.id)).rstrip("\n")
        for i, note in enumerate(selected, 1)
    ]
    body = "\n\n".join(sections) if sections else "*No notes.*"
    return without_note_ids(f"# {escape_line(title_text(article))}\n\n{body}\n")


def managed_block(
    article: Article,
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The notes between our begin and end markers (markers included, no final newline)."""
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    sections = [
        note_markdown(note, i, article, same.get(note.id)).rstrip("\n")
        for i, note in enumerate(selected, 1)
    ]
    inner = "\n\n".join(sections) if sections else "*No notes to export.*"
    return f"{marker_begin(article.id)}\n{inner}\n\n{marker_end(article.id, inner)}"


def title_text(article: Article) -> str:
    """The article title, or a placeholder so the heading is never empty."""
    return article.meta.title if escape_line(article.meta.title) else "Untitled article"


def export_markdown(
    article: Article,
    notes: Iterable[Note],
    *,
    exported: str | None = None,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The Markdown export of an article's notes.

    ``same`` holds, by note id, the other articles and fact-checks of each note's claim
    (listed under "Also appears in:" after its sources).
    """
    block = managed_block(article, notes, verdicts=verdicts, statuses=statuses, same=same)
    return (
        front_matter(article, exported) + f"# {escape_line(title_text(article))}\n\n" + block + "\n"
    )


# --------------------------------------------------------------------------- annotated


def _block_prefix(kind: str) -> str:
    return {"title": "# ", "heading": "## ", "quote": "> ", "list_item": "- "}.get(kind, "")


def _annotated_block(
    article: Article,
    start: int,
    end: int,
    kind: str,
    spans: Sequence[tuple[int, int]],
    refs: dict[int, list[int]],
) -> str:
    """One block of the article with noted ranges in bold and footnote refs."""
    text = article.text
    points = {start, end}
    for s, e in spans:
        points.update(p for p in (s, e) if start < p < end)
    points.update(p for p in refs if start < p <= end)
    ordered = sorted(points)
    pieces: list[str] = []
    at_line_start = True
    single_line = kind in ("title", "heading")
    bold: list[str] = []

    def emit(raw: str, covered: bool) -> None:
        nonlocal at_line_start
        if single_line:
            raw = raw.replace("\n", " ")
        if covered and raw.strip():
            lead = raw[: len(raw) - len(raw.lstrip())]
            trail = raw[len(raw.rstrip()) :]
            core = raw.strip()
            pieces.append(escape_text(lead, at_line_start=at_line_start))
            at_line_start = at_line_start and not lead.strip() and "\n" not in lead
            pieces.append("**" + escape_text(core, at_line_start=False) + "**")
            pieces.append(escape_text(trail, at_line_start=False) if trail else "")
        else:
            pieces.append(escape_text(raw, at_line_start=at_line_start))
        at_line_start = raw.endswith("\n")

    for a, b in itertools.pairwise(ordered):
        covered = any(s <= a and b <= e for s, e in spans)
        if covered:
            bold.append(text[a:b])
        else:
            if bold:
                emit("".join(bold), True)
                bold = []
            emit(text[a:b], False)
        if b in refs:
            if bold:
                emit("".join(bold), True)
                bold = []
            pieces.append("".join(f"[^{n}]" for n in refs[b]))
            at_line_start = False
    if bold:
        emit("".join(bold), True)
    joined = "".join(pieces)
    if kind == "quote":
        return "\n".join(f"> {line}" if line else ">" for line in joined.split("\n"))
    if kind in ("title", "heading"):
        return _block_prefix(kind) + _WHITESPACE.sub(" ", joined).strip()
    return _block_prefix(kind) + joined


def _indent(lines: Iterable[str]) -> list[str]:
    return [f"    {line}" if line else "" for line in lines]


def _footnote(note: Note, number: int, same: SameClaim | None = None) -> str:
    head = f"**{escape_line(_verdict_label(note.verdict))}**"
    conclusion = escape_line(note.conclusion)
    if conclusion:
        head += f" — {conclusion}"
    lines = [f"[^{number}]: {head}"]
    paragraphs: list[list[str]] = []
    notice = _ANCHOR_NOTICES.get(note.anchor_state)
    if notice:
        paragraphs.append([notice])
        paragraphs += [part.split("\n") for part in wording_parts(note)]
    body = sanitize_body(note.body, in_footnote=True)
    if body:
        if notice and _starts_blockquote(body):
            paragraphs.append([_SEPARATOR_COMMENT])
        paragraphs.append(body)
    sources = exportable_sources(note)
    if sources:
        paragraphs.append(["Sources:"])
        paragraphs.append([source_line(i, s) for i, s in enumerate(sources, 1)])
    paragraphs += [part.split("\n") for part in same_claim_parts(same)]
    paragraphs.append([status_line(note)])
    for paragraph in paragraphs:
        lines.append("")
        lines.extend(_indent(paragraph))
    return "\n".join(lines)


def _is_anchored(note: Note, text_length: int) -> bool:
    s, e = note.selector.start, note.selector.end
    return note.anchor_state != "orphan" and 0 <= s < e <= text_length


def export_annotated(
    article: Article,
    notes: Iterable[Note],
    *,
    exported: str | None = None,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The whole clean article with noted passages in bold and the notes as footnotes.

    Footnote numbers follow the same reading order as :func:`export_markdown`.  Notes
    whose quote is no longer in the text (orphans) are listed after the article so
    their footnotes stay reachable.  The article and footnotes sit inside the managed
    markers, so the same merge rules apply on re-export.
    """
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    numbered = list(enumerate(selected, 1))
    text_length = len(article.text)
    anchored = [(n, note) for n, note in numbered if _is_anchored(note, text_length)]
    orphans = [(n, note) for n, note in numbered if not _is_anchored(note, text_length)]

    blocks = [(b.start, b.end, b.kind) for b in article.blocks] or [(0, text_length, "paragraph")]
    refs: dict[int, list[int]] = {}
    for n, note in anchored:
        s, e = note.selector.start, note.selector.end
        overlapping = [(bs, be) for bs, be, _ in blocks if bs < e and s < be]
        if not overlapping:
            orphans.append((n, note))
            continue
        refs.setdefault(min(e, overlapping[-1][1]), []).append(n)
    orphans.sort()
    spans = [(note.selector.start, note.selector.end) for _, note in anchored]

    parts: list[str] = []
    if blocks[0][2] != "title":
        parts.append(f"# {escape_line(title_text(article))}")
    for start, end, kind in blocks:
        if start < end:
            parts.append(_annotated_block(article, start, end, kind, spans, refs))
    if orphans:
        parts.append("## Notes no longer anchored in the text")
        parts.append(
            "\n".join(f'- "{escape_line(first_words(note.exact))}"[^{n}]' for n, note in orphans)
        )
    parts.extend(_footnote(note, n, same.get(note.id)) for n, note in numbered)
    inner = "\n\n".join(parts)
    return (
        front_matter(article, exported)
        + "\n"
        + f"{marker_begin(article.id)}\n{inner}\n\n{marker_end(article.id, inner)}\n"
    )


# --------------------------------------------------------------------------- merging


# Every marker line of ours, whatever the article: compiled once, the id compared after.
_ANY_MARKER = re.compile(
    r"^<!-- "
    + re.escape(MARKER_NAME)
    + r":(begin|end) (\S+)(?: sha256=([0-9a-f]+))? -->[ \t]*\r?$",
    re.MULTILINE,
)


def _marker_search(text: str, kind: str, article_id: str, pos: int = 0) -> re.Match[str] | None:
    wanted = _safe_id(article_id)
    for match in _ANY_MARKER.finditer(text, pos):
        if match.group(1) == kind and match.group(2) == wanted:
            return match
    return None


def _find_block(text: str, article_id: str) -> tuple[int, int] | None:
    """``(start, end)`` of our managed block in ``text``, markers included."""
    begin = _marker_search(text, "begin", article_id)
    if begin is None:
        return None
    end = _marker_search(text, "end", article_id, begin.end())
    if end is None:
        return None
    end_pos = end.end()
    if text.endswith("\r", 0, end_pos):
        end_pos -= 1
    return begin.start(), end_pos


class EditedBlockError(UserError):
    """The managed block in the target file was edited since we wrote it."""


def block_was_edited(text: str, article_id: str) -> bool:
    """Whether the managed block of ``article_id`` in ``text`` differs from what we wrote.

    Known from the hash in its end marker; a block written before hashes were stored
    cannot tell, and counts as unedited.
    """
    begin = _marker_search(text, "begin", article_id)
    end = _marker_search(text, "end", article_id, begin.end()) if begin else None
    if begin is None or end is None or end.group(3) is None:
        return False
    return block_digest(text[begin.end() : end.start()]) != end.group(3)


def is_ours(text: str, article_id: str) -> bool:
    """Whether ``text`` holds our managed block for ``article_id`` (begin then end)."""
    return _find_block(text, article_id) is not None


_FRONT_MATTER = re.compile(
    r"\A(\ufeff?)---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:")
_EMPTY_VALUE = re.compile(r"^[A-Za-z0-9_-]+[ \t]*:[ \t]*(?:null|~|\"\"|'')?[ \t]*$")


# A front-matter-shaped block anywhere (for ours, moved down by text the user wrote
# above it).
_DISPLACED_FRONT_MATTER = re.compile(
    r"^---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def _merge_front_matter(existing: str, new_lines: dict[str, str], newline: str) -> str:
    """``existing`` with our front-matter keys set to ``new_lines``; user keys kept.

    Our front matter is normally at the top.  If the user wrote above it, it is found
    where it now is (before the managed block, with this article's id) and refreshed
    there, rather than a second one being added at the top.
    """
    match = _FRONT_MATTER.match(existing)
    if match is not None:
        body_start, body_end, start, end = match.start(2), match.end(2), 0, match.end()
        opening = match.group(1) + "---"
    else:
        displaced = _find_displaced_front_matter(existing, new_lines)
        if displaced is None:
            block = newline.join(["---", *new_lines.values(), "---"]) + newline
            bom = "\ufeff" if existing.startswith("\ufeff") else ""
            return bom + block + existing[len(bom) :]
        body_start, body_end = displaced.start(1), displaced.end(1)
        start, end, opening = displaced.start(), displaced.end(), "---"
    kept: list[str] = []
    written: set[str] = set()
    skipping = False
    for line in existing[body_start:body_end].splitlines():
        key_match = _TOP_LEVEL_KEY.match(line)
        if key_match:
            key = key_match.group(1)
            if key in FRONT_MATTER_KEYS and key not in new_lines and _EMPTY_VALUE.match(line):
                continue  # "site: null" from an earlier export: now left out
            skipping = key in new_lines
            if skipping:
                if key not in written:
                    kept.append(new_lines[key])
                    written.add(key)
                continue
        elif skipping and (line[:1] in (" ", "\t", "-") or not line.strip()):
            continue  # the rest of a value of ours that the user had reformatted
        else:
            skipping = False
        kept.append(line)
    kept.extend(value for key, value in new_lines.items() if key not in written)
    block = newline.join([opening, *kept, "---"]) + newline
    return existing[:start] + block + existing[end:]


def _find_displaced_front_matter(existing: str, new_lines: dict[str, str]) -> re.Match[str] | None:
    """Our front matter moved below the top: before the managed block, same article id."""
    id_line = new_lines.get("id")
    # Only a real begin marker of this article ends the search, not marker-like text
    # (in a title, or written by the user).
    block = _find_block(existing, id_line.split(":", 1)[1].strip().strip('"')) if id_line else None
    limit = block[0] if block is not None else len(existing)
    for candidate in _DISPLACED_FRONT_MATTER.finditer(existing, 0, limit):
        lines = candidate.group(1).splitlines()
        if id_line in lines and any(line.startswith("exported:") for line in lines):
            return candidate
    return None


def _front_matter_lines(export_text: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(export_text)
    lines: dict[str, str] = {}
    if match:
        for line in match.group(2).splitlines():
            key_match = _TOP_LEVEL_KEY.match(line)
            if key_match and key_match.group(1) in FRONT_MATTER_KEYS:
                lines[key_match.group(1)] = line
    return lines


def merge_into_existing(
    existing_file_text: str, new_export: str, article_id: str, *, force: bool = False
) -> str:
    """Put ``new_export``'s managed block and front matter into an existing file.

    Everything outside the managed block — text above and below it, the user's own
    front-matter keys — is kept; our front-matter keys are refreshed.  Raises
    :class:`ForeignFileError` when the file holds no block for ``article_id``, and
    :class:`EditedBlockError` when the user edited inside the block since we wrote it
    (their edit would be lost), unless ``force``.
    """
    old_span = _find_block(existing_file_text, article_id)
    if old_span is None:
        raise ForeignFileError(
            "This file was not written by Fact-Check Reader for this article, so it was "
            "left untouched. Choose another file name."
        )
    if not force and block_was_edited(existing_file_text, article_id):
        raise EditedBlockError(
            "The notes section of this file was edited by hand since it was exported, so "
            "it was left untouched. Move your edits outside the section (above or below "
            "the fact-check-reader markers), or replace them with --force."
        )
    new_span = _find_block(new_export, article_id)
    if new_span is None:
        raise ValueError("the new export has no managed block for this article")
    newline = "\r\n" if "\r\n" in existing_file_text else "\n"
    new_block = new_export[new_span[0] : new_span[1]]
    if newline != "\n":
        new_block = new_block.replace("\n", newline)
    merged = existing_file_text[: old_span[0]] + new_block + existing_file_text[old_span[1] :]
    return _merge_front_matter(merged, _front_matter_lines(new_export), newline)


_EXPORTED_LINE = re.compile(r"^exported: .*$", re.MULTILINE)
# The export time as :func:`front_matter` writes it (a value of :func:`now_iso`).
_EXPORT_TIME_LINE = re.compile(r'^exported: "[0-9:TZ-]*"$', re.MULTILINE)


def _differs_only_in_export_time(existing: str, new_export: str) -> bool:
    """Whether ``existing`` is ``new_export`` except for the export time's value.

    Then ``existing`` is exactly what :func:`merge_into_existing` would turn into
    ``new_export``: the same managed block and front matter, nothing of the user's.
    """
    front = _FRONT_MATTER.match(new_export)
    if front is None or "\r" in new_export:
        return False  # (a carriage return could change how the merge reads lines)
    stamp = _EXPORT_TIME_LINE.search(new_export, front.start(2), front.end(2))
    if stamp is None:
        return False
    head, tail = new_export[: stamp.start()], new_export[stamp.end() :]
    return (
        len(existing) >= len(head) + len(tail)
        and existing.startswith(head)
        and existing.endswith(tail)
        and _EXPORT_TIME_LINE.fullmatch(existing, len(head), len(existing) - len(tail)) is not None
    )


def write_export_file(
    path: Path | str, new_export: str, article_id: str, *, force: bool = False
) -> bool:
    """Write an export to ``path``, merging into an earlier export of the same article.

    A new file is written whole.  An existing file is merged with
    :func:`merge_into_existing` so the user's own text survives; a file that is not an
    export of this article raises :class:`ForeignFileError` and is left untouched, as
    does one whose managed block was edited by hand (:class:`EditedBlockError`) unless
    ``force``.  Every write is atomic (the file appears or changes all at once, never half
    written), and an existing file is left alone when only the export time would
    change.  Returns True when an existing file was merged.
    """
    target = Path(path)
    existing = _read_existing_export(target)
    if existing is None:
        try:
            _write_new_file(target, new_export)
        except FileExistsError:
            existing = _read_existing_export(target)  # created meanwhile: merge into it
        else:
            logger.info("wrote %s (new)", target)
            return False
    merged = False
    content = new_export
    if existing is not None:
        if _differs_only_in_export_time(existing, new_export):
            # The usual re-export: the file is our own earlier export, unedited, and the
            # notes have not changed.  Merging would give back ``new_export`` itself,
            # which the check below would then find unchanged; this says so at once.
            return True
        content = merge_into_existing(existing, new_export, article_id, force=force)
        merged = True
        if _EXPORTED_LINE.sub("", content) == _EXPORTED_LINE.sub("", existing):
            # Nothing but the export time would change: leave the file (and its
            # modification time, which sync tools and editors watch) alone.
            return merged
    _replace_file(target, content)
    logger.info("wrote %s (%s)", target, "merged" if merged else "new")
    return merged


def _read_existing_export(target: Path) -> str | None:
    """The text of the file at ``target``; None when there is none."""
    try:
        with open(target, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ForeignFileError(
            f"{target.name} is not a Markdown export of this article (it is not UTF-8 "
            "text), so it was left untouched. Choose another file name."
        ) from None


def _write_new_file(target: Path, content: str) -> None:
    """Create ``target`` (which did not exist a moment ago) holding ``content``.

    FileExistsError when a file appeared there meanwhile: it is merged into, not lost.
    """
    write_atomically(target, content.encode("utf-8"), overwrite=False)


def _replace_file(target: Path, content: str) -> None:
    """Replace ``target`` (through a symbolic link) all at once, keeping its mode."""
    write_atomically(target, content.encode("utf-8"))
