# Size: one store — the claims table, its two vector matrices (static and contextual,
# each cached per library file) and the three rankings fused over them — whose parts share
# the same rows, caches and change counter; links, workflow and fact-check imports use
# them too.  Splitting the rankings from the cache would only pass its internals around.
"""The claims memory: earlier claims, stored to match new sentences against.

A *claim* is a noted sentence (kind ``note``, ref = the note's id) or an imported
fact-check (kind ``factcheck``, ref = its :func:`factcheck_id`).  Each row of ``claims``
keeps its text, an optional title (the fact-check's headline), and its sentence vector
as a BLOB of 256 half floats (:mod:`reader.core.embeddings`; half precision halves the
file's growth and changes no ranking we measured).  ``claims_fts`` is an FTS5 index over
``claims`` (external content, so the text is stored once), kept in step by triggers.

Notes are never copied in by the code that saves them: triggers on ``notes`` and
``articles`` queue the id of every note added, edited, deleted, trashed or restored in
``claims_pending``, and :meth:`ClaimsMemory.sync_notes` brings the memory up to date
before each search.  Every way a note changes (the window, the CLI, a JSON merge, the
Trash) is covered without any of them knowing about the memory.

Search fuses BM25 and cosine rankings (:mod:`reader.core.claim_match`).  Contextual
(e5) vectors live in ``claim_context_vectors``: a claim is stored without one, and
:meth:`ClaimsMemory.fill_contextual` computes them a batch at a time, in the background
(the window) or before matching (the command line); a claim without one is still found
by the other two rankings.  The vectors
are kept in memory as one matrix per library file (:class:`DenseIndex`), shared by every
connection to it in the process (the window's searches each open their own in a worker),
and reloaded when ``claims_state.generation`` moved (triggers count every change to
``claims``, whichever connection made it) or the file was replaced (a restore).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.core import claim_match
from reader.core.claim_match import (
    CANDIDATES,
    ClaimKind,
    DenseIndex,
    FactCheck,
    MatchMode,
    MatchSettings,
    WorkflowState,
    contextual_query,
    dense_query,
    fuse_rankings,
    key_terms,
    match_expression,
)
from reader.core.errors import NotFoundError, StoreError
from reader.store._sql import Sql, chunks, now_iso
from reader.store.claims_bm25 import Bm25Index

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

VECTOR_DTYPE = "<f2"
BM25_WEIGHTS = (1.0, 1.0)  # claim text, title: equal weights did best on the train split
SYNC_BATCH = 2000
MMAP_BYTES = 256 * 1024 * 1024
_SETTINGS = MatchSettings()


@dataclass(frozen=True)
class ClaimHit:
    """One claim found for a sentence, with how each ranking placed it."""

    claim_id: int
    kind: ClaimKind
    ref: str
    article_id: str | None
    text: str
    title: str
    score: float  # the fused score (or BM25's, or the cosine, in a single mode)
    bm25_rank: int | None
    dense_rank: int | None
    cosine: float
    contextual_rank: int | None = None


@dataclass(frozen=True)
class ClaimLink:
    """The user's confirmation that a note makes the same claim as another claim."""

    note_id: str
    kind: ClaimKind
    ref: str
    created: str


@dataclass(frozen=True)
class ClaimWorkflow:
    """Where the checking of a noted claim stands (a note never set is a draft)."""

    note_id: str
    state: WorkflowState = "draft"
    checked_by: str = ""
    updated: str = ""


@dataclass(frozen=True)
class Appearance:
    """Another article carrying the same claim, through a confirmed link."""

    note_id: str
    article_id: str
    article_title: str
    article_url: str


@dataclass(frozen=True)
class FactCheckImport:
    """What importing fact-checks did."""

    added: int
    already_present: int


@dataclass
class _ContextVectors:
    fingerprint: tuple[int, int]  # claims_state.generation and context_generation
    ids: npt.NDArray[np.int64]
    index: DenseIndex
    article_codes: npt.NDArray[np.int32]
    code_of: dict[str, int]


@dataclass
class _Vectors:
    fingerprint: tuple[int, int]  # claims_state.generation, and the highest claim id
    ids: npt.NDArray[np.int64]
    index: DenseIndex
    article_codes: npt.NDArray[np.int32]
    code_of: dict[str, int]
    # FTS5's postings for BM25 in memory, read on the first BM25 search of this state of
    # the claims; None when FTS5 is to be asked instead (it could not be read).
    bm25: Bm25Index | None = None
    bm25_tried: bool = False
    bm25_lock: threading.Lock = field(default_factory=threading.Lock)

    def bm25_index(self, conn: sqlite3.Connection) -> Bm25Index | None:
        """The in-memory BM25 index of these claims, read through ``conn`` once."""
        with self.bm25_lock:
            if not self.bm25_tried:
                self.bm25_tried = True
                if len(set(BM25_WEIGHTS)) == 1:
                    try:
                        self.bm25 = Bm25Index.build(conn)
                    except sqlite3.Error as err:
                        log.warning("BM25 is asked of FTS5 at each search: %s", err)
            return self.bm25

    def article_rows(self, article_id: str | None) -> npt.NDArray[np.int64] | None:
        """Ids of the claims noted in ``article_id``; None when there are none."""
        if article_id is None or article_id not in self.code_of:
            return None
        rows: npt.NDArray[np.int64] = self.ids[self.article_codes == self.code_of[article_id]]
        return rows

    def cosine(self, claim_id: int, query: npt.NDArray[np.float32]) -> float:
        """Cosine of claim ``claim_id`` with ``query``; NaN when it is not loaded."""
        import numpy as np

        row = int(np.searchsorted(self.ids, claim_id))  # ids are loaded in order
        if row < len(self.ids) and self.ids[row] == claim_id:
            return float(self.index.cosine(row, query))
        return float("nan")


# The index of an in-memory library lives as long as its Sql object; that of a file is
# kept for the last file searched (by path and inode, so a file put in its place by a
# restore is never mistaken for it): a search from a fresh connection at 100,000 claims
# then takes tens of milliseconds instead of reloading the vectors (~0.5 s).
_cache: weakref.WeakKeyDictionary[Sql, _Vectors] = weakref.WeakKeyDictionary()
_file_cache: dict[tuple[str, int, int], _Vectors] = {}
_context_cache: weakref.WeakKeyDictionary[Sql, _ContextVectors] = weakref.WeakKeyDictionary()
_context_file_cache: dict[tuple[str, int, int], _ContextVectors] = {}
CONTEXT_BATCH = 32


def _file_key(path: str) -> tuple[str, int, int] | None:
    import os

    if path == ":memory:" or not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_dev, st.st_ino)


def factcheck_id(check: FactCheck) -> str:
    """A stable id for ``check``: the same review imported twice gets the same id."""
    url = check.url.strip().rstrip("/").casefold()
    claim = " ".join(claim_match.words(check.claim))
    key = f"{url}\n{claim}" if url else f"\n{claim}\n{check.publisher.casefold()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def vector_blob(vector: npt.NDArray[np.float32]) -> bytes:
    """``vector`` as stored in ``claims.vector``."""
    return bytes(vector.astype(VECTOR_DTYPE).tobytes())


class ClaimsMemory:
    """Claims of one library: adding, keeping notes in step, searching, linking."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql
        self.path = sql.path
        conn = sql.conn
        mapped = conn.execute("PRAGMA mmap_size").fetchone()  # None for a memory database
        if mapped is not None and mapped[0] < MMAP_BYTES:
            # BM25 over a large memory reads much of the FTS index on every search; through
            # read() calls that took twice as long as from mapped memory (41 vs 21 ms at
            # 100,000 claims).  Per connection, and harmless to the rest of the library.
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    # -- writing ------------------------------------------------------------------------

    def add_claims(
        self,
        kind: ClaimKind,
        rows: Sequence[tuple[str, str, str, str | None]],
    ) -> int:
        """Add ``(ref, text, title, article_id)`` claims; a (kind, ref) already there stays.

        Returns how many were added.
        """
        from reader.core.embeddings import MODEL_NAME

        added = 0
        conn = self._sql.conn
        for batch in _batches(rows, SYNC_BATCH):
            vectors = _embed([_embedded_text(text, title) for _, text, title, _ in batch])
            with self._sql.write():
                for (ref, text, title, article_id), vector in zip(batch, vectors):
                    cursor = conn.execute(
                        "INSERT OR IGNORE INTO claims (kind, ref, article_id, text, title, "
                        "vector, model) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [kind, ref, article_id, text, title, vector_blob(vector), MODEL_NAME],
                    )
                    added += cursor.rowcount
        return added

    def add_factchecks(self, checks: Sequence[FactCheck], origin: str = "") -> FactCheckImport:
        """Store ``checks`` and their claims; a fact-check already stored is left alone."""
        fresh: dict[str, FactCheck] = {}
        for check in checks:
            fresh.setdefault(factcheck_id(check), check)
        known: set[str] = set()
        for ids in chunks(list(fresh), 500):
            marks = ", ".join("?" * len(ids))
            known.update(
                r[0]
                for r in self._sql.conn.execute(
                    f"SELECT id FROM factchecks WHERE id IN ({marks})", ids
                )
            )
        new = {fid: check for fid, check in fresh.items() if fid not in known}
        imported = now_iso()
        with self._sql.write():
            for fid, check in new.items():
                self._sql.insert(
                    "factchecks",
                    {
                        "id": fid,
                        "claim": check.claim,
                        "title": check.title,
                        "url": check.url,
                        "publisher": check.publisher,
                        "date": check.date,
                        "rating": check.rating,
                        "rating_value": check.rating_value,
                        "claimant": check.claimant,
                        "language": check.language,
                        "imported": imported,
                        "origin": origin,
                    },
                )
            self.add_claims("factcheck", [(fid, c.claim, c.title, None) for fid, c in new.items()])
        return FactCheckImport(added=len(new), already_present=len(checks) - len(new))

    def sync_notes(self) -> int:
        """Bring the noted sentences up to date with the notes; returns how many changed."""
        from reader.core.embeddings import MODEL_NAME

        conn = self._sql.conn
        done = 0
        # A plain read first: most searches find nothing due and need no write lock.
        while conn.execute("SELECT 1 FROM claims_pending LIMIT 1").fetchone() is not None:
            with self._sql.write():
                pending = [
                    r[0]
                    for r in conn.execute(
                        "SELECT note_id FROM claims_pending LIMIT ?", [SYNC_BATCH]
                    )
                ]
                if not pending:
                    break
                marks = ", ".join("?" * len(pending))
                live = conn.execute(
                    "SELECT n.id, n.article_id, n.exact FROM notes n "
                    "JOIN articles a ON a.id = n.article_id "
                    f"WHERE n.id IN ({marks}) AND n.deleted_at IS NULL "
                    "AND a.deleted_at IS NULL",
                    pending,
                ).fetchall()
                stored = {
                    r[0]: (r[1], r[2])
                    for r in conn.execute(
                        "SELECT ref, article_id, text FROM claims "
                        f"WHERE kind = 'note' AND ref IN ({marks})",
                        pending,
                    )
                }
                changed = [r for r in live if stored.get(r[0]) != (r[1], r[2])]
                gone = set(stored) - {r[0] for r in live} | {r[0] for r in changed}
                for refs in chunks(sorted(gone), 500):
                    conn.execute(
                        "DELETE FROM claims WHERE kind = 'note' "
                        f"AND ref IN ({', '.join('?' * len(refs))})",
                        refs,
                    )
                vectors = _embed([text for _, _, text in changed])
                conn.executemany(
                    "INSERT INTO claims (kind, ref, article_id, text, title, vector, model) "
                    "VALUES ('note', ?, ?, ?, '', ?, ?)",
                    [
                        (nid, aid, text, vector_blob(vector), MODEL_NAME)
                        for (nid, aid, text), vector in zip(changed, vectors)
                    ],
                )
                conn.execute(f"DELETE FROM claims_pending WHERE note_id IN ({marks})", pending)
                done += len(gone | {r[0] for r in changed})
        return done

    def try_sync_notes(self) -> None:
        """:meth:`sync_notes`, searching what is there when the library cannot be written."""
        try:
            self.sync_notes()
        except StoreError as err:
            log.warning("claims memory not brought up to date: %s", err)

    # -- searching ----------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        top: int = 5,
        exclude_article: str | None = None,
        mode: MatchMode = "fused",
        sync: bool = True,
        settings: MatchSettings = _SETTINGS,
    ) -> list[ClaimHit]:
        """The ``top`` claims closest to ``text``, best first.

        ``exclude_article`` leaves out the notes of that article (the sentence's own).
        """
        if sync:
            self.try_sync_notes()
        if top <= 0:
            return []
        depth = max(CANDIDATES, top)
        vectors = self._vectors()
        # The contextual model embeds the sentence in a thread of its own while BM25 and
        # the static ranking run here: its engine and numpy both leave the GIL.
        embedding: Future[npt.NDArray[np.float32] | None] | None = None
        if mode == "contextual" or (mode == "fused" and settings.contextual):
            embedding = _start_contextual_query(
                text, self._has_contextual_vectors(), split_hashtags=settings.split_hashtags
            )
        bm25: list[int] = []
        bm25_scores: dict[int, float] = {}
        if mode != "dense":
            for claim_id, score in self._bm25(text, depth, exclude_article, vectors):
                bm25.append(claim_id)
                bm25_scores[claim_id] = score
        dense: list[int] = []
        cosines: dict[int, float] = {}
        query = _embed([dense_query(text, signature=settings.keep_signature)])[0]
        if mode != "bm25" and len(vectors.ids):
            exclude = None
            if exclude_article is not None and exclude_article in vectors.code_of:
                exclude = vectors.article_codes == vectors.code_of[exclude_article]
            rows, scores = vectors.index.top(query, depth, exclude)
            dense = vectors.ids[rows].tolist()
            cosines = dict(zip(dense, scores.tolist()))
        sentence_vector = None if embedding is None else embedding.result()
        contextual: list[int] = []
        contextual_scores: dict[int, float] = {}
        if sentence_vector is not None:
            for claim_id, score in self._contextual(sentence_vector, depth, exclude_article):
                contextual.append(claim_id)
                contextual_scores[claim_id] = score
        if mode == "bm25":
            ranked = [(i, bm25_scores[i]) for i in bm25]
        elif mode == "dense":
            ranked = [(i, cosines[i]) for i in dense]
        elif mode == "contextual":
            ranked = [(i, contextual_scores[i]) for i in contextual]
        elif contextual:
            ranked = fuse_rankings(
                [bm25, dense, contextual],
                [1.0, settings.dense_weight, settings.contextual_weight],
                settings.fusion_k,
            )
        else:
            ranked = fuse_rankings([bm25, dense], [1.0, settings.dense_weight], settings.fusion_k)
        ranked = ranked[:top]
        if not ranked:
            return []
        bm25_rank = {i: n for n, i in enumerate(bm25, start=1)}
        dense_rank = {i: n for n, i in enumerate(dense, start=1)}
        contextual_rank = {i: n for n, i in enumerate(contextual, start=1)}
        rows_by_id = self._claim_rows([i for i, _ in ranked])
        hits = []
        for claim_id, score in ranked:
            row = rows_by_id.get(claim_id)
            if row is None:  # deleted since the index was read
                continue
            cosine = cosines.get(claim_id)
            if cosine is None:
                cosine = vectors.cosine(claim_id, query)
            hits.append(
                ClaimHit(
                    claim_id=claim_id,
                    kind=row["kind"],
                    ref=row["ref"],
                    article_id=row["article_id"],
                    text=row["text"],
                    title=row["title"],
                    score=float(score),
                    bm25_rank=bm25_rank.get(claim_id),
                    dense_rank=dense_rank.get(claim_id),
                    cosine=cosine,
                    contextual_rank=contextual_rank.get(claim_id),
                )
            )
        return hits

    def _has_contextual_vectors(self) -> bool:
        """Whether any claim has a contextual vector (without loading the matrix)."""
        from reader.core.contextual import MODEL_NAME

        key = _file_key(self._sql.path)
        cached = _context_file_cache.get(key) if key is not None else _context_cache.get(self._sql)
        if cached is not None and len(cached.ids):
            return True
        row = self._sql.conn.execute(
            "SELECT 1 FROM claim_context_vectors WHERE model = ? LIMIT 1", [MODEL_NAME]
        ).fetchone()
        return row is not None

    def _contextual(
        self, query: npt.NDArray[np.float32], depth: int, exclude_article: str | None
    ) -> list[tuple[int, float]]:
        """The contextual ranking: claims by e5 cosine with ``query``, the sentence's vector."""
        vectors = self._context_vectors()
        if not len(vectors.ids):
            return []
        exclude = None
        if exclude_article is not None and exclude_article in vectors.code_of:
            exclude = vectors.article_codes == vectors.code_of[exclude_article]
        rows, scores = vectors.index.top(query, depth, exclude)
        return list(zip(vectors.ids[rows].tolist(), scores.tolist()))

    def _context_vectors(self) -> _ContextVectors:
        import numpy as np

        from reader.core.contextual import DIMENSIONS, MODEL_NAME

        conn = self._sql.conn
        row = conn.execute(
            "SELECT generation, context_generation FROM claims_state WHERE id = 1"
        ).fetchone()
        fingerprint = (int(row[0]), int(row[1]))
        key = _file_key(self._sql.path)
        cached = _context_file_cache.get(key) if key is not None else _context_cache.get(self._sql)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        ids, matrix, codes, code_of = _vector_rows(
            conn.execute(
                "SELECT v.claim_id, c.article_id, v.vector FROM claim_context_vectors v "
                "JOIN claims c ON c.id = v.claim_id WHERE v.model = ? ORDER BY v.claim_id",
                [MODEL_NAME],
            ),
            DIMENSIONS,
        )
        # Above SHORTLIST_ABOVE claims, a first pass over the vectors' principal
        # coordinates: e5's are not trained to be cut short as WordLlama's are.
        vectors = _ContextVectors(
            fingerprint,
            np.array(ids, dtype=np.int64),
            DenseIndex.build(matrix, "principal"),
            codes,
            code_of,
        )
        if key is None:
            _context_cache[self._sql] = vectors
        else:
            _context_file_cache.clear()  # one library's vectors at a time
            _context_file_cache[key] = vectors
        return vectors

    # -- contextual vectors, filled in the background -----------------------------------

    def contextual_missing(self) -> int:
        """How many claims have no contextual vector yet."""
        from reader.core.contextual import MODEL_NAME

        row = self._sql.conn.execute(
            "SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM "
            "claim_context_vectors v WHERE v.claim_id = c.id AND v.model = ?)",
            [MODEL_NAME],
        ).fetchone()
        return int(row[0])

    def fill_contextual(self, limit: int = CONTEXT_BATCH) -> int:
        """Compute the contextual vectors of up to ``limit`` claims that lack one.

        Returns how many were stored; 0 when none is missing or the model cannot be
        loaded.  The model runs outside any transaction (the library stays writable
        meanwhile); a claim deleted in between gets no vector.
        """
        from reader.core import contextual

        if limit <= 0 or not contextual.available():
            return 0
        conn = self._sql.conn
        rows = conn.execute(
            "SELECT c.id, c.text, c.title FROM claims c WHERE NOT EXISTS (SELECT 1 FROM "
            "claim_context_vectors v WHERE v.claim_id = c.id AND v.model = ?) "
            "ORDER BY c.id LIMIT ?",
            [contextual.MODEL_NAME, limit],
        ).fetchall()
        if not rows:
            return 0
        vectors = contextual.embed_passages([_embedded_text(r[1], r[2]) for r in rows])
        self.set_contextual_vectors([int(r[0]) for r in rows], vectors)
        return len(rows)

    def set_contextual_vectors(
        self, claim_ids: Sequence[int], vectors: npt.NDArray[np.float32]
    ) -> None:
        """Store ``vectors`` (L2-normalised rows) as the contextual vectors of ``claim_ids``."""
        from reader.core.contextual import MODEL_NAME

        with self._sql.write():
            self._sql.conn.executemany(
                "INSERT OR REPLACE INTO claim_context_vectors (claim_id, model, vector) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?)",
                [
                    (cid, MODEL_NAME, vector_blob(vector), cid)
                    for cid, vector in zip(claim_ids, vectors)
                ],
            )

    def _bm25(
        self, text: str, depth: int, exclude_article: str | None, vectors: _Vectors
    ) -> list[tuple[int, float]]:
        conn = self._sql.conn
        terms = key_terms(text)
        # Every key term, common ones too: leaving out terms found in over 2 % of the
        # claims made BM25 3-5 times faster at 100,000 claims but cost 0.025-0.03 MAP@5.
        expression = match_expression(terms)
        if expression is None:
            return []
        index = vectors.bm25_index(conn) if IN_MEMORY_BM25 else None
        if index is not None:
            found = index.top(terms, depth, vectors.article_rows(exclude_article), BM25_WEIGHTS[0])
            if found is not None:
                return found
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        sql = (
            f"SELECT rowid, bm25(claims_fts, {weights}) AS s FROM claims_fts "
            "WHERE claims_fts MATCH ?"
        )
        params: list[Any] = [expression]
        if exclude_article is not None:
            sql += " AND rowid NOT IN (SELECT id FROM claims WHERE article_id = ?)"
            params.append(exclude_article)
        sql += " ORDER BY s LIMIT ?"
        params.append(depth)
        # FTS5's bm25() is negative, best lowest: flip it so a higher score is better.
        return [(int(r[0]), -float(r[1])) for r in conn.execute(sql, params)]

    def _claim_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        marks = ", ".join("?" * len(ids))
        return {
            r["id"]: r
            for r in self._sql.query(
                f"SELECT id, kind, ref, article_id, text, title FROM claims WHERE id IN ({marks})",
                ids,
            )
        }

    def _vectors(self) -> _Vectors:
        import numpy as np

        conn = self._sql.conn
        generation = conn.execute("SELECT generation FROM claims_state WHERE id = 1").fetchone()
        highest = conn.execute("SELECT max(id) FROM claims").fetchone()
        fingerprint = (int(generation[0]), int(highest[0] or 0))
        key = _file_key(self._sql.path)
        cached = _file_cache.get(key) if key is not None else _cache.get(self._sql)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        from reader.core.embeddings import DIMENSIONS

        ids, matrix, codes, code_of = _vector_rows(
            conn.execute("SELECT id, article_id, vector FROM claims ORDER BY id"), DIMENSIONS
        )
        vectors = _Vectors(
            fingerprint, np.array(ids, dtype=np.int64), DenseIndex.build(matrix), codes, code_of
        )
        if key is None:
            _cache[self._sql] = vectors
        else:
            _file_cache.clear()  # one library's vectors at a time
            _file_cache[key] = vectors
        return vectors

    # -- reading ------------------------------------------------------------------------

    def count(self, kind: ClaimKind | None = None) -> int:
        """How many claims the memory holds (of ``kind``, when given)."""
        if kind is None:
            return int(self._sql.conn.execute("SELECT count(*) FROM claims").fetchone()[0])
        row = self._sql.conn.execute("SELECT count(*) FROM claims WHERE kind = ?", [kind])
        return int(row.fetchone()[0])

    def factchecks(self, ids: Iterable[str]) -> dict[str, FactCheck]:
        """The stored fact-checks of ``ids`` (those that exist)."""
        found: dict[str, FactCheck] = {}
        for chunk in chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for r in self._sql.query(
                "SELECT id, claim, title, url, publisher, date, rating, rating_value, "
                f"claimant, language FROM factchecks WHERE id IN ({marks})",
                chunk,
            ):
                fid = r.pop("id")
                found[fid] = FactCheck(**r)
        return found

    def notes_seen(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Verdict, status, conclusion and article of the notes ``ids``."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for r in self._sql.query(
                "SELECT n.id, n.article_id, n.verdict, n.status, n.conclusion, "
                "a.title AS article_title FROM notes n JOIN articles a ON a.id = n.article_id "
                f"WHERE n.id IN ({marks})",
                chunk,
            ):
                found[r["id"]] = r
        return found

    # -- links --------------------------------------------------------------------------

    def link(self, note_id: str, kind: ClaimKind, ref: str) -> ClaimLink:
        """Record that note ``note_id`` makes the claim ``(kind, ref)``; returns the link."""
        if kind == "note" and ref == note_id:
            raise ValueError("a note cannot be linked to itself")
        conn = self._sql.conn
        if conn.execute("SELECT 1 FROM notes WHERE id = ?", [note_id]).fetchone() is None:
            raise NotFoundError(f"No note {note_id} in this library.")
        table = "notes" if kind == "note" else "factchecks"
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [ref]).fetchone() is None:
            raise NotFoundError(f"No {'note' if kind == 'note' else 'fact-check'} {ref} here.")
        link = ClaimLink(note_id, kind, ref, now_iso())
        self.restore_link(link)
        existing = self.links(note_id)
        return next(x for x in existing if (x.kind, x.ref) == (kind, ref))

    def restore_link(self, link: ClaimLink) -> None:
        """Put ``link`` back as it was (the undo of :meth:`unlink`); idempotent."""
        with self._sql.write():
            self._sql.conn.execute(
                "INSERT OR IGNORE INTO claim_links (note_id, target_kind, target_ref, created) "
                "VALUES (?, ?, ?, ?)",
                [link.note_id, link.kind, link.ref, link.created],
            )

    def unlink(self, link: ClaimLink) -> bool:
        """Remove ``link``; returns whether it was there."""
        with self._sql.write():
            cursor = self._sql.conn.execute(
                "DELETE FROM claim_links WHERE note_id = ? AND target_kind = ? AND target_ref = ?",
                [link.note_id, link.kind, link.ref],
            )
        return cursor.rowcount > 0

    def workflow(self, note_id: str) -> ClaimWorkflow:
        """Where note ``note_id``'s claim stands."""
        row = self._sql.conn.execute(
            "SELECT note_id, state, checked_by, updated FROM claim_workflow WHERE note_id = ?",
            [note_id],
        ).fetchone()
        return ClaimWorkflow(note_id) if row is None else _workflow_row(row)

    def set_workflow(self, workflow: ClaimWorkflow) -> ClaimWorkflow:
        """Store ``workflow`` (its time set now); returns the one it replaced, for undo."""
        conn = self._sql.conn
        if conn.execute("SELECT 1 FROM notes WHERE id = ?", [workflow.note_id]).fetchone() is None:
            raise NotFoundError(f"No note {workflow.note_id} in this library.")
        with self._sql.write():
            before = self.workflow(workflow.note_id)
            conn.execute(
                "INSERT INTO claim_workflow (note_id, state, checked_by, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (note_id) DO UPDATE SET "
                "state = excluded.state, checked_by = excluded.checked_by, "
                "updated = excluded.updated",
                [workflow.note_id, workflow.state, workflow.checked_by, now_iso()],
            )
        return before

    def appearances(self, note_id: str) -> list[Appearance]:
        """Other live articles whose notes are linked to ``note_id``'s claim.

        Linked directly (either way) or through a fact-check both are linked to; the
        note's own article is left out; one entry per article, oldest link first.
        """
        rows = self._sql.conn.execute(
            """
            WITH mine(kind, ref) AS (
                SELECT target_kind, target_ref FROM claim_links WHERE note_id = :n
            ),
            related(note_id, created) AS (
                SELECT target_ref, created FROM claim_links
                    WHERE note_id = :n AND target_kind = 'note'
                UNION ALL
                SELECT note_id, created FROM claim_links
                    WHERE target_kind = 'note' AND target_ref = :n
                UNION ALL
                SELECT l.note_id, l.created FROM claim_links l
                    JOIN mine m ON m.kind = 'factcheck' AND l.target_kind = 'factcheck'
                        AND l.target_ref = m.ref
                    WHERE l.note_id != :n
            )
            SELECT r.note_id, a.id, a.title, coalesce(a.url, '')
            FROM related r
            JOIN notes n ON n.id = r.note_id AND n.deleted_at IS NULL
            JOIN articles a ON a.id = n.article_id AND a.deleted_at IS NULL
            WHERE a.id != (SELECT article_id FROM notes WHERE id = :n)
            ORDER BY r.created, r.note_id
            """,
            {"n": note_id},
        ).fetchall()
        seen: set[str] = set()
        found = []
        for nid, aid, title, url in rows:
            if aid not in seen:
                seen.add(aid)
                found.append(Appearance(nid, aid, title, url))
        return found

    def links(self, note_id: str) -> list[ClaimLink]:
        """The claims note ``note_id`` is linked to, and the notes linked to it, oldest first."""
        rows = self._sql.conn.execute(
            "SELECT note_id, target_kind, target_ref, created FROM claim_links "
            "WHERE note_id = ? OR (target_kind = 'note' AND target_ref = ?) "
            "ORDER BY created, note_id",
            [note_id, note_id],
        ).fetchall()
        return [ClaimLink(r[0], r[1], r[2], r[3]) for r in rows]


def _vector_rows(
    rows: Iterable[tuple[int, str | None, bytes]], dimensions: int
) -> tuple[list[int], npt.NDArray[np.float16], npt.NDArray[np.int32], dict[str, int]]:
    """Claim ids, their vectors as one matrix, and each claim's article as a small code
    (-1 for a fact-check; ``code_of`` maps article ids to codes), from rows of
    ``(claim id, article id, vector blob)``."""
    import numpy as np

    ids: list[int] = []
    blobs: list[bytes] = []
    articles: list[str | None] = []
    for claim_id, article_id, blob in rows:
        ids.append(claim_id)
        articles.append(article_id)
        blobs.append(blob)
    matrix = np.frombuffer(b"".join(blobs), dtype=VECTOR_DTYPE).reshape(len(ids), dimensions)
    code_of: dict[str, int] = {}
    codes = np.fromiter(
        (-1 if a is None else code_of.setdefault(a, len(code_of)) for a in articles),
        dtype=np.int32,
        count=len(articles),
    )
    return ids, matrix, codes, code_of


def _embedded_text(text: str, title: str) -> str:
    # The fact-check's headline often words the claim the way articles do.
    return f"{text} {title}" if title else text


def _embed(texts: list[str]) -> npt.NDArray[np.float32]:
    from reader.core.embeddings import embed

    return embed(texts)


def _batches(
    rows: Sequence[tuple[str, str, str, str | None]], size: int
) -> Iterable[Sequence[tuple[str, str, str, str | None]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _workflow_row(row: tuple[str, str, str, str]) -> ClaimWorkflow:
    state: WorkflowState = row[1]  # type: ignore[assignment]  # CHECK constraint
    return ClaimWorkflow(row[0], state, row[2], row[3])


IN_MEMORY_BM25 = True
"""Score BM25 from FTS5's postings in memory (:mod:`reader.store.claims_bm25`), not in SQL."""
PARALLEL_CONTEXTUAL = True
"""Embed the sentence for the contextual ranking in a thread beside the other rankings."""
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


QUERY_VECTORS_KEPT = 256
"""How many sentences' contextual vectors are kept for the next search of the same text.

Embedding a sentence is most of a search's time (~45 ms of ~50 on two cores), and the
window asks again for the same sentence: after the user links a claim or imports
fact-checks (the memory changed), and when they click back to a sentence.  256 vectors
take 0.4 MB."""
_query_vectors: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
_query_vectors_lock = threading.Lock()


def clear_query_vectors() -> None:
    """Forget the kept sentence vectors (a benchmark timing cold searches, a test)."""
    with _query_vectors_lock:
        _query_vectors.clear()


def _contextual_query(
    text: str, wanted: bool, split_hashtags: bool = True
) -> npt.NDArray[np.float32] | None:
    """The sentence's contextual vector; None when there is nothing to compare it with."""
    from reader.core import contextual

    prepared = contextual_query(text, split_hashtags=split_hashtags)
    if not wanted or not prepared or not contextual.available():
        return None
    with _query_vectors_lock:
        kept = _query_vectors.get(prepared)
        if kept is not None:
            _query_vectors.move_to_end(prepared)
            return kept
    vector: npt.NDArray[np.float32] = contextual.embed_queries([prepared])[0]
    vector.setflags(write=False)  # shared by later searches of the same text
    with _query_vectors_lock:
        _query_vectors[prepared] = vector
        while len(_query_vectors) > QUERY_VECTORS_KEPT:
            _query_vectors.popitem(last=False)
    return vector


def _start_contextual_query(
    text: str, wanted: bool, split_hashtags: bool = True
) -> Future[npt.NDArray[np.float32] | None]:
    """:func:`_contextual_query`, in the background when :data:`PARALLEL_CONTEXTUAL`."""
    global _executor
    from concurrent.futures import Future, ThreadPoolExecutor

    if PARALLEL_CONTEXTUAL and wanted:
        with _executor_lock:
            if _executor is None:
                _executor = ThreadPoolExecutor(1, thread_name_prefix="contextual-query")
            return _executor.submit(_contextual_query, text, wanted, split_hashtags)
    done: Future[npt.NDArray[np.float32] | None] = Future()
    try:
        done.set_result(_contextual_query(text, wanted, split_hashtags))
    except BaseException as err:  # handed to the caller by result(), as from a thread
        done.set_exception(err)
    return done
