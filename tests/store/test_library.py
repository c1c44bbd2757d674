from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import NotFoundError, StoreError
from reader.core.models import Source, build_article
from reader.store import Library


def _first_sentence(text: str) -> tuple[int, int]:
    start = text.index("The city council")
    return start, text.index(".", start) + 1


def test_article_round_trips_text_blocks_and_meta(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article, raw=b"raw bytes", origin="a.txt")
    again = fresh_db.get_article(art.id)
    assert again.text == clean_article.text
    assert again.blocks == clean_article.blocks
    assert again.title == "Council Votes to Close Harbour Bridge"
    assert fresh_db.raw_input(art.id) == (b"raw bytes", "text/plain")


def test_note_with_sources_survives_reopening_the_file(tmp_path: Path, clean_article):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        art = lib.add_article(clean_article)
        s, e = _first_sentence(art.text)
        note = lib.add_note(
            art.id,
            s,
            e,
            verdict="false",
            conclusion="It was Tuesday.",
            sources=[Source("https://example.org/minutes", "Minutes", stance="refutes")],
            tags=["council"],
        )
    with Library(path) as lib:
        again = lib.get_note(note.id)
    assert again.exact == "The city council voted on Monday to close the bridge."
    assert again.verdict == "false"
    assert again.sources[0].url == "https://example.org/minutes"
    assert again.sources[0].stance == "refutes"
    assert again.tags == ["council"]


def test_notes_come_back_in_reading_order(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    late = art.text.index("Repairs")
    fresh_db.add_note(art.id, late, late + 7)
    fresh_db.add_note(art.id, 0, 7)
    starts = [n.start for n in fresh_db.notes_for_article(art.id)]
    assert starts == sorted(starts)


def test_unknown_verdict_is_refused(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    with pytest.raises(ValueError, match="Unknown verdict"):
        fresh_db.add_note(art.id, 0, 5, verdict="pants_on_fire")


def test_deleted_note_goes_to_trash_and_can_be_restored(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    note = fresh_db.add_note(art.id, 0, 7)
    fresh_db.delete_note(note.id)
    assert fresh_db.notes_for_article(art.id) == []
    assert [i.id for i in fresh_db.trash()] == [note.id]
    fresh_db.restore_note(note.id)
    assert [n.id for n in fresh_db.notes_for_article(art.id)] == [note.id]


def test_emptying_trash_removes_deleted_articles_and_their_notes(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    fresh_db.add_note(art.id, 0, 7)
    fresh_db.delete_article(art.id)
    assert fresh_db.list_articles() == []
    assert fresh_db.empty_trash() == 1
    with pytest.raises(NotFoundError):
        fresh_db.get_article(art.id)
    assert fresh_db.db.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_library_list_counts_notes_by_verdict(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    fresh_db.add_note(art.id, 0, 7, verdict="false", status="done")
    fresh_db.add_note(art.id, 8, 12, verdict="false", status="in_progress")
    fresh_db.add_note(art.id, 13, 16)
    [row] = fresh_db.list_articles()
    assert row.note_count == 3
    assert row.verdict_counts == {"false": 2}
    assert row.status == "to_check"


def test_search_finds_article_text_and_note_bodies(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    note = fresh_db.add_note(
        art.id,
        0,
        7,
        verdict="mixed",
        body="Checked the harbour logs.",
        sources=[Source("https://x.example/", "Port authority ledger")],
    )
    assert {h.kind for h in fresh_db.search("rusted")} == {"article"}
    hits = fresh_db.search("ledger")
    assert [(h.kind, h.note_id) for h in hits] == [("note", note.id)]
    assert fresh_db.search("harbour logs", verdict="false") == []
    assert fresh_db.search("harb", verdict="mixed")


def test_search_ignores_fts_syntax_in_user_input(fresh_db, clean_article):
    fresh_db.add_article(clean_article)
    assert [h.kind for h in fresh_db.search('council" (*')] == ["article"]
    assert fresh_db.search("***") == []


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is a text file, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Fact-Check Reader library"):
        Library(path)
    assert path.read_bytes() == before


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "lib.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('fact_check_reader', '9999_from_the_future', 'now')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Library(path)
    assert path.read_bytes() == before


def test_library_uses_wal_and_foreign_keys(tmp_path: Path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_version_is_stored_and_notes_reanchor(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    text = art.text
    s = text.index("Engineers")
    e = text.index(".", s) + 1
    note = fresh_db.add_note(art.id, s, e, verdict="true")
    edited = build_article(
        [
            ("title", "Council Votes to Close Harbour Bridge"),
            ("paragraph", "A new opening paragraph was added by the editors."),
            (
                "paragraph",
                "The city council voted on Monday to close the bridge. The vote was seven to two.",
            ),
            (
                "paragraph",
                "Engineers said the deck had rusted through. "
                "Repairs will take a year, the mayor said.",
            ),
        ]
    )
    report = fresh_db.add_version(art.id, edited)
    assert report.changed and report.version == 2 and report.ok == 1
    moved = fresh_db.get_note(note.id)
    assert moved.anchor_state == "ok"
    assert edited.text[moved.start : moved.end] == "Engineers said the deck had rusted through."
    assert [v.version for v in fresh_db.versions(art.id)] == [1, 2]
    assert fresh_db.get_article(art.id, version=1).text == text


def test_same_text_does_not_make_a_new_version(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    report = fresh_db.add_version(art.id, clean_article)
    assert not report.changed
    assert len(fresh_db.versions(art.id)) == 1


def test_resolving_a_short_id_prefix(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    assert fresh_db.resolve_article_id(art.id[:8]) == art.id
    with pytest.raises(NotFoundError):
        fresh_db.resolve_article_id("zzzz")


def test_block_override_is_remembered(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    fresh_db.set_block_override(art.id, "Subscribe today", "drop")
    assert fresh_db.block_overrides(art.id) == {"Subscribe today": "drop"}
    fresh_db.set_block_override(art.id, "Subscribe today", None)
    assert fresh_db.block_overrides(art.id) == {}


def test_migrations_read_from_the_table_agree_with_sqlite_utils(tmp_path: Path):
    from sqlite_utils import Database

    from reader.store import schema

    with Library(tmp_path / "lib.sqlite3") as lib:
        assert schema.pending_names(lib.conn) == []
        assert schema.migrations().pending(Database(lib.conn)) == []
        assert schema.applied_names(lib.conn) == set(schema.known_migration_names())


def test_an_up_to_date_library_opens_and_saves_without_loading_sqlite_utils(
    tmp_path: Path, clean_article
):
    # sqlite-utils costs ~170 ms to import; only a due migration may load it.
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        lib.add_article(clean_article)
    code = (
        "import sys\n"
        "from reader.store import Library\n"
        f"lib = Library({str(path)!r})\n"
        "aid = lib.list_articles(limit=10)[0].id\n"
        "lib.add_note(aid, 0, 7, verdict='false', tags=['t'])\n"
        "lib.set_setting('k', 'v')\n"
        "lib.set_block_override(aid, 'x', 'drop')\n"
        "lib.search('council')\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"


def test_a_failed_write_inside_another_rolls_back_only_its_own_part(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    with fresh_db.write():
        fresh_db.conn.execute("UPDATE articles SET title = 'kept' WHERE id = ?", [art.id])
        with pytest.raises(ValueError), fresh_db.write():
            fresh_db.conn.execute("UPDATE articles SET title = 'undone' WHERE id = ?", [art.id])
            raise ValueError("inner step failed")
    assert fresh_db.get_article(art.id).title == "kept"


def test_upserting_settings_and_overrides_replaces_the_value(fresh_db, clean_article):
    art = fresh_db.add_article(clean_article)
    fresh_db.set_setting("theme", "dark")
    fresh_db.set_setting("theme", "light")
    assert fresh_db.get_setting("theme") == "light"
    fresh_db.set_block_override(art.id, "Share this", "drop")
    fresh_db.set_block_override(art.id, "Share this", "keep")
    assert fresh_db.block_overrides(art.id) == {"Share this": "keep"}


def _titled(lib: Library, *titles: str, site: str | None = None) -> list[str]:
    """Articles with these titles, imported a second apart in the order given."""
    ids = []
    for i, title in enumerate(titles):
        art = lib.add_article(build_article([("title", title), ("paragraph", "Text here.")]))
        lib.conn.execute(
            "UPDATE articles SET created = ?, site_name = ? WHERE id = ?",
            [f"2026-02-01T10:00:{i:02d}", site, art.id],
        )
        ids.append(art.id)
    lib.conn.commit()
    return ids


def _list(lib: Library, **query: object) -> list[str]:
    return [a.title for a in lib.list_articles(**query)]  # type: ignore[arg-type]


def test_list_text_filter_folds_case_as_casefold_does_over_title_and_site(fresh_db):
    _titled(fresh_db, "Die Straße bleibt zu", "Harbour news", site="Daily Wire")
    _titled(fresh_db, "No site at all")
    assert _list(fresh_db, text="STRASSE") == ["Die Straße bleibt zu"]
    assert _list(fresh_db, text="  daily wire ") == ["Harbour news", "Die Straße bleibt zu"]
    assert _list(fresh_db, text="news daily") == ["Harbour news"]  # title, then site
    assert fresh_db.count_articles(text="strasse") == 1


def test_list_status_filter_uses_the_least_advanced_live_note(fresh_db):
    a, b, c = _titled(fresh_db, "A", "B", "C")
    fresh_db.add_note(a, 0, 1, status="done")
    fresh_db.add_note(a, 0, 1, status="in_progress")
    fresh_db.add_note(b, 0, 1, status="done")
    dead = fresh_db.add_note(c, 0, 1, status="to_check")
    fresh_db.add_note(c, 0, 1, status="done")
    fresh_db.delete_note(dead.id)
    assert _list(fresh_db, status="in_progress") == ["A"]
    assert _list(fresh_db, status="done") == ["C", "B"]
    assert fresh_db.count_articles(status="to_check") == 0


def test_list_verdict_tag_and_has_notes_filters_ignore_deleted_notes(fresh_db):
    a, b, _ = _titled(fresh_db, "A", "B", "C")
    fresh_db.add_note(a, 0, 1, verdict="satire", tags=['say "hi"', "budget"])
    gone = fresh_db.add_note(b, 0, 1, verdict="satire", tags=["budget"])
    fresh_db.delete_note(gone.id)
    assert _list(fresh_db, verdict="satire") == ["A"]
    assert _list(fresh_db, tag="budget") == ["A"]
    assert _list(fresh_db, tag='say "hi"') == ["A"]
    assert _list(fresh_db, tag="budg") == []  # a whole tag, not a part of one
    assert _list(fresh_db, has_notes=False) == ["C", "B"]
    assert fresh_db.count_articles(has_notes=True, verdict="satire", tag="budget") == 1


def test_list_orders_whole_columns_with_ascending_the_reverse_of_descending(fresh_db):
    _titled(fresh_db, "beta", "Alpha", "gamma", "alpha")
    assert _list(fresh_db) == ["alpha", "gamma", "Alpha", "beta"]  # newest import first
    assert _list(fresh_db, order="imported") == ["beta", "Alpha", "gamma", "alpha"]
    by_title = _list(fresh_db, order="title")
    assert by_title[2:] == ["beta", "gamma"]
    assert _list(fresh_db, order="-title") == list(reversed(by_title))
    assert _list(fresh_db, order="title", limit=2, offset=1) == by_title[1:3]
    with pytest.raises(ValueError):
        fresh_db.list_articles(order="body")


def test_note_filters_read_covering_indexes_not_the_notes(fresh_db):
    def plan(**query: object) -> str:
        where, params = fresh_db.articles._list_filters(False, "", **query)  # type: ignore[arg-type]
        return " ".join(
            r[3]
            for r in fresh_db.conn.execute(
                f"EXPLAIN QUERY PLAN SELECT count(*) FROM articles a WHERE {where}", params
            )
        )

    assert "COVERING INDEX notes_verdict" in plan(
        verdict="satire", status=None, tag=None, has_notes=None
    )
    assert "COVERING INDEX notes_article_live" in plan(
        verdict=None, status="done", tag=None, has_notes=None
    )
