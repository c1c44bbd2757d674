"""The annotated export: the whole clean article with noted passages in bold and the
notes as footnotes, inside the same managed block as the plain export."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from reader.core.models import Article, Note
from reader.core.same_claim import NOTHING, SameClaim, SameClaims
from reader.export.markdown.body import sanitize_body
from reader.export.markdown.document import front_matter, title_text
from reader.export.markdown.escaping import _WHITESPACE, escape_line, escape_text
from reader.export.markdown.markers import marker_begin, marker_end
from reader.export.markdown.notes import (
    _ANCHOR_NOTICES,
    _SEPARATOR_COMMENT,
    _starts_blockquote,
    _verdict_label,
    exportable_sources,
    first_words,
    same_claim_parts,
    select_notes,
    source_line,
    status_line,
    wording_parts,
)


def _block_prefix(kind: str) -> str:
    return {"title": "# ", "heading": "## ", "quote": "> ", "list_item": "- "}.get(kind, "")


def _annotated_block(
    article: Article,
    start: int,
    end: int,
    kind: str,
    spans: Sequence[tuple[int, int]],
    refs: dict[int, list[int]],
) -> str:
    """One block of the article with noted ranges in bold and footnote refs."""
    text = article.text
    points = {start, end}
    for s, e in spans:
        points.update(p for p in (s, e) if start < p < end)
    points.update(p for p in refs if start < p <= end)
    ordered = sorted(points)
    pieces: list[str] = []
    at_line_start = True
    single_line = kind in ("title", "heading")
    bold: list[str] = []

    def emit(raw: str, covered: bool) -> None:
        nonlocal at_line_start
        if single_line:
            raw = raw.replace("\n", " ")
        if covered and raw.strip():
            lead = raw[: len(raw) - len(raw.lstrip())]
            trail = raw[len(raw.rstrip()) :]
            core = raw.strip()
            pieces.append(escape_text(lead, at_line_start=at_line_start))
            at_line_start = at_line_start and not lead.strip() and "\n" not in lead
            pieces.append("**" + escape_text(core, at_line_start=False) + "**")
            pieces.append(escape_text(trail, at_line_start=False) if trail else "")
        else:
            pieces.append(escape_text(raw, at_line_start=at_line_start))
        at_line_start = raw.endswith("\n")

    for a, b in itertools.pairwise(ordered):
        covered = any(s <= a and b <= e for s, e in spans)
        if covered:
            bold.append(text[a:b])
        else:
            if bold:
                emit("".join(bold), True)
                bold = []
            emit(text[a:b], False)
        if b in refs:
            if bold:
                emit("".join(bold), True)
                bold = []
            pieces.append("".join(f"[^{n}]" for n in refs[b]))
            at_line_start = False
    if bold:
        emit("".join(bold), True)
    joined = "".join(pieces)
    if kind == "quote":
        return "\n".join(f"> {line}" if line else ">" for line in joined.split("\n"))
    if kind in ("title", "heading"):
        return _block_prefix(kind) + _WHITESPACE.sub(" ", joined).strip()
    return _block_prefix(kind) + joined


def _indent(lines: Iterable[str]) -> list[str]:
    return [f"    {line}" if line else "" for line in lines]


def _footnote(note: Note, number: int, same: SameClaim | None = None) -> str:
    head = f"**{escape_line(_verdict_label(note.verdict))}**"
    conclusion = escape_line(note.conclusion)
    if conclusion:
        head += f" — {conclusion}"
    lines = [f"[^{number}]: {head}"]
    paragraphs: list[list[str]] = []
    notice = _ANCHOR_NOTICES.get(note.anchor_state)
    if notice:
        paragraphs.append([notice])
        paragraphs += [part.split("\n") for part in wording_parts(note)]
    body = sanitize_body(note.body, in_footnote=True)
    if body:
        if notice and _starts_blockquote(body):
            paragraphs.append([_SEPARATOR_COMMENT])
        paragraphs.append(body)
    sources = exportable_sources(note)
    if sources:
        paragraphs.append(["Sources:"])
        paragraphs.append([source_line(i, s) for i, s in enumerate(sources, 1)])
    paragraphs += [part.split("\n") for part in same_claim_parts(same)]
    paragraphs.append([status_line(note)])
    for paragraph in paragraphs:
        lines.append("")
        lines.extend(_indent(paragraph))
    return "\n".join(lines)


def _is_anchored(note: Note, text_length: int) -> bool:
    s, e = note.selector.start, note.selector.end
    return note.anchor_state != "orphan" and 0 <= s < e <= text_length


def export_annotated(
    article: Article,
    notes: Iterable[Note],
    *,
    exported: str | None = None,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    same: SameClaims = NOTHING,
) -> str:
    """The whole clean article with noted passages in bold and the notes as footnotes.

    Footnote numbers follow the same reading order as :func:`export_markdown`.  Notes
    whose quote is no longer in the text (orphans) are listed after the article so
    their footnotes stay reachable.  The article and footnotes sit inside the managed
    markers, so the same merge rules apply on re-export.
    """
    selected = select_notes(notes, verdicts=verdicts, statuses=statuses)
    numbered = list(enumerate(selected, 1))
    text_length = len(article.text)
    anchored = [(n, note) for n, note in numbered if _is_anchored(note, text_length)]
    orphans = [(n, note) for n, note in numbered if not _is_anchored(note, text_length)]

    blocks = [(b.start, b.end, b.kind) for b in article.blocks] or [(0, text_length, "paragraph")]
    refs: dict[int, list[int]] = {}
    for n, note in anchored:
        s, e = note.selector.start, note.selector.end
        overlapping = [(bs, be) for bs, be, _ in blocks if bs < e and s < be]
        if not overlapping:
            orphans.append((n, note))
            continue
        refs.setdefault(min(e, overlapping[-1][1]), []).append(n)
    orphans.sort()
    spans = [(note.selector.start, note.selector.end) for _, note in anchored]

    parts: list[str] = []
    if blocks[0][2] != "title":
        parts.append(f"# {escape_line(title_text(article))}")
    for start, end, kind in blocks:
        if start < end:
            parts.append(_annotated_block(article, start, end, kind, spans, refs))
    if orphans:
        parts.append("## Notes no longer anchored in the text")
        parts.append(
            "\n".join(f'- "{escape_line(first_words(note.exact))}"[^{n}]' for n, note in orphans)
        )
    parts.extend(_footnote(note, n, same.get(note.id)) for n, note in numbered)
    inner = "\n\n".join(parts)
    return (
        front_matter(article, exported)
        + "\n"
        + f"{marker_begin(article.id)}\n{inner}\n\n{marker_end(article.id, inner)}\n"
    )
