"""Dataclasses shared by every layer: the clean article, notes, sources, anchors.

The clean text of an article is one string; blocks are separated by exactly one blank
line (``"\\n\\n"``) and block 0 is the title.  Offsets are Python string indices into
that string.  Sentences are never stored: they are derived by
:func:`reader.core.segment.sentence_spans`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from reader.core.verdicts import Stance, Status, VerdictKey

# What a block of clean text is; block 0 of an article is its title.
BlockKind = Literal["title", "byline", "caption", "heading", "paragraph", "quote", "list_item"]
BLOCK_KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
BLOCK_SEPARATOR = "\n\n"

# Where a note stands after its article changed: its sentence reads word for word as
# when it was checked (``ok``), its sentence was found but the words differ
# (``changed``; called ``drifted`` before), or it is gone (``orphan``: kept, shown
# apart, waiting to be attached again).
AnchorState = Literal["ok", "changed", "orphan"]
ANCHOR_STATES: tuple[AnchorState, ...] = get_args(AnchorState)

# A JSON object as json.loads gives it or json.dumps takes it: its values really are
# arbitrary JSON (the one place ``Any`` stands for data).
JsonObject = dict[str, Any]

# The user's choice about one block of an article, kept across re-cleaning.
BlockAction = Literal["drop", "keep"]
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class RawInput:
    """Input as it arrived, before cleaning: bytes, declared media type, and origin.

    ``origin`` is the file path or the final URL (after redirects); ``name`` is a file
    name whose extension can tell HTML from text; ``url`` is the page address when the
    input came from the web.  It is stored beside the article so that the article can
    be cleaned again when the cleaner improves.  ``notices`` are things the user should
    be told about how the input was read (credentials removed from the address …).
    """

    data: bytes
    media_type: str | None = None
    origin: str = ""
    name: str | None = None
    url: str | None = None
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of the clean text: its kind and ``[start, end)`` offsets."""

    kind: BlockKind
    start: int
    end: int


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str = ""
    byline: str | None = None
    site_name: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass
class CleanArticle:
    """What a cleaner returns: the clean text, its blocks and its metadata.

    ``dropped`` holds the lines the cleaner removed, in input order, so the user can
    bring one back.  ``confidence`` (0–1) is how sure the cleaner is of its choice of
    lines, where it can tell; ``warning`` is a one-line message for the user when the
    result should be checked (low confidence, or far less text than the input's prose).
    """

    text: str
    blocks: list[Block]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    dropped: list[str] = field(default_factory=list)
    confidence: float | None = None
    warning: str | None = None

    @property
    def title(self) -> str:
        return self.meta.title

    def block_texts(self, kinds: Iterable[str] | None = None) -> list[str]:
        """The text of each block, optionally only of the given kinds."""
        return _block_texts(self.text, self.blocks, kinds)

    def body_text(self) -> str:
        """The article body only: no title, byline or captions."""
        body = self.block_texts(("heading", "paragraph", "quote", "list_item"))
        return BLOCK_SEPARATOR.join(body)


def _block_texts(text: str, blocks: list[Block], kinds: Iterable[str] | None) -> list[str]:
    wanted = set(kinds) if kinds is not None else None
    return [text[b.start : b.end] for b in blocks if wanted is None or b.kind in wanted]


def build_article(
    parts: Iterable[tuple[str, str]],
    meta: ArticleMeta | None = None,
    dropped: Iterable[str] = (),
) -> CleanArticle:
    """Join ``(kind, text)`` parts into a :class:`CleanArticle` with exact offsets.

    Each text is stripped; empty parts are skipped; internal blank lines are folded so
    that ``"\\n\\n"`` only ever separates blocks.
    """
    blocks: list[Block] = []
    chunks: list[str] = []
    pos = 0
    for kind, raw in parts:
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        text = re.sub(r"\n\s*\n+", "\n", raw.strip())
        if not text:
            continue
        if chunks:
            pos += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind, pos, pos + len(text)))
        chunks.append(text)
        pos += len(text)
    meta = meta or ArticleMeta()
    if not meta.title and blocks and blocks[0].kind == "title":
        meta.title = chunks[0]
    return CleanArticle(BLOCK_SEPARATOR.join(chunks), blocks, meta, list(dropped))


def text_sha256(text: str) -> str:
    """The SHA-256 of a clean text, hex, as stored in anchors and exports."""
    import hashlib  # here, not at the top: loading OpenSSL is ~5 ms of the GUI's start-up

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Number of words (``\\w+`` runs) in ``text``."""
    return len(_WORD.findall(text))


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text`` at an ordinary pace (at least 1 if non-empty)."""
    # Whitespace-separated tokens: close enough for a reading time, and several times
    # quicker than the exact word count on a long article.
    words = len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


@dataclass
class Source:
    """A source backing a note's verdict."""

    url: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    accessed: str = ""
    archive_url: str = ""
    stance: Stance = "context"
    id: str = ""


@dataclass
class Selector:
    """Where a note sits in a clean text (W3C TextPosition + TextQuote selectors)."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    text_sha256: str = ""


@dataclass
class Note:
    """A fact-check note on a range of an article's clean text."""

    id: str
    article_id: str
    selector: Selector
    anchor_state: AnchorState = "ok"
    verdict: VerdictKey | None = None
    status: Status = "to_check"
    conclusion: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    deleted_at: str | None = None
    # The words the note was written on, never overwritten ("" in a note not yet
    # stored: its quote), and the words its verdict stands on now (the same until the
    # user accepts a new wording or re-attaches it).
    original_exact: str = ""
    checked_exact: str = ""
    # Who made the claim the note checks (the speaker the claim radar found, or typed
    # by the user); ClaimReview's itemReviewed.author.
    claimant: str | None = None

    @property
    def original_wording(self) -> str:
        """The text the note was first written on."""
        return self.original_exact or self.selector.exact

    @property
    def checked_wording(self) -> str:
        """The text the verdict was given on (the original, or a wording accepted since)."""
        return self.checked_exact or self.original_exact or self.selector.exact

    @property
    def start(self) -> int:
        return self.selector.start

    @property
    def end(self) -> int:
        return self.selector.end

    @property
    def exact(self) -> str:
        return self.selector.exact


@dataclass
class Article:
    """A stored article: its current version's clean text plus metadata."""

    id: str
    text: str
    blocks: list[Block]
    meta: ArticleMeta
    version: int = 1
    version_count: int = 1
    raw_type: str = "text/plain"
    origin: str = ""
    created: str = ""
    updated: str = ""
    retrieved: str = ""
    deleted_at: str | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.title

    def block_texts(self, kinds: Iterable[str] | None = None) -> list[str]:
        """The text of each block, optionally only of the given kinds."""
        return _block_texts(self.text, self.blocks, kinds)

    @property
    def word_count(self) -> int:
        return word_count(self.text)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.text)

    @property
    def text_sha256(self) -> str:
        return text_sha256(self.text)
