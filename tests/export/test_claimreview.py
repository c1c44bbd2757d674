"""ClaimReview JSON-LD: one review per rated note, in the shape schema.org defines."""

from __future__ import annotations

import json

import pytest

from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.claimreview import export_claimreview, export_claimreview_json, script_tag

ARTICLE_ID = "3d1b7c9a-0f4e-4b2a-8c6d-5e7f9a1b2c3d"


def make_article(**meta: str) -> Article:
    text = "Exports doubled in 2023.\n\nThe port handled 2 million containers."
    fields = {
        "title": "Port booms",
        "url": "https://news.example/port",
        "published": "2024-04-02",
        "site_name": "Harbour Daily",
    }
    fields.update(meta)
    return Article(ARTICLE_ID, text, [], ArticleMeta(**fields))


def note(note_id: str, start: int, exact: str, verdict: str | None, **fields: object) -> Note:
    selector = Selector(start, start + len(exact), exact)
    fields.setdefault("status", "done")  # notes still "to check" are not published
    return Note(note_id, ARTICLE_ID, selector, verdict=verdict, **fields)  # type: ignore[arg-type]


def test_rated_note_becomes_a_full_claimreview() -> None:
    source = Source(
        url="https://stats.example/trade",
        title="Trade figures 2023",
        publisher="Statistics office",
        date="2024-01-15",
        archive_url="https://archive.example/trade",
        stance="refutes",
    )
    rated = note(
        "n1",
        0,
        "Exports doubled\nin 2023.",
        "false",
        conclusion="Exports grew by 12%.",
        sources=[source],
        updated="2024-04-05T08:00:00Z",
    )

    (review,) = export_claimreview(make_article(), [rated], author="Harbour Checks")

    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": "urn:uuid:n1",
        "url": "https://news.example/port#fact-check-n1",
        "claimReviewed": "Exports doubled in 2023.",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {
                "@type": "NewsArticle",
                "url": "https://news.example/port",
                "headline": "Port booms",
                "datePublished": "2024-04-02",
                "publisher": {"@type": "Organization", "name": "Harbour Daily"},
            },
            "author": {"@type": "Organization", "name": "Harbour Daily"},
            "datePublished": "2024-04-02",
        },
        "author": {"@type": "Organization", "name": "Harbour Checks"},
        "datePublished": "2024-04-05T08:00:00Z",
        "reviewBody": "Exports grew by 12%.",
        "citation": [
            {
                "@type": "CreativeWork",
                "url": "https://stats.example/trade",
                "name": "Trade figures 2023",
                "publisher": {"@type": "Organization", "name": "Statistics office"},
                "datePublished": "2024-01-15",
                "archivedAt": "https://archive.example/trade",
            }
        ],
    }


def test_notes_without_verdict_or_in_the_trash_are_skipped() -> None:
    notes = [
        note("draft", 0, "Exports doubled in 2023.", None),
        note("trashed", 0, "Exports doubled in 2023.", "false", deleted_at="2024-04-06"),
    ]
    assert export_claimreview(make_article(), notes, author="A") == []


def test_reviews_come_in_reading_order_with_the_given_date_and_url() -> None:
    later = note("b", 26, "The port handled 2 million containers.", "true")
    earlier = note("a", 0, "Exports doubled in 2023.", "mostly_true")
    reviews = export_claimreview(
        make_article(),
        [later, earlier],
        author="Jane Roe",
        author_type="Person",
        published="2024-05-01",
        url="https://checks.example/port",
    )
    assert [r["@id"] for r in reviews] == ["urn:uuid:a", "urn:uuid:b"]
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [4, 5]
    assert all(r["datePublished"] == "2024-05-01" for r in reviews)
    assert [r["url"] for r in reviews] == [
        "https://checks.example/port#fact-check-a",
        "https://checks.example/port#fact-check-b",
    ]
    assert reviews[0]["author"] == {"@type": "Person", "name": "Jane Roe"}


@pytest.mark.parametrize("verdict", ["unproven", "not_checkable", "satire"])
def test_verdicts_without_a_rating_carry_only_the_label(verdict: str) -> None:
    (review,) = export_claimreview(make_article(), [note("n", 0, "x", verdict)], author="A")
    assert "ratingValue" not in review["reviewRating"]
    assert review["reviewRating"]["alternateName"] in ("Unproven", "Not checkable", "Satire")


def test_article_without_url_is_identified_by_its_uuid() -> None:
    article = make_article(url="", title="", published="", site_name="")
    (review,) = export_claimreview(article, [note("n", 0, "x", "mixed")], author="A")
    assert review["itemReviewed"]["appearance"] == {
        "@type": "NewsArticle",
        "@id": f"urn:uuid:{ARTICLE_ID}",
    }


def test_unknown_author_type_is_refused() -> None:
    with pytest.raises(ValueError, match="Organization"):
        export_claimreview(make_article(), [], author="A", author_type="Robot")


def test_json_text_parses_back_and_keeps_unicode() -> None:
    rated = note("n", 0, "Экспорт вырос", "false")
    text = export_claimreview_json(make_article(), [rated], author="Проверка")
    assert "Экспорт вырос" in text
    assert json.loads(text)[0]["author"]["name"] == "Проверка"


def test_script_tag_cannot_be_closed_by_a_claim() -> None:
    rated = note("n", 0, "</script><script>alert(1)</script>", "false")
    html = script_tag(export_claimreview(make_article(), [rated], author="A"))
    assert html.count("</script>") == 1
    payload = html.split("\n", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(payload)[0]["claimReviewed"] == "</script><script>alert(1)</script>"


def test_the_notes_claimant_is_the_claims_author() -> None:
    notes = [
        note("said", 0, "Exports doubled in 2023.", "false", claimant="Ann Ortiz"),
        note("unsaid", 26, "The port handled 2 million containers.", "true"),
    ]
    said, unsaid = export_claimreview(make_article(), notes, author="A")
    assert said["itemReviewed"]["author"] == {"@type": "Person", "name": "Ann Ortiz"}
    assert (
        "author" not in unsaid["itemReviewed"]
        or unsaid["itemReviewed"]["author"]["name"] != "Ann Ortiz"
    )
