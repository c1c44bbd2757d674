"""Qt item models: the library list, a list of notes, a note's sources.

Each is a real ``QAbstractItemModel`` subclass: rows are announced with
``beginInsertRows``/``beginResetModel``, ``data()`` returns ``None`` for roles it does
not handle, and custom roles carry the dataclass behind a row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reader.core.models import Note, Source
from reader.core.verdicts import BY_KEY, STATUS_LABELS, label
from reader.store.library import ArticleSummary

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
    return (iso or "")[:10]


class LibraryModel(QAbstractTableModel):
    """The articles of the library, fetched a page at a time as the view scrolls."""

    COLUMNS = ("Title", "Site", "Published", "Imported", "Notes", "Status")
    PAGE = 128  # rows per fetch: several screens, ~10 ms of SQL for a large library

    def __init__(self, fetch_page: Callable[[int, int], list[ArticleSummary]],
                 count: Callable[[], int], parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._count = count
        self._rows: list[ArticleSummary] = []
        self._total = 0
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after imports, deletes, note changes)."""
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._fetch_page(self.PAGE, 0) if self._total else []
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def stop_fetching(self) -> None:
        """Keep the rows loaded and fetch no more (the library is about to close)."""
        self._total = len(self._rows)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        more = self._fetch_page(self.PAGE, len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None

    def refresh_row(self, summary: ArticleSummary) -> None:
        """Replace one loaded row (after its notes changed) without a reset."""
        row = self.row_of(summary.id)
        if row < 0:
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1),
                              [Qt.ItemDataRole.DisplayRole, SortRole, ObjectRole])

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
                parts = [f"{n} {label(k)}" for k, n in sorted(r.verdict_counts.items())]
                return f"{r.note_count}" + (f" ({', '.join(parts)})" if parts else "")
            if col == 5:
                return STATUS_LABELS.get(r.status, "")
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return as_rich_text(r.url or r.title)
        return None


class LibraryFilterProxy(QSortFilterProxyModel):
    """Filter-as-you-type on title and site, plus verdict, status and has-notes filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self.verdict: str | None = None
        self.status: str | None = None
        self.tag: str | None = None
        self.has_notes: bool | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; newest import first is the library's own order.

        The library hands rows over newest import first, so that order is kept as it
        comes (column -1) instead of sorted again: sorting calls ``data()`` for every
        comparison, ~40 ms for the first page of 256 rows, at start-up.  The view's
        header still shows the "Imported" column as sorted.
        """
        if column == LibraryModel.COLUMNS.index("Imported") and \
                order == Qt.SortOrder.DescendingOrder:
            super().sort(-1, Qt.SortOrder.AscendingOrder)  # -1: in the source's own order
        else:
            super().sort(column, order)

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.casefold().strip()))

    def set_filters(self, *, verdict: str | None = None, status: str | None = None,
                    tag: str | None = None, has_notes: bool | None = None) -> None:
        def change() -> None:
            self.verdict, self.status, self.has_notes = verdict, status, has_notes
            self.tag = tag

        self._refilter(change)

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LibraryModel):
            return True
        r = model.summary(source_row)
        if self._text and self._text not in f"{r.title} {r.site_name or ''}".casefold():
            return False
        if self.verdict and not r.verdict_counts.get(self.verdict):
            return False
        if self.status and r.status != self.status:
            return False
        if self.tag and self.tag not in r.tags:
            return False
        if self.has_notes is not None and bool(r.note_count) != self.has_notes:
            return False
        return True


class NotesModel(QAbstractListModel):
    """A list of notes (the article's, or the selected sentence's), in reading order."""

    def __init__(self, parent: Any = None, dark: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self._display: list[str | None] = []
        self._dark = dark

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
        self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole,
                                         Qt.ItemDataRole.DecorationRole, ObjectRole])

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
                text = self._display[index.row()] = _note_display(n)
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            from reader.ui.theme import verdict_colour

            return QBrush(verdict_colour(n.verdict, self._dark()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_rich_text(n.exact)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label(n.verdict)} note on: {n.exact}"
        return None


def _note_display(n: Note) -> str:
    mark = BY_KEY[n.verdict].mark + " " if n.verdict else ""
    state = {"drifted": " ⚠ moved — confirm", "orphan": " ⚠ not found"}.get(n.anchor_state, "")
    quote = n.exact if len(n.exact) <= 70 else n.exact[:67] + "…"
    head = f"{mark}{label(n.verdict)} · {STATUS_LABELS[n.status]}{state}"
    tail = f"\n{n.conclusion}" if n.conclusion else ""
    return f"{head}\n“{quote}”{tail}"


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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
        if role == Qt.ItemDataRole.ForegroundRole and field in ("url", "archive_url"):
            value = getattr(src, field)
            if value and not _looks_like_url(value):
                return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and field in ("url", "archive_url"):
            value = getattr(src, field)
            if value and not _looks_like_url(value):
                return "This does not look like a web address (it should start with https://)."
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.FIELDS[index.column()]
        text = str(value).strip()
        if field == "stance" and text not in ("supports", "refutes", "context"):
            return False
        setattr(self._sources[index.row()], field, text)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True

    def add_source(self, source: Source) -> None:
        row = len(self._sources)
        self.beginInsertRows(QModelIndex(), row, row)
        self._sources.append(source)
        self.endInsertRows()

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
