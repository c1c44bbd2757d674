"""Exports list where else a note's claim turns up (issue 16): "Also appears in" in
Markdown (plain, annotated, copied), and extra appearances and cited fact-checks in
ClaimReview."""

from __future__ import annotations

import json

import markdown

from reader.core.claim_match import FactCheck
from reader.core.models import Article, ArticleMeta, Note, Selector, build_article
from reader.core.same_claim import OtherArticle, SameClaim
from reader.export.claimreview import export_claimreview, export_claimreview_json
from reader.export.markdown import (
    export_annotated,
    export_markdown,
    note_markdown,
    notes_markdown,
)
from tests.export.test_claimreview_google import google_problems

ARTICLE_ID = "5b0c7a52-52a1-4bb6-9d0e-4d8a3f0c1e77"
NOTE_ID = "11111111-2222-4333-8444-555555555555"
SENTENCE = "Ten thousand troops were massed near the border."
OTHER = OtherArticle("a2", "Troops at the border, again", "https://other.example/troops")
OFFLINE = OtherArticle("a3", "Pasted *memo*", "")
SNEAKY = OtherArticle("a4", "Click me", "javascript:alert(1)")
CHECK = FactCheck(
    claim="Ten thousand soldiers gathered at the border.",
    title="No sign of 10,000 troops",
    url="https://checks.example.org/troops",
    publisher="Example Checks",
    date="2025-03-02",
    rating="False",
)
SAME = {NOTE_ID: SameClaim(articles=(OTHER, OFFLINE, SNEAKY), factchecks=(CHECK,))}


def make_article() -> Article:
    clean = build_article(
        [("title", "Border news"), ("paragraph", SENTENCE)],
        ArticleMeta(
            title="Border news",
            url="https://news.example/border",
            published="2025-03-01",
            site_name="News Example",
        ),
    )
    return Article(ARTICLE_ID, clean.text, clean.blocks, clean.meta)


def make_note(**fields: object) -> Note:
    start = make_article().text.index(SENTENCE)
    return Note(
        NOTE_ID,
        ARTICLE_ID,
        Selector(start, start + len(SENTENCE), SENTENCE),
        verdict="false",
        status="done",
        updated="2025-03-03T10:00:00Z",
        **fields,  # type: ignore[arg-type]
    )


EXPECTED_LIST = (
    "Also appears in:\n\n"
    "- [Troops at the border, again](https://other.example/troops)\n"
    "- Pasted \\*memo\\*\n"
    "- Click me\n"
    "- Fact-check by Example Checks: *False* — "
    "[No sign of 10,000 troops](https://checks.example.org/troops)\n\n"
    "Status: done"
)


def test_markdown_lists_the_other_articles_and_fact_checks_after_the_sources():
    text = export_markdown(make_article(), [make_note()], same=SAME)
    assert EXPECTED_LIST in text
    html = markdown.markdown(text)
    assert '<a href="https://other.example/troops">Troops at the border, again</a>' in html
    assert "javascript" not in html  # a non-web address never becomes a link


def test_markdown_without_links_is_unchanged():
    article, note = make_article(), make_note()
    assert export_markdown(article, [note], same={}) == export_markdown(article, [note])
    assert "Also appears in" not in export_markdown(article, [note])


def test_copy_all_notes_lists_them_without_ids_or_markers():
    text = notes_markdown(make_article(), [make_note()], same=SAME)
    assert EXPECTED_LIST in text
    assert "<!--" not in text and NOTE_ID not in text
    assert EXPECTED_LIST in note_markdown(make_note(), 1, make_article(), SAME[NOTE_ID])


def test_annotated_footnote_lists_them_too():
    text = export_annotated(make_article(), [make_note()], same=SAME)
    assert "    Also appears in:\n\n    - [Troops at the border, again](" in text
    html = markdown.markdown(text, extensions=["footnotes"])
    assert "https://checks.example.org/troops" in html


def test_fact_check_without_publisher_rating_or_address_still_reads():
    bare = FactCheck(claim="Ten thousand soldiers gathered at the border, a post said.")
    same = {NOTE_ID: SameClaim(factchecks=(bare,))}
    text = export_markdown(make_article(), [make_note()], same=same)
    assert "- Fact-check — Ten thousand soldiers gathered at the border, a…\n" in text


def test_claimreview_lists_the_other_articles_as_appearances():
    [review] = export_claimreview(make_article(), [make_note()], author="Checkers", same=SAME)
    appearances = review["itemReviewed"]["appearance"]
    assert [a.get("url") for a in appearances] == [
        "https://news.example/border",
        "https://other.example/troops",
        None,
        None,
    ]
    assert appearances[1] == {
        "@type": "NewsArticle",
        "url": "https://other.example/troops",
        "headline": "Troops at the border, again",
    }
    assert appearances[2]["@id"] == "urn:uuid:a3"
    assert appearances[3]["@id"] == "urn:uuid:a4"  # never the javascript: address
    assert google_problems(review) == []


def test_claimreview_cites_the_linked_fact_checks():
    [review] = export_claimreview(make_article(), [make_note()], author="Checkers", same=SAME)
    assert review["citation"][-1] == {
        "@type": "ClaimReview",
        "claimReviewed": CHECK.claim,
        "url": CHECK.url,
        "headline": CHECK.title,
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2025-03-02",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }


def test_claimreview_without_links_keeps_one_appearance():
    [review] = export_claimreview(make_article(), [make_note()], author="Checkers")
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/border"
    assert "citation" not in review
    text = export_claimreview_json(make_article(), [make_note()], author="Checkers", same=SAME)
    assert json.loads(text)[0]["itemReviewed"]["appearance"][1]["headline"] == OTHER.title
