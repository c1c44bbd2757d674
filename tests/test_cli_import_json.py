"""Issue 19, items 9-11, through the command line: import-json checks first, indexes as it goes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.store import Library

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = {
    "bridge": (
        "Harbour Bridge Closes for a Year\n\n"
        "The city council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n"
    ),
    "ferry": (
        "Ferry Timetable Doubles\n\n"
        "The ferry company said it would run twice as many crossings from June. "
        "Commuters welcomed the news but asked about fares. The company promised new "
        "boats and longer opening hours at the terminal before the summer season.\n"
    ),
    "library": (
        "Library Opens on Sundays\n\n"
        "The central library will open on Sundays from next month, the council said. "
        "Volunteers will staff the reading rooms in the afternoon. The mayor said the "
        "change would cost little and bring many families back to the old building.\n"
    ),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dump(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A JSON export of three articles, one with a note."""
    db = str(tmp_path / "source.sqlite3")
    for name, text in ARTICLES.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        aid = run(capsys, "import", "--db", db, str(path))[1].strip()
    assert (
        run(capsys, "note", "--db", db, aid, "2", "--verdict", "true", "--body", "Checked")[0] == 0
    )
    out = tmp_path / "dump.json"
    assert run(capsys, "export", "--db", db, "--all", "--format", "json", "--out", str(out))[0] == 0
    return out, json.loads(out.read_text(encoding="utf-8"))


def _count(db: str) -> int:
    with Library(db) as lib:
        return lib.count_articles()


def test_a_malformed_entry_is_refused_by_its_path_and_nothing_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dump: tuple[Path, dict[str, Any]]
) -> None:
    path, doc = dump
    doc["articles"][2]["versions"][0]["blocks"] = "oops"
    path.write_text(json.dumps(doc), encoding="utf-8")
    db = str(tmp_path / "target.sqlite3")

    code, _, err = run(capsys, "import-json", "--db", db, str(path))

    assert code == 1
    assert "articles[2].versions[0].blocks: expected a list" in err and err.count("\n") == 1
    assert _count(db) == 0  # not even the two good articles before it
    assert run(capsys, "export", "--db", db, "--all", "--format", "json")[0] == 0


@pytest.mark.parametrize(
    "change,where",
    [
        (lambda a: a["versions"][0]["blocks"].append(["paragraph", 5, 99999]), "do not fit"),
        (lambda a: a.update(current_version=7), "current_version"),
        (lambda a: a["notes"].append({"id": 1}), "notes[0].id: expected text"),
        (lambda a: a["versions"][0].update(raw="***"), "raw: expected base64"),
    ],
)
def test_other_malformed_entries_are_named(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    dump: tuple[Path, dict[str, Any]],
    change: Any,
    where: str,
) -> None:
    path, doc = dump
    change(doc["articles"][0])
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "import-json", "--db", str(tmp_path / "t.sqlite3"), str(path))
    assert code == 1 and "articles[0]." in err and where in err


def test_check_validates_without_importing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dump: tuple[Path, dict[str, Any]]
) -> None:
    path, doc = dump
    db = tmp_path / "target.sqlite3"
    code, out, _ = run(capsys, "import-json", "--db", str(db), "--check", str(path))
    assert code == 0 and "3 article(s)" in out and not db.exists()

    doc["articles"][1]["notes"] = {"not": "a list"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "import-json", "--db", str(db), "--check", str(path))
    assert code == 1 and "articles[1].notes: expected a list" in err and not db.exists()


@pytest.mark.parametrize(
    "header,expected",
    [
        ('"version": "abc"', "version: expected a whole number, found text 'abc'"),
        ('"version": [1, 2]', "version: expected a whole number, found a list"),
    ],
)
def test_a_bad_format_version_gets_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, header: str, expected: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"format": "fact-check-reader", ' + header + ', "articles": []}')
    code, _, err = run(capsys, "import-json", "--db", str(tmp_path / "t.sqlite3"), str(path))
    assert code == 1 and expected in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[" * 100_000 + "]" * 100_000, "not a Fact-Check Reader export (it is a list)"),
        (
            '{"format": "fact-check-reader", "articles": [' + "[" * 100_000 + "]" * 100_000 + "]}",
            "nested far too deeply",
        ),
        ('{"format": "fact-check-reader", "articles": [' + '{"a":' * 100_000, "nested far too"),
    ],
)
def test_json_nested_100000_deep_gets_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text)
    for check in ([], ["--check"]):
        code, _, err = run(
            capsys, "import-json", "--db", str(tmp_path / "t.sqlite3"), *check, str(path)
        )
        assert code == 1 and expected in err and err.count("\n") == 1


_KILL_AT_THIRD_ARTICLE = """
import os, signal, sys
import reader.store.dump_merge as dump
real = dump.merge_article_rows
calls = []
def merge_then_die(*args, **kwargs):
    calls.append(1)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
dump.merge_article_rows = merge_then_die
from reader.cli import main
main(sys.argv[1:])
"""


def test_articles_imported_before_a_kill_are_searchable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dump: tuple[Path, dict[str, Any]]
) -> None:
    path, _ = dump
    db = str(tmp_path / "target.sqlite3")
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_AT_THIRD_ARTICLE, "import-json", "--db", db, str(path)],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL
    assert _count(db) == 2
    for word in ("rusted", "commuters"):
        code, out, _ = run(capsys, "search", "--db", db, word)
        assert code == 0 and out.strip(), word


# -- memory: the export and the import stream an article at a time ----------------------


def test_streamed_export_is_byte_identical_to_the_whole_document(
    dump: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    from reader.store.dump import dumps, export_library

    path, _ = dump
    with Library(tmp_path / "source.sqlite3") as lib:
        assert path.read_text(encoding="utf-8") == dumps(export_library(lib))


def test_import_reads_the_file_in_small_pieces_just_the_same(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    dump: tuple[Path, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.store.json_stream as json_stream

    path, _ = dump
    monkeypatch.setattr(json_stream, "_CHUNK", 7)  # every value spans many reads
    db = str(tmp_path / "target.sqlite3")
    code, out, err = run(capsys, "import-json", "--db", db, str(path))
    assert code == 0 and "articles: 3 added" in out, err
    again = tmp_path / "again.json"
    assert (
        run(capsys, "export", "--db", db, "--all", "--format", "json", "--out", str(again))[0] == 0
    )
    assert again.read_bytes() == path.read_bytes()
