"""Compute the claims' contextual vectors in the background, a batch at a time.

Started after each "Seen before" search (never at start-up: the model loads only then)
unless one is running, it works in a worker until every claim has its vector, shows its
progress on the status bar's background label (never over the user's own messages), and
stops when the window closes.  Searches meanwhile match with what is there (claims
without a vector are still found by BM25 and static vectors); when it has computed any,
the section searches again.  A claim noted later in the session gets its vector after the
next search; with none missing, a fill is one query.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store import Library
from reader.ui import status

if TYPE_CHECKING:
    from reader.ui.tasks import Task
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)
STATUS_KEY = "contextual"  # its line on the status bar's background label


def _fill(db_path: Path) -> Callable[[threading.Event, Callable[[int, int], None]], int]:
    """The worker's job: fill batches until none is missing; returns how many were done."""

    def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> int:
        from reader.app.claims_memory import fill_contextual_vectors

        done = 0
        with Library(db_path) as lib:
            while not cancel.is_set():
                step = fill_contextual_vectors(lib)
                if not step.done:
                    break
                done += step.done
                progress(done, done + step.missing)
        return done

    return work


class ContextualFiller:
    """At most one fill at a time; ``then`` runs on the GUI thread when one computed any."""

    def __init__(self, mw: ReaderWindow, then: Callable[[], None]) -> None:
        self.mw = mw
        self.then = then
        self.task: Task | None = None

    def start(self) -> None:
        """Start a fill, unless one is running or the library cannot be written."""
        mw = self.mw
        if self.task is not None or mw.read_only:
            return

        def done(count: int) -> None:
            self._forget()
            if count:
                status.background(
                    mw,
                    STATUS_KEY,
                    f"Claims memory: {count:,} {'claim' if count == 1 else 'claims'} "
                    "prepared for matching",
                    4000,
                )
                self.then()
            else:
                status.background_done(mw, STATUS_KEY)

        def failed(exc: BaseException) -> None:
            self._forget()
            status.background_done(mw, STATUS_KEY)
            log.warning("contextual vectors not computed: %s", exc)

        task = self.task = mw.runner.start_quietly(_fill(mw.db_path), done, failed)
        task.progressed.connect(self._progressed)
        mw.runner.tasks.append(task)  # so closing the window cancels it

    def _progressed(self, done: int, total: int) -> None:
        status.background(
            self.mw, STATUS_KEY, f"Preparing the claims memory for matching: {done:,} of {total:,}"
        )

    def _forget(self) -> None:
        if self.task is not None and self.task in self.mw.runner.tasks:
            self.mw.runner.tasks.remove(self.task)
        self.task = None
