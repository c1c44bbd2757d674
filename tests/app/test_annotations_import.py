"""Annotations from Hypothesis and W3C tools become notes; our export comes back whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from reader.app.annotations import annotation_lines, import_annotations
from reader.core.models import Article, ArticleMeta, Note, Selector, build_article
from reader.importers.annotations import parse_annotations
from reader.store import Library

URL = "https://news.example/rivers/flood-story"
ARTICLE_ID = "3b0c1c55-2d1a-4e8e-9a53-6a1c2f1d9e01"
BARE_ID = "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a"

PARAGRAPHS = [
    "The river is 300 km long. It floods every spring. Farmers plant rice along its banks.",
    "Officials disagree with the survey. The river is 300 km long. Critics call that a guess.",
    "The new dam will open in 2027, the ministry said.",
]


def river_parts(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("title", "The river that floods"), *(("paragraph", p) for p in paragraphs)]


def add_river(lib: Library, paragraphs: list[str] = PARAGRAPHS, url: str | None = URL) -> Article:
    clean = build_article(river_parts(paragraphs), ArticleMeta(url=url, language="en"))
    return lib.add_article(clean, article_id=ARTICLE_ID if url else BARE_ID)


@pytest.fixture
def lib() -> Iterator[Library]:
    library = Library(":memory:")
    yield library
    library.close()


def hypothesis(rows: list[dict[str, Any]]) -> str:
    return json.dumps({"export_date": "2025-04-02T00:00:00Z", "annotations": rows})


def h_row(
    row_id: str,
    exact: str,
    prefix: str,
    suffix: str,
    *,
    text: str = "",
    tags: list[str] | None = None,
    uri: str = URL,
) -> dict[str, Any]:
    return {
        "id": row_id,
        "created": "2025-04-01T10:00:00.000000+00:00",
        "updated": "2025-04-01T10:00:00.000000+00:00",
        "user": "acct:checker@hypothes.is",
        "uri": uri,
        "text": text,
        "tags": tags or [],
        "target": [
            {
                "source": uri,
                "selector": [
                    {
                        "type": "RangeSelector",
                        "startContainer": "/p[1]",
                        "startOffset": 0,
                        "endContainer": "/p[1]",
                        "endOffset": 9,
                    },
                    {"type": "TextPositionSelector", "start": 900, "end": 900 + len(exact)},
                    {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": prefix,
                        "suffix": suffix,
                    },
                ],
            }
        ],
    }


def w3c(
    anno_id: str, exact: str, prefix: str, suffix: str, *, source: str = URL, **extra: Any
) -> dict[str, Any]:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": anno_id,
        "type": "Annotation",
        "motivation": "commenting",
        "body": {
            "type": "TextualBody",
            "value": extra.pop("comment", "A comment."),
            "format": "text/markdown",
        },
        "target": {
            "source": source,
            "selector": {
                "type": "TextQuoteSelector",
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
            },
        },
        **extra,
    }


def sentence(article: Article, note: Note) -> str:
    return article.text[note.start : note.end]


def test_several_hypothesis_notes_land_on_their_sentences(lib: Library) -> None:
    article = add_river(lib)
    rows = [
        h_row(
            "h1",
            "It floods every spring.",
            "is 300 km long. ",
            " Farmers plant rice",
            text="Every spring? See [gauge data](https://gauges.example/r1).",
            tags=["floods", "Mostly true"],
        ),
        h_row(
            "h2",
            "Farmers plant rice",
            "floods every spring. ",
            " along its banks.",
            tags=["agriculture"],
        ),
        h_row(
            "h3",
            "The new dam will open in 2027",
            "",
            ", the ministry said.",
            text="Ministry site says 2028: https://ministry.example/dam.",
            tags=["false"],
        ),
    ]
    # The same page, linked with tracking parameters, over http and with a slash.
    for row in rows:
        row["uri"] = row["target"][0]["source"] = (
            "http://news.example/rivers/flood-story/?utm_source=x"
        )
    report = import_annotations(lib, parse_annotations(hypothesis(rows)))
    assert report.summary() == "3 notes added (3 ok)."
    assert report.details() == []
    notes = {n.body or n.tags[0]: n for n in lib.notes_for_article(article.id)}
    first = notes["Every spring? See [gauge data](https://gauges.example/r1)."]
    assert sentence(article, first) == "It floods every spring."
    assert first.verdict == "mostly_true"
    assert first.tags == ["floods"]
    assert [(s.url, s.title) for s in first.sources] == [
        ("https://gauges.example/r1", "gauge data")
    ]
    assert sentence(article, notes["agriculture"]) == "Farmers plant rice"
    dam = notes["Ministry site says 2028: https://ministry.example/dam."]
    assert sentence(article, dam) == "The new dam will open in 2027"
    assert dam.verdict == "false"
    assert [s.url for s in dam.sources] == ["https://ministry.example/dam"]
    assert all(n.created == "2025-04-01T10:00:00.000000+00:00" for n in notes.values())


def test_a_quote_that_appears_twice_is_placed_by_its_prefix_and_suffix(lib: Library) -> None:
    article = add_river(lib)
    quote = "The river is 300 km long."
    first_at = article.text.index(quote)
    second_at = article.text.index(quote, first_at + 1)
    file = "\n".join(
        json.dumps(a)
        for a in (
            w3c(
                "urn:x:second",
                quote,
                "disagree with the survey. ",
                " Critics call that",
                comment="The second one.",
            ),
            w3c(
                "urn:x:first",
                quote,
                "floods\n\n",
                " It floods every spring.",
                comment="The first one.",
            ),
        )
    )
    report = import_annotations(lib, parse_annotations(file))
    assert report.states == {"ok": 2}
    placed = {n.body: n.start for n in lib.notes_for_article(article.id)}
    assert placed == {"The first one.": first_at, "The second one.": second_at}


def test_note_on_text_that_has_since_changed_is_never_put_on_a_wrong_sentence(
    lib: Library,
) -> None:
    old = Library(":memory:")
    old_article = add_river(old)
    reworded_at = old_article.text.index("It floods every spring.")
    deleted_at = old_article.text.index("Critics call that a guess.")
    for start, end, body in (
        (reworded_at, reworded_at + len("It floods every spring."), "On floods."),
        (deleted_at, deleted_at + len("Critics call that a guess."), "On critics."),
    ):
        old.add_note(old_article.id, start, end, body=body)
    exported = "".join(annotation_lines(old, [old_article.id]))
    old.close()

    changed = [
        PARAGRAPHS[0].replace("It floods every spring.", "It floods in some springs, farmers say."),
        "Officials disagree with the survey. The river is 300 km long.",
        PARAGRAPHS[2],
    ]
    article = add_river(lib, changed)
    report = import_annotations(lib, parse_annotations(exported))
    notes = {n.body: n for n in lib.notes_for_article(article.id)}
    assert set(notes) == {"On floods.", "On critics."}  # both kept
    floods = notes["On floods."]
    assert floods.anchor_state != "ok"
    if floods.anchor_state != "orphan":
        assert sentence(article, floods) == "It floods in some springs, farmers say."
    assert notes["On critics."].anchor_state == "orphan"
    critics = notes["On critics."]
    assert report.details() == [
        f"“Critics call that a guess.” (urn:uuid:{critics.id}): quote not found (kept as an orphan note)"
    ]


def test_annotation_on_an_article_not_in_the_library_is_listed(lib: Library) -> None:
    add_river(lib)
    other = "https://elsewhere.example/story?id=4"
    rows = [h_row("h9", "Something else.", "", "", uri=other)]
    report = import_annotations(lib, parse_annotations(hypothesis(rows)))
    assert report.added == []
    assert report.skipped_summary() == "Skipped 1 annotation (h9): its page is not in the library."
    assert report.details() == []  # one summary, not a line per annotation
    assert report.missing_urls == [other]


def test_annotations_without_an_article_are_summed_up_with_the_first_ids(lib: Library) -> None:
    add_river(lib)
    rows = [
        h_row(f"h{n}", "Something else.", "", "", uri=f"https://elsewhere.example/{n % 2}")
        for n in range(1, 6)
    ]
    rows.append(h_row("", "A quote without an id", "", "", uri="https://elsewhere.example/0"))
    report = import_annotations(lib, parse_annotations(hypothesis(rows)))
    assert report.skipped_summary() == (
        "Skipped 6 annotations (h1, h2, h3 and 3 more): their 2 pages are not in the library."
    )
    assert report.summary() == "0 notes added; 6 without an article."
    rows = [h_row("", "A quote without an id", "", "", uri="https://elsewhere.example/0")]
    report = import_annotations(lib, parse_annotations(hypothesis(rows)))
    assert report.skipped_summary() == (
        "Skipped 1 annotation (“A quote without an id”): its page is not in the library."
    )


def test_no_summary_when_every_annotation_found_its_article(lib: Library) -> None:
    add_river(lib)
    report = import_annotations(
        lib, parse_annotations(hypothesis([h_row("h1", "It floods every spring.", "", "")]))
    )
    assert report.skipped_summary() == ""


def test_only_web_pages_are_offered_for_import(lib: Library) -> None:
    add_river(lib)
    elsewhere = "urn:uuid:11111111-2222-4333-8444-555555555555"
    report = import_annotations(
        lib, parse_annotations(json.dumps(w3c("urn:x:1", "Some text.", "", "", source=elsewhere)))
    )
    assert report.skipped_summary() == (
        "Skipped 1 annotation (urn:x:1): its page is not in the library."
    )
    assert report.missing_urls == []
    assert report.summary() == "0 notes added; 1 without an article."


def test_importing_the_same_file_twice_adds_nothing_twice(lib: Library) -> None:
    article = add_river(lib)
    text = hypothesis(
        [h_row("h1", "It floods every spring.", "", ""), h_row("h2", "Farmers plant rice", "", "")]
    )
    assert len(import_annotations(lib, parse_annotations(text)).added) == 2
    again = import_annotations(lib, parse_annotations(text))
    assert again.added == [] and again.already == 2
    assert len(lib.notes_for_article(article.id)) == 2
    assert set(lib.external_note_ids(["h1", "h2", "h3"])) == {"h1", "h2"}


def test_our_export_imported_back_into_its_own_library_adds_nothing(lib: Library) -> None:
    article = add_river(lib)
    lib.add_note(article.id, 0, 5, body="Title note.")
    exported = "".join(annotation_lines(lib, [article.id]))
    report = import_annotations(lib, parse_annotations(exported))
    assert report.added == [] and report.already == 1


def test_export_import_export_gives_the_same_annotations(lib: Library) -> None:
    from reader.core.models import Source

    article = add_river(lib)
    bare = add_river(lib, ["A text pasted without any address. It has one claim."], url=None)
    text = article.text
    at = text.index("It floods every spring.")
    lib.add_note(
        article.id,
        at,
        at + len("It floods every spring."),
        verdict="mostly_false",
        conclusion="It floods one spring in three.",
        body="Gauge data, see https://g.example/x.",
        tags=["floods", "rivers"],
        sources=[Source(url="https://gauges.example/r1", title="Gauges")],
    )
    twice = text.rindex("The river is 300 km long.")
    lib.add_note(article.id, twice, twice + 25, body="Which survey?")
    lib.add_note(article.id, 0, len("The river that floods"), verdict="unproven")
    lib.add_imported_note(
        Note(
            "0f1e2d3c-4b5a-4968-8776-655443322110",
            article.id,
            Selector(3, 9, "A sentence that was cut.", "Before.", "After."),
            anchor_state="orphan",
            body="Lost.",
            created="2025-01-01T00:00:00Z",
            updated="2025-01-01T00:00:00Z",
        ),
    )
    claim = bare.text.index("It has one claim.")
    lib.add_note(bare.id, claim, claim + len("It has one claim."), verdict="true")
    first = [
        json.loads(line) for line in annotation_lines(lib, [article.id, bare.id], author="Ana")
    ]
    assert len(first) == 5

    empty = Library(":memory:")
    try:
        add_river(empty)
        add_river(empty, ["A text pasted without any address. It has one claim."], url=None)
        report = import_annotations(
            empty, parse_annotations("".join(json.dumps(a) + "\n" for a in first))
        )
        assert len(report.added) == 5
        again = [
            json.loads(line)
            for line in annotation_lines(empty, [article.id, bare.id], author="Ana")
        ]
    finally:
        empty.close()

    def without_modified(annotations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in a.items() if k != "modified"} for a in annotations]

    assert without_modified(again) == without_modified(first)


def test_of_two_copies_of_a_page_the_first_imported_gets_the_notes(lib: Library) -> None:
    first = add_river(lib)
    clean = build_article(river_parts(PARAGRAPHS), ArticleMeta(url=URL + "/"))
    # (an id that sorts last, so that the order holds even if both share a millisecond)
    lib.add_article(clean, article_id="ffffffff-ffff-4fff-8fff-ffffffffffff")
    report = import_annotations(
        lib, parse_annotations(hypothesis([h_row("h1", "It floods every spring.", "", "")]))
    )
    assert report.added and lib.get_note(report.added[0]).article_id == first.id


def test_page_notes_are_counted_as_skipped(lib: Library) -> None:
    add_river(lib)
    page_note = w3c("urn:x:p", "x", "", "")
    page_note["target"] = URL
    report = import_annotations(lib, parse_annotations(json.dumps(page_note)))
    assert report.summary() == "0 notes added; 1 skipped."
    assert report.details() == [f"urn:x:p: no quoted text to anchor on {URL} (a page note)"]
