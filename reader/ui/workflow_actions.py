"""Changing where the checking of a claim stands (its workflow state and who checked it)
from the window, undoably: from the Claims view and from the note editor's Workflow row.

The workflow is kept apart from the note (:mod:`reader.app.claims_memory`), so these
edits are commands of their own on the window's undo stack, not note edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.ui.undo import StoreCommand

if TYPE_CHECKING:
    from reader.app.claims_memory import ClaimWorkflow
    from reader.core.claim_match import WorkflowState
    from reader.store import Library
    from reader.ui.note_editor import NoteEditor
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)


class SetWorkflowCommand(StoreCommand):
    """Move a claim to a workflow state and/or name who checked it; undo puts back the old."""

    def __init__(
        self,
        library: Callable[[], Library],
        note_id: str,
        state: WorkflowState,
        checked_by: str | None,
        redraw: Callable[[str], None],
    ) -> None:
        super().__init__("Set checked by" if checked_by is not None else "Set workflow state")
        # A getter, not the Library: the window opens another one after a restore.
        self._library, self.note_id = library, note_id
        self.state, self.checked_by = state, checked_by
        self._redraw = redraw
        self.previous: ClaimWorkflow | None = None

    def apply(self) -> None:
        from reader.app.claims_memory import set_claim_workflow

        self.previous = set_claim_workflow(
            self._library(), self.note_id, self.state, self.checked_by
        )
        self._redraw(self.note_id)

    def revert(self) -> None:
        from reader.app.claims_memory import restore_claim_workflow

        if self.previous is not None:
            restore_claim_workflow(self._library(), self.previous)
        self._redraw(self.note_id)


def set_workflow(
    mw: ReaderWindow, note_id: str, state: WorkflowState, checked_by: str | None
) -> None:
    """Change a claim's workflow state (and who checked it, unless None), undoably."""
    mw.push(
        SetWorkflowCommand(
            lambda: mw.lib, note_id, state, checked_by, lambda nid: after_workflow_change(mw, nid)
        )
    )


def after_workflow_change(mw: ReaderWindow, note_id: str) -> None:
    """Redraw what shows the workflow of note ``note_id``: the editor and the Claims view."""
    panel = mw.notes_pane.panel
    if panel is not None:
        shown = panel.editor.note()
        if shown is not None and shown.id == note_id:
            panel.editor.show_workflow()
    claims = mw.library.claims
    if claims is not None:
        if claims.isVisible():
            claims.reload()
        else:
            claims.refresh()


def connect_note_editor(mw: ReaderWindow, editor: NoteEditor) -> None:
    """Give the note editor its Workflow row: read from the library, edits undoable."""

    def workflow_of(note_id: str) -> tuple[str, str]:
        from reader.app.claims_memory import claim_workflow

        workflow = claim_workflow(mw.lib, note_id)
        return workflow.state, workflow.checked_by

    editor.workflow_of = workflow_of
    editor.workflow_edited.connect(
        lambda note_id, state, checked_by: set_workflow(mw, note_id, state, checked_by)
    )
