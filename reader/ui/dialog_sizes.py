"""The main dialogs open at the size the user last gave them (Trash, Search, Versions,
Original, Shortcuts, Update article), kept in the window's settings beside its own
geometry and splitters."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QDialog


def keep_size(dialog: QDialog, settings: QSettings, name: str) -> None:
    """Give ``dialog`` the size it had when it last closed, and remember its size when
    it closes (whichever button closed it)."""
    key = f"dialogs/{name}"
    size = settings.value(key)
    if isinstance(size, QSize) and size.isValid():
        # Never below what its contents need (the font may have grown since).
        dialog.resize(size.expandedTo(dialog.minimumSizeHint()))
    dialog.finished.connect(lambda _result: settings.setValue(key, dialog.size()))
