"""The notes pane: wires the notes panel (:mod:`reader.ui.notes_panel`, the widget) to the
library, and holds what is done to notes: add, edit, confirm, re-attach, delete, copy."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.models import Note
from reader.core.verdicts import VerdictKey
from reader.ui.undo import AddNoteCommand, DeleteNoteCommand, EditNoteCommand, WordingCommand

if TYPE_CHECKING:
    from reader.ui.notes_panel import NotesPanel
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)


class NotesPane:
    """The right column; its panel is built with the reader (see :class:`ReaderPane`)."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw
        self.panel: NotesPanel | None = None
        # The note just added and not yet written in: discarded (undoably) if the focus
        # leaves the editor while it is still empty, so empty notes never pile up.
        self.fresh_note_id: str | None = None

    def build(self) -> NotesPanel:
        from reader.ui.notes_panel import NotesPanel

        mw = self.mw
        panel = self.panel = NotesPanel(dark=lambda: mw.reader_style.dark)
        # The panel's button always adds (a second note on a sentence); Enter, Ctrl+N and
        # a double-click open the sentence's note when it has one.
        panel.add_requested.connect(lambda: self.add_note(always_new=True))
        panel.note_chosen.connect(self._on_panel_note_chosen)
        ed = panel.editor
        ed.note_edited.connect(self.on_editor_note_edited)
        ed.tags_wanted.connect(mw.library.ensure_tags)
        ed.confirm_requested.connect(self._on_editor_confirm_requested)
        ed.reattach_requested.connect(self._on_editor_reattach_requested)
        ed.reattach_to_requested.connect(self._on_editor_reattach_to_requested)
        ed.suggest = self._suggestions
        ed.delete_requested.connect(self._on_editor_delete_requested)
        ed.source_draft_kept.connect(lambda text: mw.statusBar().showMessage(text, 8000))
        ed.undo_requested.connect(mw.undo_stack.undo)
        ed.redo_requested.connect(mw.undo_stack.redo)
        # Enter opens the note and puts the cursor in it; Esc goes back to the article
        # (the edit is stored), where J/K go on.  Without it only Ctrl+2 or the mouse did.
        # (The context is set apart: PySide6 leaves the constructor's ``context`` unset,
        # and two window-wide Esc shortcuts would cancel each other out.)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), ed)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_to_article)
        state = mw.settings.value("notes_splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            panel.splitter.restoreState(state)
        if mw.library.tags is not None:
            panel.editor.set_tag_choices(mw.library.tags)
        if mw.read_only:
            # Notes are shown (and can be copied), never changed.
            panel.editor.setEnabled(False)
            panel.add_button.hide()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)
        return panel

    def flush_editor(self) -> None:
        """Store the note editor's pending edit, if the editor exists."""
        if self.panel is not None:
            self.panel.editor.flush()

    def back_to_article(self) -> None:
        """Leave the note for the article, its pending edit stored."""
        self.flush_editor()
        if self.mw.article is not None:
            self.mw.reader.setFocus()

    def set_tag_choices(self, tags: list[str]) -> None:
        if self.panel is not None:
            self.panel.editor.set_tag_choices(tags)

    # -- selection ----------------------------------------------------------------------

    def _notes_overlapping(self, start: int, end: int) -> list[Note]:
        return [
            n
            for n in self.mw.notes
            if n.anchor_state != "orphan" and n.start < end and start < n.end
        ]

    def on_reader_selection_changed(self, start: int, end: int) -> None:
        mw = self.mw
        if mw.article is None:
            return
        self.flush_editor()
        nums = [i + 1 for i, (s, e) in enumerate(mw.reader.spans) if s < end and start < e]
        where = (
            f"Sentence {nums[0]}"
            if len(nums) == 1
            else f"Sentences {nums[0]}–{nums[-1]}"
            if nums
            else "Selection"
        )
        mw.notes_panel.show_selection(
            mw.article.text[start:end],
            self._notes_overlapping(start, end),
            where,
            sentences=max(1, len(nums)),
        )

    def _on_panel_note_chosen(self, note: Note) -> None:
        mw = self.mw
        if mw.article is None:
            return
        if note.anchor_state != "orphan":
            mw.reader.select_range(note.start, note.end)
            mw.reader.setFocus()
        mw.notes_panel.editor.set_note(note)

    # -- edits --------------------------------------------------------------------------

    def add_note(
        self,
        verdict: VerdictKey | None = None,
        *,
        focus_editor: bool = True,
        always_new: bool = False,
    ) -> None:
        """Open the note on the selected sentences, or add one if they have none (the
        first sentence if none is selected).

        ``always_new`` adds a note even where there is one (the panel's Add button).
        The conclusion field takes the focus, unless ``focus_editor`` is False: a note
        added with a verdict key leaves it in the reader, where digits stay verdicts.
        """
        mw = self.mw
        if mw.article is None:
            mw.statusBar().showMessage("Open an article first.", 3000)
            return
        if mw.reader.selected is None:
            mw.reader.select_sentence(0)
        start, end = mw.reader.selected  # type: ignore[misc]
        panel = mw.notes_panel
        if focus_editor:
            # Folded away (View → Notes panel), the editor took the keys unseen.
            mw.menus.show_notes_column()
        existing = None if always_new else self._note_to_open(start, end)
        if existing is not None:
            panel.editor.set_note(existing)
            row = panel.selection_model.row_of(existing.id)
            panel.selection_list.setCurrentIndex(panel.selection_model.index(row, 0))
            if focus_editor:
                panel.editor.conclusion.setFocus()
                panel.editor.conclusion.end(False)  # to go on writing it
            return
        if mw.read_only:
            mw.statusBar().showMessage("This library is read-only: notes cannot be added.", 4000)
            return
        cmd = AddNoteCommand(mw.lib, mw, mw.article.id, start, end, verdict, mw.article)
        mw.push(cmd)
        if cmd.note_id:
            note = next((n for n in mw.notes if n.id == cmd.note_id), None)
            self.on_reader_selection_changed(start, end)
            if note is not None:
                panel.editor.set_note(note)
                row = panel.selection_model.row_of(note.id)
                panel.selection_list.setCurrentIndex(panel.selection_model.index(row, 0))
            if focus_editor:
                panel.editor.conclusion.setFocus()
                if verdict is None:
                    self.fresh_note_id = cmd.note_id
            mw.statusBar().showMessage("Note added", 2000)

    def _note_to_open(self, start: int, end: int) -> Note | None:
        """The note Enter opens on ``[start, end)``: the one the editor shows if it is
        there, else the one on exactly that range, else the first that overlaps it."""
        notes = self._notes_overlapping(start, end)
        if not notes:
            return None
        current = self.mw.notes_panel.editor.note()
        for n in notes:
            if current is not None and n.id == current.id:
                return n
        exact = [n for n in notes if (n.start, n.end) == (start, end)]
        return (exact or notes)[0]

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        fresh, panel = self.fresh_note_id, self.panel
        # The application outlives the window: a focus change after it closed is not ours.
        if fresh is None or panel is None or not shiboken6.isValid(self.mw):
            return
        # Popups (the verdict list, the tag completer) and dialogs are not leaving.
        if new is None or new.window() is not self.mw.window() or panel.editor.isAncestorOf(new):
            return
        self.discard_if_empty(fresh)

    def discard_if_empty(self, note_id: str) -> bool:
        """Move the just-added note to the Trash if nothing was written in it
        (undoable); returns whether it was discarded."""
        self.fresh_note_id = None
        mw, panel = self.mw, self.panel
        if panel is None or mw.article is None:
            return False
        editor = panel.editor
        current = editor.note()
        if current is not None and current.id == note_id:
            note = editor.current_values()
        else:
            note = next((n for n in mw.notes if n.id == note_id), None)
        if note is None or not _is_empty(note):
            return False
        editor.flush()
        mw.push(DeleteNoteCommand(mw.lib, mw, mw.lib.get_note(note_id)))
        mw.statusBar().showMessage("Empty note discarded (Ctrl+Z to bring it back)", 5000)
        return True

    def set_verdict_key(self, key: VerdictKey) -> None:
        """The verdict key was pressed: set it on the current note, or add a note with it."""
        mw = self.mw
        if mw.article is None or mw.reader.selected is None or mw.read_only:
            return
        note = mw.notes_panel.editor.note()
        if note is None:
            self.add_note(verdict=key, focus_editor=False)
            return
        self.on_editor_note_edited(note, replace(note, verdict=key))

    def on_editor_note_edited(self, before: Note, after: Note) -> None:
        self.mw.push(EditNoteCommand(self.mw.lib, self.mw, before, after))
        self.mw.seen_before.after_verdict_edit(before, after)  # offered to linked notes

    def _on_editor_confirm_requested(self, note_id: str) -> None:
        mw = self.mw
        mw.push(WordingCommand(mw.lib, mw, note_id))
        mw.statusBar().showMessage("New wording accepted (Ctrl+Z to undo)", 3000)

    def _on_editor_reattach_requested(self, note_id: str) -> None:
        mw = self.mw
        if mw.article is None or mw.reader.selected is None:
            mw.statusBar().showMessage("Select the sentences to attach the note to first.", 4000)
            return
        self._on_editor_reattach_to_requested(note_id, *mw.reader.selected)

    def _on_editor_reattach_to_requested(self, note_id: str, start: int, end: int) -> None:
        mw = self.mw
        mw.push(WordingCommand(mw.lib, mw, note_id, (start, end)))
        mw.statusBar().showMessage("Note attached (Ctrl+Z to undo)", 3000)

    def _suggestions(self, note: Note) -> list[tuple[int, int, str]]:
        """The sentences of the open article most like an orphan's words."""
        from reader.core.anchor import similar_sentences

        article = self.mw.article
        if article is None or note.article_id != article.id:
            return []
        found = similar_sentences(note.checked_wording, article.text)
        return [(s, e, article.text[s:e]) for s, e, _score in found]

    def _on_editor_delete_requested(self, note_id: str) -> None:
        mw = self.mw
        mw.push(DeleteNoteCommand(mw.lib, mw, mw.lib.get_note(note_id)))
        mw.statusBar().showMessage("Note moved to the Trash (Ctrl+Z to undo)", 3000)

    def delete_current_note(self) -> None:
        if self.mw.article is None:
            return
        note = self.mw.notes_panel.editor.note()
        if note is not None:
            self._on_editor_delete_requested(note.id)

    # -- redraw after an edit (the undo commands' refresher) ------------------------------

    def after_note_change(self, note_id: str) -> None:
        mw = self.mw
        note = mw.lib.get_note(note_id)
        if mw.article is None or note.article_id != mw.article.id:
            mw.library.reload()
            return
        mw.notes = mw.lib.notes_for_article(mw.article.id)
        mw.reader.set_notes(mw.notes)
        panel = mw.notes_panel
        panel.set_article_notes(mw.notes)
        current = panel.editor.note()
        if current is not None and current.id == note_id:
            panel.editor.set_note(note)
        panel.selection_model.update_note(note)
        tags = mw.library.tags
        if tags is not None and not set(note.tags) <= set(tags):
            mw.library.refresh_tags()
        mw.library.refresh_open_row()

    def after_notes_change(self, article_id: str) -> None:
        mw = self.mw
        if mw.article is None or article_id != mw.article.id:
            mw.open_article(article_id)
            return
        mw.notes = mw.lib.notes_for_article(article_id)
        mw.reader.set_notes(mw.notes)
        mw.notes_panel.set_article_notes(mw.notes)
        if mw.reader.selected:
            self.on_reader_selection_changed(*mw.reader.selected)
        mw.library.refresh_open_row()
        editor = mw.notes_panel.editor
        focus = QApplication.focusWidget()
        if editor.note() is None and focus is not None and editor.isAncestorOf(focus):
            # The note went (deleted, or its adding undone) with the keys in its form:
            # they fell on the line that replaces it, where no key does anything.
            mw.reader.setFocus()

    # -- copy as Markdown ---------------------------------------------------------------

    def copy_note_markdown(self) -> None:
        mw = self.mw
        if mw.article is None:
            return
        note = mw.notes_panel.editor.note()
        if note is None or mw.article is None:
            return
        from reader.app.exports import note_as_markdown

        self.flush_editor()
        QGuiApplication.clipboard().setText(note_as_markdown(mw.lib, note.id))
        mw.statusBar().showMessage("Note copied as Markdown", 2000)

    def copy_all_notes_markdown(self) -> None:
        mw = self.mw
        if mw.article is None:
            return
        from reader.app.exports import notes_as_markdown

        self.flush_editor()
        QGuiApplication.clipboard().setText(notes_as_markdown(mw.lib, mw.article.id))
        mw.statusBar().showMessage("All notes copied as Markdown", 2000)


def _is_empty(note: Note) -> bool:
    """Nothing was written in the note: no verdict, text, tag or source, status unchanged."""
    return (
        note.verdict is None
        and note.status == "to_check"
        and not note.conclusion.strip()
        and not note.body.strip()
        and not note.tags
        and not note.sources
    )
