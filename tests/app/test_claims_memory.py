"""Seen before: similar claims from other articles' notes and imported fact-checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.app.claims_memory import (
    claim_links,
    import_factchecks,
    link_claim,
    relink_claim,
    similar_claims,
    unlink_claim,
)
from reader.core.errors import InputError
from reader.core.models import build_article
from reader.store import Library
from reader.store.claims_memory import ClaimsMemory

TROOPS = "Ten thousand troops were massed near the northern border last week."
REVIEW = {
    "@type": "ClaimReview",
    "url": "https://checks.example.org/troops",
    "claimReviewed": "Ten thousand soldiers gathered at the northern border.",
    "headline": "No sign of 10,000 troops at the border",
    "datePublished": "2025-03-02",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
}


@pytest.fixture
def lib():
    library = Library(":memory:")
    yield library
    library.close()


def noted(lib: Library, title: str, sentence: str, verdict: str = "false") -> tuple[str, str]:
    art = lib.add_article(build_article([("title", title), ("paragraph", sentence)]))
    start = art.text.index(sentence)
    note = lib.add_note(art.id, start, start + len(sentence), verdict=verdict)
    return art.id, note.id


def feed(tmp_path: Path) -> Path:
    path = tmp_path / "checks.json"
    path.write_text(json.dumps({"@graph": [REVIEW]}), encoding="utf-8")
    return path


def test_own_note_in_another_article_is_shown_with_its_verdict_and_why(lib):
    other_article, other_note = noted(lib, "Last week", TROOPS, verdict="mostly_false")
    this_article, _ = noted(lib, "Today", "Troops are massed at the northern border again.")
    [hit] = similar_claims(lib, "Troops are massed at the northern border again.", this_article)
    assert (hit.kind, hit.ref, hit.verdict) == ("note", other_note, "mostly_false")
    assert hit.article_id == other_article
    assert hit.article_title == "Last week"
    assert {"troops", "northern", "border"} <= set(hit.shared_terms)
    assert hit.score > 0


def test_a_claim_every_search_ranks_first_scores_one_with_or_without_the_contextual_model(
    lib, monkeypatch
):
    from reader.core import contextual

    noted(lib, "Last week", TROOPS)
    noted(lib, "Harbour", "The harbour bridge will close for repairs in March.")
    memory = ClaimsMemory(lib.sql)
    memory.try_sync_notes()
    if contextual.available():  # as the window fills them in the background
        memory.fill_contextual(10)
    [first, *_] = similar_claims(lib, TROOPS)
    assert first.score == 1.0  # every search put it first
    monkeypatch.setattr(contextual, "available", lambda: False)  # no e5 on this machine
    [alone, *_] = similar_claims(lib, TROOPS)
    assert alone.score == 1.0
    [partial] = similar_claims(lib, "Soldiers near the northern frontier.")
    assert 0 < partial.score <= 1.0


def test_unrelated_sentence_gets_no_suggestion(lib):
    noted(lib, "Last week", TROOPS)
    assert similar_claims(lib, "The school budget grew by four percent this year.") == []


def test_imported_fact_check_is_shown_with_publisher_and_rating(lib, tmp_path):
    import_factchecks(lib, feed(tmp_path))
    [hit] = similar_claims(lib, TROOPS)
    assert hit.kind == "factcheck"
    assert (hit.publisher, hit.rating, hit.date) == ("Example Checks", "False", "2025-03-02")
    assert hit.url == "https://checks.example.org/troops"
    assert hit.verdict is None


def test_second_import_of_the_same_file_adds_nothing(lib, tmp_path):
    path = feed(tmp_path)
    first = import_factchecks(lib, path)
    second = import_factchecks(lib, path)
    assert (first.added, second.added, second.already_present) == (1, 0, 1)
    assert second.summary() == "imported 0 fact-checks, 1 already in the library"


def test_bad_fact_check_file_is_a_user_error(lib, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        import_factchecks(lib, path)


def test_link_is_undone_by_unlink_and_redone_by_relink(lib, tmp_path):
    import_factchecks(lib, feed(tmp_path))
    article_id, note_id = noted(lib, "Today", TROOPS)
    [hit] = similar_claims(lib, TROOPS, exclude_article=article_id)
    link = link_claim(lib, note_id, hit.kind, hit.ref)
    assert claim_links(lib, note_id) == [link]
    undo = unlink_claim(lib, link)
    assert undo == link
    assert claim_links(lib, note_id) == []
    assert unlink_claim(lib, link) is None
    relink_claim(lib, undo)
    assert claim_links(lib, note_id) == [link]


def test_workflow_state_is_separate_from_the_verdict_and_undoable(lib):
    from reader.app.claims_memory import (
        claim_workflow,
        restore_claim_workflow,
        set_claim_workflow,
    )

    _, note_id = noted(lib, "Today", TROOPS, verdict="false")
    assert claim_workflow(lib, note_id).state == "draft"
    before = set_claim_workflow(lib, note_id, "needs_second_source", checked_by=" Ana ")
    set_claim_workflow(lib, note_id, "ready")
    now = claim_workflow(lib, note_id)
    assert (now.state, now.checked_by) == ("ready", "Ana")
    assert lib.get_note(note_id).verdict == "false"
    restore_claim_workflow(lib, before)
    assert claim_workflow(lib, note_id).state == "draft"


def test_appearances_list_other_articles_linked_to_the_same_claim(lib, tmp_path):
    from reader.app.claims_memory import claim_appearances

    import_factchecks(lib, feed(tmp_path))
    first_article, first = noted(lib, "Monday paper", TROOPS)
    second_article, second = noted(lib, "Tuesday paper", "Troops massed at the border.")
    third_article, third = noted(lib, "Wednesday paper", "Border troops: ten thousand.")
    [check] = [h for h in similar_claims(lib, TROOPS) if h.kind == "factcheck"]
    link_claim(lib, first, "factcheck", check.ref)
    link_claim(lib, third, "factcheck", check.ref)
    link_claim(lib, second, "note", first)
    seen = claim_appearances(lib, first)
    assert sorted(a.article_title for a in seen) == ["Tuesday paper", "Wednesday paper"]
    assert {a.article_id for a in seen} == {second_article, third_article}
    lib.delete_article(third_article)
    assert [a.article_id for a in claim_appearances(lib, first)] == [second_article]
    assert [a.article_id for a in claim_appearances(lib, second)] == [first_article]
