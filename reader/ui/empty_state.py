"""The line an empty list shows in its place: why it is empty and what to do.

The article list and the Claims view both filter the whole library; an empty table
with nothing in it looked broken.  :class:`EmptyState` draws a sentence in the middle
of a view's viewport (in the disabled text colour, so it reads as a hint, not data)
and follows the viewport's size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget


class EmptyState(QObject):
    """A hint drawn over ``view``'s viewport while :meth:`show_text` has one.

    The label is made the first time a hint is shown: the viewport is a widget Qt made,
    and handing it to Python the first time makes PySide6 build the classes of every
    widget it might be (~70 classes, ~10 ms), a cost the window's start-up need not pay.
    """

    def __init__(self, view: QAbstractScrollArea, name: str) -> None:
        super().__init__(view)
        self._view = view
        self._name = name
        self._viewport: QWidget | None = None
        self._label: QLabel | None = None

    @property
    def label(self) -> QLabel:
        """The hint's label (made on first use, hidden until a hint is shown)."""
        if self._label is None:
            viewport = self._viewport = self._view.viewport()
            label = self._label = QLabel(viewport)
            label.setObjectName(self._name)
            label.setWordWrap(True)
            # A hint may quote what was typed (a search): never read as rich text.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setEnabled(False)  # drawn in the disabled text colour
            label.hide()
            viewport.installEventFilter(self)
        return self._label

    def show_text(self, text: str | None) -> None:
        """Show ``text`` in the view's place, or nothing (None)."""
        if not text:
            if self._label is not None:
                self._label.hide()
            return
        self.label.setText(text)
        self._place()
        self.label.show()

    def text(self) -> str:
        """The hint shown now ("" when none)."""
        label = self._label
        return label.text() if label is not None and not label.isHidden() else ""

    def _place(self) -> None:
        if self._viewport is None or self._label is None:
            return
        rect = self._viewport.rect().adjusted(12, 12, -12, -12)
        self._label.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height() // 2, 40))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._place()
        return False
