"""Issue 19, items 6-7: two processes writing one article at once, synchronised by events.

Each test runs two command-line processes.  Hooks inside them (set up before the
command runs) hold one process at a chosen point until the other has reached or passed
its own, so the interleaving that used to go wrong happens every time, without sleeps.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)
# The update puts a new paragraph first: every sentence moves.
UPDATED = ARTICLE.replace(
    "\n\nThe city council",
    "\n\nUpdated at noon: the council has published the engineers' full report today. "
    "It runs to three hundred pages and includes photographs of the deck.\n\nThe city council",
)
WAIT = 3.0  # seconds a hook waits for the other process before going on alone
pytestmark = pytest.mark.slow  # two spawned processes, and a hook that waits its WAIT out


def _run_cli(argv: list[str], hooks: str, sync: dict[str, Any], out: Any) -> None:
    """Child process: install the hooks named by ``hooks``, then run the command."""
    import io
    import sys

    from reader.store.articles import ArticleStore
    from reader.store.notes import NoteStore

    if hooks == "note-waits-for-update":
        real_add_note = NoteStore.add_note

        def add_note(self: NoteStore, *args: Any, **kwargs: Any) -> Any:
            sync["note_read"].set()  # the sentence was chosen on the text read so far
            sync["update_done"].wait(WAIT)
            return real_add_note(self, *args, **kwargs)

        NoteStore.add_note = add_note  # type: ignore[method-assign]
    elif hooks == "update-after-note-read":
        real_add_version = ArticleStore.add_version

        def add_version(self: ArticleStore, *args: Any, **kwargs: Any) -> Any:
            sync["note_read"].wait(WAIT)
            try:
                return real_add_version(self, *args, **kwargs)
            finally:
                sync["update_done"].set()

        ArticleStore.add_version = add_version  # type: ignore[method-assign]
    elif hooks == "updates-meet-before-writing":
        from reader.store._sql import Sql

        real_write = Sql.write
        inside = threading.local()
        real_add_version = ArticleStore.add_version

        def add_version(self: ArticleStore, *args: Any, **kwargs: Any) -> Any:
            inside.flag = True
            return real_add_version(self, *args, **kwargs)

        def write(self: Sql) -> Any:
            if getattr(inside, "flag", False):
                inside.flag = False
                try:
                    sync["barrier"].wait(WAIT)  # both updates are about to write
                except threading.BrokenBarrierError:
                    pass  # the other holds the lock and waits here: go on
            return real_write(self)

        ArticleStore.add_version = add_version  # type: ignore[method-assign]
        Sql.write = write  # type: ignore[method-assign]
    err = io.StringIO()
    sys.stderr = err
    sys.stdout = io.StringIO()
    code = main(argv)
    out.put((code, err.getvalue()))


def _both(first: tuple[list[str], str], second: tuple[list[str], str]) -> list[tuple[int, str]]:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        sync = {
            "note_read": manager.Event(),
            "update_done": manager.Event(),
            "barrier": manager.Barrier(2),
        }
        out = manager.Queue()
        procs = [
            context.Process(target=_run_cli, args=(argv, hooks, sync, out))
            for argv, hooks in (first, second)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(60)
            assert proc.exitcode == 0
        return [out.get() for _ in procs]


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, str, Path]:
    db = str(tmp_path / "lib.sqlite3")
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bridge-2.txt").write_text(UPDATED, encoding="utf-8")
    third = UPDATED.replace("three hundred pages", "four hundred pages")
    (tmp_path / "bridge-3.txt").write_text(third, encoding="utf-8")
    assert main(["import", "--db", db, str(tmp_path / "bridge.txt")]) == 0
    aid = capsys.readouterr().out.strip()
    return db, aid, tmp_path


def _show(capsys: pytest.CaptureFixture[str], db: str, aid: str) -> dict[str, Any]:
    assert main(["show", "--db", db, "--json", aid]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_a_note_saved_during_an_update_holds_its_quote(
    capsys: pytest.CaptureFixture[str], library: tuple[str, str, Path]
) -> None:
    db, aid, folder = library
    results = _both(
        (["note", "--db", db, aid, "2", "--verdict", "false"], "note-waits-for-update"),
        (["update", "--db", db, aid, str(folder / "bridge-2.txt")], "update-after-note-read"),
    )
    assert [code for code, _ in results] == [0, 0], results
    shown = _show(capsys, db, aid)
    assert len(shown["versions"]) == 2
    (note,) = shown["notes"]
    quote = "The city council voted on Monday to close the harbour bridge for a year."
    assert note["quote"] == quote
    assert note["state"] == "ok" and note["current_text"] == quote


def test_two_updates_at_once_both_get_a_version(
    capsys: pytest.CaptureFixture[str], library: tuple[str, str, Path]
) -> None:
    db, aid, folder = library
    results = _both(
        (["update", "--db", db, aid, str(folder / "bridge-2.txt")], "updates-meet-before-writing"),
        (["update", "--db", db, aid, str(folder / "bridge-3.txt")], "updates-meet-before-writing"),
    )
    assert [code for code, _ in results] == [0, 0], results
    assert not any("UNIQUE" in err for _, err in results)
    assert len(_show(capsys, db, aid)["versions"]) == 3
