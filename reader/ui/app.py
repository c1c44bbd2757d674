"""Start-up of the GUI: the application object, logging, errors, the main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader.core.errors import StoreError, UserError
from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ORGANIZATION = "FactCheckReader"
APPLICATION = "Fact-Check Reader"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), message)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if isinstance(exc, UserError):
        messages.warn(QApplication.activeWindow(), str(exc))
        return
    messages.show_exception(exc.with_traceback(tb), QApplication.activeWindow())


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication in the Fusion style, with names set so QSettings finds its file."""
    app = QApplication.instance()
    if app is None:
        # Given as an argument, the style costs nothing: setStyle() after the fact makes
        # PySide6 build QStyle's Python enums (~30 ms of start-up).
        app = QApplication([*(argv or [sys.argv[0]]), "-style", "fusion"])
    else:
        QApplication.setStyle("Fusion")
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    icon = RESOURCES / "icon.svg"
    if icon.exists():
        QApplication.setWindowIcon(QIcon(str(icon)))
    assert isinstance(app, QApplication)
    return app


def show_main_window(db_path: Path, settings: QSettings | None = None) -> MainWindow | None:
    """Everything from launch to the main window on screen; None if the user gave up.

    A library that cannot be opened offers to choose another.  This is also where the
    start-up's pause of the cyclic garbage collector ends (see :func:`reader.cli.main`):
    what exists now lives as long as the app, so it is frozen out of later collections,
    and later collections run on the GUI thread (:class:`reader.ui.tasks.GuiThreadCollector`).
    """
    try:
        qInstallMessageHandler(_qt_message_handler)
        app = make_app()
        sys.excepthook = _excepthook
        from reader.ui.main_window import MainWindow

        while True:
            try:
                window = MainWindow(db_path, settings)
                break
            except StoreError as exc:
                from reader.ui.dialogs import choose_library_after_error

                gc.enable()  # a dialog may stay open for a while
                other = choose_library_after_error(db_path, exc)
                if other is None:
                    return None
                db_path = other
        window.show()
        app.processEvents()  # the first paint
        return window
    finally:
        gc.freeze()
        gc.enable()
        # From here on, cyclic garbage is collected on the GUI thread only (see tasks).
        from reader.ui.tasks import collect_on_gui_thread

        collect_on_gui_thread()


def run_gui(db_path: Path, files: list[Path]) -> int:
    """Open the main window on ``db_path``, importing ``files``; returns the exit code."""
    window = show_main_window(db_path)
    if window is None:
        return 1
    window.prepare_reading_panes_when_idle()
    window.backup_in_background()
    if files:
        window.import_documents([str(f) for f in files])
    return int(QApplication.exec())
