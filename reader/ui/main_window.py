"""The main window: builds the three panes, the menus and the status bar, and wires them.

What each area does lives beside it: :mod:`reader.ui.library_pane` (the article list),
:mod:`reader.ui.reader_pane` (the article being read), :mod:`reader.ui.notes_pane` (its
notes), :mod:`reader.ui.import_actions` and :mod:`reader.ui.export_actions` (files in and
out), :mod:`reader.ui.menus` (the menu bar).  The window holds the state they share: the
library, the open article and its notes, the undo stack and the reading style.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow

from reader.core.errors import UserError
from reader.core.models import Article, Note
from reader.store import Library
from reader.ui import messages, tasks, undo
from reader.ui.claims_list import ClaimsPane
from reader.ui.export_actions import ExportActions
from reader.ui.import_actions import ImportActions, sources_from_mime
from reader.ui.library_pane import LibraryPane, MainSplitter
from reader.ui.menus import Menus
from reader.ui.notes_pane import NotesPane
from reader.ui.progress import TaskRunner
from reader.ui.reader_pane import ReaderPane
from reader.ui.seen_before import SeenBeforePane
from reader.ui.theme import DEFAULT_FONT_PT, ReaderStyle, apply_theme, is_dark
from reader.ui.undo import StoreCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from reader.ui.notes_panel import NotesPanel
    from reader.ui.reader_view import ReaderView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One window on one library file."""

    # Its parts, named for the type checker (built in __init__ and _build_ui).  The
    # parts know the window as reader.ui.window_protocol.ReaderWindow, never this class.
    import_actions: ImportActions
    export_actions: ExportActions
    library: LibraryPane
    reader_pane: ReaderPane
    notes_pane: NotesPane
    claims_pane: ClaimsPane
    seen_before: SeenBeforePane

    def __init__(self, db_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.settings = settings or QSettings()
        self.lib = Library(self.db_path)
        # A library file we may not write is shown, never edited (see Menus, NotesPane).
        self.read_only = self.lib.read_only
        self.article: Article | None = None
        self.notes: list[Note] = []
        self.undo_stack = QUndoStack(self)
        undo.report_error = self.show_error
        self.show_title(None)
        self.setAcceptDrops(not self.read_only)
        self.theme = str(self.settings.value("theme", "system"))
        self.reader_style = ReaderStyle(
            font_pt=_int_setting(self.settings.value("font_pt"), DEFAULT_FONT_PT),
            line_height=_int_setting(self.settings.value("line_height"), 150),
        )
        self._apply_app_theme()  # before the widgets exist, so none is polished twice
        self.import_actions = ImportActions(self)
        self.export_actions = ExportActions(self)
        self.runner = TaskRunner(
            self,
            self.statusBar().showMessage,
            self.show_error,
            self.import_actions.on_failed,
            current_message=self.statusBar().currentMessage,
        )
        self._build_ui()
        self.menus = Menus(self)
        self.undo_action, self.redo_action = self.menus.undo_action, self.menus.redo_action
        self._apply_reader_theme()
        self._restore_layout()
        self.reader_pane.show_welcome_if_empty()
        # Else the first widget of the tab chain (the library's tab bar) had the keys.
        self.reader_pane.focus_start()
        self.pull_outside_changes()
        self.claims_pane.score_library_after_start()

    def show_title(self, article_title: str | None) -> None:
        """The title bar: the open article's title, and whether the library is read-only."""
        title = "Fact-Check Reader"
        if article_title is not None:
            title = f"{article_title} — {title}"
        if self.read_only:
            title += " (read-only)"
        self.setWindowTitle(title)

    def _build_ui(self) -> None:
        self.library = LibraryPane(self)
        # The list's parts, named as the tests and benchmarks reach them.
        self.library_model = self.library.model
        self.library_proxy = self.library.proxy
        self.library_view = self.library.view
        self.library_filter = self.library.filter_edit
        self.verdict_filter = self.library.verdict_filter
        self.status_filter = self.library.status_filter
        self.tag_filter = self.library.tag_filter
        self.reader_pane = ReaderPane(self)
        self.notes_pane = NotesPane(self)
        self.claims_pane = ClaimsPane(self)
        self.seen_before = SeenBeforePane(self)
        self.center, self.welcome = self.reader_pane.center, self.reader_pane.welcome
        # The reader and the notes panel are built when the first article opens (see
        # _build_reading_panes); until then the notes column says what it is for.
        self.panes_installed = False
        self._notes_placeholder = QLabel(
            "Notes appear here: open an article, click a sentence and press Enter."
        )
        self._notes_placeholder.setObjectName("notesPlaceholder")
        self._notes_placeholder.setWordWrap(True)
        self._notes_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._notes_placeholder.setContentsMargins(24, 24, 24, 24)
        self._notes_placeholder.setEnabled(False)  # drawn in the disabled text colour

        self.splitter = MainSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.readable = self.library.readable_width
        self.splitter.article_first = lambda: self.library.tab == "claims"
        self.splitter.grew = self.library.on_window_grew
        self.splitter.splitterMoved.connect(lambda *_: self.library.on_splitter_moved())
        self.splitter.addWidget(self.library)
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
        if not self.panes_installed:
            self._install_reading_panes()
        assert self.reader_pane.view is not None
        return self.reader_pane.view

    @property
    def notes_panel(self) -> NotesPanel:
        if not self.panes_installed:
            self._install_reading_panes()
        assert self.notes_pane.panel is not None
        return self.notes_pane.panel

    def prepare_reading_panes_when_idle(self, delay_ms: int = 250) -> None:
        """Build the reader and the notes panel soon after start-up, in the background
        of the event loop, so the first article opens as fast as the next ones."""
        QTimer.singleShot(delay_ms, self._build_reading_panes)

    def _install_reading_panes(self) -> None:
        """Put the reader and the notes panel in place of the notes column's hint."""
        self._build_reading_panes()
        assert self.notes_pane.panel is not None
        # The column keeps its width (the panel would take its own preferred width,
        # squeezing the reader in a narrow window) and its share when the window grows.
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(2, self.notes_pane.panel)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.keep_sizes(sizes)
        self._notes_placeholder.deleteLater()
        self.panes_installed = True

    def _build_reading_panes(self) -> None:
        """Build the reader and the notes panel (once), without showing the panel.

        Start-up shows the library without them: their modules and widgets cost about
        a quarter of the time from launch to the window shown (tests/bench/startup.py).
        The reader goes on the centre's second page, which the welcome text hides.
        """
        if self.reader_pane.view is not None:
            return
        from reader.ui import workflow_actions

        self.reader_pane.build()
        self.notes_pane.build()
        assert self.notes_pane.panel is not None
        workflow_actions.connect_note_editor(self, self.notes_pane.panel.editor)
        self.claims_pane.build()
        self.seen_before.build()
        self._apply_reader_theme()
        # A click on a noted sentence asks the claims memory for the note's workflow
        # state; importing its use cases now (~35 ms) keeps the first click as quick as
        # the next ones.
        import reader.app.claims_memory  # noqa: F401

    # -- layout and settings ------------------------------------------------------------

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
            from reader.ui.library_pane import widened

            # At a large system font the library's filters need more than 320 px: the
            # column starts wide enough to show them whole (the reader keeps its least).
            wanted = self.library.sizeHint().width()
            self.splitter.setSizes(widened([320, 600, 360], wanted))
        columns = self.settings.value("library_columns")
        if isinstance(columns, QByteArray) and not columns.isEmpty():
            # Widths, shown columns and the sort the user chose last time.
            self.library_view.horizontalHeader().restoreState(columns)
            self.library.fit_default_widths()  # an older session's room for the arrow
        claims = self.settings.value("claims_splitter")
        if isinstance(claims, QByteArray) and not claims.isEmpty():
            self.library.splitter_states["claims"] = claims  # the Claims tab's widths

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        # The window opens on the Articles tab: its widths, whichever tab shows now.
        articles, claims = (self.library.splitter_state(t) for t in ("articles", "claims"))
        for key, state in (("splitter", articles), ("claims_splitter", claims)):
            if state is not None:
                self.settings.setValue(key, state)
        if self.library.claims is not None:
            header = self.library.claims.view.horizontalHeader()
            self.settings.setValue("claims_columns", header.saveState())
        self.settings.setValue("library_columns", self.library_view.horizontalHeader().saveState())
        if self.panes_installed:  # else the saved proportions are still the user's
            assert self.notes_pane.panel is not None
            self.settings.setValue("notes_splitter", self.notes_pane.panel.splitter.saveState())
        self.settings.setValue("theme", self.theme)
        self.settings.setValue("font_pt", self.reader_style.font_pt)
        self.settings.setValue("line_height", self.reader_style.line_height)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Never lose a keystroke: the editor's pending edit is stored before closing.
        try:
            self.notes_pane.flush_editor()
        except UserError as exc:
            self.show_error(exc)
        self.runner.close()
        self.save_layout()
        tasks.wait_for_workers(3.0)
        # The list view may still ask for rows while the window goes away.
        self.library_model.stop_fetching()
        self.lib.close()
        super().closeEvent(event)

    # -- theme and text size ----------------------------------------------------------

    def _apply_app_theme(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            apply_theme(app, self.theme)  # type: ignore[arg-type]

    def _apply_reader_theme(self) -> None:
        self.reader_style.dark = is_dark(self.theme)
        reader, panel = self.reader_pane.view, self.notes_pane.panel
        if reader is None or panel is None:
            return  # _build_reading_panes applies it
        reader.set_reader_style(self.reader_style)
        panel.update_legend(self.reader_style.dark)
        panel.editor.set_dark(self.reader_style.dark)
        self.reader_pane.show_welcome_if_empty()

    def set_theme(self, name: str) -> None:
        self.theme = name
        self._apply_app_theme()
        self._apply_reader_theme()
        self.settings.setValue("theme", name)
        self.statusBar().showMessage(f"Theme: {name}", 2000)

    def change_font(self, delta: int) -> None:
        pt = DEFAULT_FONT_PT if delta == 0 else self.reader_style.font_pt + delta
        self.reader_style.font_pt = max(8, min(32, pt))
        if self.reader_pane.view is not None:
            self.reader_pane.view.set_reader_style(self.reader_style)
            self.reader_pane.reselect()
        self.statusBar().showMessage(f"Text size {self.reader_style.font_pt} pt", 1500)

    def change_spacing(self, delta: int) -> None:
        self.reader_style.line_height = max(100, min(250, self.reader_style.line_height + delta))
        if self.reader_pane.view is not None:
            self.reader_pane.view.set_reader_style(self.reader_style)
            self.reader_pane.reselect()

    # -- what the panes share -----------------------------------------------------------

    def open_article(self, article_id: str, select: tuple[int, int] | None = None) -> None:
        """Show an article in the reader, optionally selecting a range."""
        self.seen_before.article_changed()
        self.reader_pane.open_article(article_id, select)

    def import_documents(self, sources: list[str]) -> None:
        """Import files (paths) and URLs in the background (see :class:`ImportActions`)."""
        self.import_actions.import_documents(sources)

    def backup_in_background(self, *, only_if_due: bool = True) -> None:
        """Copy the library to its backups folder (daily at start-up) off the UI thread."""
        self.export_actions.backup_in_background(only_if_due=only_if_due)

    def update_article_actions(self) -> None:
        self.menus.update_article_actions()

    def push(self, cmd: StoreCommand) -> None:
        """Apply an edit, then put it on the undo stack; a refused edit is shown instead.

        Only a :class:`UserError` is a refusal (locked, read-only, full disk).  The window
        hands the library only values its own widgets made, so anything else (a
        ``ValueError`` for an unknown verdict, say) is a bug and reaches the crash dialog.
        """
        try:
            cmd.apply_before_push()
        except UserError as exc:
            self.show_error(exc)
            return
        self.undo_stack.push(cmd)

    def reopen_library(self) -> None:
        """Open the library file again (after a restore) and show it from scratch."""
        self.lib = Library(self.db_path)
        self.setEnabled(True)
        self.undo_stack.clear()
        self.article = None
        self.reader_pane.clear()
        self.library.tags = None
        self.after_library_change()

    def pull_outside_changes(self) -> None:
        """Offer the note edits made from the command line in the window's history
        (at start-up and whenever the window comes back to the front)."""
        if undo.push_outside_changes(self.undo_stack, self.lib, self):
            self.after_library_change()
            if self.article is not None:
                self.after_notes_change(self.article.id)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.pull_outside_changes()

    # Refresher protocol for undo commands --------------------------------------------

    def after_note_change(self, note_id: str) -> None:
        self.notes_pane.after_note_change(note_id)
        self.claims_pane.notes_changed()

    def after_notes_change(self, article_id: str) -> None:
        self.notes_pane.after_notes_change(article_id)
        self.claims_pane.notes_changed()

    def after_library_change(self) -> None:
        if self.article is not None:
            try:
                a = self.lib.get_article(self.article.id)
            except UserError:
                a = None
            if a is None or a.deleted_at:
                self.article = None
                self.reader_pane.clear()
                self.update_article_actions()
            else:
                # A note of the open article restored from the Trash (or sent back by
                # undoing that) was shown as it was: the list and the reader read again.
                self.notes_pane.after_notes_change(a.id)
        self.library.reload()
        self.reader_pane.show_welcome_if_empty()
        self.claims_pane.score_library_in_background()

    # drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = sources_from_mime(event.mimeData())
        if sources:
            event.acceptProposedAction()
            self.import_documents(sources)

    # -- errors -----------------------------------------------------------------------

    def show_error(self, exc: BaseException) -> None:
        """Show an error calmly; a bug also goes to the log with its traceback."""
        if isinstance(exc, UserError):
            log.info("user error: %s", exc)
            messages.warn(self, str(exc))
        else:
            messages.show_exception(exc, self)
        self.statusBar().showMessage("", 0)


def _int_setting(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default
