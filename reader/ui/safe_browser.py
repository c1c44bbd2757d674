"""A QTextBrowser that never loads anything and opens only http(s) links, on click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.markup import is_safe_link


class SafeTextBrowser(QTextBrowser):
    """Displays text; images, style sheets and files referenced by it are never loaded."""

    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Remote or local, nothing referenced by displayed text is fetched.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        open_link(url.toString(), self.link_refused.emit)


def open_link(url: str, refused: Any = None) -> bool:
    """Open ``url`` in the system browser if it is http(s); otherwise refuse it."""
    if not is_safe_link(url):
        if refused is not None:
            refused(url)
        return False
    return bool(QDesktopServices.openUrl(QUrl(url)))
