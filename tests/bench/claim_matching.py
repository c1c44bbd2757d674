"""Claims-memory benchmark: quality on CheckThat! 2020 task 2, speed and size at scale.

Run from the repository root::

    python -m tests.bench.claim_matching [--data ../shared/bench/claim-matching] [--tune]
        [--contextual-cache /tmp/e5-claims.npy] [--speed-only]

Printed, in one run:

- **Quality** on the dev tweets (197, held out: nothing was chosen on them), and on
  the train tweets the fusion settings were chosen on, for BM25 alone, static embeddings
  alone (WordLlama), contextual embeddings alone (multilingual-e5-small) and the three
  fused: MAP@5 (the task's official measure: the average precision of the first five
  claims, over all the query's relevant claims) and recall@10.  Every run goes through
  :class:`reader.app.claims_memory.CorpusMatcher`, the engine of ``main.py match`` and of
  the app.  The baseline beside it is today's engine in the same run (:data:`PREVIOUS`:
  BM25 and static vectors fused, no contextual ranking).
- **Query time** (median over the dev tweets, one query at a time, as the app asks, in
  a library file) at the 10,375 real claims and at 100,000 claims (the real ones plus claims
  synthesised by splicing the first half of one real claim onto the second half of
  another, so the vocabulary and lengths stay realistic), fused next to today's engine.
  Quality at 100,000 is printed too: the synthetic claims are distractors.  Their
  contextual vectors are the normalised mean of the two real claims they splice
  (embedding 89,625 claims would take most of an hour); the speed does not depend on them.
- **Query time for the app's own queries**: in the window a query is a sentence the user
  selects in an article, not a tweet.  The same medians over 200 sentences of real news
  articles (the article bodies of ``../shared/bench/extraction``, split by the app's
  segmenter, six words or more, every n-th taken), when that folder is there.
- **Library size growth** per 10,000 fact-checks imported into a library file.

``--tune`` grid-searches the two-way fusion's ``k`` and dense weight on the train tweets only and
prints the dev figures of the best setting beside those of the shipped one.  The shipped
numbers are that grid's best on train; dev was only ever reported, never tuned on.

The last table is the summary the README carries, in Markdown.

The data's licence is research use: it is read from ``../shared``, never copied, and
nothing fitted to it ships (the three fusion numbers were chosen on train).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.app.claims_memory import CorpusMatcher, read_queries
from reader.core.claim_match import (
    CONTEXTUAL_WEIGHT,
    DENSE_WEIGHT,
    FUSION_K,
    MatchMode,
    MatchSettings,
    fuse_rankings,
)
from reader.core.segment import sentence_spans
from reader.importers.factchecks import read_id_table
from reader.store import claims_memory
from tests.bench._common import REPO_ROOT, Report

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "claim-matching"
ARTICLES = "extraction/ground-truth.json"  # beside the claim-matching folder
SENTENCES = 200
MODES: tuple[MatchMode, ...] = ("bm25", "dense", "contextual", "fused")
SCALE = 100_000
PREVIOUS = MatchSettings(contextual=False)  # the engine before the contextual ranking
# The engine before this round's quality pass: hashtags kept whole in the e5 query.
WHOLE_HASHTAGS = MatchSettings(split_hashtags=False)
TUNED_ON_TRAIN = (
    "k and the rankings' weights chosen on the 800 train tweets only; the 197 dev tweets "
    "were never tuned on"
)

T = TypeVar("T")
Gold = dict[str, set[str]]
Runs = dict[str, list[str]]


def read_gold(path: Path) -> Gold:
    gold: Gold = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, _, doc, relevant = line.split("\t")
            if relevant.strip() != "0":
                gold[qid].add(doc)
    return dict(gold)


def average_precision_at(ranked: Sequence[str], relevant: set[str], depth: int = 5) -> float:
    hits = 0
    total = 0.0
    for rank, doc in enumerate(ranked[:depth], start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def scores(runs: Runs, gold: Gold) -> tuple[float, float]:
    """MAP@5 and recall@10 of ``runs`` over the queries of ``gold``."""
    maps = [average_precision_at(runs.get(q, []), rel) for q, rel in gold.items()]
    recalls = [len(set(runs.get(q, [])[:10]) & rel) / len(rel) for q, rel in gold.items()]
    return statistics.fmean(maps), statistics.fmean(recalls)


def run(
    matcher: CorpusMatcher,
    queries: list[tuple[str, str]],
    mode: MatchMode,
    settings: MatchSettings | None = None,
) -> Runs:
    runs: Runs = defaultdict(list)
    for line in matcher.run(queries, top=10, mode=mode, settings=settings):
        runs[line.qid].append(line.doc)
    return runs


@contextlib.contextmanager
def engine(*, in_memory_bm25: bool = True, parallel: bool = True) -> Iterator[None]:
    """Search as this engine does, or as before (BM25 in SQL, the e5 query embedded
    after the other rankings), for a baseline in the same run."""
    before = (claims_memory.IN_MEMORY_BM25, claims_memory.PARALLEL_CONTEXTUAL)
    claims_memory.IN_MEMORY_BM25, claims_memory.PARALLEL_CONTEXTUAL = in_memory_bm25, parallel
    try:
        yield
    finally:
        claims_memory.IN_MEMORY_BM25, claims_memory.PARALLEL_CONTEXTUAL = before


BEFORE = {"in_memory_bm25": False, "parallel": False}  # the engine before this round's speed pass


def query_ms(
    matcher: CorpusMatcher,
    queries: list[tuple[str, str]],
    mode: MatchMode,
    settings: MatchSettings | None = None,
    *,
    in_memory_bm25: bool = True,
    parallel: bool = True,
) -> float:
    """Median wall time of one search."""
    return query_times(matcher, queries, mode, settings, in_memory_bm25, parallel)[0]


def query_times(
    matcher: CorpusMatcher,
    queries: list[tuple[str, str]],
    mode: MatchMode,
    settings: MatchSettings | None = None,
    in_memory_bm25: bool = True,
    parallel: bool = True,
) -> tuple[float, float]:
    """Median wall time and median CPU time (every thread of the process) of one search.

    The CPU time hardly depends on the machine's load: on 2 cores, wall time cannot
    fall below half of it.
    """
    chosen = settings or MatchSettings()
    with engine(in_memory_bm25=in_memory_bm25, parallel=parallel):
        matcher.memory.search(queries[0][1], mode=mode, settings=chosen)  # loads the matrices
        # Cold searches: no sentence vector kept from the warm-up or an earlier run.
        claims_memory.clear_query_vectors()
        times = []
        cpu = []
        for _, text in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            matcher.memory.search(text, top=5, mode=mode, settings=chosen)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), statistics.median(cpu)


def article_sentences(path: Path, count: int = SENTENCES) -> list[tuple[str, str]]:
    """``count`` sentences of real news articles, as (id, text): the app's queries.

    The article bodies of the extraction benchmark, split by the app's segmenter; sentences
    of six words or more (a selected headline fragment is not a claim), every n-th of them
    in page order so that every article contributes.  Empty when the file is absent.
    """
    if not path.is_file():
        return []
    pages = json.loads(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for key in sorted(pages):
        body = str(pages[key].get("articleBody") or "")
        for start, end in sentence_spans(body):
            text = " ".join(body[start:end].split())
            if len(text.split()) >= 6:
                found.append(text)
    step = max(1, len(found) // count)
    return [(str(number), text) for number, text in enumerate(found[::step][:count])]


def query_again_ms(matcher: CorpusMatcher, queries: list[tuple[str, str]]) -> float:
    """Median wall time of a fused search of a sentence searched just before: the window
    asks again after a link or an import of fact-checks, or when the user clicks back.
    The sentence's e5 vector is kept from the first search (the rankings are not)."""
    claims_memory.clear_query_vectors()
    times = []
    for _, text in queries:
        matcher.memory.search(text, top=5)
        started = time.perf_counter()
        matcher.memory.search(text, top=5)
        times.append((time.perf_counter() - started) * 1000)
    claims_memory.clear_query_vectors()
    return statistics.median(times)


def sections_ms(matcher: CorpusMatcher, queries: list[tuple[str, str]]) -> dict[str, float]:
    """Median time of each part of a fused search, each timed alone, one query at a time."""
    import numpy as np

    from reader.core import contextual
    from reader.core.claim_match import contextual_query, dense_query, top_by_cosine
    from reader.core.embeddings import embed

    memory = matcher.memory
    vectors = memory._vectors()
    # The e5 cosine as it was before the shortlist: every claim's vector, float32.
    every_e5 = memory._context_vectors().index.full.astype(np.float32)
    parts: dict[str, list[float]] = defaultdict(list)

    def timed(name: str, action: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = action()
        parts[name].append((time.perf_counter() - started) * 1000)
        return result

    for _, text in queries:
        with engine(in_memory_bm25=False):
            timed("BM25 in SQL (FTS5, before)", lambda: memory._bm25(text, 100, None, vectors))
        timed("BM25 in memory", lambda: memory._bm25(text, 100, None, vectors))
        static = timed("static: embed the sentence", lambda: embed([dense_query(text)]))[0]
        timed("static: cosine top 100", lambda: vectors.index.top(static, 100))
        query = timed(
            "e5: embed the sentence",
            lambda: contextual.embed_queries([contextual_query(text)]),
        )[0]
        timed("e5: cosine top 100", lambda: memory._contextual(query, 100, None))
        timed(
            "e5: cosine top 100 over every claim (no shortlist, before)",
            lambda: top_by_cosine(every_e5, query, 100),
        )
        rows = [i for i, _ in memory._bm25(text, 5, None, vectors)]
        timed("reading the 5 claims' rows", lambda: memory._claim_rows(rows))
    return {name: statistics.median(times) for name, times in parts.items()}


def bm25_identical(matcher: CorpusMatcher, queries: list[tuple[str, str]]) -> int:
    """For how many ``queries`` BM25 in memory returns FTS5's top 100, scores included."""
    memory = matcher.memory
    vectors = memory._vectors()
    same = 0
    for _, text in queries:
        with engine(in_memory_bm25=False):
            sql = memory._bm25(text, 100, None, vectors)
        same += memory._bm25(text, 100, None, vectors) == sql
    return same


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def synthetic_claims(
    claims: list[tuple[str, str, str]], n: int
) -> tuple[list[tuple[str, str, str]], list[tuple[int, int]]]:
    """``n`` claims spliced from two real ones each; and the two real ones' indices."""
    rng = random.Random(16)
    made = []
    sources = []
    for i in range(n):
        ia, ib = rng.randrange(len(claims)), rng.randrange(len(claims))
        a = claims[ia][1].split()
        b = claims[ib][1].split()
        made.append((f"synthetic-{i}", " ".join(a[: len(a) // 2] + b[len(b) // 2 :]), ""))
        sources.append((ia, ib))
    return made, sources


def contextual_vectors(
    matcher: CorpusMatcher, claims: list[tuple[str, str, str]], cache: Path | None
) -> npt.NDArray[np.float32]:
    """The contextual vectors of ``claims`` (in their order), computed by the engine.

    With ``cache``, vectors computed by an earlier run (the same engine's output, saved
    there) are stored instead of computed again: computing 10,375 takes 1-20 minutes,
    depending on the machine's load.
    """
    import numpy as np

    ids = {ref: cid for cid, ref in matcher.memory._sql.conn.execute("SELECT id, ref FROM claims")}
    rows = [ids[ref] for ref, _, _ in claims]
    if cache is not None and cache.is_file():
        matrix = np.load(cache)
        if matrix.shape == (len(claims), 384):
            matcher.memory.set_contextual_vectors(rows, matrix)
            print(f"contextual vectors read from {cache}", file=sys.stderr)
            return np.asarray(matrix, dtype=np.float32)
    started = time.perf_counter()
    matcher.fill_contextual(
        lambda done, total: print(f"\rembedding {done:,}/{total:,}", end="", file=sys.stderr)
    )
    print(f"\ncontextual vectors: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    by_id: dict[int, bytes] = dict(
        matcher.memory._sql.conn.execute("SELECT claim_id, vector FROM claim_context_vectors")
    )
    matrix = np.stack([np.frombuffer(by_id[r], dtype="<f2") for r in rows]).astype(np.float32)
    if cache is not None:
        np.save(cache, matrix)
    return matrix


def tune(
    matcher: CorpusMatcher, queries: list[tuple[str, str]], gold: Gold
) -> dict[tuple[float, float], float]:
    """MAP@5 on ``queries`` for each (k, dense weight) of a small grid."""
    bm25 = {q: [h.ref for h in matcher.memory.search(t, top=100, mode="bm25")] for q, t in queries}
    dense = {
        q: [h.ref for h in matcher.memory.search(t, top=100, mode="dense")] for q, t in queries
    }
    results = {}
    for k in (1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 60.0):
        for weight in (0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
            runs = {
                q: [d for d, _ in fuse_rankings([bm25[q], dense[q]], [1.0, weight], k)]
                for q, _ in queries
            }
            results[(k, weight)] = scores(runs, gold)[0]
    return results


def library_growth_mb(
    claims: list[tuple[str, str, str]], e5: npt.NDArray[np.float32]
) -> tuple[float, float]:
    """MB a library file grows by per 10,000 fact-checks; and the vectors' share."""
    from reader.core.claim_match import FactCheck
    from reader.store import Library
    from reader.store.claims_memory import ClaimsMemory

    sample = claims[:10_000]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "growth.sqlite3"

        def size(lib: Library) -> int:
            lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            page_size = lib.conn.execute("PRAGMA page_size").fetchone()[0]
            pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
            free = lib.conn.execute("PRAGMA freelist_count").fetchone()[0]
            return int((pages - free) * page_size)

        with Library(path) as lib:
            before = size(lib)
            checks = [
                FactCheck(claim=text, title=title, url=f"https://checks.example/{cid}")
                for cid, text, title in sample
            ]
            memory = ClaimsMemory(lib.sql)
            memory.add_factchecks(checks)
            # The engine's contextual vectors of these claims, computed once above.
            ids = [r[0] for r in lib.conn.execute("SELECT id FROM claims ORDER BY id")]
            assert len(ids) == len(sample)
            memory.set_contextual_vectors(ids, e5[: len(sample)])
            after = size(lib)
            vectors = lib.conn.execute("SELECT sum(length(vector)) FROM claims").fetchone()[0]
            vectors += lib.conn.execute(
                "SELECT sum(length(vector)) FROM claim_context_vectors"
            ).fetchone()[0]
    scale = 10_000 / len(sample)
    return (after - before) * scale / 1e6, vectors * scale / 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tune", action="store_true", help="grid-search fusion on train")
    parser.add_argument(
        "--contextual-cache",
        type=Path,
        help="a .npy file keeping the claims' contextual vectors between runs",
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="time the searches only (no quality, no library growth): a quick rerun",
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "verified_claims.docs.tsv").is_file():
        print(f"skipped: {data} has no verified_claims.docs.tsv", file=sys.stderr)
        return 0

    claims = [(r[0], r[1], r[2]) for r in read_id_table(data / "verified_claims.docs.tsv", 3)]
    splits = {}
    for split in ("dev", "train"):
        splits[split] = (
            read_queries(data / split / "tweets.queries.tsv"),
            read_gold(data / split / "tweet-vclaim-pairs.qrels"),
        )

    # A library file, as in the app (the FTS index is read through mapped memory).
    folder = tempfile.TemporaryDirectory()
    started = time.perf_counter()
    matcher = CorpusMatcher(claims, Path(folder.name) / "claims.sqlite3", contextual=False)
    build_s = time.perf_counter() - started
    e5 = contextual_vectors(matcher, claims, args.contextual_cache)

    quality = Report(f"Quality: {len(claims):,} verified claims (CheckThat! 2020 task 2)")
    dev_table: dict[str, tuple[float, float]] = {}
    for split, (queries, gold) in () if args.speed_only else splits.items():
        label = "dev, held out" if split == "dev" else "train, tuned on"
        for mode in MODES:
            map5, recall10 = scores(run(matcher, queries, mode), gold)
            before = None
            whole = None
            if mode == "fused":
                before = scores(run(matcher, queries, mode, PREVIOUS), gold)
                whole = scores(run(matcher, queries, mode, WHOLE_HASHTAGS), gold)
            if split == "dev":
                dev_table[mode] = (map5, recall10)
                if mode == "fused" and before is not None:
                    dev_table["previous"] = before
                if whole is not None:
                    dev_table["whole hashtags"] = whole
            if whole is not None:
                quality.add(
                    f"MAP@5 fused ({label}), e5 query splits hashtags",
                    map5,
                    whole[0],
                    baseline_name="hashtags whole",
                    unit="",
                )
            base = "" if before is None else "today's engine"
            quality.add(
                f"MAP@5 {mode:5} ({label})",
                map5,
                None if before is None else before[0],
                baseline_name=base,
                unit="",
            )
            quality.add(
                f"recall@10 {mode:5} ({label})",
                recall10,
                None if before is None else before[1],
                baseline_name=base,
                unit="",
            )
    quality.notes.append(
        f"fusion: RRF k={FUSION_K:g}, weights BM25 1, static {DENSE_WEIGHT:g}, contextual "
        f"{CONTEXTUAL_WEIGHT:g}; today's engine: the same without the contextual ranking"
    )
    quality.notes.append(TUNED_ON_TRAIN)
    quality.notes.append("published MAP@5 on the test tweets: BM25 ≈ 0.88, best team 0.929")

    dev_queries, dev_gold = splits["dev"]
    sentences = article_sentences(data.parent / ARTICLES)
    speed = Report("Speed: one query (median over the dev tweets, or article sentences)")
    loads = [f"at the start {load_average()}"]
    figures: dict[str, dict[str, float]] = {}

    def measure(size: str) -> None:
        # Alternatives first, ours last: each runs with the matrices already loaded.
        figures[size] = {
            "bm25": query_ms(matcher, dev_queries, "bm25"),
            "bm25 before": query_ms(matcher, dev_queries, "bm25", **BEFORE),
            "today": query_ms(matcher, dev_queries, "fused", PREVIOUS, **BEFORE),
            "today, BM25 in memory": query_ms(matcher, dev_queries, "fused", PREVIOUS),
            "before": query_ms(matcher, dev_queries, "fused", **BEFORE),
            "sequential": query_ms(matcher, dev_queries, "fused", parallel=False),
            "dense": query_ms(matcher, dev_queries, "dense"),
        }
        got = figures[size]
        got["fused"], got["fused cpu"] = query_times(matcher, dev_queries, "fused")
        if sentences:
            got["sentences today"] = query_ms(matcher, sentences, "fused", PREVIOUS, **BEFORE)
            got["sentences"] = query_ms(matcher, sentences, "fused")
        got["again"] = query_again_ms(matcher, dev_queries)
        got["before cpu"] = query_times(matcher, dev_queries, "fused", None, False, False)[1]
        speed.add(
            f"fused, {size} claims",
            got["fused"],
            got["today"],
            baseline_name="today's engine",
            limit=50,
        )
        if sentences:
            speed.add(
                f"fused, {size} claims, article sentences (the app's queries)",
                got["sentences"],
                got["sentences today"],
                baseline_name="today's engine",
                limit=50,
            )
        speed.add(
            f"  the same tweet searched again (its e5 vector kept), {size}",
            got["again"],
            got["fused"],
            baseline_name="searched first",
        )
        speed.add(
            f"  the same before this speed pass, {size}",
            got["before"],
            baseline_name="(BM25 in SQL, e5 after)",
        )
        speed.add(f"  the same, e5 embedded after the others, {size}", got["sequential"])
        speed.add(f"  today's engine with BM25 in memory, {size}", got["today, BM25 in memory"])
        speed.add(
            f"BM25 alone, {size} claims",
            got["bm25"],
            got["bm25 before"],
            baseline_name="FTS5 in SQL",
        )
        speed.add(f"dense alone, {size} claims", got["dense"])
        speed.add(
            f"CPU of one fused query, all threads, {size}",
            got["fused cpu"],
            got["before cpu"],
            baseline_name="before this speed pass",
        )
        loads.append(f"after {size} claims {load_average()}")

    measure(f"{len(claims):,}")
    speed.notes.append(f"loading {len(claims):,} claims (embedding + insert): {build_s:.1f} s")
    if sentences:
        speed.notes.append(
            f"queries: {len(dev_queries)} dev tweets, median "
            f"{statistics.median(len(t.split()) for _, t in dev_queries):g} words; "
            f"{len(sentences)} article sentences, median "
            f"{statistics.median(len(t.split()) for _, t in sentences):g} words"
        )

    import numpy as np

    extra, sources = synthetic_claims(claims, SCALE - len(claims))
    started = time.perf_counter()
    matcher.memory.add_claims("factcheck", [(c, t, ti, None) for c, t, ti in extra])
    add_s = time.perf_counter() - started
    # A spliced claim's contextual vector: the mean of its two halves' claims' vectors
    # (computing 89,625 would take 10-60 minutes; the speed does not depend on them).
    spliced = e5[[a for a, _ in sources]] + e5[[b for _, b in sources]]
    spliced /= np.linalg.norm(spliced, axis=1, keepdims=True)
    first = len(claims) + 1
    synthetic_ids = [
        cid
        for (cid,) in matcher.memory._sql.conn.execute(
            "SELECT id FROM claims WHERE id >= ? ORDER BY id", [first]
        )
    ]
    matcher.memory.set_contextual_vectors(synthetic_ids, spliced)
    started = time.perf_counter()
    matcher.memory.search("warm-up", mode="dense")
    load_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    matcher.memory.search("warm-up", mode="bm25")
    bm25_load_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    matcher.memory.search("warm-up", mode="contextual")
    context_load_ms = (time.perf_counter() - started) * 1000
    measure(f"{SCALE:,}")
    speed.notes.append(
        f"adding {len(extra):,} claims: {add_s:.1f} s; first search after (matrix load): "
        f"static {load_ms:.0f} ms, BM25 postings {bm25_load_ms:.0f} ms, e5 {context_load_ms:.0f} ms"
    )
    same = bm25_identical(matcher, dev_queries + splits["train"][0])
    speed.notes.append(
        f"BM25 in memory = FTS5's top 100, scores included, for {same} of "
        f"{len(dev_queries) + len(splits['train'][0])} train + dev tweets at {SCALE:,} claims"
    )
    parts = sections_ms(matcher, dev_queries)
    speed.notes.append(
        f"parts of a search at {SCALE:,} claims, each timed alone (median ms): "
        + "; ".join(f"{name} {ms:.1f}" for name, ms in parts.items())
    )
    speed.notes.append("load average " + "; ".join(loads))
    if args.speed_only:
        speed.print()
        matcher.close()
        folder.cleanup()
        return 0
    at_scale = scores(run(matcher, dev_queries, "fused"), dev_gold)
    at_scale_today = scores(run(matcher, dev_queries, "fused", PREVIOUS), dev_gold)
    at_scale_whole = scores(run(matcher, dev_queries, "fused", WHOLE_HASHTAGS), dev_gold)
    quality.add(
        f"MAP@5 fused (dev, {SCALE:,} claims)",
        at_scale[0],
        at_scale_whole[0],
        baseline_name="hashtags whole",
        unit="",
    )
    quality.add(f"recall@10 fused (dev, {SCALE:,} claims)", at_scale[1], unit="")
    matcher.close()
    folder.cleanup()

    size = Report("Library size")
    grown, vectors = library_growth_mb(claims, e5)
    size.add("growth per 10,000 fact-checks", grown, unit="MB")
    size.notes.append(f"of which vectors (256 + 384 × float16): {vectors:.1f} MB")

    quality.print()
    speed.print()
    size.print()

    print("\n== Summary for the README (dev tweets, held out) ==")
    names = {
        "bm25": "BM25 alone (FTS5)",
        "dense": "static embeddings alone (WordLlama)",
        "contextual": "contextual embeddings alone (e5)",
        "fused": "**fused: BM25 + static + contextual**",
        "whole hashtags": "the same, hashtags kept whole in the e5 query (before, same run)",
        "previous": "fused, today's engine: BM25 + static (baseline, same run)",
    }
    print("| dev tweets | MAP@5 | recall@10 |\n|---|---|---|")
    for key, name in names.items():
        map5, recall10 = dev_table[key]
        print(f"| {name} | {map5:.3f} | {recall10:.3f} |")
    print(
        f"| fused, among {SCALE:,} claims ({SCALE - len(claims):,} synthetic distractors) "
        f"| {at_scale[0]:.3f} | {at_scale[1]:.3f} |"
    )
    print(
        f"| the same, hashtags kept whole in the e5 query | {at_scale_whole[0]:.3f} "
        f"| {at_scale_whole[1]:.3f} |"
    )
    print(
        f"| the same, today's engine (baseline) | {at_scale_today[0]:.3f} "
        f"| {at_scale_today[1]:.3f} |"
    )
    print("\n| measure | ours | baseline, same run |\n|---|---|---|")
    for size, label in ((f"{len(claims):,}", ""), (f"{SCALE:,}", " (target < 50 ms)")):
        got = figures[size]
        print(
            f"| one query, {size} claims{label} | {got['fused']:.1f} ms "
            f"| before this speed pass {got['before']:.1f} ms; today's engine "
            f"{got['today']:.1f} ms; BM25 alone {got['bm25']:.1f} ms "
            f"(in SQL {got['bm25 before']:.1f} ms) |"
        )
    print(
        f"| library growth per 10,000 fact-checks | {grown:.1f} MB ({vectors:.1f} MB vectors) | – |"
    )
    print(f"\n{TUNED_ON_TRAIN}.")
    print(f"Load average during the speed runs: {'; '.join(loads)}.")

    if args.tune:
        train_queries, train_gold = splits["train"]
        with CorpusMatcher(claims, contextual=False) as fresh:
            grid = tune(fresh, train_queries, train_gold)
            best = max(grid, key=lambda key: grid[key])
            dev = tune(fresh, dev_queries, dev_gold)
        print("\n== Fusion grid (chosen on train only) ==")
        print(f"best on train: k={best[0]:g}, weight {best[1]:g}: train {grid[best]:.4f}")
        print(f"  its dev MAP@5: {dev[best]:.4f}")
        shipped = (FUSION_K, DENSE_WEIGHT)
        if shipped in grid:
            print(
                f"shipped k={shipped[0]:g}, weight {shipped[1]:g}: train {grid[shipped]:.4f}, "
                f"dev {dev[shipped]:.4f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
