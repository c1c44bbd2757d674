"""Bad input through every command, as a demanding user gives it: one line that names the
problem and says what to do, exit code 1, no traceback, and the library and the user's
own files exactly as they were."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)
USER_TEXT = b"My own notes, not an export.\n"
# A JSON integer longer than Python converts (4,300 digits): valid JSON, absurd content.
HUGE_NUMBER = "1" + "0" * 5000


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:  # fmt: skip
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(code: int, err: str, *words: str) -> None:
    """Exit 1 and exactly one line on stderr, an ``error:`` naming ``words``."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err and "bug:" not in err
    for word in words:
        assert word in lines[0], lines[0]


def rows(db: Path, *, immutable: bool = False) -> list[str]:
    """Every row of every table but the search indexes: the library's whole content
    (``immutable``: of a checkpointed library in a folder that takes no side file)."""
    con = sqlite3.connect(f"file:{db}?mode=ro{'&immutable=1' * immutable}", uri=True)
    try:
        names = [
            n
            for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if "fts" not in n and not n.startswith(("sqlite_", "search_"))
        ]
        return sorted(repr((n, r)) for n in names for r in con.execute(f'SELECT * FROM "{n}"'))
    finally:
        con.close()


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "lib.sqlite3"
    source = tmp_path / "bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = run(capsys, "import", "--db", str(db), str(source))[1].strip()
    code, _, err = run(capsys, "note", "--db", str(db), aid, "2", "--verdict", "false")
    assert code == 0, err
    return db, aid


# -- JSON files holding a number too long to read ----------------------------------------


def _huge_number_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "import-json": {"articles": [], "format": "fact-check-reader", "version": "N"},
        "import-factchecks": {"@type": "ClaimReview", "claimReviewed": "x", "n": "N"},
        "import-annotations": {"type": "Annotation", "target": {"source": "https://x.example",
                               "selector": {"type": "TextPositionSelector", "start": "N"}}},
    }  # fmt: skip
    paths = {}
    for command, document in files.items():
        path = tmp_path / f"{command}.json"
        path.write_text(json.dumps(document).replace('"N"', HUGE_NUMBER), encoding="utf-8")
        paths[command] = path
    return paths


@pytest.mark.parametrize("command", ["import-json", "import-factchecks", "import-annotations"])
def test_a_json_number_too_long_to_read_is_bad_json_not_a_bug(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str], command: str
) -> None:
    db, _ = library
    before = rows(db)
    path = _huge_number_files(tmp_path)[command]
    code, _, err = run(capsys, command, "--db", str(db), str(path))
    one_error_line(code, err, "JSON")
    assert rows(db) == before


def test_a_json_number_too_long_on_standard_input_is_bad_json(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _ = library
    before = rows(db)
    data = _huge_number_files(tmp_path)["import-json"].read_bytes()
    code, _, err = run(capsys, "import-json", "--db", str(db), "-", stdin=data,
                       monkeypatch=monkeypatch)  # fmt: skip
    one_error_line(code, err, "invalid JSON at line 1")
    assert rows(db) == before


# -- annotation files that hold no annotation --------------------------------------------


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("42", "(it is a number)"),
        ('"notes"', "(it is text)"),
        ("null", "(it is null)"),
        ("[1, 2, 3]", "item 1: not an annotation object"),
        ('{"rows": 5}', "not a W3C or Hypothesis annotation"),
    ],
)
def test_a_json_file_without_annotations_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    content: str,
    said: str,
) -> None:
    db, _ = library
    before = rows(db)
    path = tmp_path / "notes.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", "--db", str(db), str(path))
    one_error_line(code, err, "holds no annotations", said, "W3C Web Annotation or Hypothesis")
    assert out == "" and rows(db) == before


# -- export: files that are not ours are left alone, in every format ---------------------


def test_json_lines_export_refuses_a_users_file_and_replaces_its_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, _ = library
    path = tmp_path / "notes.jsonl"
    path.write_bytes(USER_TEXT)
    export = ("export", "--db", str(db), "--all", "--format", "annotations-jsonl", "--out")
    code, _, err = run(capsys, *export, str(path))
    one_error_line(code, err, "was not written by Fact-Check Reader", "--force")
    assert path.read_bytes() == USER_TEXT
    assert run(capsys, *export, str(path), "--force")[0] == 0
    first = path.read_text(encoding="utf-8")
    assert json.loads(first.splitlines()[0])["type"] == "Annotation"
    assert run(capsys, *export, str(path))[0] == 0  # our own export: replaced quietly
    assert path.read_text(encoding="utf-8").splitlines()[0] == first.splitlines()[0]


def test_json_lines_export_into_a_missing_folder_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, _ = library
    out = tmp_path / "nowhere" / "notes.jsonl"
    code, _, err = run(capsys, "export", "--db", str(db), "--all", "--format",
                       "annotations-jsonl", "--out", str(out))  # fmt: skip
    one_error_line(code, err, "does not exist", "Choose another place")
    assert not out.parent.exists()


def test_pdf_export_refuses_a_users_file_and_replaces_its_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, aid = library
    path = tmp_path / "report.pdf"
    path.write_bytes(USER_TEXT)
    export = ("export", "--db", str(db), aid, "--format", "pdf", "--out", str(path))
    code, _, err = run(capsys, *export)
    one_error_line(code, err, "was not written by Fact-Check Reader", "--force")
    assert path.read_bytes() == USER_TEXT
    assert run(capsys, *export, "--force")[0] == 0
    ours = path.read_bytes()
    assert ours.startswith(b"%PDF-")
    assert run(capsys, *export)[0] == 0  # a PDF we wrote is replaced without --force


def test_pdf_export_into_a_folder_leaves_a_users_file_of_the_same_name_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    from reader.export.filenames import safe_filename
    from reader.store import Library

    db, aid = library
    with Library(db) as lib:
        name = safe_filename(lib.get_article(aid).title, aid, ".pdf")
    folder = tmp_path / "reports"
    folder.mkdir()
    users = folder / name
    users.write_bytes(USER_TEXT)
    export = ("export", "--db", str(db), "--all", "--format", "pdf", "--out", str(folder))
    code, text, err = run(capsys, *export)
    # As the Markdown folder export does: skipped, said why, and nothing written.
    assert code == 1
    assert users.read_bytes() == USER_TEXT
    assert f"skipped {users}" in err and "--force" in err
    assert text == ""
    code, text, err = run(capsys, *export, "--force")
    assert code == 0 and text.strip() == str(users)
    assert users.read_bytes().startswith(b"%PDF-")
    assert run(capsys, *export)[0] == 0  # its own PDF is replaced without --force


def test_pdf_export_into_a_folder_that_cannot_be_made_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, _ = library
    source = tmp_path / "second.txt"
    source.write_text(ARTICLE.replace("Harbour", "River"), encoding="utf-8")
    assert run(capsys, "import", "--db", str(db), str(source))[0] == 0
    blocker = tmp_path / "reports"
    blocker.write_bytes(USER_TEXT)
    code, _, err = run(capsys, "export", "--db", str(db), "--all", "--format", "pdf",
                       "--out", str(blocker / "2026"))  # fmt: skip
    one_error_line(code, err, "Cannot create the folder", "Choose another place")
    assert blocker.read_bytes() == USER_TEXT


def test_folder_export_into_a_folder_that_refuses_files_is_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _ = library

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reader.app.exports.tempfile.TemporaryFile", refuse)
    out = tmp_path / "shelf"
    code, out_text, err = run(capsys, "export", "--db", str(db), "--all", "--out", str(out))
    one_error_line(code, err, f"Cannot write into the folder {out}", "Permission denied")
    assert out_text == "" and list(out.iterdir()) == []


def test_a_failed_export_does_not_remember_the_author(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, aid = library
    before = rows(db)
    out = tmp_path / "nowhere" / "review.json"
    code, _, err = run(capsys, "export", "--db", str(db), aid, "--format", "claimreview",
                       "--all-notes", "--author", "Ana Díaz", "--out", str(out))  # fmt: skip
    one_error_line(code, err, "does not exist")
    assert rows(db) == before
    code, out_text, _ = run(capsys, "export", "--db", str(db), aid, "--format", "claimreview",
                            "--all-notes", "--author", "Ana Díaz")  # fmt: skip
    assert code == 0 and "Ana Díaz" in out_text
    assert rows(db) != before  # remembered once an export succeeded
    assert run(capsys, "export", "--db", str(db), aid, "--format", "claimreview")[0] == 0


def test_claims_table_refuses_a_users_file_and_replaces_its_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str]
) -> None:
    db, _ = library
    for fmt, name in [("csv", "claims.csv"), ("markdown", "claims.md")]:
        path = tmp_path / name
        path.write_bytes(USER_TEXT)
        claims = ("claims", "--db", str(db), "--format", fmt, "-o", str(path))
        code, _, err = run(capsys, *claims)
        one_error_line(code, err, "is not a claims table", "--force")
        assert path.read_bytes() == USER_TEXT
        assert run(capsys, *claims, "--force")[0] == 0
        assert "harbour bridge" in path.read_text(encoding="utf-8")
        assert run(capsys, *claims)[0] == 0  # a table we wrote is replaced


# -- clean --out-dir: the user's files in that folder ------------------------------------


def test_clean_into_a_folder_keeps_the_files_already_there(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bridge.txt").write_bytes(USER_TEXT)
    (out / "missing.txt").write_bytes(USER_TEXT)
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "clean", str(article), str(missing), "--out-dir", str(out))
    assert code == 1 and "Traceback" not in err
    assert f"{out / 'bridge.txt'} already exists and was left alone. Add --force" in err
    assert "“missing.txt” was not found" in err
    assert (out / "bridge.txt").read_bytes() == USER_TEXT
    assert (out / "missing.txt").read_bytes() == USER_TEXT  # not emptied for the failure
    code, _, _ = run(capsys, "clean", str(article), str(missing), "--out-dir", str(out),
                     "--force")  # fmt: skip
    assert code == 0
    assert (out / "bridge.txt").read_text(encoding="utf-8").startswith("Harbour Bridge")
    assert (out / "missing.txt").read_bytes() == b""


def test_clean_of_two_files_with_one_output_name_writes_the_first_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = tmp_path / "a" / "bridge.txt"
    second = tmp_path / "b" / "bridge.html"
    for path, text in [(first, ARTICLE), (second, ARTICLE.replace("Harbour", "River"))]:
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "clean", str(first), str(second), "--out-dir", str(out))
    assert code == 0
    assert f"{second}: not written: bridge.txt already holds the result of an earlier" in err
    assert (out / "bridge.txt").read_text(encoding="utf-8").startswith("Harbour")


# -- claim tables: match and checkworthy -------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "claims.tsv"
    path.write_text(
        "id\tclaim\ttitle\nc1\tThe bridge closes for a year\tBridge\nc2\tFerries run\tFerry\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("queries", "said"),
    [
        ("q1\tthe bridge will close\n", "is read as the header"),
        ("id\ttext\nq1\tthe bridge will close\nq2\n", "Line 3 of “queries.tsv” has an id but no"),
        ("id\ttext\nq1\t" + "word " * 30_000 + "\n", "not a well-formed TSV (line 2"),
    ],
)
def test_match_names_what_is_wrong_with_a_queries_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path, queries: str, said: str
) -> None:
    path = tmp_path / "queries.tsv"
    path.write_text(queries, encoding="utf-8")
    code, out, err = run(capsys, "match", "--mode", "bm25", "--corpus", str(corpus), str(path))
    one_error_line(code, err, said)
    assert out == ""


def test_match_with_a_folder_for_queries_says_to_choose_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    code, _, err = run(capsys, "match", "--corpus", str(corpus), str(tmp_path))
    one_error_line(code, err, "is a folder. Choose a tab-separated (TSV) file.")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"Sentence_id\tText\n1\t" + b"word " * 30_000 + b"\n", "not a well-formed TSV"),
        (b"Sentence_id\tText\n" + b"1\tThe bridge closes.\n" * 1_200_000, "Split it into"),
    ],
)
def test_checkworthy_names_what_is_wrong_with_a_sentence_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "sentences.tsv"
    path.write_bytes(content)
    code, out, err = run(capsys, "checkworthy", str(path))
    one_error_line(code, err, said)
    assert out == "" and "article" not in err


def test_checkworthy_on_a_folder_says_to_choose_a_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "checkworthy", str(tmp_path))
    one_error_line(code, err, "is a folder. Choose a tab-separated (TSV) file.")


# -- the library file itself -------------------------------------------------------------


def _newer_library(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('fact_check_reader', '9999_from_the_future', '2030-01-01')"
    )
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        (command, kind)
        for command in (
            "list",
            "import",
            "note",
            "export",
            "import-json",
            "import-factchecks",
            "backup",
        )  # fmt: skip
        for kind in ("folder", "not sqlite", "newer")
        # A copy of a newer library is a fine backup (restore refuses it).
        if (command, kind) != ("backup", "newer")
    ],
)
def test_a_library_that_cannot_be_used_is_one_line_and_untouched(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    kind: str,
    command: str,
) -> None:
    good, aid = library
    article = tmp_path / "bridge.txt"
    dump = tmp_path / "dump.json"
    assert run(capsys, "export", "--db", str(good), "--all", "--format", "json",
               "--out", str(dump))[0] == 0  # fmt: skip
    checks = tmp_path / "checks.tsv"
    checks.write_text("claim\turl\nThe bridge closes\thttps://x.example/1\n", encoding="utf-8")
    db = tmp_path / "shelf" / "lib.sqlite3"
    db.parent.mkdir()
    if kind == "folder":
        db.mkdir()
    elif kind == "not sqlite":
        db.write_bytes(USER_TEXT * 100)
    else:
        db.write_bytes(good.read_bytes())
        _newer_library(db)
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    args = {
        "list": [],
        "import": [str(article), "--new"],
        "note": [aid, "3", "--verdict", "true"],
        "export": [aid],
        "import-json": [str(dump)],
        "import-factchecks": [str(checks)],
        "backup": [],
    }[command]
    code, out, err = run(capsys, command, "--db", str(db), *args)
    said = {"folder": "is a folder", "not sqlite": "not an SQLite database",
            "newer": "newer version of Fact-Check Reader"}[kind]  # fmt: skip
    one_error_line(code, err, said)
    assert out == ""
    assert {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()} == before
    assert [p.name for p in db.parent.iterdir()] == ["lib.sqlite3"]  # no side file, no backups


def test_backup_refuses_another_applications_database_and_makes_no_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "contacts.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    code, out, err = run(capsys, "backup", "--db", str(db))
    one_error_line(code, err, "another application's SQLite database")
    assert out == "" and db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.sqlite3"]


def test_a_new_library_where_its_folder_cannot_be_made_says_where_to_go(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "shelf"
    blocker.write_bytes(USER_TEXT)
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", str(blocker / "lib.sqlite3"), str(article))
    one_error_line(code, err, "Cannot create the folder for the library", "Choose another place")
    assert blocker.read_bytes() == USER_TEXT


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths made immutable (read-only even for root) with chattr, undone afterwards."""
    paths: list[Path] = []
    yield paths
    if paths:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def _make_immutable(immutable: list[Path], *paths: Path) -> None:
    if subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode:
        pytest.skip("needs chattr +i (an immutable file) to make a read-only folder as root")
    immutable.extend(paths)


def test_a_new_library_in_a_read_only_folder_says_to_choose_another(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, immutable: list[Path]
) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    _make_immutable(immutable, shelf)
    code, _, err = run(capsys, "import", "--db", str(shelf / "lib.sqlite3"), str(article))
    one_error_line(code, err, f"Cannot create the library {shelf / 'lib.sqlite3'}",
                   "Choose a folder you can write to")  # fmt: skip
    assert list(shelf.iterdir()) == []


def test_a_write_to_a_read_only_library_is_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    immutable: list[Path],
) -> None:
    db, aid = library
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = rows(db)
    _make_immutable(immutable, *db.parent.glob("lib.sqlite3*"), db.parent)
    code, _, err = run(capsys, "note", "--db", str(db), aid, "3", "--verdict", "true")
    one_error_line(code, err, "read-only", "nothing was lost")
    code, out, err = run(capsys, "list", "--db", str(db))
    assert code == 0 and aid in out
    assert err.startswith("note: ") and "read-only" in err  # said after a read that worked
    assert rows(db, immutable=True) == before


def test_clean_into_a_read_only_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, immutable: list[Path]
) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _make_immutable(immutable, out)
    code, text, err = run(capsys, "clean", str(article), "--out-dir", str(out))
    one_error_line(code, err, f"Cannot write into the folder {out}")
    assert text == ""


# -- addresses ---------------------------------------------------------------------------


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_empty_page_is_called_a_page(
    capsys: pytest.CaptureFixture[str], library: tuple[Path, str], server: str
) -> None:
    db, aid = library
    before = rows(db)
    for command in (["import", "--db", str(db)], ["update", "--db", str(db), aid]):
        code, _, err = run(capsys, *command, f"{server}/empty")
        one_error_line(code, err, "The page is empty: the site sent nothing", "Try again later")
    assert rows(db) == before


def test_a_closed_port_says_the_site_refused(
    capsys: pytest.CaptureFixture[str], library: tuple[Path, str]
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db, aid = library
    before = rows(db)
    for command in (["import", "--db", str(db)], ["update", "--db", str(db), aid]):
        code, _, err = run(capsys, *command, f"http://127.0.0.1:{port}/news")
        one_error_line(code, err, "refused the connection", "try again later")
    assert rows(db) == before


# -- standard input and small things -----------------------------------------------------


def test_standard_input_over_the_limit_is_refused_without_reading_it_all(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.core.pipeline import MAX_INPUT_BYTES

    db, aid = library
    before = rows(db)
    data = b"The council met again. " * (MAX_INPUT_BYTES // 23 + 1000)
    for command in (["import", "--db", str(db)], ["update", "--db", str(db), aid]):
        stream = io.BytesIO(data)
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stream, encoding="utf-8"))
        code, _, err = run(capsys, *command, "-")
        one_error_line(code, err, "Standard input holds more than 20 MB")
        assert stream.tell() <= MAX_INPUT_BYTES + 1 + io.DEFAULT_BUFFER_SIZE
    assert rows(db) == before


def test_an_empty_tag_is_no_tag_and_clears_the_tags_when_editing(
    capsys: pytest.CaptureFixture[str], library: tuple[Path, str]
) -> None:
    db, aid = library

    def tags(note_id: str) -> list[str]:
        shown = json.loads(run(capsys, "show", "--db", str(db), "--json", aid)[1])
        return next(n["tags"] for n in shown["notes"] if n["id"] == note_id)

    code, out, err = run(capsys, "note", "--db", str(db), aid, "3", "--tag", " ", "--tag", "ferry")
    assert code == 0, err
    note_id = out.strip()
    assert tags(note_id) == ["ferry"]
    assert run(capsys, "note", "edit", "--db", str(db), note_id, "--tag", "")[0] == 0
    assert tags(note_id) == []


def test_pdf_export_of_all_articles_is_a_folder_even_when_there_are_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    assert run(capsys, "import-factchecks", "--db", str(db), str(_checks(tmp_path)))[0] == 0
    out = tmp_path / "reports"
    code, text, err = run(capsys, "export", "--db", str(db), "--all", "--format", "pdf",
                          "--out", str(out))  # fmt: skip
    assert (code, text, err) == (0, "", "")
    assert out.is_dir() and list(out.iterdir()) == []


def _checks(folder: Path) -> Path:
    path = folder / "checks.tsv"
    path.write_text("claim\turl\nThe bridge closes\thttps://x.example/1\n", encoding="utf-8")
    return path


def test_a_table_saved_as_unicode_text_by_a_spreadsheet_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    sentences = tmp_path / "sentences.tsv"
    sentences.write_bytes("Sentence_id\tText\n1\tThe bridge cost €5 million.\n".encode("utf-16"))
    code, out, err = run(capsys, "checkworthy", str(sentences))
    assert code == 0 and out.startswith("1\t"), err
    queries = tmp_path / "queries.tsv"
    queries.write_bytes("id\ttext\nq1\tthe bridge will close\n".encode("utf-16"))
    code, out, err = run(capsys, "match", "--mode", "bm25", "--corpus", str(corpus), str(queries))
    assert code == 0 and out.startswith("q1\tQ0\tc1\t1\t"), err
    queries.write_bytes("id\ttext\nq1\tle café\n".encode("cp1252"))
    code, _, err = run(capsys, "match", "--mode", "bm25", "--corpus", str(corpus), str(queries))
    one_error_line(code, err, "is not UTF-8 text. Save it as UTF-8")


# -- a file of one kind given to the importer of another ---------------------------------


@pytest.mark.parametrize(
    ("made_by", "given_to", "said"),
    [
        (["--format", "annotations"], "import-json", "holds W3C Web Annotations"),
        (["--format", "annotations-jsonl"], "import-json", "import-annotations on the command"),
        (["--format", "claimreview", "--all-notes", "--author", "Ana"], "import-json",
         "holds ClaimReview fact-checks: bring them in with Import fact-checks"),
        (["--format", "json"], "import-annotations", "holds a Fact-Check Reader library export"),
        (["--format", "json"], "import-factchecks", "import-json on the command line"),
        (["--format", "annotations"], "import-factchecks", "holds W3C Web Annotations"),
        (["--format", "claimreview", "--all-notes", "--author", "Ana"], "import-annotations",
         "import-factchecks on the command line"),
    ],
)  # fmt: skip
def test_an_export_given_to_the_wrong_import_names_the_right_one(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    made_by: list[str],
    given_to: str,
    said: str,
) -> None:
    db, aid = library
    path = tmp_path / "export.json"
    selection = ["--all"] if "annotations-jsonl" in made_by else [aid]
    code, _, err = run(capsys, "export", "--db", str(db), *selection, *made_by, "--out", str(path))
    assert code == 0, err
    before = rows(db)
    code, out, err = run(capsys, given_to, "--db", str(db), str(path))
    one_error_line(code, err, said)
    assert out == "" and rows(db) == before


@pytest.mark.parametrize("command", ["import-annotations", "import-factchecks"])
@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_json_nested_far_too_deeply_is_one_line_not_a_bug(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    command: str,
    opening: str,
) -> None:
    db, _ = library
    before = rows(db)
    path = tmp_path / "deep.json"
    closing = "]" if opening == "[" else "}"
    path.write_text(opening * 100_000 + "1" + closing * 100_000, encoding="utf-8")
    code, _, err = run(capsys, command, "--db", str(db), str(path))
    one_error_line(code, err, "nested far too deeply")
    assert rows(db) == before


def test_a_ranking_without_context_does_not_wait_for_contextual_vectors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    from reader.core import contextual

    if not contextual.available():
        pytest.skip("contextual model missing: nothing would be computed either way")
    queries = tmp_path / "queries.tsv"
    queries.write_text("id\ttext\nq1\tthe bridge will close\n", encoding="utf-8")
    for mode in ("bm25", "dense"):
        code, out, err = run(capsys, "match", "--mode", mode, "--corpus", str(corpus), str(queries))
        assert code == 0 and out.startswith("q1\tQ0\tc1\t1\t"), err
        assert "embedding claims" not in err


def test_out_dash_is_standard_output_not_a_file_named_dash(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, aid = library
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", "--db", str(db), aid, "--format", "json", "--out", "-")
    assert code == 0 and json.loads(out)["format"] == "fact-check-reader", err
    code, out, err = run(capsys, "claims", "--db", str(db), "-o", "-")
    assert code == 0 and out.startswith("Group,Claim,"), err
    assert not (tmp_path / "-").exists()


# -- named pipes: refused, never waited on -----------------------------------------------


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["import-json", "--db", "{db}", "{pipe}"], "give - and pipe the export into"),
        (["import-json", "--check", "{pipe}"], "is not a regular file (a pipe or a device)"),
        (["import-annotations", "--db", "{db}", "{pipe}"], "is not a regular file"),
        (["match", "--corpus", "{pipe}", "{pipe}"], "is not a regular file"),
        (["restore", "--db", "{db}", "{pipe}"], "is not a regular file, so not a backup"),
        (["list", "--db", "{pipe}"], "is not a regular file, so not a library"),
        (["backup", "--db", "{pipe}"], "is not a regular file, so not a library"),
    ],
    ids=["import-json", "import-json-check", "import-annotations", "match", "restore",
         "library-list", "library-backup"],
)  # fmt: skip
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    command: list[str],
    said: str,
) -> None:
    db, _ = library
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    argv = [a.format(db=db, pipe=pipe) for a in command]
    outcome: list[int] = []
    worker = threading.Thread(target=lambda: outcome.append(main(argv)), daemon=True)
    worker.start()
    worker.join(20)  # a refusal takes milliseconds; an open of the pipe never returns
    if worker.is_alive():
        os.close(os.open(pipe, os.O_WRONLY))  # let the blocked open return
        worker.join(5)
        pytest.fail(f"{command[0]} waited on a named pipe")
    one_error_line(outcome[0], capsys.readouterr().err, said)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{aid}", "--format", "json"],
        ["export", "{aid}"],
        ["export", "--all", "--format", "annotations-jsonl"],
        ["claims"],
    ],
    ids=["json", "markdown", "annotations-jsonl", "claims"],
)
def test_output_to_a_pipe_nobody_reads_is_one_line_and_the_pipe_stays(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[Path, str],
    command: list[str],
) -> None:
    db, aid = library
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    argv = [a.format(aid=aid) for a in command]
    code, _, err = run(capsys, argv[0], "--db", str(db), *argv[1:], "-o" if argv[0] == "claims"
                       else "--out", str(pipe))  # fmt: skip
    one_error_line(code, err, "it is a pipe that nothing reads from")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("fmt", ["md", "json", "claimreview", "annotations"])
def test_output_to_a_device_writes_into_it_and_leaves_it_a_device(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[Path, str], fmt: str
) -> None:
    db, aid = library
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a twin of /dev/null
    code, _, err = run(capsys, "export", "--db", str(db), aid, "--format", fmt, "--all-notes",
                       "--author", "Ana", "--out", str(null))  # fmt: skip
    assert code == 0, err
    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_where_a_file_has_the_backup_folders_name_says_so(
    capsys: pytest.CaptureFixture[str], library: tuple[Path, str]
) -> None:
    db, _ = library
    blocker = db.parent / "backups"
    blocker.write_bytes(USER_TEXT)
    code, _, err = run(capsys, "backup", "--db", str(db))
    one_error_line(code, err, "a file has that name. Move or rename that file")
    assert blocker.read_bytes() == USER_TEXT
