"""A process that writes notes into a library as fast as it can, for the kill test.

Run as ``python -m tests.store._writer LIBRARY SEED [--never-commit]``.  It opens the library through
:class:`reader.store.Library` (the code the GUI uses), adds an article, then loops:
adds a note with one to three sources, and now and then rewrites an earlier note.
Around every write it prints one line to stdout, flushed:

* ``try <note id> <fingerprint>`` before the call,
* ``saved <note id> <fingerprint>`` after the call has returned.

A ``saved`` line is the process's promise that the note, with exactly that content, is
in the file.  The ``try`` line lets the checker accept the one write that may have
committed just before the kill but was never reported.  The parent (see
``tests/bench/killtest.py``) kills this process with SIGKILL at a random moment.
``--never-commit`` makes a deliberately broken writer (it reports saves it never
commits) so the tests can show that the checker notices lost notes.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from reader.core.models import CleanArticle, Note, Source, build_article
from reader.core.verdicts import BY_KEY, STANCES, STATUSES
from reader.store import Library
from reader.store.library import new_id

NEVER_COMMIT = "--never-commit"
WORDS = [
    "council",
    "harbour",
    "bridge",
    "vote",
    "minister",
    "claim",
    "report",
    "figure",
    "percent",
    "budget",
    "rusted",
    "deck",
    "engineers",
    "mayor",
    "inquiry",
    "témoin",
    "Zeugnis",
    "свидетель",
    "証言",
    "quoted",
    "source",
    "archive",
    "said",
    "denied",
    "confirmed",
    "statistics",
    "census",
    "2019",
    "1.5",
    "million",
    "«quoted»",
    "“curly”",
    "—",
    "–",
    "…",
    "✓",
]


def sample_article(rng: random.Random) -> CleanArticle:
    """An article of our own writing, different on every call."""
    paragraphs = [
        ("paragraph", " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + ".")
        for _ in range(rng.randint(3, 8))
    ]
    title = f"Claim check {rng.randrange(10**6)}: " + " ".join(rng.sample(WORDS, 4))
    return build_article([("title", title), *paragraphs])


def fingerprint(
    article_id: str,
    start: int,
    end: int,
    verdict: str | None,
    status: str,
    conclusion: str,
    body: str,
    tags: list[str],
    sources: list[Source],
) -> str:
    """A checksum of everything the user typed into a note."""
    content = [
        article_id,
        start,
        end,
        verdict,
        status,
        conclusion,
        body,
        tags,
        [
            [s.url, s.title, s.publisher, s.date, s.accessed, s.archive_url, s.stance]
            for s in sources
        ],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:16]


def note_fingerprint(note: Note) -> str:
    """The checksum of a note as the store gives it back."""
    return fingerprint(
        note.article_id,
        note.start,
        note.end,
        note.verdict,
        note.status,
        note.conclusion,
        note.body,
        note.tags,
        note.sources,
    )


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _sources(rng: random.Random) -> list[Source]:
    return [
        Source(
            url=f"https://example.org/{rng.randrange(10**9)}",
            title=_text(rng, 2, 8),
            publisher=rng.choice(["Gazette", "Herald", "Статистика", ""]),
            date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            archive_url=rng.choice(["", f"https://archive.example/{rng.randrange(10**6)}"]),
            stance=rng.choice(STANCES),
        )
        for _ in range(rng.randint(1, 3))
    ]


def _say(*parts: str) -> None:
    # One write per line, flushed, so the parent never sees half a promise.
    sys.stdout.write(" ".join(parts) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    rng = random.Random(int(argv[1]) if len(argv) > 1 else None)
    never_commit = NEVER_COMMIT in argv[2:]
    verdicts: list[str | None] = [None, *BY_KEY]
    with Library(path) as lib:
        article = lib.add_article(sample_article(rng), raw=b"raw", origin="kill test")
        _say("article", article.id)
        if never_commit:
            # The broken writer the kill test must catch: every save lands inside an
            # outer transaction that is never committed, yet is reported as saved.
            lib.db.conn.execute("BEGIN")
        mine: list[str] = []
        while True:
            verdict = rng.choice(verdicts)
            status = rng.choice(STATUSES)
            conclusion = _text(rng, 3, 15)
            body = _text(rng, 5, 120)
            tags = rng.sample(WORDS, rng.randint(0, 3))
            sources = _sources(rng)
            if mine and rng.random() < 0.2:
                note_id = rng.choice(mine)
                old = lib.get_note(note_id)
                mark = fingerprint(
                    article.id,
                    old.start,
                    old.end,
                    verdict,
                    status,
                    conclusion,
                    body,
                    tags,
                    sources,
                )
                _say("try", note_id, mark)
                lib.update_note(
                    note_id,
                    verdict=verdict,
                    status=status,
                    conclusion=conclusion,
                    body=body,
                    tags=tags,
                    sources=sources,
                )
            else:
                note_id = new_id()
                start = rng.randrange(len(article.text) - 1)
                end = rng.randint(start + 1, min(len(article.text), start + 300))
                mark = fingerprint(
                    article.id, start, end, verdict, status, conclusion, body, tags, sources
                )
                _say("try", note_id, mark)
                lib.add_note(
                    article.id,
                    start,
                    end,
                    verdict=verdict,
                    status=status,
                    conclusion=conclusion,
                    body=body,
                    tags=tags,
                    sources=sources,
                    note_id=note_id,
                )
                mine.append(note_id)
            _say("saved", note_id, mark)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
