"""main.py trash: list the Trash, move articles there, bring articles and notes back, and
empty it only when told twice (--yes); a typo anywhere changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Library

ARTICLE = """Harbour plan approved

The council approved the new harbour plan on Tuesday after a long debate.
The plan adds two piers and a ferry terminal by the end of next year.
Residents said the building work would close the beach for a summer.
"""


def _import(tmp_path: Path, db: Path, name: str, text: str) -> str:
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    with Library(db) as lib:
        before = {a.id for a in lib.list_articles()}
    assert main(["import", str(source), "--db", str(db)]) == 0
    with Library(db) as lib:
        (new,) = [a.id for a in lib.list_articles() if a.id not in before]
    return new


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "lib.db"
    first = _import(tmp_path, db, "harbour", ARTICLE)
    second = _import(tmp_path, db, "piers", ARTICLE.replace("harbour", "pier"))
    return db, first, second


def _live(db: Path) -> set[str]:
    with Library(db) as lib:
        return {a.id for a in lib.list_articles()}


def test_rm_moves_an_article_to_the_trash_and_list_shows_it(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, second = library
    capsys.readouterr()
    assert main(["trash", "rm", first[:8], "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == [first]
    assert "moved 1 article(s) to the Trash" in err
    assert _live(db) == {second}

    assert main(["trash", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    (row,) = out.splitlines()
    short, kind, _when, title = row.split("\t")
    assert (short, kind, title) == (first[:8], "article", "Harbour plan approved")


def test_an_empty_trash_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.db"
    _import(tmp_path, db, "harbour", ARTICLE)
    capsys.readouterr()
    assert main(["trash", "list", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "The Trash is empty." in err


def test_a_typo_among_several_moves_none(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, second = library
    assert main(["trash", "rm", first, "zzzz", "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "No article with id zzzz" in err
    assert "Traceback" not in err
    assert _live(db) == {first, second}


def test_trashing_twice_is_refused(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, _ = library
    assert main(["trash", "rm", first, "--db", str(db)]) == 0
    assert main(["trash", "rm", first, "--db", str(db)]) != 0
    assert "already in the Trash" in capsys.readouterr().err


def test_restore_brings_the_article_back_and_then_it_takes_notes_again(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, second = library
    main(["trash", "rm", first, "--db", str(db)])
    # In the Trash, the article refuses a note, and the message says how to restore it.
    assert main(["note", "add", first, "2", "--db", str(db)]) != 0
    assert "main.py trash restore ID" in capsys.readouterr().err
    assert main(["trash", "restore", first[:6], "--db", str(db)]) == 0
    assert capsys.readouterr().out.split() == [first]
    assert _live(db) == {first, second}
    assert main(["note", "add", first, "2", "--db", str(db)]) == 0


def test_restore_of_a_note_whose_article_is_trashed_says_so(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, _ = library
    main(["note", "add", first, "2", "--conclusion", "Checked", "--db", str(db)])
    note_id = capsys.readouterr().out.strip()
    main(["note", "rm", note_id, "--db", str(db)])
    main(["trash", "rm", first, "--db", str(db)])
    capsys.readouterr()
    assert main(["trash", "restore", note_id[:8], "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == [note_id]
    assert f"its article {first[:8]} is still in the Trash" in err
    with Library(db) as lib:
        assert lib.get_note(note_id).deleted_at is None
        assert lib.get_article(first).deleted_at


def test_restore_of_an_unknown_id_restores_nothing(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, second = library
    main(["trash", "rm", first, second, "--db", str(db)])
    capsys.readouterr()
    assert main(["trash", "restore", first, "nope", "--db", str(db)]) != 0
    assert "Nothing in the Trash has the id nope" in capsys.readouterr().err
    assert _live(db) == set()


def test_empty_needs_yes_and_then_deletes_for_good(
    library: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, first, second = library
    main(["trash", "rm", first, "--db", str(db)])
    capsys.readouterr()
    assert main(["trash", "empty", "--db", str(db)]) == 1
    assert "1 item(s) in the Trash would be deleted for good; nothing was deleted" in (
        capsys.readouterr().err
    )
    with Library(db) as lib:
        assert len(lib.trash()) == 1
    assert main(["trash", "empty", "--yes", "--db", str(db)]) == 0
    assert "deleted 1 item(s) for good" in capsys.readouterr().err
    with Library(db) as lib:
        assert lib.trash() == []
    assert _live(db) == {second}
    assert main(["trash", "empty", "--yes", "--db", str(db)]) == 0
    assert "already empty" in capsys.readouterr().err
