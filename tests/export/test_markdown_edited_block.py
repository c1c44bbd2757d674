"""A notes section edited by hand is never silently replaced (issue 18, item 2)."""

from __future__ import annotations

import pytest

from reader.export.markdown import (
    EditedBlockError,
    block_was_edited,
    export_markdown,
    marker_end,
    merge_into_existing,
    write_export_file,
)
from tests.export.test_markdown import ARTICLE_ID, fixture_notes, make_article


def test_the_end_marker_carries_the_hash_of_the_block():
    document = export_markdown(make_article(), fixture_notes(make_article()))
    assert marker_end(ARTICLE_ID)[:-4] + " sha256=" in document
    assert not block_was_edited(document, ARTICLE_ID)


def test_an_edit_inside_the_block_is_detected_and_kept(tmp_path):
    article = make_article()
    path = tmp_path / "notes.md"
    write_export_file(path, export_markdown(article, fixture_notes(article)), ARTICLE_ID)
    edited = path.read_text(encoding="utf-8").replace(
        "> Costs rose by 40%", "> Costs rose by 40% (my correction: 38%)"
    )
    path.write_text(edited, encoding="utf-8")
    assert block_was_edited(edited, ARTICLE_ID)
    with pytest.raises(EditedBlockError, match="--force"):
        write_export_file(path, export_markdown(article, []), ARTICLE_ID)
    assert path.read_text(encoding="utf-8") == edited
    write_export_file(path, export_markdown(article, []), ARTICLE_ID, force=True)
    assert "my correction" not in path.read_text(encoding="utf-8")


def test_edits_outside_the_block_and_crlf_are_not_edits():
    article = make_article()
    first = export_markdown(article, fixture_notes(article))
    mine = ("Above.\n\n" + first + "\nBelow.\n").replace("\n", "\r\n")
    assert not block_was_edited(mine, ARTICLE_ID)
    merged = merge_into_existing(mine, export_markdown(article, []), ARTICLE_ID)
    assert "Above." in merged and "Below." in merged


def test_a_block_written_before_hashes_is_replaced_as_before():
    article = make_article()
    old = export_markdown(article, fixture_notes(article))
    old = old[: old.index(" sha256=")] + " -->\n"
    old = old.replace("Costs rose", "Costs went up")
    assert not block_was_edited(old, ARTICLE_ID)
    merge_into_existing(old, export_markdown(article, []), ARTICLE_ID)


def test_the_command_line_refuses_then_forces(capsys, tmp_path):
    from reader.cli import main

    src = tmp_path / "a.txt"
    src.write_text(
        "Bridge\n\nThe council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "lib.sqlite3")
    main(["import", "--db", db, str(src)])
    aid = capsys.readouterr()[0].strip()
    main(["note", "--db", db, aid, "2", "--verdict", "false"])
    out = tmp_path / "bridge.md"
    assert main(["export", "--db", db, aid, "--out", str(out)]) == 0
    out.write_text(out.read_text().replace("Status: to check", "Status: checked by me"))
    capsys.readouterr()
    assert main(["export", "--db", db, aid, "--out", str(out)]) == 1
    err = capsys.readouterr()[1]
    assert "edited by hand" in err and "--force" in err and len(err.splitlines()) == 1
    assert "checked by me" in out.read_text()
    assert main(["export", "--db", db, aid, "--out", str(out), "--force"]) == 0
    assert "checked by me" not in out.read_text()
