"""Run a callable off the UI thread and get its result back on the UI thread.

Widgets are never touched from a worker: the callable returns a value (or raises),
and :class:`Task` delivers ``finished(value)`` or ``failed(exception)`` through a
queued signal.  A worker that needs the database opens its own
:class:`~reader.store.Library` (a connection belongs to its thread).  Cancellation is
cooperative: the callable receives a :class:`threading.Event` it should check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Work = Callable[[threading.Event, Callable[[int, int], None]], Any]


class Task(QObject):
    """One piece of background work; signals arrive on the thread that created it."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)  # done, total (total 0 = unknown)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_event = threading.Event()
        self.done = False
        self.finished.connect(self._mark_done)
        self.failed.connect(self._mark_done)

    def _mark_done(self, _value: object) -> None:
        self.done = True

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            value = self._work(self.cancel_event, self._report)
        except BaseException as exc:  # delivered to the UI thread, shown there
            log.debug("background task failed", exc_info=True)
            self.failed.emit(exc)
        else:
            self.finished.emit(value)

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run()


_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def start(task: Task) -> Task:
    """Start ``task`` on the worker pool and return it."""
    pool().start(_Runnable(task))
    return task
