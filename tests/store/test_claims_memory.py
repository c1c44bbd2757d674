"""The claims memory in the library file: notes kept in step, fact-checks, search, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.claim_match import FactCheck
from reader.core.errors import NotFoundError
from reader.core.models import build_article
from reader.store import Library, schema
from reader.store.claims_memory import ClaimLink, ClaimsMemory

TROOPS = "Ten thousand troops were massed near the northern border last week."
BRIDGE = "The harbour bridge will close for repairs in March."
BUDGET = "The school budget grew by four percent this year."


def add_noted_article(lib: Library, title: str, sentences: list[str]) -> tuple[str, list[str]]:
    """An article whose every sentence carries a note; returns its id and the note ids."""
    art = lib.add_article(build_article([("title", title), ("paragraph", " ".join(sentences))]))
    note_ids = []
    for sentence in sentences:
        start = art.text.index(sentence)
        note = lib.add_note(art.id, start, start + len(sentence), verdict="false")
        note_ids.append(note.id)
    return art.id, note_ids


def memory(lib: Library) -> ClaimsMemory:
    return ClaimsMemory(lib.sql)


def test_noted_sentences_are_found_from_another_wording(fresh_db):
    aid, [troops_note, _] = add_noted_article(fresh_db, "Border", [TROOPS, BRIDGE])
    add_noted_article(fresh_db, "School", [BUDGET])
    hits = memory(fresh_db).search("Reports say 10,000 troops gathered at the border.")
    assert hits[0].kind == "note"
    assert hits[0].ref == troops_note
    assert hits[0].article_id == aid
    assert hits[0].bm25_rank == 1


def test_the_sentence_own_article_can_be_left_out(fresh_db):
    aid, _ = add_noted_article(fresh_db, "Border", [TROOPS])
    other, [other_note] = add_noted_article(fresh_db, "Again", ["Troops massed near the border."])
    hits = memory(fresh_db).search(TROOPS, exclude_article=aid)
    assert [h.ref for h in hits] == [other_note]


def test_edited_deleted_and_restored_notes_follow_in_the_memory(fresh_db):
    _, [note_id] = add_noted_article(fresh_db, "Border", [TROOPS])
    mem = memory(fresh_db)
    assert mem.search(TROOPS)[0].text == TROOPS
    fresh_db.delete_note(note_id)
    assert mem.search(TROOPS) == []
    fresh_db.restore_note(note_id)
    assert [h.ref for h in mem.search(TROOPS)] == [note_id]
    # Re-anchoring after an update rewrites the quote; any code path that does is seen.
    fresh_db.conn.execute(
        "UPDATE notes SET exact = 'Twenty tanks crossed the river at dawn.' WHERE id = ?",
        [note_id],
    )
    fresh_db.conn.commit()
    assert mem.search("tanks crossing a river")[0].text.startswith("Twenty tanks")


def test_notes_of_a_trashed_article_leave_the_memory_until_it_is_restored(fresh_db):
    aid, _ = add_noted_article(fresh_db, "Border", [TROOPS])
    mem = memory(fresh_db)
    fresh_db.delete_article(aid)
    assert mem.search(TROOPS) == []
    fresh_db.restore_article(aid)
    assert len(mem.search(TROOPS)) == 1
    fresh_db.delete_article(aid)
    fresh_db.empty_trash()
    assert mem.search(TROOPS) == []
    assert mem.count() == 0


def test_notes_written_before_the_memory_existed_are_picked_up(tmp_path: Path):
    from sqlite_utils import Database

    path = tmp_path / "lib.sqlite3"
    db = Database(str(path))
    schema.migrations().apply(db, stop_before="0007_claims_memory")
    db.execute(
        "INSERT INTO articles (id, title, created, updated) VALUES ('a1', 'Border', 'now', 'now')"
    )
    db.execute(
        'INSERT INTO notes (id, article_id, start, "end", exact, created, updated) '
        "VALUES ('n1', 'a1', 0, 10, ?, 'now', 'now')",
        [TROOPS],
    )
    db.conn.commit()
    db.conn.close()
    with Library(path) as lib:
        [hit] = memory(lib).search(TROOPS)
    assert (hit.ref, hit.text) == ("n1", TROOPS)


def test_a_change_made_through_another_connection_reaches_the_cached_vectors(tmp_path: Path):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as window, Library(path) as worker:
        add_noted_article(window, "Border", [TROOPS])
        assert len(memory(window).search(TROOPS, top=10)) == 1
        memory(worker).add_factchecks([FactCheck(claim="Troops are massed at the border.")])
        kinds = {h.kind for h in memory(window).search(TROOPS, top=10, sync=False)}
        assert kinds == {"note", "factcheck"}


def test_a_fresh_connection_to_the_same_file_reuses_the_loaded_vectors(tmp_path, monkeypatch):
    from reader.core import claim_match

    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        add_noted_article(lib, "Border", [TROOPS, BRIDGE])
    builds: list[int] = []
    real_build = claim_match.DenseIndex.build
    monkeypatch.setattr(
        claim_match.DenseIndex,
        "build",
        staticmethod(lambda m, *how: builds.append(len(m)) or real_build(m, *how)),
    )
    for _ in range(3):  # the window's searches: each worker opens the library anew
        with Library(path) as lib:
            assert memory(lib).search(TROOPS, top=1)[0].text == TROOPS
    assert builds == [2]
    with Library(path) as lib:  # a change anywhere loads them again, once
        add_noted_article(lib, "Budget", [BUDGET])
        assert memory(lib).search(BUDGET, top=1)[0].text == BUDGET
    assert builds == [2, 3]


def test_a_file_put_in_place_of_the_library_never_reuses_its_vectors(tmp_path):
    import os

    path, other = tmp_path / "lib.sqlite3", tmp_path / "other.sqlite3"
    with Library(path) as lib:
        add_noted_article(lib, "Border", [TROOPS])
        assert memory(lib).search(TROOPS, top=1)
    with Library(other) as lib:  # the same number of changes, another claim
        add_noted_article(lib, "Bridge", [BRIDGE])
    os.replace(other, path)  # as a restore does
    with Library(path) as lib:
        (hit,) = memory(lib).search(BRIDGE, top=5)
        assert hit.text == BRIDGE


CHECK = FactCheck(
    claim="Ten thousand troops were sent to the border.",
    title="No, 10,000 troops were not sent",
    url="https://checks.example.org/troops",
    publisher="Example Checks",
    date="2025-03-02",
    rating="False",
)


def test_importing_the_same_fact_checks_twice_adds_nothing_the_second_time(fresh_db):
    mem = memory(fresh_db)
    first = mem.add_factchecks([CHECK, FactCheck(claim=BRIDGE, url="https://c.example/b")])
    second = mem.add_factchecks([CHECK])
    assert (first.added, first.already_present) == (2, 0)
    assert (second.added, second.already_present) == (0, 1)
    assert mem.count("factcheck") == 2


def test_fact_check_hit_keeps_publisher_rating_and_url(fresh_db):
    mem = memory(fresh_db)
    mem.add_factchecks([CHECK])
    [hit] = mem.search(TROOPS)
    assert hit.kind == "factcheck"
    stored = mem.factchecks([hit.ref])[hit.ref]
    assert (stored.publisher, stored.rating, stored.url) == (
        "Example Checks",
        "False",
        "https://checks.example.org/troops",
    )


@pytest.mark.parametrize("mode", ["bm25", "dense", "fused"])
def test_each_mode_ranks_the_matching_claim_first(fresh_db, mode):
    add_noted_article(fresh_db, "Mixed", [BRIDGE, BUDGET, TROOPS])
    hits = memory(fresh_db).search("troops at the northern border", mode=mode)
    assert hits[0].text == TROOPS


def test_link_and_unlink_are_each_other_undo(fresh_db):
    _, [first] = add_noted_article(fresh_db, "One", [TROOPS])
    _, [second] = add_noted_article(fresh_db, "Two", ["Troops massed near the border."])
    mem = memory(fresh_db)
    link = mem.link(second, "note", first)
    assert mem.links(first) == [link]
    assert mem.unlink(link)
    assert mem.links(second) == []
    mem.restore_link(link)
    assert mem.links(second) == [link]


def test_linking_to_a_missing_claim_is_refused(fresh_db):
    _, [note_id] = add_noted_article(fresh_db, "One", [TROOPS])
    with pytest.raises(NotFoundError):
        memory(fresh_db).link(note_id, "factcheck", "nope")
    assert memory(fresh_db).unlink(ClaimLink(note_id, "factcheck", "nope", "")) is False
