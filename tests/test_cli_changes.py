"""Silent edits caught from the command line: update --all against a local server whose
pages change between requests, then show and show --json."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main

NUMBER = "Around 10,000 troops have moved to the northern border, the ministry said on Monday."
SANCTIONS = "The two governments have both prepared sanctions against the shipping firms."
STEADY = "The harbour authority said the new ferry terminal will open in the spring."


def _page(title: str, sentences: list[str]) -> bytes:
    filler = [
        "Officials gave no further details about the timetable for the coming weeks.",
        "Residents of the nearby towns were told to follow the local news for updates.",
        "A spokesperson said a fuller statement would be published later in the week.",
    ]
    paragraphs = "".join(f"<p>{s} {filler[i % 3]}</p>" for i, s in enumerate(sentences))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer>"
        "</body></html>"
    ).encode()


# Each path serves its pages in turn, one request after another (the last one repeats).
PAGES: dict[str, list[bytes | None]] = {
    "/troops": [
        _page("Troops gather at the border", [NUMBER, SANCTIONS, STEADY]),
        _page(
            "Troops gather at the border",
            [
                NUMBER.replace("10,000", "100,000"),
                SANCTIONS.replace("have both prepared", "have not prepared"),
                STEADY,
            ],
        ),
    ],
    "/terminal": [_page("Ferry terminal to open", [STEADY, SANCTIONS])],
    "/vanishing": [_page("A page that will vanish", [STEADY, NUMBER]), None],
}
SERVED: dict[str, int] = {}


class ChangingPages(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        pages = PAGES.get(self.path)
        count = SERVED.get(self.path, 0)
        SERVED[self.path] = count + 1
        body = pages[min(count, len(pages) - 1)] if pages else None
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    SERVED.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ChangingPages)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys: pytest.CaptureFixture[str], db: str, url: str) -> str:
    code, out, err = run(capsys, "import", "--db", db, url)
    assert code == 0, err
    return out.strip()


def _note_on(capsys: pytest.CaptureFixture[str], db: str, aid: str, sentence: str) -> None:
    _, out, _ = run(capsys, "show", "--db", db, aid, "--json")
    number = json.loads(out)["sentences"].index(sentence) + 1
    assert run(capsys, "note", "--db", db, aid, str(number), "--verdict", "true")[0] == 0


def _notes(capsys: pytest.CaptureFixture[str], db: str, aid: str) -> list[dict[str, object]]:
    _, out, _ = run(capsys, "show", "--db", db, aid, "--json")
    return json.loads(out)["notes"]  # type: ignore[no-any-return]


@pytest.fixture
def library(
    capsys: pytest.CaptureFixture[str], site: str, tmp_path: Path
) -> tuple[str, dict[str, str]]:
    db = str(tmp_path / "lib.sqlite3")
    ids = {path: _import(capsys, db, site + path) for path in PAGES}
    for sentence in (NUMBER, SANCTIONS, STEADY):
        _note_on(capsys, db, ids["/troops"], sentence)
    _note_on(capsys, db, ids["/terminal"], STEADY)
    local = tmp_path / "local.txt"
    local.write_text(f"A local file\n\n{NUMBER} {SANCTIONS}\n\n{STEADY}", "utf-8")
    _import(capsys, db, str(local))
    return db, ids


def test_update_all_reports_each_web_article_and_stores_only_changed_pages(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    db, ids = library
    code, out, err = run(capsys, "update", "--db", db, "--all")
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert set(lines) == {aid[:8] for aid in ids.values()}  # the local file is not fetched
    assert lines[ids["/troops"][:8]].endswith("new version 2: 1 ok, 2 changed, 0 orphan")
    assert lines[ids["/terminal"][:8]].endswith("unchanged (version 1): 1 ok, 0 changed, 0 orphan")
    assert "not checked" in lines[ids["/vanishing"][:8]]
    assert code == 1
    assert err.startswith(f"error: {ids['/vanishing'][:8]} ")
    assert SERVED["/troops"] == 2


def test_show_json_carries_state_current_and_originally_checked_text(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    db, ids = library
    run(capsys, "update", "--db", db, "--all")
    notes = {n["original_text"]: n for n in _notes(capsys, db, ids["/troops"])}
    number = notes[NUMBER]
    assert number["state"] == "changed"
    assert number["current_text"] == NUMBER.replace("10,000", "100,000")
    assert number["rated_on_earlier_wording"] is True
    assert number["diff"]["severity"] == "loud"  # type: ignore[index]
    assert "number" in number["diff"]["marks"]  # type: ignore[index]
    negation = notes[SANCTIONS]
    assert negation["state"] == "changed"
    assert "negation" in negation["diff"]["marks"]  # type: ignore[index]
    steady = notes[STEADY]
    assert (steady["state"], steady["current_text"], steady["diff"]) == ("ok", STEADY, None)


def test_show_puts_the_checked_wording_beside_the_new_one(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    db, ids = library
    run(capsys, "update", "--db", db, "--all")
    _, out, _ = run(capsys, "show", "--db", db, ids["/troops"])
    notes = out[out.index("Notes:") :]
    assert "rated on the earlier wording" in notes
    assert f"Checked: “{NUMBER}”" in notes
    assert "[-10,000-]{+100,000+}" in notes
    assert "{+not+}" in notes


def test_a_second_update_all_stores_nothing_new(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    db, ids = library
    run(capsys, "update", "--db", db, "--all")
    _, out, _ = run(capsys, "update", "--db", db, "--all")
    assert "unchanged (version 2): 1 ok, 2 changed, 0 orphan" in out


def test_since_leaves_out_articles_imported_earlier(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    db, _ = library
    code, out, _ = run(capsys, "update", "--db", db, "--all", "--since", "0")
    assert (code, out.strip()) == (0, "no article came from a web address in that time")
    assert SERVED["/troops"] == 1  # only the import fetched it
    _, out, _ = run(capsys, "update", "--db", db, "--all", "--since", "1")
    assert len(out.splitlines()) == 3


def test_orphan_is_shown_without_a_sentence_number(
    capsys: pytest.CaptureFixture[str], site: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    first = tmp_path / "one.txt"
    first.write_text(f"Border news\n\n{NUMBER} {SANCTIONS}\n\n{STEADY}", "utf-8")
    aid = _import(capsys, db, str(first))
    _note_on(capsys, db, aid, SANCTIONS)
    second = tmp_path / "two.txt"
    second.write_text(f"Border news\n\n{NUMBER}\n\n{STEADY}", "utf-8")
    assert run(capsys, "update", "--db", db, aid, str(second))[0] == 0
    _, out, _ = run(capsys, "show", "--db", db, aid)
    head = out[out.index("Notes:") :].splitlines()[1]
    assert head == f"1. [orphan] True: “{SANCTIONS}”"
    (note,) = _notes(capsys, db, aid)
    assert (note["state"], note["current_text"], note["sentences"]) == ("orphan", None, [])
    assert note["original_text"] == SANCTIONS


def test_update_needs_an_id_and_a_source_or_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "update", "--db", str(tmp_path / "l.sqlite3"))
    assert code == 1 and "--all" in err


def test_show_lists_when_a_new_wording_was_accepted(
    capsys: pytest.CaptureFixture[str], library: tuple[str, dict[str, str]]
) -> None:
    from reader.app.notes import accept_wording
    from reader.store import Library

    db, ids = library
    run(capsys, "update", "--db", db, "--all")
    number = next(n for n in _notes(capsys, db, ids["/troops"]) if n["original_text"] == NUMBER)
    with Library(db) as lib:
        accept_wording(lib, str(number["id"]))
    (again,) = [n for n in _notes(capsys, db, ids["/troops"]) if n["id"] == number["id"]]
    assert (again["state"], again["original_text"]) == ("ok", NUMBER)
    assert again["checked_text"] == NUMBER.replace("10,000", "100,000")
    assert [c["version"] for c in again["confirmations"]] == [2]  # type: ignore[union-attr]
    _, out, _ = run(capsys, "show", "--db", db, ids["/troops"])
    assert "New wording accepted" in out and "(version 2)" in out
