"""The reading column: the clean article, its sentences, tints and the selection.

The article is laid into one ``QTextDocument``: each block of the clean text becomes
one text block, so a clean-text offset maps to a document position by subtracting one
per block boundary passed (``"\\n\\n"`` is two characters, a paragraph break one).
Sentences are not widgets: hover, selection and verdict tints are extra selections,
and the margin markers are painted, so a long article stays fast.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from reader.core.models import Article, Note
from reader.core.segment import sentence_spans
from reader.core.verdicts import BY_KEY
from reader.ui.safe_browser import SafeTextBrowser
from reader.ui.theme import ReaderStyle, verdict_colour

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
READING_WIDTH_EM = 36
MARGIN_FOR_MARKERS = 36


class ReaderView(SafeTextBrowser):
    """Shows one article; emits ``selection_changed(start, end)`` in clean-text offsets."""

    selection_changed = Signal(int, int)
    sentence_activated = Signal(int, int)  # Enter / double-click: add or open a note
    block_drop_requested = Signal(str)  # the text of a block that is not article text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setAccessibleName("Article text")
        self.setMouseTracking(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.style_ = ReaderStyle()
        self.article: Article | None = None
        self._spans: list[tuple[int, int]] | None = []
        self._span_starts: list[int] = []
        self._block_starts: list[int] = []
        self.notes: list[Note] = []
        self.selected: tuple[int, int] | None = None
        self._anchor_sentence: int | None = None
        self._current: int | None = None  # the sentence J/K move from
        self._hover: int | None = None
        self.find_matches: list[tuple[int, int]] = []
        self.find_current = -1
        self._doc_for_cursors: QTextDocument | None = None
        self._astral: list[int] = []
        self._astral_u16: list[int] = []

    # -- content ------------------------------------------------------------------

    def show_article(self, article: Article | None, notes: list[Note]) -> None:
        """Lay out ``article`` (or nothing) with its notes tinted."""
        self.article = article
        self.notes = notes
        self.selected = None
        self._anchor_sentence = None
        self._hover = None
        self.find_matches, self.find_current = [], -1
        if article is None:
            self._spans, self._span_starts, self._block_starts = [], [], []
            self.setDocument(QTextDocument(self))
            return
        self._spans = None  # not needed to show the article: found once it is on screen
        QTimer.singleShot(0, self._find_sentences)
        self._block_starts = [b.start for b in article.blocks]
        # Qt counts positions in UTF-16 units, Python in code points: each character
        # outside the Basic Multilingual Plane (emoji…) is two units in the document.
        self._astral = [m.start() for m in _ASTRAL.finditer(article.text)] \
            if not article.text.isascii() else []
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral)]
        self._layout()

    def _find_sentences(self) -> None:
        _ = self.spans

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Sentence spans of the article, in clean-text offsets."""
        if self._spans is None:
            self._spans = sentence_spans(self.article.text) if self.article else []
            self._span_starts = [s for s, _ in self._spans]
        return self._spans

    def set_notes(self, notes: list[Note]) -> None:
        """Re-tint after notes changed; only the runs whose tint changed are touched."""
        old = self._tint_runs(self.notes)
        self.notes = notes
        new = self._tint_runs(notes)
        if old != new and self.article is not None:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            clear = QTextCharFormat()
            clear.setBackground(QBrush())
            clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
            for start, end, _verdict, _state in sorted(old - new):
                self._cursor(start, end).mergeCharFormat(clear)
            for note in notes:
                if (note.start, note.end, note.verdict, note.anchor_state) in new:
                    self._apply_tint(note)
            cursor.endEditBlock()
        self._refresh_selections()

    @staticmethod
    def _tint_runs(notes: list[Note]) -> set[tuple[int, int, str | None, str]]:
        return {(n.start, n.end, n.verdict, n.anchor_state) for n in notes
                if n.anchor_state != "orphan" and n.end > n.start}

    def _apply_tint(self, note: Note) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(verdict_colour(note.verdict, self.style_.dark))
        if note.anchor_state == "drifted":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor("#d84315"))
        self._cursor(note.start, note.end).mergeCharFormat(fmt)

    def set_reader_style(self, style: ReaderStyle) -> None:
        self.style_ = style
        if self.article is not None:
            self._layout()

    def _layout(self) -> None:
        assert self.article is not None
        art = self.article
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        base = QFont("Georgia")
        base.setStyleHint(QFont.StyleHint.Serif)
        base.setPointSize(self.style_.font_pt)
        doc.setDefaultFont(base)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for i, block in enumerate(art.blocks):
            bfmt, cfmt = self._formats(block.kind, base)
            if i == 0:
                cursor.setBlockFormat(bfmt)
            else:
                cursor.insertBlock(bfmt)
            cursor.setCharFormat(cfmt)
            cursor.insertText(art.text[block.start : block.end].replace("\n", "\u2028"), cfmt)
        self._doc_for_cursors = doc
        # Verdict tints are part of the document, not extra selections: Qt lays out
        # every block an extra selection touches when selections change.
        for note in self.notes:
            if note.anchor_state != "orphan" and note.end > note.start:
                self._apply_tint(note)
        self._doc_for_cursors = None
        cursor.endEditBlock()
        self.setDocument(doc)
        self._update_column()
        self._refresh_selections()

    def _formats(self, kind: str, base: QFont) -> tuple[QTextBlockFormat, QTextCharFormat]:
        bfmt = QTextBlockFormat()
        bfmt.setLineHeight(float(self.style_.line_height),
                           QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        bfmt.setBottomMargin(self.style_.font_pt * 0.9)
        cfmt = QTextCharFormat()
        cfmt.setFont(base)
        pt = self.style_.font_pt
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if kind == "title":
            cfmt.setFontPointSize(pt * 1.8)
            cfmt.setFontWeight(QFont.Weight.Bold)
            bfmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            bfmt.setBottomMargin(pt * 1.2)
        elif kind == "heading":
            cfmt.setFontPointSize(pt * 1.25)
            cfmt.setFontWeight(QFont.Weight.Bold)
            bfmt.setTopMargin(pt * 0.8)
        elif kind in ("byline", "caption"):
            cfmt.setFontPointSize(pt * 0.85)
            cfmt.setFontItalic(True)
            cfmt.setForeground(muted)
            if kind == "caption":
                bfmt.setLeftMargin(pt * 1.5)
                bfmt.setRightMargin(pt * 1.5)
        elif kind == "quote":
            bfmt.setLeftMargin(pt * 2)
            cfmt.setFontItalic(True)
        elif kind == "list_item":
            bfmt.setLeftMargin(pt * 1.5)
            bfmt.setTextIndent(-pt * 0.8)
            bfmt.setBottomMargin(pt * 0.3)
        return bfmt, cfmt

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_column()

    def _update_column(self) -> None:
        """Keep a comfortable reading column centred, with room for margin markers."""
        doc = self.document()
        width = self.viewport().width()
        em = self.fontMetrics().averageCharWidth() * self.style_.font_pt / max(
            1, self.font().pointSize()) * 2
        column = int(READING_WIDTH_EM * em)
        side = max(MARGIN_FOR_MARKERS, (width - column) // 2)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if int(fmt.leftMargin()) != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(max(16, side - MARGIN_FOR_MARKERS // 2))
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)

    # -- offsets ------------------------------------------------------------------

    def doc_pos(self, text_pos: int) -> int:
        """Document position (UTF-16, one separator per block) of a clean-text offset."""
        block = bisect.bisect_right(self._block_starts, text_pos) - 1
        wide = bisect.bisect_left(self._astral, text_pos) if self._astral else 0
        return text_pos - max(0, block) + wide

    def text_pos(self, doc_pos: int) -> int:
        """Clean-text offset (code points) of a document position."""
        block = self.document().findBlock(doc_pos).blockNumber()
        u16 = doc_pos + max(0, block)
        wide = bisect.bisect_left(self._astral_u16, u16) if self._astral_u16 else 0
        return u16 - wide

    def sentence_at(self, text_pos: int) -> int | None:
        """Index of the sentence containing (or nearest before) ``text_pos``."""
        i = bisect.bisect_right(self._span_starts, text_pos) - 1
        if i < 0 or not self.spans:
            return None
        if text_pos > self.spans[i][1] + 1:
            return None
        return i

    def sentence_number(self, start: int) -> int | None:
        """1-based number of the sentence starting at (or containing) ``start``."""
        i = self.sentence_at(start)
        return None if i is None else i + 1

    def _cursor(self, start: int, end: int) -> QTextCursor:
        c = QTextCursor(self._doc_for_cursors or self.document())
        c.setPosition(self.doc_pos(start))
        c.setPosition(self.doc_pos(end), QTextCursor.MoveMode.KeepAnchor)
        return c

    # -- selection ------------------------------------------------------------------

    def select_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Select ``[start, end)`` (snapped by the caller to sentences) and announce it."""
        self.selected = (start, end)
        self._refresh_selections()
        if scroll:
            self.setTextCursor(self._collapsed(start))
            self.ensureCursorVisible()
        self.selection_changed.emit(start, end)

    def _collapsed(self, pos: int) -> QTextCursor:
        c = QTextCursor(self.document())
        c.setPosition(self.doc_pos(pos))
        return c

    def select_sentence(self, index: int, *, extend: bool = False) -> None:
        if not self.spans:
            return
        index = max(0, min(index, len(self.spans) - 1))
        if extend and self._anchor_sentence is not None:
            a, b = sorted((self._anchor_sentence, index))
            self.select_range(self.spans[a][0], self.spans[b][1])
            self._current = index
            return
        self._anchor_sentence = index
        self._current = index
        self.select_range(*self.spans[index])

    def current_sentence(self) -> int | None:
        if self.selected is None:
            return None
        return self._current

    def move_sentence(self, delta: int, *, extend: bool = False) -> None:
        cur = self.current_sentence()
        if cur is None:
            self.select_sentence(0 if delta > 0 else len(self.spans) - 1)
        else:
            self.select_sentence(cur + delta, extend=extend)

    def next_unnoted_sentence(self) -> None:
        """Select the next sentence that no note covers."""
        cur = self.current_sentence()
        start_at = 0 if cur is None else cur + 1
        covered = [(n.start, n.end) for n in self.notes if n.anchor_state != "orphan"]
        for i in range(start_at, len(self.spans)):
            s, e = self.spans[i]
            if not any(ns < e and s < ne for ns, ne in covered):
                self.select_sentence(i)
                return

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not self.spans:
            return
        pos = self.text_pos(self.cursorForPosition(event.position().toPoint()).position())
        i = self.sentence_at(pos)
        if i is None:
            return
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.select_sentence(i, extend=extend)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        # A drag across sentences selects the run of sentences it touches.
        cursor = self.textCursor()
        if cursor.hasSelection() and self.spans:
            a = self.sentence_at(self.text_pos(cursor.selectionStart()))
            b = self.sentence_at(self.text_pos(max(cursor.selectionStart(),
                                                   cursor.selectionEnd() - 1)))
            if a is not None and b is not None and b > a:
                self._anchor_sentence = a
                self.select_sentence(b, extend=True)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if self.selected:
            self.sentence_activated.emit(*self.selected)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not self.spans:
            return
        pos = self.text_pos(self.cursorForPosition(event.position().toPoint()).position())
        i = self.sentence_at(pos)
        if i != self._hover:
            self._hover = i
            self._refresh_selections()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self._refresh_selections()

    def block_at(self, text_pos: int) -> tuple[str, str] | None:
        """``(kind, text)`` of the article block at a clean-text offset."""
        if self.article is None:
            return None
        for block in self.article.blocks:
            if block.start <= text_pos <= block.end:
                return block.kind, self.article.text[block.start : block.end]
        return None

    def _activate_selection(self) -> None:
        if self.selected is not None:
            self.sentence_activated.emit(*self.selected)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.article is not None:
            pos = self.text_pos(self.cursorForPosition(event.pos()).position())
            i = self.sentence_at(pos)
            if i is not None:
                if self.selected is None or not (self.selected[0] <= pos <= self.selected[1]):
                    self.select_sentence(i)
                add = QAction("Add note to selection", menu)
                add.triggered.connect(self._activate_selection)
                actions = menu.actions()
                if actions:
                    menu.insertAction(actions[0], add)
                    menu.insertSeparator(actions[0])
                else:
                    menu.addAction(add)
            block = self.block_at(pos)
            if block is not None and block[0] != "title":
                menu.addSeparator()
                drop = QAction("Not article text: drop this paragraph", menu)
                drop.triggered.connect(lambda: self.block_drop_requested.emit(block[1]))
                menu.addAction(drop)
        menu.exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                     & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and key in (Qt.Key.Key_J, Qt.Key.Key_Down):
            self.move_sentence(1, extend=shift)
        elif plain and key in (Qt.Key.Key_K, Qt.Key.Key_Up):
            self.move_sentence(-1, extend=shift)
        elif plain and key == Qt.Key.Key_N and not shift:
            self.next_unnoted_sentence()
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected:
            self.sentence_activated.emit(*self.selected)
        else:
            super().keyPressEvent(event)

    # -- painting -------------------------------------------------------------------

    def _refresh_selections(self) -> None:
        if self.article is None:
            self.setExtraSelections([])
            return
        dark = self.style_.dark
        sels: list[QTextEdit.ExtraSelection] = []
        if self._hover is not None and 0 <= self._hover < len(self.spans):
            hover = QTextEdit.ExtraSelection()
            hover.cursor = self._cursor(*self.spans[self._hover])
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(255, 255, 255, 18) if dark else QColor(0, 0, 0, 12))
            hover.format = fmt
            sels.append(hover)
        for i, (s, e) in enumerate(self.find_matches):
            m = QTextEdit.ExtraSelection()
            m.cursor = self._cursor(s, e)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ff9800") if i == self.find_current else QColor("#ffe082"))
            fmt.setForeground(QColor("#000000"))
            m.format = fmt
            sels.append(m)
        if self.selected:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(*self.selected)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor("#1565c0") if not dark else QColor("#90caf9"))
            sel.format = fmt
            sels.append(sel)
        self.setExtraSelections(sels)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.article is None:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_markers(painter)
            self._paint_selection_outline(painter)
        finally:
            painter.end()

    def _range_rect(self, start: int, end: int) -> QRect:
        first = self.cursorRect(self._collapsed(start))
        last = self.cursorRect(self._collapsed(end))
        left = int(self.document().rootFrame().frameFormat().leftMargin()) - 4
        right = self.viewport().width() - int(
            self.document().rootFrame().frameFormat().rightMargin()) + 4
        return QRect(QPoint(left, first.top() - 2), QPoint(right, last.bottom() + 2))

    def _paint_selection_outline(self, painter: QPainter) -> None:
        if not self.selected:
            return
        colour = QColor("#1565c0") if not self.style_.dark else QColor("#90caf9")
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self._range_rect(*self.selected), 4, 4)

    def _paint_markers(self, painter: QPainter) -> None:
        """A verdict mark in the margin beside each noted run: colour is never alone."""
        left = int(self.document().rootFrame().frameFormat().leftMargin())
        seen: set[int] = set()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        # Only notes that start on screen get a marker; placing all of them each paint
        # cost more than the rest of the paint on a long article.
        first = self.text_pos(self.cursorForPosition(QPoint(0, 0)).position())
        last = self.text_pos(self.cursorForPosition(
            QPoint(self.viewport().width(), self.viewport().height())).position())
        for note in self.notes:
            if note.anchor_state == "orphan" or note.end < first or note.start > last:
                continue
            rect = self.cursorRect(self._collapsed(note.start))
            y = rect.top()
            if y in seen or y > self.viewport().height() or rect.bottom() < 0:
                continue
            seen.add(y)
            mark = BY_KEY[note.verdict].mark if note.verdict else "•"
            if note.anchor_state == "drifted":
                mark = "⚠"
            box = QRect(left - 28, y, 22, rect.height())
            painter.fillRect(box.adjusted(2, 2, -2, -2),
                             verdict_colour(note.verdict, self.style_.dark))
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)

    # -- find -----------------------------------------------------------------------

    def find_all(self, needle: str) -> int:
        """Mark every case-insensitive occurrence of ``needle``; returns the count."""
        self.find_matches, self.find_current = [], -1
        if self.article is not None and needle:
            hay = self.article.text.casefold()
            n = needle.casefold()
            i = hay.find(n)
            while i >= 0:
                self.find_matches.append((i, i + len(n)))
                i = hay.find(n, i + max(1, len(n)))
        if self.find_matches:
            self.find_current = 0
            self._scroll_to(self.find_matches[0][0])
        self._refresh_selections()
        return len(self.find_matches)

    def find_step(self, delta: int) -> int:
        if not self.find_matches:
            return -1
        self.find_current = (self.find_current + delta) % len(self.find_matches)
        self._scroll_to(self.find_matches[self.find_current][0])
        self._refresh_selections()
        return self.find_current

    def _scroll_to(self, text_pos: int) -> None:
        self.setTextCursor(self._collapsed(text_pos))
        self.ensureCursorVisible()
