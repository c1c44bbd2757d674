"""The note editor's sources as a two-line list that fits a narrow panel, and the small
form that edits one source.

Each row reads: the title (the address when untitled) and the stance as a glyph and a
word; below, the publisher, the address's domain and the date, elided.  The whole
address is the row's tooltip.  Nothing here is a live link.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Source
from reader.core.verdicts import STANCES, Stance
from reader.ui.models import ObjectRole
from reader.ui.theme import ErrorLabel, error_colour

# Glyph and word: the stance never rests on colour alone.
STANCE_LABELS: dict[str, str] = {
    "supports": "✓ Supports",
    "refutes": "✗ Refutes",
    "context": "ℹ Context",
}
PAD = 4  # px around and between a row's two lines
MAX_ROWS_SHOWN = 5  # more sources than this scroll inside the list
EMPTY_TEXT = "No sources yet. Add an address below."

Index = QModelIndex | QPersistentModelIndex


def source_domain(url: str) -> str:
    """The host of ``url`` without a leading ``www.`` ("" when it has none)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url.strip()


def source_lines(source: Source) -> tuple[str, str, str]:
    """The row of ``source`` unelided: (first line, stance, second line)."""
    first = source.title.strip() or source.url
    if source.url and not is_web_address(source.url):
        second = "Not a web address: edit it to start with https://"
    else:
        second = " · ".join(
            part for part in (source.publisher, source_domain(source.url), source.date) if part
        )
    return first, STANCE_LABELS.get(source.stance, source.stance), second


class SourceDelegate(QStyledItemDelegate):
    """Paints a source as two lines; the rows have the same height."""

    def row_height(self, option: QStyleOptionViewItem) -> int:
        return 2 * option.fontMetrics.lineSpacing() + 3 * PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # The width is the view's: a row never asks for more than it is given.
        return QSize(1, self.row_height(option))

    def texts(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, str, str]:
        """What the row shows at ``option.rect``'s width: title, stance, details, each
        elided to fit."""
        source = index.data(ObjectRole)
        if not isinstance(source, Source):
            return "", "", ""
        first, stance, second = source_lines(source)
        bold = QFont(option.font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        plain = option.fontMetrics
        width = max(0, option.rect.width() - 2 * PAD)
        stance_width = plain.horizontalAdvance(stance)
        title_room = max(0, width - stance_width - 2 * PAD)
        return (
            metrics.elidedText(first, Qt.TextElideMode.ElideRight, title_room),
            stance,
            plain.elidedText(second, Qt.TextElideMode.ElideRight, width),
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        title, stance, details = self.texts(option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(role)
        source = index.data(ObjectRole)
        bad = isinstance(source, Source) and bool(source.url) and not is_web_address(source.url)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        line = option.fontMetrics.lineSpacing()
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colour)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(top, left, title)
        painter.setFont(option.font)
        painter.drawText(
            top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), stance
        )
        second = QRect(rect.left(), rect.top() + line + PAD, rect.width(), line)
        if bad and not selected:
            painter.setPen(error_colour(opt.palette))
        else:
            muted = QColor(colour)
            muted.setAlphaF(0.75)
            painter.setPen(muted)
        painter.drawText(second, left, details)
        painter.restore()


class SourcesList(QListView):
    """The sources, two lines each, as tall as its rows (up to a few), never wider than
    the panel.  Enter, F2 or a double-click edits a source; Delete removes it;
    Alt+Up and Alt+Down move it."""

    edit_requested = Signal(int)
    remove_requested = Signal(int)
    move_requested = Signal(int)  # -1 up, +1 down

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources")
        self.setToolTip("")
        self.delegate = SourceDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.doubleClicked.connect(lambda index: self.edit_requested.emit(index.row()))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self.updateGeometry)

    def current_row(self) -> int:
        index = self.currentIndex()
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else -1

    def _row_height(self) -> int:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        return self.delegate.row_height(option)

    def sizeHint(self) -> QSize:
        rows = self.model().rowCount() if self.model() is not None else 0
        shown = min(max(rows, 1), MAX_ROWS_SHOWN)
        return QSize(120, shown * self._row_height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        row = self.current_row()
        if row >= 0 and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit(row)
            return
        if row >= 0 and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(row)
            return
        if row >= 0 and mods & Qt.KeyboardModifier.AltModifier:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            colour = self.palette().color(QPalette.ColorRole.Text)
            colour.setAlphaF(0.7)
            painter.setPen(colour)
            painter.drawText(
                self.viewport().rect().adjusted(PAD, 0, -PAD, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self.fontMetrics().elidedText(
                    EMPTY_TEXT, Qt.TextElideMode.ElideRight, self.viewport().width() - 2 * PAD
                ),
            )


class SourceDialog(QDialog):
    """Edits every field of one source.  An address the user changes must be http(s)
    or a DOI, as when it was added; one left as it was is kept."""

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit source")
        self._source = source
        self.url = QLineEdit(source.url)
        self.url.setAccessibleName("Source address")
        self.url.setPlaceholderText("https://… or a DOI")
        self.title = QLineEdit(source.title)
        self.title.setAccessibleName("Source title")
        self.publisher = QLineEdit(source.publisher)
        self.publisher.setAccessibleName("Publisher")
        self.date = QLineEdit(source.date)
        self.date.setAccessibleName("Date")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.archive_url = QLineEdit(source.archive_url)
        self.archive_url.setAccessibleName("Archive address")
        self.archive_url.setPlaceholderText("https://web.archive.org/…")
        self.stance = QComboBox()
        self.stance.setAccessibleName("Stance")
        for stance in STANCES:
            self.stance.addItem(STANCE_LABELS[stance], stance)
        self.stance.setCurrentIndex(max(0, self.stance.findData(source.stance)))
        self.error = ErrorLabel()
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Address", self.url)
        form.addRow("&Title", self.title)
        form.addRow("&Publisher", self.publisher)
        form.addRow("&Date", self.date)
        form.addRow("A&rchive", self.archive_url)
        form.addRow("&Stance", self.stance)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def source(self) -> Source:
        """The source as the form shows it (addresses as the user gave them)."""
        stance: Stance = self.stance.currentData()
        return replace(
            self._source,
            url=self.url.text().strip(),
            title=self.title.text().strip(),
            publisher=self.publisher.text().strip(),
            date=self.date.text().strip(),
            archive_url=self.archive_url.text().strip(),
            stance=stance,
        )

    def checked_source(self) -> Source:
        """:meth:`source` with changed addresses checked and normalised; raises
        :class:`reader.core.errors.InputError` for one that is not http(s) or a DOI."""
        source = self.source()
        return replace(
            source,
            url=self._checked(source.url, self._source.url, required=True),
            archive_url=self._checked(source.archive_url, self._source.archive_url),
        )

    @staticmethod
    def _checked(text: str, before: str, required: bool = False) -> str:
        from reader.core.source_url import checked_source_url

        if text == before and (text or not required):
            return text  # as it was (a library written before the rule is left alone)
        if not text and not required:
            return text
        return checked_source_url(text)

    def accept(self) -> None:
        from reader.core.errors import InputError

        for field, before, required in (
            (self.url, self._source.url, True),
            (self.archive_url, self._source.archive_url, False),
        ):
            try:
                self._checked(field.text().strip(), before, required)
            except InputError as exc:
                self.error.setText(str(exc))
                self.error.show()
                field.setFocus()
                return
        super().accept()
