"""Generate a large synthetic library for the speed benchmarks (and cache it).

Run from the repository root::

    python -m tests.bench.generate_library                       # 10,000 / 100,000
    python -m tests.bench.generate_library --articles 2000 --notes 20000 --db /tmp/x.sqlite3
    python -m tests.bench.generate_library --check               # bulk rows == API rows

What it writes: ``--articles`` news-like articles (title, often a byline, paragraphs,
some headings and quotes; 150–3,000 words, about 700 on average, log-normal as news
lengths are) and ``--notes`` fact-check notes spread unevenly over them (a third of the
articles have none, a few have dozens), each with a verdict or none, a status, a
one-sentence conclusion, a Markdown body, 0–3 tags and 1–3 sources.  The raw input kept
beside each article is the copied page: site furniture lines around the clean text.

The text comes from a word list written here, drawn by a Zipf law: a few hundred
common English and news words at the top, then about 20,000 made-up words (names,
places, rare terms) for the long tail, so full-text search sees both terms that occur
in every article and terms that occur in a handful, as in real news.

How rows are written: through ``lib.db`` in bulk, inside one transaction, with exactly
the values :meth:`Library.add_article` and :meth:`Library.add_note` would store (same
``build_article``, same ``make_selector``, same JSON encodings); then
:meth:`Library.reindex` fills the search index.  ``--check`` proves the claim: it builds
a small library both ways with the same ids and compares every row of every table,
the search index included (only the timestamps the API takes from the clock differ).

The library is cached: a ``<db>.json`` file beside it records the parameters, and a
later run with the same ones reuses it (``--force`` rebuilds).

Cost (10,000 articles, 100,000 notes, on a shared 2-core machine): about 130 s to make
and insert the rows (text generation and ``sentence_spans`` dominate) and 20 s to fill
the search index; the file is about 490 MB.  ``Library.reindex`` is not used for that
size: see :func:`reindex_bulk` for why (each of its deletes scans the whole index).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.bench._common import DEFAULT_LARGE_DB

GENERATOR_VERSION = 1

# The head of the vocabulary, most frequent first (function words, then news words).
COMMON_WORDS = """
the of and to a in that for is on was with said it as at by he from his be have has
are an not this but they were who had will their which been would its or more about
after also one two new than year people there over when up out she her could into
first last all other we our can what only some time years no government minister
president state officials told percent million week country police report party city
since against under while during between before public security second three those
most former many national may court military because did any says any group months
news election campaign vote voters law health department according both where just
including through agency billion day company workers market economy prices minister
foreign according still called them him these being plan support members such made
leaders office world local economic political week border deal talks council trade
power energy water school children women family community million federal region
official statement spokesman spokeswoman analysts data figures survey budget tax
spending debt inflation rates bank central interest growth forecast crisis war peace
troops ceasefire attack forces army strike protest protesters rights investigation
charges trial judge ruling appeal prison sentence evidence witness report reports
claims claimed denied confirmed announced warned urged promised rejected accused
agreed visited met meeting summit conference parliament senate committee hearing
bill vote law rules policy reform program project funding contract company firm
industry business jobs unemployment wages housing rent food fuel gas oil electricity
climate weather flood floods fire fires drought storm hospital patients doctors
vaccine virus cases deaths hospitals university students teachers schools study
researchers scientists experts data online social media platform users network
video images photo posted shared false misleading context quote quoted interview
television radio newspaper editor reporter journalist source sources document documents
"""

NAME_SYLLABLES = (
    "al",
    "an",
    "ar",
    "bel",
    "bor",
    "ca",
    "dan",
    "del",
    "dor",
    "el",
    "en",
    "fa",
    "gar",
    "hal",
    "is",
    "ka",
    "kor",
    "la",
    "len",
    "lo",
    "mar",
    "mi",
    "mon",
    "na",
    "nor",
    "o",
    "pa",
    "ra",
    "ren",
    "ri",
    "sa",
    "sel",
    "ta",
    "tor",
    "u",
    "va",
    "ver",
    "vi",
    "wen",
    "ya",
    "za",
    "zen",
)
TAGS = (
    "economy",
    "health",
    "election",
    "climate",
    "crime",
    "migration",
    "war",
    "energy",
    "education",
    "budget",
    "viral",
    "statistics",
    "quote",
    "image",
    "follow-up",
    "priority",
    "local",
    "international",
)
PUBLISHERS = (
    "National Statistics Office",
    "Reuters",
    "Associated Press",
    "Ministry of Finance",
    "World Bank",
    "WHO",
    "Court records",
    "Parliament record",
    "University press office",
    "Company filing",
    "Local council minutes",
)
VERDICT_WEIGHTS = {
    None: 20,
    "true": 12,
    "mostly_true": 10,
    "mixed": 8,
    "mostly_false": 8,
    "false": 12,
    "misleading": 12,
    "missing_context": 8,
    "fabricated": 2,
    "unproven": 5,
    "not_checkable": 2,
    "satire": 1,
}
STATUS_WEIGHTS = {"to_check": 30, "in_progress": 20, "needs_review": 10, "done": 40}
STANCE_WEIGHTS = {"supports": 35, "refutes": 35, "context": 30}
SAYING_VERBS = ("said", "told reporters", "said in a statement", "wrote", "added", "argued")


class Vocabulary:
    """Words drawn by a Zipf law: common words first, made-up long-tail words after."""

    def __init__(self, rng: random.Random, tail_size: int = 20_000) -> None:
        common = list(dict.fromkeys(COMMON_WORDS.split()))
        seen = set(common)
        tail: list[str] = []
        while len(tail) < tail_size:
            word = "".join(rng.choice(NAME_SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen and len(word) > 3:
                seen.add(word)
                tail.append(word)
        self.words = common + tail
        # Zipf–Mandelbrot, weight ∝ 1 / (rank + 2.7)^1.2: the common words then make
        # about three quarters of the running text, as the top few hundred do in English.
        weights = [1 / (rank + 2.7) ** 1.2 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.names = [w.capitalize() for w in tail[:3000]]

    def draw(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def name(self, rng: random.Random) -> str:
        # Person names cluster: a few are in the news all the time.
        first = self.names[int(rng.paretovariate(1.2)) % len(self.names)]
        last = self.names[int(rng.paretovariate(1.1) * 7) % len(self.names)]
        return f"{first} {last}"

    def sentence(self, rng: random.Random, words: int | None = None) -> str:
        n = words or max(5, int(rng.gauss(21, 7)))
        tokens = self.draw(rng, n)
        # Proper nouns and figures, as news sentences are full of them.
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(tokens))
            tokens[i] = rng.choice(
                (
                    self.names[int(rng.paretovariate(1.1)) % len(self.names)],
                    f"{rng.randint(2, 98)} percent",
                    f"{rng.randint(1, 999):,}",
                    f"${rng.randint(1, 90)}.{rng.randint(0, 9)} billion",
                )
            )
        if rng.random() < 0.25:
            i = rng.randrange(1, len(tokens))
            tokens[i] += ","
        text = " ".join(tokens)
        return text[0].upper() + text[1:] + "."

    def quote(self, rng: random.Random) -> str:
        said = rng.choice(SAYING_VERBS)
        body = self.sentence(rng, max(5, int(rng.gauss(14, 4))))[:-1]
        return f"\u201c{body},\u201d {self.name(rng)} {said}."

    def title(self, rng: random.Random) -> str:
        words = self.draw(rng, rng.randint(6, 12))
        words[rng.randrange(len(words))] = self.names[int(rng.paretovariate(1.1)) % len(self.names)]
        return " ".join(words).capitalize()


@dataclass
class GeneratedNote:
    """What a user would give ``Library.add_note`` for one note."""

    id: str
    start: int
    end: int
    verdict: str | None
    status: str
    conclusion: str
    body: str
    tags: list[str]
    sources: list[dict[str, str]]


@dataclass
class GeneratedArticle:
    """One article as an importer would hand it to ``Library.add_article``."""

    id: str
    parts: list[tuple[str, str]]
    meta: dict[str, str | None]
    raw: bytes
    origin: str
    notes: list[GeneratedNote]


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def article_word_count(rng: random.Random) -> int:
    """News lengths are log-normal: median ~600 words, mean ~700, a long tail."""
    return int(min(3000, max(150, rng.lognormvariate(math.log(600), 0.55))))


def synthetic_article(
    rng: random.Random, vocab: Vocabulary, site: str
) -> tuple[list[tuple[str, str]], dict[str, str | None], bytes]:
    """Block parts, metadata and the raw copied page of one made-up article."""
    title = vocab.title(rng)
    parts: list[tuple[str, str]] = [("title", title)]
    byline = f"By {vocab.name(rng)}" if rng.random() < 0.7 else None
    if byline:
        parts.append(("byline", byline))
    if rng.random() < 0.3:
        parts.append(("caption", vocab.sentence(rng, rng.randint(8, 16))))
    target = article_word_count(rng)
    words = 0
    while words < target:
        roll = rng.random()
        if roll < 0.05 and words > 100:
            block = ("heading", vocab.sentence(rng, rng.randint(3, 8))[:-1])
        elif roll < 0.15:
            block = ("quote", vocab.quote(rng))
        elif roll < 0.18:
            block = ("list_item", vocab.sentence(rng, rng.randint(6, 14)))
        else:
            sentences = [
                vocab.quote(rng) if rng.random() < 0.2 else vocab.sentence(rng)
                for _ in range(rng.randint(1, 4))
            ]
            block = ("paragraph", " ".join(sentences))
        parts.append(block)
        words += len(block[1].split())
    day = datetime(2022, 1, 1) + timedelta(days=rng.randint(0, 900))
    slug = "-".join(title.lower().split()[:6])
    meta: dict[str, str | None] = {
        "title": title,
        "byline": byline,
        "site_name": site,
        "url": f"https://{site.lower().replace(' ', '')}.example/{day:%Y/%m}/{slug}",
        "published": day.strftime("%Y-%m-%d"),
        "language": "en",
    }
    furniture_top = ["Home", "World", "Politics", "Business", "Sign in", "Subscribe", site]
    furniture_end = [
        "Share this article",
        "Read more",
        "Advertisement",
        f"\u00a9 {day.year} {site}. All rights reserved.",
    ]
    raw = "\n".join(furniture_top + [p[1] for p in parts] + furniture_end).encode("utf-8")
    return parts, meta, raw


def _weighted(rng: random.Random, table: dict[Any, int]) -> Any:
    return rng.choices(list(table), weights=list(table.values()))[0]


def synthetic_notes(
    rng: random.Random,
    vocab: Vocabulary,
    spans: list[tuple[int, int]],
    count: int,
    publisher_site: str,
) -> list[GeneratedNote]:
    """``count`` notes on distinct sentences (some on a run of two) of one article."""
    count = min(count, len(spans))
    chosen = sorted(rng.sample(range(len(spans)), count))
    notes = []
    taken: set[int] = set()
    for i in chosen:
        if i in taken:
            continue
        last = i + 1 if (rng.random() < 0.15 and i + 1 < len(spans) and i + 1 not in chosen) else i
        taken.update(range(i, last + 1))
        sources = []
        for _ in range(rng.randint(1, 3)):
            day = datetime(2021, 1, 1) + timedelta(days=rng.randint(0, 1200))
            host = rng.choice(vocab.names[:400]).lower()
            path = "-".join(vocab.draw(rng, 4))
            sources.append(
                {
                    "url": f"https://{host}.example/{day:%Y}/{path}",
                    "title": vocab.sentence(rng, rng.randint(5, 10))[:-1],
                    "publisher": rng.choice(PUBLISHERS),
                    "date": day.strftime("%Y-%m-%d"),
                    "accessed": (day + timedelta(days=rng.randint(0, 60))).strftime("%Y-%m-%d"),
                    "archive_url": (
                        f"https://archive.example/{rng.getrandbits(40):x}"
                        if rng.random() < 0.4
                        else ""
                    ),
                    "stance": _weighted(rng, STANCE_WEIGHTS),
                }
            )
        body_lines = [vocab.sentence(rng) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            body_lines.append(f"- see **{publisher_site}** figures for {rng.randint(2015, 2024)}")
        notes.append(
            GeneratedNote(
                id=_uuid(rng),
                start=spans[i][0],
                end=spans[last][1],
                verdict=_weighted(rng, VERDICT_WEIGHTS),
                status=_weighted(rng, STATUS_WEIGHTS),
                conclusion=vocab.sentence(rng, rng.randint(8, 18)),
                body="\n".join(body_lines),
                tags=sorted(set(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))))),
                sources=sources,
            )
        )
    return notes


def note_counts(rng: random.Random, articles: int, notes: int) -> list[int]:
    """How many notes each article gets: a third none, the rest skewed, summing to ``notes``."""
    weights = [0.0 if rng.random() < 1 / 3 else rng.paretovariate(1.6) for _ in range(articles)]
    total = sum(weights) or 1.0
    counts = [int(notes * w / total) for w in weights]
    # Hand out what rounding left, to articles that already have notes.
    noted = [i for i, w in enumerate(weights) if w > 0] or list(range(articles))
    for k in range(notes - sum(counts)):
        counts[noted[k % len(noted)]] += 1
    return counts


def generate_articles(seed: int, articles: int, notes: int) -> Iterator[GeneratedArticle]:
    """The articles of a library, reproducibly from ``seed``."""
    from reader.core.models import build_article
    from reader.core.segment import sentence_spans

    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    sites = [
        f"{vocab.names[i]} {kind}"
        for i, kind in enumerate(
            (
                "Times",
                "Post",
                "Herald",
                "Daily",
                "News",
                "Tribune",
                "Observer",
                "Chronicle",
                "Gazette",
                "Courier",
            )
            * 4
        )
    ]
    counts = note_counts(rng, articles, notes)
    carry = 0  # notes an article too short to hold them passes on to the next one
    for index in range(articles):
        parts, meta, raw = synthetic_article(rng, vocab, rng.choice(sites))
        clean = build_article(parts)
        spans = sentence_spans(clean.text)
        want = counts[index] + carry
        made = synthetic_notes(rng, vocab, spans, want, meta["site_name"] or "")
        carry = want - len(made)
        yield GeneratedArticle(_uuid(rng), parts, meta, raw, f"{meta['url']}", made)


# ----------------------------------------------------------------------------- writing


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def insert_bulk(
    lib: Any, generated: list[GeneratedArticle], first_index: int, start_time: datetime
) -> int:
    """Insert articles, versions, notes and sources with the API's exact values.

    Must run inside a transaction the caller holds; returns the number of notes.
    """
    from reader.core.anchor import make_selector
    from reader.core.models import ArticleMeta, build_article, text_sha256
    from reader.core.segment import sentence_spans

    article_rows, version_rows, note_rows, source_rows = [], [], [], []
    for k, gen in enumerate(generated):
        stamp = _iso(start_time + timedelta(minutes=first_index + k))
        meta = ArticleMeta(**gen.meta)  # type: ignore[arg-type]
        clean = build_article(gen.parts, meta)
        article_rows.append(
            (
                gen.id,
                meta.title,
                meta.byline,
                meta.site_name,
                meta.url,
                meta.published,
                meta.language,
                1,
                stamp,
                stamp,
                None,
            )
        )
        version_rows.append(
            (
                gen.id,
                1,
                clean.text,
                json.dumps([[b.kind, b.start, b.end] for b in clean.blocks]),
                json.dumps(clean.dropped, ensure_ascii=False),
                gen.raw,
                "text/plain",
                gen.origin,
                stamp,
                text_sha256(clean.text),
            )
        )
        spans = sentence_spans(clean.text) if gen.notes else []
        for j, note in enumerate(gen.notes):
            sel = make_selector(clean.text, note.start, note.end, spans)
            note_stamp = _iso(start_time + timedelta(minutes=first_index + k, seconds=j + 1))
            note_rows.append(
                (
                    note.id,
                    gen.id,
                    sel.start,
                    sel.end,
                    sel.exact,
                    sel.prefix,
                    sel.suffix,
                    sel.text_sha256,
                    "ok",
                    note.verdict,
                    note.status,
                    note.conclusion,
                    note.body,
                    json.dumps(note.tags, ensure_ascii=False),
                    note_stamp,
                    note_stamp,
                    None,
                )
            )
            for pos, src in enumerate(note.sources):
                source_rows.append(
                    (
                        f"{note.id[:24]}{pos:012d}",
                        note.id,
                        pos,
                        src["url"],
                        src["title"],
                        src["publisher"],
                        src["date"],
                        src["accessed"],
                        src["archive_url"],
                        src["stance"],
                    )
                )
    conn = lib.db.conn
    conn.executemany(
        "INSERT INTO articles (id, title, byline, site_name, url, published, language, "
        "current_version, created, updated, deleted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        article_rows,
    )
    conn.executemany(
        "INSERT INTO article_versions (article_id, version, text, blocks, dropped, raw, "
        "raw_type, origin, retrieved, text_sha256) VALUES (?,?,?,?,?,?,?,?,?,?)",
        version_rows,
    )
    conn.executemany(
        'INSERT INTO notes (id, article_id, start, "end", exact, prefix, suffix, text_sha256, '
        "anchor_state, verdict, status, conclusion, body, tags, created, updated, deleted_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        note_rows,
    )
    conn.executemany(
        "INSERT INTO sources (id, note_id, position, url, title, publisher, date, accessed, "
        "archive_url, stance) VALUES (?,?,?,?,?,?,?,?,?,?)",
        source_rows,
    )
    return len(note_rows)


def insert_through_api(lib: Any, generated: list[GeneratedArticle]) -> None:
    """The slow, obviously right way: one ``add_article`` and one ``add_note`` at a time."""
    from reader.core.models import ArticleMeta, Source, build_article

    for gen in generated:
        clean = build_article(gen.parts, ArticleMeta(**gen.meta))  # type: ignore[arg-type]
        lib.add_article(
            clean, raw=gen.raw, raw_type="text/plain", origin=gen.origin, article_id=gen.id
        )
        for note in gen.notes:
            lib.add_note(
                gen.id,
                note.start,
                note.end,
                verdict=note.verdict,
                status=note.status,
                conclusion=note.conclusion,
                body=note.body,
                tags=note.tags,
                note_id=note.id,
                sources=[
                    Source(**src, id=f"{note.id[:24]}{pos:012d}")
                    for pos, src in enumerate(note.sources)
                ],
            )


def reindex_bulk(lib: Any) -> None:
    """Fill the search index with exactly the rows :meth:`Library.reindex` writes.

    ``Library.reindex`` cannot be used at this size: for every article and note it
    first runs ``DELETE FROM search_index WHERE kind = ? AND ref = ?``, and ``kind`` and
    ``ref`` are UNINDEXED columns of an FTS5 table, so each delete scans the whole index
    (25 ms at 11,000 rows): quadratic, 200 s for 1,000 articles and 10,000 notes, hours
    for the large library.  Same rows (articles first, then notes).
    """
    with lib.db.atomic():
        conn = lib.db.conn
        conn.execute("DELETE FROM search_index")
        conn.execute(
            "INSERT INTO search_index (kind, ref, article_id, title, content) "
            "SELECT 'article', a.id, a.id, a.title, v.text FROM articles a "
            "JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version "
            "ORDER BY a.rowid"
        )
        sources: dict[str, list[tuple[str, str]]] = {}
        for note_id, title, publisher in conn.execute(
            "SELECT note_id, title, publisher FROM sources ORDER BY note_id, position"
        ):
            sources.setdefault(note_id, []).append((title, publisher))
        rows = []
        for note_id, article_id, exact, conclusion, body, tags in conn.execute(
            "SELECT id, article_id, exact, conclusion, body, tags FROM notes ORDER BY rowid"
        ):
            srcs = sources.get(note_id, [])
            # The content SearchIndex.index_note builds, field for field.
            content = "\n".join(
                [conclusion, body, " ".join(json.loads(tags))]
                + [t for t, _ in srcs]
                + [p for _, p in srcs]
            )
            rows.append(("note", note_id, article_id, exact, content))
        conn.executemany(
            "INSERT INTO search_index (kind, ref, article_id, title, content) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def build_library(
    db_path: Path,
    articles: int,
    notes: int,
    seed: int = 1,
    *,
    verbose: bool = True,
    api_reindex: bool = False,
) -> dict[str, Any]:
    """Write a fresh library at ``db_path``; returns what was made and how long it took."""
    from reader.store.library import Library

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    # The newest article is "now"; older ones go back a minute each.
    start_time = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=articles)
    made_notes = 0
    with Library(db_path) as lib:
        batch: list[GeneratedArticle] = []
        done = 0
        with lib.db.atomic():
            for gen in generate_articles(seed, articles, notes):
                batch.append(gen)
                if len(batch) == 500:
                    made_notes += insert_bulk(lib, batch, done, start_time)
                    done += len(batch)
                    batch = []
                    if verbose:
                        print(
                            f"  {done:,} articles, {made_notes:,} notes "
                            f"({time.perf_counter() - started:.0f} s)",
                            file=sys.stderr,
                        )
            if batch:
                made_notes += insert_bulk(lib, batch, done, start_time)
        inserted = time.perf_counter()
        if api_reindex:
            lib.reindex()
        else:
            reindex_bulk(lib)
        indexed = time.perf_counter()
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        lib.db.execute("ANALYZE")
    info = {
        "generator_version": GENERATOR_VERSION,
        "articles": articles,
        "notes_requested": notes,
        "notes": made_notes,
        "seed": seed,
        "insert_s": round(inserted - started, 1),
        "reindex_s": round(indexed - inserted, 1),
        "bytes": db_size(db_path),
    }
    Path(f"{db_path}.json").write_text(json.dumps(info, indent=1))
    return info


def db_size(db_path: Path) -> int:
    """Bytes of the library file with its WAL."""
    return sum(
        Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db_path}{s}").exists()
    )


def ensure_library(
    db_path: Path,
    articles: int = 10_000,
    notes: int = 100_000,
    seed: int = 1,
    *,
    force: bool = False,
) -> dict[str, Any]:
    """The cached library at ``db_path`` with these parameters, built if missing or if
    today's app cannot open it (a cache written by another branch's schema: the window
    would wait on its "cannot open" dialog and the start-up bench time out)."""
    sidecar = Path(f"{db_path}.json")
    if not force and db_path.exists() and sidecar.exists():
        info = json.loads(sidecar.read_text())
        if (
            info.get("generator_version") == GENERATOR_VERSION
            and info.get("articles") == articles
            and info.get("notes_requested") == notes
            and info.get("seed") == seed
            and _opens(db_path)
        ):
            return dict(info)
    print(f"building {articles:,} articles and {notes:,} notes in {db_path} …", file=sys.stderr)
    return build_library(db_path, articles, notes, seed)


def _opens(db_path: Path) -> bool:
    """Whether today's app opens the library at ``db_path`` (migrating it if older)."""
    from reader.core.errors import StoreError
    from reader.store.library import Library

    try:
        with Library(db_path):
            return True
    except StoreError as exc:
        print(f"the cached library cannot be used ({exc}); building it again", file=sys.stderr)
        return False


# ------------------------------------------------------------------------------ check


def check_bulk_matches_api(articles: int = 30, notes: int = 300, seed: int = 7) -> list[str]:
    """Build a small library both ways and list every difference (empty: identical)."""
    from reader.store.library import Library

    generated = list(generate_articles(seed, articles, notes))
    api = Library(":memory:")
    insert_through_api(api, generated)
    bulk = Library(":memory:")
    with bulk.db.atomic():
        insert_bulk(bulk, generated, 0, datetime.now(timezone.utc))
    reindex_bulk(bulk)
    again = Library(":memory:")
    with again.db.atomic():
        insert_bulk(again, generated, 0, datetime.now(timezone.utc))
    again.reindex()
    clock = {"created", "updated", "retrieved"}
    tables = {
        "articles": "id",
        "article_versions": "article_id, version",
        "notes": "id",
        "sources": "id",
        "search_index": "kind, ref",
    }
    problems = []
    index_a = list(again.db.execute("SELECT * FROM search_index ORDER BY kind, ref"))
    index_b = list(bulk.db.execute("SELECT * FROM search_index ORDER BY kind, ref"))
    if index_a != index_b:
        problems.append("search_index: reindex_bulk differs from Library.reindex")
    for table, order in tables.items():
        rows_a = [
            {k: v for k, v in r.items() if k not in clock}
            for r in api.db.query(f"SELECT * FROM {table} ORDER BY {order}")
        ]
        rows_b = [
            {k: v for k, v in r.items() if k not in clock}
            for r in bulk.db.query(f"SELECT * FROM {table} ORDER BY {order}")
        ]
        if len(rows_a) != len(rows_b):
            problems.append(f"{table}: {len(rows_a)} rows through the API, {len(rows_b)} in bulk")
            continue
        for a, b in zip(rows_a, rows_b):
            if a != b:
                diff = sorted(k for k in a if a[k] != b.get(k))
                problems.append(f"{table}: row differs in {diff}")
                break
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_LARGE_DB)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    parser.add_argument(
        "--api-reindex",
        action="store_true",
        help="fill the index with Library.reindex (quadratic today: small sizes only)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check that bulk rows equal API rows, on a small library",
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check_bulk_matches_api()
        for p in problems:
            print(p)
        print("bulk insert == API insert" if not problems else "DIFFERENT")
        return 1 if problems else 0
    if args.api_reindex:
        info = build_library(args.db, args.articles, args.notes, args.seed, api_reindex=True)
    else:
        info = ensure_library(args.db, args.articles, args.notes, args.seed, force=args.force)
    print(json.dumps(info, indent=1))
    print(f"{args.db}: {info['bytes'] / 1_048_576:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
