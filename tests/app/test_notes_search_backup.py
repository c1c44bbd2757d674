"""app.notes, app.search and app.backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import articles, backup, notes, search
from reader.core.errors import StoreError, UserError
from reader.store import Library
from tests.app._notes import add_note_on_sentence


def test_a_note_goes_on_the_numbered_sentence_with_its_sources(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    note = add_note_on_sentence(
        lib,
        aid,
        2,
        verdict="mostly_true",
        conclusion="Checked with the board.",
        sources=notes.sources_from(["https://example.org/board"], ["Board minutes"]),
    )
    view = articles.article_view(lib, aid)
    assert (note.start, note.end) == view.sentences[1]
    assert note.sources[0].title == "Board minutes"


def test_a_sentence_number_past_the_end_is_a_user_error(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    with pytest.raises(UserError, match="there is no sentence 99"):
        add_note_on_sentence(lib, aid, 99, verdict="true")


def test_an_unknown_verdict_typed_by_the_user_is_a_user_error(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    with pytest.raises(UserError, match="Unknown verdict"):
        add_note_on_sentence(lib, aid, 2, verdict="maybe")


def test_a_source_title_without_its_url_is_a_user_error():
    with pytest.raises(UserError):
        notes.sources_from([], ["A title"])


def test_search_finds_a_note_by_its_conclusion_and_filters_by_verdict(
    lib: Library, article_file: Path
):
    aid = articles.import_source(lib, str(article_file))
    add_note_on_sentence(lib, aid, 3, verdict="false", conclusion="leased, not bought")
    hits = search.search(lib, "leased", verdict="false")
    assert {h.kind for h in hits} == {"article", "note"}
    assert search.search(lib, "leased", verdict="true") == []
    with pytest.raises(UserError):
        search.search(lib, "leased", status="someday")


def test_a_backup_is_listed_and_restored(lib: Library, article_file: Path, db_path: Path):
    aid = articles.import_source(lib, str(article_file))
    made = backup.backup_now(db_path)
    assert [b.path for b in backup.list_backups(db_path)] == [made]
    assert backup.backup_if_due(db_path) is None  # one was made a moment ago
    lib.delete_article(aid)
    lib.close()
    backup.restore(db_path, made)
    with Library(db_path) as again:
        assert [a.id for a in again.list_articles()] == [aid]


def test_restoring_a_backup_that_does_not_exist_is_a_user_error(db_path: Path, tmp_path: Path):
    with pytest.raises(UserError, match="no backup"):
        backup.restore(db_path, tmp_path / "nope.sqlite3")


def test_a_damaged_backup_is_refused(lib: Library, db_path: Path, tmp_path: Path):
    fake = tmp_path / "fake.sqlite3"
    fake.write_bytes(b"not a database at all" * 10)
    lib.close()
    with pytest.raises(StoreError):
        backup.restore(db_path, fake)
