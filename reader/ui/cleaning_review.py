"""The bar above the article when the cleaner was unsure, and the whole page to check.

After an import whose cleaning is doubtful (:class:`reader.app.cleaning.Cleaning`), a
bar above the article says so in sentences and what to do, and says it again each time
the article is opened until the user applies a choice of lines or dismisses it (the
library's status filter lists such articles as "Cleaning to check").  Below it the whole page is
listed (:func:`reader.app.cleaning.page_lines`): the article's blocks ticked, the lines
the cleaner took for page furniture greyed and unticked.  The user ticks or unticks as
many as needed and applies them at once: the same block choices as "drop this
paragraph" and "bring back line", stored and cleaned again in one undoable step.
Nothing here is modal: the article can be read and noted while the bar is up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import UserError
from reader.store import Library
from reader.ui.theme import CLEANING_BAR_DARK, CLEANING_BAR_LIGHT, palette_is_dark
from reader.ui.undo import CallbackCommand

if TYPE_CHECKING:
    from reader.app.cleaning import Cleaning, PageLine
    from reader.core.models import BlockAction
    from reader.store.library import UpdateReport
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

FURNITURE_GREY = QColor("#8a8a8a")
APPLY_KEY = "Ctrl+Return"
WHAT_TO_DO = (
    "Below is the whole page; the greyed lines were left out as menus or page furniture. "
    "Tick the lines that belong to the article, untick the others (Space ticks the current "
    "line), then press Apply (Ctrl+Enter); Edit → Undo takes it back. "
    "If the article is right as it is, press Article is right."
)
# Said after WHAT_TO_DO when running text was left out: where to look first.
LEFT_OUT_TEXT = (
    "Unticked lines in full colour are running text that was left out: {n} of them. "
    "Next left-out text (F8) goes to each in turn."
)
NEXT_KEY = "F8"
PREVIOUS_KEY = "Shift+F8"
LINE_ROLE = Qt.ItemDataRole.UserRole


# Fusion draws a tick box's edge in the palette's window colour, darkened: on the dark
# theme that is the list's own colour, and an unticked line showed no box.  The boxes
# of this list take their edge from a mid grey instead (WCAG's 3:1 for a control).
DARK_TICK_EDGE_BASE = QColor("#a0a0a0")


class _VisibleTickBoxes(QStyledItemDelegate):
    """Draws the page's lines with tick boxes whose edge shows on the dark theme."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if palette_is_dark(option.palette):
            option = QStyleOptionViewItem(option)
            option.palette.setColor(QPalette.ColorRole.Window, DARK_TICK_EDGE_BASE)
        super().paint(painter, option, index)


class CleaningReview(QWidget):
    """The bar and the whole-page list, above the reader; hidden until an import is
    doubtful, and for that article only."""

    def __init__(self, mw: ReaderWindow) -> None:
        super().__init__()
        self.mw = mw
        self.article_id: str | None = None
        self.lines: list[PageLine] = []
        self.bar = QFrame()
        self.bar.setObjectName("cleaningBar")
        self.bar.setFrameShape(QFrame.Shape.StyledPanel)
        self._bar_dark: bool | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Cleaning warning")
        self.toggle_button = QPushButton("Hide the whole page")
        self.toggle_button.clicked.connect(self.toggle_page)
        # Says what the click means: the bar goes for good because the user checked it.
        self.dismiss_button = QPushButton("Article is right")
        self.dismiss_button.setToolTip(
            "The article is right as it is: hide this bar for good "
            "(File → Check the cleaning (whole page) shows it again)"
        )
        self.dismiss_button.clicked.connect(self.checked)
        # The text gets the bar's whole width (beside the buttons it took nine lines of
        # a laptop's height from the page list); the buttons go under it.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        bar_layout = QVBoxLayout(self.bar)
        bar_layout.setContentsMargins(10, 6, 10, 6)
        bar_layout.setSpacing(4)
        bar_layout.addWidget(self.message)
        bar_layout.addLayout(buttons)

        self.page = QWidget()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setItemDelegate(_VisibleTickBoxes(self.list))
        self.list.setAccessibleName("The whole page: ticked lines are in the article")
        self.list.itemChanged.connect(lambda _item: self._update_apply())
        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip(
            "Keep the ticked lines and drop the others, in one step (Ctrl+Enter; "
            "Edit → Undo takes it back)"
        )
        self.apply_button.clicked.connect(self.apply)
        # From the keyboard: Space ticks the current line, Ctrl+Enter applies them all.
        for key in (APPLY_KEY, "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_apply_key)
        self.apply_button.setEnabled(False)
        # Running text the cleaner left out is where a cut-short article hides: a page of
        # hundreds of menu lines is not read line by line, so F8 goes from one to the next.
        self.next_button = QPushButton("Next left-out text")
        self.next_button.setToolTip(
            f"Go to the next line of running text that was left out ({NEXT_KEY}; "
            f"{PREVIOUS_KEY} goes back)"
        )
        self.next_button.clicked.connect(lambda: self.go_to_left_out(1))
        for key, step in ((NEXT_KEY, 1), (PREVIOUS_KEY, -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.go_to_left_out(step))
        page_buttons = QHBoxLayout()
        page_buttons.setContentsMargins(0, 0, 0, 0)
        page_buttons.addWidget(self.apply_button)
        page_buttons.addWidget(self.next_button)
        page_buttons.addStretch(1)
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(12, 0, 12, 0)
        page_layout.addWidget(self.list, 1)
        page_layout.addLayout(page_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.bar)
        layout.addWidget(self.page, 1)
        self._style_bar()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_bar()

    def _style_bar(self) -> None:
        """The bar's box and words in the theme shown (the words set on the label too:
        a label draws in the palette's text colour, not its parent's style)."""
        dark = palette_is_dark(self.palette())
        if dark == self._bar_dark:
            return
        self._bar_dark = dark
        background, text = CLEANING_BAR_DARK if dark else CLEANING_BAR_LIGHT
        self.bar.setStyleSheet(
            f"#cleaningBar {{ background: {background}; color: {text}; }} "
            f"#cleaningBar QLabel {{ color: {text}; }}"
        )

    # -- when it shows -------------------------------------------------------------------

    def show_for(self, article_id: str, cleaning: Cleaning, *, asked: bool = False) -> None:
        """Say that ``article_id``'s cleaning is doubtful and list its whole page; a
        confident cleaning hides the bar, unless the user ``asked`` to check it."""
        if not cleaning.doubtful and not asked:
            self.dismiss()
            return
        self.article_id = article_id
        if cleaning.warning is not None:
            verdict = cleaning.warning
        elif cleaning.confidence is not None:
            verdict = (
                f"The cleaner is fairly sure of this article (confidence "
                f"{cleaning.confidence:.2f})."
            )
        else:
            verdict = "The cleaner cannot tell how sure it is of this article."
        self.page.show()
        self.toggle_button.setText("Hide the whole page")
        self.reload()
        left_out = len(self.left_out_rows())
        hint = f" {LEFT_OUT_TEXT.format(n=left_out)}" if left_out else ""
        self.message.setText(f"{verdict}\n{WHAT_TO_DO}{hint}")
        self.show()

    def article_opened(self, article_id: str | None) -> None:
        """Another article was opened (the bar goes), or this one again after a clean
        (the list follows the new version)."""
        if self.article_id is None:
            return
        if article_id != self.article_id:
            self.dismiss()
        elif not self.page.isHidden():
            self.reload()

    def checked(self) -> None:
        """The user says the article is right: hide the bar, and stop showing it each
        time the article is opened."""
        aid = self.article_id
        if aid is not None and not self.mw.read_only:
            from reader.app.cleaning import mark_checked

            try:
                mark_checked(self.mw.lib, aid)
            except UserError as exc:  # e.g. the disk is full: the bar goes all the same
                log.warning("could not remember that the cleaning was checked: %s", exc)
        self.dismiss()

    def dismiss(self) -> None:
        """Hide the bar and the page list (until a doubtful article is opened)."""
        self.article_id = None
        self.lines = []
        self.list.clear()
        self.hide()

    def toggle_page(self) -> None:
        shown = self.page.isHidden()
        self.page.setVisible(shown)
        self.toggle_button.setText("Hide the whole page" if shown else "Show the whole page")
        if shown:
            self.reload()

    # -- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        """List the whole page of the article as stored now."""
        from reader.app.cleaning import page_lines

        if self.article_id is None:
            return
        try:
            self.lines = page_lines(self.mw.lib, self.article_id)
        except UserError as exc:
            log.warning("could not list the page: %s", exc)
            self.lines = []
        self.list.blockSignals(True)
        self.list.clear()
        for line in self.lines:
            item = QListWidgetItem(line.text)
            item.setData(LINE_ROLE, line.text)
            if line.can_change:
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not self.mw.read_only:  # a read-only library shows the page, unchangeable
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if line.kept else Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if not line.kept and line.prose:
                item.setToolTip("Running text left out of the article: tick it if it belongs")
            elif not line.kept:
                item.setForeground(QBrush(FURNITURE_GREY))
                item.setToolTip("Left out of the article: tick it to keep it")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.next_button.setEnabled(bool(self.left_out_rows()))
        self._update_apply()

    def left_out_rows(self) -> list[int]:
        """The rows of the running text the cleaner (or the user) left out."""
        return [row for row, line in enumerate(self.lines) if line.prose and not line.kept]

    def go_to_left_out(self, step: int) -> None:
        """Make the next (``step`` 1) or previous (-1) left-out running text the current
        line, scrolled into view; past the last it starts again from the first."""
        rows = self.left_out_rows()
        if not rows:
            self.mw.statusBar().showMessage("No running text was left out of this page.", 4000)
            return
        here = self.list.currentRow()
        if step > 0:
            after = [row for row in rows if row > here]
            row = after[0] if after else rows[0]
        else:
            before = [row for row in rows if row < here]
            row = before[-1] if before else rows[-1]
        self.list.setCurrentRow(row)
        self.list.scrollToItem(self.list.item(row), QListWidget.ScrollHint.PositionAtCenter)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.mw.statusBar().showMessage(f"Left-out text {rows.index(row) + 1} of {len(rows)}", 3000)

    def is_greyed(self, text: str) -> bool:
        """Whether the line ``text`` is listed as left out (unticked: greyed when it looks
        like page furniture, in full colour when it is running text)."""
        return any(line.text == text and not line.kept for line in self.lines)

    def set_kept(self, text: str, keep: bool) -> None:
        """Tick (``keep``) or untick the listed line ``text``, as a click on it would."""
        for row, line in enumerate(self.lines):
            if line.text == text and line.can_change:
                state = Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
                self.list.item(row).setCheckState(state)
                return
        raise LookupError(f"no line {text[:40]!r} on the page")

    def choices(self) -> dict[str, BlockAction | None]:
        """The block choices that make the article what the ticks say."""
        out: dict[str, BlockAction | None] = {}
        for row, line in enumerate(self.lines):
            item = self.list.item(row)
            if item is None or not line.can_change:
                continue
            keep = item.checkState() == Qt.CheckState.Checked
            if keep != line.kept:
                out[line.text] = line.action_to(keep)
        return out

    def _on_apply_key(self) -> None:
        if self.apply_button.isEnabled():
            self.apply()
        else:
            self.mw.statusBar().showMessage(
                "Nothing to apply: tick or untick a line of the page first.", 4000
            )

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(not self.mw.read_only and bool(self.choices()))

    # -- applying ------------------------------------------------------------------------

    def apply(self) -> None:
        """Store the ticks as block choices and clean again, as one undoable step."""
        mw = self.mw
        choices = self.choices()
        if not choices or self.article_id is None:
            return
        if not any(
            self.list.item(row).checkState() == Qt.CheckState.Checked
            for row, line in enumerate(self.lines)
            if line.can_change
        ):
            # Never an empty article: the bar says why nothing happened.
            self.message.setText(
                "Nothing would be left of the article. Tick at least one line that belongs "
                "to it, then press Apply."
            )
            return
        aid = self.article_id
        before = mw.lib.block_overrides(aid)
        undo_choices = {text: _action(before.get(text)) for text in choices}
        kept = sum(1 for line in self.lines if line.text in choices and not line.kept)
        dropped = len(choices) - kept
        label = f"Check the page: {kept} kept, {dropped} dropped"

        def run(wanted: Mapping[str, BlockAction | None]) -> None:
            if mw.article is None or mw.article.id != aid:
                mw.open_article(aid)
            self._store(aid, dict(wanted), label)

        mw.push(CallbackCommand(label, lambda: run(choices), lambda: run(undo_choices)))

    def _store(self, aid: str, choices: dict[str, BlockAction | None], label: str) -> None:
        mw = self.mw
        mw.notes_pane.flush_editor()
        db = mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UpdateReport:
            from reader.app.cleaning import set_block_choices

            with Library(db) as lib:
                return set_block_choices(lib, aid, choices)

        def done(report: UpdateReport) -> None:
            if mw.article is not None and mw.article.id == aid:
                mw.open_article(aid)
            mw.statusBar().showMessage(f"{label} (stored as version {report.version})", 5000)

        mw.runner.run("Cleaning the article again…", work, done, cancellable=False)


def _action(value: str | None) -> BlockAction | None:
    if value == "drop":
        return "drop"
    if value == "keep":
        return "keep"
    return None
