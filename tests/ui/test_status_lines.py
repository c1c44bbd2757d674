"""The status bar keeps the result of the user's action in view while background work
(claim scoring, the claims memory's vectors, the daily backup) reports on its own label."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.app import articles as app_articles
from reader.ui import contextual_fill, status

USER_MESSAGE = "Exported 3 notes to notes.md"
TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The council voted on Monday to close the harbour bridge for a year. "
    "Unemployment in the district doubled in two years, Mayor Ann Ortiz said.\n"
)


def background_lines(w) -> list[str]:
    lines: list[str] = []
    status.BackgroundStatus.of(w.statusBar()).line_changed.connect(lines.append)
    return lines


def test_claim_scoring_in_the_background_leaves_the_users_message(
    make_window, tmp_path: Path, qtbot
):
    w = make_window()
    qtbot.waitUntil(lambda: w.claims_pane._scoring is None, timeout=20000)
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    app_articles.import_source(w.lib, str(src))
    w.lib.conn.execute("DELETE FROM claim_scores")
    w.lib.conn.commit()
    lines = background_lines(w)
    status.tell(w, USER_MESSAGE)
    w.claims_pane.score_library_in_background()
    with qtbot.wait_signal(w.claims_pane._scoring.finished, timeout=20000):
        pass
    assert w.statusBar().currentMessage() == USER_MESSAGE
    assert lines[-1] == "Claims found in 1 article"
    assert status.background_text(w) == "Claims found in 1 article"


def test_preparing_the_claims_memory_reports_beside_the_users_message(
    make_window, monkeypatch, qtbot
):
    def fake_fill(db: Path) -> Callable[[threading.Event, Callable[[int, int], None]], int]:
        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> int:
            progress(1, 2)
            progress(2, 2)
            return 2

        return work

    monkeypatch.setattr(contextual_fill, "_fill", fake_fill)
    w = make_window()
    searched: list[bool] = []
    filler = contextual_fill.ContextualFiller(w, lambda: searched.append(True))
    lines = background_lines(w)
    status.tell(w, USER_MESSAGE)
    filler.start()
    assert filler.task is not None
    with qtbot.wait_signal(filler.task.finished, timeout=20000):
        pass
    assert w.statusBar().currentMessage() == USER_MESSAGE
    assert lines[-1] == "Claims memory: 2 claims prepared for matching"
    assert searched == [True]


def test_the_background_label_shows_the_latest_job_and_falls_back_when_it_ends(make_window):
    w = make_window()
    assert status.background_text(w) == ""
    status.background(w, "claims", "Finding claims… 1/9 articles")
    status.background(w, "contextual", "Preparing the claims memory for matching: 5 of 50")
    label = status.BackgroundStatus.of(w.statusBar())
    assert label.isVisible()
    assert status.background_text(w) == "Preparing the claims memory for matching: 5 of 50"
    status.background_done(w, "contextual")
    assert status.background_text(w) == "Finding claims… 1/9 articles"
    status.background_done(w, "claims")
    assert status.background_text(w) == "" and not label.isVisible()
    assert w.statusBar().currentMessage() != "Finding claims… 1/9 articles"


def test_a_daily_backup_reports_on_the_background_label_and_one_asked_for_in_the_message_area(
    make_window, qtbot
):
    from reader.store.backup import list_backups

    w = make_window()
    lines = background_lines(w)
    status.tell(w, USER_MESSAGE)
    before = len(list_backups(w.db_path))
    w.backup_in_background(only_if_due=True)
    qtbot.waitUntil(lambda: any("backed up" in line for line in lines), timeout=20000)
    assert len(list_backups(w.db_path)) == before + 1
    assert w.statusBar().currentMessage() == USER_MESSAGE
    w.backup_in_background(only_if_due=False)
    qtbot.waitUntil(lambda: "backed up" in w.statusBar().currentMessage(), timeout=20000)
