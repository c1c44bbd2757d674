"""Run a plain callable off the UI thread and get its result back on the UI thread.

The threading rule: a worker runs plain Python and returns plain data; Qt objects are
created, touched and collected on the GUI thread only.

* A worker runs a :class:`_Job`: the callable, a :class:`threading.Event` it checks to
  stop early, and a place for its progress and its outcome.  No Qt object is reachable
  from it, so nothing a worker drops can be a Qt wrapper.  A ``work`` callable takes
  plain values (paths, ids, strings) and opens its own :class:`~reader.store.Library`
  (a connection belongs to its thread).
* :class:`Task` is the job's face on the GUI thread: a timer there reads the job's
  progress and outcome and emits ``progressed``, ``finished(value)`` or
  ``failed(exception)``.  The timer runs only while a task is pending.
* :class:`GuiThreadCollector`: Python runs a cyclic garbage collection in whichever
  thread allocates past a threshold.  A collection in a worker frees the Qt wrappers
  that happen to be cyclic garbage there (a dialog and its closures), running their C++
  destructors off the GUI thread, a latent crash.  While the app runs, automatic
  collection is off and this collector does the same work from a GUI-thread timer.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    # Imported with the first task (after the window is shown): ~1.5 ms of start-up.
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

Work = Callable[[threading.Event, Callable[[int, int], None]], object]
MAX_WORKERS = 2
POLL_MS = 10


class _Job:
    """What a worker thread sees of a task: plain Python only."""

    def __init__(self, work: Work) -> None:
        self.work: Work | None = work
        self.cancel_event = threading.Event()
        self.progress: tuple[int, int] | None = None
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None
        self.future: Future[None] | None = None

    def run(self) -> None:
        work, self.work = self.work, None  # the task keeps no closure once it has run
        assert work is not None
        try:
            self.value = work(self.cancel_event, self.report)
        except BaseException as exc:  # delivered to the UI thread, shown there
            log.debug("background task failed", exc_info=True)
            self.error = exc
        finally:
            self.done.set()

    def report(self, done: int, total: int) -> None:
        self.progress = (done, total)


class Task(QObject):
    """One piece of background work; its signals are emitted on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)  # done, total (total 0 = unknown)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = _Job(work)
        self.cancel_event = self.job.cancel_event
        self.done = False
        self._reported: tuple[int, int] | None = None

    def cancel(self) -> None:
        self.cancel_event.set()

    def _deliver(self) -> bool:
        """Emit what the job did since the last look; True once it has ended."""
        progress = self.job.progress
        if progress is not None and progress != self._reported:
            self._reported = progress
            self.progressed.emit(*progress)
        if not self.job.done.is_set():
            return False
        self.done = True
        if self.job.error is not None:
            error, self.job.error = self.job.error, None
            self.failed.emit(error)
        else:
            value, self.job.value = self.job.value, None
            self.finished.emit(value)
        return True


class _Deliverer(QObject):
    """The GUI-thread timer that hands finished jobs' results to their tasks."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[Task] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def watch(self, task: Task) -> None:
        self.pending.append(task)
        if not self._timer.isActive():
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        for task in list(self.pending):
            try:
                ended = task._deliver()
            except RuntimeError:  # its window was closed and deleted meanwhile
                ended = True
            if ended:
                self.pending.remove(task)
        if not self.pending:
            self._timer.stop()


_executor: ThreadPoolExecutor | None = None
_deliverer: _Deliverer | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        _executor = ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="reader-task")
    return _executor


def start(task: Task) -> Task:
    """Start ``task`` on a worker thread and return it (call on the GUI thread)."""
    global _deliverer
    if _deliverer is None:
        _deliverer = _Deliverer()
    task.job.future = _pool().submit(task.job.run)
    _deliverer.watch(task)
    return task


def wait_for_workers(timeout_s: float) -> bool:
    """Wait until every started job has ended; False if some still run after the wait."""
    if _deliverer is None:
        return True
    from concurrent.futures import wait

    futures = [t.job.future for t in _deliverer.pending if t.job.future is not None]
    _done, running = wait(futures, timeout=timeout_s)
    return not running


class GuiThreadCollector(QObject):
    """Collects cyclic garbage on the GUI thread, with automatic collection off.

    The thresholds are Python's own (``gc.get_threshold``): a timer looks at the
    allocation counts and collects the generations that are due, as the interpreter
    would have done at the next allocation, in whatever thread.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = False
        self.active = False

    def start(self) -> None:
        if self.active:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        self.active = True

    def stop(self) -> None:
        """Hand collection back to the interpreter (as it was before :meth:`start`)."""
        if not self.active:
            return
        self._timer.stop()
        self.active = False
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if t0 and c0 > t0:
            generation = 2 if c1 > t1 and c2 > t2 else 1 if c1 > t1 else 0
            gc.collect(generation)


_collector: GuiThreadCollector | None = None


def collect_on_gui_thread() -> GuiThreadCollector:
    """Turn automatic collection off and collect from a GUI-thread timer instead."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector()
    _collector.start()
    return _collector
