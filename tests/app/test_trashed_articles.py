"""An article in the Trash is not changed: no note added, edited or moved, no new
version, no re-cleaning, from the command line or through the use cases the window calls.

The refusal names the article and says how to restore it; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.app import articles, cleaning, notes
from reader.cli import main
from reader.core.errors import UserError
from reader.store import Library

IN_TRASH = (
    "is in the Trash. Restore it first (in the window: Edit → Trash…, then Restore; "
    "or main.py trash restore ID)"
)


@pytest.fixture
def trashed(lib: Library, article_file: Path) -> tuple[str, str]:
    """(article id, note id): an article with a note, then moved to the Trash."""
    aid = articles.import_source(lib, str(article_file))
    note = notes.add_note_on_sentences(lib, aid, 2, 2, conclusion="Checked").after
    lib.delete_article(aid)
    return aid, note.id


CHANGES: dict[str, Callable[[Library, str, str, Path], object]] = {
    "add a note": lambda lib, aid, nid, f: notes.add_note_on_sentences(lib, aid, 3, 3),
    "edit a note": lambda lib, aid, nid, f: notes.edit_note(lib, nid, conclusion="New"),
    "move a note": lambda lib, aid, nid, f: notes.move_note(lib, nid, 3, 3),
    "delete a note": lambda lib, aid, nid, f: notes.delete_note(lib, nid),
    "re-attach a note": lambda lib, aid, nid, f: notes.reattach_note(lib, nid, 0, 5),
    "accept a new wording": lambda lib, aid, nid, f: notes.accept_wording(lib, nid),
    "update from a file": lambda lib, aid, nid, f: articles.update_from_source(lib, aid, str(f)),
    "update from the clipboard": lambda lib, aid, nid, f: articles.update_from_clipboard(
        lib, aid, f.read_text(encoding="utf-8"), None
    ),
    "keep the whole text": lambda lib, aid, nid, f: articles.keep_whole_text_as_version(
        lib, aid, "Line one\nLine two"
    ),
    "re-clean": lambda lib, aid, nid, f: articles.reclean(lib, aid),
    "drop a line": lambda lib, aid, nid, f: articles.set_block_choice(
        lib, aid, "Islanders welcomed the news", "drop"
    ),
    "review the cleaning": lambda lib, aid, nid, f: cleaning.set_block_choices(
        lib, aid, {"Islanders welcomed the news": "drop"}
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_trashed_article_refuses_the_change_and_keeps_what_it_had(
    change: str, lib: Library, trashed: tuple[str, str], article_file: Path
) -> None:
    aid, nid = trashed
    article_file.write_text(
        article_file.read_text(encoding="utf-8").replace("ninety", "eighty"), encoding="utf-8"
    )
    before = (lib.get_article(aid).version, lib.get_note(nid), lib.block_overrides(aid))
    with pytest.raises(UserError) as caught:
        CHANGES[change](lib, aid, nid, article_file)
    message = str(caught.value)
    assert message.startswith("The article “Night Ferry Returns to the Island”"), message
    assert IN_TRASH in message
    after = (lib.get_article(aid).version, lib.get_note(nid), lib.block_overrides(aid))
    assert after == before
    assert len(lib.notes_for_article(aid)) == 1


def test_a_restored_article_takes_notes_again(lib: Library, trashed: tuple[str, str]) -> None:
    aid, _ = trashed
    lib.restore_article(aid)
    notes.add_note_on_sentences(lib, aid, 3, 3)
    assert len(lib.notes_for_article(aid)) == 2


@pytest.mark.parametrize(
    "command",
    [
        ["note", "{aid}", "3", "--conclusion", "New"],
        ["note", "edit", "{nid}", "--conclusion", "New"],
        ["update", "{aid}", "{file}"],
        ["reclean", "{aid}"],
    ],
    ids=["note", "note-edit", "update", "reclean"],
)
def test_the_command_line_refuses_to_change_a_trashed_article(
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    lib: Library,
    db_path: Path,
    trashed: tuple[str, str],
    article_file: Path,
) -> None:
    aid, nid = trashed
    lib.close()
    argv = [a.format(aid=aid[:8], nid=nid[:8], file=article_file) for a in command]
    code = main([*argv[:1], "--db", str(db_path), *argv[1:]])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("error: The article “Night Ferry Returns to the Island”"), err
    assert IN_TRASH in err and "Traceback" not in err
