"""A note keeps the words it was checked on, and older libraries are upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.models import Source, build_article
from reader.store import Library, schema

PARTS = [
    ("title", "Troops gather near the border"),
    (
        "paragraph",
        "Around 10,000 troops have moved to the border, officials said. "
        "Both governments have prepared sanctions.",
    ),
    ("paragraph", "Talks will resume in Geneva next week."),
]


def _edited(old: str, new: str) -> object:
    return build_article([(k, t.replace(old, new)) for k, t in PARTS])


def _note_on(lib: Library, sentence: str) -> tuple[str, str]:
    art = lib.add_article(build_article(PARTS))
    start = art.text.index(sentence)
    note = lib.add_note(art.id, start, start + len(sentence), verdict="true")
    return art.id, note.id


def test_number_change_is_changed_and_the_checked_wording_is_kept(fresh_db: Library) -> None:
    sentence = "Around 10,000 troops have moved to the border, officials said."
    aid, nid = _note_on(fresh_db, sentence)
    report = fresh_db.add_version(aid, _edited("10,000", "100,000"))  # type: ignore[arg-type]
    assert (report.ok, report.changed_notes, report.orphan) == (0, 1, 0)
    note = fresh_db.get_note(nid)
    assert note.anchor_state == "changed"
    assert note.exact == sentence.replace("10,000", "100,000")
    assert note.original_wording == sentence
    assert note.checked_wording == sentence


def test_inserted_not_is_changed(fresh_db: Library) -> None:
    aid, nid = _note_on(fresh_db, "Both governments have prepared sanctions.")
    fresh_db.add_version(aid, _edited("have prepared", "have not prepared"))  # type: ignore[arg-type]
    assert fresh_db.get_note(nid).anchor_state == "changed"


def test_a_later_version_compares_with_the_checked_words_not_the_last_ones(
    fresh_db: Library,
) -> None:
    sentence = "Around 10,000 troops have moved to the border, officials said."
    aid, nid = _note_on(fresh_db, sentence)
    fresh_db.add_version(aid, _edited("10,000", "100,000"))  # type: ignore[arg-type]
    third = build_article(
        [(k, t.replace("10,000", "100,000").replace("Geneva", "Vienna")) for k, t in PARTS]
    )
    report = fresh_db.add_version(aid, third)
    assert report.changed_notes == 1
    assert fresh_db.get_note(nid).original_wording == sentence


def test_sentence_back_to_its_checked_words_is_ok_again(fresh_db: Library) -> None:
    sentence = "Around 10,000 troops have moved to the border, officials said."
    aid, nid = _note_on(fresh_db, sentence)
    fresh_db.add_version(aid, _edited("10,000", "100,000"))  # type: ignore[arg-type]
    fresh_db.add_version(aid, build_article(PARTS))
    assert fresh_db.get_note(nid).anchor_state == "ok"


def _old_library(path: Path) -> None:
    """A library as the previous version wrote it: migrations up to 0003 only."""
    from sqlite_utils import Database

    conn = sqlite3.connect(path)
    schema.migrations().apply(Database(conn), stop_before="0004_note_original_wording")
    conn.executescript(
        """
        INSERT INTO articles (id, title, created, updated) VALUES ('a1', 'T', 'x', 'x');
        INSERT INTO notes (id, article_id, start, "end", exact, anchor_state, created, updated)
            VALUES ('n1', 'a1', 0, 5, 'Words', 'drifted', 'x', 'x'),
                   ('n2', 'a1', 6, 9, 'Two', 'orphan', 'x', 'x');
        INSERT INTO sources (id, note_id, position, url) VALUES ('s1', 'n1', 0, 'https://e.org');
        """
    )
    conn.commit()
    conn.close()


def test_upgrade_turns_drifted_into_changed_and_keeps_sources(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_library(path)
    with Library(path) as lib:
        rows = lib.conn.execute(
            "SELECT id, anchor_state, original_exact, checked_exact FROM notes ORDER BY id"
        ).fetchall()
        assert rows == [("n1", "changed", "Words", "Words"), ("n2", "orphan", "Two", "Two")]
        assert lib.conn.execute("SELECT id FROM sources").fetchall() == [("s1",)]
        assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        indexes = {r[1] for r in lib.conn.execute("PRAGMA index_list(notes)")}
        assert {"notes_article", "notes_article_live", "notes_verdict"} <= indexes


def test_sources_still_go_with_their_note_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_library(path)
    with Library(path) as lib:
        lib.conn.execute("DELETE FROM notes WHERE id = 'n1'")
        assert lib.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_original_wording_is_stored_once_and_never_rewritten(fresh_db: Library) -> None:
    sentence = "Both governments have prepared sanctions."
    aid, nid = _note_on(fresh_db, sentence)
    note = fresh_db.get_note(nid)
    note.sources = [Source("https://example.org")]
    fresh_db.save_note(note)
    fresh_db.add_version(aid, _edited("prepared", "drafted"))  # type: ignore[arg-type]
    stored = fresh_db.conn.execute(
        "SELECT original_exact, original_version FROM notes WHERE id = ?", [nid]
    ).fetchone()
    assert stored == (sentence, 1)


def test_json_dump_keeps_wordings_and_history_and_imports_them_back(tmp_path: Path) -> None:
    import json

    from reader.app.notes import accept_wording, note_history
    from reader.store.dump import export_json
    from reader.store.dump_merge import import_json

    with Library(tmp_path / "a.sqlite3") as lib:
        sentence = "Around 10,000 troops have moved to the border, officials said."
        aid, accepted = _note_on(lib, sentence)
        start = lib.get_article(aid).text.index("Both")
        changed = lib.add_note(aid, start, start + 41).id
        lib.add_version(aid, _edited("10,000", "100,000"))  # type: ignore[arg-type]
        lib.add_version(
            aid,
            build_article(
                [(k, t.replace("10,000", "100,000").replace("have", "have not")) for k, t in PARTS]
            ),
        )
        accept_wording(lib, accepted)
        dumped = export_json(lib)
    doc = json.loads(dumped)
    notes = {n["id"]: n for n in doc["articles"][0]["notes"]}
    assert notes[changed]["word_diff"]["rated_on_earlier_wording"] is True
    assert "negation" in notes[changed]["word_diff"]["marks"]
    assert len(notes[accepted]["confirmations"]) == 1
    with Library(tmp_path / "b.sqlite3") as other:
        import_json(other, dumped)
        assert other.get_note(changed).anchor_state == "changed"
        assert other.get_note(accepted).original_wording == sentence
        assert len(note_history(other, accepted)) == 1
        assert export_json(other) == dumped


def test_json_export_from_an_older_version_reads_drifted_as_changed(tmp_path: Path) -> None:
    import json

    from reader.store.dump import export_json
    from reader.store.dump_merge import import_json

    with Library(tmp_path / "a.sqlite3") as lib:
        aid, nid = _note_on(lib, "Both governments have prepared sanctions.")
        doc = json.loads(export_json(lib))
    note = doc["articles"][0]["notes"][0]
    for key in ("original_exact", "original_version", "checked_exact", "confirmations"):
        del note[key]
    note["anchor_state"] = "drifted"
    with Library(tmp_path / "b.sqlite3") as other:
        import_json(other, json.dumps(doc))
        again = other.get_note(nid)
        assert again.anchor_state == "changed"
        assert again.original_wording == "Both governments have prepared sanctions."


def test_library_list_counts_and_filters_articles_changed_since_checked(fresh_db: Library) -> None:
    aid, nid = _note_on(fresh_db, "Both governments have prepared sanctions.")
    other = fresh_db.add_article(build_article(PARTS))
    fresh_db.add_note(other.id, 0, 10)
    fresh_db.add_version(aid, _edited("have prepared", "have not prepared"))  # type: ignore[arg-type]
    assert [a.id for a in fresh_db.list_articles(changed=True)] == [aid]
    assert [a.id for a in fresh_db.list_articles(changed=False)] == [other.id]
    assert fresh_db.count_articles(changed=True) == 1
    assert fresh_db.article_summary(aid).changed_notes == 1
    assert [a.id for a in fresh_db.list_articles(order="-changed")][0] == aid
