"""Qt item models: the library list, a list of notes, a note's sources.

Each is a real ``QAbstractItemModel`` subclass: rows are announced with
``beginInsertRows``/``beginResetModel``, ``data()`` returns ``None`` for roles it does
not handle, and custom roles carry the dataclass behind a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QGuiApplication

from reader.core.models import Note, Source
from reader.core.verdicts import BY_KEY, STATUS_LABELS, label
from reader.store.library import ArticleSummary, Library
from reader.ui.theme import error_colour
from reader.ui.wording import counted, shown_date

ObjectRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def as_rich_text(text: str) -> str:
    """Text from an article or page as a tooltip: escaped, so it shows as text.

    Tooltips guess rich text from the content, and Qt's rich text loads images.
    """
    import html  # here: its entity table is a few ms of start-up, and tooltips come later

    return "<p>" + html.escape(text) + "</p>"


def _short_date(iso: str | None) -> str:
    return shown_date(iso)


@dataclass(frozen=True)
class LibraryQuery:
    """What the library list shows: its filters and its order.

    The fields are those of :meth:`Library.list_articles`; the library applies them to
    every article in SQL, not the model to the rows it has loaded.
    """

    text: str = ""
    verdict: str | None = None
    status: str | None = None
    tag: str | None = None
    has_notes: bool | None = None
    order: str = Library.DEFAULT_LIST_ORDER
    changed: bool | None = None  # a note's words changed or vanished since checked
    speaker: str | None = None  # quoted in the article (claim radar) or a note's claimant
    to_check: bool | None = None  # the cleaner doubted it and the user has not checked

    @property
    def filtered(self) -> bool:
        """True when some filter hides articles (the order aside)."""
        return bool(
            self.text
            or self.verdict
            or self.status
            or self.tag
            or self.has_notes is not None
            or self.changed is not None
            or self.speaker
            or self.to_check is not None
        )


class LibraryModel(QAbstractTableModel):
    """The articles of the library, fetched a page at a time as the view scrolls.

    Filters and sorting are part of the query each page comes from (:class:`LibraryQuery`),
    so they see the whole library: changing either starts again from the first page.
    """

    COLUMNS = ("Title", "Site", "Published", "Imported", "Notes", "Status", "Changed")
    # The library's sort key for each column, in the order of COLUMNS.
    ORDER_KEYS = ("title", "site", "published", "imported", "notes", "status", "changed")
    PAGE = 128  # rows per fetch: several screens, ~10 ms of SQL for a large library

    def __init__(self, library: Callable[[], Library], parent: Any = None) -> None:
        super().__init__(parent)
        # A getter, not the Library: the window opens another one after a restore.
        self._library = library
        self._query = LibraryQuery()
        self._rows: list[ArticleSummary] = []
        self._total = 0
        self._stopped = False
        self.reload()

    @property
    def query(self) -> LibraryQuery:
        return self._query

    def set_query(self, query: LibraryQuery) -> None:
        """Show the articles ``query`` selects, in its order, from the first page."""
        if query == self._query:
            return
        self._query = query
        if not self._stopped:
            self.reload()

    def set_filters(
        self,
        *,
        text: str = "",
        verdict: str | None = None,
        status: str | None = None,
        tag: str | None = None,
        has_notes: bool | None = None,
        changed: bool | None = None,
        speaker: str | None = None,
        to_check: bool | None = None,
    ) -> None:
        """Replace every filter at once, keeping the order."""
        self.set_query(
            replace(
                self._query,
                text=text.strip(),
                verdict=verdict,
                status=status,
                tag=tag,
                has_notes=has_notes,
                changed=changed,
                speaker=speaker,
                to_check=to_check,
            )
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole library by ``column`` (-1: newest import first).

        The view calls this when sorting is turned on and on each header click; the
        default order ("Imported", descending) is what is already loaded, so turning
        sorting on at start-up costs no query.
        """
        if 0 <= column < len(self.ORDER_KEYS):
            descending = order == Qt.SortOrder.DescendingOrder
            key = ("-" if descending else "") + self.ORDER_KEYS[column]
        else:
            key = Library.DEFAULT_LIST_ORDER
        self.set_query(replace(self._query, order=key))

    def _page(self, offset: int) -> list[ArticleSummary]:
        q = self._query
        return self._library().list_articles(
            limit=self.PAGE,
            offset=offset,
            text=q.text,
            verdict=q.verdict,
            status=q.status,
            tag=q.tag,
            has_notes=q.has_notes,
            order=q.order,
            changed=q.changed,
            speaker=q.speaker,
            to_check=q.to_check,
        )

    def _count(self) -> int:
        q = self._query
        return self._library().count_articles(
            text=q.text,
            verdict=q.verdict,
            status=q.status,
            tag=q.tag,
            has_notes=q.has_notes,
            changed=q.changed,
            speaker=q.speaker,
            to_check=q.to_check,
        )

    def reload(self) -> None:
        """Start again from the first page (after imports, deletes, note changes)."""
        self.beginResetModel()
        self._stopped = False
        self._rows = self._page(0)
        # A first page that is not full is everything: no need to count.
        self._total = self._count() if len(self._rows) == self.PAGE else len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def stop_fetching(self) -> None:
        """Keep the rows loaded and query no more (the library is about to close)."""
        self._total = len(self._rows)
        self._stopped = True

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        more = self._page(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        if len(more) < self.PAGE:
            self._total = len(self._rows)  # the library shrank since it was counted

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None

    def refresh_row(self, summary: ArticleSummary) -> None:
        """Replace one loaded row (after its notes changed) without a reset.

        The row stays where it is even if it no longer matches the filters or its
        place in the order: rows do not jump away while the user works on them; the
        next reload places it.
        """
        row = self.row_of(summary.id)
        if row < 0:
            return
        self._rows[row] = summary
        self.dataChanged.emit(
            self.index(row, 0),
            self.index(row, len(self.COLUMNS) - 1),
            [Qt.ItemDataRole.DisplayRole, SortRole, ObjectRole],
        )

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == article_id:
                return i
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ObjectRole:
            return r
        if role == IdRole:
            return r.id
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == 0:
                return r.title or "(untitled)"
            if col == 1:
                return r.site_name or ""
            if col == 2:
                return _short_date(r.published)
            if col == 3:
                return r.created if role == SortRole else _short_date(r.created)
            if col == 4:
                if role == SortRole:
                    return r.note_count
                if not r.note_count:
                    return ""
                # The column is narrow: the count and one mark per verdict, most given
                # first; the tooltip says them in words.
                marks = "".join(BY_KEY[k].mark for k in _verdicts_by_count(r) if k in BY_KEY)
                return f"{r.note_count} {marks}" if marks else f"{r.note_count}"
            if col == 5:
                return STATUS_LABELS.get(r.status, "")
            if col == 6:
                if role == SortRole:
                    return r.changed_notes
                return f"⚠ {r.changed_notes}" if r.changed_notes else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and r.note_count:
            return notes_tooltip(r)
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and r.changed_notes:
            return f"{counted(r.changed_notes, 'note')} changed since checked"
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 3):
            # A narrow column shows the date short ("6 Dec"): the whole one.
            return _short_date(r.published if col == 2 else r.created) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            # The whole title (the column elides it), where it came from, and a doubt.
            doubt = "The cleaning is to check: open it to see the whole page."
            lines = (r.title, r.url, doubt if r.cleaning_to_check else "")
            return as_rich_text("\n".join(x for x in lines if x))
        return None


def _verdicts_by_count(r: ArticleSummary) -> list[str]:
    return sorted(r.verdict_counts, key=lambda k: (-r.verdict_counts[k], k))


def notes_tooltip(r: ArticleSummary) -> str:
    """The Notes column's tooltip: how many notes, and their verdicts in words."""
    parts = [f"{r.verdict_counts[k]} {label(k)}" for k in _verdicts_by_count(r)]
    head = f"{r.note_count} note{'s' * (r.note_count != 1)}"
    return head + (": " + ", ".join(parts) if parts else "")


class LibraryFilterProxy(QIdentityProxyModel):
    """The library view's model: the library model as it is.

    Filtering and sorting moved into :class:`LibraryModel` (and so into SQL), where
    they see every article; this pass-through stays so the window's index mapping
    (``mapToSource``/``mapFromSource``) keeps working.  Sorting requests reach the
    library model through ``QAbstractProxyModel.sort``.
    """


class NotesModel(QAbstractListModel):
    """A list of notes (the article's, or the selected sentence's), in reading order."""

    def __init__(
        self, parent: Any = None, dark: Callable[[], bool] = lambda: False, quotes: bool = True
    ) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self._display: list[str | None] = []
        self._dark = dark
        # False: each row is two lines, the verdict and the conclusion, for a list shown
        # under the sentence it quotes (the selection's notes).
        self._quotes = quotes

    def set_notes(self, notes: list[Note]) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self._display = [None] * len(self._notes)
        self.endResetModel()

    def notes(self) -> list[Note]:
        return list(self._notes)

    def note(self, row: int) -> Note:
        return self._notes[row]

    def row_of(self, note_id: str) -> int:
        for i, n in enumerate(self._notes):
            if n.id == note_id:
                return i
        return -1

    def update_note(self, note: Note) -> None:
        row = self.row_of(note.id)
        if row < 0:
            return
        self._notes[row] = note
        self._display[row] = None
        idx = self.index(row, 0)
        self.dataChanged.emit(
            idx, idx, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, ObjectRole]
        )

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._notes)):
            return None
        n = self._notes[index.row()]
        if role == ObjectRole:
            return n
        if role == IdRole:
            return n.id
        if role == Qt.ItemDataRole.DisplayRole:
            # Views ask for this many times while laying out; build it once per note.
            text = self._display[index.row()]
            if text is None:
                shown = _note_display(n) if self._quotes else _note_lines(n)
                text = self._display[index.row()] = shown
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            from reader.ui.theme import verdict_colour

            return QBrush(verdict_colour(n.verdict, self._dark()))
        if role == Qt.ItemDataRole.ToolTipRole:
            if len(n.conclusion) > CONCLUSION_SHOWN:  # the row shows it cut
                return as_rich_text(n.exact) + as_rich_text(n.conclusion)
            return as_rich_text(n.exact)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label(n.verdict)} note on: {n.exact}"
        return None


CONCLUSION_SHOWN = 160  # characters of a conclusion in a notes list's row


def _note_display(n: Note) -> str:
    mark = BY_KEY[n.verdict].mark + " " if n.verdict else ""
    state = {"changed": " ⚠ changed since checked", "orphan": " ⚠ not found"}.get(
        n.anchor_state, ""
    )
    if change_severity(n) == "light":
        state = " ✎ changed since checked (spelling)"
    quote = n.exact if len(n.exact) <= 70 else n.exact[:67] + "…"
    head = f"{mark}{label(n.verdict)} · {STATUS_LABELS[n.status]}{state}"
    conclusion = n.conclusion
    if len(conclusion) > CONCLUSION_SHOWN:
        # A few lines: a long conclusion filled the whole All notes list with one note.
        conclusion = conclusion[: CONCLUSION_SHOWN - 1].rstrip() + "…"
    tail = f"\n{conclusion}" if conclusion else ""
    from reader.core.quotes import in_quotes

    return f"{head}\n{in_quotes(quote)}{tail}"


def _note_lines(n: Note) -> str:
    """A note in two lines, without its quote: the verdict and the conclusion (which
    the view cuts to its width).  Under the sentence's own quote, the row repeated it."""
    head = _note_display(n).split("\n", 1)[0]
    conclusion = " ".join(n.conclusion.split()) or "No conclusion yet"
    if len(conclusion) > CONCLUSION_SHOWN:
        conclusion = conclusion[: CONCLUSION_SHOWN - 1].rstrip() + "…"
    return f"{head}\n{conclusion}"


class SourcesModel(QAbstractTableModel):
    """The ordered sources of the note being edited; editable in place."""

    COLUMNS = ("URL", "Title", "Publisher", "Date", "Archive URL", "Stance")
    FIELDS = ("url", "title", "publisher", "date", "archive_url", "stance")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sources: list[Source] = []

    def set_sources(self, sources: list[Source]) -> None:
        if sources == self._sources:
            # Most sentences clicked in turn have no sources: a reset anyway made the
            # table re-measure its header and scroll bars and re-lay the whole panel.
            return
        self.beginResetModel()
        self._sources = [Source(**s.__dict__) for s in sources]
        self.endResetModel()

    def sources(self) -> list[Source]:
        return [Source(**s.__dict__) for s in self._sources]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._sources)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._sources)):
            return None
        src = self._sources[index.row()]
        field = self.FIELDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(src, field)
        if role == ObjectRole:
            return src
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = (src.title or src.url, src.stance, src.publisher, src.date)
            return ", ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole and field == "url":
            # The whole address, as text: the list shows its domain only.
            tip = as_rich_text(src.url)
            if src.archive_url:
                tip += as_rich_text("Archived: " + src.archive_url)
            if src.url and not _looks_like_url(src.url):
                tip += as_rich_text(
                    "This does not look like a web address (it should start with https://)."
                )
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and field in ("url", "archive_url"):
            value = getattr(src, field)
            if value and not _looks_like_url(value):
                return QBrush(error_colour(QGuiApplication.palette()))
        if role == Qt.ItemDataRole.ToolTipRole and field in ("url", "archive_url"):
            value = getattr(src, field)
            if value and not _looks_like_url(value):
                return "This does not look like a web address (it should start with https://)."
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.FIELDS[index.column()]
        text = str(value).strip()
        if field == "stance" and text not in ("supports", "refutes", "context"):
            return False
        setattr(self._sources[index.row()], field, text)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def add_source(self, source: Source) -> None:
        row = len(self._sources)
        self.beginInsertRows(QModelIndex(), row, row)
        self._sources.append(source)
        self.endInsertRows()

    def replace_source(self, row: int, source: Source) -> None:
        """Put ``source`` in place of the one at ``row`` (one change, one signal)."""
        if not 0 <= row < len(self._sources) or self._sources[row] == source:
            return
        self._sources[row] = Source(**source.__dict__)
        self.dataChanged.emit(
            self.index(row, 0),
            self.index(row, len(self.FIELDS) - 1),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, ObjectRole],
        )

    def remove_source(self, row: int) -> None:
        if not 0 <= row < len(self._sources):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._sources[row]
        self.endRemoveRows()

    def move_source(self, row: int, delta: int) -> bool:
        target = row + delta
        if not (0 <= row < len(self._sources) and 0 <= target < len(self._sources)):
            return False
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._sources.insert(target, self._sources.pop(row))
        self.endMoveRows()
        return True


def _looks_like_url(value: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


def change_severity(note: Note) -> str:
    """How loud a note's change is (``none`` unless ``changed``); the word diff is
    loaded only when a changed note is shown, not at start-up."""
    if note.anchor_state != "changed":
        return "none"
    from reader.core.worddiff import note_change_severity

    return note_change_severity(note)
