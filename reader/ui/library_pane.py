"""The library pane: the list of articles, its filters, and what is done to whole articles
(move to the Trash, restore, search everything)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.verdicts import STATUS_LABELS, STATUSES, VERDICTS
from reader.ui.empty_state import EmptyState
from reader.ui.fit_widgets import (
    FitComboBox,
    FitPairs,
    LazyFitComboBox,
    least_width_of_shown_page,
    speaker_row,
)
from reader.ui.models import LibraryFilterProxy, LibraryModel
from reader.ui.undo import CallbackCommand, DeleteArticlesCommand
from reader.ui.wording import compact_date, counted

if TYPE_CHECKING:
    from reader.ui.claims_view import ClaimsView
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

LIBRARY_COLUMN_WIDTHS = {
    "Site": 110,
    "Published": 84,
    "Imported": 84,
    "Notes": 64,
    "Status": 90,
    "Changed": 64,
}
LIBRARY_COLUMNS_HIDDEN = ("Site", "Published", "Status", "Changed")


NO_ARTICLE_MATCHES = "No articles match the filters. Clear the filter box or set a box to Any."
TabName = Literal["articles", "claims"]
READER_MIN_WIDTH = 380  # the least the Claims tab leaves the article
TITLE_READABLE_CHARS = 20  # of a title, beside the list's other columns
SplitterState = QByteArray | bytes | bytearray | memoryview
Index = QModelIndex | QPersistentModelIndex


def widened(sizes: list[int], wanted: int) -> list[int]:
    """The main splitter's ``sizes`` with the library column widened towards ``wanted``:
    at most half the window, the article keeping ``READER_MIN_WIDTH`` and the notes
    their width; never narrower than it is."""
    if len(sizes) != 3 or sizes[0] <= 0:
        return sizes  # the column is folded away (View → Library list)
    total = sum(sizes)
    left = min(wanted, total // 2, total - sizes[2] - READER_MIN_WIDTH)
    left = max(left, sizes[0])
    return [left, total - left - sizes[2], sizes[2]]


class MainSplitter(QSplitter):
    """The window's three columns.  When the splitter itself narrows them (the window
    made smaller, the note's form needing its width), the article gives up its width
    down to ``READER_MIN_WIDTH`` before the library column goes under the width it was
    given or the width that shows its titles (``readable``), whichever is less: at
    1024 px with a large font the column lost what the article had to spare and cut
    every title to a few letters ("Flo…ier").  A column the user narrows stays so.

    When ``article_first()`` (the Claims tab, a table that scrolls), it is the other
    way round as the window narrows: the library column gives up its width down to
    its least before the article goes under ``READER_MIN_WIDTH`` (it was left at
    303 px at 1024 px).  So it is on either tab when the tab's widths come back into
    a window of another width (the Articles tab's, kept at 1280 px, left the article
    374 px at 1024 px); in the width they were left in, they come back as they were,
    an article the user narrowed by hand too."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.given = 0  # the library column's width, as the user or the window set it
        # Widths set before the window shows, laid out once it has its size.
        self._asked: list[int] = []
        self.readable: Callable[[], int] = lambda: 0
        self.article_first: Callable[[], bool] = lambda: False
        self.grew: Callable[[], None] = lambda: None  # the window made wider
        self.splitterMoved.connect(lambda *_: self._remember(self.sizes()))

    def _remember(self, sizes: Sequence[int]) -> None:
        if self.isVisible():
            self.given, self._asked = (sizes[0] if sizes else 0), []
        else:
            self._asked = list(sizes)

    def setSizes(self, sizes: Sequence[int]) -> None:  # noqa: N802 (Qt's name)
        super().setSizes(sizes)
        self._remember(self.sizes() if self.isVisible() else sizes)

    def keep_sizes(self, sizes: Sequence[int]) -> None:
        """Put back widths the splitter had (a column's widget replaced): the library
        column keeps the width it was given before, not the one it was squeezed to."""
        super().setSizes(sizes)

    def restoreState(self, state: SplitterState) -> bool:  # noqa: N802 (Qt's name)
        restored = super().restoreState(state)
        if restored:
            self._remember(self.sizes() if self.isVisible() else saved_sizes(state))
            # Saved in another width: fitted to this one.  In the same width, the
            # widths come back as the user left them, a narrow article too.
            if sum(saved_sizes(state)) != sum(self.sizes()):
                self._keep_article_width(restoring=True)
        return restored

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._keep_library_width()
        if isinstance(event, QResizeEvent) and event.size().width() < event.oldSize().width():
            self._keep_article_width()
        elif isinstance(event, QResizeEvent) and 0 < event.oldSize().width() < event.size().width():
            self.grew()
        return handled

    def _keep_article_width(self, restoring: bool = False) -> None:
        sizes = self.sizes()
        if not self.isVisible() or not (restoring or self.article_first()):
            return
        if len(sizes) != 3 or sizes[0] <= 0 or sizes[1] <= 0:
            return  # a column folded away (View → Library list)
        library, reader = self.widget(0), self.widget(1)
        reader_least = max(READER_MIN_WIDTH, least_width(reader) if reader else 0)
        give = min(reader_least - sizes[1], sizes[0] - (least_width(library) if library else 0))
        if give > 0:
            super().setSizes([sizes[0] - give, sizes[1] + give, sizes[2]])

    def _keep_library_width(self) -> None:
        if not self.isVisible():
            return
        sizes = self.sizes()
        if self._asked and sum(self._asked) > 0:
            # Shown now: the width asked for, in the window's width as the splitter
            # shares it out (it lays them out over a few passes, squeezing in between).
            self.given = self._asked[0] * sum(sizes) // sum(self._asked)
            self._asked = []
        if len(sizes) != 3 or sizes[0] <= 0 or sizes[1] <= 0:
            return  # a column folded away (View → Library list)
        reader = self.widget(1)
        reader_least = max(READER_MIN_WIDTH, least_width(reader) if reader else 0)
        give = min(min(self.given, self.readable()) - sizes[0], sizes[1] - reader_least)
        if give > 0:
            super().setSizes([sizes[0] + give, sizes[1] - give, sizes[2]])
        elif sizes[1] < reader_least and sizes[0] < self.given:
            # The splitter squeezed both (the note's form taking its width): the article
            # keeps its least first, the library column below what it was given (a
            # width the user set stays: given is that width).
            library = self.widget(0)
            take = min(reader_least - sizes[1], sizes[0] - (least_width(library) if library else 0))
            if take > 0:
                super().setSizes([sizes[0] - take, sizes[1] + take, sizes[2]])


class DateDelegate(QStyledItemDelegate):
    """A date whole where the column shows it ("2026-12-06"), else short: "6 Dec" this
    year, "Dec 2025" another (the tooltip says it whole).  A column narrowed to give
    the titles room read "20…06"."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        room = option.rect.width() - 8  # the cell's margins
        text = option.text
        if text and option.fontMetrics.horizontalAdvance(text) > room:
            option.text = compact_date(text, date.today().year)


def saved_sizes(state: SplitterState) -> list[int]:
    """The widths a splitter's saved state holds (QSplitter.saveState: a marker, a
    version, then the list of widths)."""
    stream = QDataStream(state if isinstance(state, QByteArray) else QByteArray(bytes(state)))
    stream.readInt32()  # the marker
    stream.readInt32()  # the version
    count = stream.readUInt32()
    return [stream.readInt32() for _ in range(min(count, 16))]


def least_width(widget: QWidget) -> int:
    """The least width the splitter leaves ``widget``."""
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class LibraryPane(QWidget):
    """The left column: filter box, verdict/status/tag filters and the article list."""

    def __init__(self, window: ReaderWindow) -> None:
        super().__init__()
        self.mw = window
        # Collecting every tag reads every note, so it waits until a tag list is wanted.
        self.tags: list[str] | None = None
        self.model = LibraryModel(lambda: window.lib, self)
        self.proxy = LibraryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter articles…")
        self.filter_edit.setAccessibleName("Filter articles")
        self.filter_edit.setClearButtonEnabled(True)
        # Each change of the text queries the whole library: wait for a pause in typing.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.on_filters_changed)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.verdict_filter = FitComboBox("Filter by verdict")
        self.verdict_filter.addItem("Any verdict", None)
        for v in VERDICTS:
            self.verdict_filter.addItem(v.label, v.key)
        self.status_filter = FitComboBox("Filter by status")
        self.status_filter.addItem("Any status", None)
        self.status_filter.addItem("Has notes", "__has")
        self.status_filter.addItem("No notes", "__none")
        self.status_filter.addItem("Changed since checked", "__changed")
        self.status_filter.addItem("Cleaning to check", "__to_check")
        for s in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[s], s)
        self.tag_filter = LazyFitComboBox(self.ensure_tags, "Filter by tag")
        self.tag_filter.addItem("Any tag", None)
        self.tag_filter.currentIndexChanged.connect(self.on_filters_changed)
        self.speaker_filter = LazyFitComboBox(self.refresh_speakers, "Filter by speaker")
        self.speaker_filter.addItem("Anyone quoted", None)
        self.speaker_filter.currentIndexChanged.connect(self.on_filters_changed)
        self.verdict_filter.currentIndexChanged.connect(self.on_filters_changed)
        self.status_filter.currentIndexChanged.connect(self.on_filters_changed)
        self.view = self._build_view()
        # Two tabs: the articles (the list as it always was) and every claim noted in
        # them (reader/ui/claims_view.py).
        self.articles_page = QWidget()
        # The Claims view is built when its tab is first opened: its modules stay out
        # of the window's start-up.
        self.claims: ClaimsView | None = None
        self.claims_page = QWidget()
        QVBoxLayout(self.claims_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("libraryTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.articles_page, "Articles")
        self.tabs.addTab(self.claims_page, "Claims")
        # The column's least width is the shown tab's (before the tab's widths return).
        least_width_of_shown_page(self.tabs)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # The main splitter's widths for each tab (see _switch_widths).
        self.tab: TabName = "articles"
        self.splitter_states: dict[TabName, QByteArray] = {}
        # Whether the Claims tab's widths are the ones fit_claims_width gave.
        self.claims_fitted = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 0, 6)
        outer.addWidget(self.tabs)
        layout = QVBoxLayout(self.articles_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        # Two by two: each box shows its longest choice in full at the window's usual
        # size (FitComboBox); in a narrower column, one to a row rather than cut.
        self.filters = FitPairs(
            [self.verdict_filter, self.status_filter, self.tag_filter, self.speaker_filter]
        )
        layout.addWidget(self.filters)
        layout.addWidget(self.view)

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("libraryView")
        view.setAccessibleName("Articles")
        view.setModel(self.proxy)
        # Newest import first, set before sorting is enabled: enabling it sorts by the
        # header's indicator at once, and the model's own order then needs no query.
        view.horizontalHeader().setSortIndicator(
            LibraryModel.COLUMNS.index("Imported"), Qt.SortOrder.DescendingOrder
        )
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Rows are chosen whole: Tab goes on to the next pane, not to the next cell.
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A narrow column cannot show six: the title gets the room, the rest is one
        # right-click on the header away (and the choice is remembered).
        # At a large font a date needs more than its usual width (it showed "20…06").
        fm = view.fontMetrics()
        date = fm.horizontalAdvance("2026-12-31") + 12
        # Each column's width without and with the sort arrow beside its name: only the
        # sorted column makes room for it (at a large font the Notes column kept 17 px
        # for an arrow it did not show, taken from the titles).
        self.default_widths: dict[int, tuple[int, int]] = {}
        for name, width in LIBRARY_COLUMN_WIDTHS.items():
            least = max(width, date if name in ("Published", "Imported") else 0)
            label = fm.horizontalAdvance(name)
            plain, arrowed = max(least, label + 12), max(least, label + fm.height() + 8)
            self.default_widths[LibraryModel.COLUMNS.index(name)] = (plain, arrowed)
        sorted_column = header.sortIndicatorSection()
        for column, (plain, arrowed) in self.default_widths.items():
            header.resizeSection(column, arrowed if column == sorted_column else plain)
        header.sortIndicatorChanged.connect(lambda *_: self.fit_default_widths())
        # A narrowed date column shows "6 Dec" rather than "20…06".
        self._date_delegate = DateDelegate(view)
        for name in ("Published", "Imported"):
            view.setItemDelegateForColumn(LibraryModel.COLUMNS.index(name), self._date_delegate)
        for name in LIBRARY_COLUMNS_HIDDEN:
            header.hideSection(LibraryModel.COLUMNS.index(name))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        # A reset of the list (each filter, sort or reload) forgets widths and hidden
        # columns: they are carried across it.
        self._columns = header.saveState()
        self.proxy.modelAboutToBeReset.connect(
            lambda: setattr(self, "_columns", header.saveState())
        )
        self.proxy.modelReset.connect(lambda: header.restoreState(self._columns))
        view.setWordWrap(False)
        # Titles that differ only at the end ("… (update 3)") stay told apart.
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        # The row the focus lands on is current but not chosen (see _on_view_current_changed):
        # Space selects it and Enter activates it, each opening it.
        view.selectionModel().selectionChanged.connect(
            lambda *_: self._on_view_current_changed(view.currentIndex(), QModelIndex())
        )
        view.activated.connect(self._open_row)
        self.empty = EmptyState(view, "articlesEmpty")
        self.model.modelReset.connect(self._update_empty)
        # A filter or a sort reloads the list: the open article's row, if it is among
        # the rows shown, is selected again.
        self.model.modelReset.connect(
            lambda: self.select(self.mw.article.id) if self.mw.article else None
        )
        return view

    def fit_default_widths(self) -> None:
        """The sort moved to another column: a column at its default width makes room
        for the arrow, the one it left gives it back.  Widths the user set stay."""
        header = self.view.horizontalHeader()
        now = header.sortIndicatorSection()
        for column, (plain, arrowed) in self.default_widths.items():
            size = header.sectionSize(column)
            if column == now and size == plain:
                header.resizeSection(column, arrowed)
            elif column != now and size == arrowed:
                header.resizeSection(column, plain)

    def _on_tabs_current_changed(self, index: int) -> None:
        claims = self.tabs.widget(index) is self.claims_page
        if claims:
            self.show_claims()
        self._switch_widths("claims" if claims else "articles")

    def _switch_widths(self, tab: TabName) -> None:
        """The Claims tab is a table of the whole library: it takes the width its columns
        need from the article, and gives it back when the Articles tab comes back.  What
        the user makes of either is kept for the next time (and the next session)."""
        if tab == self.tab:
            return
        splitter = self.mw.splitter
        self.splitter_states[self.tab] = splitter.saveState()
        self.tab = tab
        state = self.splitter_states.get(tab)
        if state is not None and not state.isEmpty():
            splitter.restoreState(state)
        elif tab == "claims":
            self.fit_claims_width()

    def fit_claims_width(self) -> None:
        """Widen the column (the Claims tab showing) for the columns it shows."""
        if self.tab == "claims" and self.claims is not None:
            splitter = self.mw.splitter
            margins = self.layout().contentsMargins()  # type: ignore[union-attr]
            wanted = self.claims.wanted_width() + margins.left() + margins.right()
            splitter.setSizes(widened(splitter.sizes(), wanted))
            self.claims_fitted = True

    def on_splitter_moved(self) -> None:
        """The user sized the columns: on the Claims tab, their widths stay."""
        if self.tab == "claims":
            self.claims_fitted = False

    def on_window_grew(self) -> None:
        """The window made wider on the Claims tab: the column widens again for its
        table, as when the tab was first shown, unless the user sized it since (it
        kept 438 px at 1280 px, the claim's column 96 px and the table scrolling)."""
        if self.tab == "claims" and self.claims_fitted:
            self.fit_claims_width()

    def readable_width(self) -> int:
        """On the Articles tab, the width that shows the filters whole and about
        ``TITLE_READABLE_CHARS`` characters of each title beside the list's other shown
        columns (the Claims tab widens the column itself: 0)."""
        if self.tab != "articles":
            return 0
        view = self.view
        header = view.horizontalHeader()
        others = sum(
            header.sectionSize(i) for i in range(1, header.count()) if not header.isSectionHidden(i)
        )
        title = TITLE_READABLE_CHARS * view.fontMetrics().averageCharWidth() + 8
        bars = view.verticalScrollBar()
        bar = bars.sizeHint().width() if bars.isVisible() else 0
        table = title + others + bar + 2 * view.frameWidth()
        filters = max(box.sizeHint().width() for box in self.filters.boxes)
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        return max(table, filters) + margins.left() + margins.right()

    def splitter_state(self, tab: TabName) -> QByteArray | None:
        """The main splitter's state for ``tab`` (the one shown now, or as last left)."""
        if tab == self.tab:
            return self.mw.splitter.saveState()
        return self.splitter_states.get(tab)

    def show_claims(self) -> ClaimsView:
        """Show the Claims tab (built the first time); returns its view."""
        if self.claims is None:
            from reader.ui.claims_view import ClaimsView

            self.claims = ClaimsView(self.mw)
            columns = self.mw.settings.value("claims_columns")
            if isinstance(columns, QByteArray) and not columns.isEmpty():
                self.claims.restore_columns(columns)
            layout = self.claims_page.layout()
            assert layout is not None
            layout.addWidget(self.claims)
            self.claims.reload()
        self.tabs.setCurrentWidget(self.claims_page)
        return self.claims

    def _on_header_menu(self, pos: QPoint) -> None:
        """Right-click on the list's header: show or hide its columns (the title stays)."""
        from reader.ui.table_columns import offer_column_menu

        header = self.view.horizontalHeader()
        offer_column_menu(self, header, LibraryModel.COLUMNS, 0, pos)

    # -- the list -----------------------------------------------------------------------

    def reload(self) -> None:
        article = self.mw.article
        current = article.id if article else None
        self.model.reload()
        if current:
            self.select(current)
        if self.claims is not None:
            self.claims.refresh()

    def select(self, article_id: str) -> None:
        """Make the article's row current, without opening it again."""
        # Only rows already loaded are selected: fetching pages just to show a
        # selection would load a large library on the UI thread.
        row = self.model.row_of(article_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            sm = self.view.selectionModel()
            sm.blockSignals(True)
            self.view.setCurrentIndex(idx)
            sm.blockSignals(False)

    def refresh_open_row(self) -> None:
        """Note counts of the open article changed: update its row in place."""
        article = self.mw.article
        if article is not None:
            self.model.refresh_row(self.mw.lib.article_summary(article.id))
        if self.claims is not None:
            self.claims.refresh()

    def on_filters_changed(self) -> None:
        self._filter_timer.stop()  # a combo box changed: apply the text too
        status = self.status_filter.currentData()
        has_notes = {"__has": True, "__none": False}.get(status or "")
        changed = True if status == "__changed" else None
        to_check = True if status == "__to_check" else None
        self.model.set_filters(
            text=self.filter_edit.text(),
            verdict=self.verdict_filter.currentData(),
            status=None if status is None or status.startswith("__") else status,
            tag=self.tag_filter.currentData(),
            has_notes=has_notes,
            changed=changed,
            speaker=self.speaker_filter.currentData(),
            to_check=to_check,
        )
        if self.model.query.filtered and self.model.rowCount() == 0:
            self.mw.statusBar().showMessage("No articles match the filters", 4000)

    def _update_empty(self) -> None:
        # An empty library shows the welcome text beside it; a filtered one says so here.
        none = self.model.query.filtered and self.model.rowCount() == 0
        self.empty.show_text(NO_ARTICLE_MATCHES if none else None)

    def _on_view_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        # A row made current without being selected was not chosen: the list made its
        # first row current when it got the focus (at start-up the window puts the keys
        # there), or Ctrl+arrow moved the focus alone.  Opening it would leave the
        # welcome's "Choose an article" for an article nobody chose.
        if not current.isValid() or not self.view.selectionModel().isSelected(current):
            return
        self._open_row(current)

    def _open_row(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        src = self.proxy.mapToSource(current)
        summary = self.model.summary(src.row())
        article = self.mw.article
        if article is None or summary.id != article.id:
            self.mw.open_article(summary.id)

    # -- tags -----------------------------------------------------------------------------

    def ensure_tags(self) -> None:
        if self.tags is None:
            self.refresh_tags()

    def refresh_tags(self) -> None:
        """Read every tag again, for the tag filter and the note editor's completer."""
        self.tags = self.mw.lib.all_tags()
        self.mw.notes_pane.set_tag_choices(self.tags)
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", None)
        for tag in self.tags:
            self.tag_filter.addItem(f"#{tag}", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    def refresh_speakers(self) -> None:
        """Read every speaker again for the speaker filter (when its list opens)."""
        current = self.speaker_filter.currentData()
        self.speaker_filter.blockSignals(True)
        self.speaker_filter.clear()
        self.speaker_filter.addItem("Anyone quoted", None)
        for name in self.mw.lib.speakers():
            self.speaker_filter.addItem(name, name)
        self.speaker_filter.setCurrentIndex(speaker_row(self.speaker_filter, current))
        self.speaker_filter.blockSignals(False)

    # -- whole articles: trash, search ----------------------------------------------------

    def selected_article_ids(self) -> list[tuple[str, str]]:
        """(id, title) of each selected row."""
        rows = self.view.selectionModel().selectedRows()
        out = []
        for idx in rows:
            s = self.model.summary(self.proxy.mapToSource(idx).row())
            out.append((s.id, s.title))
        return out

    def delete_selected_articles(self) -> None:
        chosen = self.selected_article_ids()
        if not chosen:
            return
        w = self.mw
        first_row = min(idx.row() for idx in self.view.selectionModel().selectedRows())
        w.push(DeleteArticlesCommand(w.lib, w, [c[0] for c in chosen], [c[1] for c in chosen]))
        # The row that took the deleted one's place is current (and open), so the keys
        # go on from there rather than from the top of a list with no current row.
        rows = self.proxy.rowCount()
        if rows and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.proxy.index(min(first_row, rows - 1), 0))
        w.statusBar().showMessage(
            f"{counted(len(chosen), 'article')} moved to the Trash (Ctrl+Z to undo)", 4000
        )

    def show_trash(self) -> None:
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import TrashDialog

        dialog = TrashDialog(self.mw.lib, self.mw.window(), restore=self.restore_from_trash)
        keep_size(dialog, self.mw.settings, "trash")
        dialog.exec()
        dialog.deleteLater()
        self.mw.after_library_change()

    def restore_from_trash(self, kind: str, item_id: str) -> None:
        """Bring an article or a note back from the Trash, undoably."""
        w = self.mw

        def redo() -> None:
            if kind == "article":
                w.lib.restore_article(item_id)
            else:
                w.lib.restore_note(item_id)
            w.after_library_change()

        def revert() -> None:
            if kind == "article":
                w.lib.delete_article(item_id)
            else:
                w.lib.delete_note(item_id)
            w.after_library_change()

        w.push(CallbackCommand(f"Restore {kind} from the Trash", redo, revert))

    def search_everything(self) -> None:
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import SearchDialog

        w = self.mw
        dialog = SearchDialog(w.lib, w.window())
        keep_size(dialog, w.settings, "search")
        accepted = dialog.exec()
        hit = dialog.chosen
        dialog.deleteLater()  # each Ctrl+K made a new one, kept until the window went
        if accepted and hit is not None:
            sel = None
            if hit.note_id:
                note = w.lib.get_note(hit.note_id)
                if note.anchor_state != "orphan":
                    sel = (note.start, note.end)
            w.open_article(hit.article_id, select=sel)
