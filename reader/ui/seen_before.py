"""Seen before, in the window: earlier claims like the selected sentence, linking to them,
offering a verdict change to the linked notes, and File → Import fact-checks.

- The section under the selection's notes (:mod:`reader.ui.seen_before_widgets`): one
  row per earlier claim (the user's note in another article with its verdict, or an
  imported fact-check with its publisher and rating), its score and the key terms it
  shares with the sentence (computed in :func:`reader.app.claims_memory.similar_claims`),
  and two buttons: *Link*, and *Link + copy* (its verdict and sources).
- The verdict offer, a non-modal bar: the verdict of a note with links changed; apply it
  to the linked notes too?  Nothing changes until the user says so.
- :class:`LinkClaimCommand`, :class:`LinkedVerdictCommand` — both undoable in one step.
- :class:`SeenBeforePane` — wires them to the window: the search runs in a worker (the
  first one loads the embeddings), a short while after the selection stops changing;
  a result for a selection that is no longer the current one is dropped.

Nothing links itself: the app suggests, the user clicks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout

from reader.core.errors import UserError
from reader.core.verdicts import label
from reader.store import Library
from reader.ui import messages
from reader.ui.undo import StoreCommand
from reader.ui.wording import counted

if TYPE_CHECKING:
    # The widgets' module is imported when the section is built (the reading panes are
    # not part of the window's start-up; it imports html's entity table, ~3 ms).
    from reader.app.claims_memory import ClaimLink, FactChecksImported, SimilarClaim
    from reader.core.models import Note
    from reader.core.verdicts import VerdictKey
    from reader.ui.contextual_fill import ContextualFiller
    from reader.ui.seen_before_widgets import ClaimKey, SeenBeforeSection, VerdictOfferBar
    from reader.ui.tasks import Task
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

DEBOUNCE_MS = 350  # a search starts once the selection rests this long
TOP = 5
SETTING_OPEN = "seen_before_open"
FILE_FILTER = "Fact-checks (*.json *.jsonld *.jsonl *.ndjson *.tsv *.txt);;All files (*)"


class LinkClaimCommand(StoreCommand):
    """Link a note to an earlier claim (adding the note first when the sentence has none),
    optionally copying the claim's verdict and sources into it; one undo step."""

    def __init__(
        self,
        pane: SeenBeforePane,
        claim: SimilarClaim,
        copy: bool,
        note_id: str | None,
        span: tuple[int, int] | None = None,
    ) -> None:
        what = "Link to earlier claim" + (" and copy its verdict" if copy else "")
        super().__init__(what)
        self.pane, self.lib = pane, pane.mw.lib
        self.claim, self.copy = claim, copy
        self.note_id = note_id
        self.span = span  # the sentence to add a note on, when it has none
        article = pane.mw.article
        assert article is not None
        self.article = article
        self.created = False
        self.link: ClaimLink | None = None
        self.before: Note | None = None
        self.after: Note | None = None

    def apply(self) -> None:
        from reader.app.claims_memory import link_claim, relink_claim
        from reader.app.seen_before import copied_from_claim
        from reader.app.trash import refuse_if_trashed

        lib = self.lib
        refuse_if_trashed(lib, self.article.id)  # trashed since the window showed it
        first = self.link is None
        if self.note_id is None:
            assert self.span is not None
            self.note_id = lib.add_note(self.article.id, *self.span, based_on=self.article).id
            self.created = True
        elif self.created:
            lib.restore_note(self.note_id)
        kind, ref = self.claim.kind, self.claim.ref
        if first:
            try:
                self.link = link_claim(lib, self.note_id, kind, ref)
            except UserError:  # the claim went meanwhile: leave no note behind
                if self.created:
                    lib.delete_note(self.note_id)
                    self.pane.mw.after_notes_change(self.article.id)
                raise
            if self.copy:
                self.before = lib.get_note(self.note_id)
                self.after = copied_from_claim(lib, self.note_id, kind, ref)
        else:
            assert self.link is not None
            relink_claim(lib, self.link)
        if self.after is not None:
            lib.save_note(self.after)
        self._redraw()

    def revert(self) -> None:
        from reader.app.claims_memory import unlink_claim

        assert self.note_id is not None and self.link is not None
        if self.before is not None:
            self.lib.save_note(self.before)
        unlink_claim(self.lib, self.link)
        if self.created:
            self.lib.delete_note(self.note_id)
        self._redraw()

    def _redraw(self) -> None:
        assert self.note_id is not None
        mw = self.pane.mw
        if self.created:
            mw.after_notes_change(self.article.id)
        else:
            mw.after_note_change(self.note_id)
        self.pane.refresh_links()


class LinkedVerdictCommand(StoreCommand):
    """Give the linked notes the verdict their claim got elsewhere; one undo step."""

    def __init__(self, pane: SeenBeforePane, changes: list[tuple[Note, Note]]) -> None:
        verdict = changes[0][1].verdict
        n = len(changes)
        super().__init__(f"Set verdict of {n} linked note{'s' * (n != 1)} to {label(verdict)}")
        self.pane, self.changes = pane, changes

    def apply(self) -> None:
        for _before, after in self.changes:
            self.pane.mw.lib.save_note(after)
        self._redraw()

    def revert(self) -> None:
        for before, _after in reversed(self.changes):
            self.pane.mw.lib.save_note(before)
        self._redraw()

    def _redraw(self) -> None:
        mw = self.pane.mw
        here = mw.article.id if mw.article is not None else None
        if any(after.article_id == here for _b, after in self.changes) and here is not None:
            mw.after_notes_change(here)
        mw.library.reload()
        self.pane.search_again()  # the rows show those notes' verdicts


def _search(
    db_path: Path, text: str, article_id: str
) -> Callable[[threading.Event, Callable[[int, int], None]], list[SimilarClaim]]:
    """The worker's job: plain values in, plain results out, its own library."""

    def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> list[SimilarClaim]:
        from reader.app.claims_memory import similar_claims

        if cancel.is_set():  # a newer selection came while this one waited for a worker
            return []
        with Library(db_path) as lib:
            return similar_claims(lib, text, exclude_article=article_id, top=TOP)

    return work


class _CloseWatcher(QObject):
    """Calls ``on_close`` when the window closes (its library is closed right after)."""

    def __init__(self, on_close: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_close = on_close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._on_close()
        return False


class SeenBeforePane:
    """Wires the section and the offer bar to the window."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw
        self.section: SeenBeforeSection | None = None
        self.offer: VerdictOfferBar | None = None
        self._offer_for: tuple[str, VerdictKey | None] | None = None
        self._timer = QTimer(mw.window())  # dies with the window: no search after it closed
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self._wanted: tuple[str, int, int] | None = None  # article, start, end
        self._shown: tuple[str, int, int] | None = None
        self._task: Task | None = None
        self._generation = 0
        self.closed = False
        # Watched from build() on: searches start only once the section exists, and a
        # filter on the window from start-up on ran Python for each of its ~140 events
        # before the first paint.
        self._watcher: _CloseWatcher | None = None
        self._filler: ContextualFiller | None = None

    @property
    def filler(self) -> ContextualFiller:
        """The contextual vectors' fill (made with the first search: not at start-up)."""
        if self._filler is None:
            from reader.ui.contextual_fill import ContextualFiller

            self._filler = ContextualFiller(self.mw, self.search_again)
        return self._filler

    def _on_window_closed(self) -> None:
        # A search due or running now would come back to a closed library.
        self.closed = True
        self._timer.stop()
        self._cancel()

    def build(self) -> SeenBeforeSection:
        """Put the offer bar and the section under the selection's notes."""
        from reader.ui.seen_before_widgets import SeenBeforeSection, VerdictOfferBar

        mw = self.mw
        if self._watcher is None:
            self._watcher = _CloseWatcher(self._on_window_closed, mw.window())
            mw.window().installEventFilter(self._watcher)
        panel = mw.notes_pane.panel
        assert panel is not None
        section = self.section = SeenBeforeSection()
        offer = self.offer = VerdictOfferBar()
        offer.accepted.connect(self.apply_offer)
        section.link_requested.connect(self.link)
        top = panel.selection_list.parentWidget()
        layout = top.layout() if top is not None else None
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(panel.selection_list) + 1
        layout.insertWidget(at, offer)
        layout.insertWidget(at + 1, section)
        section.tab_after(panel.selection_list)  # where it shows: under the notes
        section.set_open(_bool_setting(mw.settings.value(SETTING_OPEN), True))
        section.opened.connect(self._on_opened)
        panel.selection_list.clicked.connect(lambda _i: self.refresh_links())
        reader = mw.reader_pane.view
        if reader is not None:
            reader.selection_changed.connect(self.on_selection_changed)
        return section

    # -- searching ----------------------------------------------------------------------

    def article_changed(self) -> None:
        """Another article (or none) is open: what was shown belonged to the last one."""
        self._timer.stop()
        self._cancel()
        self._wanted = self._shown = None
        if self.offer is not None:
            self.offer.hide()
        if self.section is not None:
            self.section.set_message("")  # the panel says to click a sentence

    def on_selection_changed(self, start: int, end: int) -> None:
        mw = self.mw
        if mw.article is None or self.section is None:
            return
        wanted = (mw.article.id, start, end)
        if wanted == self._wanted:
            return
        self._wanted = wanted
        self._cancel()
        if not self.section.is_open():
            return
        self.section.set_looking()
        self._timer.start()

    def _on_opened(self, shown: bool) -> None:
        self.mw.settings.setValue(SETTING_OPEN, shown)
        if shown and self._wanted is not None and self._wanted != self._shown:
            self.search_again()

    def search_again(self) -> None:
        """Search for the selection again now (the memory changed)."""
        if self._wanted is not None and self.section is not None and self.section.is_open():
            self._shown = None
            self._search_now()

    def _search_now(self) -> None:
        mw = self.mw
        wanted = self._wanted
        if self.closed or wanted is None or mw.article is None or mw.article.id != wanted[0]:
            return
        article_id, start, end = wanted
        text = mw.article.text[start:end]
        self._cancel()
        self._generation += 1
        generation = self._generation

        def current() -> bool:
            """Whether this search's result is still wanted (not superseded or cancelled:
            closing the window cancels it, and its library is closed by then)."""
            if task in mw.runner.tasks:
                mw.runner.tasks.remove(task)
            return (
                not self.closed
                and not task.cancel_event.is_set()
                and generation == self._generation
                and self._wanted == wanted
            )

        def done(claims: list[SimilarClaim]) -> None:
            if not current():
                return
            self._task = None
            self._shown = wanted
            if self.section is not None:
                self.section.set_claims(claims, self._linked_keys())
                self.section.set_editable(not mw.read_only)
                self.section.set_has_note(self._has_note())
            self.filler.start()  # the contextual vectors, now that they are wanted

        def failed(exc: BaseException) -> None:
            if not current():
                return
            self._task = None
            log.warning("seen-before search failed: %s", exc)
            if self.section is not None:
                self.section.set_message("Could not look for earlier claims (see the log).")

        task = mw.runner.start_quietly(_search(mw.db_path, text, article_id), done, failed)
        mw.runner.tasks.append(task)  # so closing the window cancels it
        self._task = task

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._generation += 1

    # -- linking ------------------------------------------------------------------------

    def _current_note(self) -> Note | None:
        panel = self.mw.notes_pane.panel
        return panel.editor.note() if panel is not None else None

    def _linked_keys(self) -> set[ClaimKey]:
        from reader.app.claims_memory import claim_links

        note = self._current_note()
        if note is None:
            return set()
        keys: set[ClaimKey] = set()
        for link in claim_links(self.mw.lib, note.id):
            if link.note_id == note.id:
                keys.add((link.kind, link.ref))
            else:  # another note linked to this one
                keys.add(("note", link.note_id))
        return keys

    def refresh_links(self) -> None:
        """Mark the rows the current note is linked to."""
        if self.section is not None and self.section.rows:
            self.section.set_linked(self._linked_keys())
            self.section.set_has_note(self._has_note())

    def _has_note(self) -> bool:
        note, article = self._current_note(), self.mw.article
        return note is not None and article is not None and note.article_id == article.id

    def link(self, claim: SimilarClaim, copy: bool) -> None:
        """Link the current note to ``claim`` (adding a note on the sentence if it has
        none), copying its verdict and sources when ``copy``."""
        mw = self.mw
        if mw.read_only:
            mw.statusBar().showMessage("This library is read-only: nothing can be linked.", 4000)
            return
        if mw.article is None or mw.reader.selected is None:
            return
        mw.notes_pane.flush_editor()
        note = self._current_note()
        if note is not None and note.article_id != mw.article.id:
            note = None
        cmd = LinkClaimCommand(
            self, claim, copy, note.id if note else None, None if note else mw.reader.selected
        )
        mw.push(cmd)
        if cmd.link is not None:
            added = " to a new note on the sentence" if cmd.created else ""
            copied = _what_was_copied(cmd) if copy else ""
            mw.statusBar().showMessage(f"Linked{added}{copied} (Ctrl+Z to undo)", 6000)

    def link_top(self, copy: bool = False) -> None:
        """Edit → Link to the closest earlier claim (Ctrl+Shift+L): link the note to the
        first claim shown that it is not linked to yet."""
        from reader.ui.seen_before_widgets import LOOKING

        mw = self.mw
        section = self.section
        if mw.article is None or section is None or mw.reader.selected is None:
            mw.statusBar().showMessage(
                "Select a sentence first: earlier claims like it show under its notes.", 4000
            )
            return
        if not section.is_open():
            section.set_open(True)  # searches the selection; the user links once it shows
            mw.statusBar().showMessage("Looking for earlier claims: link once they show.", 4000)
            return
        claim = section.top_unlinked()
        if claim is None:
            looking = section.status.text() == LOOKING
            mw.statusBar().showMessage(
                "Still looking for earlier claims: try again in a moment."
                if looking
                else "No earlier claim to link: none is shown for this sentence, "
                "or the note is linked to each one.",
                4000,
            )
            return
        self.link(claim, copy)

    # -- a verdict change offered to the linked notes --------------------------------------

    def after_verdict_edit(self, before: Note, after: Note) -> None:
        """The user changed a note's verdict: offer it to the notes linked to it."""
        from reader.app.seen_before import verdict_for_linked
        from reader.ui.seen_before_widgets import short

        if self.offer is None or before.verdict == after.verdict or self.mw.read_only:
            return
        mw = self.mw
        if mw.lib.get_note(after.id).verdict != after.verdict:
            return  # the edit was refused
        changes = verdict_for_linked(mw.lib, after.id, after.verdict)
        if not changes:
            self.offer.hide()
            return
        self._offer_for = (after.id, after.verdict)
        n = len(changes)
        titles = sorted({_title(mw.lib, b.article_id) for b, _a in changes})
        where = ", ".join(f"“{short(t, 40)}”" for t in titles[:3])
        more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
        self.offer.text.setText(
            f"{n} linked note{'s' * (n != 1)} (in {where}{more}) "
            f"{'say' if n != 1 else 'says'} otherwise. "
            f"Set {'them' if n != 1 else 'it'} to {label(after.verdict)} too?"
        )
        self.offer.show()

    def apply_offer(self) -> None:
        """The user accepted: the linked notes take the verdict, as one undoable step."""
        from reader.app.seen_before import verdict_for_linked

        mw = self.mw
        if self.offer is None or self._offer_for is None:
            return
        self.offer.hide()
        note_id, verdict = self._offer_for
        self._offer_for = None
        if mw.lib.get_note(note_id).verdict != verdict:
            mw.statusBar().showMessage("The verdict changed again: nothing applied.", 4000)
            return
        changes = verdict_for_linked(mw.lib, note_id, verdict)
        if changes:
            mw.push(LinkedVerdictCommand(self, changes))
            mw.statusBar().showMessage(
                f"{counted(len(changes), 'linked note')} set to {label(verdict)} (Ctrl+Z to undo)",
                4000,
            )

    # -- File → Import fact-checks ----------------------------------------------------------

    def import_factchecks_dialog(self) -> None:
        mw = self.mw
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            mw.window(),
            "Import fact-checks",
            str(mw.settings.value("last_dir", str(Path.home()))),
            FILE_FILTER,
        )
        if path:
            mw.settings.setValue("last_dir", str(Path(path).parent))
            self.import_factchecks_from(Path(path))

    def import_factchecks_from(self, path: Path) -> None:
        """Import the fact-checks of ``path`` (ClaimReview JSON-LD or TSV) off the UI
        thread, then say what was added."""
        db = self.mw.db_path

        def work(
            cancel: threading.Event, progress: Callable[[int, int], None]
        ) -> FactChecksImported:
            from reader.app.claims_memory import import_factchecks, read_factchecks

            parsed = read_factchecks(path)  # a bad file is refused before the library opens
            with Library(db) as lib:
                return import_factchecks(lib, path, parsed)

        def done(report: FactChecksImported) -> None:
            text = report.summary()
            self.mw.statusBar().showMessage(text[:1].upper() + text[1:], 5000)
            messages.inform(
                self.mw.window(),
                f"{text[:1].upper() + text[1:]} from {path.name}.",
                "Fact-checks imported",
            )
            self.search_again()

        self.mw.runner.run(f"Importing fact-checks from {path.name}…", work, done)


def _what_was_copied(cmd: LinkClaimCommand) -> str:
    """What "Link + copy" brought into the note, for the status bar: a rating that does
    not read as one of our verdicts is not copied, and the user is told so."""
    from reader.ui.seen_before_widgets import short

    before, after = cmd.before, cmd.after
    if before is None or after is None:
        return ", nothing to copy"
    parts = []
    if after.verdict != before.verdict:
        parts.append(f"verdict {label(after.verdict)}")
    n = len(after.sources) - len(before.sources)
    if n:
        parts.append(f"{n} source{'s' * (n != 1)}")
    copied = ", " + " and ".join(parts) + " copied" if parts else ""
    claim = cmd.claim
    from reader.core.ratings import verdict_for_rating

    if claim.kind == "factcheck" and verdict_for_rating(claim.rating) is None:
        rating = f"its rating “{short(claim.rating, 40)}”" if claim.rating else "it has no rating:"
        if claim.rating:
            rating += " is not one of our verdicts:"
        copied += f"; {rating} set the verdict yourself"
    elif claim.kind == "note" and claim.verdict is None:
        copied += "; it has no verdict to copy"
    return copied or ", nothing new to copy"


def _title(lib: Library, article_id: str) -> str:
    return lib.get_article(article_id).title or "Untitled"


def _bool_setting(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)
