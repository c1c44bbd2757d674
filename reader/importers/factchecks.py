"""Read published fact-checks from a file: ClaimReview JSON-LD, or a TSV/CSV table.

ClaimReview comes in many wrappings, all accepted: one object, a list of them, a
``@graph``, a DataFeed (``dataFeedElement`` → ``item``), the ``<script
type="application/ld+json">`` blocks of a saved fact-check page, and the JSON of Google's
Fact Check Tools search (``claims`` → ``claimReview``).  Every object whose ``@type`` is
``ClaimReview`` is taken, wherever it is nested.

A table needs a header row naming at least the claim column; title, URL, rating,
publisher and date are read when present (see :data:`COLUMN_NAMES`).

Parsing only: nothing here touches the library (``reader.store.claims_memory`` writes).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from reader.core import json_text
from reader.core.claim_match import FactCheck
from reader.core.decode import decode_bytes
from reader.core.errors import InputError
from reader.core.files import read_user_file, shown_name
from reader.core.json_text import JsonCursor, list_at, whole_object
from reader.importers.json_kinds import belongs_elsewhere

log = logging.getLogger(__name__)

MAX_FACTCHECK_BYTES = 256 * 1024 * 1024
"""Largest file accepted: the biggest public ClaimReview feeds are ~150 MB."""

FactCheckFormat = Literal["claimreview", "table"]

# Normalised header (lower case, letters and digits only) → our field.
COLUMN_NAMES: dict[str, str] = {
    **dict.fromkeys(
        ("claim", "claimtext", "claimreviewed", "text", "vclaim", "statement"), "claim"
    ),
    **dict.fromkeys(("title", "headline"), "title"),
    **dict.fromkeys(("url", "link", "reviewurl", "factcheckurl"), "url"),
    **dict.fromkeys(("rating", "verdict", "textualrating", "alternatename", "label"), "rating"),
    **dict.fromkeys(("publisher", "author", "site", "organisation", "organization"), "publisher"),
    **dict.fromkeys(("date", "datepublished", "reviewdate", "published"), "date"),
    **dict.fromkeys(("ratingvalue",), "rating_value"),
    **dict.fromkeys(("claimant", "speaker"), "claimant"),
    **dict.fromkeys(("language", "languagecode", "inlanguage", "lang"), "language"),
}

_START = re.compile(r"[\ufeff\s]*")  # a stray byte-order mark, then spaces
_LD_JSON_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class FactCheckFile:
    """What a file held: its fact-checks, and how many entries were unusable."""

    checks: list[FactCheck]
    skipped: int
    format: FactCheckFormat


def read_factchecks_file(path: str | Path) -> FactCheckFile:
    """Read and parse the fact-check file at ``path``; :class:`InputError` when unusable."""
    # Handed over without a name kept here: the bytes go once they are decoded.
    return parse_factchecks(
        read_user_file(
            path, what="a ClaimReview JSON or a TSV file", max_bytes=MAX_FACTCHECK_BYTES
        ),
        shown_name(path),
    )


def parse_factchecks(data: bytes, name: str = "the file") -> FactCheckFile:
    """Fact-checks in ``data`` (ClaimReview JSON-LD, an HTML page carrying it, or a table).

    Raises :class:`InputError` with a one-line message when the data is empty, not
    text, malformed, or holds no fact-check.

    Memory: the bytes are dropped once decoded, and JSON is walked a list element at
    a time (:class:`~reader.core.json_text.JsonCursor`): a 50 MB file holds its text and
    the fact-checks, never all its objects parsed at once.
    """
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise InputError(f"“{name}” is empty. Choose a ClaimReview JSON or a TSV file.")
    try:
        text = decode_bytes(data, "text/plain")
        del data
    except InputError as err:
        # The decoder's first sentence says what the file is; its advice is for articles.
        what = str(err).split(". ")[0].rstrip(".")
        raise InputError(
            f"“{name}” is not a text file: {what[:1].lower()}{what[1:]}. "
            "Choose a ClaimReview JSON or a TSV file."
        ) from err
    start = _START.match(text).end()  # type: ignore[union-attr]  # (matches everywhere)
    head = text[start : start + 1]
    if head in ("{", "["):
        try:
            return _from_json_text(text, start, name)
        except RecursionError:
            raise InputError(
                f"“{name}” is nested far too deeply to be a fact-check file (lists or objects "
                "inside each other thousands of times). Choose a ClaimReview JSON or a TSV "
                "file."
            ) from None
    text = text.lstrip("\ufeff")  # a table's or a page's (a copy only if there is one)
    if head == "<":
        scripts = _LD_JSON_SCRIPT.findall(text)
        if not scripts:
            raise InputError(
                f"“{name}” is a web page without ClaimReview data. Save the fact-check "
                "page itself, or export the fact-checks as JSON or TSV."
            )
        documents = []
        for script in scripts:
            try:
                documents.append(json_text.loads(script))
            except (json.JSONDecodeError, RecursionError):
                log.info("skipping a malformed JSON-LD block in %s", name)
        return _from_documents(documents, name)
    return _from_table(text, name)


# -- ClaimReview ------------------------------------------------------------------------


def _from_json_text(text: str, start: int, name: str) -> FactCheckFile:
    """The fact-checks of a JSON document, or of several in a row (JSON Lines)."""
    cursor = JsonCursor(text, start)
    try:
        # Decoded as they are read, so a fault late in the file is found after some
        # fact-checks were made: they are dropped with the error, nothing is stored.
        return _from_documents(_json_units(cursor), name, text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"“{name}” is not valid JSON ({err.msg} at line {err.lineno}, column "
            f"{err.colno}). Fix the file or export it again."
        ) from None


def _json_units(cursor: JsonCursor) -> Iterator[Any]:
    """The values to look for ClaimReviews in, one at a time: each element of a
    top-level list, and of a list that is a member of a top-level object; each whole
    document otherwise.  Walking them in turn finds what walking the whole would."""
    while cursor.peek():
        head = cursor.peek()
        if head == "[":
            yield from cursor.items()
        elif head == "{":
            yield from _object_units(cursor)
        else:
            yield cursor.value()


def _object_units(cursor: JsonCursor) -> Iterator[Any]:
    """A top-level object's lists element by element, its other values whole; an
    object that is itself a ClaimReview (or a Fact Check Tools claim) whole."""
    members = cursor.members_lists_left(keep=("@type", "text"))
    shell = {key: value for key, value, at in members if at is None}
    lists = {key for key, _, at in members if at is not None}
    if _is_claim_review(shell) or ("claimReview" in lists and "text" in shell):
        yield whole_object(cursor.text, members)
        return
    for _, value, at in members:
        if at is not None:
            yield from list_at(cursor.text, at)
        elif isinstance(value, (dict, list)):
            yield value


def _from_documents(documents: Iterable[Any], name: str, text: str = "") -> FactCheckFile:
    checks: list[FactCheck] = []
    skipped = 0
    for document in documents:
        for review in _claim_reviews(document):
            check = _from_claim_review(review)
            if check is None:
                skipped += 1
            else:
                checks.append(check)
    if not checks:
        elsewhere = belongs_elsewhere(text, f"“{name}”", "claimreview")
        if elsewhere:
            raise InputError(elsewhere)
        detail = f" ({skipped} without a claim)" if skipped else ""
        raise InputError(
            f"“{name}” holds no ClaimReview fact-check{detail}. Expected JSON-LD objects "
            'with "@type": "ClaimReview", or a TSV with a claim column.'
        )
    return FactCheckFile(checks, skipped, "claimreview")


def _claim_reviews(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in ``node``, however deeply nested (iteratively)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if _is_claim_review(item):
                yield item
                continue
            if isinstance(item.get("claimReview"), list) and "text" in item:
                yield from _from_fact_check_tools(item)
                continue
            stack.extend(reversed([v for v in item.values() if isinstance(v, (list, dict))]))


def _is_claim_review(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _from_fact_check_tools(item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Google Fact Check Tools JSON (a claim with its reviews) as ClaimReview objects."""
    for review in item["claimReview"]:
        if not isinstance(review, dict):
            continue
        yield {
            "@type": "ClaimReview",
            "claimReviewed": item.get("text"),
            "url": review.get("url"),
            "headline": review.get("title"),
            "author": review.get("publisher"),
            "datePublished": review.get("reviewDate"),
            "reviewRating": {"alternateName": review.get("textualRating")},
            "itemReviewed": {"author": {"name": item.get("claimant")}},
            "inLanguage": review.get("languageCode"),
        }


def _from_claim_review(review: dict[str, Any]) -> FactCheck | None:
    claim = _text(review.get("claimReviewed")) or _text(review.get("headline"))
    if not claim:
        return None
    rating = review.get("reviewRating")
    rating = rating[0] if isinstance(rating, list) and rating else rating
    rating = rating if isinstance(rating, dict) else {}
    item = review.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    return FactCheck(
        claim=claim,
        title=_text(review.get("headline")) or _text(review.get("name")),
        url=_text(review.get("url")),
        publisher=_name(review.get("author")) or _name(review.get("publisher")),
        date=_text(review.get("datePublished")),
        rating=_text(rating.get("alternateName")) or _text(rating.get("name")),
        rating_value=_text(rating.get("ratingValue")),
        claimant=_name(item.get("author")),
        language=_name(review.get("inLanguage")),
    )


def _text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, dict):
        value = value.get("@value", "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name(value: Any) -> str:
    """The name of a schema.org Person/Organization (or of the first of a list)."""
    if isinstance(value, list):
        return next((n for n in map(_name, value) if n), "")
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName"))
    return _text(value)


# -- tables -----------------------------------------------------------------------------


def _from_table(text: str, name: str) -> FactCheckFile:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        header = []
    fields = {
        i: COLUMN_NAMES.get(re.sub(r"[^a-z0-9]", "", h.casefold())) for i, h in enumerate(header)
    }
    if "claim" not in fields.values():
        raise InputError(
            f"“{name}” has no claim column. Expected a TSV whose first row names its "
            "columns: claim, title, url, rating (publisher and date optional), or a "
            "ClaimReview JSON file."
        )
    checks: list[FactCheck] = []
    skipped = 0
    try:
        for row in rows:
            values: dict[str, str] = {}
            for i, cell in enumerate(row):
                field = fields.get(i)
                if field and field not in values:
                    values[field] = " ".join(cell.split())
            if not values.get("claim"):
                skipped += bool(any(cell.strip() for cell in row))
                continue
            checks.append(FactCheck(**values))
    except csv.Error as err:
        raise InputError(
            f"“{name}” is not a well-formed table (line {rows.line_num}: {err}). Fix the "
            "file or export it again."
        ) from err
    if not checks:
        raise InputError(f"“{name}” has a header but no fact-check rows. Check the file.")
    return FactCheckFile(checks, skipped, "table")


# -- claim-retrieval tables (the CheckThat! layout) ---------------------------------------


def table_text(data: bytes, name: str) -> str:
    """The text of a TSV of sentences or claims: UTF-8, or Unicode with a byte-order
    mark (what a spreadsheet's "Unicode text" gives); :class:`InputError` otherwise.

    Other encodings are refused rather than guessed: a wrong guess would score or match
    garbled words without a word said.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            break
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"“{name}” is not UTF-8 text. Save it as UTF-8 and try again.") from err


def read_id_table(path: str | Path, columns: int) -> list[tuple[str, ...]]:
    """Rows ``(id, text, …)`` of a TSV whose first row is a header, ``columns`` wide.

    The layout of the CheckThat! claim-retrieval data: verified claims ``id, claim,
    title`` and queries ``id, text``; cells may be double-quoted CSV-style and hold line
    breaks.  Missing cells after the text are empty; :class:`InputError` on anything
    else, a row without its text included (it would match nothing, silently).
    """
    shown = shown_name(path)
    data = read_user_file(path, what="a tab-separated (TSV) file", max_bytes=MAX_FACTCHECK_BYTES)
    text = table_text(data, shown)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    rows: list[tuple[str, ...]] = []
    try:
        next(reader, None)  # the header
        for row in reader:
            if not row or not row[0].strip():
                continue
            if len(row) < 2 or not row[1].strip():
                raise InputError(
                    f"Line {reader.line_num} of “{shown}” has an id but no text. Every line "
                    "needs an id and a text separated by a tab; fix that line."
                )
            cells = [*row[:columns], *[""] * (columns - len(row))]
            rows.append(tuple(cells))
    except csv.Error as err:
        raise InputError(
            f"“{shown}” is not a well-formed TSV (line {reader.line_num}: {err}). Fix that "
            "line, or save the table again as tab-separated text."
        ) from err
    if not rows:
        raise InputError(
            f"“{shown}” has no rows after its first line, which is read as the header "
            "(the column names). Add a header line above the rows."
        )
    return rows
