"""Notes: attach, edit, delete and move fact-check notes, with their sources.

- :func:`sources_from` — source URLs and titles as typed → :class:`Source` list (http,
  https and DOI only).
- :func:`add_note_on_sentences` — a note on sentences ``first`` to ``last`` (1 is the title).
- :func:`accept_wording` — re-confirm a ``changed`` note's verdict on the words now there.
- :func:`reattach_note` — attach a note to another range of its article.
- :func:`undo_wording_change` / :func:`redo_wording_change` — both of those are
  reversible: each returns a :class:`WordingChange` with the note's place and wording
  before and after and the confirmation it recorded (the window's undo stack uses it).
  The words a note was first written on are never touched by any of them.
- :func:`note_history` — every confirmation of a note's wording.
- :func:`add_note_on_sentences` — a note on sentences ``first`` to ``last`` (1 is the
  title); the verdict is optional.
- :func:`edit_note`, :func:`delete_note` (to the Trash), :func:`move_note` (re-attach
  to other sentences).
- :func:`resolve_note` — a note id from its first characters.

Every edit above returns a :class:`NoteChange` (the note before and after), which is
what an undo needs: :func:`undo_change` and :func:`redo_change` apply it backwards and forwards.
Edits made outside the window (``origin="cli"``) are also written to the library's
journal (:mod:`reader.store.history`); :func:`outside_changes` reads them back so the
window can put them in its history.

The window attaches notes to any selected range through its undo commands, which call
:meth:`reader.store.Library.add_note` and friends directly; the rules on verdicts and
statuses live in the store either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from reader.app.trash import refuse_if_trashed
from reader.core.errors import UserError
from reader.core.models import Article, Note, Selector, Source
from reader.core.source_url import checked_source_url
from reader.core.verdicts import BY_KEY, STATUSES
from reader.store import Library
from reader.store.wording import (
    Confirmation,
    ConfirmationKind,
    NotePlace,
    add_confirmation,
    confirmations,
    delete_confirmation,
    note_place,
    write_place,
)

ChangeKind = Literal["add", "edit", "move", "delete"]
Origin = Literal["window", "cli"]

_UNSET: Any = object()


@dataclass(frozen=True)
class NoteChange:
    """One edit of one note: the note before (None for an add) and after."""

    kind: ChangeKind
    before: Note | None
    after: Note
    seq: int = 0  # the journal entry, for edits made outside the window

    @property
    def description(self) -> str:
        """The history's name for the edit ("Delete note")."""
        return {
            "add": "Add note",
            "edit": "Edit note",
            "move": "Re-attach note",
            "delete": "Delete note",
        }[self.kind]


def sources_from(urls: Iterable[str], titles: Iterable[str] = ()) -> list[Source]:
    """One :class:`Source` per URL, the n-th title going with the n-th URL.

    Raises :class:`UserError` for an address that is neither http(s) nor a DOI.
    """
    urls, titles = list(urls), list(titles)
    if len(titles) > len(urls):
        raise UserError("Each --source-title must follow a --source URL.")
    return [
        Source(url=checked_source_url(url), title=titles[i] if i < len(titles) else "")
        for i, url in enumerate(urls)
    ]


def _check(verdict: str | None, status: str | None) -> None:
    if verdict is not None and verdict not in BY_KEY:
        raise UserError(f"Unknown verdict “{verdict}”. Use one of: {', '.join(BY_KEY)}.")
    if status is not None and status not in STATUSES:
        raise UserError(f"Unknown status “{status}”. Use one of: {', '.join(STATUSES)}.")


def _sentence_range(
    lib: Library, article_id: str, first: int, last: int
) -> tuple[Article, int, int]:
    """The article as read, and the offsets of sentences ``first`` to ``last``."""
    from reader.core.segment import sentence_spans

    art = lib.get_article(article_id)
    spans = sentence_spans(art.text)
    if first > last:
        raise UserError(f"The sentences {first}-{last} run backwards; give the lower first.")
    for n in (first, last):
        if not 1 <= n <= len(spans):
            raise UserError(
                f"The article has sentences 1 to {len(spans)}; there is no sentence {n}. "
                "Run 'show' to see the numbers."
            )
    return art, spans[first - 1][0], spans[last - 1][1]


def _journal(lib: Library, origin: Origin, change: NoteChange) -> NoteChange:
    if origin == "window":
        return change  # the window's own undo stack holds it
    seq = lib.record_note_change(
        origin,
        change.kind,
        change.after.id,
        change.after.article_id,
        _note_to_json(change.before) if change.before else "",
        _note_to_json(change.after),
    )
    return replace(change, seq=seq)


def add_note_on_sentences(
    lib: Library,
    article_id: str,
    first: int,
    last: int,
    *,
    verdict: str | None = None,
    status: str = "to_check",
    conclusion: str = "",
    body: str = "",
    tags: Iterable[str] = (),
    sources: Iterable[Source] = (),
    origin: Origin = "window",
) -> NoteChange:
    """Attach a new note to sentences ``first`` to ``last`` (1-based, inclusive)."""
    refuse_if_trashed(lib, article_id)
    _check(verdict, status)
    art, start, end = _sentence_range(lib, article_id, first, last)
    note = lib.add_note(
        article_id,
        start,
        end,
        based_on=art,  # an update may store a new version before the note is written
        verdict=verdict,
        status=status,
        conclusion=conclusion,
        body=body,
        tags=tags,
        sources=sources,
    )
    return _journal(lib, origin, NoteChange("add", None, note))


def resolve_note(lib: Library, id_or_prefix: str) -> str:
    """The full id of the note whose id starts with ``id_or_prefix``."""
    return lib.resolve_note_id(id_or_prefix)


def edit_note(
    lib: Library,
    note_id: str,
    *,
    verdict: str | None = _UNSET,
    status: str | None = None,
    conclusion: str | None = None,
    body: str | None = None,
    tags: Iterable[str] | None = None,
    sources: Iterable[Source] | None = None,
    origin: Origin = "window",
) -> NoteChange:
    """Change the given fields of a note (``verdict=None`` clears the verdict; the
    other fields are left alone when None)."""
    before = lib.get_note(note_id)
    if before.deleted_at:
        raise UserError(
            "That note is in the Trash. Restore it first (main.py trash restore ID, or in "
            "the window: Edit → Trash…)."
        )
    refuse_if_trashed(lib, before.article_id)
    _check(None if verdict is _UNSET else verdict, status)
    fields: dict[str, Any] = {}
    if verdict is not _UNSET:
        fields["verdict"] = verdict
    if status is not None:
        fields["status"] = status
    if conclusion is not None:
        fields["conclusion"] = conclusion
    if body is not None:
        fields["body"] = body
    if tags is not None:
        fields["tags"] = list(tags)
    if sources is not None:
        fields["sources"] = list(sources)
    if not fields:
        raise UserError(
            "Nothing to change: give --verdict, --status, --conclusion, --body, --tag or --source."
        )
    after = lib.update_note(note_id, **fields)
    return _journal(lib, origin, NoteChange("edit", before, after))


def delete_note(lib: Library, note_id: str, *, origin: Origin = "window") -> NoteChange:
    """Move a note to the Trash (it can be restored, and the deletion undone)."""
    before = lib.get_note(note_id)
    if before.deleted_at:
        raise UserError("That note is already in the Trash.")
    refuse_if_trashed(lib, before.article_id)
    lib.delete_note(note_id)
    return _journal(lib, origin, NoteChange("delete", before, lib.get_note(note_id)))


def move_note(
    lib: Library, note_id: str, first: int, last: int, *, origin: Origin = "window"
) -> NoteChange:
    """Re-attach a note to sentences ``first`` to ``last`` of its article's current text."""
    from reader.core.anchor import make_selector

    before = lib.get_note(note_id)
    if before.deleted_at:
        raise UserError(
            "That note is in the Trash. Restore it first (main.py trash restore ID, or in "
            "the window: Edit → Trash…)."
        )
    refuse_if_trashed(lib, before.article_id)
    _, start, end = _sentence_range(lib, before.article_id, first, last)
    text = lib.get_article(before.article_id).text
    after = lib.save_note(
        replace(before, selector=make_selector(text, start, end), anchor_state="ok")
    )
    return _journal(lib, origin, NoteChange("move", before, after))


def undo_change(lib: Library, change: NoteChange) -> None:
    """Put the note back as it was before ``change``."""
    if change.kind == "add":
        lib.delete_note(change.after.id)
    elif change.kind == "delete":
        lib.restore_note(change.after.id)
    else:
        assert change.before is not None
        lib.save_note(change.before)


def redo_change(lib: Library, change: NoteChange) -> None:
    """Make ``change`` again after :func:`undo_change`."""
    if change.kind == "add":
        lib.restore_note(change.after.id)
    elif change.kind == "delete":
        lib.delete_note(change.after.id)
    else:
        lib.save_note(change.after)


def outside_changes(lib: Library, since_seq: int = 0) -> list[NoteChange]:
    """Note edits made outside the window (the command line) after journal entry
    ``since_seq``, oldest first."""
    changes = []
    for entry in lib.note_changes_since(since_seq, "cli"):
        kind: ChangeKind = entry.action  # type: ignore[assignment]  # CHECKed in SQL
        changes.append(
            NoteChange(
                kind,
                _note_from_json(entry.before) if entry.before else None,
                _note_from_json(entry.after),
                entry.seq,
            )
        )
    return changes


def _note_to_json(note: Note) -> str:
    """A note as JSON text (for the journal)."""
    return json.dumps(asdict(note), ensure_ascii=False)


def _note_from_json(text: str) -> Note:
    """A note from :func:`_note_to_json`'s text."""
    data = json.loads(text)
    data["selector"] = Selector(**data["selector"])
    data["sources"] = [Source(**s) for s in data["sources"]]
    return Note(**data)


@dataclass(frozen=True)
class WordingChange:
    """What accepting a wording or re-attaching a note did, to undo and redo it."""

    note_id: str
    before: NotePlace
    after: NotePlace
    confirmation: Confirmation


def accept_wording(lib: Library, note_id: str) -> WordingChange:
    """The user re-confirms a ``changed`` note's verdict on the words now there.

    The note becomes ``ok`` again; its verdict now stands on the current words, and a
    confirmation records when and against which version of the article.
    """
    note = lib.get_note(note_id)
    refuse_if_trashed(lib, note.article_id)
    if note.anchor_state != "changed":
        what = "is gone from the article" if note.anchor_state == "orphan" else "did not change"
        raise UserError(
            f"This note's text {what}, so there is no new wording to accept"
            + (": attach it to a selection instead." if note.anchor_state == "orphan" else ".")
        )
    before = note_place(lib.sql, note_id)
    after = NotePlace(before.selector, "ok", before.selector.exact)
    return _apply(lib, note, before, after, "accepted")


def reattach_note(lib: Library, note_id: str, start: int, end: int) -> WordingChange:
    """Attach a note to ``[start, end)`` of its article's current text.

    The user chose those words for the verdict, so the note is ``ok`` on them, and a
    confirmation records the move.
    """
    from reader.core.anchor import make_selector

    note = lib.get_note(note_id)
    refuse_if_trashed(lib, note.article_id)
    article = lib.get_article(note.article_id)
    if not 0 <= start < end <= len(article.text) or not article.text[start:end].strip():
        raise UserError("Select the text of the article to attach the note to, then try again.")
    before = note_place(lib.sql, note_id)
    selector = make_selector(article.text, start, end)
    after = NotePlace(selector, "ok", selector.exact)
    return _apply(lib, note, before, after, "reattached")


def _apply(
    lib: Library, note: Note, before: NotePlace, after: NotePlace, kind: ConfirmationKind
) -> WordingChange:
    version = lib.get_article(note.article_id).version
    with lib.write():
        write_place(lib.sql, note.id, after)
        record = add_confirmation(
            lib.sql, note.id, kind, version, after.checked_exact, before.checked_exact
        )
    return WordingChange(note.id, before, after, record)


def undo_wording_change(lib: Library, change: WordingChange) -> None:
    """Put the note back as it was before ``change`` and forget its confirmation."""
    with lib.write():
        write_place(lib.sql, change.note_id, change.before)
        delete_confirmation(lib.sql, change.confirmation.id)


def redo_wording_change(lib: Library, change: WordingChange) -> None:
    """Apply ``change`` again after it was undone (same confirmation, same time)."""
    record = change.confirmation
    with lib.write():
        write_place(lib.sql, change.note_id, change.after)
        add_confirmation(
            lib.sql,
            record.note_id,
            record.kind,
            record.version,
            record.exact,
            record.previous_exact,
            confirmation_id=record.id,
            confirmed_at=record.confirmed_at,
        )


def note_history(lib: Library, note_id: str) -> list[Confirmation]:
    """Every confirmation of a note's wording, oldest first."""
    lib.get_note(note_id)
    return confirmations(lib.sql, note_id)
