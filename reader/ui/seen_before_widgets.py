"""The widgets of "Seen before" (wired to the window by :mod:`reader.ui.seen_before`).

- :class:`ClaimRow` — one earlier claim: where it comes from and what it says of it, the
  claim, its score and the key terms it shares with the sentence, and *Link* /
  *Link + copy*.
- :class:`SeenBeforeSection` — the collapsible section of rows under the selection's notes.
- :class:`VerdictOfferBar` — the non-modal bar offering a verdict change to linked notes.

Every text from a page or a feed is escaped before it reaches rich text or a tooltip.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.verdicts import label

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from reader.app.claims_memory import SimilarClaim

MAX_BODY_HEIGHT = 220  # the rows scroll beyond this: the editor keeps its room
SHOWN_TERMS = 4  # of the shared key terms, in the row (why it matched)
TEXT_CHARS = 140  # of a claim's text shown in its row (the whole text is its tooltip)
ClaimKey = tuple[str, str]  # (kind, ref)
NO_NOTE_YET = "Link adds a note to this sentence."
LOOKING = "Looking…"
NOTHING_FOUND = "Nothing like this sentence yet."
# The header's lines from sentence to sentence: it is as tall as the tallest of them.
USUAL_STATUSES = (LOOKING, NOTHING_FOUND, NO_NOTE_YET)
STATUS_LINES_BESIDE = 2  # of the tallest status beside the title; more, and it goes under
# What a row's "match 0.87" is: the fused rank score, which orders the rows.  It says
# how much the searches agree, not how alike two claims are (a claim that each search
# ranks first scores the most, however loosely related; e5 cosines of the same claim and
# of a different one overlap widely), so the help says exactly that and asks for a read.
MATCH_HELP = (
    "Match: how strongly the searches by shared words and by meaning agree on this claim "
    "for the selected sentence, from 0 to 1 (1: every search ranks it first). It orders "
    "the suggestions; it does not say the two are the same claim: read it before you "
    "link. Then the key words it shares with the sentence."
)


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(claim: SimilarClaim) -> tuple[str, str, str]:
    """The three lines of a claim's row, as plain text: where it comes from and what it
    says of it, the claim, and the score with why it matched."""
    if claim.kind == "note":
        verdict = label(claim.verdict) if claim.verdict else "no verdict yet"
        title = short(claim.article_title or "Untitled", 32)
        head = f"Your note · {verdict} · in “{title}”"
    else:
        rating = f"rated “{short(claim.rating, 40)}”" if claim.rating else "no rating"
        head = f"{short(claim.publisher or 'Fact-check', 40)} · {rating}"
        if claim.date:
            head += f" · {claim.date[:10]}"
    terms = claim.shared_terms[:SHOWN_TERMS]
    why = "shares " + ", ".join(terms) if terms else "similar meaning"
    return head, short(claim.text, TEXT_CHARS), f"match {claim.score:.2f} · {why}"


def whole_head(claim: SimilarClaim) -> str:
    """The row's first line without cuts: where the claim comes from, what it says."""
    if claim.kind == "note":
        verdict = label(claim.verdict) if claim.verdict else "no verdict yet"
        return f"Your note · {verdict} · in “{claim.article_title or 'Untitled'}”"
    rating = f"rated “{claim.rating}”" if claim.rating else "no rating"
    return " · ".join(p for p in (claim.publisher or "Fact-check", rating, claim.date[:10]) if p)


class ClaimRow(QFrame):
    """One earlier claim: what it is, and the two ways to link the note to it."""

    def __init__(self, claim: SimilarClaim, linked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.claim = claim
        self.setObjectName("seenBeforeRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        head, text, why = describe(claim)
        self.text_label = QLabel()
        self.text_label.setTextFormat(Qt.TextFormat.RichText)  # every part escaped
        self.text_label.setWordWrap(True)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.text_label.setText(f"<b>{html.escape(head)}</b><br>“{html.escape(text)}”")
        # Escaped: a tooltip guesses rich text, and a feed's words could load an image.
        # The first line is the row's head uncut (a long publisher or rating is cut there).
        parts = [p for p in (whole_head(claim), claim.title, claim.text, claim.url) if p]
        self.text_label.setToolTip("<p>" + "<br><br>".join(map(html.escape, parts)) + "</p>")
        self.why_label = QLabel(why)
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        self.why_label.setWordWrap(True)
        self.why_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        small = self.why_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.why_label.setFont(small)
        self.why_label.setToolTip(MATCH_HELP)
        self.why_label.setAccessibleDescription(MATCH_HELP)
        self.link_button = QToolButton()
        self.link_button.setText("Link")
        self.copy_button = QToolButton()
        self.copy_button.setText("Link + copy")
        # Tabbing from row to row, a screen reader says which claim each button links.
        about = short(claim.text, 80)
        self.link_button.setAccessibleName(f"Link to: {about}")
        self.copy_button.setAccessibleName(f"Link and copy verdict and sources of: {about}")
        self.linked_label = QLabel("✓ linked")
        self.linked_label.setAccessibleName("Linked to this claim")
        # The match on a line of its own, the buttons under it: beside the buttons it
        # was squeezed to a word a line at a large font.
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addStretch(1)
        bottom.addWidget(self.linked_label)
        bottom.addWidget(self.link_button)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(1)
        layout.addWidget(self.text_label)
        layout.addWidget(self.why_label)
        layout.addLayout(bottom)
        self.set_adds_note(False)
        self.set_linked(linked)

    def set_adds_note(self, adds: bool) -> None:
        """Whether a click adds a note on the sentence first (it has none): the
        tooltips say so."""
        first = "Add a note on the sentence, linked" if adds else "Mark the note as linked"
        self.link_button.setToolTip(f"{first} to this same claim (Ctrl+Z undoes)")
        self.copy_button.setToolTip(
            f"{first} to this claim, with its verdict and sources copied in (Ctrl+Z undoes)"
        )

    def set_linked(self, linked: bool) -> None:
        self.linked = linked
        self.linked_label.setVisible(linked)
        self.link_button.setVisible(not linked)
        self.copy_button.setVisible(not linked)


class SeenBeforeSection(QWidget):
    """The collapsible "Seen before" section of the notes panel."""

    link_requested = Signal(object, bool)  # a SimilarClaim, copy its verdict and sources
    opened = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seenBefore")
        self.toggle = QToolButton()
        self.toggle.setText("Seen before")
        self.toggle.setToolTip(
            "Earlier claims like the selected sentence: your notes in other articles "
            "and imported fact-checks. Ctrl+Shift+L links the note to the closest one."
        )
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.toggled.connect(self._on_toggled)
        self.status = QLabel()
        self.status.setObjectName("seenBeforeStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        head = self._head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        # Both at the top: the status keeps the height of its longest line (_fit_status).
        head.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.status, 1)
        head.addStretch(0)  # folded (no status shown), the title stays on the left
        self.rows_widget = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.rows_layout.addStretch(1)
        self.body = QScrollArea()
        self.body.setObjectName("seenBeforeBody")
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setMaximumHeight(MAX_BODY_HEIGHT)
        self.body.setWidget(self.rows_widget)
        self.body.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.body)
        self.rows: list[ClaimRow] = []
        # Tab goes from the widget before the section to its title, then to each row's
        # buttons, in the order shown (see tab_after).
        self._tab_after: QWidget | None = None
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its buttons take the focus
        # Nothing selected: the panel's first line already says to click a sentence.
        self.set_message("")

    def tab_after(self, widget: QWidget) -> None:
        """Tab from ``widget`` goes to this section (it was added to the panel last, so
        it came last in the window's tab order, after the widgets below it)."""
        self._tab_after = widget
        self._order_tabs()

    def _order_tabs(self) -> None:
        if self._tab_after is None:
            return
        chain: list[QWidget] = [self._tab_after, self.toggle]
        for row in self.rows:
            chain += [row.link_button, row.copy_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, shown: bool) -> None:
        self.toggle.setChecked(shown)
        self._on_toggled(shown)

    def _on_toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.body.setVisible(shown and bool(self.rows))
        self.status.setVisible(shown)
        self.opened.emit(shown)

    def set_message(self, text: str) -> None:
        """No rows, a line saying why (nothing selected, searching, nothing found)."""
        self._clear_rows()
        self.toggle.setText("Seen before")
        self.status.setText(text)
        self.body.hide()

    def set_looking(self) -> None:
        """A search is under way: the rows stay (the panel does not jump on every click)
        but greyed out, since they belong to the sentence before."""
        self.status.setText(LOOKING)
        for row in self.rows:
            row.setEnabled(False)

    def set_claims(self, claims: list[SimilarClaim], linked: set[ClaimKey]) -> None:
        self._clear_rows()
        self.toggle.setText(f"Seen before ({len(claims)})" if claims else "Seen before")
        self.status.setText("" if claims else NOTHING_FOUND)
        for claim in claims:
            row = ClaimRow(claim, (claim.kind, claim.ref) in linked)
            row.link_button.clicked.connect(
                lambda _=False, c=claim: self.link_requested.emit(c, False)
            )
            row.copy_button.clicked.connect(
                lambda _=False, c=claim: self.link_requested.emit(c, True)
            )
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            # Shown now, not when the layout gets round to it: a row not yet shown adds
            # nothing to the height taken below, and the rows of the next sentence got
            # a body of no height at all.
            row.show()
            self.rows.append(row)
        self._order_tabs()
        # As tall as its rows, up to a limit: a fixed height, so the panel scrolls as a
        # whole when the window is short instead of squeezing the note editor.
        self._fit_body()
        self.body.setVisible(self.is_open() and bool(claims))

    def _fit_body(self) -> None:
        width = max(self.width(), 120)
        needed = self.rows_layout.totalHeightForWidth(width) if self.rows else 0
        self.body.setFixedHeight(min(max(needed, 0), MAX_BODY_HEIGHT))

    def _fit_status(self) -> None:
        """The status as tall as the tallest usual line at its width: "Looking…" on each
        click, then "Nothing like this sentence yet." wrapped on two lines, moved the
        editor below up and down at every click (a large font, a narrow panel).

        Beside the title while the tallest takes at most two lines there; else on the
        whole width under the title: beside it, at a large font in a narrow column, the
        header kept four lines (~100 px) under a one-line "Looking…"."""
        # Measured beside the title at its widest ("Seen before (5)"): the header keeps
        # its height whether the sentence has earlier claims or not.
        toggle, fm = self.toggle, self.toggle.fontMetrics()
        title = toggle.sizeHint().width() - fm.horizontalAdvance(toggle.text())
        title += fm.horizontalAdvance("Seen before (00)")
        beside = self.width() - title - max(self._head.spacing(), 0)
        fm = self.status.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)

        def tallest(width: int) -> int:
            box = QRect(0, 0, width, 100 * fm.lineSpacing())
            return max(fm.boundingRect(box, flags, text).height() for text in USUAL_STATUSES)

        if self.width() <= 0:
            return
        under = beside <= 0 or tallest(beside) > STATUS_LINES_BESIDE * fm.lineSpacing()
        self._place_status(under)
        self.status.setMinimumHeight(tallest(self.width() if under else beside))

    def _place_status(self, under: bool) -> None:
        """The status beside the title or on its own line under it."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        if under == (self._head.indexOf(self.status) < 0):
            return
        if under:
            self._head.removeWidget(self.status)
            layout.insertWidget(1, self.status)
        else:
            layout.removeWidget(self.status)
            self._head.insertWidget(1, self.status, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_status()
            if self.rows:
                self._fit_body()

    def set_linked(self, linked: set[ClaimKey]) -> None:
        for row in self.rows:
            row.set_linked((row.claim.kind, row.claim.ref) in linked)

    def set_has_note(self, has: bool) -> None:
        """The sentence has a note to link, or a click adds one: the rows and the
        header say which."""
        for row in self.rows:
            row.set_adds_note(not has)
        if self.rows:
            self.status.setText("" if has else NO_NOTE_YET)

    def top_unlinked(self) -> SimilarClaim | None:
        """The closest claim shown that the note is not linked to yet, if it can be
        linked now (not while the rows belong to the sentence before)."""
        for row in self.rows:
            if not row.linked and row.isEnabled() and row.link_button.isEnabled():
                return row.claim
        return None

    def set_editable(self, editable: bool) -> None:
        for row in self.rows:
            row.link_button.setEnabled(editable)
            row.copy_button.setEnabled(editable)

    def _clear_rows(self) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []


class VerdictOfferBar(QFrame):
    """A verdict of a note with links changed: apply it to the linked notes too?"""

    accepted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictOfferBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.apply_button = QPushButton("Apply to linked")
        self.apply_button.clicked.connect(self.accepted.emit)
        self.dismiss_button = QPushButton("Keep theirs")
        self.dismiss_button.setToolTip("Leave the linked notes as they are")
        self.dismiss_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()
