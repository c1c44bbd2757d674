"""Use cases of the claims memory: seen before, importing fact-checks, linking, matching.

"Seen before": a sentence is matched against the notes of other articles and the
imported fact-checks (:class:`reader.store.claims_memory.ClaimsMemory`).  The app only
suggests; a link is made when the user confirms one, and every link can be undone with
what :func:`link_claim` and :func:`unlink_claim` return.

:class:`CorpusMatcher` runs the same engine over a claims table and a queries table
(``main.py match`` and ``tests/bench/claim_matching.py``), in an in-memory library.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.claim_match import (
    SUGGEST_MIN_COSINE,
    ClaimKind,
    MatchMode,
    MatchSettings,
    WorkflowState,
    shared_terms,
)
from reader.importers.factchecks import FactCheckFile, read_factchecks_file, read_id_table
from reader.store import Library
from reader.store.claims_memory import (
    CONTEXT_BATCH,
    Appearance,
    ClaimLink,
    ClaimsMemory,
    ClaimWorkflow,
)

log = logging.getLogger(__name__)

__all__ = [
    "ContextualFill",
    "fill_contextual_vectors",
    "Appearance",
    "ClaimLink",
    "ClaimWorkflow",
    "CorpusMatcher",
    "FactChecksImported",
    "RunLine",
    "SimilarClaim",
    "claim_appearances",
    "claim_links",
    "claim_workflow",
    "import_factchecks",
    "link_claim",
    "relink_claim",
    "restore_claim_workflow",
    "set_claim_workflow",
    "similar_claims",
    "unlink_claim",
]


@dataclass(frozen=True)
class SimilarClaim:
    """An earlier claim close to a sentence: the user's own note, or a fact-check."""

    kind: ClaimKind
    ref: str  # the note's id, or the fact-check's id
    text: str
    score: float  # the searches' agreement, 0-1 (see :func:`similar_claims`)
    shared_terms: list[str]  # why it matched
    verdict: str | None = None  # own note: the verdict key
    status: str = ""  # own note: its status
    conclusion: str = ""  # own note: its conclusion
    article_id: str | None = None  # own note: its article
    article_title: str = ""
    rating: str = ""  # fact-check: the publisher's rating
    publisher: str = ""
    title: str = ""
    url: str = ""
    date: str = ""


@dataclass(frozen=True)
class FactChecksImported:
    """What an import of fact-checks did."""

    added: int
    already_present: int
    skipped: int  # entries of the file without a claim

    def summary(self) -> str:
        """One line for the user."""
        text = f"imported {self.added} fact-check{'s' * (self.added != 1)}"
        if self.already_present:
            text += f", {self.already_present} already in the library"
        if self.skipped:
            text += f", {self.skipped} skipped (no claim)"
        return text


@dataclass(frozen=True)
class RunLine:
    """One line of a TREC run: ``qid Q0 doc rank score tag``."""

    qid: str
    doc: str
    rank: int
    score: float
    tag: str

    def __str__(self) -> str:
        return f"{self.qid}\tQ0\t{self.doc}\t{self.rank}\t{self.score:.6f}\t{self.tag}"


def similar_claims(
    lib: Library,
    sentence: str,
    exclude_article: str | None = None,
    top: int = 5,
) -> list[SimilarClaim]:
    """Earlier claims closest to ``sentence``, best first; none that are barely alike.

    ``exclude_article`` leaves out that article's own notes (pass the sentence's article).
    Each claim's ``score`` is how much the searches agree on it, from 0 to 1: its fused
    rank score over the most any claim can get from the searches that ran, so 1 means
    every search ranked it first, whether or not the contextual model is there.  It
    orders the claims; it does not say that they are the same claim.
    """
    memory = ClaimsMemory(lib.sql)
    hits = memory.search(sentence, top=top, exclude_article=exclude_article)
    hits = [h for h in hits if not h.cosine < SUGGEST_MIN_COSINE]  # NaN: not loaded yet
    used = MatchSettings()  # the search's own numbers
    contextual = any(h.contextual_rank is not None for h in hits)
    weights = 1.0 + used.dense_weight + (used.contextual_weight if contextual else 0.0)
    best = weights / (used.fusion_k + 1)
    notes = memory.notes_seen(h.ref for h in hits if h.kind == "note")
    checks = memory.factchecks(h.ref for h in hits if h.kind == "factcheck")
    found = []
    for hit in hits:
        why = shared_terms(sentence, f"{hit.text} {hit.title}")
        if hit.kind == "note":
            note = notes.get(hit.ref)
            if note is None:
                continue
            found.append(
                SimilarClaim(
                    kind="note",
                    ref=hit.ref,
                    text=hit.text,
                    score=min(1.0, hit.score / best),
                    shared_terms=why,
                    verdict=note["verdict"],
                    status=note["status"],
                    conclusion=note["conclusion"],
                    article_id=note["article_id"],
                    article_title=note["article_title"],
                )
            )
        else:
            check = checks.get(hit.ref)
            if check is None:
                continue
            found.append(
                SimilarClaim(
                    kind="factcheck",
                    ref=hit.ref,
                    text=hit.text,
                    score=min(1.0, hit.score / best),
                    shared_terms=why,
                    rating=check.rating,
                    publisher=check.publisher,
                    title=check.title,
                    url=check.url,
                    date=check.date,
                )
            )
    return found


def read_factchecks(path: str | Path) -> FactCheckFile:
    """The fact-checks in the file at ``path``, read and checked (``InputError`` if bad).

    Reading first, before any library is opened, means a bad file never leaves a new,
    empty library behind it.
    """
    return read_factchecks_file(path)


def import_factchecks(
    lib: Library, path: str | Path, parsed: FactCheckFile | None = None
) -> FactChecksImported:
    """Add the fact-checks of the file at ``path`` (``parsed`` when already read); those
    already there are left alone."""
    if parsed is None:
        parsed = read_factchecks_file(path)
    result = ClaimsMemory(lib.sql).add_factchecks(parsed.checks, origin=str(path))
    return FactChecksImported(result.added, result.already_present, parsed.skipped)


def link_claim(lib: Library, note_id: str, kind: ClaimKind, ref: str) -> ClaimLink:
    """Link note ``note_id`` to the claim ``(kind, ref)``; undo with :func:`unlink_claim`."""
    return ClaimsMemory(lib.sql).link(note_id, kind, ref)


def unlink_claim(lib: Library, link: ClaimLink) -> ClaimLink | None:
    """Remove ``link``; returns it for :func:`relink_claim` (None when it was not there)."""
    return link if ClaimsMemory(lib.sql).unlink(link) else None


def relink_claim(lib: Library, link: ClaimLink) -> None:
    """Put back a link :func:`unlink_claim` removed, as it was."""
    ClaimsMemory(lib.sql).restore_link(link)


def claim_links(lib: Library, note_id: str) -> list[ClaimLink]:
    """Links from and to note ``note_id``."""
    return ClaimsMemory(lib.sql).links(note_id)


def claim_appearances(lib: Library, note_id: str) -> list[Appearance]:
    """Other articles carrying note ``note_id``'s claim (through links the user made)."""
    return ClaimsMemory(lib.sql).appearances(note_id)


def claim_workflow(lib: Library, note_id: str) -> ClaimWorkflow:
    """Where the checking of note ``note_id``'s claim stands."""
    return ClaimsMemory(lib.sql).workflow(note_id)


def set_claim_workflow(
    lib: Library, note_id: str, state: WorkflowState, checked_by: str | None = None
) -> ClaimWorkflow:
    """Move note ``note_id``'s claim to ``state`` (and name who checked it, when given).

    Returns the workflow it replaced: passing that to :func:`restore_claim_workflow`
    undoes the change.
    """
    memory = ClaimsMemory(lib.sql)
    current = memory.workflow(note_id)
    name = current.checked_by if checked_by is None else checked_by.strip()
    return memory.set_workflow(ClaimWorkflow(note_id, state, name))


def restore_claim_workflow(lib: Library, previous: ClaimWorkflow) -> None:
    """Put back the workflow :func:`set_claim_workflow` returned (its undo)."""
    ClaimsMemory(lib.sql).set_workflow(previous)


@dataclass(frozen=True)
class ContextualFill:
    """What one step of filling the contextual vectors did, and what is left."""

    done: int
    missing: int


def fill_contextual_vectors(lib: Library, limit: int = CONTEXT_BATCH) -> ContextualFill:
    """Compute the contextual vectors of up to ``limit`` claims that lack one.

    Slow (a few ms a claim): call it in the background, again while ``missing`` is not 0
    and ``done`` is.  ``done`` is 0 when the model cannot be loaded (see
    :func:`reader.core.contextual.available`): matching then goes on without it.
    """
    memory = ClaimsMemory(lib.sql)
    memory.try_sync_notes()
    done = memory.fill_contextual(limit)
    return ContextualFill(done, memory.contextual_missing() if done else 0)


class CorpusMatcher:
    """The claims memory over a table of verified claims, in a library of its own.

    In memory unless ``path`` names a (new) library file.  Every claim gets its
    contextual vector before any query runs (``contextual=False`` skips them: the
    engine before they were added); ``progress(done, total)`` is told how far that is.
    """

    def __init__(
        self,
        claims: Sequence[tuple[str, str, str]],
        path: str | Path = ":memory:",
        *,
        contextual: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self._lib = Library(path)
        self.memory = ClaimsMemory(self._lib.sql)
        self.memory.add_claims(
            "factcheck", [(cid, text, title, None) for cid, text, title in claims]
        )
        if contextual:
            self.fill_contextual(progress)

    def fill_contextual(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Compute every missing contextual vector; returns how many were computed."""
        total = self.memory.contextual_missing()
        done = 0
        while step := self.memory.fill_contextual(CONTEXT_BATCH * 8):
            done += step
            if progress is not None:
                progress(done, total)
        return done

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        progress: Callable[[int, int], None] | None = None,
        *,
        contextual: bool = True,
    ) -> CorpusMatcher:
        """Claims from a TSV of ``id, claim, title`` rows under a header; their
        contextual vectors computed unless ``contextual`` is False (a ranking that does
        not use them: a minute saved per 10,000 claims)."""
        rows = read_id_table(path, 3)
        return cls([(r[0], r[1], r[2]) for r in rows], progress=progress, contextual=contextual)

    def run(
        self,
        queries: Sequence[tuple[str, str]],
        top: int = 5,
        mode: MatchMode = "fused",
        settings: MatchSettings | None = None,
    ) -> list[RunLine]:
        """TREC run lines: the ``top`` claims for each ``(qid, text)`` query.

        ``settings`` other than the engine's are for the benchmark's baseline.
        """
        lines = []
        tag = f"fcr-{mode}"
        chosen = settings or MatchSettings()
        for qid, text in queries:
            hits = self.memory.search(text, top=top, mode=mode, sync=False, settings=chosen)
            lines += [RunLine(qid, h.ref, n, h.score, tag) for n, h in enumerate(hits, 1)]
        return lines

    def close(self) -> None:
        """Free the in-memory library."""
        self._lib.close()

    def __enter__(self) -> CorpusMatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_queries(path: str | Path) -> list[tuple[str, str]]:
    """Queries from a TSV of ``id, text`` rows under a header."""
    return [(r[0], r[1]) for r in read_id_table(path, 2)]
