"""Message boxes that show their text as text.

A plain ``QMessageBox`` guesses whether its text is rich text, and Qt's rich text
loads ``<img src=…>`` from disk.  Error messages can carry words chosen by a web server
or a page, so every message box here is told its text is plain.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

# QMessageBox is reached through its module when a box is shown: naming it at import
# time makes PySide6 build its enums, a few ms of every start-up.
APP_TITLE = "Fact-Check Reader"
log = logging.getLogger(__name__)


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    buttons: QMessageBox.StandardButton,
    title: str = APP_TITLE,
) -> QMessageBox:
    box = QtWidgets.QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    """A calm warning: what happened and what to do."""
    box = QtWidgets.QMessageBox
    _box(parent, box.Icon.Warning, text, box.StandardButton.Ok, title).exec()


def inform(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    box = QtWidgets.QMessageBox
    _box(parent, box.Icon.Information, text, box.StandardButton.Ok, title).exec()


def ask(
    parent: QWidget | None,
    text: str,
    title: str = APP_TITLE,
    yes: str | None = None,
    no: str | None = None,
) -> bool:
    """A yes/no question; True for yes.  ``yes`` and ``no`` name the buttons by what
    they do; Enter answers yes, Esc no."""
    box = QtWidgets.QMessageBox
    question = _box(
        parent, box.Icon.Question, text, box.StandardButton.Yes | box.StandardButton.No, title
    )
    yes_button = question.button(box.StandardButton.Yes)
    no_button = question.button(box.StandardButton.No)
    if yes:
        yes_button.setText(yes)
    if no:
        no_button.setText(no)
    question.setDefaultButton(box.StandardButton.Yes)
    question.setEscapeButton(box.StandardButton.No)
    return question.exec() == box.StandardButton.Yes


def show_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """A bug: log it with its traceback and show it in a dialog the user can copy from."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", text)
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
    box.setWindowTitle("Fact-Check Reader — unexpected error")
    box.setText(
        "Something went wrong inside Fact-Check Reader. Your saved work is safe.\n"
        "Please report this, with the details below."
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(text)
    box.exec()
