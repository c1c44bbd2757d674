# Size: the reader widget is one QTextEdit subclass whose painting, selection and margin marks
# share state; see the module docstring.
"""The reading column: the clean article, its sentences, tints and the selection.

The article is laid into one ``QTextDocument``: each block of the clean text becomes
one text block, so a clean-text offset maps to a document position by subtracting one
per block boundary passed (``"\\n\\n"`` is two characters, a paragraph break one).
Sentences are not widgets: hover, selection and Find are extra selections, verdict
tints are character formats, and the margin markers are painted, so a long article
stays fast.

Opening an article costs about twice Qt's own ``setPlainText`` and layout of the same
text, and most of that is the layout itself, so what is ours is kept out of its way:
the document is filled in one pass with every run of text in its final format (block
kind and tints together: tinting afterwards rewrote hundreds of fragments), its margins
and width are set before the view takes it (a change after would lay it out again),
and the sentence split, which nothing on screen needs, runs a slice at a time when the
event loop is idle, or all at once as soon as something asks for ``spans``.

Why one module of about 700 lines: the document fill, the offset mapping, the extra
selections and the margin painting all share the block layout and its offset tables;
split apart, each part would reach into the others' private state.
"""

from __future__ import annotations

import bisect
import re
import sys

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
    QPolygon,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from reader.core.models import Article, BlockKind, Note
from reader.core.segment import sentence_spans
from reader.core.verdicts import BY_KEY
from reader.ui.safe_browser import SafeTextBrowser
from reader.ui.theme import ReaderStyle, verdict_colour

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
READING_WIDTH_EM = 36
SPLIT_SLICE_CHARS = 8_000  # about 1 ms of sentence splitting per turn of the event loop
MARGIN_FOR_MARKERS = 36
CLAIM_MARK = "◇"  # a check-worthy sentence not yet noted (the claim radar)


class ReaderView(SafeTextBrowser):
    """Shows one article; emits ``selection_changed(start, end)`` in clean-text offsets."""

    selection_changed = Signal(int, int)
    sentence_activated = Signal(int, int)  # Enter / double-click: add or open a note
    block_drop_requested = Signal(str)  # the text of a block that is not article text
    dismiss_requested = Signal(int, int)  # "Not worth checking" on a claim sentence

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
        # The article cannot be edited: a blinking caret would only suggest it could.
        # (The text cursor still moves, invisibly, for Find and keyboard selection.)
        self.setCursorWidth(0)
        self.style_ = ReaderStyle()
        self.article: Article | None = None
        self._spans: list[tuple[int, int]] | None = []
        self._spans_found: list[tuple[int, int]] = []  # of the blocks split so far
        self._blocks_split = 0
        self._split_timer = QTimer(self)
        self._split_timer.setSingleShot(True)
        self._split_timer.timeout.connect(self._split_some)
        self._span_starts: list[int] = []
        self._block_starts: list[int] = []
        self.notes: list[Note] = []
        self.selected: tuple[int, int] | None = None
        self._anchor_sentence: int | None = None
        self._current: int | None = None  # the sentence J/K move from
        self._hover: int | None = None
        self.find_matches: list[tuple[int, int]] = []
        self.find_current = -1
        self._astral: list[int] = []
        self._astral_u16: list[int] = []
        # The claim radar's marks: starts of check-worthy sentences (see set_claim_marks).
        self.claim_marks: list[tuple[int, int]] = []
        self.show_claim_marks = True

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
            self._replace_document(QTextDocument(self))
            return
        # Sentences are not needed to show the article: they are found while the event
        # loop is idle, a slice of blocks per turn, or all at once when first asked for.
        self._spans = None
        self._spans_found, self._blocks_split = [], 0
        self._split_timer.start()
        self._block_starts = [b.start for b in article.blocks]
        # Qt counts positions in UTF-16 units, Python in code points: each character
        # outside the Basic Multilingual Plane (emoji…) is two units in the document.
        self._astral = (
            [m.start() for m in _ASTRAL.finditer(article.text)]
            if not article.text.isascii()
            else []
        )
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral)]
        self._layout()

    def _split_some(self) -> None:
        if self._spans is None:
            self._split_blocks(SPLIT_SLICE_CHARS)
        if self._spans is None:
            self._split_timer.start()

    def _split_blocks(self, budget: int) -> None:
        """Find the sentences of the next blocks, about ``budget`` characters of them.

        Spans never cross a block boundary, so the blocks can be split a run at a time
        and the spans come out exactly as ``sentence_spans`` of the whole text.  (A
        20,000-word article takes ~15 ms: one slice keeps the view responsive.)
        """
        art = self.article
        if art is None:
            self._spans, self._span_starts = [], []
            return
        blocks = art.blocks
        first = last = self._blocks_split
        while last < len(blocks) and blocks[last].end - blocks[first].start < budget:
            last += 1
        last = max(last, min(first + 1, len(blocks)))
        if last > first:
            offset = blocks[first].start
            self._spans_found += [
                (offset + s, offset + e)
                for s, e in sentence_spans(art.text[offset : blocks[last - 1].end])
            ]
        self._blocks_split = last
        if last >= len(blocks):
            self._spans = self._spans_found
            self._span_starts = [s for s, _ in self._spans]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Sentence spans of the article, in clean-text offsets."""
        if self._spans is None:
            self._split_timer.stop()
            self._split_blocks(sys.maxsize)
        assert self._spans is not None
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
        return {
            (n.start, n.end, n.verdict, n.anchor_state)
            for n in notes
            if n.anchor_state != "orphan" and n.end > n.start
        }

    def _apply_tint(self, note: Note) -> None:
        self._cursor(note.start, note.end).mergeCharFormat(self._tint_format(note))

    def _tint_format(self, note: Note) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(verdict_colour(note.verdict, self.style_.dark))
        severity = change_severity(note)
        if severity == "light":
            # A spelling fix: a quiet mark, never none.
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#8d6e63"))
        elif severity != "none":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor("#d84315"))
        return fmt

    def set_reader_style(self, style: ReaderStyle) -> None:
        self.style_ = style
        if self.article is not None:
            self._layout()

    def _layout(self) -> None:
        assert self.article is not None
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        base = QFont("Georgia")
        base.setStyleHint(QFont.StyleHint.Serif)
        base.setPointSize(self.style_.font_pt)
        doc.setDefaultFont(base)
        # Margins first: changing the root frame of a filled document lays it out again.
        self._set_column_margins(doc)
        self._fill(doc, base)
        # QTextEdit gives the document the viewport's width when it takes it; a document
        # that has it already is taken ~4 ms faster (20,000 words) and lays out the same.
        doc.setTextWidth(self.viewport().width())
        self._replace_document(doc)
        self._refresh_selections()

    def _replace_document(self, doc: QTextDocument) -> None:
        old = self.document()
        ours = old.parent() is self
        # The extra selections (hover, selected sentence, Find) hold cursors into the old
        # document: dropped first, or Qt touches them after the document is freed.
        self.setExtraSelections([])
        self.setDocument(doc)
        self.setCursorWidth(0)  # a new document brings the caret back
        # QTextEdit deletes a replaced document only when its own control owns it; the
        # documents made here belong to the view, and would pile up, one per article.
        if ours:
            old.setParent(None)  # Python owns it now and frees it with the last reference

    def _fill(self, doc: QTextDocument, base: QFont) -> None:
        """Insert the article with its final formats, tints included, in one pass.

        Each run of text goes in once with the format it keeps: its block's format
        merged with the tints of the notes over it, in note order, as ``mergeCharFormat``
        of each note in turn would leave it.  Tinting afterwards split and rewrote
        hundreds of fragments, and building the formats of every block anew cost as
        much again.  (Block separators take the previous block's format, as
        ``insertBlock`` takes it from the character before.)
        """
        art = self.article
        assert art is not None
        blocks = art.blocks
        by_kind = {kind: self._formats(kind, base) for kind in {b.kind for b in blocks}}
        if self._astral:
            starts = [self.doc_pos(b.start) for b in blocks]
            ends = [self.doc_pos(b.end) for b in blocks]
        else:  # doc_pos without the searches: one separator less per block passed
            starts = [b.start - i for i, b in enumerate(blocks)]
            ends = [b.end - i for i, b in enumerate(blocks)]
        doc_end = ends[-1] if ends else 0
        # Where tints start and stop: (document position, 0 off / 1 on, note order).
        edges: list[tuple[int, int, int]] = []
        tints: list[QTextCharFormat] = []
        tint_of: dict[tuple[str | None, str], QTextCharFormat] = {}
        for note in self.notes:
            if note.anchor_state == "orphan" or note.end <= note.start:
                continue
            start, end = self.doc_pos(note.start), self.doc_pos(note.end)
            if end > doc_end or start >= end:  # beyond the text: no cursor could tint it
                continue
            edges += [(start, 1, len(tints)), (end, 0, len(tints))]
            look = (note.verdict, change_severity(note))
            if look not in tint_of:
                tint_of[look] = self._tint_format(note)
            tints.append(tint_of[look])
        edges.append((doc_end + 1, 1, -1))  # a sentinel: the loops need no bounds check
        edges.sort()
        merged: dict[tuple[str, tuple[int, ...]], QTextCharFormat] = {}

        def format_of(kind: BlockKind, active: set[int]) -> QTextCharFormat:
            if not active:
                return by_kind[kind][1]
            key = (kind, tuple(sorted(active)))
            fmt = merged.get(key)
            if fmt is None:
                fmt = QTextCharFormat(by_kind[kind][1])
                for n in key[1]:
                    fmt.merge(tints[n])
                merged[key] = fmt
            return fmt

        shown = art.text.replace("\n", "\u2028")  # a line break inside a block
        wide = self._astral_u16
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        active: set[int] = set()
        e = 0
        for i, block in enumerate(blocks):
            pos, stop = starts[i], ends[i]
            while edges[e][0] < pos:
                self._toggle_tint(active, edges[e])
                e += 1
            if i == 0:
                cursor.setBlockFormat(by_kind[block.kind][0])
            else:
                cursor.insertBlock(by_kind[block.kind][0], format_of(blocks[i - 1].kind, active))
            while pos < stop:
                while edges[e][0] <= pos:
                    self._toggle_tint(active, edges[e])
                    e += 1
                cut = min(stop, edges[e][0])
                # Back to clean-text offsets: the document has one separator character
                # where the text has two, and two UTF-16 units per astral character.
                first, last = pos + i, cut + i
                if wide:
                    first -= bisect.bisect_left(wide, first)
                    last -= bisect.bisect_left(wide, last)
                cursor.insertText(shown[first:last], format_of(block.kind, active))
                pos = cut
        cursor.endEditBlock()

    @staticmethod
    def _toggle_tint(active: set[int], edge: tuple[int, int, int]) -> None:
        _pos, on, note = edge
        if on:
            active.add(note)
        else:
            active.discard(note)

    def _formats(self, kind: str, base: QFont) -> tuple[QTextBlockFormat, QTextCharFormat]:
        bfmt = QTextBlockFormat()
        bfmt.setLineHeight(
            float(self.style_.line_height),
            QTextBlockFormat.LineHeightTypes.ProportionalHeight.value,
        )
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
        self._set_column_margins(self.document())

    def _set_column_margins(self, doc: QTextDocument) -> None:
        width = self.viewport().width()
        em = (
            self.fontMetrics().averageCharWidth()
            * self.style_.font_pt
            / max(1, self.font().pointSize())
            * 2
        )
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
        c = QTextCursor(self.document())
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
        self._keep_current_at_reading_line()

    def _keep_current_at_reading_line(self) -> None:
        """Scroll so the sentence J/K moved to starts a third of the way down, as an
        e-reader keeps the line being read: the text ahead stays in view (at the
        bottom edge, every step scrolled the next sentence out of sight)."""
        if self._current is None or not 0 <= self._current < len(self.spans):
            return
        top = self.cursorRect(self._collapsed(self.spans[self._current][0])).top()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - self.viewport().height() // 3)

    def next_unnoted_sentence(self) -> None:
        """Select the next sentence that no note covers."""
        cur = self.current_sentence()
        start_at = 0 if cur is None else cur + 1
        covered = [(n.start, n.end) for n in self.notes if n.anchor_state != "orphan"]
        for i in range(start_at, len(self.spans)):
            s, e = self.spans[i]
            if not any(ns < e and s < ne for ns, ne in covered):
                self.select_sentence(i)
                self._keep_current_at_reading_line()
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
            b = self.sentence_at(
                self.text_pos(max(cursor.selectionStart(), cursor.selectionEnd() - 1))
            )
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
            claim = next((c for c in self.claim_marks if c[0] <= pos < c[1]), None)
            if claim is not None:
                not_worth = QAction("Not worth checking", menu)
                not_worth.triggered.connect(lambda: self.dismiss_requested.emit(*claim))
                menu.addAction(not_worth)
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
        plain = not (
            event.modifiers()
            & ~Qt.KeyboardModifier.ShiftModifier
            & ~Qt.KeyboardModifier.KeypadModifier
        )
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

    def selection_outline(self, start: int, end: int) -> QPolygon:
        """The outline around ``[start, end)`` as it wraps: from the start of its first
        line to the end of its last, so text before and after it on those lines stays
        outside."""
        first = self.cursorRect(self._collapsed(start))
        last = self.cursorRect(self._collapsed(end))
        frame = self.document().rootFrame().frameFormat()
        left = int(frame.leftMargin()) - 4
        right = self.viewport().width() - int(frame.rightMargin()) + 4
        top, bottom = first.top() - 2, last.bottom() + 2
        x0, x1 = first.left() - 3, last.left() + 3
        if first.top() == last.top():  # one line
            return QPolygon(QRect(QPoint(x0, top), QPoint(x1, bottom)))
        # The lines between touch: the first line's bottom is the next line's top.
        first_bottom, last_top = first.bottom() + 2, last.top() - 2
        return QPolygon(
            [
                QPoint(x0, top),
                QPoint(right, top),
                QPoint(right, last_top),
                QPoint(x1, last_top),
                QPoint(x1, bottom),
                QPoint(left, bottom),
                QPoint(left, first_bottom),
                QPoint(x0, first_bottom),
            ]
        )

    def _paint_selection_outline(self, painter: QPainter) -> None:
        if not self.selected:
            return
        colour = QColor("#1565c0") if not self.style_.dark else QColor("#90caf9")
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPolygon(self.selection_outline(*self.selected))

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
        last = self.text_pos(
            self.cursorForPosition(
                QPoint(self.viewport().width(), self.viewport().height())
            ).position()
        )
        # Latest first: where notes overlap, the tint is the last note's, and so is the
        # mark beside it.
        for note in reversed(self.notes):
            if note.anchor_state == "orphan" or note.end < first or note.start > last:
                continue
            rect = self.cursorRect(self._collapsed(note.start))
            y = rect.top()
            if y in seen or y > self.viewport().height() or rect.bottom() < 0:
                continue
            seen.add(y)
            verdict = BY_KEY.get(note.verdict) if note.verdict else None
            mark = verdict.mark if verdict else "•"
            severity = change_severity(note)
            if severity != "none":
                mark = "✎" if severity == "light" else "⚠"
            box = QRect(left - 28, y, 22, rect.height())
            painter.fillRect(
                box.adjusted(2, 2, -2, -2), verdict_colour(note.verdict, self.style_.dark)
            )
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
        if self.show_claim_marks:
            self._paint_claim_marks(painter, left, first, last, seen)

    def set_claim_marks(self, spans: list[tuple[int, int]]) -> None:
        """Mark these check-worthy sentences (clean-text spans) in the margin."""
        self.claim_marks = sorted(spans)
        self.viewport().update()

    def set_claim_marks_shown(self, shown: bool) -> None:
        self.show_claim_marks = shown
        self.viewport().update()

    def _paint_claim_marks(
        self, painter: QPainter, left: int, first: int, last: int, taken: set[int]
    ) -> None:
        # A hollow diamond, unfilled and in the muted text colour: quieter than a verdict
        # mark, and told apart by its shape.  A line with a verdict mark keeps that mark.
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for start, end in self.claim_marks:
            if end < first or start > last:
                continue
            rect = self.cursorRect(self._collapsed(start))
            y = rect.top()
            if y in taken or y > self.viewport().height() or rect.bottom() < 0:
                continue
            taken.add(y)
            painter.drawText(
                QRect(left - 28, y, 22, rect.height()), Qt.AlignmentFlag.AlignCenter, CLAIM_MARK
            )

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


def change_severity(note: Note) -> str:
    """How loud a note's change is (``none`` unless ``changed``); the word diff is
    loaded only when a changed note is shown, not at start-up."""
    if note.anchor_state != "changed":
        return "none"
    from reader.core.worddiff import note_change_severity

    return note_change_severity(note)
