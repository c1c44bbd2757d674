"""Notes imported from other tools: stored as given, found again by their original id."""

from __future__ import annotations

from reader.core.models import Note, Selector
from reader.store import Library


def imported(article_id: str) -> Note:
    return Note(
        "5a5a5a5a-0000-4000-8000-000000000001",
        article_id,
        Selector(0, 4, "Gone", "", "", ""),
        anchor_state="orphan",
        body="From elsewhere.",
        created="2020-05-05T05:05:05Z",
        updated="2020-06-06T06:06:06Z",
    )


def test_imported_note_keeps_its_place_state_and_times(fresh_db: Library, clean_article) -> None:
    article = fresh_db.add_article(clean_article)
    note = fresh_db.add_imported_note(imported(article.id), external_id="hyp:abc")
    assert note.anchor_state == "orphan"
    assert (note.created, note.updated) == ("2020-05-05T05:05:05Z", "2020-06-06T06:06:06Z")
    assert note.selector == Selector(0, 4, "Gone", "", "", "")


def test_external_ids_are_found_for_live_and_trashed_notes(
    fresh_db: Library, clean_article
) -> None:
    article = fresh_db.add_article(clean_article)
    note = fresh_db.add_imported_note(imported(article.id), external_id="hyp:abc")
    fresh_db.delete_note(note.id)
    assert fresh_db.external_note_ids(["hyp:abc", "hyp:other"]) == {"hyp:abc": note.id}
    fresh_db.add_note(article.id, 0, 5)
    assert fresh_db.external_note_ids([]) == {}
