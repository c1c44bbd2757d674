"""Small widgets that show their whole text at the window's usual size and still shrink.

:class:`FitComboBox` is the filter box of the window's toolbars (the article list, the
Claims view): a plain :class:`QComboBox` either asks for the width of its longest item
(and then widens a narrow column for ever) or for a few characters (and then cuts its
own text, "Cleaning to c…").  This one asks the layout for the longest item's width
(``sizeHint``) but accepts a few characters when the column is made narrow
(``minimumSizeHint``), and its tooltip names the choice shown, cut or not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QWidget,
)


class FitComboBox(QComboBox):
    """A combo box whose preferred width shows its longest item in full."""

    def __init__(
        self, accessible_name: str = "", parent: QWidget | None = None, min_chars: int = 5
    ) -> None:
        super().__init__(parent)
        # The minimum: a few characters, so the column can still be made narrow.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min_chars)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self._tip = ""
        self.currentIndexChanged.connect(self._update_tooltip)
        # Items come and go (the tag list is read when it opens): the width follows.
        model = self.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.updateGeometry)

    def setToolTip(self, tip: str) -> None:
        """What the box is for; the choice shown is added below it."""
        self._tip = tip
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        shown = self.currentText()
        what = self._tip or self.accessibleName()
        super().setToolTip(f"{what}: {shown}" if what and shown else what or shown)

    def longest_text_width(self) -> int:
        """The width in pixels of the widest item's text."""
        fm = self.fontMetrics()
        return max((fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        # A margin of a few pixels: the style's text rectangle is not the whole content.
        content = self.longest_text_width() + 4
        icon_room = self.iconSize().width() + 4
        if any(not self.itemIcon(i).isNull() for i in range(self.count())):
            content += icon_room
        chars = self.minimumContentsLength()
        if not chars:
            return QSize(max(hint.width(), self._style_width(content, hint)), hint.height())
        # Qt's own hint is the style's size for ``chars`` X's and an icon's room
        # (AdjustToMinimumContentsLengthWithIcon), and Fusion's combo box adds the same
        # frame and arrow to any content width: the longest item's size is that hint plus
        # the difference in content.  Asking the style (_style_width) gives the same
        # widths but names QStyle, whose enums PySide6 builds the first time it is named
        # (~6 ms of the window's start-up); a test holds the two equal.
        qt_content = chars * self.fontMetrics().horizontalAdvance("X") + icon_room
        return QSize(max(hint.width(), hint.width() + content - qt_content), hint.height())

    def _style_width(self, content: int, hint: QSize) -> int:
        """The style's width of the box around ``content`` pixels of text and icon."""
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        size = QSize(content, hint.height())
        return (
            self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, size, self).width()
        )

    def minimumSizeHint(self) -> QSize:
        return super().sizeHint()


# How wide a choice the user made (a tag, a speaker's name) may make its box ask to be:
# one long tag widened its box and squeezed the box beside it to "Anyone quo".  The list
# that opens shows every choice whole; the box shows a long one cut, whole in its tooltip.
USER_CHOICE_CHARS = 12


class LazyFitComboBox(FitComboBox):
    """A :class:`FitComboBox` whose choices are collected the first time its list opens.

    Its choices after the first are the user's (tags, speakers), of any length: the box
    asks for the first in full and for no more than :data:`USER_CHOICE_CHARS` characters
    of the others."""

    def __init__(
        self,
        before_popup: Callable[[], None],
        accessible_name: str = "",
        min_chars: int = 5,
    ) -> None:
        super().__init__(accessible_name, min_chars=min_chars)
        self._before_popup = before_popup

    def longest_text_width(self) -> int:
        fm = self.fontMetrics()
        first = fm.horizontalAdvance(self.itemText(0)) if self.count() else 0
        cap = max(first, USER_CHOICE_CHARS * fm.averageCharWidth())
        return min(super().longest_text_width(), cap)

    def showPopup(self) -> None:
        self._before_popup()
        super().showPopup()


def speaker_row(box: QComboBox, name: object) -> int:
    """The row of ``box`` (a speaker filter) naming ``name`` in any spelling ("jane doe"
    chosen before "Jane Doe" became the usual one); 0, anyone, if none does."""
    from reader.core.claimant import speaker_key

    if not isinstance(name, str):
        return 0
    key = speaker_key(name)
    for row in range(box.count()):
        data = box.itemData(row)
        if isinstance(data, str) and speaker_key(data) == key:
            return row
    return 0


def least_width_of_shown_page(pages: QStackedWidget | QTabWidget) -> None:
    """Make the least width of ``pages`` the shown page's, now and whenever another page
    is shown.  Stacked pages ask for the widest of them, hidden ones included: the
    Claims table held the library column at 292 px on the Articles tab, and the welcome
    text held the reader at its three buttons' width with an article open."""

    def follow(_index: int = 0) -> None:
        shown = pages.currentWidget()
        for i in range(pages.count()):
            page = pages.widget(i)
            if page is None:
                continue
            policy = page.sizePolicy()
            policy.setHorizontalPolicy(
                QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            )
            page.setSizePolicy(policy)
        # A hidden page's change reaches no layout: the hints are read again.
        pages.updateGeometry()

    follow()
    pages.currentChanged.connect(follow)


def preferred_width(widget: QWidget) -> int:
    """The width ``widget`` asks for: a filter box's shows its longest choice whole."""
    return widget.sizeHint().width()


def resting_width(widget: QWidget) -> int:
    """The width that shows ``widget``'s usual words whole: a combo box's first choice
    ("Any verdict"), a line edit's placeholder ("Checked by"), else what it asks for.
    A longer choice made later is shown cut, whole in its tooltip; the row does not
    jump from one arrangement to another as the choice (or the claim) changes."""
    hint = widget.sizeHint().width()
    if isinstance(widget, FitComboBox) and widget.count():
        fm = widget.fontMetrics()
        first = fm.horizontalAdvance(widget.itemText(0))
        return min(hint, hint - widget.longest_text_width() + first)
    if isinstance(widget, QLineEdit):
        fm = widget.fontMetrics()
        # QLineEdit's hint is 17 x's and its frame and margins; 2 px: the text's margins.
        frame = hint - 17 * fm.horizontalAdvance("x")
        return min(hint, frame + fm.horizontalAdvance(widget.placeholderText()) + 2)
    return hint


class FitPairs(QWidget):
    """Boxes ``per_row`` to a row when each shows its ``wanted`` width beside the
    others, else fewer to a row, down to one: at a large font in a narrow column two to
    a row cut them ("Any verdi").  A box alone on the last row spans the row."""

    def __init__(
        self,
        boxes: list[QWidget],
        per_row: int = 2,
        wanted: Callable[[QWidget], int] = preferred_width,
    ) -> None:
        super().__init__()
        self.boxes = boxes
        self.per_row = per_row
        self.wanted = wanted
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self._arrange(per_row)

    def _least(self, box: QWidget) -> int:
        """The width ``box`` needs: its ``wanted`` width, and no less than its least."""
        return max(self.wanted(box), box.minimumSizeHint().width())

    def _column_widths(self, columns: int) -> list[int]:
        """Each column's least width ``columns`` to a row (the spanning box aside)."""
        widths = [0] * columns
        for i, box in enumerate(self.boxes):
            if not self._spans(i, columns):
                widths[i % columns] = max(widths[i % columns], self._least(box))
        return widths

    def _spans(self, i: int, columns: int) -> bool:
        return i == len(self.boxes) - 1 and i % columns != columns - 1

    def columns_width(self, columns: int) -> int:
        """The width ``columns`` to a row needs: each box its ``wanted`` width."""
        widths = self._column_widths(columns)
        spacing = max(self.grid.horizontalSpacing(), 0)
        total = sum(widths) + spacing * (columns - 1)
        last = len(self.boxes) - 1
        if last >= 0 and self._spans(last, columns):
            before = sum(widths[: last % columns]) + spacing * (last % columns)
            total = max(total, before + self._least(self.boxes[last]))
        return total

    def two_columns_width(self) -> int:
        """The width two to a row needs."""
        return self.columns_width(2)

    def minimumSizeHint(self) -> QSize:
        # One to a row at any width under two to a row's: the least is one box's, or
        # the column could not be made narrower than two boxes side by side.
        least = max((b.minimumSizeHint().width() for b in self.boxes), default=0)
        return QSize(least, super().minimumSizeHint().height())

    def _arrange(self, columns: int) -> None:
        # Each column at least its boxes' wanted width: a grid short of its boxes'
        # preferred widths takes the same from each, cutting one that needs more.
        widths = self._column_widths(columns) if columns > 1 else [0]
        for j in range(max(self.per_row, 2)):
            least = widths[j] if j < len(widths) else 0
            if self.grid.columnMinimumWidth(j) != least:  # each change asks a new layout
                self.grid.setColumnMinimumWidth(j, least)
        if columns == self.columns:
            return
        self.columns = columns
        for box in self.boxes:
            self.grid.removeWidget(box)
        for i, box in enumerate(self.boxes):
            span = columns - i % columns if self._spans(i, columns) else 1
            self.grid.addWidget(box, i // columns, i % columns, 1, span)

    def _fit(self) -> None:
        fits = (n for n in range(self.per_row, 1, -1) if self.width() >= self.columns_width(n))
        self._arrange(next(fits, 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        # A box's choices changed (the tag list read): its width may no longer fit.
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return handled
