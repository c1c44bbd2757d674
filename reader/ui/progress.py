"""Background work with a progress dialog that appears only when the work takes a while."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.errors import UserError
from reader.ui import tasks

log = logging.getLogger(__name__)

T = TypeVar("T")
ProgressCallback = Callable[[int, int], None]


class TaskRunner:
    """Runs the window's background tasks and keeps them until they are done.

    ``status`` shows a line in the status bar, ``show_error`` a refused result (a
    :class:`UserError` raised by ``on_done``), ``on_failed`` an exception the work raised.
    """

    def __init__(
        self,
        parent: QWidget,
        status: Callable[[str, int], None],
        show_error: Callable[[BaseException], None],
        on_failed: Callable[[BaseException], None],
        current_message: Callable[[], str] | None = None,
    ) -> None:
        self._parent = parent
        self._status = status
        self._show_error = show_error
        self._on_failed = on_failed
        self._current_message = current_message
        self.tasks: list[tasks.Task] = []
        self._labels: dict[tasks.Task, str] = {}  # the status line of each running task
        # Set when the window closes: a result arriving after that has no window to show
        # it in (the work itself is done and stored; only its redraw is skipped).
        self.closed = False

    def run(
        self,
        label_text: str,
        work: Callable[[threading.Event, ProgressCallback], T],
        on_done: Callable[[T], None],
        cancellable: bool = True,
    ) -> tasks.Task:
        """Run ``work`` off the UI thread; a progress dialog appears if it takes a while."""
        task = tasks.Task(work, self._parent)
        dialog = QtWidgets.QProgressDialog(
            label_text, "Cancel" if cancellable else "", 0, 0, self._parent
        )
        dialog.setWindowTitle("Fact-Check Reader")
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done if total else 0)

        def finished(value: T) -> None:
            if self.closed:
                return
            dialog.reset()
            dialog.deleteLater()
            self._forget(task)
            if task.cancel_event.is_set():
                self._status("Cancelled", 3000)
            try:
                on_done(value)
            except UserError as exc:
                self._show_error(exc)

        def failed(exc: BaseException) -> None:
            if self.closed:
                return
            dialog.reset()
            dialog.deleteLater()
            self._forget(task)
            if task.cancel_event.is_set():
                self._status("Cancelled", 3000)
                return
            self._on_failed(exc)

        task.progressed.connect(progressed)
        task.finished.connect(finished)
        task.failed.connect(failed)
        self.tasks.append(task)
        self._labels[task] = label_text
        # Shown while the work runs, and taken down when it ends (see _forget).
        self._status(label_text, 0)
        return tasks.start(task)

    def start_quietly(
        self,
        work: Callable[[threading.Event, ProgressCallback], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None],
    ) -> tasks.Task:
        """Run ``work`` with no dialog and no status line (a backup at start-up)."""
        task = tasks.Task(work, self._parent)
        task.finished.connect(lambda value: None if self.closed else on_done(value))
        task.failed.connect(lambda exc: None if self.closed else on_failed(exc))
        return tasks.start(task)

    def cancel_all(self) -> None:
        for task in self.tasks:
            task.cancel()

    def close(self) -> None:
        """The window is closing: cancel what runs, and drop the results still to come."""
        self.cancel_all()
        self.closed = True

    def _forget(self, task: tasks.Task) -> None:
        """The task ended: its status line goes (the next running task's comes back),
        unless another message has replaced it meanwhile."""
        if task in self.tasks:
            self.tasks.remove(task)
        label_text = self._labels.pop(task, None)
        if label_text is None:
            return
        shown = self._current_message() if self._current_message is not None else label_text
        if shown != label_text:
            return
        running = [self._labels[t] for t in self.tasks if t in self._labels]
        self._status(running[-1] if running else "", 0)
