"""The status bar's two kinds of line: what the user did, and what runs in the background.

The temporary message area on the left belongs to the user's actions ("Exported to …",
"Note moved to the Trash (Ctrl+Z to undo)"): a message there stays its time unless the
user does something else.  Work the user did not start just now (finding claims in the
library, preparing the claims memory, the daily backup) reports on a label at the right
of the status bar instead, so its progress never hides a result the user needs to read.

    status.tell(mw, "Exported to notes.md", 4000)              # the user's action
    status.background(mw, "claims", "Finding claims… 3/40")    # background progress
    status.background_done(mw, "claims")                       # it ended

Each background job has a key; the label shows the line of the job that reported last,
and when that one ends, the line of the one before it still running.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStatusBar

LABEL_NAME = "backgroundStatus"


class WithStatusBar(Protocol):
    """A main window (or what stands for one)."""

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)


def tell(window: WithStatusBar, text: str, timeout_ms: int = 0) -> None:
    """Show the result of the user's action in the temporary message area."""
    window.statusBar().showMessage(text, timeout_ms)


def background(window: WithStatusBar, key: str, text: str, timeout_ms: int = 0) -> None:
    """Show a line of background work ``key`` on the right (gone after ``timeout_ms``
    unless that is 0 or ``key`` says something else meanwhile)."""
    BackgroundStatus.of(window.statusBar()).show_line(key, text, timeout_ms)


def background_done(window: WithStatusBar, key: str) -> None:
    """Background work ``key`` has ended: take its line down."""
    found = BackgroundStatus.in_bar(window.statusBar())
    if found is not None:
        found.clear_line(key)


def background_text(window: WithStatusBar) -> str:
    """The background line shown now ("" when none)."""
    found = BackgroundStatus.in_bar(window.statusBar())
    return found.text() if found is not None else ""


class BackgroundStatus(QLabel):
    """The label at the right of the status bar, made when background work first reports
    (start-up builds no widget it does not need)."""

    line_changed = Signal(str)  # the line now shown ("" when it went)

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName(LABEL_NAME)
        self.setAccessibleName("Background work")
        self._lines: dict[str, str] = {}  # in the order they last reported
        self._generation: dict[str, int] = {}
        bar.addPermanentWidget(self)
        self.hide()

    @classmethod
    def in_bar(cls, bar: QStatusBar) -> BackgroundStatus | None:
        found = bar.findChild(QLabel, LABEL_NAME)
        return found if isinstance(found, BackgroundStatus) else None

    @classmethod
    def of(cls, bar: QStatusBar) -> BackgroundStatus:
        return cls.in_bar(bar) or cls(bar)

    def show_line(self, key: str, text: str, timeout_ms: int = 0) -> None:
        self._lines.pop(key, None)
        self._lines[key] = text
        generation = self._generation[key] = self._generation.get(key, 0) + 1
        if timeout_ms > 0:
            from PySide6.QtCore import QTimer

            # The label as context: no call once the window is gone.
            QTimer.singleShot(timeout_ms, self, lambda: self._expire(key, generation))
        self._redraw()

    def clear_line(self, key: str) -> None:
        self._generation[key] = self._generation.get(key, 0) + 1
        if self._lines.pop(key, None) is not None:
            self._redraw()

    def _expire(self, key: str, generation: int) -> None:
        if self._generation.get(key) == generation:
            self.clear_line(key)

    def _redraw(self) -> None:
        text = next(reversed(self._lines.values()), "")
        if text != self.text():
            self.setText(text)
            self.setVisible(bool(text))
            self.line_changed.emit(text)
