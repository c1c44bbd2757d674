"""The reader pane: the centre column, the welcome text or the open article with its
header and find bar, and what is done to the article being read."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import UserError
from reader.core.verdicts import VERDICTS, label
from reader.ui import undo
from reader.ui.fit_widgets import least_width_of_shown_page
from reader.ui.wording import shown_date

if TYPE_CHECKING:
    from reader.app.cleaning import Cleaning
    from reader.ui.reader_view import ReaderView
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

VERDICT_KEYS = {str((i + 1) % 10): v.key for i, v in enumerate(VERDICTS[:10])}

WELCOME = (
    "<h2>Welcome to Fact-Check Reader</h2>"
    "<p>Bring in an article to check: paste the text copied from a web page, "
    "open a saved page or text file, or open its address.</p>"
)
CHOOSE = (
    "<h2>Choose an article</h2><p>Pick one from the list on the left, or bring in a new one:</p>"
)
READ_ONLY = (
    "<h2>Choose an article</h2><p>Pick one from the list on the left. "
    "This library is read-only: nothing new can be brought in.</p>"
)
READ_ONLY_EMPTY = "<h2>No articles</h2><p>This library is empty and read-only.</p>"
AFTER = (
    "<p>or <b>drop</b> a file or a link onto this window.</p>"
    "<p>Then click a sentence and press Enter to add a fact-check note.</p>"
)


class WelcomePage(QWidget):
    """The centre with no article open: what to do, and a button for each way in.

    The buttons make the first key press count: the window starts with the focus on
    *Paste article* (Enter or Space pastes), not on the first widget of the tab chain.
    A read-only library brings nothing in: it shows no buttons.
    """

    def __init__(
        self,
        paste: Callable[[], object],
        open_file: Callable[[], object],
        open_url: Callable[[], object],
        *,
        read_only: bool,
    ) -> None:
        super().__init__()
        self.setObjectName("welcome")
        self.heading = QLabel()
        self.after = QLabel(AFTER)
        for text in (self.heading, self.after):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
        self.paste_button = self._button("Paste article", "Ctrl+Shift+V", paste)
        self.open_button = self._button("Open file…", "Ctrl+O", open_file)
        self.url_button = self._button("Open URL…", "Ctrl+L", open_url)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.paste_button, self.open_button, self.url_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.after)
        layout.addStretch(1)
        self.read_only = read_only
        if read_only:
            for button in self.buttons():
                button.hide()
            self.after.hide()

    def _button(self, text: str, keys: str, slot: Callable[[], object]) -> QPushButton:
        # The shortcut on a second line: the same keys work from anywhere in the window.
        button = QPushButton(f"{text}\n{keys}")
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({keys})")
        button.setAutoDefault(True)  # Enter clicks it too, as in a dialog
        button.clicked.connect(lambda checked=False: slot())
        return button

    def buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.paste_button, self.open_button, self.url_button

    def setText(self, html: str) -> None:  # noqa: N802 (as QLabel's, which it replaced)
        self.heading.setText(html)

    def text(self) -> str:
        """What the page says, its buttons' words included."""
        shown = [self.heading.text()]
        if not self.read_only:
            shown += [b.accessibleName() for b in self.buttons()] + [self.after.text()]
        return "\n".join(shown)

    def focus_target(self) -> QWidget | None:
        """Where the keyboard starts on this page: its first button, if it has one."""
        return None if self.read_only else self.paste_button


class ReaderPane:
    """The centre column.  Its reader widget is built on first use (see
    :meth:`MainWindow.prepare_reading_panes_when_idle`); until then it shows the welcome."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw
        self.welcome = WelcomePage(
            lambda: mw.import_actions.paste_article(),
            lambda: mw.import_actions.open_files_dialog(),
            lambda: mw.import_actions.open_url_dialog(),
            read_only=mw.read_only,
        )
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        # The welcome's buttons hold the reader's least width only while they show.
        least_width_of_shown_page(self.center)
        self.view: ReaderView | None = None

    def build(self) -> ReaderView:
        """Build the reader, its header and its find bar on the centre's second page."""
        from reader.ui.reader_view import ReaderView

        mw = self.mw
        reader = self.view = ReaderView()
        reader.selection_changed.connect(mw.notes_pane.on_reader_selection_changed)
        reader.sentence_activated.connect(lambda *_: mw.notes_pane.add_note())
        reader.link_refused.connect(self.on_link_refused)
        reader.block_drop_requested.connect(mw.import_actions.on_block_drop_requested)
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
        # The context set apart: PySide6 leaves the constructor's ``context`` unset, and
        # a window-wide Esc clashed with the note editor's (neither fired).
        close_find = QShortcut(QKeySequence("Escape"), self.find_bar)
        close_find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close_find.activated.connect(self._close_find)
        article_page = QWidget()
        al = QVBoxLayout(article_page)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.header)
        al.addWidget(self.find_bar)
        # A doubtful cleaning's bar and whole page, above the article (hidden until then).
        from reader.ui.cleaning_review import CleaningReview

        self.cleaning = CleaningReview(mw)
        al.addWidget(self.cleaning, 1)
        al.addWidget(reader, 1)
        self.center.addWidget(article_page)

        for key, vkey in VERDICT_KEYS.items():
            act = QAction(f"Verdict: {label(vkey)}", reader)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda checked=False, k=vkey: mw.notes_pane.set_verdict_key(k))
            reader.addAction(act)
        return reader

    # -- the open article ----------------------------------------------------------------

    def open_article(self, article_id: str, select: tuple[int, int] | None = None) -> None:
        """Show an article in the reader, optionally selecting a range."""
        mw = self.mw
        mw.notes_pane.flush_editor()
        undo.seal_last_edit(mw.undo_stack)
        try:
            mw.article = mw.lib.get_article(article_id)
            mw.notes = mw.lib.notes_for_article(article_id)
        except UserError as exc:
            mw.show_error(exc)
            return
        mw.reader.show_article(mw.article, mw.notes)
        self.cleaning.article_opened(article_id)
        self._show_unchecked_cleaning(article_id)
        mw.notes_panel.set_article_notes(mw.notes)
        mw.notes_panel.clear_selection()
        mw.claims_pane.load(article_id)
        self.update_header()
        self.center.setCurrentIndex(1)
        mw.library.select(article_id)
        mw.update_article_actions()
        mw.show_title(mw.article.title or "Untitled")
        if select is not None:
            mw.reader.select_range(*self.snap(*select))

    def clear(self) -> None:
        """No article is open any more."""
        if self.mw.panes_installed:
            self.mw.reader.show_article(None, [])
            self.cleaning.article_opened(None)
            self.mw.notes_panel.set_article_notes([])
            self.mw.notes_panel.clear_selection()
            self.mw.claims_pane.load(None)
            self.mw.seen_before.article_changed()

    def show_welcome_if_empty(self) -> None:
        if self.mw.article is not None:
            self.center.setCurrentIndex(1)
            return
        empty = self.mw.lib.count_articles() == 0
        if self.mw.read_only:
            self.welcome.setText(READ_ONLY_EMPTY if empty else READ_ONLY)
        else:
            self.welcome.setText(WELCOME if empty else CHOOSE)
        self.center.setCurrentIndex(0)

    def focus_start(self) -> None:
        """Put the keyboard where the user starts: with no article in the library, on
        the welcome's first way in (*Paste article*); else on the article list."""
        mw = self.mw
        target = None
        if mw.article is None and mw.lib.count_articles() == 0:
            target = self.welcome.focus_target()
        (target or mw.library.view).setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_unchecked_cleaning(self, article_id: str) -> None:
        """The bar again for an article whose doubtful cleaning the user has not checked."""
        from reader.app.cleaning import unchecked_cleaning

        if self.cleaning.article_id == article_id:
            return  # already shown
        try:
            cleaning = unchecked_cleaning(self.mw.lib, article_id)
        except UserError as exc:
            log.warning("could not read whether the cleaning was checked: %s", exc)
            return
        if cleaning is not None:
            self.cleaning.show_for(article_id, cleaning)

    def show_cleaning(self, article_id: str, cleaning: Cleaning) -> None:
        """After an import: the bar and the whole page when its cleaning is doubtful."""
        if self.cleaning.article_id == article_id and cleaning.doubtful:
            return  # opening the article showed it already
        if self.view is not None and self.mw.article is not None:
            self.cleaning.show_for(article_id, cleaning)

    def review_cleaning(self) -> None:
        """File → Check the cleaning: the bar and the whole page for the open article,
        with what the cleaner makes of it now (cleaned again off the UI thread)."""
        mw = self.mw
        if mw.article is None:
            return
        db, aid = mw.db_path, mw.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Cleaning:
            from reader.app.cleaning import cleaning_of
            from reader.store import Library

            with Library(db) as lib:
                return cleaning_of(lib, aid)

        def done(cleaning: Cleaning) -> None:
            if mw.article is not None and mw.article.id == aid:
                self.cleaning.show_for(aid, cleaning, asked=True)

        mw.runner.run("Reading the page again…", work, done)

    def update_header(self) -> None:
        a = self.mw.article
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
            bits.append(html.escape(shown_date(a.meta.published)))
        bits.append(f"{a.reading_minutes} min read")
        if a.meta.url:
            bits.append(f'<a href="{html.escape(a.meta.url, quote=True)}">original</a>')
        version = f"version {a.version} of {a.version_count}"
        if a.version_count > 1:
            version += " — <b>changed since first import</b> (View → Article versions)"
        bits.append(version)
        self.header.setText(" · ".join(bits))

    def _on_header_link(self, url: str) -> None:
        from reader.ui.safe_browser import open_link

        open_link(url, self.on_link_refused)

    def on_link_refused(self, url: str) -> None:
        self.mw.statusBar().showMessage(
            f"Not opened: only web links (http, https) open. {url[:60]}", 5000
        )

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen a range to whole sentences of the open article."""
        from reader.core.anchor import sentence_range

        assert self.mw.article is not None
        return sentence_range(self.mw.article.text, start, end)

    def reselect(self) -> None:
        """Select the selection again after a new layout (text size, spacing)."""
        sel = self.view.selected if self.view is not None else None
        if sel is not None:
            self.mw.reader.select_range(*sel, scroll=False)

    def view_original(self) -> None:
        mw = self.mw
        if mw.article is None:
            return
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import OriginalDialog

        data, media_type = mw.lib.raw_input(mw.article.id)
        dialog = OriginalDialog(
            data,
            media_type,
            mw.article,
            mw.lib,
            mw.window(),
            choose=mw.import_actions.push_block_choice,
        )
        keep_size(dialog, mw.settings, "original")
        dialog.exec()
        dialog.deleteLater()

    def show_versions(self) -> None:
        if self.mw.article is None:
            return
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import VersionsDialog

        dialog = VersionsDialog(self.mw.lib, self.mw.article.id, self.mw.window())
        keep_size(dialog, self.mw.settings, "versions")
        dialog.exec()
        dialog.deleteLater()

    # -- find in the article ------------------------------------------------------------

    def show_find(self) -> None:
        if self.mw.article is None:
            return
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _close_find(self) -> None:
        self.find_bar.hide()
        self.mw.reader.find_all("")
        self.mw.reader.setFocus()

    def _on_find_edit_changed(self, text: str) -> None:
        n = self.mw.reader.find_all(text)
        self.find_count.setText(f"1 of {n}" if n else ("no matches" if text else ""))

    def _find_step(self, delta: int) -> None:
        i = self.mw.reader.find_step(delta)
        if i >= 0:
            self.find_count.setText(f"{i + 1} of {len(self.mw.reader.find_matches)}")
