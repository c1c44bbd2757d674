"""Undoable edits: every change the GUI makes to the library goes through here.

Each command calls the store in ``redo``/``undo`` and then asks the window to redraw
from what the store returns, so the screen always shows what is saved.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.errors import UserError
from reader.core.models import Article, Note
from reader.core.verdicts import label
from reader.store import Library

if TYPE_CHECKING:
    # The note use cases are imported when an edit is made: the window's start-up
    # needs none of them (~3.5 ms, with the wording store).
    from reader.app.notes import NoteChange, WordingChange

log = logging.getLogger(__name__)
MERGE_WINDOW_S = 2.0


class Refresher(Protocol):
    def after_note_change(self, note_id: str) -> None: ...
    def after_notes_change(self, article_id: str) -> None: ...
    def after_library_change(self) -> None: ...


def _log_error(exc: BaseException) -> None:
    log.warning("undo step failed: %s", exc)


report_error: Callable[[BaseException], None] = _log_error
"""Where an undo or redo that the library refused is reported (the window sets it)."""


class StoreCommand(QUndoCommand):
    """A command whose first application is done by the caller, before it is pushed.

    ``QUndoStack.push`` calls ``redo()`` from C++, where an exception cannot reach the
    caller: a save refused by the database (locked, disk full) would leave a command on
    the stack that never happened.  The window calls :meth:`apply` itself first, shows
    the error if there is one, and pushes only what succeeded.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied_by_caller = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def apply_before_push(self) -> None:
        self.apply()
        self._applied_by_caller = True

    def redo(self) -> None:
        if self._applied_by_caller:
            self._applied_by_caller = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        # Called by Qt: an exception here would never reach the window, so a fault the
        # user can fix (the library is locked, the disk is full) is reported from here.
        try:
            step()
        except UserError as exc:
            report_error(exc)


def _refuse_if_trashed(lib: Library, article_id: str) -> None:
    """Refuse a note change on an article the command line (or another window) moved to
    the Trash since this window showed it: the window would otherwise change what the
    user threw away, unseen.  The typed text stays in the editor; the error says how to
    restore the article."""
    from reader.app.trash import refuse_if_trashed

    refuse_if_trashed(lib, article_id)


def _describe(before: Note, after: Note) -> str:
    if before.verdict != after.verdict:
        return f"Set verdict to {label(after.verdict)}"
    if before.status != after.status:
        return "Change status"
    if before.conclusion != after.conclusion:
        return "Edit conclusion"
    if before.claimant != after.claimant:
        # Its own name: as "Edit note" it merged with the note's text typed next, and
        # one Ctrl+Z took back both.
        return "Edit claimant"
    if before.body != after.body:
        return "Edit note"
    if before.tags != after.tags:
        return "Edit tags"
    if [s.__dict__ for s in before.sources] != [s.__dict__ for s in after.sources]:
        return "Edit sources"
    if (
        before.anchor_state != after.anchor_state
        and after.anchor_state == "ok"
        and (before.selector == after.selector)
    ):
        return "Confirm note position"
    if before.selector != after.selector:
        return "Re-attach note"
    return "Edit note"


class EditNoteCommand(StoreCommand):
    """Replace a note's stored content (fields, sources, position) with ``after``."""

    ID = 1001

    def __init__(self, lib: Library, ui: Refresher, before: Note, after: Note) -> None:
        super().__init__(_describe(before, after))
        self.lib, self.ui = lib, ui
        self.before, self.after = before, after
        self.stamp = time.monotonic()
        self.sealed = False  # True: later typing starts a new undo step

    def id(self) -> int:
        return self.ID

    def apply(self) -> None:
        _refuse_if_trashed(self.lib, self.after.article_id)
        self.lib.save_note(self.after)
        self.ui.after_note_change(self.after.id)

    def revert(self) -> None:
        _refuse_if_trashed(self.lib, self.before.article_id)
        self.lib.save_note(self.before)
        self.ui.after_note_change(self.before.id)

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing in one field of one note is one undo step, not one per keystroke.
        if not isinstance(other, EditNoteCommand) or other.after.id != self.after.id:
            return False
        if self.sealed:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S or other.text() != self.text():
            return False
        # Each add, removal, move or form edit of a source is a step of its own.
        steps = ("Set verdict", "Change status", "Re-attach", "Confirm", "Edit sources")
        if other.text().startswith(steps):
            return False
        self.after = other.after
        self.stamp = other.stamp
        return True


class AddNoteCommand(StoreCommand):
    """Add a note; undo moves it to the Trash, redo brings the same note back."""

    def __init__(
        self,
        lib: Library,
        ui: Refresher,
        article_id: str,
        start: int,
        end: int,
        verdict: str | None = None,
        based_on: Article | None = None,
    ) -> None:
        super().__init__(f"Add note{' (' + label(verdict) + ')' if verdict else ''}")
        self.lib, self.ui = lib, ui
        self.article_id, self.start, self.end, self.verdict = article_id, start, end, verdict
        # The article as shown when the range was chosen: if the command line stored a
        # newer version meanwhile, the note is re-anchored on it, not misplaced.
        self.based_on = based_on
        self.note_id: str | None = None

    def apply(self) -> None:
        _refuse_if_trashed(self.lib, self.article_id)
        if self.note_id is None:
            self.note_id = self.lib.add_note(
                self.article_id,
                self.start,
                self.end,
                verdict=self.verdict,
                based_on=self.based_on,
            ).id
        else:
            self.lib.restore_note(self.note_id)
        self.ui.after_notes_change(self.article_id)

    def revert(self) -> None:
        assert self.note_id is not None
        self.lib.delete_note(self.note_id)
        self.ui.after_notes_change(self.article_id)


class DeleteNoteCommand(StoreCommand):
    def __init__(self, lib: Library, ui: Refresher, note: Note) -> None:
        super().__init__("Delete note")
        self.lib, self.ui, self.note = lib, ui, note

    def apply(self) -> None:
        _refuse_if_trashed(self.lib, self.note.article_id)
        self.lib.delete_note(self.note.id)
        self.ui.after_notes_change(self.note.article_id)

    def revert(self) -> None:
        _refuse_if_trashed(self.lib, self.note.article_id)
        self.lib.restore_note(self.note.id)
        self.ui.after_notes_change(self.note.article_id)


class DeleteArticlesCommand(StoreCommand):
    def __init__(self, lib: Library, ui: Refresher, ids: list[str], titles: list[str]) -> None:
        what = f"“{titles[0][:40]}”" if len(ids) == 1 else f"{len(ids)} articles"
        super().__init__(f"Move {what} to the Trash")
        self.lib, self.ui, self.ids = lib, ui, ids

    def apply(self) -> None:
        for aid in self.ids:
            self.lib.delete_article(aid)
        self.ui.after_library_change()

    def revert(self) -> None:
        for aid in self.ids:
            self.lib.restore_article(aid)
        self.ui.after_library_change()


class CallbackCommand(StoreCommand):
    """A command from two callables, for one-off edits (restore from Trash …)."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo

    def apply(self) -> None:
        self._do()

    def revert(self) -> None:
        self._undo()


class OutsideChangeCommand(StoreCommand):
    """A note edit already made outside the window (``main.py note …``), put in the
    window's history so it can be undone like the window's own edits."""

    def __init__(self, lib: Library, ui: Refresher, change: NoteChange) -> None:
        super().__init__(f"{change.description} (command line)")
        self.lib, self.ui, self.change = lib, ui, change
        self._applied_by_caller = True  # pushing must not make the edit a second time

    def apply(self) -> None:
        from reader.app.notes import redo_change

        redo_change(self.lib, self.change)
        self.ui.after_notes_change(self.change.after.article_id)

    def revert(self) -> None:
        from reader.app.notes import undo_change

        undo_change(self.lib, self.change)
        self.ui.after_notes_change(self.change.after.article_id)


def push_outside_changes(stack: QUndoStack, lib: Library, ui: Refresher) -> int:
    """Put the command line's note edits the window has not seen yet on ``stack``.

    The library remembers the last one seen (setting ``history_seen``), so each edit
    is offered once, in the window open when it was made or the next one opened.
    Returns how many were added.
    """
    try:
        seen = int(lib.get_setting("history_seen", "0") or 0)
        # Most launches find none: the use case (and its imports) only when some wait.
        if not lib.note_changes_since(seen, "cli"):
            return 0
        from reader.app.notes import outside_changes

        changes = outside_changes(lib, seen)
        if changes:
            lib.set_setting("history_seen", str(changes[-1].seq))
    except UserError as exc:  # a read-only or locked library: no history to offer
        log.info("outside edits not loaded: %s", exc)
        return 0
    for change in changes:
        stack.push(OutsideChangeCommand(lib, ui, change))
    return len(changes)


def seal_last_edit(stack: QUndoStack) -> None:
    """End the current typing step: the next edit is a new undo step (another article
    was opened meanwhile, so undoing it should not undo what came before)."""
    last = stack.command(stack.index() - 1) if stack.index() > 0 else None
    if isinstance(last, EditNoteCommand):
        last.sealed = True


class WordingCommand(StoreCommand):
    """Accept a changed note's new wording, or attach a note to ``span`` (undoable)."""

    def __init__(
        self, lib: Library, ui: Refresher, note_id: str, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__("Attach note to selection" if span else "Accept new wording")
        self.lib, self.ui, self.note_id, self.span = lib, ui, note_id, span
        self.change: WordingChange | None = None

    def apply(self) -> None:
        from reader.app.notes import accept_wording, reattach_note, redo_wording_change

        if self.change is not None:
            redo_wording_change(self.lib, self.change)
        elif self.span is not None:
            self.change = reattach_note(self.lib, self.note_id, *self.span)
        else:
            self.change = accept_wording(self.lib, self.note_id)
        self.ui.after_note_change(self.note_id)

    def revert(self) -> None:
        from reader.app.notes import undo_wording_change

        assert self.change is not None
        undo_wording_change(self.lib, self.change)
        self.ui.after_note_change(self.note_id)
