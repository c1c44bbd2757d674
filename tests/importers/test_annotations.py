"""Reading W3C Web Annotations and Hypothesis exports into plain records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.errors import InputError
from reader.importers.annotations import (
    parse_annotations,
    read_annotation_file,
    verdict_named,
)

PAGE = "https://news.example/rivers/flood-story"


def w3c_annotation(**extra: Any) -> dict[str, Any]:
    annotation: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://annotations.example/anno/17",
        "type": "Annotation",
        "motivation": "assessing",
        "created": "2025-03-01T08:00:00Z",
        "modified": "2025-03-02T09:00:00Z",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": "Mostly false: The river is 240 km long.",
            },
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/markdown",
                "value": "Survey says **240 km**, see https://survey.example/r in the text.",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": "rivers"},
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": "https://survey.example/r",
            },
        ],
        "target": {
            "source": PAGE,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "The river is 300 km long.",
                    "prefix": "Floods came early. ",
                    "suffix": " Farmers plant rice.",
                },
                {"type": "TextPositionSelector", "start": 20, "end": 45},
            ],
        },
    }
    annotation.update(extra)
    return annotation


def hypothesis_row(annotation_id: str, exact: str, text: str, tags: list[str]) -> dict[str, Any]:
    return {
        "id": annotation_id,
        "created": "2025-04-01T10:00:00.000000+00:00",
        "updated": "2025-04-01T10:05:00.000000+00:00",
        "user": "acct:checker@hypothes.is",
        "uri": PAGE + "?utm_source=feed",
        "text": text,
        "tags": tags,
        "group": "__world__",
        "target": [
            {
                "source": PAGE + "?utm_source=feed",
                "selector": [
                    {
                        "type": "RangeSelector",
                        "startContainer": "/main[1]/p[2]",
                        "startOffset": 0,
                        "endContainer": "/main[1]/p[2]",
                        "endOffset": 25,
                    },
                    {"type": "TextPositionSelector", "start": 812, "end": 812 + len(exact)},
                    {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": "ods came early. ",
                        "suffix": " Farmers plant ri",
                    },
                ],
            }
        ],
        "document": {"title": ["Flood story"]},
        "links": {"html": f"https://hypothes.is/a/{annotation_id}"},
    }


def test_w3c_annotation_maps_onto_a_note() -> None:
    (record,) = parse_annotations(json.dumps(w3c_annotation())).annotations
    assert record.external_id == "https://annotations.example/anno/17"
    assert record.source == PAGE
    assert (record.exact, record.prefix, record.suffix) == (
        "The river is 300 km long.",
        "Floods came early. ",
        " Farmers plant rice.",
    )
    assert (record.start, record.end) == (20, 45)
    assert record.verdict == "mostly_false"
    assert record.conclusion == "The river is 240 km long."
    assert record.body.startswith("Survey says **240 km**")
    assert record.tags == ("rivers",)
    assert record.created == "2025-03-01T08:00:00Z"
    assert record.modified == "2025-03-02T09:00:00Z"


def test_listed_linking_bodies_are_the_sources_and_links_in_text_stay_prose() -> None:
    annotation = w3c_annotation()
    annotation["body"][1]["value"] = "Compare [the atlas](https://atlas.example/r)."
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.links == (("https://survey.example/r", ""),)


def test_links_in_the_text_become_sources_when_none_are_listed() -> None:
    annotation = w3c_annotation()
    annotation["body"] = [
        {
            "type": "TextualBody",
            "value": "Compare [the atlas](https://atlas.example/r) and https://survey.example/r.",
        }
    ]
    annotation["motivation"] = "commenting"
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.links == (
        ("https://atlas.example/r", "the atlas"),
        ("https://survey.example/r", ""),
    )
    assert record.verdict is None


def test_assessment_naming_no_verdict_is_the_conclusion() -> None:
    annotation = w3c_annotation()
    annotation["body"] = [
        {"type": "TextualBody", "purpose": "assessing", "value": "Length depends on the source"}
    ]
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.verdict is None
    assert record.conclusion == "Length depends on the source"


def test_single_body_takes_the_annotation_motivation_as_purpose() -> None:
    annotation = w3c_annotation(motivation="tagging")
    annotation["body"] = {"type": "TextualBody", "value": "rivers"}
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.tags == ("rivers",)
    assert record.body == ""


def test_body_value_is_the_note_body() -> None:
    annotation = w3c_annotation(motivation="commenting", bodyValue="Check the *atlas*.")
    del annotation["body"]
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.body == "Check the *atlas*."


def test_collection_pages_and_json_lines_are_read_alike() -> None:
    first = w3c_annotation(id="urn:uuid:00000000-0000-4000-8000-000000000001")
    second = w3c_annotation(id="urn:uuid:00000000-0000-4000-8000-000000000002")
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "total": 2,
        "first": {
            "type": "AnnotationPage",
            "items": [first],
            "next": {"type": "AnnotationPage", "items": [second]},
        },
    }
    page = {"type": "AnnotationPage", "items": [first, second]}
    lines = json.dumps(first) + "\n\n" + json.dumps(second) + "\n"
    for text in (json.dumps(collection), json.dumps(page), lines, json.dumps([first, second])):
        parsed = parse_annotations(text)
        assert [a.external_id for a in parsed.annotations] == [first["id"], second["id"]]
        assert parsed.problems == []


def test_hypothesis_export_gives_quote_tags_and_a_verdict_from_a_tag() -> None:
    export = {
        "export_date": "2025-04-02T00:00:00Z",
        "export_userid": "acct:checker@hypothes.is",
        "client_version": "1.1",
        "annotations": [
            hypothesis_row(
                "Qp8t2kS7",
                "The river is 300 km long.",
                "Wrong: [survey](https://survey.example/r).",
                ["False", "rivers"],
            ),
            hypothesis_row("Zx9", "Farmers plant rice.", "", ["mostly-true"]),
        ],
    }
    first, second = parse_annotations(json.dumps(export)).annotations
    assert first.tool == "hypothesis"
    assert first.external_id == "Qp8t2kS7"
    assert first.source == PAGE + "?utm_source=feed"
    assert first.exact == "The river is 300 km long."
    assert first.prefix == "ods came early. "
    assert (first.start, first.end) == (812, 837)
    assert first.verdict == "false"
    assert first.tags == ("rivers",)
    assert first.body == "Wrong: [survey](https://survey.example/r)."
    assert first.links == (("https://survey.example/r", "survey"),)
    assert first.modified == "2025-04-01T10:05:00.000000+00:00"
    assert second.verdict == "mostly_true"
    assert second.tags == ()


def test_hypothesis_search_answer_and_single_rows_are_read() -> None:
    row = hypothesis_row("Ab1", "Farmers plant rice.", "Which farmers?", [])
    for document in ({"total": 1, "rows": [row]}, row, [row]):
        (record,) = parse_annotations(json.dumps(document)).annotations
        assert record.external_id == "Ab1"
        assert record.body == "Which farmers?"


def test_page_notes_and_strangers_are_reported_not_dropped() -> None:
    page_note = w3c_annotation(id="urn:x:page-note", target=PAGE)
    stranger = {"id": "x1", "kind": "bookmark"}
    parsed = parse_annotations(json.dumps([page_note, stranger, w3c_annotation()]))
    assert len(parsed.annotations) == 1
    assert parsed.problems == [
        f"urn:x:page-note: no quoted text to anchor on {PAGE} (a page note)",
        "x1: not a W3C or Hypothesis annotation",
    ]


def test_hypothesis_replies_are_reported_as_replies() -> None:
    reply = hypothesis_row("R1", "x", "Agreed.", [])
    reply["references"] = ["Qp8t2kS7"]
    reply["target"] = [{"source": PAGE}]
    parsed = parse_annotations(json.dumps({"rows": [reply]}))
    assert parsed.problems == ["R1: a reply to another annotation (replies are not notes)"]


def test_position_without_end_is_no_hint() -> None:
    annotation = w3c_annotation()
    annotation["target"]["selector"][1] = {"type": "TextPositionSelector", "start": 9}
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert (record.start, record.end) == (None, None)


def test_refined_quote_selector_is_found() -> None:
    annotation = w3c_annotation()
    quote = annotation["target"]["selector"][0]
    annotation["target"]["selector"] = {
        "type": "FragmentSelector",
        "value": "para-2",
        "refinedBy": quote,
    }
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.exact == "The river is 300 km long."


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is empty"),
        ("{not json", "is not JSON"),
        ('{"type": "Annotation"}\n{broken\n', "Line 2"),
        ("[]", "holds no annotations"),
        (b"\xff\xfe\x00a", "not UTF-8"),
    ],
)
def test_bad_files_get_a_clear_message(text: str | bytes, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_annotations(text, name="notes.json")


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="was not found"):
        read_annotation_file(tmp_path / "nope.json")


def test_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps(w3c_annotation()) + "\n", encoding="utf-8")
    assert len(read_annotation_file(path).annotations) == 1


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("false", "false"),
        ("Mostly False", "mostly_false"),
        ("missing-context", "missing_context"),
        ("NOT_CHECKABLE", "not_checkable"),
        ("rivers", None),
        ("falsehood", None),
    ],
)
def test_verdict_names(name: str, key: str | None) -> None:
    assert verdict_named(name) == key


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("2025-03-01T08:00:00.123+00:00", "2025-03-01T08:00:00.123+00:00"),
        ("2025-03-01", "2025-03-01T00:00:00+00:00"),
        ("2025-03-01 08:00:00", "2025-03-01T08:00:00+00:00"),
        ("last Tuesday", ""),
        (17, ""),
    ],
)
def test_times_become_rfc3339_date_times_or_nothing(given: Any, kept: str) -> None:
    (record,) = parse_annotations(json.dumps(w3c_annotation(created=given))).annotations
    assert record.created == kept


def test_html_body_becomes_markdown() -> None:
    annotation = w3c_annotation()
    annotation["body"] = [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "format": "text/html",
            "value": "<p>The <strong>survey</strong> says <em>240 km</em>.</p>"
            "<p>See <a href='https://survey.example/r'>the survey</a>"
            "<script>alert(1)</script><br>and <a href='javascript:x()'>this</a>.</p>"
            "<ul><li>one</li><li>two &amp; three</li></ul>",
        }
    ]
    (record,) = parse_annotations(json.dumps(annotation)).annotations
    assert record.body == (
        "The **survey** says *240 km*.\n\n"
        "See [the survey](https://survey.example/r)\nand this.\n\n"
        "- one\n- two & three"
    )
    assert record.links == (("https://survey.example/r", "the survey"),)
