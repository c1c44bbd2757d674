"""One note as a Markdown section: which notes and in what order, the heading, the
quote (and a changed note's wordings), conclusion, body, sources, the same claim
elsewhere and the status line."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from reader.core.claim_match import FactCheck
from reader.core.links import link_scheme
from reader.core.models import Article, Note, Source
from reader.core.same_claim import OtherArticle, SameClaim
from reader.core.verdicts import BY_KEY, STATUS_LABELS
from reader.core.verdicts import label as verdict_label
from reader.core.worddiff import (
    RATED_ON_EARLIER_WORDING,
    WordDiff,
    change_heading,
    note_wording,
)
from reader.export.markdown.body import sanitize_body
from reader.export.markdown.escaping import (
    _WHITESPACE,
    _autolink,
    _drop_controls,
    _escape_repeated,
    _link,
    escape_block,
    escape_line,
    link_destination,
)
from reader.export.markdown.markers import _safe_id

NO_VERDICT = "none"
"""Put this key in a ``verdicts`` filter to keep notes that have no verdict yet."""

HEADING_WORDS = 8
HEADING_CHARS = 60

_ANCHOR_NOTICES: dict[str, str] = {
    "orphan": "*Orphaned note: its quote is no longer found in the article text.*",
    "changed": f"*Changed since checked: the verdict was {RATED_ON_EARLIER_WORDING}.*",
}


def reading_order(notes: Iterable[Note]) -> list[Note]:
    """Notes sorted as a reader meets them: by start, then end, then creation time."""
    return sorted(notes, key=lambda n: (n.selector.start, n.selector.end, n.created, n.id))


def select_notes(
    notes: Iterable[Note],
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
) -> list[Note]:
    """Live notes that pass the filters, in reading order.

    ``verdicts`` holds verdict keys (``NO_VERDICT`` keeps notes without one);
    ``statuses`` holds status keys.  ``None`` means no filter.  Notes in the trash
    (``deleted_at`` set) are never exported.
    """
    kept = []
    for note in notes:
        if note.deleted_at:
            continue
        if verdicts is not None and (note.verdict or NO_VERDICT) not in verdicts:
            continue
        if statuses is not None and note.status not in statuses:
            continue
        kept.append(note)
    return reading_order(kept)


def first_words(text: str, *, words: int = HEADING_WORDS, chars: int = HEADING_CHARS) -> str:
    """The opening of a quote for a heading: a few words, "…" when cut."""
    # str.split() splits on exactly the whitespace that \s matches, and in C.
    all_words = _drop_controls(text).split()
    candidates = all_words[: max(words, 0)]
    kept = candidates
    if len(" ".join(candidates)) > chars:
        # Too long: keep words while they fit (a running sum, not a join per word).
        kept = []
        length = -1  # the joined length of ``kept``
        for word in candidates:
            length += 1 + len(word)
            if length > chars:
                break
            kept.append(word)
    if not kept and all_words:
        kept = [all_words[0][:chars]]
    opening = " ".join(kept)
    if kept != all_words:
        opening = opening.rstrip(",;:") + "…"
    return opening


def note_heading(note: Note, number: int) -> str:
    """``## 3. False: "First words…"``."""
    label = _verdict_label(note.verdict)
    return f'## {number}. {_escape_repeated(label)}: "{escape_line(first_words(note.exact))}"'


def _verdict_label(key: str | None) -> str:
    if key and key not in BY_KEY:
        return key
    return verdict_label(key)


def status_text(status: str) -> str:
    """A status key as it reads in a sentence: ``needs_review`` → ``needs review``."""
    return STATUS_LABELS.get(status, status).lower()


@functools.lru_cache(maxsize=4096)  # a library has few tags, on many notes
def tag_text(tag: str) -> str:
    """A tag as ``#word``: inner whitespace becomes ``-`` so the tag stays one token."""
    return "#" + escape_line(_WHITESPACE.sub("-", tag.strip()))


def source_line(number: int, source: Source) -> str:
    """``1. [Title](url) — Publisher, date · archived: <url> · *refutes*`` (the stance
    only when it says something: *supports* or *refutes*)."""
    line = f"{number}. " + _link(source.title, source.url)
    credit = ", ".join([_escape_repeated(p) for p in (source.publisher, source.date) if p.strip()])
    if credit:
        line += " — " + credit
    if source.archive_url.strip():
        line += " · archived: " + _autolink(source.archive_url)
    if source.stance.strip() and source.stance != "context":
        # "context" is every source's stance until the user says more: no news in it.
        line += f" · *{_escape_repeated(source.stance)}*"
    return line


def status_line(note: Note) -> str:
    """``Status: done · Tags: #tag <!-- note <id> -->``."""
    line = f"Status: {_escape_repeated(status_text(note.status))}"
    tags = [tag_text(t) for t in note.tags if t.strip()]
    if tags:
        line += " · Tags: " + " ".join(tags)
    return line + f" <!-- note {_safe_id(note.id)} -->"


def quote_lines(text: str) -> list[str]:
    """The exact quote as blockquote lines."""
    lines = escape_block(text) or [""]
    return [f"> {line}" if line else ">" for line in lines]


def wording_parts(note: Note) -> list[str]:
    """The note's quote; for a ``changed`` note, the wording it was checked on, the
    wording now there and the word diff between them; for an orphan, the checked one."""
    wording = note_wording(note)
    if wording.diff is None:
        quoted = wording.checked if wording.current is None else wording.current
        return ["\n".join(quote_lines(quoted))]
    return [
        "Checked wording:",
        "\n".join(quote_lines(wording.checked)),
        "Current wording:",
        "\n".join(quote_lines(wording.current or "")),
        f"**{change_heading(wording.diff)}:** " + diff_markdown(wording.diff),
    ]


def diff_markdown(diff: WordDiff) -> str:
    """A word diff on one line: removed words ~~struck~~, added words **bold**."""
    out: list[str] = []
    for segment in diff.segments:
        text = segment.new if segment.op == "equal" else (segment.new or segment.old)
        lead = " " if text[:1].isspace() and out else ""
        if segment.op == "equal":
            out.append(lead + escape_line(segment.new))
            continue
        piece = lead
        if segment.old.strip():
            piece += f"~~{escape_line(segment.old)}~~"
        if segment.new.strip():
            piece += (" " if segment.old.strip() else "") + f"**{escape_line(segment.new)}**"
        out.append(piece)
    return "".join(out).strip()


# Python-Markdown merges blockquotes separated only by a blank line; an empty comment
# between our quote and a body that opens with a quote keeps them apart.
_SEPARATOR_COMMENT = "<!-- -->"


def _starts_blockquote(lines: list[str]) -> bool:
    return bool(lines) and lines[0].lstrip(" ").startswith(">")


def exportable_sources(note: Note) -> list[Source]:
    """The note's sources that have something to show: a URL or a title."""
    return [s for s in note.sources if link_destination(s.url) or escape_line(s.title)]


def _web_link(text: str, url: str) -> str:
    """``[text](url)`` for an http(s) address; the text alone for any other."""
    if link_scheme(link_destination(url)) in ("http", "https"):
        return _link(text, url)
    return escape_line(text)


def other_article_line(other: OtherArticle) -> str:
    """``- [Title](url)``: another article carrying the claim (its title alone without
    a web address)."""
    title = other.title if escape_line(other.title) else "Untitled article"
    return f"- {_web_link(title, other.url)}"


def factcheck_line(check: FactCheck) -> str:
    """``- Fact-check by Publisher: *False* — [Headline](url)``."""
    line = "- Fact-check"
    if check.publisher.strip():
        line += " by " + _escape_repeated(check.publisher)
    if check.rating.strip():
        line += f": *{_escape_repeated(check.rating)}*"
    shown = check.title if escape_line(check.title) else first_words(check.claim)
    linked = _web_link(shown, check.url)
    if linked:
        line += f" — {linked}"
    return line


def same_claim_parts(same: SameClaim | None) -> list[str]:
    """ "Also appears in:" and its list: the other articles carrying the note's claim,
    then the fact-checks linked to it (nothing when there are none)."""
    if not same:
        return []
    lines = [other_article_line(a) for a in same.articles]
    lines += [factcheck_line(c) for c in same.factchecks]
    return ["Also appears in:", "\n".join(lines)]


def _note_parts(
    note: Note, article: Article | None = None, same: SameClaim | None = None
) -> list[str]:
    """The paragraphs of a note after its heading (blank-line separated)."""
    from reader.core.text_fragment import link_to_sentence

    parts: list[str] = []
    notice = _ANCHOR_NOTICES.get(note.anchor_state)
    if notice:
        parts.append(notice)
    parts += wording_parts(note)
    # The exact sentence on the original page (a URL text fragment), http(s) only.
    original = link_to_sentence(article.meta.url if article else None, note.exact)
    if original:
        parts.append(f"[On the original page]({link_destination(original)})")
    conclusion = escape_line(note.conclusion)
    if conclusion:
        parts.append(f"**Conclusion:** {conclusion}")
    body = sanitize_body(note.body)
    if body:
        if not conclusion and _starts_blockquote(body):
            parts.append(_SEPARATOR_COMMENT)
        parts.append("\n".join(body))
    sources = exportable_sources(note)
    if sources:
        parts.append("Sources:")
        parts.append("\n".join(source_line(i, s) for i, s in enumerate(sources, 1)))
    parts += same_claim_parts(same)
    parts.append(status_line(note))
    return parts


def note_markdown(
    note: Note, n: int, article: Article | None = None, same: SameClaim | None = None
) -> str:
    """One note as a Markdown section, for "copy note as Markdown".

    With ``article``, the quote is followed by a link to the same sentence on the
    original page (a URL text fragment, when the article has a web address).  With
    ``same``, the other articles and fact-checks of the same claim follow its sources.
    """
    return "\n\n".join([note_heading(note, n), *_note_parts(note, article, same)]) + "\n"
