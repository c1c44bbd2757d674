"""Two windows (or the GUI and the command line) on one library both stay correct.

The library runs in WAL mode with a busy timeout: readers never wait for a writer, a
writer waits for another writer instead of failing, and each sees what the other
committed.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.core.models import Source
from reader.store import Library
from tests.bench.killtest import ROOT

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


@pytest.fixture
def path(tmp_path: Path, clean_article) -> Path:
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        lib.add_article(clean_article)
    return db


def test_each_instance_sees_what_the_other_saved(path: Path) -> None:
    with Library(path) as first, Library(path) as second:
        [article] = first.list_articles()
        note = first.add_note(article.id, 0, 7, body="From the first window.")
        assert second.get_note(note.id).body == "From the first window."
        second.update_note(note.id, verdict="false", sources=[Source("https://example.org/a")])
        again = first.get_note(note.id)
        assert again.verdict == "false"
        assert [s.url for s in again.sources] == ["https://example.org/a"]
        second.add_note(article.id, 8, 12, body="From the second window.")
        bodies = {n.body for n in first.notes_for_article(article.id)}
        assert bodies == {"From the first window.", "From the second window."}


def test_two_instances_saving_at_once_both_succeed(path: Path) -> None:
    per_writer = 60
    start_together = threading.Barrier(2)
    failures: list[str] = []

    def save_notes(name: str) -> None:
        # A connection belongs to the thread that opened it.
        with Library(path) as lib:
            [article] = lib.list_articles()
            start_together.wait()
            for n in range(per_writer):
                try:
                    lib.add_note(article.id, 0, 7, body=f"{name} {n}")
                except StoreError as exc:
                    failures.append(f"{name} {n}: {exc}")

    writers = [threading.Thread(target=save_notes, args=(name,)) for name in ("a", "b")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    with Library(path) as lib:
        [article] = lib.list_articles()
        assert len(lib.notes_for_article(article.id)) == 2 * per_writer


def test_reading_while_another_process_saves_sees_its_saves_in_order(path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store._writer", str(path), "7"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().startswith("article ")
        counts = []
        with Library(path) as lib:
            started = time.monotonic()
            # Read for half a second, and on until the writer's saves show up.
            while time.monotonic() - started < 0.5 or (
                counts[-1] == counts[0] and time.monotonic() - started < 20
            ):
                counts.append(sum(a.note_count for a in lib.list_articles()))
    finally:
        writer.kill()
        writer.wait()
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]
