"""Progress and cancellation for long use cases, without Qt.

A use case that takes a while accepts a ``progress`` argument that follows the
:class:`Progress` protocol: it calls ``report(done, total, label)`` now and then and
stops early, cleanly, when ``cancelled()`` turns true.  The command line plugs in a
progress line (or :data:`NO_PROGRESS`); the window's background tasks plug in
:class:`EventProgress`, whose callback emits a Qt signal and whose event is set by the
progress dialog's Cancel button.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class Progress(Protocol):
    """What a long use case reports to, and asks whether to stop."""

    def report(self, done: int, total: int, label: str = "") -> None:
        """``done`` of ``total`` steps (``total`` 0 when unknown), with what is going on."""

    def cancelled(self) -> bool:
        """Whether the user asked to stop."""


class _NoProgress:
    """Reports nowhere and never cancels."""

    def report(self, done: int, total: int, label: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return False


NO_PROGRESS: Progress = _NoProgress()


class EventProgress:
    """Progress backed by a :class:`threading.Event` and an optional callback.

    This is the shape of the window's background tasks (``work(cancel, progress)``):
    ``EventProgress(cancel, progress)`` turns their two arguments into one
    :class:`Progress`.
    """

    def __init__(
        self,
        event: threading.Event | None = None,
        callback: Callable[[int, int], None] | None = None,
    ) -> None:
        self.event = event if event is not None else threading.Event()
        self._callback = callback

    def report(self, done: int, total: int, label: str = "") -> None:
        if self._callback is not None:
            self._callback(done, total)

    def cancelled(self) -> bool:
        return self.event.is_set()


class _PollingEvent(threading.Event):
    """An event that is also set when a :class:`Progress` says it was cancelled.

    For lower layers that take a :class:`threading.Event` (the URL fetch).
    """

    POLL_S = 0.05

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self._progress = progress

    def is_set(self) -> bool:
        if not super().is_set() and self._progress.cancelled():
            self.set()
        return super().is_set()

    def wait(self, timeout: float | None = None) -> bool:
        end = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = self.POLL_S if end is None else min(self.POLL_S, end - time.monotonic())
            if left <= 0:
                return False
            super().wait(left)
        return True


def cancel_event(progress: Progress) -> threading.Event:
    """A :class:`threading.Event` that is set once ``progress`` is cancelled."""
    if isinstance(progress, EventProgress):
        return progress.event
    return _PollingEvent(progress)
