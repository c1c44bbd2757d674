"""The command line, run as a user would (in-process, through ``reader.cli.main``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Library

ARTICLE = (
    "Menu\nHome\nNews\nSport\n\n"
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n\n"
    "Shopkeepers on the north side said they had not been consulted. "
    '"We heard about it on the radio," one baker said.\n\n'
    "Support our journalism\nSubscribe now for just $1 a week.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "bridge.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_show_note_export_round_trip(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    code, out, _ = run(capsys, "import", "--db", db, str(article_file))
    assert code == 0
    aid = out.strip()
    code, out, _ = run(capsys, "show", "--db", db, aid)
    assert out.startswith("[1] Harbour Bridge Closes for a Year")
    assert "[2] The city council voted" in out
    assert "Menu" not in out and "Subscribe" not in out
    code, out, _ = run(
        capsys,
        "note",
        "--db",
        db,
        aid,
        "4",
        "--verdict",
        "misleading",
        "--conclusion",
        "It is one million.",
        "--source",
        "https://example.org/budget",
        "--source-title",
        "Budget",
    )
    assert code == 0
    note_id = out.strip()
    code, out, _ = run(capsys, "show", "--db", db, "--json", aid)
    shown = json.loads(out)
    [note] = shown["notes"]
    assert note["id"] == note_id
    assert note["sentences"] == [4]
    assert note["quote"].startswith("The mayor said the closure")
    assert note["state"] == "ok"
    code, out, _ = run(capsys, "export", "--db", db, aid)
    assert "## 1. Misleading:" in out
    assert "[Budget](https://example.org/budget)" in out


def test_sentence_number_out_of_range_is_a_clear_error(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    code, _, err = run(capsys, "note", "--db", db, out.strip(), "99", "--verdict", "false")
    assert code == 1
    assert "there is no sentence 99" in err


def test_missing_file_prints_one_line_and_fails(capsys, tmp_path):
    code, _, err = run(capsys, "import", "--db", str(tmp_path / "l.db"), str(tmp_path / "nope.txt"))
    assert code == 1
    assert err.startswith("error: ") and err.count("\n") == 1


def test_clean_writes_body_per_input_into_out_dir(capsys, tmp_path, article_file):
    out_dir = tmp_path / "out"
    code, _, _ = run(capsys, "clean", "--body", str(article_file), "--out-dir", str(out_dir))
    assert code == 0
    body = (out_dir / "bridge.txt").read_text(encoding="utf-8")
    assert body.startswith("The city council voted")
    assert "Harbour Bridge Closes" not in body


def test_update_stores_a_new_version_and_reports_anchors(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(capsys, "note", "--db", db, aid, "4", "--verdict", "false")
    run(capsys, "note", "--db", db, aid, "6", "--verdict", "true")
    edited = ARTICLE.replace("Shopkeepers on the north side said they had not been consulted. ", "")
    new = tmp_path / "bridge2.txt"
    new.write_text(edited, encoding="utf-8")
    code, out, _ = run(capsys, "update", "--db", db, aid, str(new))
    assert code == 0
    assert out.strip() == "version 2: 1 ok, 0 changed, 1 orphan"


def test_update_help_says_what_becomes_of_the_notes_in_plain_words(capsys):
    # It said "re-anchor its notes"; the window says a note stays with its sentence.
    for argv in (["--help"], ["update", "--help"]):
        try:
            main(argv)
        except SystemExit:  # argparse's own help, after printing it
            pass
        out = " ".join(capsys.readouterr().out.split())
        assert "anchor" not in out
        assert "notes stay with their sentence" in out


def test_search_finds_note_text_with_verdict_filter(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(
        capsys,
        "note",
        "--db",
        db,
        aid,
        "2",
        "--verdict",
        "false",
        "--body",
        "The council minutes show a Tuesday vote.",
    )
    _, out, _ = run(capsys, "search", "--db", db, "Tuesday", "--json")
    assert [h["kind"] for h in json.loads(out)] == ["note"]
    _, out, _ = run(capsys, "search", "--db", db, "Tuesday", "--verdict", "true", "--json")
    assert json.loads(out) == []


def test_json_export_imports_into_empty_library_identically(capsys, tmp_path, article_file):
    db1, db2 = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db1, str(article_file))
    aid = out.strip()
    run(
        capsys,
        "note",
        "--db",
        db1,
        aid,
        "3",
        "--verdict",
        "mixed",
        "--source",
        "https://example.org/x",
    )
    dump1 = tmp_path / "one.json"
    run(capsys, "export", "--db", db1, "--all", "--format", "json", "--out", str(dump1))
    code, out, _ = run(capsys, "import-json", "--db", db2, str(dump1))
    assert code == 0 and "1 added" in out
    dump2 = tmp_path / "two.json"
    run(capsys, "export", "--db", db2, "--all", "--format", "json", "--out", str(dump2))
    assert dump1.read_text(encoding="utf-8") == dump2.read_text(encoding="utf-8")


def test_markdown_export_refuses_to_overwrite_a_foreign_file(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    target = tmp_path / "mine.md"
    target.write_text("my own notes\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "--db", db, out.strip(), "--out", str(target))
    assert code == 1
    assert target.read_text(encoding="utf-8") == "my own notes\n"


def test_markdown_re_export_keeps_user_text_outside_the_block(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    target = tmp_path / "notes.md"
    run(capsys, "export", "--db", db, aid, "--out", str(target))
    target.write_text(
        target.read_text(encoding="utf-8") + "\nMy closing thoughts.\n", encoding="utf-8"
    )
    run(capsys, "note", "--db", db, aid, "2", "--verdict", "true")
    code, _, _ = run(capsys, "export", "--db", db, aid, "--out", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert "My closing thoughts." in text
    assert "## 1. True:" in text


def test_default_database_comes_from_the_environment(capsys, tmp_path, monkeypatch, article_file):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("FACTREADER_DB", str(db))
    run(capsys, "import", str(article_file))
    assert db.exists()
    _, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["title"] == "Harbour Bridge Closes for a Year"


def test_pdf_report_is_written_through_qt_offscreen(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(
        capsys,
        "note",
        "--db",
        db,
        aid,
        "2",
        "--verdict",
        "false",
        "--conclusion",
        "It was Tuesday.",
        "--source",
        "https://example.org/minutes",
    )
    pdf = tmp_path / "report.pdf"
    code, _, _ = run(capsys, "export", "--db", db, aid, "--format", "pdf", "--out", str(pdf))
    assert code == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 1000


def test_claimreview_export_needs_and_remembers_an_author(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(capsys, "note", "--db", db, aid, "2", "--verdict", "mostly_false", "--status", "done")
    code, _, err = run(capsys, "export", "--db", db, aid, "--format", "claimreview")
    assert code == 1 and "--author" in err
    code, out, _ = run(
        capsys, "export", "--db", db, aid, "--format", "claimreview", "--author", "Harbour Checkers"
    )
    [review] = json.loads(out) if out.lstrip().startswith("[") else [json.loads(out)]
    review = review[0] if isinstance(review, list) else review
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["author"]["name"] == "Harbour Checkers"
    code, out, _ = run(capsys, "export", "--db", db, aid, "--format", "claimreview")
    assert code == 0 and "Harbour Checkers" in out


def test_export_only_some_verdicts(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(capsys, "note", "--db", db, aid, "2", "--verdict", "false")
    run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")
    _, out, _ = run(capsys, "export", "--db", db, aid, "--verdict", "false")
    assert "False:" in out and "True:" not in out


def test_json_import_keeps_the_newer_edit_and_reports_it(capsys, tmp_path, article_file):
    db1, db2 = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db1, str(article_file))
    aid = out.strip()
    _, out, _ = run(
        capsys, "note", "--db", db1, aid, "2", "--verdict", "false", "--conclusion", "old"
    )
    note_id = out.strip()
    dump = tmp_path / "dump.json"
    run(capsys, "export", "--db", db1, "--all", "--format", "json", "--out", str(dump))
    run(capsys, "import-json", "--db", db2, str(dump))
    with Library(db2) as lib:
        lib.update_note(note_id, conclusion="newer, made in the second library")
    code, out, _ = run(capsys, "import-json", "--db", db2, str(dump))
    assert code == 0 and "1 kept (the library's edit was newer)" in out
    with Library(db2) as lib:
        assert lib.get_note(note_id).conclusion == "newer, made in the second library"


@pytest.mark.parametrize(
    "change",
    [
        lambda art: art.update({"title); DROP TABLE notes; --": "x"}),  # a column we lack
        lambda art: art.update({"title": ["not", "text"]}),  # a value no column holds
        lambda art: art["notes"][0].update(verdict="totally", updated="9999"),
        lambda art: art["notes"][0].update(status="finished", updated="9999"),
        lambda art: art["notes"][0]["sources"].append(
            {"id": "s-x", "url": "https://example.org", "stance": "maybe", "position": 9}
        ),
        lambda art: art["notes"][0].update(tags="not a list"),
    ],
)
def test_json_import_of_a_tampered_file_says_so_and_changes_nothing(
    capsys, tmp_path, article_file, change
):
    db2 = str(tmp_path / "b.sqlite3")
    dump, doc = _exported(capsys, tmp_path, article_file)
    art = doc["articles"][0]
    if not art["notes"]:
        art["notes"].append(_note_row(art))
    change(art)
    dump.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "import-json", "--db", db2, str(dump))
    # The JSON path of the faulty entry, on one line.
    assert code != 0 and "damaged (articles[0]." in err and err.count("\n") == 1
    with Library(db2) as lib:
        assert lib.count_articles() == 0
        assert lib.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def _note_row(art: dict) -> dict:
    text = art["versions"][-1]["text"]
    start = text.index("The city council")
    end = text.index(".", start) + 1
    return {
        "id": "n-1",
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": "",
        "suffix": "",
        "text_sha256": "",
        "anchor_state": "ok",
        "verdict": "false",
        "status": "to_check",
        "conclusion": "",
        "body": "",
        "tags": [],
        "created": "2026-01-01T00:00:00.000+00:00",
        "updated": "2026-01-01T00:00:00.000+00:00",
        "deleted_at": None,
        "sources": [],
    }


def test_json_import_finds_a_note_again_when_its_offsets_were_tampered_with(
    capsys, tmp_path, article_file
):
    db2 = str(tmp_path / "b.sqlite3")
    dump, doc = _exported(capsys, tmp_path, article_file)
    art = doc["articles"][0]
    note = _note_row(art)
    right = (note["start"], note["end"])
    note["start"], note["end"] = 99999, 100000
    art["notes"] = [note]
    dump.write_text(json.dumps(doc), encoding="utf-8")
    assert run(capsys, "import-json", "--db", db2, str(dump))[0] == 0
    with Library(db2) as lib:
        (stored,) = lib.notes_for_article(art["id"])
    assert (stored.start, stored.end) == right
    assert stored.anchor_state == "ok"  # the words are the same, wherever they were


def test_restore_without_backups_says_how_to_make_one(capsys, tmp_path):
    code, out, err = run(capsys, "restore", "--db", str(tmp_path / "lib.sqlite3"))
    assert code == 0 and out == ""
    assert "No backups" in err and "main.py backup" in err


def test_search_prints_each_hit_on_two_lines_at_most(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    _, out, _ = run(capsys, "import", "--db", db, str(article_file))
    aid = out.strip()
    run(
        capsys,
        "note",
        "--db",
        db,
        aid,
        "2",
        "--verdict",
        "false",
        "--body",
        "First line about rust.\n\nSecond paragraph about rust.",
    )
    code, out, _ = run(capsys, "search", "--db", db, "rust")
    assert code == 0
    lines = out.splitlines()
    assert lines and all(line.startswith("    ") == (i % 2 == 1) for i, line in enumerate(lines))


def test_an_empty_article_id_is_refused_even_with_one_article(capsys, tmp_path, article_file):
    db = str(tmp_path / "lib.sqlite3")
    run(capsys, "import", "--db", db, str(article_file))
    code, _, err = run(capsys, "note", "--db", db, "", "3", "--verdict", "true")
    assert code != 0 and "Give an article id" in err


def _exported(capsys, tmp_path: Path, article_file: Path) -> tuple[Path, dict]:
    """A library holding the article, exported as lossless JSON: (file, document)."""
    db = str(tmp_path / "a.sqlite3")
    run(capsys, "import", "--db", db, str(article_file))
    dump = tmp_path / "dump.json"
    run(capsys, "export", "--db", db, "--all", "--format", "json", "--out", str(dump))
    return dump, json.loads(dump.read_text(encoding="utf-8"))


def test_every_command_and_option_says_what_it_is_for():
    import argparse

    from reader.cli.parser import build_parser

    missing: list[str] = []

    def visit(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    visit(sub, f"{path} {name}")
            elif isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
                continue
            elif not action.help:
                missing.append(f"{path}: {'/'.join(action.option_strings) or action.dest}")

    visit(build_parser(), "main.py")
    assert missing == []
