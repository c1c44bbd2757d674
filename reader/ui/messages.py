"""Message boxes that show their text as text.

A plain ``QMessageBox`` guesses whether its text is rich text, and Qt's rich text
loads ``<img src=…>`` from disk.  Error messages can carry words chosen by a web server
or a page, so every message box here is told its text is plain.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

APP_TITLE = "Fact-Check Reader"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str,
         buttons: QMessageBox.StandardButton, title: str = APP_TITLE) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    """A calm warning: what happened and what to do."""
    _box(parent, QMessageBox.Icon.Warning, text, QMessageBox.StandardButton.Ok, title).exec()


def inform(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    _box(parent, QMessageBox.Icon.Information, text, QMessageBox.StandardButton.Ok,
         title).exec()


def ask(parent: QWidget | None, text: str, title: str = APP_TITLE) -> bool:
    """A yes/no question; True for yes."""
    box = _box(parent, QMessageBox.Icon.Question, text,
               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, title)
    return box.exec() == QMessageBox.StandardButton.Yes
