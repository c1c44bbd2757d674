"""Issue 19, items 12-15, through the command line: foreign, read-only and restored libraries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Library
from reader.store.schema import APPLICATION_ID

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir()}


# -- 12: another application's database -------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", [["list"], ["search", "bridge"], ["import", "ARTICLE"]])
def test_another_applications_database_is_refused_byte_for_byte_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, journal: str, command: list[str]
) -> None:
    foreign = tmp_path / "data" / "photos.db"
    foreign.parent.mkdir()
    conn = sqlite3.connect(foreign)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO albums (name) VALUES ('Holidays')")
    conn.commit()
    conn.close()
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _folder(foreign)

    args = [str(article) if a == "ARTICLE" else a for a in command]
    code, _, err = run(capsys, args[0], "--db", str(foreign), *args[1:])

    assert code == 1
    assert "another application's SQLite database" in err and "albums" in err
    assert _folder(foreign) == before


def test_a_new_library_is_marked_as_ours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    assert run(capsys, "list", "--db", str(db))[0] == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_library_made_before_the_mark_is_still_recognised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "old.sqlite3"
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(capsys, "import", "--db", str(db), str(article))[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_application_id'")
    conn.commit()
    conn.close()

    code, out, _ = run(capsys, "list", "--db", str(db))

    assert code == 0 and "Harbour Bridge" in out
    with Library(db) as lib:
        assert lib.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_empty_file_becomes_a_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "empty.sqlite3"
    db.touch()
    assert run(capsys, "list", "--db", str(db))[0] == 0
