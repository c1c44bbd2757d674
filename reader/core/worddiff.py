"""What changed between the wording a note was checked on and the wording now there.

A fact-check verdict is a verdict on particular words, so when a note's sentence
changes the reader must see *which* words changed and whether the change can alter the
verdict.  :func:`word_diff` aligns the two wordings word by word (whitespace, quote and
dash styles do not count, as in :func:`reader.core.anchor.same_wording`) and marks each
changed stretch with what it touches:

* ``number``: a figure or a number word ("10,000" → "100,000", "three" → "four");
* ``negation``: "not", "no", "never", "n't" and their kin inserted, removed or swapped;
* ``entity``: a capitalised word that does not start a sentence (a name, a place, an
  organisation: "Lavrov said" → "Peskov said");
* ``quoted``: a word between quotation marks (what someone is reported to have said);
* ``typo``: one word for one nearly identical word, a spelling fix.

The :attr:`WordDiff.severity` sums it up for the reader: ``loud`` when a number, a
negation, a name or a quotation changed (the verdict may no longer hold), ``light`` when
only spelling, punctuation or letter case changed, ``medium`` for any other rewording,
and ``none`` when the wordings are the same.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from reader.core.anchor import normalize_wording
from reader.core.models import Note

__all__ = [
    "NEGATIONS",
    "DiffColours",
    "DiffOp",
    "DiffSegment",
    "LIGHT_DIFF_COLOURS",
    "Mark",
    "Severity",
    "NoteWording",
    "RATED_ON_EARLIER_WORDING",
    "change_heading",
    "change_severity",
    "changed_summary",
    "note_change_severity",
    "WordDiff",
    "mark_labels",
    "note_wording",
    "render_html",
    "render_plain",
    "whole_sentences_changed",
    "word_diff",
]

Mark = Literal["number", "negation", "entity", "quoted", "typo"]
Severity = Literal["none", "light", "medium", "loud"]
DiffOp = Literal["equal", "insert", "delete", "replace"]

NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
        "hardly",
        "barely",
    }
)
"""Words that reverse a claim (besides every word ending in "n't")."""

NUMBER_WORDS = frozenset(
    {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "dozen",
        "dozens",
        "half",
        "twice",
        "percent",
        "once",
        "first",
        "second",
        "third",
        "double",
        "triple",
    }
)
"""Words that state a quantity; a changed one is as loud as a changed figure."""

TYPO_SIMILARITY = 0.75
"""One word replaced by another this similar (characters) is a spelling fix."""

# A word keeps its inner apostrophes, periods and commas between digits or letters, so
# "10,000", "3.5", "U.S." and "don't" are one token each.
_TOKEN = re.compile(r"(?:\w\.){2,}|\w+(?:[.,'\u2019]\w+)*|[^\w\s]")
_OPENING_QUOTES = "\u201c\u2018\u00ab\u201e"
_CLOSING_QUOTES = "\u201d\u2019\u00bb"
_SENTENCE_END = ".!?:\u2026"


@dataclass(frozen=True)
class DiffSegment:
    """A stretch of the two wordings: the same (``equal``) or changed.

    ``old``/``new`` are slices of the two wordings, each with the whitespace before its
    first word, so that joining every segment's ``old`` gives the old wording back
    (and likewise for ``new``).  ``marks`` says what a changed stretch touches.
    """

    op: DiffOp
    old: str
    new: str
    marks: frozenset[Mark] = frozenset()


@dataclass(frozen=True)
class WordDiff:
    """The word diff of two wordings, with its overall severity."""

    old: str
    new: str
    segments: tuple[DiffSegment, ...]
    severity: Severity

    @property
    def marks(self) -> frozenset[Mark]:
        """Every mark of every changed segment."""
        out: set[Mark] = set()
        for segment in self.segments:
            out |= segment.marks
        return frozenset(out)

    @property
    def changed(self) -> bool:
        """Whether the wordings differ (beyond whitespace, quote and dash styles)."""
        return any(s.op != "equal" for s in self.segments)


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    start: int  # of the whitespace before it
    end: int
    quoted: bool
    sentence_start: bool


def _tokens(text: str) -> list[_Token]:
    """The words and punctuation of ``text``, each with the whitespace before it."""
    tokens: list[_Token] = []
    inside_quotes = False
    sentence_start = True
    previous_end = 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        is_quote_mark = word in '"' + _OPENING_QUOTES + _CLOSING_QUOTES
        if is_quote_mark and not (word in "\u2019" and _is_apostrophe(text, match.start())):
            was_inside = inside_quotes
            if word == '"':
                inside_quotes = not inside_quotes
            else:
                inside_quotes = word in _OPENING_QUOTES
            if inside_quotes and not was_inside:
                sentence_start = True  # quoted speech starts with a capital
        tokens.append(
            _Token(
                word,
                normalize_wording(word),
                previous_end,
                match.end(),
                inside_quotes and not is_quote_mark,
                sentence_start,
            )
        )
        previous_end = match.end()
        if word[-1] in _SENTENCE_END:
            sentence_start = True
        elif not is_quote_mark and word not in "([":
            sentence_start = False
    return tokens


def _is_apostrophe(text: str, at: int) -> bool:
    return 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()


def _is_number(word: str) -> bool:
    return any(c.isdigit() for c in word) or word.casefold() in NUMBER_WORDS


def _is_negation(word: str) -> bool:
    folded = normalize_wording(word).casefold()
    return folded in NEGATIONS or folded.endswith("n't")


def _is_entity(token: _Token) -> bool:
    word = token.text
    if word == "I" or word.startswith(("I'", "I\u2019")):
        return False
    return word[:1].isupper() and not token.sentence_start


def _typo_like(old: list[_Token], new: list[_Token]) -> bool:
    """One word for one nearly identical word, or a change of letter case only."""
    if len(old) != 1 or len(new) != 1:
        return False
    a, b = old[0].key, new[0].key
    if a.casefold() == b.casefold():
        return True
    if min(sum(c.isalpha() for c in a), sum(c.isalpha() for c in b)) < 4:
        return False  # "U.S." and "U.K." are as alike as "Kery" and "Kerry"
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= TYPO_SIMILARITY


def _marks(old: list[_Token], new: list[_Token]) -> frozenset[Mark]:
    marks: set[Mark] = set()
    old_words = [t for t in old if t.key[:1].isalnum()]
    new_words = [t for t in new if t.key[:1].isalnum()]
    both = old_words + new_words
    if any(_is_number(t.text) for t in both):
        marks.add("number")
    old_negations = sorted(t.key.casefold() for t in old_words if _is_negation(t.text))
    new_negations = sorted(t.key.casefold() for t in new_words if _is_negation(t.text))
    if old_negations != new_negations:
        marks.add("negation")
    if any(t.quoted for t in both):
        marks.add("quoted")
    if _typo_like(old, new) and not marks & {"number", "negation"}:
        marks.add("typo")
    elif any(_is_entity(t) for t in both):
        marks.add("entity")
    return frozenset(marks)


def _severity(segments: list[DiffSegment]) -> Severity:
    changed = [s for s in segments if s.op != "equal"]
    if not changed:
        return "none"
    marks: set[Mark] = set().union(*(s.marks for s in changed))
    if marks & {"number", "negation", "entity"}:
        return "loud"
    if "quoted" in marks and not all("typo" in s.marks for s in changed):
        return "loud"
    light = all("typo" in s.marks or not re.search(r"\w", s.old + s.new) for s in changed)
    return "light" if light else "medium"


_OPS: dict[str, DiffOp] = {"insert": "insert", "delete": "delete", "replace": "replace"}


def word_diff(old: str, new: str) -> WordDiff:
    """Align ``old`` and ``new`` word by word and mark what each change touches."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(
        None, [t.key for t in old_tokens], [t.key for t in new_tokens], autojunk=False
    )
    segments: list[DiffSegment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = old_tokens[i1:i2], new_tokens[j1:j2]
        old_text = old[old_part[0].start : old_part[-1].end] if old_part else ""
        new_text = new[new_part[0].start : new_part[-1].end] if new_part else ""
        if op == "equal":
            segments.append(DiffSegment("equal", old_text, new_text))
        else:
            marks = _marks(old_part, new_part)
            segments.append(DiffSegment(_OPS[op], old_text, new_text, marks))
    # Whatever follows the last token (trailing whitespace) belongs to no segment;
    # keep the round trip exact by giving it to the last one.
    if not segments:
        segments.append(DiffSegment("equal", old, new))  # no words on either side
    else:
        last = segments[-1]
        old_tail = old[old_tokens[-1].end :] if old_tokens else old
        new_tail = new[new_tokens[-1].end :] if new_tokens else new
        segments[-1] = DiffSegment(last.op, last.old + old_tail, last.new + new_tail, last.marks)
    return WordDiff(old, new, tuple(segments), _severity(segments))


def whole_sentences_changed(diff: WordDiff) -> tuple[Literal["removed", "added"], int] | None:
    """Whether ``diff`` only takes whole sentences out of the wording (``"removed"``)
    or only puts whole sentences in (``"added"``), and how many; ``None`` for any other
    change.  A note on a run of sentences whose last one the article dropped lost a
    sentence: its other words are as they were checked, and "Reworded" said less."""
    from reader.core.segment import sentence_spans

    def sentences(text: str) -> list[str]:
        return [normalize_wording(text[a:b]) for a, b in sentence_spans(text)]

    old, new = sentences(diff.old), sentences(diff.new)
    if len(old) > len(new) and _is_subsequence(new, old):
        return "removed", len(old) - len(new)
    if len(new) > len(old) and _is_subsequence(old, new):
        return "added", len(new) - len(old)
    return None


def change_heading(diff: WordDiff) -> str:
    """What changed, in a few words for the reader: "Number changed", "Sentence
    removed", "Small change (spelling or punctuation)" or "Reworded".  The note's
    banner, the versions dialog and the exports say it alike (the exports wrote the
    severity, "loud: number", "medium", which meant nothing in a write-up)."""
    sentences = whole_sentences_changed(diff)
    if sentences is not None:
        kind, count = sentences
        return f"{'Sentence' if count == 1 else f'{count} sentences'} {kind}"
    if diff.severity == "loud":
        return f"{', '.join(mark_labels(diff.marks)).capitalize()} changed"
    if diff.severity == "light":
        return "Small change (spelling or punctuation)"
    return "Reworded"


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(any(item == other for other in rest) for item in short)


_MARK_LABELS: dict[Mark, str] = {
    "number": "number",
    "negation": "negation",
    "entity": "name",
    "quoted": "quote",
    "typo": "spelling",
}


def mark_labels(marks: frozenset[Mark]) -> list[str]:
    """Reader-facing names of marks, loudest first."""
    order: list[Mark] = ["negation", "number", "entity", "quoted", "typo"]
    return [_MARK_LABELS[m] for m in order if m in marks]


def render_plain(diff: WordDiff) -> str:
    """The diff as one line of plain text: ``[-old-]{+new+}`` around changed words.

    The new wording reads straight through once the markers and what is inside
    ``[-…-]`` are removed.
    """
    parts: list[str] = []
    for segment in diff.segments:
        if segment.op == "equal":
            parts.append(segment.new)
            continue
        lead = _leading_space(segment.new or segment.old)
        old_words = segment.old.strip()
        new_words = segment.new.strip()
        piece = lead
        if old_words:
            piece += f"[-{old_words}-]"
        if new_words:
            piece += f"{{+{new_words}+}}"
        parts.append(piece)
    return _squash_spaces("".join(parts))


@dataclass(frozen=True)
class DiffColours:
    """The colours :func:`render_html` writes the changed words in, as CSS colours.

    The defaults read on a light background (white paper, a cream banner); a view on a
    dark background passes lighter ones.
    """

    removed: str = "#b71c1c"
    added: str = "#1b5e20"


LIGHT_DIFF_COLOURS = DiffColours()


def render_html(diff: WordDiff, colours: DiffColours = LIGHT_DIFF_COLOURS) -> str:
    """The diff as escaped HTML for a rich-text view: removed words struck through in
    ``colours.removed``, added words bold in ``colours.added``.  Every piece of text is
    escaped, so nothing in an article becomes markup."""
    removed = html.escape(colours.removed, quote=True)
    added = html.escape(colours.added, quote=True)
    out: list[str] = []
    for segment in diff.segments:
        if segment.op == "equal":
            out.append(html.escape(segment.new))
            continue
        lead = " " if (segment.new or segment.old)[:1].isspace() else ""
        old, new = segment.old.strip(), segment.new.strip()
        piece = lead
        if old:
            piece += f'<s style="color:{removed}">{html.escape(old)}</s>'
        if new:
            piece += (" " if old else "") + f'<b style="color:{added}">{html.escape(new)}</b>'
        out.append(piece)
    return "".join(out)


def _leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


RATED_ON_EARLIER_WORDING = "rated on the earlier wording"
"""How a verdict given on words that have since changed is labelled everywhere."""


@dataclass(frozen=True)
class NoteWording:
    """What the reader needs to know about a note's words.

    ``current`` is the text at the note's place now (``None`` for an orphan, which has
    no place); ``checked`` the text its verdict was given on (the original, or a
    wording accepted since); ``original`` the text it was first written on.  ``diff``
    compares ``checked`` with ``current`` for a ``changed`` note, else it is ``None``.
    """

    state: str
    current: str | None
    checked: str
    original: str
    diff: WordDiff | None

    @property
    def rated_on_earlier_wording(self) -> bool:
        """Whether the verdict stands on words that are no longer there as they were."""
        return self.state == "changed"


def note_wording(note: Note) -> NoteWording:
    """The wordings of ``note`` and, when they changed, their word diff."""
    state = note.anchor_state
    current = None if state == "orphan" else note.selector.exact
    diff = word_diff(note.checked_wording, current) if state == "changed" and current else None
    return NoteWording(state, current, note.checked_wording, note.original_wording, diff)


def changed_summary(wording: NoteWording) -> str | None:
    """One plain-text paragraph for a ``changed`` note (``None`` otherwise): the words
    the verdict was rated on, the words now there, and what changed."""
    if wording.diff is None:
        return None
    return (
        f"Verdict {RATED_ON_EARLIER_WORDING}: “{_squash_spaces(wording.checked)}”. "
        f"The article now reads: “{_squash_spaces(wording.current or '')}”. "
        f"{change_heading(wording.diff)}: {render_plain(wording.diff)}"
    )


@lru_cache(maxsize=4096)
def change_severity(checked: str, current: str) -> Severity:
    """The severity of the change from ``checked`` to ``current`` (cached: views ask on
    every repaint)."""
    return word_diff(checked, current).severity


def note_change_severity(note: Note) -> Severity:
    """How loud the change of a note's words is: ``none`` unless it is ``changed``."""
    if note.anchor_state != "changed":
        return "none"
    severity = change_severity(note.checked_wording, note.selector.exact)
    # Same words yet changed: a note from before wordings were kept (its "drifted"),
    # whose checked words are lost.  Still never invisible.
    return "medium" if severity == "none" else severity
