"""Start-up of the GUI: the application object, logging, errors, the main window."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.errors import StoreError, UserError

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)
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


def show_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """A bug: log it with its traceback and show it in a dialog the user can copy from."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", text)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Fact-Check Reader — unexpected error")
    box.setText("Something went wrong inside Fact-Check Reader. Your saved work is safe.\n"
                "Please report this, with the details below.")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(text)
    box.exec()


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if isinstance(exc, UserError):
        from reader.ui.messages import warn

        warn(QApplication.activeWindow(), str(exc))
        return
    show_exception(exc.with_traceback(tb), QApplication.activeWindow())


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
    what exists now lives as long as the app, so it is frozen out of later collections.
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
