"""The exports of a library list the other articles carrying a note's claim (issue 16):
one article, several, a folder, the clipboard, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.app.claims_memory import claim_links, unlink_claim
from reader.app.exports import (
    export_markdown_folder,
    notes_as_markdown,
    render,
    render_many,
)
from reader.cli import main
from reader.store import Library
from tests.app.test_claims_dump import claims_library

TODAY = "- [Today](https://news.example/b)"
LAST_WEEK = "- [Last week](https://news.example/a)"
THE_CHECK = (
    "- Fact-check by Example Checks: *False* — "
    "[No sign of 10,000 troops at the border](https://checks.example.org/troops)"
)


@pytest.fixture
def library(tmp_path: Path):
    path = tmp_path / "lib.sqlite3"
    ids = claims_library(path, tmp_path)
    with Library(path) as lib:
        yield lib, ids


def test_markdown_of_an_article_lists_the_other_article_and_the_fact_check(library):
    lib, ids = library
    text = render(lib, ids["first_article"], "md")
    assert f"Also appears in:\n\n{TODAY}\n{THE_CHECK}\n\nStatus:" in text
    # The note linked to it lists the first article, and the fact-check through it.
    other = render(lib, ids["second_article"], "md")
    assert f"Also appears in:\n\n{LAST_WEEK}\n{THE_CHECK}\n\nStatus:" in other


def test_unlinking_takes_the_other_article_out_of_the_export(library):
    lib, ids = library
    [link] = [x for x in claim_links(lib, ids["second"]) if x.kind == "note"]
    unlink_claim(lib, link)
    assert "[Today]" not in render(lib, ids["first_article"], "md")
    assert "Also appears in" not in render(lib, ids["second_article"], "md")


def test_a_note_in_the_trash_is_no_appearance(library):
    lib, ids = library
    lib.delete_note(ids["second"])
    assert TODAY not in render(lib, ids["first_article"], "md")
    assert "Also appears in" not in render(lib, ids["second_article"], "md", statuses=None)


def test_claimreview_of_an_article_carries_the_other_appearance(library):
    lib, ids = library
    [review] = json.loads(render(lib, ids["first_article"], "claimreview", author="Desk"))
    urls = [a.get("url") for a in review["itemReviewed"]["appearance"]]
    assert urls == ["https://news.example/a", "https://news.example/b"]
    assert review["citation"][-1]["url"] == "https://checks.example.org/troops"


def test_several_articles_at_once_each_list_theirs(library):
    lib, ids = library
    both = [ids["first_article"], ids["second_article"]]
    text = render_many(lib, both, "md")
    assert TODAY in text and LAST_WEEK in text
    reviews = json.loads(render_many(lib, both, "claimreview", author="Desk"))
    assert [len(r[0]["itemReviewed"]["appearance"]) for r in reviews] == [2, 2]
    annotated = render(lib, ids["first_article"], "annotated")
    assert f"    {TODAY}" in annotated


def test_a_folder_export_lists_them_in_each_file(library, tmp_path):
    lib, ids = library
    folder = tmp_path / "out"
    report = export_markdown_folder(lib, [ids["first_article"], ids["second_article"]], folder)
    texts = {p.read_text(encoding="utf-8") for p in report.written}
    assert any(TODAY in t for t in texts) and any(LAST_WEEK in t for t in texts)


def test_copy_all_notes_lists_them_as_clean_markdown(library):
    lib, ids = library
    text = notes_as_markdown(lib, ids["first_article"])
    assert f"Also appears in:\n\n{TODAY}\n{THE_CHECK}\n\nStatus:" in text
    assert "<!--" not in text


def test_copy_one_note_lists_them_too(library):
    from reader.app.exports import note_as_markdown

    lib, ids = library
    text = note_as_markdown(lib, ids["first"])
    assert f"Also appears in:\n\n{TODAY}\n{THE_CHECK}\n\nStatus:" in text
    assert text.startswith("## 1. False:")
    assert "<!--" not in text


def test_the_command_line_export_lists_them(capsys, library, tmp_path):
    lib, ids = library
    lib.set_setting("author", "Desk")
    code = main(["export", "--db", str(lib.path), ids["first_article"], "--format", "md"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert TODAY in out and THE_CHECK in out
    folder = tmp_path / "all"
    code = main(["export", "--db", str(lib.path), "--all", "--format", "md", "--out", str(folder)])
    assert code == 0, capsys.readouterr().err
    assert sum(TODAY in p.read_text(encoding="utf-8") for p in folder.glob("*.md")) == 1
    code = main(["export", "--db", str(lib.path), "--all", "--format", "claimreview"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "https://news.example/b" in out
