from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """UI settings in a throwaway INI file, so tests never touch the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def large_font(qapp):
    """The application's font half as large again as the system's, as with a large
    system font setting; put back after the test."""
    before = QFont(QApplication.font())
    big = QFont(before)
    big.setPointSizeF(before.pointSizeF() * 1.5)
    QApplication.setFont(big)
    yield big
    QApplication.setFont(before)


@pytest.fixture(autouse=True)
def background_work_is_plain(monkeypatch):
    """Every job a test starts reaches no Qt object from its worker (tasks.py's rule)."""
    from reader.ui import tasks
    from tests.ui._threads import qt_objects_reachable

    leaks: list[str] = []
    start = tasks.start

    def checked_start(task):
        found = qt_objects_reachable(task.job)
        if found:
            leaks.append(f"{task.job.work}: {found}")
        return start(task)

    monkeypatch.setattr(tasks, "start", checked_start)
    yield
    assert not leaks, leaks


@pytest.fixture
def make_window(qtbot, tmp_path: Path, settings):
    from reader.ui.main_window import MainWindow

    windows = []

    def make(db: Path | None = None) -> MainWindow:
        w = MainWindow(db or tmp_path / "library.sqlite3", settings)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        # Window shortcuts (Ctrl+F, Ctrl+Z …) only fire in the active window.
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        if w.isVisible():
            w.close()


def menu_action(window, text: str):
    """The window's action whose menu text (without its & mnemonic) is ``text``."""
    from PySide6.QtGui import QAction

    for act in window.findChildren(QAction):
        if act.text().replace("&", "") == text:
            return act
    raise LookupError(f"no action {text!r}")


@pytest.fixture
def trigger():
    """Run a menu action of the window the way a click on the menu item does."""

    def run(window, text: str) -> None:
        act = menu_action(window, text)
        assert act.isEnabled(), f"{text!r} is disabled"
        act.trigger()

    return run
