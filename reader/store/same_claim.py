"""For the exports: where else each note's claim turns up (:mod:`reader.core.same_claim`).

Built on the claims memory's confirmed links (:class:`~reader.store.claims_memory.ClaimsMemory`):
the other articles are its :meth:`~reader.store.claims_memory.ClaimsMemory.appearances`;
the fact-checks are those linked to the note, or to a note in one of those articles.
Most notes have no link at all: one query per 500 notes finds the few that do, so a
folder export of the whole library pays almost nothing for this.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.same_claim import OtherArticle, SameClaim
from reader.store._sql import Sql, chunks
from reader.store.claims_memory import ClaimsMemory


def linked_notes(sql: Sql, note_ids: Iterable[str]) -> set[str]:
    """Those of ``note_ids`` that are linked to a claim, or that a note is linked to."""
    found: set[str] = set()
    for chunk in chunks(list(note_ids), 500):
        marks = ", ".join("?" * len(chunk))
        found.update(
            r[0]
            for r in sql.conn.execute(
                f"SELECT note_id FROM claim_links WHERE note_id IN ({marks}) "
                "UNION SELECT target_ref FROM claim_links "
                f"WHERE target_kind = 'note' AND target_ref IN ({marks})",
                [*chunk, *chunk],
            )
        )
    return found


def same_claims(sql: Sql, note_ids: Iterable[str]) -> dict[str, SameClaim]:
    """A :class:`SameClaim` for each of ``note_ids`` whose claim turns up elsewhere."""
    memory = ClaimsMemory(sql)
    found: dict[str, SameClaim] = {}
    for note_id in sorted(linked_notes(sql, note_ids)):
        appearances = memory.appearances(note_id)
        group = [note_id, *(a.note_id for a in appearances)]
        check_ids: list[str] = []
        for member in group:
            for link in memory.links(member):
                if link.note_id == member and link.kind == "factcheck":
                    if link.ref not in check_ids:
                        check_ids.append(link.ref)
        stored = memory.factchecks(check_ids)
        entry = SameClaim(
            articles=tuple(
                OtherArticle(a.article_id, a.article_title, a.article_url) for a in appearances
            ),
            factchecks=tuple(stored[c] for c in check_ids if c in stored),
        )
        if entry:
            found[note_id] = entry
    return found
