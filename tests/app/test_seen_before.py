"""Seen before in the window, its app part: copying an earlier claim's verdict and
sources, the notes linked to a claim, and a verdict change offered to them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.app.claims_memory import import_factchecks, link_claim, similar_claims
from reader.app.seen_before import copied_from_claim, linked_notes, verdict_for_linked
from reader.core.models import Source, build_article
from reader.core.ratings import verdict_for_rating
from reader.store import Library

SENTENCE = "Twelve hundred tanks crossed the eastern river on Sunday night."
REVIEW = {
    "@type": "ClaimReview",
    "url": "https://checks.example.org/tanks",
    "claimReviewed": "1,200 tanks crossed the eastern river.",
    "headline": "No, 1,200 tanks did not cross the river",
    "datePublished": "2025-04-01",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
}


@pytest.fixture
def lib():
    library = Library(":memory:")
    yield library
    library.close()


def noted(lib: Library, title: str, sentence: str = SENTENCE, verdict=None, sources=()):
    art = lib.add_article(build_article([("title", title), ("paragraph", sentence)]))
    start = art.text.index(sentence)
    return lib.add_note(art.id, start, start + len(sentence), verdict=verdict, sources=sources)


def test_publishers_ratings_read_as_verdicts_and_unknown_ones_as_none():
    assert verdict_for_rating("Pants on Fire!") == "false"
    assert verdict_for_rating("Mostly False") == "mostly_false"
    assert verdict_for_rating("half-true") == "mixed"
    assert verdict_for_rating("Four Pinocchios") == "false"
    assert verdict_for_rating("Spicy") is None
    assert verdict_for_rating("") is None


def test_copy_from_a_note_takes_its_verdict_and_adds_its_sources_once(lib):
    def stats() -> Source:
        return Source(url="https://stats.example.org/a", title="Stats")

    other = noted(
        lib,
        "Last week",
        verdict="mostly_false",
        sources=[stats(), Source(url="https://army.example.org/b", title="Army")],
    )
    mine = noted(lib, "Today", sources=[stats()])
    copy = copied_from_claim(lib, mine.id, "note", other.id)
    assert copy.verdict == "mostly_false"
    assert [s.url for s in copy.sources] == [
        "https://stats.example.org/a",
        "https://army.example.org/b",
    ]
    assert lib.get_note(mine.id).verdict is None  # nothing saved


def test_copy_from_a_fact_check_reads_its_rating_and_cites_its_page(lib, tmp_path: Path):
    path = tmp_path / "checks.json"
    path.write_text(json.dumps([REVIEW]), encoding="utf-8")
    import_factchecks(lib, path)
    mine = noted(lib, "Today", verdict="unproven")
    [hit] = similar_claims(lib, SENTENCE, exclude_article=mine.article_id)
    copy = copied_from_claim(lib, mine.id, hit.kind, hit.ref)
    assert copy.verdict == "false"
    [source] = copy.sources
    assert source.url == "https://checks.example.org/tanks"
    assert (source.publisher, source.stance) == ("Example Checks", "refutes")


def test_linked_notes_are_found_through_a_shared_fact_check_and_further_links(lib, tmp_path):
    path = tmp_path / "checks.json"
    path.write_text(json.dumps([REVIEW]), encoding="utf-8")
    import_factchecks(lib, path)
    [hit] = similar_claims(lib, SENTENCE)
    a, b, c = (noted(lib, t, verdict="false") for t in ("A", "B", "C"))
    lonely = noted(lib, "D", verdict="false")
    link_claim(lib, a.id, "factcheck", hit.ref)
    link_claim(lib, b.id, "factcheck", hit.ref)
    link_claim(lib, c.id, "note", b.id)
    assert [n.id for n in linked_notes(lib, a.id)] == [b.id, c.id]
    assert linked_notes(lib, lonely.id) == []
    lib.delete_note(c.id)
    assert [n.id for n in linked_notes(lib, a.id)] == [b.id]


def test_verdict_for_linked_leaves_out_notes_that_already_have_it(lib):
    a = noted(lib, "A", verdict="false")
    b = noted(lib, "B", verdict="false")
    c = noted(lib, "C", verdict="mixed")
    link_claim(lib, b.id, "note", a.id)
    link_claim(lib, c.id, "note", a.id)
    changes = verdict_for_linked(lib, a.id, "mixed")
    assert [(before.id, before.verdict, after.verdict) for before, after in changes] == [
        (b.id, "false", "mixed")
    ]
