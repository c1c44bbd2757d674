from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """UI settings in a throwaway INI file, so tests never touch the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


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
