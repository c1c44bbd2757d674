"""W3C Web Annotation export: selectors, bodies and the collection around them."""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest

from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.annotations import (
    ANNO_CONTEXT,
    clean_text_state,
    export_web_annotations,
    export_web_annotations_json,
    iter_annotation_lines,
    web_annotations,
)
from tests.export.web_annotation_suite import failures, load_assertions

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
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:a1",
        "type": "Annotation",
        "motivation": "assessing",
        "created": "2024-02-01T10:00:00Z",
        "modified": "2024-02-02T11:00:00Z",
        "generator": {
            "id": f"urn:fact-check-reader:{metadata.version('fact-check-reader')}",
            "type": "Software",
            "name": "Fact-Check Reader",
            "nickname": "fact-check-reader",
        },
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
            "format": "text/plain",
            "state": clean_text_state(TEXT),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "It was finished in 1968.",
                    "prefix": "The dam is 200 m high.",
                    "suffix": "",
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


def test_every_annotation_carries_its_own_context() -> None:
    collection = export_web_annotations(make_article(), [full_note()])
    assert all(a["@context"] == ANNO_CONTEXT for a in collection["first"]["items"])


def test_author_becomes_the_creator_person() -> None:
    (annotation,) = export_web_annotations(make_article(), [full_note()], author=" Ana Díaz ")[
        "first"
    ]["items"]
    assert annotation["creator"] == {"type": "Person", "name": "Ana Díaz"}


def test_without_author_there_is_no_creator() -> None:
    (annotation,) = export_web_annotations(make_article(), [full_note()])["first"]["items"]
    assert "creator" not in annotation


def test_target_language_is_the_article_language_when_known() -> None:
    article = make_article()
    article.meta.language = "en"
    (annotation,) = export_web_annotations(article, [full_note()])["first"]["items"]
    assert annotation["target"]["language"] == "en"


def test_state_names_the_clean_text_the_positions_count_in() -> None:
    (annotation,) = export_web_annotations(make_article(), [full_note()])["first"]["items"]
    state = annotation["target"]["state"]
    digest = base64.urlsafe_b64decode(state.removeprefix("ni:///sha-256;") + "=")
    assert digest.hex() == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    position = annotation["target"]["selector"][1]
    assert TEXT[position["start"] : position["end"]] == "It was finished in 1968."


def test_orphaned_note_has_no_state_since_its_offsets_mean_nothing() -> None:
    orphan = full_note()
    orphan.anchor_state = "orphan"
    (annotation,) = export_web_annotations(make_article(), [orphan])["first"]["items"]
    assert "state" not in annotation["target"]


def test_bare_note_is_a_highlight_without_body() -> None:
    bare = Note("d4", ARTICLE_ID, Selector(0, 22, "The dam is 200 m high."))
    (annotation,) = export_web_annotations(make_article(), [bare])["first"]["items"]
    assert annotation["motivation"] == "highlighting"
    assert "body" not in annotation


def test_json_lines_give_one_standalone_annotation_per_line() -> None:
    other = Article("1f2e3d4c-0000-4000-8000-000000000001", TEXT, [], ArticleMeta(title="Other"))
    second = Note("e5", other.id, Selector(0, 22, "The dam is 200 m high."), body="Same dam?")
    lines = list(iter_annotation_lines([(make_article(), [full_note()]), (other, [second])]))
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    parsed = [json.loads(line) for line in lines]
    assert [a["id"] for a in parsed] == ["urn:uuid:a1", "urn:uuid:e5"]
    assert all(a["@context"] == ANNO_CONTEXT for a in parsed)
    assert parsed[1]["target"]["source"] == f"urn:uuid:{other.id}"


# ------------------------------------------------- the Working Group's test assertions

# SHOULD assertions about things the export deliberately does not describe; the reasons
# are in the module docstring of reader.export.annotations ("MAY choices ...").
NOT_APPLICABLE_SHOULD = {
    # Bodies are embedded in the annotation: its creator and times are theirs, and the
    # language a note is written in is not known.
    "3.2.1-bodySingleLanguage.json",
    "3.3.1-bodyCreated.json",
    "3.3.1-bodySingleCreator.json",
    "3.3.2-bodyCreatorAgentIdImplemented.json",
    "3.3.2-bodyCreatorAgentNicknameImplemented.json",
    "3.3.2-bodyCreatorAgentSingleNameImplemented.json",
    "3.3.2-bodyCreatorAgentTypeImplemented.json",
    # The article's author and date are free text, not an agent and a date-time.
    "3.3.1-targCreated.json",
    "3.3.1-targSingleCreator.json",
    "3.3.2-targCreatorAgentIdImplemented.json",
    "3.3.2-targCreatorAgentNicknameImplemented.json",
    "3.3.2-targCreatorAgentSingleNameImplemented.json",
    "3.3.2-targCreatorAgentTypeImplemented.json",
    # Only the author's name is known: no IRI, no nickname.
    "3.3.2-annotationCreatorAgentIdImplemented.json",
    "3.3.2-annotationCreatorAgentNicknameImplemented.json",
    # About FragmentSelector, which the export does not use.
    "4.2.1-conformsTo.json",
}


@pytest.fixture
def assertion_root(shared_dir: Path) -> Path:
    root = shared_dir / "bench" / "web-annotation"
    if not (root / "annotations").is_dir():
        pytest.skip("the web-annotation test assertions are not in ../shared/bench")
    pytest.importorskip("jsonschema")
    return root


def suite_article() -> tuple[Article, list[Note]]:
    article = make_article()
    article.meta.language = "en"
    orphan = full_note()
    orphan.id = "f6"
    orphan.anchor_state = "orphan"
    comment = Note(
        "b2",
        ARTICLE_ID,
        Selector(0, 22, "The dam is 200 m high.", suffix="It was finished in 1968."),
        body="Height from the **operator**.",
        tags=["dams"],
        created="2024-02-01T09:00:00.123+00:00",
        updated="2024-02-01T09:30:00.456+00:00",
    )
    return article, [full_note(), orphan, comment]


def test_every_annotation_alone_passes_every_must_assertion(assertion_root: Path) -> None:
    article, notes = suite_article()
    bare = Note(
        "g7", ARTICLE_ID, Selector(0, 22, "The dam is 200 m high."), created="2024-01-01T00:00:00Z"
    )
    lines = list(iter_annotation_lines([(article, [*notes, bare])], author="Ana Díaz"))
    assert len(lines) == 4
    for line in lines:
        annotation = json.loads(line)
        assert failures(annotation, assertion_root, "must") == [], annotation["id"]


def test_every_annotation_alone_passes_every_applicable_should_assertion(
    assertion_root: Path,
) -> None:
    article, notes = suite_article()
    shoulds = {a.name for a in load_assertions(assertion_root) if a.kind == "should"}
    assert NOT_APPLICABLE_SHOULD <= shoulds  # the list names real assertions
    assert len(shoulds - NOT_APPLICABLE_SHOULD) >= 17
    for line in iter_annotation_lines([(article, notes)], author="Ana Díaz"):
        annotation = json.loads(line)
        failed = set(failures(annotation, assertion_root, "should")) - NOT_APPLICABLE_SHOULD
        assert failed == set(), annotation["id"]


def test_the_suite_catches_an_annotation_without_its_context(assertion_root: Path) -> None:
    article, notes = suite_article()
    annotation = next(web_annotations(article, notes))
    del annotation["@context"]
    assert failures(annotation, assertion_root, "must") == ["3.1-annotationContextValidated.json"]


def test_generator_names_no_web_site_the_project_does_not_declare() -> None:
    from reader.export.annotations import generator

    agent = generator()
    assert agent["id"].startswith("urn:fact-check-reader:")
    assert "homepage" not in agent  # pyproject.toml declares no project URL
