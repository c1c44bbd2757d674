"""Notes: attach a fact-check note to a sentence, with its sources.

- :func:`sources_from` — source URLs and titles as typed → :class:`Source` list.
- :func:`add_note_on_sentence` — a note on sentence ``n`` (1 is the title).
- :func:`accept_wording` — re-confirm a ``changed`` note's verdict on the words now there.
- :func:`reattach_note` — attach a note to another range of its article.
- :func:`undo_wording_change` / :func:`redo_wording_change` — both of those are
  reversible: each returns a :class:`WordingChange` with the note's place and wording
  before and after and the confirmation it recorded (the window's undo stack uses it).
  The words a note was first written on are never touched by any of them.
- :func:`note_history` — every confirmation of a note's wording.

The window attaches notes to any selected range through its undo commands, which call
:meth:`reader.store.Library.add_note` and friends directly; the rules on verdicts and
statuses live in the store either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.errors import UserError
from reader.core.models import Note, Source
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


def sources_from(urls: Iterable[str], titles: Iterable[str] = ()) -> list[Source]:
    """One :class:`Source` per URL, the n-th title going with the n-th URL."""
    urls, titles = list(urls), list(titles)
    if len(titles) > len(urls):
        raise UserError("Each --source-title must follow a --source URL.")
    return [
        Source(url=url, title=titles[i] if i < len(titles) else "") for i, url in enumerate(urls)
    ]


def add_note_on_sentence(
    lib: Library,
    article_id: str,
    n: int,
    *,
    verdict: str | None,
    status: str = "to_check",
    conclusion: str = "",
    body: str = "",
    tags: Iterable[str] = (),
    sources: Iterable[Source] = (),
) -> Note:
    """Attach a new note to sentence ``n`` (1-based, the title is 1) of an article.

    Raises :class:`UserError` for a sentence number the article does not have, or a
    verdict or status the app does not know.
    """
    from reader.core.segment import sentence_spans

    if verdict is not None and verdict not in BY_KEY:
        raise UserError(f"Unknown verdict {verdict!r}. Use one of: {', '.join(BY_KEY)}.")
    if status not in STATUSES:
        raise UserError(f"Unknown status {status!r}. Use one of: {', '.join(STATUSES)}.")
    art = lib.get_article(article_id)
    spans = sentence_spans(art.text)
    if not 1 <= n <= len(spans):
        raise UserError(
            f"The article has sentences 1 to {len(spans)}; there is no sentence {n}. "
            "Run 'show' to see the numbers."
        )
    start, end = spans[n - 1]
    return lib.add_note(
        article_id,
        start,
        end,
        verdict=verdict,
        status=status,
        conclusion=conclusion,
        body=body,
        tags=tags,
        sources=sources,
    )


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
