"""The command line as a new user meets it (issue 18): --db traps, duplicates, notes,
errors.  Each test fails without the fix it pins."""

from __future__ import annotations

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
        report = articles.add_as_new_version(
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
