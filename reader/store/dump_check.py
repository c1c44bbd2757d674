"""The shape of a lossless JSON export, checked whole before anything is written.

One malformed entry used to be stored as it was (``"blocks": "oops"``) and then broke
``show``, exports and every later import.  :func:`check_document` walks the parsed
document against the schema below and raises :class:`InputError` naming the JSON path
of the first fault, for example ``articles[3].versions[0].blocks: expected a list``.
Nothing is imported from a file with any fault.

The schema follows the tables (``reader/store/schema.py``): a column that is NOT NULL
without a default is required; one with a default may be left out; an unknown key is
refused (it would name a column that does not exist).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any

from reader.core.claim_match import WORKFLOW_STATES
from reader.core.errors import InputError
from reader.core.verdicts import BY_KEY, STANCES, STATUSES

Check = Callable[[Any, str], None]


class _Fault(Exception):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"text {shown!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def text(value: Any, path: str) -> None:
    if not isinstance(value, str):
        raise _Fault(path, f"expected text, found {_kind(value)}")


def text_or_null(value: Any, path: str) -> None:
    if value is not None and not isinstance(value, str):
        raise _Fault(path, f"expected text or null, found {_kind(value)}")


def nonempty_text(value: Any, path: str) -> None:
    text(value, path)
    if not value.strip():
        raise _Fault(path, "expected text, found empty text")


def whole_number(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Fault(path, f"expected a whole number, found {_kind(value)}")
    if value < 0:
        raise _Fault(path, f"expected a whole number of 0 or more, found {value}")


def whole_number_or_null(value: Any, path: str) -> None:
    if value is not None:
        whole_number(value, path)


def one_of(*allowed: str | None) -> Check:
    def check(value: Any, path: str) -> None:
        if value not in allowed:
            shown = ", ".join("null" if a is None else a for a in allowed)
            raise _Fault(path, f"expected one of {shown}, found {_kind(value)}")

    return check


def list_of(item: Check) -> Check:
    def check(value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise _Fault(path, f"expected a list, found {_kind(value)}")
        for i, element in enumerate(value):
            item(element, f"{path}[{i}]")

    return check


def base64_text(value: Any, path: str) -> None:
    text(value, path)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Fault(path, "expected base64 text (the raw input)") from None


def _block(value: Any, path: str) -> None:
    if not isinstance(value, list) or len(value) != 3:
        raise _Fault(path, f"expected a block [kind, start, end], found {_kind(value)}")
    text(value[0], f"{path}[0]")
    whole_number(value[1], f"{path}[1]")
    whole_number(value[2], f"{path}[2]")


def record(required: Mapping[str, Check], optional: Mapping[str, Check]) -> Check:
    def check(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise _Fault(path, f"expected an object, found {_kind(value)}")
        for key, field_check in required.items():
            if key not in value:
                raise _Fault(f"{path}.{key}", "missing")
            field_check(value[key], f"{path}.{key}")
        for key, item in value.items():
            if key in required:
                continue
            optional_check = optional.get(key)
            if optional_check is None:
                raise _Fault(f"{path}.{key}", "unknown field")
            optional_check(item, f"{path}.{key}")

    return check


SOURCE = record(
    {"id": text, "url": text},
    {
        "position": whole_number,
        "title": text,
        "publisher": text,
        "date": text,
        "accessed": text,
        "archive_url": text,
        "stance": one_of(*STANCES),
    },
)


def anything(value: Any, path: str) -> None:
    """Any JSON value: a field we write for readers and recompute on import."""


CONFIRMATION = record(
    {
        "id": text,
        "kind": one_of("accepted", "reattached"),
        "confirmed_at": text,
        "version": whole_number,
        "exact": text,
        "previous_exact": text,
    },
    {},
)
# The claims memory's user data (issue 16).  A note's links to the claims it makes
# (another note, or an imported fact-check) and where its checking stands travel with
# the note; the fact-checks themselves at the top level, beside the articles.
CLAIM_LINK = record(
    {"kind": one_of("note", "factcheck"), "ref": nonempty_text, "created": text}, {}
)
CLAIM_WORKFLOW = record({"state": one_of(*WORKFLOW_STATES), "updated": text}, {"checked_by": text})
FACTCHECK = record(
    {"id": nonempty_text, "claim": nonempty_text, "imported": text},
    {
        "title": text,
        "url": text,
        "publisher": text,
        "date": text,
        "rating": text,
        "rating_value": text,
        "claimant": text,
        "language": text,
        "origin": text,
    },
)
NOTE = record(
    {
        "id": text,
        "start": whole_number,
        "end": whole_number,
        "exact": text,
        "created": text,
        "updated": text,
    },
    {
        "prefix": text,
        "suffix": text,
        "text_sha256": text,
        # "drifted" is how exports before the "changed" state named it.
        "anchor_state": one_of("ok", "changed", "drifted", "orphan"),
        "verdict": one_of(None, *BY_KEY),
        "status": one_of(*STATUSES),
        "conclusion": text,
        "body": text,
        "tags": list_of(text),
        "deleted_at": text_or_null,
        "sources": list_of(SOURCE),
        "original_exact": text,
        "checked_exact": text,
        "original_version": whole_number_or_null,
        "external_id": text_or_null,
        "claimant": text_or_null,
        "confirmations": list_of(CONFIRMATION),
        "word_diff": anything,
        "claim_links": list_of(CLAIM_LINK),
        "claim_workflow": CLAIM_WORKFLOW,
    },
)
VERSION = record(
    {
        "version": whole_number,
        "text": text,
        "blocks": list_of(_block),
        "retrieved": text,
        "text_sha256": text,
    },
    {"dropped": list_of(text), "raw": base64_text, "raw_type": text, "origin": text},
)
OVERRIDE = record({"text": text, "action": one_of("drop", "keep")}, {})
DISMISSAL = record({"exact": text, "dismissed_at": text}, {})
ARTICLE = record(
    {"id": text, "created": text, "updated": text, "versions": list_of(VERSION)},
    {
        "title": text,
        "byline": text_or_null,
        "site_name": text_or_null,
        "url": text_or_null,
        "published": text_or_null,
        "language": text_or_null,
        "current_version": whole_number,
        "deleted_at": text_or_null,
        "notes": list_of(NOTE),
        "block_overrides": list_of(OVERRIDE),
        "claim_dismissals": list_of(DISMISSAL),
    },
)


def _check_article_meaning(article: dict[str, Any], path: str) -> None:
    """What the types alone do not say: the current version exists, blocks fit its text."""
    versions = {v["version"]: (i, v) for i, v in enumerate(article["versions"])}
    current = article.get("current_version", 1)
    if current not in versions:
        raise _Fault(f"{path}.current_version", f"no version {current} in versions")
    for number, (i, version) in versions.items():
        length = len(version["text"])
        for j, (_, start, end) in enumerate(version["blocks"]):
            if not start <= end <= length:
                raise _Fault(
                    f"{path}.versions[{i}].blocks[{j}]",
                    f"offsets {start}-{end} do not fit the text of version {number}",
                )
    for i, note in enumerate(article.get("notes", [])):
        if note["start"] > note["end"]:
            raise _Fault(f"{path}.notes[{i}].end", "ends before it starts")
        for j, link in enumerate(note.get("claim_links", [])):
            if link["kind"] == "note" and link["ref"] == note["id"]:
                raise _Fault(f"{path}.notes[{i}].claim_links[{j}].ref", "links the note to itself")


def check_article(article: Any, path: str) -> None:
    """Raise InputError if ``article`` (found at ``path``) is not a valid export entry."""
    try:
        ARTICLE(article, path)
        _check_article_meaning(article, path)
    except _Fault as fault:
        raise _refusal(str(fault)) from None


def check_factcheck(entry: Any, path: str) -> None:
    """Raise InputError if ``entry`` (found at ``path``) is not a valid fact-check."""
    try:
        FACTCHECK(entry, path)
    except _Fault as fault:
        raise _refusal(str(fault)) from None


def _refusal(where_and_what: str) -> InputError:
    return InputError(
        f"This Fact-Check Reader export is incomplete or damaged ({where_and_what}); "
        "nothing was imported. Export the library again, or fix that entry."
    )


def check_header(document: Any, expected_format: str, newest_version: int) -> None:
    """The top level: an object of our format, a version we can read, a list of articles."""
    if not isinstance(document, dict) or document.get("format") != expected_format:
        raise InputError(
            "This JSON file is not a Fact-Check Reader export. Choose a file made with "
            "Export → JSON."
        )
    version = document.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise _refusal(f"version: expected a whole number, found {_kind(version)}")
    if version > newest_version:
        raise InputError(
            "This export was made by a newer version of Fact-Check Reader. Update the app "
            "to import it."
        )
    if "articles" not in document:
        raise _refusal("articles: missing")
    if not isinstance(document["articles"], list):
        raise _refusal(f"articles: expected a list, found {_kind(document['articles'])}")
    # Absent from exports made before the claims memory, and from those without any.
    if not isinstance(document.get("factchecks", []), list):
        raise _refusal(f"factchecks: expected a list, found {_kind(document['factchecks'])}")
    for key in document:
        if key not in ("format", "version", "articles", "factchecks"):
            raise _refusal(f"{key}: unknown field")


def check_document(document: Any, expected_format: str, newest_version: int) -> int:
    """Check a whole parsed export; return how many articles it holds."""
    check_header(document, expected_format, newest_version)
    articles = document["articles"]
    ids = IdRegister()
    for i, article in enumerate(articles):
        check_article(article, f"articles[{i}]")
        ids.add(article, f"articles[{i}]")
    for i, entry in enumerate(document.get("factchecks", [])):
        check_factcheck(entry, f"factchecks[{i}]")
        ids.add_factcheck(entry, f"factchecks[{i}]")
    return len(articles)


class IdRegister:
    """The ids seen so far in one export: an id used twice is refused by its path."""

    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {
            "article": set(),
            "note": set(),
            "source": set(),
            "fact-check": set(),
        }

    def _one(self, kind: str, identifier: str, path: str) -> None:
        seen = self._seen[kind]
        if identifier in seen:
            raise _refusal(f"{path}.id: the {kind} id {identifier} appears twice")
        seen.add(identifier)

    def add(self, article: dict[str, Any], path: str) -> None:
        """Register a checked article's id and those of its notes and sources."""
        self._one("article", article["id"], path)
        for i, note in enumerate(article.get("notes", [])):
            self._one("note", note["id"], f"{path}.notes[{i}]")
            for j, source in enumerate(note.get("sources", [])):
                self._one("source", source["id"], f"{path}.notes[{i}].sources[{j}]")

    def add_factcheck(self, entry: dict[str, Any], path: str) -> None:
        """Register a checked fact-check's id."""
        self._one("fact-check", entry["id"], path)
