"""The main window: library list, reading column and notes panel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import NoArticleError, UserError
from reader.core.models import Article, Note
from reader.core.verdicts import STATUS_LABELS, STATUSES, VERDICTS, VerdictKey, label
from reader.store import Library
from reader.ui import messages, tasks, undo
from reader.ui.models import LibraryFilterProxy, LibraryModel
from reader.ui.theme import DEFAULT_FONT_PT, THEMES, ReaderStyle, apply_theme, is_dark
from reader.ui.undo import (
    AddNoteCommand,
    CallbackCommand,
    DeleteArticlesCommand,
    DeleteNoteCommand,
    EditNoteCommand,
    StoreCommand,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from reader.ui.notes_panel import NotesPanel
    from reader.ui.reader_view import ReaderView

log = logging.getLogger(__name__)

LIBRARY_COLUMN_WIDTHS = {"Site": 110, "Published": 84, "Imported": 84, "Notes": 64, "Status": 90}
LIBRARY_COLUMNS_HIDDEN = ("Site", "Published", "Status")
VERDICT_KEYS = {str((i + 1) % 10): v.key for i, v in enumerate(VERDICTS[:10])}
MAX_RECENT = 10


class MainWindow(QMainWindow):
    """One window on one library file."""

    def __init__(self, db_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.settings = settings or QSettings()
        self.lib = Library(self.db_path)
        self.article: Article | None = None
        self.notes: list[Note] = []
        self.undo_stack = QUndoStack(self)
        undo.report_error = self.show_error
        self._tasks: list[tasks.Task] = []
        self.setWindowTitle("Fact-Check Reader")
        self.setAcceptDrops(True)
        self.theme = str(self.settings.value("theme", "system"))
        self.reader_style = ReaderStyle(
            font_pt=_int_setting(self.settings.value("font_pt"), DEFAULT_FONT_PT),
            line_height=_int_setting(self.settings.value("line_height"), 150),
        )
        self._apply_app_theme()  # before the widgets exist, so none is polished twice
        self._build_ui()
        self._build_actions()
        self._apply_reader_theme()
        self._restore_layout()
        # Collecting every tag reads every note, so it waits until a tag list is wanted.
        self._tags: list[str] | None = None
        self._show_welcome_if_empty()

    # -- construction ---------------------------------------------------------------

    def _build_ui(self) -> None:
        self.library_model = LibraryModel(lambda: self.lib, self)
        self.library_proxy = LibraryFilterProxy(self)
        self.library_proxy.setSourceModel(self.library_model)
        self.library_filter = QLineEdit()
        self.library_filter.setPlaceholderText("Filter articles…")
        self.library_filter.setAccessibleName("Filter articles")
        self.library_filter.setClearButtonEnabled(True)
        # Each change of the text queries the whole library: wait for a pause in typing.
        self._library_filter_timer = QTimer(self)
        self._library_filter_timer.setSingleShot(True)
        self._library_filter_timer.setInterval(150)
        self._library_filter_timer.timeout.connect(self._on_filters_changed)
        self.library_filter.textChanged.connect(self._library_filter_timer.start)
        self.verdict_filter = QComboBox()
        self.verdict_filter.setAccessibleName("Filter by verdict")
        self.verdict_filter.addItem("Any verdict", None)
        for v in VERDICTS:
            self.verdict_filter.addItem(v.label, v.key)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("Any status", None)
        self.status_filter.addItem("Has notes", "__has")
        self.status_filter.addItem("No notes", "__none")
        for s in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[s], s)
        self.tag_filter = _TagFilterBox(self._ensure_tags)
        self.tag_filter.setAccessibleName("Filter by tag")
        self.tag_filter.addItem("Any tag", None)
        self.tag_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.verdict_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.library_view = QTableView()
        self.library_view.setObjectName("libraryView")
        self.library_view.setAccessibleName("Articles")
        self.library_view.setModel(self.library_proxy)
        # Newest import first, set before sorting is enabled: enabling it sorts by the
        # header's indicator at once, and the model's own order then needs no query.
        self.library_view.horizontalHeader().setSortIndicator(
            LibraryModel.COLUMNS.index("Imported"), Qt.SortOrder.DescendingOrder
        )
        self.library_view.setSortingEnabled(True)
        self.library_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.library_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.library_view.verticalHeader().hide()
        header = self.library_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A narrow column cannot show six: the title gets the room, the rest is one
        # right-click on the header away (and the choice is remembered).
        for name, width in LIBRARY_COLUMN_WIDTHS.items():
            header.resizeSection(LibraryModel.COLUMNS.index(name), width)
        for name in LIBRARY_COLUMNS_HIDDEN:
            header.hideSection(LibraryModel.COLUMNS.index(name))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_library_header_menu)
        # A reset of the list (each filter, sort or reload) forgets widths and hidden
        # columns: they are carried across it.
        self._library_columns = header.saveState()
        self.library_proxy.modelAboutToBeReset.connect(
            lambda: setattr(self, "_library_columns", header.saveState())
        )
        self.library_proxy.modelReset.connect(lambda: header.restoreState(self._library_columns))
        self.library_view.setWordWrap(False)
        self.library_view.selectionModel().currentRowChanged.connect(
            self._on_library_view_current_changed
        )
        # A filter or a sort reloads the list: the open article's row, if it is among
        # the rows shown, is selected again.
        self.library_model.modelReset.connect(
            lambda: self._select_in_library(self.article.id) if self.article else None
        )
        library_panel = QWidget()
        ll = QVBoxLayout(library_panel)
        ll.setContentsMargins(6, 6, 0, 6)
        ll.addWidget(self.library_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.verdict_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tag_filter)
        ll.addLayout(filters)
        ll.addWidget(self.library_view)

        self.welcome = QLabel()
        self.welcome.setObjectName("welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        # The reader and the notes panel are built when the first article opens (see
        # _build_reading_panes); until then the notes column says what it is for.
        self._reader: ReaderView | None = None
        self._notes_panel: NotesPanel | None = None
        self._panes_installed = False
        self._notes_placeholder = QLabel(
            "Notes appear here: open an article, click a sentence and press Enter."
        )
        self._notes_placeholder.setObjectName("notesPlaceholder")
        self._notes_placeholder.setWordWrap(True)
        self._notes_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._notes_placeholder.setContentsMargins(24, 24, 24, 24)
        self._notes_placeholder.setEnabled(False)  # drawn in the disabled text colour

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(library_panel)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self._notes_placeholder)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 3)
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage("Ready", 2000)

    # -- the reader and the notes panel, built when first needed ----------------------

    @property
    def reader(self) -> ReaderView:
        if not self._panes_installed:
            self._install_reading_panes()
        assert self._reader is not None
        return self._reader

    @property
    def notes_panel(self) -> NotesPanel:
        if not self._panes_installed:
            self._install_reading_panes()
        assert self._notes_panel is not None
        return self._notes_panel

    def prepare_reading_panes_when_idle(self, delay_ms: int = 250) -> None:
        """Build the reader and the notes panel soon after start-up, in the background
        of the event loop, so the first article opens as fast as the next ones."""
        QTimer.singleShot(delay_ms, self._build_reading_panes)

    def _install_reading_panes(self) -> None:
        """Put the reader and the notes panel in place of the notes column's hint."""
        self._build_reading_panes()
        assert self._notes_panel is not None
        # The column keeps its width (the panel would take its own preferred width,
        # squeezing the reader in a narrow window) and its share when the window grows.
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(2, self._notes_panel)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes(sizes)
        self._notes_placeholder.deleteLater()
        self._panes_installed = True

    def _build_reading_panes(self) -> None:
        """Build the reader and the notes panel (once), without showing the panel.

        Start-up shows the library without them: their modules and widgets cost about
        a quarter of the time from launch to the window shown (tests/bench/startup.py).
        The reader goes on the centre's second page, which the welcome text hides.
        """
        if self._reader is not None:
            return
        from reader.ui.notes_panel import NotesPanel
        from reader.ui.reader_view import ReaderView

        reader = self._reader = ReaderView()
        reader.selection_changed.connect(self._on_reader_selection_changed)
        reader.sentence_activated.connect(lambda *_: self.add_note())
        reader.link_refused.connect(self._on_link_refused)
        reader.block_drop_requested.connect(self._on_reader_block_drop_requested)
        self.header = QLabel()
        self.header.setObjectName("articleHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(False)
        self.header.linkActivated.connect(self._on_header_link)
        self.header.setContentsMargins(12, 6, 12, 0)
        self.find_bar = QWidget()
        fb = QHBoxLayout(self.find_bar)
        fb.setContentsMargins(12, 0, 12, 0)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find in article")
        self.find_edit.setAccessibleName("Find in article")
        self.find_edit.textChanged.connect(self._on_find_edit_changed)
        self.find_edit.returnPressed.connect(lambda: self._find_step(1))
        self.find_count = QLabel()
        prev_b = QPushButton("Previous")
        prev_b.clicked.connect(lambda: self._find_step(-1))
        next_b = QPushButton("Next")
        next_b.clicked.connect(lambda: self._find_step(1))
        close_b = QPushButton("Close")
        close_b.clicked.connect(self._close_find)
        for w in (self.find_edit, self.find_count, prev_b, next_b, close_b):
            fb.addWidget(w)
        self.find_bar.hide()
        QShortcut(
            QKeySequence("Escape"),
            self.find_bar,
            self._close_find,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        article_page = QWidget()
        al = QVBoxLayout(article_page)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.header)
        al.addWidget(self.find_bar)
        al.addWidget(reader, 1)

        self.center.addWidget(article_page)

        panel = self._notes_panel = NotesPanel(dark=lambda: self.reader_style.dark)
        panel.add_requested.connect(self.add_note)
        panel.note_chosen.connect(self._on_notes_panel_note_chosen)
        ed = panel.editor
        ed.note_edited.connect(self._on_editor_note_edited)
        ed.tags_wanted.connect(self._ensure_tags)
        ed.confirm_requested.connect(self._on_editor_confirm_requested)
        ed.reattach_requested.connect(self._on_editor_reattach_requested)
        ed.delete_requested.connect(self._on_editor_delete_requested)

        for key, vkey in VERDICT_KEYS.items():
            act = QAction(f"Verdict: {label(vkey)}", reader)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda checked=False, k=vkey: self.set_verdict_key(k))
            reader.addAction(act)
        nstate = self.settings.value("notes_splitter")
        if isinstance(nstate, QByteArray) and not nstate.isEmpty():
            panel.splitter.restoreState(nstate)
        if self._tags is not None:
            panel.editor.set_tag_choices(self._tags)
        self._apply_reader_theme()

    def _flush_editor(self) -> None:
        """Store the note editor's pending edit, if the editor exists."""
        if self._notes_panel is not None:
            self._notes_panel.editor.flush()

    def _clear_reading_panes(self) -> None:
        if self._panes_installed:
            self.reader.show_article(None, [])
            self.notes_panel.set_article_notes([])
            self.notes_panel.clear_selection()

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: Any = None,
        menu: Any = None,
        context: Qt.ShortcutContext | None = None,
        owner: QWidget | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if context is not None:
            act.setShortcutContext(context)
        act.triggered.connect(lambda checked=False: slot())
        if menu is not None:
            menu.addAction(act)
        # A shortcut registered on two widgets is ambiguous and fires on neither.
        (owner or self).addAction(act)
        return act

    def _build_actions(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu("&File")
        self._action("&Open…", self.open_files_dialog, QKeySequence.StandardKey.Open, f)
        self._action("Open &URL…", self.open_url_dialog, "Ctrl+L", f)
        self._action("&Paste article", self.paste_article, "Ctrl+Shift+V", f)
        self.recent_menu = f.addMenu("Open &recent")
        self._fill_recent_menu()
        f.addSeparator()
        self.update_action = self._action(
            "Update article from file or URL…", self.update_article_dialog, None, f
        )
        self.reclean_action = self._action("Re-&clean article", self.reclean_article, None, f)
        self.original_action = self._action("View &original", self.view_original, None, f)
        f.addSeparator()
        self.export_md_action = self._action(
            "&Export notes as Markdown…", self.export_markdown, "Ctrl+E", f
        )
        self._action("Export as &PDF…", self.export_pdf, None, f)
        self._action(
            "Export as ClaimReview JSON-LD…", lambda: self.export_other("claimreview"), None, f
        )
        self._action(
            "Export as Web Annotations…", lambda: self.export_other("annotations"), None, f
        )
        self._action("Export all articles as Markdown…", self.export_all_markdown, None, f)
        self._action("Export library as JSON…", self.export_json, None, f)
        self._action("Import JSON…", self.import_json, None, f)
        f.addSeparator()
        self._action("Back up library now", self.backup_now, None, f)
        self._action("Restore a backup…", self.restore_backup_dialog, None, f)
        f.addSeparator()
        self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, f)

        e = mb.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        e.addAction(self.undo_action)
        e.addAction(self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        e.addSeparator()
        self._action("Add &note", self.add_note, "Ctrl+N", e)
        self._action("Copy note as Markdown", self.copy_note_markdown, None, e)
        self._action("Copy all notes as Markdown", self.copy_all_notes_markdown, "Ctrl+Shift+C", e)
        self._action("Delete note", self.delete_current_note, None, e)
        e.addSeparator()
        self._action("&Find in article", self.show_find, QKeySequence.StandardKey.Find, e)
        self._action("&Search everything…", self.search_everything, "Ctrl+K", e)
        e.addSeparator()
        self.delete_articles_action = self._action(
            "Move article to Trash",
            self.delete_selected_articles,
            "Delete",
            e,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            owner=self.library_view,
        )
        self._action("Trash…", self.show_trash, None, e)
        self._action("Author name for exports…", self.set_author, None, e)

        v = mb.addMenu("&View")
        self._action("&Bigger text", lambda: self.change_font(1), ["Ctrl++", "Ctrl+="], v)
        self._action("&Smaller text", lambda: self.change_font(-1), "Ctrl+-", v)
        self._action("&Reset text size", lambda: self.change_font(0), "Ctrl+0", v)
        self._action("More line spacing", lambda: self.change_spacing(10), None, v)
        self._action("Less line spacing", lambda: self.change_spacing(-10), None, v)
        t = v.addMenu("&Theme")
        for name in THEMES:
            act = self._action(name.capitalize(), lambda n=name: self.set_theme(n), None, t)
            act.setCheckable(True)
            act.setChecked(name == self.theme)
        v.addSeparator()
        self._action("Article &versions…", self.show_versions, None, v)
        self._action("Focus library", lambda: self.library_view.setFocus(), "Ctrl+1", v)
        self._action("Focus article", lambda: self.article and self.reader.setFocus(), "Ctrl+2", v)
        self._action(
            "Focus notes",
            lambda: self.article and self.notes_panel.editor.verdict.setFocus(),
            "Ctrl+3",
            v,
        )

        h = mb.addMenu("&Help")
        self._action("&Keyboard shortcuts", self.show_shortcuts, "F1", h)
        self._action("&About Fact-Check Reader", self.show_about, None, h)
        self._update_article_actions()

    def _on_library_header_menu(self, pos: Any) -> None:
        """Right-click on the list's header: show or hide its columns."""
        from PySide6.QtWidgets import QMenu

        header = self.library_view.horizontalHeader()
        menu = QMenu(self)
        for i, name in enumerate(LibraryModel.COLUMNS):
            if i == 0:
                continue  # the title always shows
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(i))
            act.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        menu.exec(header.mapToGlobal(pos))

    # -- settings -------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geo = self.settings.value("geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 800)
        state = self.settings.value("splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([300, 620, 360])
        columns = self.settings.value("library_columns")
        if isinstance(columns, QByteArray) and not columns.isEmpty():
            # Widths, shown columns and the sort the user chose last time.
            self.library_view.horizontalHeader().restoreState(columns)

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("library_columns", self.library_view.horizontalHeader().saveState())
        if self._panes_installed:  # else the saved proportions are still the user's
            assert self._notes_panel is not None
            self.settings.setValue("notes_splitter", self._notes_panel.splitter.saveState())
        self.settings.setValue("theme", self.theme)
        self.settings.setValue("font_pt", self.reader_style.font_pt)
        self.settings.setValue("line_height", self.reader_style.line_height)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Never lose a keystroke: the editor's pending edit is stored before closing.
        try:
            self._flush_editor()
        except UserError as exc:
            self.show_error(exc)
        for task in self._tasks:
            task.cancel()
        self.save_layout()
        tasks.pool().waitForDone(3000)
        # The list view may still ask for rows while the window goes away.
        self.library_model.stop_fetching()
        self.lib.close()
        super().closeEvent(event)

    # -- theme and text size ----------------------------------------------------------

    def _apply_theme(self) -> None:
        self._apply_app_theme()
        self._apply_reader_theme()

    def _apply_app_theme(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            apply_theme(app, self.theme)  # type: ignore[arg-type]

    def _apply_reader_theme(self) -> None:
        self.reader_style.dark = is_dark(self.theme)
        if self._reader is None or self._notes_panel is None:
            return  # _build_reading_panes applies it
        self._reader.set_reader_style(self.reader_style)
        self._notes_panel.update_legend(self.reader_style.dark)
        self._notes_panel.editor.set_dark(self.reader_style.dark)
        self._show_welcome_if_empty()

    def set_theme(self, name: str) -> None:
        self.theme = name
        self._apply_theme()
        self.settings.setValue("theme", name)
        self.statusBar().showMessage(f"Theme: {name}", 2000)

    def change_font(self, delta: int) -> None:
        pt = DEFAULT_FONT_PT if delta == 0 else self.reader_style.font_pt + delta
        self.reader_style.font_pt = max(8, min(32, pt))
        if self._reader is not None:
            self._reader.set_reader_style(self.reader_style)
            self._reselect()
        self.statusBar().showMessage(f"Text size {self.reader_style.font_pt} pt", 1500)

    def change_spacing(self, delta: int) -> None:
        self.reader_style.line_height = max(100, min(250, self.reader_style.line_height + delta))
        if self._reader is not None:
            self._reader.set_reader_style(self.reader_style)
            self._reselect()

    def _reselect(self) -> None:
        sel = self._reader.selected if self._reader is not None else None
        if sel is not None:
            self.reader.select_range(*sel, scroll=False)

    # -- library --------------------------------------------------------------------

    def _reload_library(self) -> None:
        current = self.article.id if self.article else None
        self.library_model.reload()
        if current:
            self._select_in_library(current)

    def _select_in_library(self, article_id: str) -> None:
        # Only rows already loaded are selected: fetching pages just to show a
        # selection would load a large library on the UI thread.
        row = self.library_model.row_of(article_id)
        if row < 0:
            return
        idx = self.library_proxy.mapFromSource(self.library_model.index(row, 0))
        if idx.isValid():
            sm = self.library_view.selectionModel()
            sm.blockSignals(True)
            self.library_view.setCurrentIndex(idx)
            sm.blockSignals(False)

    def _show_welcome_if_empty(self) -> None:
        if self.article is not None:
            self.center.setCurrentIndex(1)
            return
        empty = self.lib.count_articles() == 0
        intro = (
            "<h2>Welcome to Fact-Check Reader</h2>"
            "<p>Bring in an article to check:</p>"
            "<p><b>Paste</b> text copied from a web page — Ctrl+Shift+V<br>"
            "<b>Open</b> a saved page or text file — Ctrl+O<br>"
            "<b>Drop</b> a file or a link onto this window<br>"
            "<b>Open a URL</b> — Ctrl+L</p>"
            "<p>Then click a sentence and press Enter to add a fact-check note.</p>"
        )
        pick = (
            "<h2>Choose an article</h2><p>Pick one from the list on the left, "
            "or bring in a new one (Ctrl+Shift+V, Ctrl+O, Ctrl+L).</p>"
        )
        self.welcome.setText(intro if empty else pick)
        self.center.setCurrentIndex(0)

    def _on_filters_changed(self) -> None:
        self._library_filter_timer.stop()  # a combo box changed: apply the text too
        status = self.status_filter.currentData()
        has_notes = {"__has": True, "__none": False}.get(status or "")
        self.library_model.set_filters(
            text=self.library_filter.text(),
            verdict=self.verdict_filter.currentData(),
            status=None if status in (None, "__has", "__none") else status,
            tag=self.tag_filter.currentData(),
            has_notes=has_notes,
        )
        if self.library_model.query.filtered and self.library_model.rowCount() == 0:
            self.statusBar().showMessage("No articles match the filters", 4000)

    def _on_library_view_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if not current.isValid():
            return
        src = self.library_proxy.mapToSource(current)
        summary = self.library_model.summary(src.row())
        if self.article is None or summary.id != self.article.id:
            self.open_article(summary.id)

    def open_article(self, article_id: str, select: tuple[int, int] | None = None) -> None:
        """Show an article in the reader, optionally selecting a range."""
        self._flush_editor()
        undo.seal_last_edit(self.undo_stack)
        try:
            self.article = self.lib.get_article(article_id)
            self.notes = self.lib.notes_for_article(article_id)
        except UserError as exc:
            self.show_error(exc)
            return
        self.reader.show_article(self.article, self.notes)
        self.notes_panel.set_article_notes(self.notes)
        self.notes_panel.clear_selection()
        self._update_header()
        self.center.setCurrentIndex(1)
        self._select_in_library(article_id)
        self._update_article_actions()
        self.setWindowTitle(f"{self.article.title or 'Untitled'} — Fact-Check Reader")
        if select is not None:
            self.reader.select_range(*self._snap(*select))

    def _update_header(self) -> None:
        a = self.article
        if a is None:
            self.header.clear()
            return
        import html  # not at the top: its entity table is a few ms of start-up

        bits = []
        if a.meta.byline:
            bits.append(html.escape(a.meta.byline))
        if a.meta.site_name:
            bits.append(html.escape(a.meta.site_name))
        if a.meta.published:
            bits.append(html.escape(a.meta.published[:10]))
        bits.append(f"{a.reading_minutes} min read")
        if a.meta.url:
            bits.append(f'<a href="{html.escape(a.meta.url, quote=True)}">original</a>')
        version = f"version {a.version} of {a.version_count}"
        if a.version_count > 1:
            version += " — <b>changed since first import</b> (View → Article versions)"
        bits.append(version)
        self.header.setText(" · ".join(bits))

    def _update_article_actions(self) -> None:
        has = self.article is not None
        for act in (
            self.update_action,
            self.reclean_action,
            self.original_action,
            self.export_md_action,
        ):
            act.setEnabled(has)

    def _on_header_link(self, url: str) -> None:
        from reader.ui.safe_browser import open_link

        open_link(url, self._on_link_refused)

    def _on_link_refused(self, url: str) -> None:
        self.statusBar().showMessage(
            f"Not opened: only web links (http, https) open. {url[:60]}", 5000
        )

    # -- selection and notes ----------------------------------------------------------

    def _snap(self, start: int, end: int) -> tuple[int, int]:
        from reader.core.anchor import sentence_range

        assert self.article is not None
        return sentence_range(self.article.text, start, end)

    def _notes_overlapping(self, start: int, end: int) -> list[Note]:
        return [
            n for n in self.notes if n.anchor_state != "orphan" and n.start < end and start < n.end
        ]

    def _on_reader_selection_changed(self, start: int, end: int) -> None:
        if self.article is None:
            return
        self._flush_editor()
        nums = [i + 1 for i, (s, e) in enumerate(self.reader.spans) if s < end and start < e]
        where = (
            f"Sentence {nums[0]}"
            if len(nums) == 1
            else f"Sentences {nums[0]}–{nums[-1]}"
            if nums
            else "Selection"
        )
        self.notes_panel.show_selection(
            self.article.text[start:end], self._notes_overlapping(start, end), where
        )

    def add_note(self, verdict: str | None = None, *, focus_editor: bool = True) -> None:
        """Add a note to the selected sentences (the first sentence if none is selected).

        The conclusion field takes the focus, unless ``focus_editor`` is False: a note
        added with a verdict key leaves it in the reader, where digits stay verdicts.
        """
        if self.article is None:
            self.statusBar().showMessage("Open an article first.", 3000)
            return
        if self.reader.selected is None:
            self.reader.select_sentence(0)
        start, end = self.reader.selected  # type: ignore[misc]
        cmd = AddNoteCommand(self.lib, self, self.article.id, start, end, verdict)
        self._push(cmd)
        if cmd.note_id:
            note = next((n for n in self.notes if n.id == cmd.note_id), None)
            self._on_reader_selection_changed(start, end)
            if note is not None:
                self.notes_panel.editor.set_note(note)
                row = self.notes_panel.selection_model.row_of(note.id)
                self.notes_panel.selection_list.setCurrentIndex(
                    self.notes_panel.selection_model.index(row, 0)
                )
            if focus_editor:
                self.notes_panel.editor.conclusion.setFocus()
            self.statusBar().showMessage("Note added", 2000)

    def set_verdict_key(self, key: VerdictKey) -> None:
        """The verdict key was pressed: set it on the current note, or add a note with it."""
        if self.article is None or self.reader.selected is None:
            return
        note = self.notes_panel.editor.note()
        if note is None:
            self.add_note(verdict=key, focus_editor=False)
            return
        self._on_editor_note_edited(note, replace(note, verdict=key))

    def _push(self, cmd: StoreCommand) -> None:
        """Apply an edit, then put it on the undo stack; a refused edit is shown instead."""
        try:
            cmd.apply_before_push()
        except UserError as exc:
            self.show_error(exc)
            return
        except ValueError as exc:
            self.show_error(UserError(str(exc)))
            return
        self.undo_stack.push(cmd)

    def _on_editor_note_edited(self, before: Note, after: Note) -> None:
        self._push(EditNoteCommand(self.lib, self, before, after))

    def _on_editor_confirm_requested(self, note_id: str) -> None:
        note = self.lib.get_note(note_id)
        self._push(EditNoteCommand(self.lib, self, note, replace(note, anchor_state="ok")))
        self.statusBar().showMessage("Note position confirmed", 2000)

    def _on_editor_reattach_requested(self, note_id: str) -> None:
        if self.article is None or self.reader.selected is None:
            self.statusBar().showMessage("Select the sentences to attach the note to first.", 4000)
            return
        from reader.core.anchor import make_selector

        note = self.lib.get_note(note_id)
        sel = make_selector(self.article.text, *self.reader.selected)
        self._push(
            EditNoteCommand(self.lib, self, note, replace(note, selector=sel, anchor_state="ok"))
        )

    def _on_editor_delete_requested(self, note_id: str) -> None:
        self._push(DeleteNoteCommand(self.lib, self, self.lib.get_note(note_id)))
        self.statusBar().showMessage("Note moved to the Trash (Ctrl+Z to undo)", 3000)

    def delete_current_note(self) -> None:
        if self.article is None:
            return
        note = self.notes_panel.editor.note()
        if note is not None:
            self._on_editor_delete_requested(note.id)

    def _on_notes_panel_note_chosen(self, note: Note) -> None:
        if self.article is None:
            return
        if note.anchor_state != "orphan":
            self.reader.select_range(note.start, note.end)
            self.reader.setFocus()
        self.notes_panel.editor.set_note(note)

    # Refresher protocol for undo commands --------------------------------------------

    def after_note_change(self, note_id: str) -> None:
        note = self.lib.get_note(note_id)
        if self.article is None or note.article_id != self.article.id:
            self._reload_library()
            return
        self.notes = self.lib.notes_for_article(self.article.id)
        self.reader.set_notes(self.notes)
        self.notes_panel.set_article_notes(self.notes)
        current = self.notes_panel.editor.note()
        if current is not None and current.id == note_id:
            self.notes_panel.editor.set_note(note)
        self.notes_panel.selection_model.update_note(note)
        if self._tags is not None and not set(note.tags) <= set(self._tags):
            self._refresh_tags()
        self._refresh_library_row()

    def after_notes_change(self, article_id: str) -> None:
        if self.article is None or article_id != self.article.id:
            self.open_article(article_id)
            return
        self.notes = self.lib.notes_for_article(article_id)
        self.reader.set_notes(self.notes)
        self.notes_panel.set_article_notes(self.notes)
        if self.reader.selected:
            self._on_reader_selection_changed(*self.reader.selected)
        self._refresh_library_row()

    def after_library_change(self) -> None:
        if self.article is not None:
            try:
                a = self.lib.get_article(self.article.id)
            except UserError:
                a = None
            if a is None or a.deleted_at:
                self.article = None
                self._clear_reading_panes()
                self._update_article_actions()
        self._reload_library()
        self._show_welcome_if_empty()

    def _refresh_library_row(self) -> None:
        """Note counts of the open article changed: update its row in place."""
        if self.article is not None:
            self.library_model.refresh_row(self.lib.article_summary(self.article.id))

    def _ensure_tags(self) -> None:
        if self._tags is None:
            self._refresh_tags()

    def _refresh_tags(self) -> None:
        self._tags = self.lib.all_tags()
        if self._notes_panel is not None:
            self._notes_panel.editor.set_tag_choices(self._tags)
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", None)
        for tag in self._tags:
            self.tag_filter.addItem(f"#{tag}", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    # -- importing ------------------------------------------------------------------

    def _run(
        self,
        label_text: str,
        work: tasks.Work,
        on_done: Callable[[Any], None],
        cancellable: bool = True,
    ) -> tasks.Task:
        """Run ``work`` off the UI thread; a progress dialog appears if it takes a while."""
        task = tasks.Task(work, self)
        dialog = QtWidgets.QProgressDialog(label_text, "Cancel" if cancellable else "", 0, 0, self)
        dialog.setWindowTitle("Fact-Check Reader")
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done if total else 0)

        def finished(value: Any) -> None:
            dialog.reset()
            dialog.deleteLater()
            self._forget(task)
            if task.cancel_event.is_set():
                self.statusBar().showMessage("Cancelled", 3000)
            try:
                on_done(value)
            except UserError as exc:
                self.show_error(exc)

        def failed(exc: BaseException) -> None:
            dialog.reset()
            dialog.deleteLater()
            self._forget(task)
            if task.cancel_event.is_set():
                self.statusBar().showMessage("Cancelled", 3000)
                return
            self._on_import_failed(exc)

        task.progressed.connect(progressed)
        task.finished.connect(finished)
        task.failed.connect(failed)
        self._tasks.append(task)
        self.statusBar().showMessage(label_text)
        return tasks.start(task)

    def _forget(self, task: tasks.Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)

    def _on_import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NoArticleError) and exc.text.strip():
            if messages.ask(
                self, f"{exc}\n\nKeep the whole text as an article anyway?", "No article found"
            ):
                from reader.store.ingest import import_whole_text

                aid = import_whole_text(self.lib, exc.text, getattr(exc, "origin", ""))
                self._after_import(aid)
            return
        self.show_error(exc)

    def import_documents(self, sources: list[str]) -> None:
        """Import files (paths) and URLs in the background, one after another.

        With several sources, one that fails does not stop the others: the failures
        are listed at the end.
        """
        db = self.db_path

        def work(
            cancel: threading.Event, progress: Callable[[int, int], None]
        ) -> tuple[list[str], list[str]]:
            from reader.store.ingest import import_document

            ids: list[str] = []
            failures: list[str] = []
            with Library(db) as lib:
                for i, src in enumerate(sources):
                    if cancel.is_set():
                        break
                    progress(i, len(sources))
                    try:
                        doc = _document_from(src, cancel, progress if len(sources) == 1 else None)
                        ids.append(import_document(lib, doc))
                    except UserError as exc:
                        if len(sources) == 1:
                            exc.origin = src  # type: ignore[attr-defined]
                            raise
                        failures.append(f"{Path(src).name or src}: {exc}")
            return ids, failures

        def done(result: tuple[list[str], list[str]]) -> None:
            ids, failures = result
            for src in sources:
                self._remember_recent(src)
            if ids:
                self._after_import(ids[-1], len(ids))
            if failures:
                messages.warn(
                    self,
                    f"{len(failures)} of {len(sources)} could not be "
                    "imported:\n\n" + "\n\n".join(failures[:10]),
                )

        what = Path(sources[0]).name if len(sources) == 1 else f"{len(sources)} files"
        self._run(f"Importing {what}…", work, done)

    def _after_import(self, article_id: str, count: int = 1) -> None:
        self._reload_library()
        self.open_article(article_id)
        # Straight to reading: J/K and Enter work at once after an import.
        self.activateWindow()
        self.reader.setFocus()
        self.statusBar().showMessage(
            "Article imported" if count == 1 else f"{count} articles imported", 3000
        )

    def open_files_dialog(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self,
            "Open articles",
            str(self.settings.value("last_dir", str(Path.home()))),
            "Articles (*.html *.htm *.txt);;All files (*)",
        )
        if paths:
            self.settings.setValue("last_dir", str(Path(paths[0]).parent))
            self.import_documents(paths)

    def open_url_dialog(self) -> None:
        url, ok = QtWidgets.QInputDialog.getText(
            self, "Open URL", "Address of the article (http or https):"
        )
        if ok and url.strip():
            self.import_documents([url.strip()])

    def paste_article(self) -> None:
        """Import the clipboard: the HTML flavour a browser copy carries, else plain text."""
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not (html or text).strip():
            self.show_error(
                UserError(
                    "The clipboard is empty. Copy the article in your browser "
                    "(select all, copy), then paste again."
                )
            )
            return
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> str:
            from reader.core.pipeline import clean_text_input

            raw = (html or text).encode("utf-8")
            try:
                clean = clean_text_input(text, html)
            except NoArticleError as exc:
                exc.origin = "clipboard"  # type: ignore[attr-defined]
                raise
            with Library(db) as lib:
                return lib.add_article(
                    clean,
                    raw=raw,
                    raw_type="text/html" if html else "text/plain",
                    origin="clipboard",
                ).id

        self._run("Cleaning the pasted article…", work, self._after_import)

    def update_article_dialog(self) -> None:
        if self.article is None:
            return
        src, ok = QtWidgets.QInputDialog.getText(
            self,
            "Update article",
            "File path or URL of the new version (notes will be re-anchored):",
            text=self.article.meta.url or "",
        )
        if not ok or not src.strip():
            return
        self._update_from(src.strip())

    def _update_from(self, src: str) -> None:
        assert self.article is not None
        db, aid = self.db_path, self.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.store.ingest import update_document

            doc = _document_from(src, cancel)
            with Library(db) as lib:
                return update_document(lib, aid, doc)

        self._run("Updating the article…", work, self._after_update)

    def _after_update(self, report: Any) -> None:
        if self.article is None:
            return
        self.open_article(self.article.id)
        if not report.changed:
            self.statusBar().showMessage("The article has not changed.", 4000)
            return
        messages.inform(
            self,
            f"Stored as version {report.version}.\n\nNotes: {report.ok} in place, "
            f"{report.drifted} moved (please confirm), {report.orphan} not found (kept, "
            "listed with their quote).",
            "Article updated",
        )

    def reclean_article(self) -> None:
        if self.article is None:
            return
        db, aid = self.db_path, self.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.store.ingest import reclean

            with Library(db) as lib:
                return reclean(lib, aid)

        self._run("Cleaning the article again…", work, self._after_update)

    def _on_reader_block_drop_requested(self, text: str) -> None:
        """The user says a block is not article text: remember it and clean again."""
        if self.article is None:
            return
        self.push_block_choice(text, "drop")

    def push_block_choice(self, text: str, action: str | None) -> None:
        """An undoable block choice (drop, keep, or forget) on the open article."""
        assert self.article is not None
        aid = self.article.id
        before = self.lib.block_overrides(aid).get(text)
        label_text = {"drop": "Drop paragraph", "keep": "Bring back line"}.get(
            action or "", "Forget paragraph choice"
        )

        def apply(choice: str | None) -> None:
            if self.article is None or self.article.id != aid:
                self.open_article(aid)
            self.set_block_choice(text, choice)

        self._push(CallbackCommand(label_text, lambda: apply(action), lambda: apply(before)))

    def set_block_choice(self, text: str, action: str | None) -> None:
        """Drop a block, bring a dropped line back, or forget the choice; re-cleans.

        The choice is stored at once; cleaning again runs off the UI thread (a large
        page takes a moment) and the article is shown again when it is done.
        """
        assert self.article is not None
        aid, db = self.article.id, self.db_path
        self._flush_editor()
        try:
            self.lib.set_block_override(aid, text, action)
        except UserError as exc:
            self.show_error(exc)
            return
        what = {"drop": "Paragraph dropped", "keep": "Line brought back"}.get(
            action or "", "Choice undone"
        )

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.store.ingest import reclean

            with Library(db) as lib:
                return reclean(lib, aid)

        def done(report: Any) -> None:
            if self.article is not None and self.article.id == aid:
                self.open_article(aid)
            moved = (
                f"; {report.drifted} note(s) moved, {report.orphan} lost their text"
                if report.drifted or report.orphan
                else ""
            )
            self.statusBar().showMessage(
                f"{what} (stored as version {report.version}){moved}", 5000
            )

        self._run("Cleaning the article again…", work, done, cancellable=False)

    def view_original(self) -> None:
        if self.article is None:
            return
        from reader.ui.dialogs import OriginalDialog

        data, media_type = self.lib.raw_input(self.article.id)
        OriginalDialog(
            data, media_type, self.article, self.lib, self, choose=self.push_block_choice
        ).exec()

    def show_versions(self) -> None:
        if self.article is None:
            return
        from reader.ui.dialogs import VersionsDialog

        VersionsDialog(self.lib, self.article.id, self).exec()

    def _remember_recent(self, src: str) -> None:
        recent = [r for r in self._recent() if r != src]
        recent.insert(0, src)
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return []

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._recent()
        for src in recent:
            act = self.recent_menu.addAction(src)
            act.triggered.connect(lambda checked=False, s=src: self.import_documents([s]))
        self.recent_menu.setEnabled(bool(recent))

    # drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = _sources_from_mime(event.mimeData())
        if sources:
            event.acceptProposedAction()
            self.import_documents(sources)

    # -- deleting, trash ---------------------------------------------------------------

    def selected_article_ids(self) -> list[tuple[str, str]]:
        rows = self.library_view.selectionModel().selectedRows()
        out = []
        for idx in rows:
            s = self.library_model.summary(self.library_proxy.mapToSource(idx).row())
            out.append((s.id, s.title))
        return out

    def delete_selected_articles(self) -> None:
        chosen = self.selected_article_ids()
        if not chosen:
            return
        self._push(
            DeleteArticlesCommand(self.lib, self, [c[0] for c in chosen], [c[1] for c in chosen])
        )
        self.statusBar().showMessage(
            f"{len(chosen)} article(s) moved to the Trash (Ctrl+Z to undo)", 4000
        )

    def show_trash(self) -> None:
        from reader.ui.dialogs import TrashDialog

        TrashDialog(self.lib, self, restore=self._restore_from_trash).exec()
        self.after_library_change()

    def _restore_from_trash(self, kind: str, item_id: str) -> None:
        """Bring an article or a note back from the Trash, undoably."""
        restore: Callable[[str], None]
        delete: Callable[[str], None]
        if kind == "article":
            restore, delete = self.lib.restore_article, self.lib.delete_article
        else:
            restore, delete = self.lib.restore_note, self.lib.delete_note

        def redo() -> None:
            restore(item_id)
            self.after_library_change()

        def revert() -> None:
            delete(item_id)
            self.after_library_change()

        self._push(CallbackCommand(f"Restore {kind} from the Trash", redo, revert))

    # -- find and search ---------------------------------------------------------------

    def show_find(self) -> None:
        if self.article is None:
            return
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _close_find(self) -> None:
        self.find_bar.hide()
        self.reader.find_all("")
        self.reader.setFocus()

    def _on_find_edit_changed(self, text: str) -> None:
        n = self.reader.find_all(text)
        self.find_count.setText(f"1 of {n}" if n else ("no matches" if text else ""))

    def _find_step(self, delta: int) -> None:
        i = self.reader.find_step(delta)
        if i >= 0:
            self.find_count.setText(f"{i + 1} of {len(self.reader.find_matches)}")

    def search_everything(self) -> None:
        from reader.ui.dialogs import SearchDialog

        dialog = SearchDialog(self.lib, self)
        if dialog.exec() and dialog.chosen is not None:
            hit = dialog.chosen
            sel = None
            if hit.note_id:
                note = self.lib.get_note(hit.note_id)
                if note.anchor_state != "orphan":
                    sel = (note.start, note.end)
            self.open_article(hit.article_id, select=sel)

    # -- export -----------------------------------------------------------------------

    def export_markdown(self) -> None:
        if self.article is None:
            self.statusBar().showMessage("Open an article to export its notes.", 3000)
            return
        from reader.export.filenames import safe_filename

        default = str(
            Path(str(self.settings.value("export_dir", str(Path.home()))))
            / safe_filename(self.article.title, self.article.id)
        )
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Export notes as Markdown", default, "Markdown (*.md)"
        )
        if path:
            self.export_markdown_to(Path(path))

    def export_markdown_to(self, path: Path) -> None:
        """Write (or refresh the managed part of) the Markdown export of the open article."""
        assert self.article is not None
        self._flush_editor()
        from reader.app.exports import write_markdown_file

        try:
            write_markdown_file(self.lib, self.article.id, path)
        except UserError as exc:
            self.show_error(exc)
            return
        self.settings.setValue("export_dir", str(path.parent))
        self.statusBar().showMessage(f"Exported to {path}", 4000)

    def export_pdf(self) -> None:
        if self.article is None:
            return
        from reader.ui.pdf_report import write_pdf

        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            "Export as PDF",
            str(Path.home() / ((self.article.title[:60] or "article") + ".pdf")),
            "PDF (*.pdf)",
        )
        if path:
            write_pdf(self.article, self.lib.notes_for_article(self.article.id), Path(path))
            self.statusBar().showMessage(f"Exported to {path}", 4000)

    def export_all_markdown(self) -> None:
        """Every article to a folder, one Markdown file each, off the UI thread."""
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self,
            "Export all articles into folder",
            str(self.settings.value("export_dir", str(Path.home()))),
        )
        if not folder:
            return
        self._flush_editor()
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.app.exports import export_markdown_folder
            from reader.app.progress import EventProgress

            with Library(db) as lib:
                ids = [a.id for a in lib.list_articles()]
                return export_markdown_folder(
                    lib, ids, Path(folder), progress=EventProgress(cancel, progress)
                )

        def done(report: Any) -> None:
            msg = f"{len(report.written)} file(s) written to {folder}."
            if report.skipped:
                msg += "\n\nLeft alone (not written by Fact-Check Reader):\n" + "\n".join(
                    str(p.name) for p, _why in report.skipped[:20]
                )
                messages.inform(self, msg, "Export finished")
            self.statusBar().showMessage(msg.split("\n")[0], 5000)

        self.settings.setValue("export_dir", folder)
        self._run("Exporting all articles…", work, done)

    def export_other(self, fmt: str) -> None:
        """ClaimReview JSON-LD or W3C Web Annotations of the open article."""
        if self.article is None:
            return
        from reader.export.annotations import export_web_annotations_json
        from reader.export.claimreview import export_claimreview_json

        suffix = ".claimreview.jsonld" if fmt == "claimreview" else ".annotations.json"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            "Export",
            str(Path.home() / ((self.article.title[:60] or "article") + suffix)),
            "JSON (*.json *.jsonld)",
        )
        if not path:
            return
        notes = self.lib.notes_for_article(self.article.id)
        if fmt == "claimreview":
            author = self.lib.get_setting("author")
            if not author:
                self.set_author()
                author = self.lib.get_setting("author")
            text = export_claimreview_json(self.article, notes, author=author or "Unknown")
        else:
            text = export_web_annotations_json(self.article, notes)
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self.show_error(UserError(f"Cannot write {path}: {exc.strerror}."))
            return
        self.statusBar().showMessage(f"Exported to {path}", 4000)

    def set_author(self) -> None:
        name, ok = QtWidgets.QInputDialog.getText(
            self,
            "Author name",
            "Your name or your organisation's, as the author of "
            "published fact-checks (ClaimReview):",
            text=self.lib.get_setting("author"),
        )
        if ok:
            self.lib.set_setting("author", name.strip())

    def export_json(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            "Export library as JSON",
            str(Path.home() / "fact-check-library.json"),
            "JSON (*.json)",
        )
        if not path:
            return
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> str:
            from reader.app.library_io import export_library_json

            with Library(db) as lib:
                export_library_json(lib, Path(path))
            return path

        self._run(
            "Exporting the library…",
            work,
            lambda p: self.statusBar().showMessage(f"Exported to {p}", 4000),
        )

    def import_json(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Import JSON", str(Path.home()), "JSON (*.json)"
        )
        if not path:
            return
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.app.library_io import import_library_json

            with Library(db) as lib:
                return import_library_json(lib, Path(path))

        def done(report: Any) -> None:
            self._reload_library()
            self._refresh_tags()
            messages.inform(self, report.summary(), "Import finished")

        self._run("Importing…", work, done)

    def copy_note_markdown(self) -> None:
        if self.article is None:
            return
        note = self.notes_panel.editor.note()
        if note is None or self.article is None:
            return
        from reader.export.markdown import note_markdown

        ids = [x.id for x in self.notes]
        n = ids.index(note.id) + 1 if note.id in ids else 1
        QGuiApplication.clipboard().setText(note_markdown(note, n, self.article))
        self.statusBar().showMessage("Note copied as Markdown", 2000)

    def copy_all_notes_markdown(self) -> None:
        if self.article is None:
            return
        from reader.export.markdown import export_markdown

        QGuiApplication.clipboard().setText(export_markdown(self.article, self.notes))
        self.statusBar().showMessage("All notes copied as Markdown", 2000)

    # -- backups ----------------------------------------------------------------------

    def backup_in_background(self, *, only_if_due: bool = True) -> None:
        """Copy the library to its backups folder (daily at start-up) off the UI thread."""
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Any:
            from reader.store.backup import backup_if_due, make_backup

            return backup_if_due(db) if only_if_due else make_backup(db)

        def done(path: Any) -> None:
            if path is not None:
                self.statusBar().showMessage(f"Library backed up to {path}", 4000)

        task = tasks.Task(work, self)
        task.finished.connect(done)
        task.failed.connect(self.show_error)
        tasks.start(task)

    def backup_now(self) -> None:
        self.backup_in_background(only_if_due=False)

    def restore_backup_dialog(self) -> None:
        from reader.store.backup import backup_time, list_backups, restore_backup

        backups = list_backups(self.db_path)
        if not backups:
            self.show_error(
                UserError(
                    "There are no backups of this library yet. "
                    "Use File → Back up library now to make one."
                )
            )
            return
        names = []
        for b in backups:
            when = backup_time(b)
            names.append(f"{when:%Y-%m-%d %H:%M}  ({b.name})" if when else b.name)
        choice, ok = QtWidgets.QInputDialog.getItem(
            self,
            "Restore a backup",
            "Replace the library with this backup (the current file is kept aside, not deleted):",
            names,
            0,
            False,
        )
        if not ok:
            return
        chosen = backups[names.index(choice)]
        self._flush_editor()
        # The library is closed while the copy runs (a large one takes a while, so off
        # the UI thread); the window is disabled until it is open again.
        self.lib.close()
        self.setEnabled(False)  # no edit, menu or shortcut reaches the closed library
        db = self.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UserError | None:
            try:
                restore_backup(db, chosen)
            except UserError as exc:
                return exc
            return None

        def done(error: UserError | None) -> None:
            self.lib = Library(db)
            self.setEnabled(True)
            self.undo_stack.clear()
            self.article = None
            self._clear_reading_panes()
            self._tags = None
            self.after_library_change()
            if error is not None:
                self.show_error(error)
            else:
                self.statusBar().showMessage(f"Restored {chosen.name}", 4000)

        self._run("Restoring the backup…", work, done, cancellable=False)

    # -- help -------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        from reader.ui.dialogs import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        import html

        QtWidgets.QMessageBox.about(
            self,
            "About Fact-Check Reader",
            "<h3>Fact-Check Reader</h3><p>Read news articles cleaned and split into "
            "sentences, and attach fact-check notes with verdicts and sources.</p>"
            f"<p>Library: {html.escape(str(self.db_path))}</p>",
        )

    # -- errors -----------------------------------------------------------------------

    def show_error(self, exc: BaseException) -> None:
        """Show an error calmly; a bug also goes to the log with its traceback."""
        if isinstance(exc, UserError):
            log.info("user error: %s", exc)
            messages.warn(self, str(exc))
        else:
            messages.show_exception(exc, self)
        self.statusBar().showMessage("", 0)


class _TagFilterBox(QComboBox):
    """The tag filter; its list of tags is collected the first time it opens."""

    def __init__(self, before_popup: Callable[[], None]) -> None:
        super().__init__()
        self._before_popup = before_popup

    def showPopup(self) -> None:
        self._before_popup()
        super().showPopup()


def _int_setting(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def _document_from(
    src: str, cancel: threading.Event, progress: Callable[[int, int], None] | None = None
) -> Any:
    from reader.core.models import RawInput

    if src.lower().startswith(("http://", "https://")) or "://" in src[:12]:
        from reader.importers.url import fetch_url

        def bytes_done(done: int, total: int | None) -> None:
            if progress is not None:
                progress(done, total or 0)

        raw = fetch_url(src, cancel=cancel, progress=bytes_done)
    else:
        from reader.importers.files import read_file

        raw = read_file(Path(src))
    return RawInput(raw.data, raw.media_type, raw.origin, raw.name, raw.url)


def _sources_from_mime(mime: Any) -> list[str]:
    out: list[str] = []
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                out.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                out.append(url.toString())
    elif mime.hasText():
        text = mime.text().strip()
        if text.lower().startswith(("http://", "https://")) and "\n" not in text:
            out.append(text)
    return out
