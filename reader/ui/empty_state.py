"""The line an empty list shows in its place: why it is empty and what to do.

The article list and the Claims view both filter the whole library; an empty table
with nothing in it looked broken.  :class:`EmptyState` draws a sentence in the middle
of a view's viewport (in the disabled text colour, so it reads as a hint, not data)
and follows the viewport's size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel


class EmptyState(QObject):
    """A hint drawn over ``view``'s viewport while :meth:`show_text` has one."""

    def __init__(self, view: QAbstractScrollArea, name: str) -> None:
        super().__init__(view)
        self.viewport = view.viewport()
        self.label = QLabel(self.viewport)
        self.label.setObjectName(name)
        self.label.setWordWrap(True)
        # A hint may quote what was typed (a search): never read as rich text.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setEnabled(False)  # drawn in the disabled text colour
        self.label.hide()
        self.viewport.installEventFilter(self)

    def show_text(self, text: str | None) -> None:
        """Show ``text`` in the view's place, or nothing (None)."""
        if not text:
            self.label.hide()
            return
        self.label.setText(text)
        self._place()
        self.label.show()

    def text(self) -> str:
        """The hint shown now ("" when none)."""
        return self.label.text() if not self.label.isHidden() else ""

    def _place(self) -> None:
        rect = self.viewport.rect().adjusted(12, 12, -12, -12)
        self.label.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height() // 2, 40))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport and event.type() == QEvent.Type.Resize:
            self._place()
        return False
