"""A large fact-check or annotation file is read a list element at a time.

Parsed whole, a 50 MB file held every object at once (about 300-400 MB, measured by
``tests/bench/memory_imports.py``).  These tests pin how it is read instead, without
measuring memory: no value the decoder hands back is the file's long list, and what
is read is what reading it whole found, in the same order, with the same faults.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from reader.core import json_text
from reader.core.errors import InputError
from reader.importers.annotations import parse_annotations
from reader.importers.factchecks import parse_factchecks

N = 50


def review(n: int) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/{n}",
        "claimReviewed": f"Claim number {n} about the bridge.",
        "reviewRating": {"alternateName": "False"},
    }


def annotation(n: int) -> dict[str, Any]:
    return {
        "type": "Annotation",
        "id": f"urn:x:{n}",
        "body": {"type": "TextualBody", "value": f"Note {n}."},
        "target": {
            "source": "https://news.example/story",
            "selector": {"type": "TextQuoteSelector", "exact": f"sentence {n}"},
        },
    }


@pytest.fixture
def largest_decoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The length of each list the JSON decoder returned, whole or in a value."""
    sizes: list[int] = []

    def measure(value: Any) -> Any:
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                sizes.append(len(item))
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
        return value

    real_loads, real_raw = json_text.loads, json_text.raw_decode
    monkeypatch.setattr(json_text, "loads", lambda text: measure(real_loads(text)))

    def raw_decode(text: str, pos: int = 0) -> tuple[Any, int]:
        value, end = real_raw(text, pos)
        return measure(value), end

    monkeypatch.setattr(json_text, "raw_decode", raw_decode)
    yield sizes


FACTCHECK_FILES = {
    "list": [review(n) for n in range(N)],
    "graph": {"@context": "https://schema.org", "@graph": [review(n) for n in range(N)]},
    "fact-check-tools": {
        "claims": [
            {"text": f"Claim number {n} about the bridge.", "claimReview": [{"url": f"u{n}"}]}
            for n in range(N)
        ]
    },
}


@pytest.mark.parametrize("shape", FACTCHECK_FILES)
def test_a_fact_check_file_is_decoded_an_element_at_a_time(
    shape: str, largest_decoded: list[int]
) -> None:
    data = json.dumps(FACTCHECK_FILES[shape]).encode()
    checks = parse_factchecks(data, "checks.json").checks
    assert [c.claim for c in checks] == [f"Claim number {n} about the bridge." for n in range(N)]
    assert max(largest_decoded, default=0) < N


ANNOTATION_FILES = {
    "array": [annotation(n) for n in range(N)],
    "page": {"type": "AnnotationPage", "items": [annotation(n) for n in range(N)]},
    "hypothesis export": {
        "export_date": "2025-04-02",
        "annotations": [annotation(n) for n in range(N)],
    },
    "hypothesis search": {"total": N, "rows": [annotation(n) for n in range(N)]},
}


@pytest.mark.parametrize("shape", ANNOTATION_FILES)
def test_an_annotation_file_is_decoded_an_element_at_a_time(
    shape: str, largest_decoded: list[int]
) -> None:
    data = json.dumps(ANNOTATION_FILES[shape]).encode()
    parsed = parse_annotations(data, name="notes.json")
    assert [a.external_id for a in parsed.annotations] == [f"urn:x:{n}" for n in range(N)]
    assert max(largest_decoded, default=0) < N


def test_json_lines_of_annotations_are_read_a_line_at_a_time(largest_decoded: list[int]) -> None:
    data = "\n".join(json.dumps(annotation(n)) for n in range(N)) + "\n"
    parsed = parse_annotations(data.encode(), name="notes.jsonl")
    assert len(parsed.annotations) == N


def test_a_claim_review_with_lists_in_it_is_still_read_whole() -> None:
    one = {
        "@type": ["ClaimReview"],
        "claimReviewed": "The bridge closed.",
        "reviewRating": [{"alternateName": "False"}],
        "author": [{"name": "Example Checks"}],
    }
    [check] = parse_factchecks(json.dumps(one).encode()).checks
    assert (check.rating, check.publisher) == ("False", "Example Checks")


def test_an_annotation_with_lists_in_it_is_still_read_whole() -> None:
    one = {**annotation(1), "body": [{"type": "TextualBody", "value": "Note."}], "rows": [1]}
    [read] = parse_annotations(json.dumps(one), name="one.json").annotations
    assert read.body == "Note."


def test_a_fault_late_in_a_long_list_is_named_at_its_line() -> None:
    lines = [json.dumps(review(n)) + "," for n in range(N)]
    lines[30] = '{"@type": "ClaimReview", "claimReviewed": "x",,'
    data = ("[\n" + "\n".join(lines) + "\n{}]").encode()
    with pytest.raises(InputError, match=r"not valid JSON \(.* at line 32, column"):
        parse_factchecks(data, "checks.json")


def test_a_bad_line_of_json_lines_annotations_is_named() -> None:
    lines = [json.dumps(annotation(n)) for n in range(5)]
    lines[3] = "{oops"
    with pytest.raises(InputError, match="^Line 4 of notes.jsonl is not JSON"):
        parse_annotations("\n".join(lines), name="notes.jsonl")


def test_an_empty_file_with_a_trailing_newline_is_still_empty() -> None:
    with pytest.raises(InputError, match="is empty"):
        parse_factchecks(b"  \n\n", "checks.json")
    with pytest.raises(InputError, match="is empty"):
        parse_annotations(b" \n", name="notes.json")
