"""Annotations in and out: W3C Web Annotation / Hypothesis files become notes, and notes
become W3C annotations (one collection per article, or JSON Lines for a whole library).

Import, for each annotation of the file (:mod:`reader.importers.annotations` reads it):

1. The article is the live one whose URL has the same comparable form as the target's
   source (:func:`reader.core.urlnorm.comparable_url`: ``utm_*``, a trailing slash and
   ``http``/``https`` do not matter), or whose ``urn:uuid`` it is (our export of an
   article that has no URL: found only in a library that holds that very article, such
   as one restored from a JSON export).
2. The note is anchored by the same machinery as re-anchoring
   (:func:`reader.core.anchor.reanchor_all`, all notes of one article together): the
   quote with its prefix and suffix first, the position as a hint only.  When the
   target's ``state`` names the article's current clean text (our own export) and the
   position holds the quote, the position is exact.  Whatever state the machinery gives
   is kept; a note it cannot place is stored as an orphan (kept, shown apart) and listed
   as "quote not found".
3. The original annotation id is stored as the note's external id, so importing the
   same file again adds nothing twice.  An id ``urn:uuid:<uuid>`` that no note has yet
   becomes the note's own id, so that export → import → export gives the same
   annotations.

Annotations with no article in the library are counted, with the first few of their
ids and their pages (:meth:`AnnotationImportReport.skipped_summary`), never dropped
silently; the window offers to import those articles first, the command line prints
the command that does.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.anchor import reanchor_all
from reader.core.models import Article, Note, Selector, Source, text_sha256
from reader.core.urlnorm import comparable_url
from reader.export.annotations import clean_text_state, iter_annotation_lines
from reader.importers.annotations import (
    ImportedAnnotation,
    ParsedAnnotations,
    read_annotation_file,
)
from reader.store.library import Library, new_id, now_iso

log = logging.getLogger(__name__)

__all__ = [
    "AnnotationImportReport",
    "annotation_lines",
    "export_annotation_lines",
    "import_annotation_file",
    "import_annotations",
]

NOT_FOUND = "quote not found"
SHOWN_IDS = 3  # annotations named in the summary of those skipped; the rest counted


@dataclass
class Unplaced:
    """An annotation that did not become a note on its text, and why."""

    label: str
    reason: str
    url: str = ""
    ref: str = ""  # how a summary names it: its id, else its quote


@dataclass
class AnnotationImportReport:
    """What an import did: notes added (by anchor state), duplicates skipped, and the
    annotations that found no article or no text, with the reason."""

    added: list[str] = field(default_factory=list)
    states: Counter[str] = field(default_factory=Counter)
    already: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def missing_urls(self) -> list[str]:
        """The web pages whose article is not in the library, each once, in file order
        (the ones an article could be imported from)."""
        return list(
            dict.fromkeys(
                u.url
                for u in self.unplaced
                if u.reason != NOT_FOUND and u.url.lower().startswith(("http://", "https://"))
            )
        )

    def summary(self) -> str:
        """One line: how many notes were added, in which states, and what was skipped."""
        count = len(self.added)
        parts = [f"{count} note{'' if count == 1 else 's'} added"]
        if self.added:
            parts[0] += " (" + ", ".join(f"{n} {s}" for s, n in sorted(self.states.items())) + ")"
        if self.already:
            parts.append(f"{self.already} already in the library")
        missing = len(self._without_article())
        if missing:
            parts.append(f"{missing} without an article")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        return "; ".join(parts) + "."

    def skipped_summary(self) -> str:
        """One sentence on the annotations skipped because the page they were made on is
        not in the library: how many, the first few by id, on how many pages ("" if
        none).  A file of annotations on pages never imported would otherwise give a
        line per annotation."""
        skipped = self._without_article()
        if not skipped:
            return ""
        count, pages = len(skipped), len({u.url for u in skipped})
        named = ", ".join(u.ref for u in skipped[:SHOWN_IDS])
        if count > SHOWN_IDS:
            named += f" and {count - SHOWN_IDS} more"
        if count == 1:
            whose = "its page is"
        else:
            whose = "their page is" if pages == 1 else f"their {pages} pages are"
        what = "annotation" if count == 1 else "annotations"
        return f"Skipped {count} {what} ({named}): {whose} not in the library."

    def details(self) -> list[str]:
        """One line per note imported as an orphan, and per object that was no
        annotation, with its reason (those without an article: :meth:`skipped_summary`)."""
        lines = [
            f"{u.label}: {u.reason} (kept as an orphan note)"
            for u in self.unplaced
            if u.reason == NOT_FOUND
        ]
        return lines + self.problems

    def _without_article(self) -> list[Unplaced]:
        return [u for u in self.unplaced if u.reason != NOT_FOUND]


def import_annotation_file(lib: Library, path: str | Path) -> AnnotationImportReport:
    """Import every annotation of the file at ``path`` (see the module docstring)."""
    return import_annotations(lib, read_annotation_file(path))


def import_annotations(lib: Library, parsed: ParsedAnnotations) -> AnnotationImportReport:
    """Turn parsed annotations into notes on the library's articles."""
    report = AnnotationImportReport(problems=list(parsed.problems))
    articles = _articles_by_source(lib)
    known = lib.external_note_ids([a.external_id for a in parsed.annotations if a.external_id])
    by_article: dict[str, list[ImportedAnnotation]] = defaultdict(list)
    seen: set[str] = set()
    for record in parsed.annotations:
        if record.external_id and (record.external_id in known or record.external_id in seen):
            report.already += 1
            continue
        own_id = _uuid_of(record.external_id)
        if own_id and _note_exists(lib, own_id):
            report.already += 1  # our own export, back in the library it came from
            continue
        if record.external_id:
            seen.add(record.external_id)
        article_id = articles.get(comparable_url(record.source))
        if article_id is None:
            shown = record.source or "(none)"
            ref = record.external_id or record.label
            report.unplaced.append(
                Unplaced(record.label, f"no article for URL {shown}", record.source, ref)
            )
            continue
        by_article[article_id].append(record)
    for article_id, records in by_article.items():
        _import_into(lib, lib.get_article(article_id), records, report)
    log.info("annotation import: %s", report.summary())
    return report


def annotation_lines(
    lib: Library, article_ids: Iterable[str], *, author: str | None = None
) -> Iterator[str]:
    """JSON Lines of the articles' notes, loading one article at a time (streams)."""
    for article_id in article_ids:
        article = lib.get_article(article_id)
        yield from iter_annotation_lines(
            [(article, lib.notes_for_article(article_id))], author=author
        )


def export_annotation_lines(
    lib: Library,
    article_ids: Iterable[str],
    path: Path,
    *,
    author: str | None = None,
    force: bool = False,
) -> None:
    """Write the JSON Lines of the articles' notes to ``path``, atomically and streamed.

    An existing file is replaced only when it is one of our exports, or with ``force``
    (as every JSON export: :func:`reader.app.exports.write_text_file`).
    """
    from reader.app.exports import write_text_file

    write_text_file(path, annotation_lines(lib, article_ids, author=author), force=force)


# --------------------------------------------------------------------------- helpers


def _articles_by_source(lib: Library) -> dict[str, str]:
    """Comparable URL (and ``urn:uuid:<id>``) → id of the live article it names."""
    found: dict[str, str] = {}
    # Oldest first, so that of two copies of one page the first imported wins.
    for summary in sorted(lib.list_articles(), key=lambda s: (s.created, s.id)):
        found[f"urn:uuid:{summary.id}"] = summary.id
        if summary.url:
            found.setdefault(comparable_url(summary.url), summary.id)
    return found


def _uuid_of(external_id: str) -> str | None:
    if not external_id.lower().startswith("urn:uuid:"):
        return None
    try:
        return str(uuid.UUID(external_id[len("urn:uuid:") :]))
    except ValueError:
        return None


def _note_exists(lib: Library, note_id: str) -> bool:
    from reader.core.errors import NotFoundError

    try:
        lib.get_note(note_id)
    except NotFoundError:
        return False
    return True


def _hint(record: ImportedAnnotation, article: Article, state: str) -> Selector:
    """The record's selector, with the text hash when its position is exact."""
    start, end = record.start, record.end
    if start is not None and end is not None:
        # Other tools count in the page text; clamp so that an orphan's offsets stay
        # inside our text.
        start, end = min(start, len(article.text)), min(end, len(article.text))
    exact_position = (
        start is not None
        and end is not None
        and record.text_state == state
        and article.text[start:end] == record.exact
    )
    return Selector(
        start if start is not None else 0,
        end if end is not None else 0,
        record.exact,
        record.prefix,
        record.suffix,
        text_sha256(article.text) if exact_position else "",
    )


def _import_into(
    lib: Library,
    article: Article,
    records: list[ImportedAnnotation],
    report: AnnotationImportReport,
) -> None:
    state = clean_text_state(article.text)
    hints = [_hint(r, article, state) for r in records]
    results = reanchor_all(hints, article.text)
    stamp = now_iso()
    for record, hint, result in zip(records, hints, results):
        own_id = _uuid_of(record.external_id)
        placed = result.state != "orphan"
        note = Note(
            id=own_id or new_id(),
            article_id=article.id,
            selector=result.selector if placed else hint,
            anchor_state=result.state,
            # The annotation's quote is the wording its author judged; where the
            # article's words now differ, the note shows both.
            original_exact=record.exact,
            checked_exact=record.exact,
            verdict=record.verdict,
            conclusion=record.conclusion,
            body=record.body,
            tags=list(record.tags),
            sources=[Source(url=url, title=title) for url, title in record.links],
            created=record.created or stamp,
            updated=record.modified or record.created or stamp,
        )
        lib.add_imported_note(note, external_id=record.external_id or None)
        report.added.append(note.id)
        report.states[result.state] += 1
        if not placed:
            report.unplaced.append(Unplaced(record.label, NOT_FOUND, record.source))
