"""Each fault of the user or the world, through app and through the command line.

A user fault is a UserError in app and one ``error:`` line with exit code 1 on the
command line; a bug is exit code 70 with one line (the traceback only when asked).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import cli
from reader.app import articles, exports, library_io
from reader.core.errors import StoreError, UserError
from reader.store import library as library_module


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture
def imported(capsys, db_path: Path, article_file: Path) -> str:
    code, out, _err = run(capsys, "import", str(article_file), "--db", str(db_path))
    assert code == 0
    return out.strip()


def test_missing_file(capsys, lib, db_path: Path, tmp_path: Path):
    with pytest.raises(UserError):
        articles.import_source(lib, str(tmp_path / "gone.html"))
    code, _out, err = run(capsys, "import", str(tmp_path / "gone.html"), "--db", str(db_path))
    assert code == 1 and "gone.html" in one_error_line(err)


def test_bad_encoding_of_an_existing_markdown_file(capsys, imported, db_path: Path, tmp_path: Path):
    target = tmp_path / "notes.md"
    target.write_bytes(b"\x81\xfe\xff legacy bytes")
    with library_io.open_library(db_path) as lib, pytest.raises(UserError, match="UTF-8"):
        exports.write_markdown_file(lib, imported, target)
    code, _out, err = run(capsys, "export", imported, "--out", str(target), "--db", str(db_path))
    assert code == 1 and "UTF-8" in one_error_line(err)
    assert target.read_bytes() == b"\x81\xfe\xff legacy bytes"


def test_non_utf8_json_import(capsys, lib, db_path: Path, tmp_path: Path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "fact-check-reader", "articles": ["é"]}'.encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        library_io.import_library_json(lib, path)
    code, _out, err = run(capsys, "import-json", str(path), "--db", str(db_path))
    assert code == 1 and "UTF-8" in one_error_line(err)


@pytest.mark.parametrize("fmt", ["md", "json", "annotations"])
def test_export_into_a_missing_folder(capsys, imported, db_path: Path, tmp_path: Path, fmt: str):
    out = tmp_path / "no" / "such" / "folder" / "out.txt"
    with library_io.open_library(db_path) as lib, pytest.raises(UserError, match="not exist"):
        exports.export_to_file(lib, [imported], fmt, out)
    code, _out, err = run(
        capsys, "export", imported, "--format", fmt, "--out", str(out), "--db", str(db_path)
    )
    assert code == 1 and "does not exist" in one_error_line(err)
    assert not out.parent.exists()


@pytest.fixture
def locked(db_path: Path, imported: str, monkeypatch) -> Iterator[str]:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        yield imported
    finally:
        holder.rollback()
        holder.close()


def test_locked_library(capsys, locked: str, db_path: Path, article_file: Path):
    with library_io.open_library(db_path) as lib, pytest.raises(StoreError, match="busy"):
        articles.import_source(lib, str(article_file))
    # --new: the same article is already there, and a duplicate writes nothing
    code, _out, err = run(capsys, "import", "--new", str(article_file), "--db", str(db_path))
    assert code == 1 and "busy" in one_error_line(err)


def test_a_bug_prints_one_line_and_exits_70(capsys, monkeypatch, db_path: Path):
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("internal")

    monkeypatch.setattr(articles, "list_articles", broken)
    library_io.open_library(db_path).close()  # list reads a library, never creates one
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    code, _out, err = run(capsys, "list", "--db", str(db_path))
    assert code == cli.EXIT_BUG
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("bug: KeyError")


def test_a_bug_shows_its_traceback_when_debugging(capsys, monkeypatch, db_path: Path):
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("internal")

    monkeypatch.setattr(articles, "list_articles", broken)
    library_io.open_library(db_path).close()  # list reads a library, never creates one
    with pytest.raises(KeyError):
        cli.main(["list", "--debug", "--db", str(db_path)])
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(KeyError):
        cli.main(["list", "--db", str(db_path)])


def test_a_value_error_is_not_dressed_up_as_a_user_error(capsys, monkeypatch, db_path: Path):
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("range 5..3 is outside the article text")

    monkeypatch.setattr(articles, "list_articles", broken)
    library_io.open_library(db_path).close()  # list reads a library, never creates one
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    code, _out, err = run(capsys, "list", "--db", str(db_path))
    assert code == cli.EXIT_BUG and err.startswith("bug: ValueError")


def test_several_files_import_what_they_can(capsys, db_path: Path, article_file: Path, tmp_path):
    code, out, err = run(
        capsys, "import", str(article_file), str(tmp_path / "gone.txt"), "--db", str(db_path)
    )
    assert code == 0 and len(out.split()) == 1 and "gone.txt" in err


def test_text_without_an_article_is_kept_whole_when_asked(capsys, db_path: Path, tmp_path: Path):
    short = tmp_path / "short.txt"
    short.write_text("ok", encoding="utf-8")
    code, _out, err = run(capsys, "import", str(short), "--db", str(db_path))
    assert code == 1 and one_error_line(err)
    code, out, _err = run(capsys, "import", str(short), "--whole", "--db", str(db_path))
    assert code == 0 and out.strip()


def test_reclean_reports_an_unchanged_article(capsys, imported: str, db_path: Path):
    code, out, _err = run(capsys, "reclean", imported[:8], "--db", str(db_path))
    assert code == 0 and out.startswith("unchanged")
