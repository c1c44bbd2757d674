"""The Claims view: every noted claim of the library, grouped by link, beside the article
list (the library pane's "Claims" tab).

:class:`ClaimsTableModel` holds the rows :func:`reader.app.claim_list.list_claims`
returns (filters and sort run there, over the whole library); :class:`ClaimsView` is the
tab: filters, the table, the workflow editor of the current claim and the export
button.  A workflow change is a
:class:`reader.ui.workflow_actions.SetWorkflowCommand` on the window's undo stack.
Double-click or Enter on a claim opens its article at the sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.app.claim_list import (
    NO_VERDICT,
    SORT_KEYS,
    ClaimQuery,
    ClaimRow,
    ExportFormat,
    SortKey,
    list_claims,
    write_claims,
)
from reader.core.claim_match import WORKFLOW_STATES, WorkflowState
from reader.core.errors import UserError
from reader.core.quotes import in_quotes
from reader.core.verdicts import BY_KEY, STATUS_LABELS, VERDICTS, label
from reader.export.claims_table import WORKFLOW_LABELS
from reader.ui.empty_state import EmptyState
from reader.ui.fit_widgets import (
    FitComboBox,
    FitPairs,
    LazyFitComboBox,
    resting_width,
    speaker_row,
)
from reader.ui.models import as_rich_text
from reader.ui.table_columns import offer_column_menu

if TYPE_CHECKING:
    from reader.ui.tasks import Task
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
NoteIdRole = Qt.ItemDataRole.UserRole + 1
# Narrow headers for narrow columns; the tooltip says what they are.
HEADER_LABELS = {"Group": "#", "Articles": "Art."}
HEADER_TIPS = {
    "Group": "Group: claims linked to each other or to the same fact-check (⇄) share a number",
    "Articles": "How many articles carry the claim (through links)",
}
LINKED_MARK = "⇄"
# In a column, a short name for the longest state; the tooltip says it whole.
SHORT_WORKFLOW = {"needs_second_source": "2nd source"}
# One right-click on the header away (the current claim's workflow is under the list).
HIDDEN_COLUMNS = ("Speaker", "Checked by", "Status")
CLAIM_MIN_WIDTH = 200  # the claim's column, when the Claims tab asks for room
CLAIM_LEAST_CHARS = 14  # the claim's column never narrower, the table scrolling instead
# Listing 10,000 claims takes about 0.2 s (in a worker): a burst of changes is one query.
REFRESH_DELAY_MS = 250
NO_CLAIMS = (
    "No claims yet. Select a sentence in an article and press Enter to add a note: "
    "its claim is listed here. Fact-checks you import (File → Import fact-checks) "
    "are suggested under Seen before and listed here once linked to a note."
)
NO_MATCH = "No claims match the filters."


class ClaimsTableModel(QAbstractTableModel):
    """The claims of the library as :func:`list_claims` returns them, one row each."""

    COLUMNS = (
        "Group",
        "Claim",
        "Verdict",
        "Articles",
        "Speaker",
        "Workflow",
        "Checked by",
        "Status",
        "Changed",
    )
    # The use case's sort keys name the columns, in the same order.
    SORT_KEYS: tuple[SortKey, ...] = SORT_KEYS

    def __init__(self, reload: Callable[[], None], parent: Any = None) -> None:
        super().__init__(parent)
        # Asked to load the rows of ``query`` (in a worker) when the sort changes.
        self._reload = reload
        self.query = ClaimQuery()
        self.rows: list[ClaimRow] = []
        self.dark = False

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_query(self, query: ClaimQuery) -> None:
        self.query = query
        self._reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole library's claims by ``column`` (groups stay together)."""
        key = self.SORT_KEYS[column] if 0 <= column < len(self.SORT_KEYS) else "group"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.set_query(_with(self.query, sort=key, descending=descending))

    def row_of(self, note_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.note_id == note_id), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        name = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADER_LABELS.get(name, name)
        if role == Qt.ItemDataRole.ToolTipRole and name in HEADER_TIPS:
            return HEADER_TIPS[name]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == NoteIdRole:
            return r.note_id
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(r, col)
        if role == Qt.ItemDataRole.BackgroundRole and col == "Verdict":
            from reader.ui.theme import verdict_colour

            return QBrush(verdict_colour(r.verdict, self.dark))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == "Claim":
            return f"{label(r.verdict)} claim: {r.text}"
        return None


def _linked(r: ClaimRow) -> bool:
    return r.group_size > 1 or bool(r.factchecks)


def _display(r: ClaimRow, col: str) -> str:
    if col == "Group":
        return f"{LINKED_MARK}{r.group}" if _linked(r) else str(r.group)
    if col == "Claim":
        return r.text
    if col == "Verdict":
        mark = BY_KEY[r.verdict].mark + " " if r.verdict in BY_KEY else ""
        return f"{mark}{label(r.verdict)}"
    if col == "Articles":
        return str(len(r.article_titles))
    if col == "Speaker":
        return r.speaker
    if col == "Workflow":
        return SHORT_WORKFLOW.get(r.state, WORKFLOW_LABELS[r.state])
    if col == "Checked by":
        return r.checked_by
    if col == "Status":
        return STATUS_LABELS.get(r.status, r.status)
    return when(r.last_change)  # "Changed"


def _tooltip(r: ClaimRow, col: str) -> str | None:
    if col == "Claim":
        return as_rich_text(in_quotes(r.text) + f"\n\nIn: {r.article_title}")
    if col == "Verdict":
        return label(r.verdict)
    if col == "Articles":
        return as_rich_text("\n".join(r.article_titles))
    if col == "Group":
        if not _linked(r):
            return "Not linked to another claim"
        parts = [f"{r.group_size} linked note{'s' * (r.group_size != 1)}"]
        parts += [f"Fact-check: {check}" for check in r.factchecks]
        return as_rich_text("\n".join(parts))
    if col == "Changed":
        return when(r.last_change, whole=True)
    if col == "Workflow":
        return WORKFLOW_LABELS[r.state]
    if col == "Speaker" and r.speaker:  # the column cuts a long name
        return r.speaker
    if col == "Checked by" and r.checked_by:
        return r.checked_by
    return None


def when(iso: str, *, whole: bool = False, today: date | None = None) -> str:
    """A stored UTC time in local time: the time alone for today, else the date (as
    mail readers do); ``whole``: date and time to the minute."""
    try:
        stamp = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    if whole:
        return stamp.strftime("%Y-%m-%d %H:%M")
    if stamp.date() == (today or datetime.now().astimezone().date()):
        return stamp.strftime("%H:%M")
    return stamp.strftime("%Y-%m-%d")


def column_widths(view: QTableView) -> dict[str, int]:
    """The width of each column but the claim's, from the font ``view`` shows."""
    fm = view.fontMetrics()
    pad = 12  # the cell's margins
    arrow = fm.height() + 8  # the header's margins and its sort arrow beside the name

    def fit(header: str, *contents: str) -> int:
        head = fm.horizontalAdvance(header) + arrow
        return max([head, *(fm.horizontalAdvance(c) + pad for c in contents)])

    verdicts = [f"{v.mark} {v.label}" for v in VERDICTS] + [label(None)]
    workflow = [SHORT_WORKFLOW.get(k, v) for k, v in WORKFLOW_LABELS.items()]
    return {
        "Group": fit("#", f"{LINKED_MARK}999"),
        "Verdict": fit("Verdict", *verdicts),
        "Articles": fit(HEADER_LABELS["Articles"], "99"),
        "Speaker": fit("Speaker", "x" * 14),
        "Workflow": fit("Workflow", *workflow),
        "Checked by": fit("Checked by", "x" * 10),
        "Status": fit("Status", *STATUS_LABELS.values()),
        "Changed": fit("Changed", "2026-12-31", "23:59"),
    }


def _with(query: ClaimQuery, **changes: Any) -> ClaimQuery:
    from dataclasses import replace

    return replace(query, **changes)


class ClaimsView(QWidget):
    """The Claims tab: filters, the table of claims, the current claim's workflow, export."""

    def __init__(self, window: ReaderWindow) -> None:
        super().__init__()
        self.mw = window
        self._stale = True  # reloaded when next shown: a hidden tab never queries
        self._loading: Task | None = None
        self._again = False  # reload once the running query ends
        self._export_after_loading: ExportFormat | None = None  # File → Export claims
        self._keep: str | None = None  # the claim to make current when the rows come
        self._restoring = False
        self.model = ClaimsTableModel(self._on_query_changed, self)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter claims…")
        self.filter_edit.setAccessibleName("Filter claims")
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.on_filters_changed)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.verdict_filter = FitComboBox("Filter claims by verdict")
        self.verdict_filter.addItem("Any verdict", None)
        self.verdict_filter.addItem("No verdict", NO_VERDICT)
        for v in VERDICTS:
            self.verdict_filter.addItem(f"{v.mark} {v.label}", v.key)
        self.state_filter = FitComboBox("Filter claims by workflow state")
        self.state_filter.addItem("Any state", None)
        for s in WORKFLOW_STATES:
            self.state_filter.addItem(WORKFLOW_LABELS[s], s)
        self.speaker_filter = LazyFitComboBox(self.refresh_speakers, "Filter claims by speaker")
        self.speaker_filter.addItem("Anyone", None)
        for box in (self.verdict_filter, self.state_filter, self.speaker_filter):
            box.currentIndexChanged.connect(self.on_filters_changed)
        self.view = self._build_view()
        self.view.viewport().installEventFilter(self)  # the claim's column follows it
        self.state_edit = FitComboBox("Workflow state of the claim")
        self.state_edit.setToolTip("Where the checking of the selected claim stands")
        for s in WORKFLOW_STATES:
            self.state_edit.addItem(WORKFLOW_LABELS[s], s)
        self.state_edit.activated.connect(self._on_state_edit_activated)
        self.checked_by_edit = QLineEdit()
        self.checked_by_edit.setPlaceholderText("Checked by")
        self.checked_by_edit.setAccessibleName("Checked by")
        self.checked_by_edit.setToolTip("Who checked the selected claim")
        self.checked_by_edit.editingFinished.connect(self._on_checked_by_edit_finished)
        self.count_label = QLabel()
        self.export_button = QPushButton("Export claims")
        self.export_button.setToolTip(
            "Write the claims listed (as filtered and sorted here) to a CSV or Markdown file"
        )
        menu = QMenu(self.export_button)
        menu.addAction("As CSV (for a spreadsheet)…", lambda: self.export_dialog("csv"))
        menu.addAction("As Markdown…", lambda: self.export_dialog("markdown"))
        self.export_button.setMenu(menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        # In a row while each shows its usual words whole ("Any verdict"); in a narrow
        # column (a large font at 1024 px), fewer to a row rather than cut ("Any verdi").
        self.filters = FitPairs(
            [self.verdict_filter, self.state_filter, self.speaker_filter], 3, resting_width
        )
        layout.addWidget(self.filters)
        layout.addWidget(self.view)
        # Says whose workflow the two boxes edit (greyed: no claim is selected).
        self.selected_label = QLabel("Selected claim:")
        self.selected_label.setBuddy(self.state_edit)
        # "Checked by" on a row of its own rather than cut ("Check…").
        self.workflow_row = FitPairs(
            [self.selected_label, self.state_edit, self.checked_by_edit], 3, resting_width
        )
        layout.addWidget(self.workflow_row)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self.export_button.setEnabled(False)  # until claims are listed
        self._update_editor()

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("claimsTableView")
        view.setAccessibleName("Claims")
        view.setModel(self.model)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Rows are chosen whole: Tab goes on to the workflow boxes, not to the next cell.
        view.setTabKeyNavigation(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        # The claim takes what the other columns leave (see _fit_claim_column).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(24)
        # Each column as wide as its longest usual content (or its header and the sort
        # arrow), measured in the view's font: nothing is cut at the Claims tab's width.
        for name, width in column_widths(view).items():
            header.resizeSection(self.model.COLUMNS.index(name), width)
        for name in HIDDEN_COLUMNS:
            header.hideSection(self.model.COLUMNS.index(name))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self._columns = header.saveState()
        self.model.modelAboutToBeReset.connect(
            lambda: setattr(self, "_columns", header.saveState())
        )
        self.model.modelReset.connect(lambda: header.restoreState(self._columns))
        self.model.modelReset.connect(self._fit_claim_column)
        self.model.modelReset.connect(self._update_count)
        # A column the user sizes (or shows, or hides) keeps its width: the claim's
        # gives or takes the difference.
        header.sectionResized.connect(self._on_section_resized)
        # The empty list says why, in the table's place.
        self.empty = EmptyState(view, "claimsEmpty")
        self.empty_label = self.empty.label
        self.model.modelReset.connect(self._update_empty)
        view.activated.connect(self._on_view_activated)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._update_editor())
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_claim_column()
        return super().eventFilter(watched, event)

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self.model.COLUMNS.index("Claim"):
            self._fit_claim_column()

    def claim_least_width(self) -> int:
        """The least width of the claim's column: a few words of the claim."""
        return CLAIM_LEAST_CHARS * self.view.fontMetrics().averageCharWidth() + 12

    def _fit_claim_column(self) -> None:
        """Give the claim's column what the other shown columns leave of the table, and
        no less than a few words: the table scrolls rather than cut it to "The b…".
        Qt's stretch column left it at whatever it had when the other columns
        filled the table (40 px at 1024 px) and never widened it again as the
        window grew."""
        header = self.view.horizontalHeader()
        claim = self.model.COLUMNS.index("Claim")
        # Fixed: it follows the table, not the user's drag; an older session's state
        # (Stretch) is set right.
        if header.sectionResizeMode(claim) != QHeaderView.ResizeMode.Fixed:
            header.setSectionResizeMode(claim, QHeaderView.ResizeMode.Fixed)
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != claim and not header.isSectionHidden(i)
        )
        width = max(self.claim_least_width(), self.view.viewport().width() - others)
        if header.sectionSize(claim) != width:
            header.resizeSection(claim, width)

    def wanted_width(self) -> int:
        """The width that shows every shown column whole and the claim readable."""
        header = self.view.horizontalHeader()
        claim = self.model.COLUMNS.index("Claim")
        columns = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != claim and not header.isSectionHidden(i)
        )
        bar = self.view.verticalScrollBar().sizeHint().width()
        return columns + CLAIM_MIN_WIDTH + bar + 2 * self.view.frameWidth()

    def restore_columns(self, state: QByteArray) -> None:
        """Widths, shown columns and the sort of an earlier session."""
        header = self.view.horizontalHeader()
        self._restoring = True  # the sort it brings is loaded once, by the next reload
        try:
            if header.restoreState(state):
                self._columns = header.saveState()
                claim = self.model.COLUMNS.index("Claim")
                header.setSectionHidden(claim, False)  # always shown
                self._fit_claim_column()
                self._columns = header.saveState()
        finally:
            self._restoring = False

    def _on_query_changed(self) -> None:
        if not self._restoring:
            self.reload()

    def _update_empty(self) -> None:
        """Say why the list is empty: no claims at all, or none that match."""
        self.export_button.setEnabled(bool(self.model.rows))  # nothing to write otherwise
        if self.model.rows or self.loading:
            self.empty.show_text(None)
        else:
            self.empty.show_text(NO_MATCH if self.model.query.filtered else NO_CLAIMS)

    def _on_header_menu(self, pos: QPoint) -> None:
        """Right-click on the header: show or hide columns (the claim always shows)."""
        columns = self.model.COLUMNS
        header = self.view.horizontalHeader()
        offer_column_menu(self, header, columns, columns.index("Claim"), pos)
        self.mw.library.fit_claims_width()  # a column shown: room for it, if there is

    # -- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """The library changed: reload soon if the tab shows, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            # Each saved keystroke of the note editor lands here: one query for a burst.
            self._refresh_timer.start()

    def _on_refresh_timer_timeout(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    @property
    def loading(self) -> bool:
        """Whether a query is running (its rows are not shown yet)."""
        return self._loading is not None

    def reload(self, keep: str | None = None) -> None:
        """Query the claims again in the background, keeping the current claim (or
        ``keep``) current.  A reload asked for meanwhile runs when this one ends."""
        self._keep = keep or self.current_note_id() or self._keep
        self._stale = False
        if self._loading is not None:
            self._again = True
            return
        self._start_loading()

    def _start_loading(self) -> None:
        from reader.ui import tasks

        # A worker opens its own library: 50,000 claims take over a second to list.
        db_path, query = self.mw.db_path, self.model.query

        def work(_cancel: object, _progress: object) -> list[ClaimRow]:
            from reader.store import Library

            with Library(db_path) as lib:
                return list_claims(lib, query)

        task = tasks.Task(work, self)
        task.finished.connect(self._on_loading_finished)
        task.failed.connect(self._on_loading_failed)
        self._loading = task
        if not self.model.rows:
            self.count_label.setText("Listing claims…")
        tasks.start(task)

    def _on_loading_finished(self, rows: list[ClaimRow]) -> None:
        self._loading = None
        keep, self._keep = self._keep, None
        self.model.dark = self.mw.reader_style.dark
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep)
        self._update_editor()
        if self._again:
            self._again = False
            self.reload(keep)
        elif self._export_after_loading is not None:
            fmt, self._export_after_loading = self._export_after_loading, None
            self.export_dialog(fmt)

    def _on_loading_failed(self, exc: BaseException) -> None:
        self._loading = None
        self._again = False
        self._export_after_loading = None
        self.mw.show_error(exc)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def on_filters_changed(self) -> None:
        self._filter_timer.stop()
        self.model.set_query(
            _with(
                self.model.query,
                text=self.filter_edit.text().strip(),
                verdict=self.verdict_filter.currentData(),
                state=self.state_filter.currentData(),
                speaker=self.speaker_filter.currentData(),
            )
        )

    def refresh_speakers(self) -> None:
        """Read every speaker again (when the speaker list opens)."""
        box = self.speaker_filter
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("Anyone", None)
        for name in self.mw.lib.speakers():
            box.addItem(name, name)
        box.setCurrentIndex(speaker_row(box, current))
        box.blockSignals(False)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        text = f"{n} claim{'s' * (n != 1)}"
        if self.model.query.filtered:
            text += " matches" if n == 1 else " match"
        self.count_label.setText(text)

    # -- the current claim --------------------------------------------------------------

    def current_row(self) -> ClaimRow | None:
        idx = self.view.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() else None

    def current_note_id(self) -> str | None:
        row = self.current_row()
        return row.note_id if row else None

    def select(self, note_id: str) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 1))

    def _update_editor(self) -> None:
        row = self.current_row()
        editable = row is not None and not self.mw.read_only
        self.state_edit.setEnabled(editable)
        self.selected_label.setEnabled(row is not None)
        self.checked_by_edit.setEnabled(editable)
        self.state_edit.blockSignals(True)
        self.checked_by_edit.blockSignals(True)
        if row is None:
            self.state_edit.setCurrentIndex(0)
            self.checked_by_edit.clear()
        else:
            self.state_edit.setCurrentIndex(self.state_edit.findData(row.state))
            if self.checked_by_edit.text() != row.checked_by:
                self.checked_by_edit.setText(row.checked_by)
        self.state_edit.blockSignals(False)
        self.checked_by_edit.blockSignals(False)

    def _on_state_edit_activated(self, _index: int) -> None:
        row = self.current_row()
        state: WorkflowState | None = self.state_edit.currentData()
        if row is None or state is None or state == row.state:
            return
        self.set_workflow(row.note_id, state, None)

    def _on_checked_by_edit_finished(self) -> None:
        row = self.current_row()
        name = self.checked_by_edit.text().strip()
        if row is None or name == row.checked_by:
            return
        self.set_workflow(row.note_id, row.state, name)

    def set_workflow(self, note_id: str, state: WorkflowState, checked_by: str | None) -> None:
        """Change a claim's workflow (and who checked it, unless None), undoably."""
        from reader.ui.workflow_actions import set_workflow

        set_workflow(self.mw, note_id, state, checked_by)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        select = None if row.anchor_state == "orphan" else (row.start, row.end)
        self.mw.open_article(row.article_id, select=select)

    # -- export -------------------------------------------------------------------------

    def export_dialog(self, fmt: ExportFormat) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.loading or self._again:  # the tab was just opened: export what it lists
            self._export_after_loading = fmt
            return
        mw = self.mw
        if not self.model.rows:
            # Said before a file is asked for: an export of no claim wrote an empty file.
            from reader.ui import messages

            messages.inform(
                mw.window(),
                "No claims to export: the Claims tab lists none. Add a note to a sentence, "
                "or clear the filters.",
            )
            return
        suffix, kind = (".csv", "CSV (*.csv)") if fmt == "csv" else (".md", "Markdown (*.md)")
        folder = Path(str(mw.settings.value("export_dir", str(Path.home()))))
        path, _ = QFileDialog.getSaveFileName(
            mw.window(), "Export the claims shown", str(folder / f"claims{suffix}"), kind
        )
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: ExportFormat) -> None:
        """Write the claims the view shows (filtered and sorted as shown) to ``path``."""
        mw = self.mw
        try:
            write_claims(path, self.model.rows, fmt)
        except UserError as exc:
            mw.show_error(exc)
            return
        mw.settings.setValue("export_dir", str(path.parent))
        n = len(self.model.rows)
        mw.statusBar().showMessage(f"Wrote {n} claim{'s' * (n != 1)} to {path}", 4000)
