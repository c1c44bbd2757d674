"""W3C Web Annotation export: selectors, bodies and the collection around them."""

from __future__ import annotations

import json

from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.annotations import export_web_annotations, export_web_annotations_json

ARTICLE_ID = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4"
TEXT = "The dam is 200 m high. It was finished in 1968."


def make_article(url: str | None = "https://news.example/dam") -> Article:
    return Article(ARTICLE_ID, TEXT, [], ArticleMeta(title="The dam", url=url))


def full_note() -> Note:
    return Note(
        id="a1",
        article_id=ARTICLE_ID,
        selector=Selector(
            23, 47, "It was finished in 1968.", prefix="The dam is 200 m high.", suffix=""
        ),
        verdict="false",
        conclusion="It was finished in 1971.",
        body="See the *inauguration* report.",
        tags=["dams", "history"],
        sources=[Source(url="https://archive.example/1971", title="Opening")],
        created="2024-02-01T10:00:00Z",
        updated="2024-02-02T11:00:00Z",
    )


def test_note_becomes_an_annotation_with_quote_and_position_selectors() -> None:
    collection = export_web_annotations(make_article(), [full_note()])
    (annotation,) = collection["first"]["items"]
    assert annotation == {
        "id": "urn:uuid:a1",
        "type": "Annotation",
        "motivation": "assessing",
        "created": "2024-02-01T10:00:00Z",
        "modified": "2024-02-02T11:00:00Z",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "format": "text/plain",
                "value": "False: It was finished in 1971.",
            },
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/markdown",
                "value": "See the *inauguration* report.",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": "dams"},
            {"type": "TextualBody", "purpose": "tagging", "value": "history"},
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": "https://archive.example/1971",
            },
        ],
        "target": {
            "source": "https://news.example/dam",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "It was finished in 1968.",
                    "prefix": "The dam is 200 m high.",
                },
                {"type": "TextPositionSelector", "start": 23, "end": 47},
            ],
        },
    }
    assert TEXT[23:47] == "It was finished in 1968."


def test_collection_wraps_all_notes_in_reading_order() -> None:
    later = full_note()
    earlier = Note("b2", ARTICLE_ID, Selector(0, 22, "The dam is 200 m high."))
    collection = export_web_annotations(make_article(), [later, earlier])
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 2
    assert collection["label"] == "The dam"
    assert [a["id"] for a in collection["first"]["items"]] == ["urn:uuid:b2", "urn:uuid:a1"]


def test_note_without_verdict_is_a_comment_with_no_assessment() -> None:
    bare = Note("c3", ARTICLE_ID, Selector(0, 22, "The dam is 200 m high."), body="Check height.")
    (annotation,) = export_web_annotations(make_article(), [bare])["first"]["items"]
    assert annotation["motivation"] == "commenting"
    assert [b["purpose"] for b in annotation["body"]] == ["commenting"]


def test_article_without_url_is_targeted_by_its_uuid() -> None:
    collection = export_web_annotations(make_article(url=None), [full_note()])
    assert collection["first"]["items"][0]["target"]["source"] == f"urn:uuid:{ARTICLE_ID}"


def test_orphaned_note_keeps_only_its_quote_selector() -> None:
    orphan = full_note()
    orphan.anchor_state = "orphan"
    (annotation,) = export_web_annotations(make_article(), [orphan])["first"]["items"]
    assert [s["type"] for s in annotation["target"]["selector"]] == ["TextQuoteSelector"]


def test_trashed_notes_are_left_out() -> None:
    trashed = full_note()
    trashed.deleted_at = "2024-03-01"
    assert export_web_annotations(make_article(), [trashed])["total"] == 0


def test_json_text_parses_back() -> None:
    text = export_web_annotations_json(make_article(), [full_note()])
    assert json.loads(text) == export_web_annotations(make_article(), [full_note()])
