"""FTS5's BM25 over the claims, computed in memory: the same ranking, 10-15× sooner.

``SELECT … bm25(claims_fts) … ORDER BY … LIMIT 100`` scores every claim that holds any
key term of the sentence, through FTS5's auxiliary-function calls: ~15 ms at 100,000
claims on an idle 2-core machine, the largest part of a search after the contextual
model.  :class:`Bm25Index` reads FTS5's own postings once (through an ``fts5vocab``
table, so every claim is tokenised exactly as FTS5 did it) and scores a query with a few
numpy operations over the postings of its terms: ~1-2 ms at 100,000 claims.

It is the same function, not an approximation: the formula and its constants are those
of ``fts5Bm25Function`` in SQLite (k1 = 1.2, b = 0.75, the IDF floored at 1e-6, the
document length of all columns over their mean), evaluated in double precision in the
same order, phrase by phrase in the order of the ``MATCH`` expression; ties go to the
lower rowid.  On the 997 CheckThat! train and dev tweets at 100,000 claims its top 100
are FTS5's top 100, scores equal to the last bit (``tests/bench/claim_matching.py``
checks this on every run).

The sentence's terms are tokenised by FTS5 too, in a private in-memory table with the
same tokenizer (and remembered).  A term that FTS5 would read as a phrase of several
tokens, or as none, is not handled here: :meth:`Bm25Index.top` returns ``None`` and the
caller asks FTS5.  The index is built for one state of the claims and never updated;
the claims memory keeps it with its vectors, under the same change counter.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

TOKENIZER = "porter unicode61 remove_diacritics 2"
"""The tokenizer of ``claims_fts`` (migration 0010's table definition)."""
K1 = 1.2
B = 0.75
IDF_FLOOR = 1e-6
_TOKEN_CACHE_SIZE = 50_000

_tokenizer_lock = threading.Lock()
_tokenizer: sqlite3.Connection | None = None
_token_cache: dict[str, tuple[str, ...]] = {}


def fts_tokens(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The tokens FTS5 makes of each of ``words`` with the claims' tokenizer."""
    global _tokenizer
    with _tokenizer_lock:
        missing = list(dict.fromkeys(w for w in words if w not in _token_cache))
        if missing:
            if _tokenizer is None:
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{TOKENIZER}')")
                conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
                _tokenizer = conn
            if len(_token_cache) + len(missing) > _TOKEN_CACHE_SIZE:
                _token_cache.clear()
            conn = _tokenizer
            with conn:
                conn.executemany(
                    "INSERT INTO t (rowid, x) VALUES (?, ?)", list(enumerate(missing, start=1))
                )
                found: dict[int, list[str]] = {}
                for term, doc in conn.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
                    found.setdefault(int(doc), []).append(str(term))
                conn.execute("DELETE FROM t")
            for n, word in enumerate(missing, start=1):
                _token_cache[word] = tuple(found.get(n, ()))
        return [_token_cache[w] for w in words]


@dataclass
class Bm25Index:
    """FTS5's postings of ``claims_fts``, by term, with each claim's length in tokens."""

    term_row: dict[str, int]
    starts: npt.NDArray[np.int64]  # term i's postings are [starts[i], starts[i + 1])
    docs: npt.NDArray[np.int32]  # rowids (claim ids), ascending within a term
    freqs: npt.NDArray[np.float32]  # occurrences of the term in the claim, all columns
    lengths: npt.NDArray[np.float64]  # tokens of each rowid, all columns
    rows: int  # claims in the index (FTS5's row count)
    mean_length: float

    @classmethod
    def build(cls, conn: sqlite3.Connection, table: str = "claims_fts") -> Bm25Index:
        """Read the postings of FTS5 table ``table`` (one pass, ~0.5 s at 100,000 claims)."""
        import numpy as np

        vocab = f"temp.{table}_instances"
        conn.execute(f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab(main, {table}, 'instance')")
        try:
            # One row per term, its documents (one per occurrence) as text: decoding one
            # string in numpy is ~3× faster than fetching 1.8 million rows.
            grouped = conn.execute(
                f"SELECT term, count(*), group_concat(doc) FROM {vocab} GROUP BY term"
            ).fetchall()
            rows = int(conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0])
        finally:
            conn.execute(f"DROP TABLE {vocab}")
        counts = np.fromiter((g[1] for g in grouped), dtype=np.int64, count=len(grouped))
        occurrences = np.zeros(0, dtype=np.int64)
        if grouped:
            occurrences = np.array(",".join(g[2] for g in grouped).split(","), dtype=np.int64)
        term_of = np.repeat(np.arange(len(grouped)), counts)
        # Occurrences of one term in one claim are adjacent: each run is one posting.
        first = np.ones(len(occurrences), dtype=bool)
        first[1:] = (occurrences[1:] != occurrences[:-1]) | (term_of[1:] != term_of[:-1])
        at = np.flatnonzero(first)
        freqs = np.diff(np.append(at, len(occurrences))).astype(np.float32)
        starts = np.searchsorted(term_of[at], np.arange(len(grouped) + 1)).astype(np.int64)
        highest = int(occurrences.max()) if len(occurrences) else 0
        lengths = np.bincount(occurrences, minlength=highest + 1).astype(np.float64)
        return cls(
            term_row={str(g[0]): n for n, g in enumerate(grouped)},
            starts=starts,
            docs=occurrences[at].astype(np.int32),
            freqs=freqs,
            lengths=lengths,
            rows=rows,
            mean_length=float(len(occurrences)) / rows if rows else 0.0,
        )

    def top(
        self,
        words: Sequence[str],
        depth: int,
        exclude: npt.NDArray[np.int64] | None = None,
        weight: float = 1.0,
    ) -> list[tuple[int, float]] | None:
        """The ``depth`` best ``(rowid, score)`` for ``"w1" OR "w2" …``, best first.

        ``score`` is FTS5's ``-bm25()`` with every column weighted ``weight``; rowids in
        ``exclude`` are left out.  None when a word is not one token for FTS5.
        """
        import numpy as np

        tokens = fts_tokens(words)
        if any(len(t) != 1 for t in tokens):
            return None
        size = len(self.lengths)
        scores = np.zeros(size, dtype=np.float64)
        found = np.zeros(size, dtype=bool)
        norm = K1 * (1 - B + B * self.lengths / self.mean_length) if self.rows else None
        for (token,) in tokens:
            term = self.term_row.get(token)
            if term is None or norm is None:
                continue
            lo, hi = int(self.starts[term]), int(self.starts[term + 1])
            docs = self.docs[lo:hi]
            freqs = self.freqs[lo:hi].astype(np.float64) * weight
            hits = hi - lo
            idf = math.log((self.rows - hits + 0.5) / (hits + 0.5))
            if idf <= 0.0:
                idf = IDF_FLOOR
            scores[docs] += idf * ((freqs * (K1 + 1.0)) / (freqs + norm[docs]))
            found[docs] = True
        if exclude is not None and len(exclude):
            found[exclude[exclude < size]] = False
        candidates = np.flatnonzero(found)
        if not len(candidates):
            return []
        values = scores[candidates]
        if len(candidates) > depth:
            # Keep everything tied with the depth-th score, then order exactly.
            bar = np.partition(values, len(values) - depth)[len(values) - depth]
            keep = values >= bar
            candidates, values = candidates[keep], values[keep]
        order = np.lexsort((candidates, -values))[:depth]
        return [(int(candidates[i]), float(values[i])) for i in order]
