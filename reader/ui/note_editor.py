# Size: one form (verdict, status, conclusion, body, tags, sources, workflow) whose fields
# share the save-on-edit, undo and keyboard handling; split by field it would spread that
# shared state across modules.
"""The note editor: verdict, status, conclusion, Markdown body, tags and sources of one note.

It never writes to the database itself.  It emits ``note_edited(before, after)`` a moment
after the user stops typing (and at once on focus loss or quit), and the window turns
that into an undoable command.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.markup import markdown_to_safe_html
from reader.core.models import Note, Source
from reader.core.quotes import in_quotes
from reader.core.verdicts import STATUS_LABELS, STATUSES, VERDICTS
from reader.export.claims_table import WORKFLOW_LABELS
from reader.ui.fit_widgets import FitComboBox
from reader.ui.models import SourcesModel
from reader.ui.safe_browser import SafeTextBrowser
from reader.ui.source_list import SourceDialog, SourcesList
from reader.ui.theme import LIGHT_BANNER, ErrorLabel, banner_colours, verdict_colour

if TYPE_CHECKING:
    from reader.core.worddiff import DiffColours, NoteWording

SAVE_DELAY_MS = 400
FORM_MIN_HEIGHT = 260  # px of the note's form always in sight
# Under the panel's "No notes on this sentence." line: how to write one, not that again.
NO_NOTE_HINT = "To write one, press Enter or click Add note."


class VerticalScrollArea(QScrollArea):
    """A scroll area that scrolls up and down, never sideways: it asks its layout for
    the least width of what it shows, so no field or button is cut off at its right edge
    (the note's form, the notes column)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # What it shows was laid out again (a font, a field shown): its least width may
        # have changed, and the layouts above keep the one they read until told.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        # On a hidden page (the form without a note) its layouts are not kept up to
        # date: a width read there was a stale one (of the banner's hidden buttons).
        if inner is None or not inner.isVisibleTo(self.window()):
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        width = inner.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())


def _field_can(field: QLineEdit | QPlainTextEdit, key: QKeyEvent) -> bool:
    """Whether ``field`` has an undo (or redo) of its own for ``key``; True for any
    other key."""
    undo = key.matches(QKeySequence.StandardKey.Undo)
    if not undo and not key.matches(QKeySequence.StandardKey.Redo):
        return True
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() if undo else field.isRedoAvailable()
    doc = field.document()
    return doc.isUndoAvailable() if undo else doc.isRedoAvailable()


def _completer_popup(field: QLineEdit) -> QWidget | None:
    completer = field.completer()
    return completer.popup() if completer is not None else None


def _is_history_key(key: QKeyEvent) -> bool:
    return key.matches(QKeySequence.StandardKey.Undo) or key.matches(QKeySequence.StandardKey.Redo)


def verdict_icon(key: str | None, dark: bool = False) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(verdict_colour(key, dark))
    return QIcon(pix)


def changed_banner_html(
    wording: NoteWording, wordings: bool = True, colours: DiffColours | None = None
) -> str:
    """The banner of a changed note: how loud the change is, both wordings, the diff.

    A number, a negation, a name or a quotation changed gets a loud heading; a spelling
    fix a quiet one; never nothing.  ``wordings=False`` leaves out the two wordings,
    which the diff shows too (struck out and added words), for a narrow panel.
    ``colours`` are the diff's (the light theme's by default).
    """
    from reader.core.worddiff import RATED_ON_EARLIER_WORDING, change_heading, render_html

    assert wording.diff is not None
    if not wording.diff.changed:
        return (
            "<b>⚠ Found again by approximate match</b> by an earlier version of the app, "
            f"which did not keep the words it was checked on: verdict "
            f"{RATED_ON_EARLIER_WORDING}.<br><i>Now:</i> “{html.escape(wording.current or '')}”"
        )
    heading = html.escape(change_heading(wording.diff))
    # A spelling fix is said quietly; any other change loudly.
    head = f"✎ {heading}" if wording.diff.severity == "light" else f"<b>⚠ {heading}</b>"
    both = (
        f"<i>Checked:</i> “{html.escape(wording.checked)}”<br>"
        f"<i>Now:</i> “{html.escape(wording.current or '')}”<br>"
        if wordings
        else ""
    )
    return (
        f"{head} since this note was checked: verdict {RATED_ON_EARLIER_WORDING}.<br>"
        f"{both}<i>Changes:</i> {render_html(wording.diff, colours or LIGHT_BANNER.diff)}"
    )


class NoteEditor(QWidget):
    """Edits one note; emits ``note_edited(before, after)`` debounced."""

    note_edited = Signal(object, object)
    tags_wanted = Signal()  # the tag completer is about to be used
    confirm_requested = Signal(str)
    reattach_requested = Signal(str)
    reattach_to_requested = Signal(str, int, int)  # note id, start, end
    delete_requested = Signal(str)
    # A source typed but not added waits with the note it was typed for: what to tell.
    source_draft_kept = Signal(str)
    # The claim's workflow: note id, state, and who checked it (None: unchanged).
    workflow_edited = Signal(str, str, object)
    # Ctrl+Z / Ctrl+Shift+Z pressed in a completer's list, meant for the window's history
    # (the list shows in a popup, where the window's shortcuts do not reach).
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        # Filled when the fields exist (see the end): the event filter reads them sooner.
        self._note_values: dict[QObject, str] = {}
        self._completer_fields: dict[QObject, QLineEdit] = {}
        self._note: Note | None = None
        # A source typed (address, title) but not added, by note id: it stays with its
        # note, never shown under another (see _keep_source_draft).
        self._source_drafts: dict[str, tuple[str, str]] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        self.anchor_banner = QLabel()
        self.anchor_banner.setWordWrap(True)
        # The quote comes from an article: never let Qt read it as rich text.
        self.anchor_banner.setTextFormat(Qt.TextFormat.PlainText)
        self._banner_colours = LIGHT_BANNER
        self._style_banner()
        self.confirm_button = QPushButton("Accept new wording")
        self.confirm_button.clicked.connect(
            lambda: self._note and self.confirm_requested.emit(self._note.id)
        )
        self.reattach_button = QPushButton("Attach to selection")
        self.reattach_button.setToolTip("Move this note to the sentences selected in the article")
        self.reattach_button.clicked.connect(
            lambda: self._note and self.reattach_requested.emit(self._note.id)
        )
        # For an orphan: the sentences of the new version most like its words.
        self.suggest: Callable[[Note], list[tuple[int, int, str]]] | None = None
        self.suggestions = QComboBox()
        self.suggestions.setAccessibleName("Similar sentences")
        self.suggestions.setToolTip("The sentences of the article most like this note's words")
        self.suggest_button = QPushButton("Attach here")
        self.suggest_button.clicked.connect(self._on_suggest_button_clicked)
        # The banner takes the whole width and wraps; its buttons go below it (beside
        # it, they left a 360 px panel a sliver of clipped text).
        banner_buttons = QHBoxLayout()
        banner_buttons.addWidget(self.confirm_button)
        banner_buttons.addWidget(self.reattach_button)
        banner_buttons.addStretch(1)
        banner = QVBoxLayout()
        banner.addWidget(self.anchor_banner)
        banner.addLayout(banner_buttons)
        # The stacked pages do not pass a height-for-width on, so the banner asks for
        # the height its wrapped text needs at each new width (see eventFilter).
        self.anchor_banner.installEventFilter(self)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestions, 1)
        suggestion_row.addWidget(self.suggest_button)

        # The boxes ask for their longest choice but shrink to a few characters: at a
        # large font "Missing context" alone made the form wider than the column, and
        # the right of every field and button was cut off, out of reach.
        self.verdict = FitComboBox("Verdict", min_chars=6)
        self.verdict.addItem(verdict_icon(None), "No verdict yet", None)
        for v in VERDICTS:
            self.verdict.addItem(verdict_icon(v.key), f"{v.mark} {v.label}", v.key)
        self.status = FitComboBox("Status", min_chars=6)
        for s in STATUSES:
            self.status.addItem(STATUS_LABELS[s], s)
        self.conclusion = QLineEdit()
        self.conclusion.setAccessibleName("Conclusion")
        self.conclusion.setPlaceholderText("One sentence: what is true?")
        self.claimant = QLineEdit()
        self.claimant.setAccessibleName("Claimant")
        self.claimant.setPlaceholderText("Who made the claim (found by the claim radar)")
        # Where the checking of the claim stands, kept apart from the note: read through
        # workflow_of (set by the window), edits emitted as workflow_edited.
        self.workflow_of: Callable[[str], tuple[str, str]] | None = None
        self.workflow = FitComboBox("Workflow state", min_chars=6)
        # The labels are in the states' order; core.claim_match, which names them too,
        # would add ~13 ms to opening the first article.
        for state, text in WORKFLOW_LABELS.items():
            self.workflow.addItem(text, state)
        self.workflow.activated.connect(self._on_workflow_activated)
        self.checked_by = QLineEdit()
        self.checked_by.setAccessibleName("Checked by")
        self.checked_by.setPlaceholderText("Who checked it")
        self.checked_by.editingFinished.connect(self._on_checked_by_editing_finished)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("tags, separated by commas")
        self._tag_model = QStringListModel(self)
        completer = QCompleter(self._tag_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.tags.installEventFilter(self)

        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Note (Markdown)")
        self.body.setPlaceholderText("Your note, in Markdown…")
        # Tab goes on to the sources like any form field: typed into the body, it left a
        # keyboard user no way out (and a tab character means nothing in Markdown prose).
        self.body.setTabChangesFocus(True)
        self.preview = SafeTextBrowser()
        self.preview.setAccessibleName("Note preview")
        self.body_tabs = QTabWidget()
        self.body_tabs.addTab(self.body, "Write")
        self.body_tabs.addTab(self.preview, "Preview")
        self.body_tabs.currentChanged.connect(lambda _i: self._refresh_preview())

        self.sources_model = SourcesModel(self)
        # Two lines a source, as wide as the panel: a table of six columns showed two
        # and a half of them in a 360 px panel.
        self.sources = SourcesList()
        self.sources.setModel(self.sources_model)
        self.sources.edit_requested.connect(self._edit_source)
        self.sources.remove_requested.connect(self.sources_model.remove_source)
        self.sources.move_requested.connect(self._move_source)
        self.source_dialog: SourceDialog | None = None
        self.source_url = QLineEdit()
        self.source_url.setPlaceholderText("https://… source address, or a DOI")
        self.source_url.setAccessibleName("New source address")
        self.source_title = QLineEdit()
        self.source_title.setPlaceholderText("Title (optional)")
        self.source_title.setAccessibleName("New source title")
        self.add_source_button = QPushButton("Add source")
        self.add_source_button.clicked.connect(self._on_add_source_clicked)
        self.source_url.returnPressed.connect(self._on_add_source_clicked)
        self.source_title.returnPressed.connect(self._on_add_source_clicked)
        self.edit_source_button = QPushButton("Edit…")
        self.edit_source_button.setToolTip("Edit the selected source (Enter or F2)")
        self.edit_source_button.clicked.connect(
            lambda: self._edit_source(self._selected_source_row())
        )
        self.remove_source_button = QPushButton("Remove")
        self.remove_source_button.setToolTip("Remove the selected source (Delete)")
        self.remove_source_button.clicked.connect(self._on_remove_source_clicked)
        self.up_button = QPushButton("↑")
        self.up_button.setAccessibleName("Move source up")
        self.up_button.setToolTip("Move the selected source up (Alt+Up)")
        self.up_button.clicked.connect(lambda: self._move_source(-1))
        self.down_button = QPushButton("↓")
        self.down_button.setAccessibleName("Move source down")
        self.down_button.setToolTip("Move the selected source down (Alt+Down)")
        self.down_button.clicked.connect(lambda: self._move_source(1))
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("↑") + 24)
        self.source_error = ErrorLabel()
        # Edit, Remove, ↑ and ↓ are on only when they can act on the source chosen.
        selection = self.sources.selectionModel()
        selection.currentChanged.connect(lambda *_a: self._update_source_buttons())
        selection.selectionChanged.connect(lambda *_a: self._update_source_buttons())
        for changed in (
            self.sources_model.modelReset,
            self.sources_model.rowsInserted,
            self.sources_model.rowsRemoved,
            self.sources_model.rowsMoved,
        ):
            changed.connect(lambda *_a: self._update_source_buttons())
        self._update_source_buttons()
        new_source = QVBoxLayout()
        new_source.addWidget(self.source_url)
        title_row = QHBoxLayout()
        title_row.addWidget(self.source_title, 1)
        title_row.addWidget(self.add_source_button)
        new_source.addLayout(title_row)
        source_buttons = QHBoxLayout()
        source_buttons.addWidget(self.edit_source_button)
        source_buttons.addWidget(self.remove_source_button)
        source_buttons.addWidget(self.up_button)
        source_buttons.addWidget(self.down_button)
        source_buttons.addStretch(1)

        self.delete_button = QPushButton("Delete note")
        self.delete_button.clicked.connect(
            lambda: self._note and self.delete_requested.emit(self._note.id)
        )

        form = QFormLayout()
        # Alt+V is the View menu's: the verdict's key is D.
        form.addRow("Ver&dict", self.verdict)
        form.addRow("&Status", self.status)
        form.addRow("&Conclusion", self.conclusion)
        form.addRow("Clai&mant", self.claimant)
        form.addRow("&Tags", self.tags)
        form.addRow("Wor&kflow", self.workflow)
        # A row of its own: beside the workflow box it was squeezed to "C…" in a
        # 280 px column.
        form.addRow("Checked b&y", self.checked_by)
        # In a narrow column (a large font) a field goes below its label rather than
        # past the column's edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        content = QWidget()
        content.setObjectName("noteEditorContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(banner)
        layout.addLayout(suggestion_row)
        layout.addLayout(form)
        layout.addWidget(self.body_tabs, 1)
        sources_label = QLabel("Sou&rces")
        sources_label.setBuddy(self.sources)
        layout.addWidget(sources_label)
        layout.addWidget(self.sources)
        layout.addLayout(source_buttons)
        layout.addLayout(new_source)
        layout.addWidget(self.source_error)
        # The form scrolls; the note's buttons stay on the bottom edge below it, at
        # hand however long the note is (in the panel's scroll they ended up wherever
        # the form did, often out of sight).
        self.form_scroll = VerticalScrollArea()
        self.form_scroll.setObjectName("noteEditorScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(content)
        # The lists below (all notes, claims) give way first: the form keeps room for
        # its fields, and the panel scrolls as a whole only when even that does not fit.
        self.form_scroll.setMinimumHeight(FORM_MIN_HEIGHT)
        self.button_bar = QWidget()
        self.button_bar.setObjectName("noteEditorButtons")
        bar = QHBoxLayout(self.button_bar)
        bar.setContentsMargins(0, 6, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.delete_button)
        form_page = QWidget()
        page = QVBoxLayout(form_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.form_scroll, 1)
        page.addWidget(self.button_bar)
        # Without a note the form gives way to a line that says what to do.  (A disabled
        # form was clutter, and enabling and disabling it repainted some twenty widgets:
        # most of the time of a sentence click.)
        self.no_note_hint = QLabel(NO_NOTE_HINT)
        self.no_note_hint.setWordWrap(True)
        self.no_note_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_note_hint.setContentsMargins(0, 12, 0, 0)
        self._pages = QStackedLayout(self)
        self._pages.addWidget(self.no_note_hint)
        self._pages.addWidget(form_page)

        self.verdict.currentIndexChanged.connect(self._on_changed_now)
        self.status.currentIndexChanged.connect(self._on_changed_now)
        self.conclusion.textEdited.connect(self._on_typed)
        self.conclusion.editingFinished.connect(self.flush)
        self.claimant.textEdited.connect(self._on_typed)
        self.claimant.editingFinished.connect(self.flush)
        self.tags.textEdited.connect(self._on_typed)
        self.tags.editingFinished.connect(self.flush)
        self.body.textChanged.connect(self._on_body_changed)
        self.sources_model.dataChanged.connect(self._on_changed_now)
        self.sources_model.rowsInserted.connect(self._on_changed_now)
        self.sources_model.rowsRemoved.connect(self._on_changed_now)
        self.sources_model.rowsMoved.connect(self._on_changed_now)
        self.setTabOrder(self.verdict, self.status)
        self.setTabOrder(self.status, self.conclusion)
        self.setTabOrder(self.conclusion, self.claimant)
        self.setTabOrder(self.claimant, self.tags)
        self.setTabOrder(self.tags, self.workflow)
        self.setTabOrder(self.workflow, self.checked_by)
        self.setTabOrder(self.checked_by, self.body)
        # A text field takes Ctrl+Z (and redo) even with nothing of its own to undo: the
        # window's undo (of a verdict set a moment ago, a note added) never came.  With
        # nothing to undo there, the key goes on to the window (see eventFilter).
        self._text_fields: tuple[QLineEdit | QPlainTextEdit, ...] = (
            self.conclusion,
            self.claimant,
            self.tags,
            self.checked_by,
            self.body,
            self.source_url,
            self.source_title,
        )
        for field in self._text_fields:
            field.installEventFilter(self)
        # Which of the note's values each field edits: Ctrl+Z undoes a field's own
        # typing only while the note does not hold it yet (see _field_takes).
        self._note_values.update(
            {
                self.conclusion: "conclusion",
                self.claimant: "claimant",
                self.tags: "tags",
                self.body: "body",
            }
        )
        # A completer's list is a popup: it gets the keys while it shows, and the window's
        # Ctrl+Z never fired.  Filtered after the completer's own filter, so seen first.
        for line in (f for f in self._text_fields if isinstance(f, QLineEdit)):
            popup = _completer_popup(line)
            if popup is not None:
                popup.installEventFilter(self)
                self._completer_fields[popup] = line
        self.set_note(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.anchor_banner and event.type() == QEvent.Type.Resize:
            self._fit_banner()
        if watched is self.tags and event.type() == QEvent.Type.FocusIn:
            self.tags_wanted.emit()
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and watched in self._text_fields
            and not self._field_takes(watched, event)
        ):
            return True  # not accepted: the window's shortcut gets the key
        field = self._completer_fields.get(watched)
        if field is not None and isinstance(event, QKeyEvent) and _is_history_key(event):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the key press comes here, to be sent where it belongs
                return True
            if event.type() == QEvent.Type.KeyPress:
                self._history_key_in_completer(field, event)
                return True
        return super().eventFilter(watched, event)

    def _field_takes(self, field: QObject, key: QKeyEvent) -> bool:
        """Whether ``field`` handles ``key`` itself rather than the window.

        Ctrl+Z undoes the field's own typing while the note does not hold it yet; once
        stored (a moment after the typing stops), the typing is a step of the window's
        history, and Ctrl+Z there takes it back (and shows the note's words again).
        A field with nothing of its own to undo or redo always leaves the key to the
        window.  Any other key is the field's.
        """
        if not isinstance(field, (QLineEdit, QPlainTextEdit)) or not _field_can(field, key):
            return False
        value = self._note_values.get(field)
        if value is None or self._note is None or not key.matches(QKeySequence.StandardKey.Undo):
            return True
        typed = self.current_values()
        return typed is not None and getattr(typed, value) != getattr(self._note, value)

    def _history_key_in_completer(self, field: QLineEdit, key: QKeyEvent) -> None:
        popup = _completer_popup(field)
        if popup is not None:
            popup.hide()
        undo = key.matches(QKeySequence.StandardKey.Undo)
        if self._field_takes(field, key) and undo:
            field.undo()
        elif self._field_takes(field, key):
            field.redo()
        else:
            (self.undo_requested if undo else self.redo_requested).emit()

    # -- loading --------------------------------------------------------------------

    def note(self) -> Note | None:
        return self._note

    def set_dark(self, dark: bool) -> None:
        """Redraw the verdict swatches and the changed-wording banner for a light or
        dark theme."""
        for i in range(self.verdict.count()):
            self.verdict.setItemIcon(i, verdict_icon(self.verdict.itemData(i), dark))
        if banner_colours(dark) != self._banner_colours:
            self._banner_colours = banner_colours(dark)
            self._style_banner()
            if self._note is not None:
                self._show_anchor_state(self._note)

    def _style_banner(self) -> None:
        c = self._banner_colours
        self.anchor_banner.setStyleSheet(
            f"QLabel {{ background: {c.background}; color: {c.text}; padding: 6px; "
            "border-radius: 4px; }"
        )

    def set_tag_choices(self, tags: list[str]) -> None:
        self._tag_model.setStringList(tags)

    def set_note(self, note: Note | None) -> None:
        """Show ``note`` (saving any pending edit of the previous one first)."""
        previous = self._note
        leaving = previous is not None and (note is None or note.id != previous.id)
        if leaving:
            self.flush()
            self._keep_source_draft()
        self._note = note
        self._loading = True
        try:
            page = 0 if note is None else 1
            if self._pages.currentIndex() != page:
                self._pages.setCurrentIndex(page)  # no form, no edits
                self.form_scroll.updateGeometry()  # its least width is the form's again
            n = note or Note("", "", selector=None)  # type: ignore[arg-type]
            idx = self.verdict.findData(n.verdict)
            self.verdict.setCurrentIndex(max(0, idx))
            self.status.setCurrentIndex(max(0, self.status.findData(n.status)))
            if self.conclusion.text() != n.conclusion:
                self.conclusion.setText(n.conclusion)
            if self.claimant.text() != (n.claimant or ""):
                self.claimant.setText(n.claimant or "")
            if self.tags.text() != ", ".join(n.tags):
                self.tags.setText(", ".join(n.tags))
            if self.body.toPlainText() != n.body:
                self.body.setPlainText(n.body)
            self._refresh_preview()
            self.sources_model.set_sources(n.sources)
            if leaving or previous is None:  # another note: its own draft, if any
                url, title = self._source_drafts.pop(n.id, ("", ""))
                self.source_url.setText(url)
                self.source_title.setText(title)
            self.source_error.clear()
            self._show_anchor_state(note)
            self.show_workflow()
            if leaving or previous is None:
                # Another note starts at its top: the form kept the last one's scroll,
                # and a new note's Conclusion, which has the keys, was out of sight.
                self.form_scroll.verticalScrollBar().setValue(0)
                # Each line read from its start ("ted about 10,000 homes…" showed the
                # end of a long conclusion).
                for line in (self.conclusion, self.claimant, self.tags):
                    line.setCursorPosition(0)
        finally:
            self._loading = False

    def _keep_source_draft(self) -> None:
        """Leaving the note shown: what its source fields hold stays with it.

        Added for the user, a half-typed address would be a wrong source saved; left in
        the fields, Add gave it to the next note.  It waits for the note's return
        instead, and the user is told where it is.
        """
        assert self._note is not None
        url, title = self.source_url.text().strip(), self.source_title.text().strip()
        if not (url or title):
            return
        self._source_drafts[self._note.id] = (url, title)
        shown = url or title
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        self.source_draft_kept.emit(
            f"Source “{shown}” not added: it waits in the note it was typed for "
            "(go back to that note and press Add source)."
        )

    def show_workflow(self) -> None:
        """Show the workflow of the note shown, read again through ``workflow_of``."""
        note, read = self._note, self.workflow_of
        state, checked_by = read(note.id) if note is not None and read else ("draft", "")
        self.workflow.setEnabled(read is not None)
        self.checked_by.setEnabled(read is not None)
        self.workflow.blockSignals(True)
        self.workflow.setCurrentIndex(max(0, self.workflow.findData(state)))
        self.workflow.blockSignals(False)
        if self.checked_by.text() != checked_by:
            self.checked_by.setText(checked_by)

    def _on_workflow_activated(self, _index: int) -> None:
        if self._note is not None and self.workflow_of is not None:
            state, _ = self.workflow_of(self._note.id)
            if self.workflow.currentData() != state:
                self.workflow_edited.emit(self._note.id, self.workflow.currentData(), None)

    def _on_checked_by_editing_finished(self) -> None:
        if self._note is not None and self.workflow_of is not None:
            state, checked_by = self.workflow_of(self._note.id)
            name = self.checked_by.text().strip()
            if name != checked_by:
                self.workflow_edited.emit(self._note.id, state, name)

    def _show_anchor_state(self, note: Note | None) -> None:
        state = note.anchor_state if note else "ok"
        self.anchor_banner.setVisible(state != "ok")
        self.confirm_button.setVisible(state == "changed")
        self.reattach_button.setVisible(state in ("changed", "orphan"))
        self.suggestions.clear()
        self.anchor_banner.setToolTip("")
        if state == "changed" and note is not None:
            from reader.core.worddiff import note_wording

            wording = note_wording(note)
            # Built from escaped text only: article words never become markup.
            self.anchor_banner.setTextFormat(Qt.TextFormat.RichText)
            # Three copies of a long sentence filled a laptop's panel: the banner shows
            # the diff, its tooltip both wordings in full.
            diff_colours = self._banner_colours.diff
            self.anchor_banner.setText(
                changed_banner_html(wording, wordings=False, colours=diff_colours)
            )
            self.anchor_banner.setToolTip(changed_banner_html(wording, colours=diff_colours))
        elif state == "orphan" and note is not None:
            self.anchor_banner.setTextFormat(Qt.TextFormat.PlainText)
            self.anchor_banner.setMinimumHeight(0)
            self.anchor_banner.setText(
                "⚠ The text this note was on is no longer in the article. Quote: "
                + in_quotes(note.checked_wording)
                + ". Attach it to a similar sentence, or select sentences and attach it there."
            )
            for start, end, text in self.suggest(note) if self.suggest else []:
                shown = text if len(text) <= 90 else text[:87] + "…"
                self.suggestions.addItem(shown, (start, end))
        self._fit_banner()
        has_suggestions = self.suggestions.count() > 0
        self.suggestions.setVisible(has_suggestions)
        self.suggest_button.setVisible(has_suggestions)

    def _fit_banner(self) -> None:
        banner = self.anchor_banner
        banner.setMinimumHeight(max(0, banner.heightForWidth(max(1, banner.width()))))

    def _on_suggest_button_clicked(self) -> None:
        span = self.suggestions.currentData()
        if self._note is not None and span is not None:
            self.reattach_to_requested.emit(self._note.id, span[0], span[1])

    # -- editing --------------------------------------------------------------------

    def current_values(self) -> Note | None:
        """The note as the editor shows it now."""
        if self._note is None:
            return None
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return replace(
            self._note,
            verdict=self.verdict.currentData(),
            status=self.status.currentData(),
            conclusion=self.conclusion.text().strip(),
            claimant=self.claimant.text().strip() or None,
            body=self.body.toPlainText(),
            tags=list(dict.fromkeys(tags)),
            sources=self.sources_model.sources(),
        )

    def _on_typed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def _on_body_changed(self) -> None:
        if self._loading:
            return
        self._refresh_preview()
        self._timer.start()

    def _refresh_preview(self) -> None:
        """Render the body into the preview, only while the preview is on screen."""
        if self.body_tabs.currentWidget() is self.preview:
            self.preview.setHtml(markdown_to_safe_html(self.body.toPlainText()))

    def _on_changed_now(self, *_args: object) -> None:
        if not self._loading:
            self.flush()

    def flush(self) -> None:
        """Emit any pending edit now (called on debounce, focus loss and quit)."""
        self._timer.stop()
        after = self.current_values()
        before = self._note
        if after is None or before is None or _same_content(before, after):
            return
        self._note = after
        self.note_edited.emit(before, after)

    def has_pending_edit(self) -> bool:
        return self._timer.isActive()

    def _on_add_source_clicked(self) -> None:
        from reader.core.errors import InputError
        from reader.core.source_url import checked_source_url

        try:
            # The command line's rule: http(s) or a DOI, nothing that could run or read files.
            url = checked_source_url(self.source_url.text())
        except InputError as exc:
            self.source_error.setText(str(exc))
            self.source_url.setFocus()
            return
        listed = [s.url for s in self.sources_model.sources()]
        if url in listed:
            # A second copy said nothing and was easy to miss in a two-line list.
            self.source_error.setText(f"{url} is already among this note's sources.")
            self._select_source(listed.index(url))
            self.source_url.setFocus()
            return
        self.source_error.clear()
        self.sources_model.add_source(Source(url=url, title=self.source_title.text().strip()))
        self.source_url.clear()
        self.source_title.clear()

    def _selected_source_row(self) -> int:
        return self.sources.current_row()

    def _update_source_buttons(self) -> None:
        row, count = self._selected_source_row(), self.sources_model.rowCount()
        chosen = 0 <= row < count
        self.edit_source_button.setEnabled(chosen)
        self.remove_source_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < count - 1)

    def _select_source(self, row: int) -> None:
        index = self.sources_model.index(row, 0)
        if index.isValid():
            self.sources.setCurrentIndex(index)

    def _on_remove_source_clicked(self) -> None:
        row = self._selected_source_row()
        self.sources_model.remove_source(row)
        self._select_source(min(row, self.sources_model.rowCount() - 1))

    def _move_source(self, delta: int) -> None:
        row = self._selected_source_row()
        if self.sources_model.move_source(row, delta):
            self._select_source(row + delta)

    def _edit_source(self, row: int) -> None:
        """Open the small form for the source at ``row``; OK puts it back, one undo step."""
        sources = self.sources_model.sources()
        if self._note is None or not 0 <= row < len(sources):
            return
        note_id = self._note.id
        dialog = SourceDialog(sources[row], self)
        self.source_dialog = dialog

        def put_back() -> None:
            # The note on show may have changed under a window-modal form (a reload).
            if self._note is not None and self._note.id == note_id:
                self.sources_model.replace_source(row, dialog.checked_source())
                self._select_source(row)
            self.sources.setFocus()

        dialog.accepted.connect(put_back)
        dialog.rejected.connect(self.sources.setFocus)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


def _same_content(a: Note, b: Note) -> bool:
    return (
        a.verdict,
        a.status,
        a.conclusion,
        a.claimant,
        a.body,
        a.tags,
        [s.__dict__ for s in a.sources],
    ) == (
        b.verdict,
        b.status,
        b.conclusion,
        b.claimant,
        b.body,
        b.tags,
        [s.__dict__ for s in b.sources],
    )
