"""Articles: read a file, URL or paste, import it, update it, clean it again.

The window and the command line both come here; a background worker calls the same
functions with a library it opened itself (a connection belongs to its thread).

- :func:`import_source` and the other ``*_source`` functions read a path or an http(s)
  URL (cancellable through ``progress``) as :class:`~reader.core.models.RawInput`.
- :func:`import_source` / :func:`import_sources` / :func:`import_raw` — store new
  articles (one source's fault is raised; several sources collect their faults).
- :func:`import_clipboard` — what the clipboard holds (HTML flavour kept when it is the
  same selection as the text), as a new article unless the library has it already;
  :func:`update_from_clipboard` stores it as a new version of an article instead.
- :func:`keep_whole_text` — after :class:`~reader.core.errors.NoArticleError`, keep
  the whole text as an article anyway (:func:`keep_whole_text_as_version` when it
  was an update of an article).
- :func:`update_from_source` — a new version of an article; notes re-anchored.
- :func:`reclean` / :func:`set_block_choice` — clean the stored raw input again
  (after the cleaner improved, or the user dropped or kept a block).
- :func:`clean_source` — clean without storing (``main.py clean``).
- :func:`duplicates_of` — live articles imported from the same URL.
- :func:`_find_duplicate` / :func:`import_raw_once` / :func:`import_source_once` — an
  import that recognises an article already in the library (same URL once normalised,
  or the same clean text) and stores nothing then, so the caller can offer to open it
  or :func:`update_from_raw`.
- :func:`resolve` / :func:`list_articles` / :func:`article_view` — look articles up.
- :func:`article_record` — one article as plain data: everything the lossless JSON
  export holds for it, plus its sentences and where each note sits among them.

The imports that report an outcome (:class:`ImportOutcome`, :class:`ImportResult`)
carry how sure the cleaner was (:class:`~reader.app.cleaning.Cleaning`: its confidence
and its warning), so a front end can tell the user to check a doubtful result.

Every fault of the user or the world comes out as a
:class:`~reader.core.errors.UserError`; anything else is a bug.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.app.cleaning import Cleaning, record_cleaning
from reader.app.progress import NO_PROGRESS, Progress, cancel_event
from reader.app.trash import refuse_if_trashed
from reader.core.errors import UserError
from reader.core.models import Article, CleanArticle, Note, RawInput
from reader.store import Library, ingest

# Re-exported: the front ends name these results without importing the store.
from reader.store.library import ArticleSummary as ArticleSummary
from reader.store.library import UpdateReport as UpdateReport

log = logging.getLogger(__name__)

BLOCK_ACTIONS = ("drop", "keep")


def _is_url(source: str) -> bool:
    """Whether ``source`` names a web page (or another address) rather than a file.

    ``javascript:…``, ``data:…`` and the like count as addresses, so the fetch explains
    what they are, unless a file of that name exists (``C:…`` is a drive letter, hence
    a scheme of two letters at least).
    """
    if source.lower().startswith(("http://", "https://")) or "://" in source[:12]:
        return True
    return bool(_SCHEME_PREFIX.match(source)) and not Path(source).exists()


_SCHEME_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


def _read_source(source: str, progress: Progress = NO_PROGRESS) -> RawInput:
    """The raw input at ``source``: a file path, or a URL fetched (cancellable).

    Raises :class:`~reader.core.errors.InputError` for a file that is missing,
    unreadable, empty or too large, :class:`~reader.core.errors.FetchError` for a page
    that cannot be fetched.
    """
    if _is_url(source):
        from reader.importers.url import fetch_url

        def bytes_done(done: int, total: int | None) -> None:
            progress.report(done, total or 0, "downloading")

        raw = fetch_url(source, cancel=cancel_event(progress), progress=bytes_done)
        for notice in raw.notices:
            # Shown on the command line's stderr and in the window's log.
            log.warning("%s", notice)
        return raw
    from reader.importers.files import read_file

    return read_file(Path(source))


def import_raw(lib: Library, raw: RawInput) -> str:
    """Clean and store ``raw`` as a new article; returns its id."""
    clean = ingest.clean_document(raw)
    article_id = ingest.store_clean(lib, raw, clean)
    record_cleaning(lib, article_id, clean)
    return article_id


def import_source(lib: Library, source: str, progress: Progress = NO_PROGRESS) -> str:
    """Read, clean and store one file or URL; returns the new article's id."""
    return import_raw(lib, _read_source(source, progress))


@dataclass
class ImportResult:
    """What importing several sources did: the new ids, and each failure's message."""

    ids: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, message)
    # What the user should be told about how a source was read (credentials removed …).
    notices: list[str] = field(default_factory=list)
    # How sure the cleaner was of each new article, by id.
    cleaning: dict[str, Cleaning] = field(default_factory=dict)
    # (source, warning) for each new article whose cleaning should be checked.
    warnings: list[tuple[str, str]] = field(default_factory=list)


def import_sources(
    lib: Library, sources: list[str], progress: Progress = NO_PROGRESS
) -> ImportResult:
    """Import files and URLs one after another.

    With one source, its :class:`UserError` is raised (a
    :class:`~reader.core.errors.NoArticleError` carries the text, so the caller can
    offer to keep it).  With several, one that fails does not stop the others: the
    failures are collected.  Stops between sources when ``progress`` is cancelled.
    """
    result = ImportResult()
    for i, source in enumerate(sources):
        if progress.cancelled():
            break
        progress.report(i, len(sources), source)
        try:
            raw = _read_source(source, progress if len(sources) == 1 else NO_PROGRESS)
            clean = ingest.clean_document(raw)
            article_id = ingest.store_clean(lib, raw, clean)
            result.ids.append(article_id)
            result.notices.extend(raw.notices)
            cleaning = result.cleaning[article_id] = record_cleaning(lib, article_id, clean)
            if cleaning.warning is not None:
                result.warnings.append((source, cleaning.warning))
        except UserError as exc:
            if len(sources) == 1:
                raise
            result.failures.append((source, str(exc)))
    progress.report(len(sources), len(sources))
    return result


def import_clipboard(
    lib: Library, text: str | None, html: str | None, *, new: bool = False
) -> ImportOutcome:
    """Store what the clipboard holds as a new article, unless the library has it already
    (the same clean text, or the address a browser's copy carries); the outcome says how
    sure the cleaner was, or names the article already there.

    The HTML flavour is cleaned (and kept as the raw input) when it carries the same
    selection as the plain text; otherwise the text is.  With ``new`` the article is
    stored even when the library has it.  Raises
    :class:`~reader.core.errors.InputError` for an empty or oversized clipboard and
    :class:`~reader.core.errors.NoArticleError` when no article is recognised.
    """
    raw, clean = _clean_clipboard(text, html)
    if not new:
        duplicate = _find_duplicate(lib, clean)
        if duplicate is not None:
            return ImportOutcome(duplicate.article_id, duplicate)
    article_id = ingest.store_clean(lib, raw, clean)
    return ImportOutcome(article_id, cleaning=record_cleaning(lib, article_id, clean))


def update_from_clipboard(
    lib: Library, article_id: str, text: str | None, html: str | None
) -> UpdateReport:
    """Store what the clipboard holds as a new version of an article (notes re-anchored)."""
    refuse_if_trashed(lib, article_id)
    raw, clean = _clean_clipboard(text, html)
    report = ingest.store_version(lib, article_id, raw, clean)
    record_cleaning(lib, article_id, clean)
    return report


def _clean_clipboard(text: str | None, html: str | None) -> tuple[RawInput, CleanArticle]:
    """The clipboard's chosen flavour as raw input, and its article."""
    from reader.core.pipeline import clean_text_input
    from reader.importers.clipboard import choose_flavour

    if not (html or text or "").strip():
        from reader.core.errors import InputError

        raise InputError(
            "The clipboard is empty. Copy the article in your browser "
            "(select all, copy), then paste again."
        )
    choice = choose_flavour(text, html)
    clean = clean_text_input(choice.text, choice.html, url=choice.source_url)
    # The raw input is the flavour that was cleaned (without a browser's CF_HTML header),
    # so cleaning it again later gives the same article.
    pasted = choice.html if choice.html is not None else choice.text
    raw = RawInput(
        pasted.encode("utf-8"),
        "text/html" if choice.html is not None else "text/plain",
        origin="clipboard",
    )
    return raw, clean


def keep_whole_text(lib: Library, text: str, origin: str = "") -> str:
    """Store ``text`` as an article, every line a paragraph (no article was found in it)."""
    return ingest.import_whole_text(lib, text, origin)


def keep_whole_text_as_version(
    lib: Library, article_id: str, text: str, origin: str = ""
) -> UpdateReport:
    """Store ``text`` (no article was found in it) as a new version of an article, every
    line a paragraph: updating an article never makes another one."""
    refuse_if_trashed(lib, article_id)
    return ingest.update_with_whole_text(lib, article_id, text, origin)


def update_from_source(
    lib: Library, article_id: str, source: str, progress: Progress = NO_PROGRESS
) -> UpdateReport:
    """Store the file or page at ``source`` as a new version; notes are re-anchored."""
    refuse_if_trashed(lib, article_id)  # before a fetch that would be for nothing
    return update_from_raw(lib, article_id, _read_source(source, progress))


def update_from_raw(lib: Library, article_id: str, raw: RawInput) -> UpdateReport:
    """Store ``raw`` as a new version of an article; notes are re-anchored.

    The new input's cleaning replaces any doubt about the old one (see
    :func:`~reader.app.cleaning.record_cleaning`)."""
    refuse_if_trashed(lib, article_id)
    clean = ingest.clean_document(raw, lib.block_overrides(article_id))
    report = ingest.store_version(lib, article_id, raw, clean)
    record_cleaning(lib, article_id, clean)
    return report


def reclean(lib: Library, article_id: str) -> UpdateReport:
    """Run the current cleaner again on the stored raw input of an article."""
    refuse_if_trashed(lib, article_id)
    return ingest.reclean(lib, article_id)


def set_block_choice(lib: Library, article_id: str, text: str, action: str | None) -> UpdateReport:
    """Drop a block (``"drop"``), bring a dropped line back (``"keep"``) or forget the
    choice (``None``), then clean the article again."""
    if action is not None and action not in BLOCK_ACTIONS:
        raise ValueError(f"unknown block action {action!r}")
    refuse_if_trashed(lib, article_id)
    lib.set_block_override(article_id, text, action)
    return reclean(lib, article_id)


def clean_source(source: str, *, progress: Progress = NO_PROGRESS) -> CleanArticle:
    """Clean a file or page without storing it."""
    return ingest.clean_document(_read_source(source, progress))


def clean_raw(raw: RawInput) -> CleanArticle:
    """Clean raw input without storing it."""
    return ingest.clean_document(raw)


def duplicates_of(lib: Library, article_id: str) -> list[str]:
    """Other live articles imported from the same URL as ``article_id``, oldest first."""
    url = lib.get_article(article_id).meta.url
    if not url:
        return []
    return [aid for aid in lib.articles_with_url(url) if aid != article_id]


DuplicateReason = Literal["url", "text"]


@dataclass(frozen=True)
class Duplicate:
    """An article already in the library that an import would repeat."""

    article_id: str
    title: str
    reason: DuplicateReason  # the same URL (normalised), or the same clean text

    def describe(self) -> str:
        """One sentence for the user: which article, and why it is the same."""
        why = "the same address" if self.reason == "url" else "the same text"
        return f"This article is already in the library (“{self.title}”, {why})."


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the article to show, and whether it was already there."""

    article_id: str
    duplicate: Duplicate | None = None  # set when nothing was stored
    # What reading the input changed and the user should know (e.g. a user name and
    # password removed from the address).
    notices: tuple[str, ...] = ()
    # How sure the cleaner was of the article (set when it was stored).
    cleaning: Cleaning = Cleaning()

    @property
    def stored(self) -> bool:
        """Whether a new article was stored."""
        return self.duplicate is None


def _find_duplicate(lib: Library, clean: CleanArticle) -> Duplicate | None:
    """The oldest live article with the same URL (see
    :func:`~reader.core.urlnorm.comparable_url`) or the same clean text, or None."""
    from urllib.parse import urlsplit

    from reader.core.models import text_sha256
    from reader.core.urlnorm import comparable_url

    def found(article_id: str, reason: DuplicateReason) -> Duplicate:
        return Duplicate(article_id, lib.get_article(article_id).title, reason)

    url = clean.meta.url
    if url:
        wanted = comparable_url(url)
        host = urlsplit(url.strip()).hostname or ""
        if host:
            for aid, other in lib.live_urls_containing(host):
                if comparable_url(other) == wanted:
                    return found(aid, "url")
    same_text = lib.articles_with_text_hash(text_sha256(clean.text))
    return found(same_text[0], "text") if same_text else None


def import_raw_once(lib: Library, raw: RawInput, *, new: bool = False) -> ImportOutcome:
    """Clean ``raw`` and store it, unless the library already has the article.

    With ``new`` the article is stored even so.  When it is not stored, the outcome
    names the existing article; the window offers to open it or to store the input as
    its new version (:func:`update_from_raw`).
    """
    return import_clean_once(lib, raw, ingest.clean_document(raw), new=new)


def import_clean_once(
    lib: Library, raw: RawInput, clean: CleanArticle, *, new: bool = False
) -> ImportOutcome:
    """:func:`import_raw_once` for input already cleaned (with :func:`clean_raw`), so a
    caller can clean before it opens, or creates, the library."""
    notices = tuple(raw.notices)
    if not new:
        duplicate = _find_duplicate(lib, clean)
        if duplicate is not None:
            return ImportOutcome(duplicate.article_id, duplicate, notices)
    article_id = ingest.store_clean(lib, raw, clean)
    return ImportOutcome(
        article_id, notices=notices, cleaning=record_cleaning(lib, article_id, clean)
    )


def import_source_once(
    lib: Library, source: str, *, new: bool = False, progress: Progress = NO_PROGRESS
) -> ImportOutcome:
    """Read a file or URL and :func:`import_raw_once` it."""
    return import_raw_once(lib, _read_source(source, progress), new=new)


def read_input(source: str, progress: Progress = NO_PROGRESS) -> RawInput:
    """The raw input at a path or URL, read without storing it (the command line cleans
    it before it opens, or creates, a library)."""
    return _read_source(source, progress)


def resolve(lib: Library, id_or_prefix: str) -> str:
    """The full id of the live article whose id starts with ``id_or_prefix``."""
    return lib.resolve_article_id(id_or_prefix)


def list_articles(lib: Library, *, to_check: bool | None = None) -> list[ArticleSummary]:
    """Every live article, newest import first; with ``to_check``, only those whose
    cleaning is (True) or is not (False) doubted and unchecked."""
    return lib.list_articles(to_check=to_check)


@dataclass
class ArticleView:
    """An article as the reader shows it: text, sentences, notes."""

    article: Article
    notes: list[Note]
    sentences: list[tuple[int, int]]  # [start, end) of each sentence, title first

    def sentence_numbers(self, start: int, end: int) -> list[int]:
        """1-based numbers of the sentences that ``[start, end)`` overlaps."""
        return [i + 1 for i, (s, e) in enumerate(self.sentences) if s < end and start < e]


def article_view(lib: Library, article_id: str) -> ArticleView:
    """The article, its live notes in reading order and its sentence spans."""
    from reader.core.segment import sentence_spans

    art = lib.get_article(article_id)
    return ArticleView(art, lib.notes_for_article(article_id), sentence_spans(art.text))


def article_record(lib: Library, article_id: str) -> dict[str, object]:
    """One article as JSON-ready data (``main.py show --json``).

    Everything the lossless JSON export holds for the article (every version with its
    raw input, the notes with every field and source, the block choices), plus what the
    reader shows: the current text's sentences and blocks, and for each note its
    sentence numbers, its current text and anchor state.  ``version_count`` is the
    number of versions (``versions`` is the list).
    """
    from reader.store.dump import export_library

    view = article_view(lib, article_id)
    art = view.article
    [record] = export_library(lib, [article_id], factchecks="linked")["articles"]
    dumped_notes = {n["id"]: n for n in record["notes"]}
    notes = []
    for n in view.notes:
        placed = n.anchor_state != "orphan"
        notes.append(
            {
                **dumped_notes.get(n.id, {}),
                "state": n.anchor_state,
                "quote": n.exact,
                "current_text": art.text[n.start : n.end] if placed else None,
                "sentences": view.sentence_numbers(n.start, n.end) if placed else [],
            }
        )
    return {
        **record,
        "version": art.version,
        "version_count": art.version_count,
        "text_sha256": art.text_sha256,
        "sentences": [art.text[s:e] for s, e in view.sentences],
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in art.blocks],
        "notes": notes,
    }
