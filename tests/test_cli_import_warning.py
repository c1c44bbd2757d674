"""``import`` warns on stderr, as ``clean`` does, when the cleaner was unsure, and
stores the article all the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from tests._doubt import set_doubt
from tests.test_cli_clean_warning import ARTICLE


def _warnings(err: str) -> list[str]:
    """The warning lines of stderr (a new library's "created" line aside)."""
    return [line for line in err.splitlines() if ": warning: " in line]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "trains.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_confident_import_prints_only_the_id(capsys, tmp_path: Path, article_file: Path):
    assert main(["import", "--db", str(tmp_path / "l.db"), str(article_file)]) == 0
    out, err = capsys.readouterr()
    assert len(out.split()) == 1 and "warning" not in err


def test_a_doubtful_import_warns_like_clean_and_still_stores(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_file: Path
):
    set_doubt(monkeypatch, True)
    assert main(["clean", "--body", str(article_file)]) == 0
    _, clean_err = capsys.readouterr()
    db = str(tmp_path / "l.db")
    assert main(["import", "--db", db, str(article_file)]) == 0
    out, err = capsys.readouterr()
    assert _warnings(err) == clean_err.splitlines() and "warning:" in clean_err
    [aid] = out.split()
    assert main(["show", "--db", db, aid]) == 0
    assert "The rail operator said on Tuesday" in capsys.readouterr().out


def test_several_doubtful_imports_each_warn(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_file: Path
):
    set_doubt(monkeypatch, True)
    other = tmp_path / "again.txt"
    other.write_text(ARTICLE.replace("March", "April"), encoding="utf-8")
    assert main(["import", "--db", str(tmp_path / "l.db"), str(article_file), str(other)]) == 0
    out, err = capsys.readouterr()
    assert len(out.split()) == 2
    warned = _warnings(err)
    assert len(warned) == 2 and warned[0].startswith(f"{article_file}: warning:")
    assert warned[1].startswith(f"{other}: warning:")


def test_list_marks_and_filters_the_articles_whose_cleaning_is_to_check(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article_file: Path
):
    db = str(tmp_path / "l.db")
    assert main(["import", "--db", db, str(article_file)]) == 0
    set_doubt(monkeypatch, True)
    other = tmp_path / "again.txt"
    other.write_text(ARTICLE.replace("March", "April"), encoding="utf-8")
    assert main(["import", "--db", db, "--new", str(other)]) == 0
    confident, doubted = (line.split()[0] for line in capsys.readouterr().out.split("\n") if line)
    assert main(["list", "--db", db]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert rows[doubted].endswith("[cleaning to check]")
    assert not rows[confident].endswith("[cleaning to check]")
    assert main(["list", "--db", db, "--to-check"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [doubted]
