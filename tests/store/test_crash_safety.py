"""A process killed while saving notes loses nothing it reported as saved.

The full kill test (100 kills) is ``python -m tests.bench.killtest``; here a few runs
keep CI fast, and two controls show the checker is not blind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import Library
from tests.bench.killtest import Promises, check_library, run_kill_test
from tests.store._writer import NEVER_COMMIT, note_fingerprint

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow


def test_notes_reported_saved_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    report = run_kill_test(
        8,
        workdir=tmp_path,
        seed=20240611,
        max_delay_s=0.5,
        runs_per_library=8,
        opening_run_every=4,  # runs 4 and 8 may be killed while opening the library
    )
    assert [r.problems for r in report.failures] == []
    # Not vacuous: the kills clocked from the first save landed while saving notes.
    assert sum(r.phase == "writing" for r in report.results) >= 6
    assert report.results[-1].notes_checked > 0


def test_checker_notices_a_writer_that_reports_saves_it_never_committed(
    tmp_path: Path,
) -> None:
    report = run_kill_test(
        1,
        workdir=tmp_path,
        min_delay_s=0.5,
        max_delay_s=0.5,
        opening_run_every=0,
        writer_args=(NEVER_COMMIT,),
    )
    [result] = report.results
    assert result.notes_reported > 0
    assert any("missing" in problem for problem in result.problems)


def test_checker_notices_a_note_whose_content_changed(tmp_path: Path, clean_article) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        article = lib.add_article(clean_article)
        note = lib.add_note(article.id, 0, 7, body="As written.")
        promised = note_fingerprint(note)
        lib.update_note(note.id, body="Silently altered.")
    promises = Promises(articles=[article.id], saved={note.id: promised})
    assert check_library(db, promises) == [f"note {note.id} reported as saved is changed"]
