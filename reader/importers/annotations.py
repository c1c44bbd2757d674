"""Read annotations made by other tools: W3C Web Annotations and Hypothesis exports.

Accepted input (the kind is recognised per file, then per object):

* a W3C ``Annotation``, an ``AnnotationCollection`` (its pages embedded), an
  ``AnnotationPage``, a JSON array of annotations, or JSON Lines (one per line);
* a Hypothesis export: the JSON its client exports (``{"annotations": [...]}``), the
  search API's answer (``{"rows": [...]}``), one API annotation, or an array of them.
  Their ``target[].selector`` holds ``TextQuoteSelector``, ``TextPositionSelector`` and
  ``RangeSelector`` (which points into the page's DOM and is ignored here).

Each annotation becomes a plain :class:`ImportedAnnotation` (nothing here knows the
store): the target's source, the quote with its prefix and suffix, the position as a
hint, and the body mapped onto a note:

* text bodies (W3C ``TextualBody`` that is not tagging/assessing, ``bodyValue``,
  Hypothesis ``text``) → the note body, as Markdown (an HTML body is converted);
* ``tagging`` bodies and Hypothesis ``tags`` → tags;
* an ``assessing`` body → verdict and conclusion: ``"False: It was built in 1971."``
  gives the verdict ``false`` and the conclusion; a text naming no verdict is the
  conclusion alone.  Without a verdict from an assessing body, a tag naming a verdict on
  our scale (key or label, any case, ``-``/``_``/space alike) sets it, and is not kept
  as a tag;
* ``linking`` bodies and other bodies that are web resources → sources; links written in
  the body text become sources too, unless the annotation lists its sources as linking
  bodies (then links in its text are prose, and stay there).

Objects that cannot be read as annotations are reported as problems with a reason, never
dropped silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from reader.core.errors import InputError
from reader.core.files import read_user_file, shown_name
from reader.core.json_text import JsonCursor, Member, list_at, whole_object
from reader.core.verdicts import VERDICTS, VerdictKey
from reader.importers.json_kinds import belongs_elsewhere

__all__ = [
    "ImportedAnnotation",
    "ParsedAnnotations",
    "html_to_markdown",
    "parse_annotations",
    "read_annotation_file",
    "verdict_named",
]

MAX_FILE_BYTES = 512 * 1024 * 1024

_LINK_IN_MARKDOWN = re.compile(r"\[([^\]\n]*)\]\((https?://[^\s)]+)\)")
_BARE_LINK = re.compile(r"https?://[^\s<>()\[\]\"']+")
_TRAILING_PUNCTUATION = ".,;:!?'\"”’"
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
_SEPARATORS = re.compile(r"[\s_-]+")
_VERDICT_NAMES: dict[str, VerdictKey] = {
    _SEPARATORS.sub(" ", name.casefold()).strip(): v.key
    for v in VERDICTS
    for name in (v.key, v.label)
}


@dataclass(frozen=True)
class ImportedAnnotation:
    """One annotation from a file, as plain values ready to become a note.

    ``external_id`` is the annotation's own id in the file (``""`` if it had none);
    ``source`` the IRI of the annotated page; ``start``/``end`` the position selector,
    a hint only (other tools count in the page text, not in our clean text);
    ``text_state`` the target's ``state`` IRI, if any (our export names the clean text
    there); ``links`` the sources as ``(url, title)``.
    """

    external_id: str
    source: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    text_state: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    verdict: VerdictKey | None = None
    conclusion: str = ""
    links: tuple[tuple[str, str], ...] = ()
    created: str = ""
    modified: str = ""
    tool: str = "w3c"  # "w3c" | "hypothesis"

    @property
    def label(self) -> str:
        """A short name for reports: the first words of the quote, and the id."""
        words = " ".join(self.exact.split())
        quote = f"“{words[:40]}…”" if len(words) > 40 else f"“{words}”"
        return f"{quote} ({self.external_id})" if self.external_id else quote


@dataclass
class ParsedAnnotations:
    """What a file held: the annotations read, and why others could not be."""

    annotations: list[ImportedAnnotation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    strangers: int = 0  # values that are no annotation at all (counted among problems)


def read_annotation_file(path: str | Path) -> ParsedAnnotations:
    """Read and parse an annotation file; :class:`InputError` when it cannot be read."""
    # Handed over without a name kept here: the bytes go once they are decoded.
    return parse_annotations(
        read_user_file(path, what="an annotation file (JSON)", max_bytes=MAX_FILE_BYTES),
        name=shown_name(path),
    )


def parse_annotations(data: bytes | str, *, name: str = "the file") -> ParsedAnnotations:
    """Parse JSON or JSON Lines text holding W3C or Hypothesis annotations.

    Raises :class:`InputError` when the text is neither JSON nor JSON Lines, or holds no
    annotation at all.

    Memory: the bytes are dropped once decoded, and the long list of a file (its
    top-level array, an ``AnnotationPage``'s items, a Hypothesis export's rows) is read
    an element at a time (:class:`~reader.core.json_text.JsonCursor`): a 50 MB file
    holds its text and the annotations read, never all its objects parsed at once.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                f"{name} is not UTF-8 text. Annotation files are JSON; export them again."
            ) from None
        del data
    else:
        text = data
    parsed = ParsedAnnotations()
    documents = scalars = 0
    first_scalar: Any = None
    try:
        for document in _documents(text, name):
            documents += 1
            if document.scalar:
                scalars += 1
                first_scalar = document.value if scalars == 1 else first_scalar
            parsed.strangers += document.scalar
            for position, item in document.objects(parsed.problems):
                _parse_one(item, position, parsed)
    except RecursionError:
        raise InputError(
            f"{name} is nested far too deeply to be an annotation file (lists or objects "
            "inside each other thousands of times). Choose a W3C Web Annotation or "
            "Hypothesis export."
        ) from None
    if not parsed.annotations and parsed.strangers == len(parsed.problems):
        # Nothing in it is an annotation, not even one that could not be placed: this
        # is another kind of JSON file, not an annotation export with problems.
        elsewhere = belongs_elsewhere(text, name, "annotations")
        if elsewhere:
            raise InputError(elsewhere)
        if scalars == documents:
            what = f" (it is {_kind_of(first_scalar)})"
        else:
            what = f" ({parsed.problems[0]})" if parsed.problems else ""
        raise InputError(
            f"{name} holds no annotations{what}. Choose a W3C Web Annotation or Hypothesis export."
        )
    return parsed


def verdict_named(text: str) -> VerdictKey | None:
    """The verdict key that ``text`` names (a key or a label, any case), else ``None``."""
    return _VERDICT_NAMES.get(_SEPARATORS.sub(" ", text.casefold()).strip())


# ------------------------------------------------------------------------- structure


class _Document:
    """One JSON document of the file, its annotations not read yet (see :meth:`objects`)."""

    def __init__(self, cursor: JsonCursor) -> None:
        self._cursor = cursor
        self._array_at: int | None = None
        self._members: list[Member] = []
        self.value: Any = None
        head = cursor.peek()
        if head == "[":
            self._array_at = cursor.pos
            cursor.skip()
        elif head == "{":
            self._members = cursor.members_lists_left(keep=("type", "@type"))
        else:
            self.value = cursor.value()
        self.scalar = head not in ("[", "{")

    def objects(self, problems: list[str]) -> Iterator[tuple[str, Any]]:
        """The annotation objects in it, each with where it was found (as
        :func:`_annotation_objects` finds them in the parsed document), the long lists
        read an element at a time."""
        text = self._cursor.text
        if self._array_at is not None:
            for index, item in enumerate(list_at(text, self._array_at), 1):
                yield f"item {index}", item
            return
        if self.scalar:
            yield from _annotation_objects(self.value, problems)
            return
        shell = {key: value for key, value, at in self._members if at is None}
        lists = {key: at for key, _, at in self._members if at is not None}
        types = _types(shell)
        streamed = None
        if "AnnotationPage" in types and "AnnotationCollection" not in types:
            streamed = lists.get("items")
        elif not types & {"AnnotationPage", "AnnotationCollection"} and not (
            "target" in shell or "target" in lists
        ):
            # Hypothesis's client export or its search API's answer
            streamed = next((lists[k] for k in ("annotations", "rows") if k in lists), None)
        if streamed is not None:
            for index, item in enumerate(list_at(text, streamed), 1):
                yield f"item {index}", item
            return
        yield from _annotation_objects(whole_object(text, self._members), problems)


def _documents(text: str, name: str) -> Iterator[_Document]:
    """The file's JSON documents in turn: one, or one a line (JSON Lines)."""
    cursor = JsonCursor(text)
    if not cursor.peek():
        raise InputError(f"{name} is empty. Choose a W3C Web Annotation or Hypothesis export.")
    first = True
    while cursor.peek():
        start = cursor.pos
        try:
            document = _Document(cursor)
        except json.JSONDecodeError as error:
            if first:
                raise InputError(
                    f"{name} is not JSON (line {error.lineno}: {error.msg}). "
                    "Choose a W3C Web Annotation or Hypothesis export."
                ) from None
            number = text.count("\n", 0, start) + 1
            raise InputError(
                f"Line {number} of {name} is not JSON. Fix or remove that line and import again."
            ) from None
        yield document
        first = False


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("type", obj.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _annotation_objects(document: Any, problems: list[str]) -> Iterator[tuple[str, Any]]:
    """The annotation objects in a parsed JSON value, each with where it was found."""
    if isinstance(document, list):
        for index, item in enumerate(document, 1):
            yield f"item {index}", item
        return
    if not isinstance(document, dict):
        problems.append("a value that is not an annotation object was skipped")
        return
    types = _types(document)
    if "AnnotationCollection" in types:
        page = document.get("first")
        seen = 0
        while isinstance(page, dict):
            for index, item in enumerate(_as_list(page.get("items")), 1):
                yield f"item {seen + index}", item
            seen += len(_as_list(page.get("items")))
            page = page.get("next")
        if isinstance(page, str):
            problems.append(
                f"the collection continues in pages that are only linked ({page}); "
                "export them into the file as well"
            )
        return
    if "AnnotationPage" in types:
        for index, item in enumerate(_as_list(document.get("items")), 1):
            yield f"item {index}", item
        return
    for key in ("annotations", "rows"):  # Hypothesis client export / search API
        if isinstance(document.get(key), list) and "target" not in document:
            for index, item in enumerate(document[key], 1):
                yield f"item {index}", item
            return
    yield "item 1", document


def _kind_of(value: Any) -> str:
    """What a JSON value that is not an object or a list is, for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _timestamp(value: Any) -> str:
    """An RFC 3339 date-time as given, another ISO form made one (UTC when it names no
    zone), anything else ``""`` (exports must carry valid date-times)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if _RFC3339.match(text):
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


# ------------------------------------------------------------------------ HTML bodies


class _MarkdownWriter(HTMLParser):
    """The few HTML elements annotation tools write in bodies, as Markdown."""

    _INLINE = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}
    _BLOCKS = {"p", "div", "blockquote", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._INLINE:
            self.out.append(self._INLINE[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._links.append(href if _is_web_link(href) else "")
            self.out.append("[" if self._links[-1] else "")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in self._BLOCKS:
            self.out.append("\n\n" + ("> " if tag == "blockquote" else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._INLINE:
            self.out.append(self._INLINE[tag])
        elif tag == "a" and self._links:
            href = self._links.pop()
            self.out.append(f"]({href})" if href else "")
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_markdown(html: str) -> str:
    """An HTML body (``format: text/html``) as Markdown: paragraphs, line breaks, lists,
    emphasis, code and web links kept; every other element reduced to its text."""
    writer = _MarkdownWriter()
    writer.feed(html)
    writer.close()
    text = "".join(writer.out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ----------------------------------------------------------------------- annotations


def _parse_one(item: Any, position: str, parsed: ParsedAnnotations) -> None:
    if not isinstance(item, dict):
        parsed.problems.append(f"{position}: not an annotation object")
        parsed.strangers += 1
        return
    external_id = _text(item.get("id") or item.get("@id"))
    shown = external_id or position
    is_w3c = "Annotation" in _types(item)
    is_hypothesis = not is_w3c and ("uri" in item or "text" in item) and "target" in item
    if not (is_w3c or is_hypothesis):
        parsed.problems.append(f"{shown}: not a W3C or Hypothesis annotation")
        parsed.strangers += 1
        return
    if is_hypothesis and item.get("references"):
        parsed.problems.append(f"{shown}: a reply to another annotation (replies are not notes)")
        return
    targets = [t for t in _as_list(item.get("target")) if t is not None]
    fallback_source = _text(item.get("uri"))
    anchor = _first_quote(targets, fallback_source)
    if anchor is None:
        source = next((_target_source(t) for t in targets if _target_source(t)), fallback_source)
        where = f" on {source}" if source else ""
        parsed.problems.append(f"{shown}: no quoted text to anchor{where} (a page note)")
        return
    if is_w3c:
        note = _w3c_body(item)
    else:
        note = _hypothesis_body(item)
    parsed.annotations.append(
        ImportedAnnotation(
            external_id=external_id,
            created=_timestamp(item.get("created")),
            modified=_timestamp(item.get("modified") or item.get("updated")),
            tool="w3c" if is_w3c else "hypothesis",
            **anchor,
            **note,
        )
    )


def _target_source(target: Any) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, dict):
        source = target.get("source")
        if isinstance(source, dict):
            return _text(source.get("id") or source.get("@id"))
        return _text(source) or _text(target.get("id"))
    return ""


def _flat_selectors(selectors: Any) -> Iterator[dict[str, Any]]:
    for selector in _as_list(selectors):
        if isinstance(selector, dict):
            yield selector
            yield from _flat_selectors(selector.get("refinedBy"))


def _first_quote(targets: list[Any], fallback_source: str) -> dict[str, Any] | None:
    """Source, quote, context, position hint and state of the first target with a quote."""
    for target in targets:
        if not isinstance(target, dict):
            continue
        quote = position = None
        for selector in _flat_selectors(target.get("selector")):
            kinds = _types(selector)
            if "TextQuoteSelector" in kinds and quote is None and _text(selector.get("exact")):
                quote = selector
            elif "TextPositionSelector" in kinds and position is None:
                position = selector
        if quote is None:
            continue
        start = _int(position.get("start")) if position else None
        end = _int(position.get("end")) if position else None
        if start is None or end is None or end < start:
            start = end = None
        state = target.get("state")
        return {
            "source": _target_source(target) or fallback_source,
            "exact": _text(quote.get("exact")),
            "prefix": _text(quote.get("prefix")),
            "suffix": _text(quote.get("suffix")),
            "start": start,
            "end": end,
            "text_state": state if isinstance(state, str) else "",
        }
    return None


def _purposes(body: dict[str, Any], annotation: dict[str, Any]) -> set[str]:
    purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
    if not purposes:
        # A body without its own purpose takes the annotation's motivation, as the
        # model says a single-body annotation may.
        purposes = {m for m in _as_list(annotation.get("motivation")) if isinstance(m, str)}
    return purposes


def _w3c_body(annotation: dict[str, Any]) -> dict[str, Any]:
    texts: list[str] = []
    tags: list[str] = []
    links: list[tuple[str, str]] = []
    verdict: VerdictKey | None = None
    conclusion = ""
    if isinstance(annotation.get("bodyValue"), str):
        texts.append(annotation["bodyValue"])
    bodies = _as_list(annotation.get("body"))
    for body in bodies:
        if isinstance(body, str):
            if _is_web_link(body):
                links.append((body, ""))
            continue
        if not isinstance(body, dict):
            continue
        purposes = _purposes(body, annotation) if len(bodies) == 1 else _own_purposes(body)
        value = body.get("value")
        if isinstance(value, str) and _text(body.get("format")).lower() == "text/html":
            value = html_to_markdown(value)
        if isinstance(value, str) and ("TextualBody" in _types(body) or not _types(body)):
            if "tagging" in purposes:
                if value.strip():
                    tags.append(value.strip())
            elif "assessing" in purposes:
                found, rest = _assessment(value)
                verdict = verdict or found
                conclusion = conclusion or rest
            elif value.strip():
                texts.append(value)
            continue
        url = _text(body.get("source")) or _text(body.get("id") or body.get("@id"))
        if _is_web_link(url):
            links.append((url, _text(body.get("title") or body.get("name"))))
    listed_links = bool(links)
    return _finish(texts, tags, links, verdict, conclusion, links_in_text=not listed_links)


def _own_purposes(body: dict[str, Any]) -> set[str]:
    return {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}


def _hypothesis_body(annotation: dict[str, Any]) -> dict[str, Any]:
    text = _text(annotation.get("text"))
    tags = [t.strip() for t in _as_list(annotation.get("tags")) if isinstance(t, str) and t.strip()]
    return _finish([text] if text.strip() else [], tags, [], None, "", links_in_text=True)


def _assessment(value: str) -> tuple[VerdictKey | None, str]:
    """Verdict and conclusion from an assessing body: ``"<label>: <conclusion>"``."""
    value = value.strip()
    head, colon, rest = value.partition(":")
    if colon and verdict_named(head):
        return verdict_named(head), rest.strip()
    if verdict_named(value):
        return verdict_named(value), ""
    return None, value


def _finish(
    texts: list[str],
    tags: list[str],
    links: list[tuple[str, str]],
    verdict: VerdictKey | None,
    conclusion: str,
    *,
    links_in_text: bool,
) -> dict[str, Any]:
    body = "\n\n".join(t.strip("\n") for t in texts)
    if links_in_text:
        links = links + _links_in(body)
    kept_tags: list[str] = []
    for tag in tags:
        if verdict is None and verdict_named(tag) is not None:
            verdict = verdict_named(tag)
            continue
        kept_tags.append(tag)
    return {
        "body": body,
        "tags": tuple(dict.fromkeys(kept_tags)),
        "verdict": verdict,
        "conclusion": conclusion,
        "links": tuple(_unique_links(links)),
    }


def _links_in(text: str) -> list[tuple[str, str]]:
    links = [(url, title.strip()) for title, url in _LINK_IN_MARKDOWN.findall(text)]
    without_markdown = _LINK_IN_MARKDOWN.sub(" ", text)
    links += [
        (url.rstrip(_TRAILING_PUNCTUATION), "") for url in _BARE_LINK.findall(without_markdown)
    ]
    return links


def _unique_links(links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for url, title in links:
        if url not in seen or (title and not seen[url]):
            seen[url] = title
    return list(seen.items())


def _is_web_link(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not any(c.isspace() for c in url)
