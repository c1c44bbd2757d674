"""The menu bar: every action of the window, its shortcut and the pane that carries it out.

A shortcut registered on two widgets is ambiguous and fires on neither, so each action
is added to exactly one widget (the window, or the library list for Delete).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reader.ui.theme import THEMES

if TYPE_CHECKING:
    from reader.ui.annotation_actions import AnnotationImportActions
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

Shortcut = str | QKeySequence | QKeySequence.StandardKey | Sequence[str]
LINK_TOP_KEY = "Ctrl+Shift+L"  # free in the menus and the F1 sheet; "L" for link


class Menus:
    """Builds the menu bar; keeps the actions whose state follows the open article."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw
        self.article_actions: list[QAction] = []
        self._annotation_imports: AnnotationImportActions | None = None
        self._build()
        self.update_article_actions()
        if mw.read_only:
            self._disable_editing()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut | None = None,
        menu: QMenu | None = None,
        context: Qt.ShortcutContext | None = None,
        owner: QWidget | None = None,
    ) -> QAction:
        act = QAction(text, self.mw.window())
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        if context is not None:
            act.setShortcutContext(context)
        act.triggered.connect(lambda checked=False: slot())
        if menu is not None:
            menu.addAction(act)
        (owner or self.mw.window()).addAction(act)
        return act

    def _build(self) -> None:
        mw = self.mw
        imports, exports = mw.import_actions, mw.export_actions
        reading, library, notes = mw.reader_pane, mw.library, mw.notes_pane
        mb = mw.menuBar()
        f = mb.addMenu("&File")
        self._action("&Open…", imports.open_files_dialog, QKeySequence.StandardKey.Open, f)
        self._action("Open &URL…", imports.open_url_dialog, "Ctrl+L", f)
        self._action("&Paste article", imports.paste_article, "Ctrl+Shift+V", f)
        imports.recent_menu = self.recent_menu = f.addMenu("Open &recent")
        imports.fill_recent_menu()
        f.addSeparator()
        self.update_action = self._action(
            "Update article from file or URL…", imports.update_article_dialog, None, f
        )
        self.reclean_action = self._action("Re-&clean article", imports.reclean_article, None, f)
        self._action("Check web articles for &changes", imports.check_for_changes, None, f)
        self.original_action = self._action("View &original", reading.view_original, None, f)
        self.cleaning_action = self._action(
            "Check the cleaning (whole page)", reading.review_cleaning, None, f
        )
        f.addSeparator()
        self.export_md_action = self._action(
            "&Export notes as Markdown…", exports.export_markdown, "Ctrl+E", f
        )
        self.article_actions = [
            self.update_action,
            self.reclean_action,
            self.original_action,
            self.cleaning_action,
            self.export_md_action,
        ]
        # The open article's other exports are off, like its Markdown, with none open.
        self.article_actions += [
            self._action("Export as &PDF…", exports.export_pdf, None, f),
            self._action(
                "Export as ClaimReview JSON-LD…",
                lambda: exports.export_other("claimreview"),
                None,
                f,
            ),
            self._action(
                "Export as Web Annotations…", lambda: exports.export_other("annotations"), None, f
            ),
        ]
        self._action("Export all articles as Markdown…", exports.export_all_markdown, None, f)
        self._action(
            "Export claims as CSV…", lambda: library.show_claims().export_dialog("csv"), None, f
        )
        self._action(
            "Export claims as Markdown…",
            lambda: library.show_claims().export_dialog("markdown"),
            None,
            f,
        )
        self._action("Export library as JSON…", exports.export_json, None, f)
        self._action("Import JSON…", imports.import_json, None, f)
        self._action(
            "Import annotations…",
            lambda: self.annotation_imports.import_annotations_dialog(),
            None,
            f,
        )
        self._action("Import fact-checks…", mw.seen_before.import_factchecks_dialog, None, f)
        f.addSeparator()
        self._action("Back up library now", exports.backup_now, None, f)
        self._action("Restore a backup…", exports.restore_backup_dialog, None, f)
        f.addSeparator()
        self._action("&Quit", mw.window().close, QKeySequence.StandardKey.Quit, f)

        e = mb.addMenu("&Edit")
        self.undo_action = mw.undo_stack.createUndoAction(mw.window(), "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = mw.undo_stack.createRedoAction(mw.window(), "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        e.addAction(self.undo_action)
        e.addAction(self.redo_action)
        mw.window().addAction(self.undo_action)
        mw.window().addAction(self.redo_action)
        e.addSeparator()
        self._action("Add &note", notes.add_note, "Ctrl+N", e)
        # On the open article's notes: off with none open (they did nothing at all).
        self.delete_note_action = self._action("Delete note", notes.delete_current_note, None, None)
        self.article_actions += [
            self._action("Copy note as Markdown", notes.copy_note_markdown, None, e),
            self._action(
                "Copy all notes as Markdown", notes.copy_all_notes_markdown, "Ctrl+Shift+C", e
            ),
            self.delete_note_action,
        ]
        e.addAction(self.delete_note_action)
        # Seen before from the keyboard: the closest earlier claim the note is not linked to.
        self.link_actions = [
            self._action(
                "Link to the closest earlier claim", mw.seen_before.link_top, LINK_TOP_KEY, e
            ),
            self._action(
                "Link to the closest earlier claim and copy its verdict",
                lambda: mw.seen_before.link_top(copy=True),
                None,
                e,
            ),
        ]
        e.addSeparator()
        # With no article open these did nothing, or spoke of "this article".
        self.article_actions += self.link_actions
        self.article_actions.append(
            self._action("&Find in article", reading.show_find, QKeySequence.StandardKey.Find, e)
        )
        self._action("&Search everything…", library.search_everything, "Ctrl+K", e)
        e.addSeparator()
        self.delete_articles_action = self._action(
            "Move article to Trash",
            library.delete_selected_articles,
            "Delete",
            e,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            owner=library.view,
        )
        # On the rows chosen in the list: off with none (an empty library, a filter
        # that shows nothing), where it did nothing.
        library.view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_delete_articles()
        )
        # (A reset of the list clears the choice without a selectionChanged.)
        library.view.model().modelReset.connect(self._update_delete_articles)
        self._update_delete_articles()
        self._action("Trash…", library.show_trash, None, e)
        self._action("Author name for exports…", exports.set_author, None, e)

        v = mb.addMenu("&View")
        self._action("&Bigger text", lambda: mw.change_font(1), ["Ctrl++", "Ctrl+="], v)
        self._action("&Smaller text", lambda: mw.change_font(-1), "Ctrl+-", v)
        self._action("&Reset text size", lambda: mw.change_font(0), "Ctrl+0", v)
        self._action("More line spacing", lambda: mw.change_spacing(10), None, v)
        self._action("Less line spacing", lambda: mw.change_spacing(-10), None, v)
        t = v.addMenu("&Theme")
        for name in THEMES:
            act = self._action(name.capitalize(), partial(mw.set_theme, name), None, t)
            act.setCheckable(True)
            act.setChecked(name == mw.theme)
        v.addSeparator()
        # On a laptop the article wants the width: either side column folds away.
        self.library_toggle = self._action(
            "&Library list", lambda: self._toggle_column(0), "Ctrl+Shift+1", v
        )
        self.notes_toggle = self._action(
            "&Notes panel", lambda: self._toggle_column(2), "Ctrl+Shift+3", v
        )
        for act in (self.library_toggle, self.notes_toggle):
            act.setCheckable(True)
            act.setChecked(True)
        v.addAction(mw.claims_pane.marks_action)
        v.addAction(mw.claims_pane.next_action)
        v.addSeparator()
        self.article_actions.append(
            self._action("Article &versions…", reading.show_versions, None, v)
        )
        self.article_actions.append(mw.claims_pane.next_action)
        self._action("Focus library", lambda: self._focus_column(0, library.view), "Ctrl+1", v)
        self._action("Focus article", lambda: mw.article and mw.reader.setFocus(), "Ctrl+2", v)
        self._action("Focus notes", self._focus_notes, "Ctrl+3", v)

        h = mb.addMenu("&Help")
        self._action("&Keyboard shortcuts", self.show_shortcuts, "F1", h)
        self._action("&About Fact-Check Reader", self.show_about, None, h)

    @property
    def annotation_imports(self) -> AnnotationImportActions:
        """File → Import annotations (made when first used: not part of start-up)."""
        if self._annotation_imports is None:
            from reader.ui.annotation_actions import AnnotationImportActions

            self._annotation_imports = AnnotationImportActions(self.mw)
        return self._annotation_imports

    # What changes the library: off for a read-only one (reading and export stay).
    EDITING = (
        "Open…",
        "Open URL…",
        "Paste article",
        "Update article from file or URL…",
        "Re-clean article",
        "Import JSON…",
        "Import annotations…",
        "Import fact-checks…",
        "Restore a backup…",
        "Add note",
        "Delete note",
        "Link to the closest earlier claim",
        "Link to the closest earlier claim and copy its verdict",
        "Move article to Trash",
        "Trash…",
        "Author name for exports…",
    )

    def _disable_editing(self) -> None:
        for act in self.mw.window().findChildren(QAction):
            if act.text().replace("&", "") in self.EDITING:
                act.setEnabled(False)
        editing = (
            self.update_action,
            self.reclean_action,
            self.delete_note_action,
            *self.link_actions,
        )
        self.article_actions = [a for a in self.article_actions if a not in editing]
        self.recent_menu.setEnabled(False)

    def _toggle_column(self, index: int) -> None:
        """Fold the library list (0) or the notes panel (2) away, or bring it back."""
        splitter = self.mw.splitter
        column = splitter.widget(index)
        assert column is not None
        column.setVisible(not column.isVisible())
        act = self.library_toggle if index == 0 else self.notes_toggle
        act.setChecked(column.isVisible())

    def show_notes_column(self) -> None:
        """Bring the notes panel back if it was folded away (a note is to be written)."""
        if not self.mw.splitter.widget(2).isVisible():  # type: ignore[union-attr]
            self._toggle_column(2)

    def _focus_notes(self) -> None:
        if self.mw.article is None:
            return
        panel = self.mw.notes_panel
        # With no note open the form is hidden: the keys go to Add note (or, with no
        # sentence chosen, to the article's notes), not to a verdict box out of sight.
        target: QWidget = panel.editor.verdict
        if panel.editor.note() is None:
            target = panel.add_button if panel.add_button.isEnabled() else panel.article_list
        self._focus_column(2, target)

    def _focus_column(self, index: int, widget: QWidget) -> None:
        """Ctrl+1 / Ctrl+3: the keys go to ``widget``, its column brought back first if
        it was folded away (the focus went to a widget out of sight)."""
        if not self.mw.splitter.widget(index).isVisible():  # type: ignore[union-attr]
            self._toggle_column(index)
        widget.setFocus()

    def _update_delete_articles(self) -> None:
        chosen = self.mw.library.view.selectionModel().hasSelection()
        self.delete_articles_action.setEnabled(chosen and not self.mw.read_only)

    def update_article_actions(self) -> None:
        """Actions on the open article are enabled only while one is open."""
        has = self.mw.article is not None
        for act in self.article_actions:
            act.setEnabled(has)
        # (Opening an article chooses its row with the list's signals held back.)
        self._update_delete_articles()

    def show_shortcuts(self) -> None:
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self.mw.window())
        keep_size(dialog, self.mw.settings, "shortcuts")
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        import html

        QtWidgets.QMessageBox.about(
            self.mw.window(),
            "About Fact-Check Reader",
            "<h3>Fact-Check Reader</h3><p>Read news articles cleaned and split into "
            "sentences, and attach fact-check notes with verdicts and sources.</p>"
            f"<p>Library: {html.escape(str(self.mw.db_path))}</p>",
        )
