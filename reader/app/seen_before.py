"""Seen before, in the window: what a link to an earlier claim copies, and which notes a
verdict change may be applied to.

- :func:`copied_from_claim` — a note with an earlier claim's verdict and sources copied
  in (the other note's, or the fact-check's rating read as a verdict and its page as a
  source); nothing is saved, the window's undo command saves it.
- :func:`linked_notes` — the notes linked to a note's claim, however many links away.
- :func:`verdict_for_linked` — those notes as they would be with a new verdict, before
  and after, for the window to apply as one undoable step.

Finding the earlier claims and linking are in :mod:`reader.app.claims_memory`.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.claim_match import ClaimKind
from reader.core.errors import InputError
from reader.core.models import Note, Source
from reader.core.ratings import stance_of, verdict_for_rating
from reader.core.source_url import checked_source_url
from reader.core.verdicts import VerdictKey
from reader.store import Library
from reader.store.claim_groups import linked_note_ids
from reader.store.claims_memory import ClaimsMemory

__all__ = ["copied_from_claim", "linked_notes", "verdict_for_linked"]


def copied_from_claim(lib: Library, note_id: str, kind: ClaimKind, ref: str) -> Note:
    """Note ``note_id`` with the verdict and sources of the claim ``(kind, ref)`` copied in.

    The claim's verdict replaces the note's (a fact-check's rating only when it reads as
    one of our verdicts); its sources are added after the note's own, none twice.
    """
    note = lib.get_note(note_id)
    verdict: VerdictKey | None
    if kind == "note":
        other = lib.get_note(ref)
        verdict = other.verdict
        sources = [replace(s, id="") for s in other.sources]
    else:
        check = ClaimsMemory(lib.sql).factchecks([ref]).get(ref)
        if check is None:
            return note
        key = verdict_for_rating(check.rating)
        verdict = key
        sources = []
        try:
            url = checked_source_url(check.url) if check.url else ""
        except InputError:  # a feed's odd address: the rating is still worth copying
            url = ""
        if url:
            sources.append(
                Source(
                    url=url,
                    title=check.title or check.claim,
                    publisher=check.publisher,
                    date=check.date,
                    stance=stance_of(key),
                )
            )
    known = {s.url for s in note.sources}
    added = []
    for source in sources:
        if source.url not in known:
            known.add(source.url)
            added.append(source)
    return replace(
        note,
        verdict=verdict if verdict is not None else note.verdict,
        sources=[*note.sources, *added],
    )


def linked_notes(lib: Library, note_id: str) -> list[Note]:
    """The live notes linked to note ``note_id``'s claim (not the note itself)."""
    return [lib.get_note(nid) for nid in linked_note_ids(lib.sql, note_id)]


def verdict_for_linked(
    lib: Library, note_id: str, verdict: VerdictKey | None
) -> list[tuple[Note, Note]]:
    """``(before, after)`` for each note linked to ``note_id`` whose verdict is not
    ``verdict`` yet; saving each ``after`` applies the change, each ``before`` undoes it."""
    return [
        (n, replace(n, verdict=verdict)) for n in linked_notes(lib, note_id) if n.verdict != verdict
    ]
