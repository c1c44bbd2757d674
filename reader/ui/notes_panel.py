"""The side panel: the selection's notes, the note editor (:mod:`reader.ui.note_editor`),
and all notes of the article.  It shows notes; :mod:`reader.ui.notes_pane` stores them."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Note
from reader.core.verdicts import VERDICTS
from reader.ui.models import NotesModel, ObjectRole, as_rich_text
from reader.ui.note_editor import FORM_MIN_HEIGHT, NO_NOTE_HINT, NoteEditor, VerticalScrollArea
from reader.ui.theme import verdict_colour

QUOTE_LINES = 4  # lines of the clicked sentence shown above its notes
# The selection's notes list, in rows of two lines (the verdict, the conclusion): as
# many as there are up to two, and half of a third when there are more (the rest scroll).
MOST_NOTE_ROWS = 2.5
NO_NOTES_TEXT = "No notes on this sentence."
NO_NOTES_ON_RUN_TEXT = "No notes on these sentences."
# The least room the note's form scrolls in before the column scrolls as a whole (two
# or three of its rows): below it, the form is shown whole and only the column scrolls.
FORM_LEAST_HEIGHT = 120
WORD_JOINER = "\u2060"  # no line break on either side of it, and nothing shown


class NotesPanel(QWidget):
    """Notes of the selection, the editor, and every note of the article."""

    add_requested = Signal()
    note_chosen = Signal(object)  # a Note whose place the reader should show

    def __init__(self, dark: object = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        dark_fn = dark if callable(dark) else (lambda: False)
        self.selection_label = QLabel("Click a sentence to see or add its notes.")
        self.selection_label.setWordWrap(True)
        self.selection_label.setObjectName("selectionLabel")
        # A fixed height of five lines (the sentence number, four of the quote): a label
        # that grew and shrank with each sentence moved everything below it, so every
        # click re-laid and repainted the whole panel.  The whole sentence is its tooltip.
        self.selection_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.selection_label.setFixedHeight(
            (QUOTE_LINES + 1) * self.selection_label.fontMetrics().lineSpacing()
            + 2 * self.selection_label.margin()
        )
        self.add_button = QPushButton("&Add note")
        self.add_button.setToolTip("Add a note to the selected sentences (Enter or Ctrl+N)")
        self.add_button.clicked.connect(self.add_requested.emit)
        self.add_button.setEnabled(False)

        # The sentence is quoted just above: its notes' rows say the verdict and the
        # conclusion only, each cut to one line (the editor below shows them whole).
        self.selection_model = NotesModel(self, dark_fn, quotes=False)
        self.selection_list = QListView()
        self.selection_list.setAccessibleName("Notes on the selection")
        self.selection_list.setModel(self.selection_model)
        self.selection_list.setWordWrap(False)
        self.selection_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.selection_list.setUniformItemSizes(True)
        self.selection_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selection_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Without notes the list gives way to one line.  Its height is set by the number
        # of notes only (none, one, more), never by their text: clicking from sentence to
        # sentence does not move Seen before and the editor below (see _fit_notes_list).
        self.selection_empty = QLabel("")
        self.selection_empty.setObjectName("selectionEmpty")
        self.selection_empty.setAccessibleName("Notes on the selection")
        self.selection_empty.setFixedHeight(self.selection_empty.fontMetrics().lineSpacing())
        self.selection_empty.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.selection_list.hide()
        self.selection_list.clicked.connect(self._on_selection_list_clicked)
        self.selection_list.activated.connect(self._on_selection_list_clicked)

        self.editor = NoteEditor()

        self.article_model = NotesModel(self, dark_fn)
        self.article_list = QListView()
        self.article_list.setAccessibleName("All notes of the article")
        self.article_list.setModel(self.article_model)
        self.article_list.setWordWrap(True)
        # Hundreds of notes: lay the list out in batches instead of all before showing.
        self.article_list.setLayoutMode(QListView.LayoutMode.Batched)
        self.article_list.setBatchSize(50)
        self.article_list.clicked.connect(self._on_article_list_clicked)
        self.article_list.activated.connect(self._on_article_list_clicked)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # Its height follows its width (whole items wrap): never squeezed below that.
        policy = self.legend.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.MinimumExpanding)
        self.legend.setSizePolicy(policy)
        small = self.legend.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.legend.setFont(small)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.selection_label, 1)
        head.addWidget(self.add_button)
        tl.addLayout(head)
        tl.addWidget(self.selection_empty)
        tl.addWidget(self.selection_list)
        tl.addWidget(self.editor, 1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.article_list, 1)
        bl.addWidget(self.legend)
        # The article's lists (all notes; the claim radar's claims) share one place as
        # tabs: stacked, each got a sliver of a laptop's height.
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("notesLowerTabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(bottom, "All notes")
        self.lower_tabs.setTabToolTip(0, "All notes in this article")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("notesSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        # The sections (the selection, the editor, all notes; later panels add theirs
        # to ``sections``) scroll as one when the window is short: the panel never
        # makes the window taller than a laptop screen.
        content = QWidget()
        content.setObjectName("notesPanelContent")
        self.sections = QVBoxLayout(content)
        self.sections.setContentsMargins(6, 6, 6, 6)
        self.sections.addWidget(self.splitter, 1)
        self.scroll_area = VerticalScrollArea()
        self.scroll_area.setObjectName("notesScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        # No tab stop of its own (it showed no focus, and Tab from the article seemed to
        # go nowhere): Tab goes to its widgets, and it scrolls to the one that has focus.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.update_legend(False)
        # One scroll bar, never two nested (see _fit_form): measured again when the
        # column changes height or its sections their least heights (Seen before's rows).
        self._fit_due = False
        self.scroll_area.viewport().installEventFilter(self)
        content.installEventFilter(self)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # The column's least width changed (the note's form shown, a font): the
            # window's splitter reads it again, or kept the column narrower than its form.
            self.updateGeometry()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest)
            and (watched is self.scroll_area.viewport() or watched is self.scroll_area.widget())
            and not self._fit_due
        ):
            # Measured when the layouts have settled (see _fit_form).
            self._fit_due = True
            QTimer.singleShot(0, self, self._fit_form)
        return super().eventFilter(watched, event)

    def _fit_form(self) -> None:
        """Give the note's form the room the column has left, so that one thing scrolls.

        The form scrolls inside the column, its buttons below it at hand.  When the
        sections above and below it (the quote, Seen before's rows, the lists) leave it
        less than :data:`FORM_MIN_HEIGHT`, it gives way down to
        :data:`FORM_LEAST_HEIGHT` rather than make the column scroll too: at 1280×800
        with Seen before's rows shown the column and the form both scrolled, one bar
        inside the other.  Below that the form is shown whole and the column alone
        scrolls.
        """
        form = self.editor.form_scroll
        content = self.scroll_area.widget()
        if content is None:
            return
        # The least heights below are read from the layouts: those still to be done
        # first (a request on its way up gave the height before it).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._fit_due = False
        # The column's least height without the form's share: the same whatever the
        # form's least height is now, so this settles at once.
        others = content.minimumSizeHint().height() - form.minimumHeight()
        room = self.scroll_area.viewport().height() - others
        if room >= FORM_LEAST_HEIGHT:
            least = min(FORM_MIN_HEIGHT, room)
        else:
            inner = form.widget()
            width = form.viewport().width()
            whole = inner.heightForWidth(width) if inner is not None else -1
            least = whole if whole > 0 else (inner.sizeHint().height() if inner else 0)
        if least != form.minimumHeight():
            form.setMinimumHeight(least)

    def update_legend(self, dark: bool) -> None:
        parts = []
        for v in VERDICTS:
            c = QColor(verdict_colour(v.key, dark)).name()
            # Non-breaking spaces: a mark never wraps away from its label.  A line may
            # still break after a dash before one (the "–" of Not checkable ended a
            # line, its name began the next): a word joiner holds the mark to it.
            name = v.label.replace(" ", "&nbsp;")
            mark = f"&nbsp;{v.mark}{WORD_JOINER}&nbsp;"
            parts.append(f'<span style="background:{c}">{mark}</span>&nbsp;{name}')
        self.legend.setText(" &nbsp; ".join(parts))

    def set_article_notes(self, notes: list[Note]) -> None:
        self.article_model.set_notes(notes)
        self.lower_tabs.setTabText(0, f"All notes ({len(notes)})" if notes else "All notes")

    def add_lower_tab(self, widget: QWidget, title: str, tooltip: str = "") -> None:
        """Add a list of the article's to the tabs beside "All notes"."""
        index = self.lower_tabs.addTab(widget, title)
        if tooltip:
            self.lower_tabs.setTabToolTip(index, tooltip)

    def set_lower_tab_title(self, widget: QWidget, title: str) -> None:
        index = self.lower_tabs.indexOf(widget)
        if index >= 0:
            self.lower_tabs.setTabText(index, title)

    def show_lower_tab(self, widget: QWidget) -> None:
        """Bring a tab of the article's lists to the front."""
        index = self.lower_tabs.indexOf(widget)
        if index >= 0:
            self.lower_tabs.setCurrentIndex(index)

    def show_selection(
        self, text: str, notes: list[Note], sentence_label: str, sentences: int = 1
    ) -> None:
        # At most QUOTE_LINES lines of the label's width (wrapping at word boundaries
        # loses a little of each line).
        from reader.core.quotes import quotable

        whole = quotable(" ".join(text.split()))
        room = int((QUOTE_LINES - 0.4) * max(self.selection_label.width(), 120))
        quote = self.selection_label.fontMetrics().elidedText(
            whole, Qt.TextElideMode.ElideRight, room
        )
        self.selection_label.setText(f"<b>{sentence_label}</b><br>“{_esc(quote)}”")
        self.selection_label.setToolTip(as_rich_text(whole) if quote != whole else "")
        self.add_button.setEnabled(True)
        self.editor.no_note_hint.setText(NO_NOTE_HINT)
        self.selection_model.set_notes(notes)
        self._fit_notes_list(len(notes), sentences=sentences)
        current = self.editor.note()
        keep = next((n for n in notes if current and n.id == current.id), None)
        choice = keep or (notes[0] if notes else None)
        self.editor.set_note(choice)
        if choice is not None:
            self.selection_list.setCurrentIndex(
                self.selection_model.index(self.selection_model.row_of(choice.id), 0)
            )
        if len(notes) == 1:
            # The one note is the editor's: the highlight said nothing and hid the
            # verdict's colour.
            self.selection_list.selectionModel().clearSelection()

    def clear_selection(self) -> None:
        self.selection_label.setText("Click a sentence to see or add its notes.")
        self.selection_label.setToolTip("")
        self.add_button.setEnabled(False)
        self.selection_model.set_notes([])
        self._fit_notes_list(0, selected=False)
        self.editor.set_note(None)
        self.editor.no_note_hint.setText("")  # nothing is selected: the label says what to do

    def _fit_notes_list(self, count: int, selected: bool = True, sentences: int = 1) -> None:
        """Show the selection's ``count`` notes in a list of a height set by the count
        alone, or one line when there are none (naming the ``sentences`` selected)."""
        empty = NO_NOTES_TEXT if sentences == 1 else NO_NOTES_ON_RUN_TEXT
        self.selection_empty.setText(empty if selected and not count else "")
        self.selection_empty.setVisible(not count)
        self.selection_list.setVisible(bool(count))
        if count:
            # Every row is two lines, whatever the note says: the height follows the
            # count alone.  (Four lines of wrapped text for one note left a blank line
            # under a short note and scrolled a long one inside a four-line box.)
            row = self.selection_list.sizeHintForRow(0)
            height = round(min(count, MOST_NOTE_ROWS) * row)
            self.selection_list.setFixedHeight(height + 2 * self.selection_list.frameWidth())

    def refresh_note(self, note: Note) -> None:
        self.selection_model.update_note(note)
        self.article_model.update_note(note)
        if self.editor.note() and self.editor.note().id == note.id:  # type: ignore[union-attr]
            self.editor.set_note(note)

    def _on_selection_list_clicked(self, index: QModelIndex) -> None:
        note = index.data(ObjectRole)
        if note is not None:
            self.editor.set_note(note)

    def _on_article_list_clicked(self, index: QModelIndex) -> None:
        note = index.data(ObjectRole)
        if note is not None:
            self.note_chosen.emit(note)


def _esc(text: str) -> str:
    import html

    return html.escape(text)
