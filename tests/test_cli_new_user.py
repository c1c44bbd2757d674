"""The command line as a new user meets it (issue 18): --db traps, duplicates, notes,
errors.  Each test fails without the fix it pins."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n\n"
    "Shopkeepers on the north side said they had not been consulted. "
    '"We heard about it on the radio," one baker said.\n'
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "bridge.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(capsys, tmp_path, article_file) -> tuple[str, str]:
    db = str(tmp_path / "lib.sqlite3")
    code, out, _ = run(capsys, "import", "--db", db, str(article_file))
    assert code == 0
    return db, out.strip()


# -- item 6: --db traps -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["list"], ["show", "abc"], ["search", "bridge"], ["export", "abc"]]
)
def test_reading_command_on_a_mistyped_db_creates_nothing(capsys, tmp_path, command):
    db = tmp_path / "typo.sqlite3"
    code, _, err = run(capsys, command[0], "--db", str(db), *command[1:])
    assert code != 0
    assert not db.exists()
    assert f"No library at {db}" in err
    assert len(err.strip().splitlines()) == 1


def test_import_into_a_new_library_says_it_was_created(capsys, tmp_path, article_file):
    db = tmp_path / "new.sqlite3"
    code, out, err = run(capsys, "import", "--db", str(db), str(article_file))
    assert code == 0 and db.exists()
    assert f"created a new library at {db}" in err
    code, out, err = run(capsys, "import", "--db", str(db), "--new", str(article_file))
    assert "created a new library" not in err


def test_global_options_before_the_command_are_accepted(capsys, tmp_path, article_file):
    db = tmp_path / "lib.sqlite3"
    code, out, _ = run(capsys, "--db", str(db), "import", str(article_file))
    assert code == 0
    aid = out.strip()
    code, out, _ = run(capsys, "--db", str(db), "--debug", "list")
    assert code == 0 and aid in out


def test_a_command_given_where_a_file_belongs_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "notes.html", "import")
    assert code == 2
    assert "'import' is a command" in err


# -- item 8: no display -------------------------------------------------------------------


def test_window_without_a_display_prints_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    code, out, err = run(capsys, "--db", str(tmp_path / "lib.sqlite3"))
    assert code == 2
    assert err.count("\n") == 1 and "No display found" in err
    assert not (tmp_path / "lib.sqlite3").exists()


# -- item 4: duplicate imports ------------------------------------------------------------


def test_importing_the_same_text_twice_gives_the_existing_id(capsys, imported, article_file):
    db, aid = imported
    code, out, err = run(capsys, "import", "--db", db, str(article_file))
    assert code == 0 and out.strip() == aid
    assert "already in the library" in err and "--new" in err
    _, out, _ = run(capsys, "list", "--db", db)
    assert len(out.strip().splitlines()) == 1


def test_import_with_new_stores_a_second_article(capsys, imported, article_file):
    db, aid = imported
    code, out, _ = run(capsys, "import", "--db", db, "--new", str(article_file))
    assert code == 0 and out.strip() != aid


def test_the_same_url_once_normalised_is_a_duplicate(tmp_path):
    from reader.app import articles
    from reader.core.models import RawInput
    from reader.store import Library

    body = " ".join(ARTICLE.split("\n\n")[1:])
    page = (
        "<html><body><article><h1>Bridge</h1><p>{}</p><p>" + body + "</p></article></body></html>"
    )
    with Library(tmp_path / "lib.sqlite3") as lib:
        first = articles.import_raw_once(
            lib,
            RawInput(
                page.format("The council voted.").encode(),
                "text/html",
                "web",
                None,
                "https://News.example.org/bridge/",
            ),
        )
        again = articles.import_raw_once(
            lib,
            RawInput(
                page.format("The council voted again.").encode(),
                "text/html",
                "web",
                None,
                "http://news.example.org/bridge?utm_source=x",
            ),
        )
        assert first.stored and not again.stored
        assert again.article_id == first.article_id
        assert again.duplicate is not None and again.duplicate.reason == "url"
        report = articles.update_from_raw(
            lib,
            again.article_id,
            RawInput(
                page.format("The council voted again.").encode(),
                "text/html",
                "web",
                None,
                "http://news.example.org/bridge",
            ),
        )
        assert report.version == 2


# -- item 9: notes from the command line ----------------------------------------------------


def _notes(capsys, db: str, aid: str) -> list[dict]:
    _, out, _ = run(capsys, "show", "--db", db, "--json", aid)
    return json.loads(out)["notes"]


def test_note_add_on_a_range_without_a_verdict(capsys, imported):
    db, aid = imported
    code, out, _ = run(capsys, "note", "add", "--db", db, aid, "--sentences", "2-3")
    assert code == 0
    [note] = _notes(capsys, db, aid)
    assert note["id"] == out.strip()
    assert note["sentences"] == [2, 3] and note["verdict"] is None


def test_the_first_note_form_still_works(capsys, imported):
    db, aid = imported
    code, _, _ = run(capsys, "note", "--db", db, aid, "4", "--verdict", "false")
    assert code == 0
    assert _notes(capsys, db, aid)[0]["verdict"] == "false"


def test_note_edit_move_and_rm(capsys, imported):
    db, aid = imported
    _, out, _ = run(capsys, "note", "add", "--db", db, aid, "2", "--verdict", "true")
    nid = out.strip()
    code, _, _ = run(
        capsys, "note", "edit", "--db", db, nid[:8], "--verdict", "none", "--body", "Checked."
    )
    assert code == 0
    [note] = _notes(capsys, db, aid)
    assert note["verdict"] is None and note["body"] == "Checked."
    code, _, _ = run(capsys, "note", "move", "--db", db, nid, "--sentence", "5")
    assert code == 0
    assert _notes(capsys, db, aid)[0]["sentences"] == [5]
    code, _, err = run(capsys, "note", "rm", "--db", db, nid)
    assert code == 0 and "Trash" in err
    assert _notes(capsys, db, aid) == []


def test_note_edit_with_nothing_to_change_says_what_to_give(capsys, imported):
    db, aid = imported
    _, out, _ = run(capsys, "note", "add", "--db", db, aid, "2")
    code, _, err = run(capsys, "note", "edit", "--db", db, out.strip())
    assert code == 1 and "--verdict" in err and len(err.splitlines()) == 1


def test_command_line_note_edits_can_be_undone_through_the_app(capsys, imported):
    from reader.app import notes
    from reader.store import Library

    db, aid = imported
    _, out, _ = run(capsys, "note", "add", "--db", db, aid, "2", "--verdict", "true")
    nid = out.strip()
    run(capsys, "note", "edit", "--db", db, nid, "--verdict", "false")
    run(capsys, "note", "rm", "--db", db, nid)
    with Library(db) as lib:
        changes = notes.outside_changes(lib)
        assert [c.kind for c in changes] == ["add", "edit", "delete"]
        for change in reversed(changes[1:]):
            notes.undo_change(lib, change)
        back = lib.get_note(nid)
        assert back.deleted_at is None and back.verdict == "true"


# -- item 10: source addresses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x.org/a"]
)
def test_a_source_that_is_not_a_web_address_or_doi_is_refused(capsys, imported, url):
    db, aid = imported
    code, _, err = run(capsys, "note", "add", "--db", db, aid, "2", "--source", url)
    assert code == 1
    assert "not a web address" in err and "DOI" in err and len(err.splitlines()) == 1
    assert _notes(capsys, db, aid) == []


def test_a_doi_source_is_stored_as_its_address(capsys, imported):
    db, aid = imported
    code, _, _ = run(capsys, "note", "add", "--db", db, aid, "2", "--source", "doi:10.1000/xyz")
    assert code == 0
    assert _notes(capsys, db, aid)[0]["sources"][0]["url"] == "https://doi.org/10.1000/xyz"


# -- item 11: show ---------------------------------------------------------------------------


def test_show_prints_each_notes_body_status_and_tags(capsys, imported):
    db, aid = imported
    run(
        capsys,
        "note",
        "add",
        "--db",
        db,
        aid,
        "3",
        "--status",
        "needs_review",
        "--body",
        "The report says **one** million.\nSee page 4.",
        "--tag",
        "budget",
    )
    _, out, _ = run(capsys, "show", "--db", db, aid)
    notes = out.split("Notes:")[1]
    assert "Status: Needs review" in notes
    assert "Tags: #budget" in notes
    assert "The report says **one** million.\n   See page 4." in notes


def test_show_json_carries_what_the_json_export_carries(capsys, imported):
    db, aid = imported
    run(
        capsys,
        "note",
        "add",
        "--db",
        db,
        aid,
        "3",
        "--tag",
        "x",
        "--source",
        "https://example.org/r",
    )
    _, out, _ = run(capsys, "show", "--db", db, "--json", aid)
    shown = json.loads(out)
    _, out, _ = run(capsys, "export", "--db", db, "--format", "json", aid)
    [exported] = json.loads(out)["articles"]

    def contains(big, small, where="article"):
        if isinstance(small, dict):
            for key, value in small.items():
                assert key in big, f"{where}.{key} missing from show --json"
                contains(big[key], value, f"{where}.{key}")
        elif isinstance(small, list):
            assert len(big) == len(small), where
            for i, (b, s) in enumerate(zip(big, small)):
                contains(b, s, f"{where}[{i}]")
        else:
            assert big == small, where

    contains(shown, exported)
    assert shown["notes"][0]["sentences"] == [3]


# -- item 12: error text ---------------------------------------------------------------------


def _one_clean_line(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    text = lines[0].removeprefix("error: ")
    for noise in ("Traceback", "Error:", "WARNING", "ERROR", "\\n"):
        assert noise not in text, lines[0]
    assert not re.search(r"'[^'\s]*'", text), f"a Python repr in: {lines[0]}"


def test_a_page_without_an_article_gives_one_line_and_no_library(capsys, tmp_path):
    import logging

    page = tmp_path / "empty.html"
    page.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    db = tmp_path / "lib.sqlite3"
    handler = logging.StreamHandler()  # stands in for the terminal's handler
    logging.getLogger().addHandler(handler)
    try:
        code, _, err = run(capsys, "import", "--db", str(db), str(page))
    finally:
        logging.getLogger().removeHandler(handler)
    assert code == 1
    _one_clean_line(err)
    assert "trafilatura" not in err and "discarding" not in err
    assert not db.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["note", "add"],
        ["list", "--bogus"],
        ["note", "add", "x", "--sentences", "three"],
        ["search", "x", "--verdict", "nonsense"],
    ],
)
def test_usage_errors_are_one_line(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    _, err = capsys.readouterr()
    _one_clean_line(err)


def test_an_unknown_verdict_in_the_app_is_named_without_a_repr(tmp_path):
    from reader.app.search import search
    from reader.core.errors import UserError
    from reader.store import Library

    with Library(tmp_path / "lib.sqlite3") as lib, pytest.raises(UserError) as err:
        search(lib, "x", verdict="wrong")
    assert "'wrong'" not in str(err.value) and "“wrong”" in str(err.value)
