"""app.progress: one protocol for a CLI progress line and a Qt progress dialog."""

from __future__ import annotations

import threading

from reader.app.progress import NO_PROGRESS, EventProgress, cancel_event


class Flag:
    """A progress a front end might write: cancelled once its flag is up."""

    def __init__(self) -> None:
        self.up = False
        self.reports: list[tuple[int, int, str]] = []

    def report(self, done: int, total: int, label: str = "") -> None:
        self.reports.append((done, total, label))

    def cancelled(self) -> bool:
        return self.up


def test_the_event_of_an_event_progress_is_its_own():
    event = threading.Event()
    progress = EventProgress(event)
    assert cancel_event(progress) is event
    event.set()
    assert progress.cancelled()


class FlagUpWhenAsked(Flag):
    """Goes up the ``up_at``-th time it is asked, and counts the asking."""

    def __init__(self, up_at: int) -> None:
        super().__init__()
        self.asked = 0
        self.up_at = up_at

    def cancelled(self) -> bool:
        self.asked += 1
        return self.asked >= self.up_at


def test_any_progress_cancels_a_lower_layer_waiting_on_an_event():
    flag = Flag()
    event = cancel_event(flag)
    assert not event.is_set() and event.wait(0.01) is False
    threading.Timer(0.05, lambda: setattr(flag, "up", True)).start()
    assert event.wait(5) is True  # False only had the wait run out without seeing it
    assert event.is_set()


def test_a_wait_stops_at_the_first_look_that_sees_the_cancel():
    flag = FlagUpWhenAsked(up_at=3)
    event = cancel_event(flag)
    assert event.wait(5) is True
    # Asked three times: twice still running, once cancelled, and then no more (the
    # wait ended there, not at its timeout).
    assert flag.asked == 3
    assert event.is_set() and flag.asked == 3  # once seen, it stays set without asking


def test_no_progress_never_cancels_and_reports_nowhere():
    NO_PROGRESS.report(1, 2, "x")
    assert not NO_PROGRESS.cancelled()


def test_an_event_progress_passes_done_and_total_to_its_callback():
    seen: list[tuple[int, int]] = []
    EventProgress(callback=lambda d, t: seen.append((d, t))).report(3, 4, "exporting")
    assert seen == [(3, 4)]
