"""What the window's parts use of the window, named without the window.

The library pane, the Claims tab, the export and annotation actions and the workflow
edits are built by :class:`reader.ui.main_window.MainWindow` and handed the window.
Typed as the window itself, each imported ``main_window`` for its type checks, which
imports them: a circle.  They are typed as :class:`ReaderWindow` instead, which names
only what they use; ``MainWindow`` has all of it without naming this module (a
protocol matches by shape), and mypy checks so where it hands itself over.

The parts the window holds are named by small protocols of their own for the same
reason (the panes import this module).  A dialog's parent is ``window.window()``: the
window as a widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter, QStatusBar, QWidget

    from reader.core.models import Article
    from reader.store import Library
    from reader.ui.notes_panel import NotesPanel
    from reader.ui.progress import TaskRunner
    from reader.ui.theme import ReaderStyle
    from reader.ui.undo import StoreCommand


class ClaimsTab(Protocol):
    """The Claims tab, as the workflow edits redraw it."""

    def isVisible(self) -> bool: ...  # noqa: N802 (Qt's name)
    def reload(self) -> None: ...
    def refresh(self) -> None: ...


class LibraryColumn(Protocol):
    """The library column (the article list and the Claims tab)."""

    @property
    def claims(self) -> ClaimsTab | None: ...
    def fit_claims_width(self) -> None: ...
    def reload(self) -> None: ...
    def refresh_tags(self) -> None: ...


class NotesColumn(Protocol):
    """The notes column's keeper (:class:`reader.ui.notes_pane.NotesPane`)."""

    @property
    def panel(self) -> NotesPanel | None: ...
    def flush_editor(self) -> None: ...
    def set_tag_choices(self, tags: list[str], /) -> None: ...


class ClaimScoring(Protocol):
    """The claim radar's background scoring (:class:`reader.ui.claims_list.ClaimsPane`)."""

    def stop_scoring(self) -> None: ...


class ReaderWindow(Protocol):
    """The window, as its parts use it."""

    # The open library and what shows of it.
    @property
    def lib(self) -> Library: ...
    @property
    def db_path(self) -> Path: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def settings(self) -> QSettings: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def reader_style(self) -> ReaderStyle: ...
    @property
    def runner(self) -> TaskRunner: ...
    @property
    def splitter(self) -> QSplitter: ...

    # Its parts.
    @property
    def library(self) -> LibraryColumn: ...
    @property
    def notes_pane(self) -> NotesColumn: ...
    @property
    def claims_pane(self) -> ClaimScoring: ...

    # As a widget.
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)
    def setEnabled(self, enabled: bool, /) -> None: ...  # noqa: N802 (Qt's name)

    # What it does for them.
    def show_error(self, exc: BaseException, /) -> None: ...
    def open_article(self, article_id: str, select: tuple[int, int] | None = None) -> None: ...
    def push(self, cmd: StoreCommand, /) -> None: ...
    def reopen_library(self) -> None: ...

    # The undo commands' refresher (reader.ui.undo.Refresher).
    def after_note_change(self, note_id: str) -> None: ...
    def after_notes_change(self, article_id: str) -> None: ...
    def after_library_change(self) -> None: ...
