"""A whole Markdown document for one article: front matter, title and the managed
block of note sections; and the notes alone as clean Markdown for the clipboard."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone

from reader.core.models import Article, Note
from reader.core.same_claim import NOTHING, SameClaims
from reader.export.markdown.escaping import escape_line, yaml_string
from reader.export.markdown.markers import marker_begin, marker_end
from reader.export.markdown.notes import note_markdown, select_notes

FRONT_MATTER_KEYS: tuple[str, ...] = (
    "id",
    "title",
    "site",
    "url",
    "published",
    "text_sha256",
    "exported",
)


def now_iso() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def front_matter_values(article: Article, exported: str) -> dict[str, str | None]:
    """The front-matter keys we own and their values."""
    meta = article.meta
    return {
        "id": article.id,
        "title": meta.title,
        "site": meta.site_name,
        "url": meta.url,
        "published": meta.published,
        "text_sha256": article.text_sha256,
        "exported": exported,
    }


def front_matter(article: Article, exported: str | None = None) -> str:
    """The YAML front matter, ``---`` lines included, ending with a newline.

    A key without a value (no site name, no URL …) is left out, not written ``null``.
    """
    values = front_matter_values(article, exported or now_iso())
    lines = [
        "---",
        *(f"{key}: {yaml_string(value)}" for key, value in values.items() if _has_value(value)),
        "---",
    ]
    return "\n".join(lines) + "\n"


def _has_value(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def title_text(article: Article) -> str:
    """The article title, or a placeholder so the heading is never empty."""
    return article.meta.title if escape_line(article.meta.title) else "Untitled article"


_NOTE_ID_COMMENT = re.compile(r" <!-- note [^>]*-->$", re.MULTILINE)


def without_note_ids(markdown: str) -> str:
    """``markdown`` without the ``<!-- note … -->`` ids that re-exports find notes by
    (clean text for the clipboard)."""
    return _NOTE_ID_COMMENT.sub("", markdown)


def notes_markdown(
    article: Article,
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The article's notes as clean Markdown to paste elsewhere ("Copy all notes"):
    the title and one section per note, without front matter, block markers or note
    ids."""
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    sections = [
        note_markdown(note, i, article, same.get(note.id)).rstrip("\n")
        for i, note in enumerate(selected, 1)
    ]
    body = "\n\n".join(sections) if sections else "*No notes.*"
    return without_note_ids(f"# {escape_line(title_text(article))}\n\n{body}\n")


def managed_block(
    article: Article,
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The notes between our begin and end markers (markers included, no final newline)."""
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    sections = [
        note_markdown(note, i, article, same.get(note.id)).rstrip("\n")
        for i, note in enumerate(selected, 1)
    ]
    inner = "\n\n".join(sections) if sections else "*No notes to export.*"
    return f"{marker_begin(article.id)}\n{inner}\n\n{marker_end(article.id, inner)}"


def export_markdown(
    article: Article,
    notes: Iterable[Note],
    *,
    exported: str | None = None,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The Markdown export of an article's notes.

    ``same`` holds, by note id, the other articles and fact-checks of each note's claim
    (listed under "Also appears in:" after its sources).
    """
    block = managed_block(article, notes, verdicts=verdicts, statuses=statuses, same=same)
    return (
        front_matter(article, exported) + f"# {escape_line(title_text(article))}\n\n" + block + "\n"
    )
