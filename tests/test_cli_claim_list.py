"""``main.py claims``: the Claims view's list on the command line, as CSV or Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.app.claim_list import SORT_KEYS
from reader.app.claims_memory import link_claim, set_claim_workflow
from reader.cli import CLAIM_SORTS, main
from reader.core.models import build_article
from reader.store import Library

TROOPS = "Ten thousand troops were massed near the border, he said."
BRIDGE = "The harbour bridge | will close for a year."


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib.sqlite3"
    lib = Library(path)
    ids = []
    for title, sentence, verdict in (
        ("Monday", TROOPS, "false"),
        ("Tuesday", "Troops were massed near the border.", "false"),
        ("Bridge news", BRIDGE, "true"),
    ):
        art = lib.add_article(build_article([("title", title), ("paragraph", sentence)]))
        start = art.text.index(sentence)
        ids.append(lib.add_note(art.id, start, start + len(sentence), verdict=verdict).id)
    link_claim(lib, ids[1], "note", ids[0])
    set_claim_workflow(lib, ids[2], "ready", checked_by="Ana")
    lib.close()
    return str(path)


def test_claims_prints_csv_of_every_claim_with_its_group(capsys, db):
    code, out, _ = run(capsys, "claims", "--db", db)
    assert code == 0
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert table[0][:3] == ["Group", "Claim", "Verdict"]
    by_text = {row[1]: row for row in table[1:]}
    assert by_text[TROOPS][0] == by_text["Troops were massed near the border."][0]
    assert by_text[TROOPS][3] == "2"  # two articles carry it
    assert by_text[BRIDGE][5:7] == ["Ready", "Ana"]


def test_claims_filters_by_state_and_verdict(capsys, db):
    _, out, _ = run(capsys, "claims", "--db", db, "--state", "ready")
    assert len(out.splitlines()) == 2 and "Bridge news" in out
    _, out, _ = run(capsys, "claims", "--db", db, "--verdict", "false", "--state", "draft")
    assert len(out.splitlines()) == 3 and "Bridge news" not in out


def test_claims_writes_markdown_to_a_file(capsys, db, tmp_path: Path):
    target = tmp_path / "claims.md"
    code, out, _ = run(capsys, "claims", "--db", db, "--format", "markdown", "-o", str(target))
    assert (code, out) == (0, f"wrote 3 claims to {target}\n")
    text = target.read_text(encoding="utf-8")
    assert "The harbour bridge \\| will close for a year." in text


def test_claims_with_an_unknown_state_is_a_usage_error(capsys, db):
    with pytest.raises(SystemExit) as exit_:
        main(["claims", "--db", db, "--state", "finished"])
    assert exit_.value.code == 2
    assert "invalid choice: finished" in capsys.readouterr().err


def test_claims_sort_choices_are_the_use_cases():
    assert CLAIM_SORTS == SORT_KEYS
