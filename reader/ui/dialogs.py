"""Secondary windows: search, versions, original input, Trash, shortcuts, library errors."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import StoreError, UserError
from reader.core.models import Article
from reader.core.quotes import in_quotes
from reader.core.verdicts import BY_KEY, VERDICTS
from reader.store import Library
from reader.store.library import SearchHit, TrashItem
from reader.ui import messages
from reader.ui.empty_state import EmptyState
from reader.ui.models import ObjectRole
from reader.ui.safe_browser import SafeTextBrowser
from reader.ui.theme import (
    DARK_SENTENCE_TINTS,
    LIGHT_SENTENCE_TINTS,
    banner_colours,
    palette_is_dark,
)
from reader.ui.wording import counted

_ROOT = QModelIndex()


class _ObjectListModel(QAbstractListModel):
    """A list of objects shown through a text function."""

    def __init__(self, text: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._text = text

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item)
        if role == ObjectRole:
            return item
        return None


_MARKDOWN_MARKS = re.compile(
    r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|^#{1,6}\s+|^>\s?)", re.M
)
_MARKDOWN_LINK = re.compile(r"\[([^\]\[]*)\]\((?:[^()\s]*)\)")


def hit_html(hit: SearchHit) -> str:
    """A search result as rich text: what it is and the article's title on the first
    line, the snippet below with its Markdown read (emphasis and links shown as their
    text) and the matched words, which the index marks with brackets, in bold."""
    text = _MARKDOWN_LINK.sub(r"\1", hit.snippet)
    text = _MARKDOWN_MARKS.sub("", text)
    body = re.sub(r"\[([^\[\]]*)\]", lambda m: f"\x00{m.group(1)}\x01", text)
    body = html.escape(body).replace("\x00", "<b>").replace("\x01", "</b>")
    kind = "Note" if hit.note_id else "Article"
    title = html.escape(hit.article_title)
    return f"<span style='color:gray'>{kind}</span> · <b>{title}</b><br>{body}"


class _RichTextDelegate(QStyledItemDelegate):
    """Draws a list item's display text as rich text (the search results)."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        doc.setTextWidth(max(50, option.rect.width()))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        painter.save()
        painter.translate(option.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ctx.palette.setColor(
            QPalette.ColorRole.Text,
            option.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            ),
        )
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchDialog(QDialog):
    """Ctrl+K: search articles, notes, sources and tags; Enter opens the result."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search everything")
        self.resize(640, 460)
        self.lib = lib
        self.chosen: SearchHit | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search articles, notes, sources, tags…")
        self.query.setAccessibleName("Search")
        self.verdict = QComboBox()
        self.verdict.addItem("Any verdict", None)
        for v in VERDICTS:
            self.verdict.addItem(v.label, v.key)
        self.model = _ObjectListModel(hit_html, self)
        self.results = QListView()
        self.results.setItemDelegate(_RichTextDelegate(self.results))
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.activated.connect(self._on_results_activated)
        self.count = QLabel()
        self.empty = EmptyState(self.results, "searchEmpty")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._open_first)
        self.verdict.currentIndexChanged.connect(lambda _i: self.run_search())
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.verdict)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)

    def run_search(self) -> None:
        from reader.app.search import search

        hits = search(self.lib, self.query.text(), verdict=self.verdict.currentData())
        self.model.set_items(hits)
        words = self.query.text().strip()
        n = len(hits)
        self.count.setText(
            "" if not words else "No results" if not n else f"{n} result{'s' if n > 1 else ''}"
        )
        # An empty list under a query looked like a search still running.
        self.empty.show_text(
            f"Nothing matches “{words}”. Try fewer or other words, or any verdict."
            if words and not n
            else None
        )

    def _open_first(self) -> None:
        self._timer.stop()
        self.run_search()
        idx = self.results.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0, 0)
        if idx.isValid():
            self._on_results_activated(idx)

    def _on_results_activated(self, index: QModelIndex) -> None:
        self.chosen = index.data(ObjectRole)
        self.accept()

    def done(self, result: int) -> None:
        # A search still due after a pause in typing would run on a closed dialog, perhaps
        # after the window has closed the library (a result chosen within the pause).
        self._timer.stop()
        super().done(result)


class VersionsDialog(QDialog):
    """The stored versions of an article and what changed between them."""

    def __init__(self, lib: Library, article_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article versions")
        self.resize(760, 520)
        self.lib, self.article_id = lib, article_id
        self.versions = lib.versions(article_id)
        self.old = QComboBox()
        self.new = QComboBox()
        for v in self.versions:
            parts = [f"Version {v.version}", v.retrieved[:16].replace("T", " "), v.origin]
            text = " — ".join(p for p in parts if p)  # no dangling dash without an origin
            self.old.addItem(text, v.version)
            self.new.addItem(text, v.version)
        self.old.setCurrentIndex(max(0, len(self.versions) - 2))
        self.new.setCurrentIndex(len(self.versions) - 1)
        self.summary = QLabel()
        self.diff = SafeTextBrowser()
        self.diff.setAccessibleName("Changes between versions")
        self.old.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.new.currentIndexChanged.connect(lambda _i: self.show_diff())
        pick = QHBoxLayout()
        pick.addWidget(QLabel("From"))
        pick.addWidget(self.old, 1)
        pick.addWidget(QLabel("to"))
        pick.addWidget(self.new, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.summary)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self.show_diff()

    def show_diff(self) -> None:
        from reader.core.textdiff import sentence_diff
        from reader.core.worddiff import change_heading, render_html, word_diff

        a = self.lib.get_article(self.article_id, self.old.currentData()).text
        b = self.lib.get_article(self.article_id, self.new.currentData()).text
        changes = sentence_diff(a, b)
        # Tints and word colours that read on this dialog's palette (light or dark).
        dark = palette_is_dark(self.diff.palette())
        added_tint, removed_tint = DARK_SENTENCE_TINTS if dark else LIGHT_SENTENCE_TINTS
        colours = banner_colours(dark).diff
        counts: dict[str, int] = {}
        rows = []
        for ch in changes:
            counts[ch.kind] = counts.get(ch.kind, 0) + 1
            if ch.kind == "unchanged":
                continue
            old = html.escape(ch.old_text or "")
            new = html.escape(ch.new_text or "")
            if ch.kind == "added":
                rows.append(
                    f'<p><b>Added:</b> <span style="background:{added_tint}">{new}</span></p>'
                )
            elif ch.kind == "removed":
                rows.append(
                    f'<p><b>Removed:</b> <s style="background:{removed_tint}">{old}</s></p>'
                )
            elif ch.kind == "reworded":
                diff = word_diff(ch.old_text or "", ch.new_text or "")
                rows.append(
                    f"<p><b>{html.escape(change_heading(diff))}:</b><br>"
                    + render_html(diff, colours)
                    + "</p>"
                )
            else:
                rows.append(f"<p><b>{ch.kind.capitalize()}:</b> {new or old}</p>")
        self.summary.setText(
            ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "No sentences."
        )
        if len(self.versions) < 2:
            # Version 1 against itself showed "No differences", as if an update had been
            # compared.
            self.diff.setHtml(
                "<p>This article has only one version. File → Update article from file "
                "or URL stores a new one; its changes are shown here.</p>"
            )
            return
        self.diff.setHtml("".join(rows) or "<p>No differences.</p>")


class UpdateSourceDialog(QDialog):
    """Where the new version of an article is: a URL typed in, or a file chosen."""

    def __init__(self, url: str, start_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update article")
        self._start_dir = start_dir
        self.source = QLineEdit(url)
        self.source.setAccessibleName("File or URL of the new version")
        self.source.setPlaceholderText("https://… or a saved page")
        self.browse = QPushButton("Choose &file…")
        self.browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        update = buttons.button(QDialogButtonBox.StandardButton.Ok)
        update.setText("Update")
        # With nothing to update from, Update did nothing at all: it is off until then.
        update.setEnabled(bool(url.strip()))
        self.source.textChanged.connect(lambda text: update.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # Plain words: "notes will be re-anchored" said nothing to a fact-checker.
        explained = QLabel(
            "File or web address of the new version. Each note stays with its sentence; "
            "a note whose sentence changed is marked, to check its verdict again."
        )
        explained.setWordWrap(True)
        layout.addWidget(explained)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "New version of the article",
            self._start_dir,
            "Articles (*.html *.htm *.txt);;All files (*)",
        )
        if path:
            self.source.setText(path)

    def chosen(self) -> str:
        return self.source.text().strip()


class OriginalDialog(QDialog):
    """The raw input an article was cleaned from, with its dropped lines to bring back."""

    def __init__(
        self,
        data: bytes,
        media_type: str,
        article: Article,
        lib: Library,
        parent: QWidget | None = None,
        choose: Callable[[str, str | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Original input")
        self.resize(760, 560)
        self.lib, self.article = lib, article
        self._choose = choose  # the window's undoable block choice, when there is one
        text = data.decode("utf-8", errors="replace")
        self.raw = QPlainTextEdit(text)
        self.raw.setReadOnly(True)
        # Saved pages hold lines thousands of characters long, often without a space
        # (minified markup, long links): wrapped at the edge like any other.
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.raw.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.raw.setAccessibleName("Original input")
        self.dropped = _ObjectListModel(lambda s: s, self)
        self.dropped.set_items(article.dropped)
        self.dropped_view = QListView()
        self.dropped_view.setModel(self.dropped)
        self.dropped_view.setWordWrap(True)
        self.dropped_view.setAccessibleName("Lines the cleaner left out")
        keep = QPushButton("Bring back selected line")
        keep.clicked.connect(self._on_keep_clicked)
        self.blocks = _ObjectListModel(lambda s: s, self)
        self.blocks.set_items(article.block_texts()[1:] if article.blocks else [])
        self.blocks_view = QListView()
        self.blocks_view.setModel(self.blocks)
        self.blocks_view.setWordWrap(True)
        self.blocks_view.setAccessibleName("Blocks of the clean article")
        drop = QPushButton("Drop selected block")
        drop.clicked.connect(self._on_drop_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # Enter acts on the list it is pressed in: as the dialog's default button,
        # "Bring back selected line" answered an Enter meant to drop a block.
        self.dropped_view.activated.connect(lambda _index: self._on_keep_clicked())
        self.blocks_view.activated.connect(lambda _index: self._on_drop_clicked())
        for button in (keep, drop, *close.buttons()):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Raw input ({media_type}), as stored:"))
        layout.addWidget(self.raw, 2)
        layout.addWidget(QLabel("Left out by the cleaner:"))
        layout.addWidget(self.dropped_view, 1)
        layout.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel("Kept in the article:"))
        layout.addWidget(self.blocks_view, 1)
        layout.addWidget(drop, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(close)

    def _apply(self, text: str, action: str) -> None:
        if self._choose is not None:
            # The window cleans again in the background and shows the result.
            self._choose(text, action)
            self.accept()
            return
        from reader.app.articles import set_block_choice

        try:
            set_block_choice(self.lib, self.article.id, text, action)
        except UserError as exc:
            messages.warn(self, str(exc))
            return
        art = self.lib.get_article(self.article.id)
        self.dropped.set_items(art.dropped)
        self.blocks.set_items(art.block_texts()[1:])

    def _on_keep_clicked(self) -> None:
        idx = self.dropped_view.currentIndex()
        if idx.isValid():
            self._apply(idx.data(ObjectRole), "keep")

    def _on_drop_clicked(self) -> None:
        idx = self.blocks_view.currentIndex()
        if idx.isValid():
            self._apply(idx.data(ObjectRole), "drop")


TRASH_EMPTY = (
    "The Trash is empty. Articles and notes you delete wait here, to be restored, "
    "until you empty it."
)


def trash_item_text(item: TrashItem) -> str:
    """An item of the Trash in plain words, on two lines: what it is, then where it
    was and when it went ("Note: ✘ False — About 9,000 homes." / "on “Flood barrier”,
    moved to the Trash 6 Dec 2026, 19:40")."""
    when = f"moved to the Trash {_trashed_when(item.deleted_at)}"
    if item.kind == "article":
        title = _one_line(item.title, 90) or "Untitled article"
        notes = f", with {counted(item.notes, 'note')}" if item.notes else ""
        return f"Article: {title}\n{when}{notes}"
    verdict = BY_KEY.get(item.verdict) if item.verdict else None
    what = f"{verdict.mark} {verdict.label}" if verdict else "No verdict yet"
    said = _one_line(item.conclusion, 90) or in_quotes(_one_line(item.title, 70))
    article = _one_line(item.article_title, 60) or "an untitled article"
    return f"Note: {what} — {said}\non “{article}”, {when}"


def _one_line(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _trashed_when(iso: str) -> str:
    """An ISO time (UTC) as the user's local day and time: "6 Dec 2026, 19:40"."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day} {moment:%b %Y, %H:%M}"


class TrashDialog(QDialog):
    """Deleted articles and notes: restore them, or empty the Trash for good."""

    def __init__(
        self,
        lib: Library,
        parent: QWidget | None = None,
        restore: Callable[[str, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self._restore = restore
        self.resize(560, 400)
        self.lib = lib
        self.model = _ObjectListModel(trash_item_text, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Items in the Trash")
        # Two lines an item: a band each, or the items ran together.
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(1)
        self.view.doubleClicked.connect(lambda _index: self._on_restore_clicked())
        # An empty list with both buttons on looked broken: it says why it is empty.
        self.empty = EmptyState(self.view, "trashEmpty")
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setDefault(True)  # Enter restores the item chosen
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.empty_button = QPushButton("&Empty Trash…")
        self.empty_button.clicked.connect(self._on_empty_clicked)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.model.set_items(self.lib.trash())
        has_items = self.model.rowCount() > 0
        if has_items and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.restore_button.setEnabled(has_items)
        self.empty_button.setEnabled(has_items)
        self.empty.show_text(None if has_items else TRASH_EMPTY)

    def _on_restore_clicked(self) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        item: TrashItem = idx.data(ObjectRole)
        if self._restore is not None:
            self._restore(item.kind, item.id)
        elif item.kind == "article":
            self.lib.restore_article(item.id)
        else:
            self.lib.restore_note(item.id)
        self.reload()

    def _on_empty_clicked(self) -> None:
        if not self.model.rowCount():
            return
        if messages.ask(
            self, "Delete everything in the Trash for good? This cannot be undone.", "Empty Trash"
        ):
            self.lib.empty_trash()
            self.reload()


SHORTCUTS = (
    ("Ctrl+O", "Open a file"),
    ("Ctrl+L", "Open a URL"),
    ("Ctrl+Shift+V", "Paste an article"),
    ("Ctrl+E", "Export notes as Markdown"),
    ("J / ↓", "Next sentence"),
    ("K / ↑", "Previous sentence"),
    ("Shift+J / Shift+K", "Extend the selection"),
    ("N", "Next sentence without a note"),
    ("Ctrl+J", "Next unchecked claim (the claim radar)"),
    ("Enter / Ctrl+N", "Add a note to the selection"),
    ("Esc", "Back to the article from the note (it is saved)"),
    ("Ctrl+Shift+L", "Link the note to the closest earlier claim (Seen before)"),
    (
        "1 … 9, 0",
        "Set verdict: "
        + ", ".join(f"{(i + 1) % 10} {v.label}" for i, v in enumerate(VERDICTS[:10])),
    ),
    ("Ctrl+F", "Find in article"),
    ("Ctrl+K", "Search everything"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Ctrl+Shift+C", "Copy all notes as Markdown"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Text size"),
    ("Ctrl+1 / 2 / 3", "Focus library / article / notes"),
    ("Delete", "Move the selected articles to the Trash (in the library)"),
    ("Enter / F2", "Edit the selected source (in a note's sources)"),
    ("Space / Ctrl+Enter", "Tick a line / apply the ticks (checking the cleaning)"),
    ("F8 / Shift+F8", "Next / previous running text left out (checking the cleaning)"),
    ("Delete / Alt+↑ / Alt+↓", "Remove or move the selected source"),
    ("F1", "This sheet"),
)


class ShortcutsDialog(QDialog):
    """F1: every shortcut, keys in one column and what they do in the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        bold = self.table.font()
        bold.setBold(True)
        for row, (keys, what) in enumerate(SHORTCUTS):
            key_item = QTableWidgetItem(keys)
            key_item.setFont(bold)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.resize(620, 560)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def choose_library_after_error(db_path: Path, exc: StoreError) -> Path | None:
    """The library cannot be opened: offer another file or a backup; ``None`` quits."""
    from reader.app.backup import list_backups

    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Fact-Check Reader")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(str(exc))
    other = box.addButton("Open another library…", QMessageBox.ButtonRole.AcceptRole)
    backups = list_backups(db_path)
    restore_button = (
        box.addButton("Restore latest backup", QMessageBox.ButtonRole.ActionRole)
        if backups
        else None
    )
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is other:
        path, _ = QFileDialog.getSaveFileName(
            None,
            "Open or create a library",
            str(db_path.parent),
            "Library (*.sqlite3 *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return Path(path) if path else None
    if restore_button is not None and clicked is restore_button:
        from reader.app.backup import restore

        restore(db_path, backups[0].path)
        return db_path
    return None
