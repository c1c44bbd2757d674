"""Search reads queries as the index reads text, and finds sources by address (issue 18,
item 7)."""

from __future__ import annotations

from pathlib import Path

from reader.core.models import Source, build_article
from reader.store import Library


def _article(lib: Library, title: str, text: str) -> str:
    return lib.add_article(build_article([("title", title), ("paragraph", text)])).id


def test_an_abbreviation_with_dots_is_one_phrase_not_two_prefixes(fresh_db):
    us = _article(fresh_db, "Envoys meet", "The U.S. Secretary of State met his counterpart.")
    _article(fresh_db, "Weather", "Sunny skies until Sunday, unusually warm.")
    hits = fresh_db.search("U.S.")
    assert [h.article_id for h in hits] == [us]


def test_a_quoted_phrase_matches_only_those_words_in_that_order(fresh_db):
    wanted = _article(fresh_db, "Bridge", "The harbour bridge closes for a year.")
    _article(fresh_db, "Ferry", "The bridge over the harbour stays open.")
    assert [h.article_id for h in fresh_db.search('"harbour bridge"')] == [wanted]


def test_a_source_is_found_by_its_address(fresh_db):
    aid = _article(fresh_db, "Budget", "The budget doubled last year, the mayor said.")
    note = fresh_db.add_note(
        aid, 0, 6, sources=[Source(url="https://www.who.int/news/item/budget-2024")]
    )
    hits = fresh_db.search("who.int")
    assert [h.note_id for h in hits] == [note.id]


def test_migration_indexes_the_sources_of_existing_notes(tmp_path: Path):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        aid = _article(lib, "Budget", "The budget doubled last year, the mayor said.")
        note = lib.add_note(aid, 0, 6, sources=[Source(url="https://data.example.org/x")])
        # The note row as the index held it before the migration: no source address.
        lib.conn.execute(
            "UPDATE search_index SET content = '' WHERE kind = 'note' AND ref = ?", [note.id]
        )
        lib.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_search_sources'")
        lib.conn.commit()
        assert lib.search("data.example.org") == []
    with Library(path) as lib:
        assert [h.note_id for h in lib.search("data.example.org")] == [note.id]
        assert [h.kind for h in lib.search("doubled")] == ["article"]  # articles untouched
        assert len(lib.search("budget")) == 2
