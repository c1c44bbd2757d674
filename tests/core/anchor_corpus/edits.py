"""Edits of our corpus articles with known outcomes, and the scoring of re-anchoring.

An article is a list of paragraphs, each a list of :class:`Sentence`.  Every sentence
keeps the id it had in the original, so after any sequence of edits we know where each
original sentence went (or that it was deleted).  A note is put on every sentence and on
every pair of adjacent sentences of a paragraph; :func:`evaluate` re-anchors them all on
the edited text with :func:`reader.core.anchor.reanchor_all` and classifies each
outcome.

A result is *wrong* when it is not an orphan and its range is not where the note's
sentence(s) went.  Each category has its expected states (:data:`EXPECTED`).  The targets: no
wrong result; no note whose words changed reported ``ok``; >= 99.5 % ``ok`` for notes on
unchanged sentences, moved or not.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.anchor import AnchorResult, make_selector, reanchor_all
from reader.core.models import Selector
from reader.core.segment import sentence_spans

CORPUS_DIR = Path(__file__).resolve().parent

Span = tuple[int, int]


@dataclass
class Sentence:
    id: int
    text: str
    reworded: str | None = None
    fates: set[str] = field(default_factory=set)


Paragraphs = list[list[Sentence]]


@dataclass
class Corpus:
    name: str
    paragraphs: Paragraphs


def load_corpus(held_out: bool = False) -> list[Corpus]:
    """Every article of the corpus, sentence ids numbered in reading order.

    ``held_out`` gives the articles kept apart from any tuning (``held_out/``) instead
    of the ones the thresholds were tuned on.
    """
    corpora = []
    folder = CORPUS_DIR / "held_out" if held_out else CORPUS_DIR
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        raw_paragraphs = [[data["title"]], *data["paragraphs"]]
        paragraphs: Paragraphs = []
        next_id = 0
        for raw in raw_paragraphs:
            paragraph = []
            for item in raw:
                text, reworded = (item, None) if isinstance(item, str) else item
                paragraph.append(Sentence(next_id, text, reworded))
                next_id += 1
            paragraphs.append(paragraph)
        corpora.append(Corpus(path.stem, paragraphs))
    return corpora


def render(paragraphs: Paragraphs) -> tuple[str, dict[int, Span], list[list[int]]]:
    """The clean text, each sentence id's span, and the ids of each paragraph in order."""
    parts: list[str] = []
    spans: dict[int, Span] = {}
    order: list[list[int]] = []
    pos = 0
    for p_index, paragraph in enumerate(p for p in paragraphs if p):
        if p_index:
            parts.append("\n\n")
            pos += 2
        ids = []
        for s_index, sentence in enumerate(paragraph):
            if s_index:
                parts.append(" ")
                pos += 1
            spans[sentence.id] = (pos, pos + len(sentence.text))
            parts.append(sentence.text)
            pos += len(sentence.text)
            ids.append(sentence.id)
        order.append(ids)
    return "".join(parts), spans, order


# ----------------------------------------------------------------------------- edits

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FOREIGN_ID = 10_000


def _flat(paragraphs: Paragraphs) -> list[tuple[int, int]]:
    """(paragraph, index) of every sentence, in reading order."""
    return [(p, i) for p, para in enumerate(paragraphs) for i in range(len(para))]


def _typo(rng: random.Random, text: str) -> str:
    words = [m for m in re.finditer(r"[a-z]{4,}", text)]
    for _ in range(rng.choice((1, 1, 2))):
        word = rng.choice(words)
        chars = list(text)
        at = rng.randrange(word.start() + 1, word.end() - 1)
        operation = rng.choice(("swap", "drop", "double", "replace"))
        if operation == "swap":
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
        elif operation == "drop":
            del chars[at]
        elif operation == "double":
            chars.insert(at, chars[at])
        else:
            chars[at] = rng.choice(_LETTERS.replace(chars[at], ""))
        text = "".join(chars)
        words = [m for m in re.finditer(r"[a-z]{4,}", text)]
    return text


_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_AUXILIARY = re.compile(
    r"\b(?:is|was|were|are|has|have|had|will|would|could|can|should|did|does|do|must)\b"
)
_NEGATED = re.compile(r" (?:not|never)\b")
_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Ferreira", "Novak", "Haddad", "Brennan"]


def _changed_number(rng: random.Random, text: str) -> str | None:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return None
    number = rng.choice(numbers)
    digits = number.group()
    # Change one digit, or add a zero: the kind of edit that turns 10,000 into 100,000.
    positions = [i for i, c in enumerate(digits) if c.isdigit()]
    if rng.random() < 0.5:
        at = rng.choice(positions)
        replacement = (
            digits[:at] + rng.choice("123456789".replace(digits[at], "")) + digits[at + 1 :]
        )
    else:
        replacement = digits[: positions[-1] + 1] + "0" + digits[positions[-1] + 1 :]
    return text[: number.start()] + replacement + text[number.end() :]


def _negation_flipped(rng: random.Random, text: str) -> str | None:
    negations = list(_NEGATED.finditer(text))
    if negations:
        negation = rng.choice(negations)
        return text[: negation.start()] + text[negation.end() :]
    auxiliaries = list(_AUXILIARY.finditer(text))
    if not auxiliaries:
        return None
    auxiliary = rng.choice(auxiliaries)
    return text[: auxiliary.end()] + " not" + text[auxiliary.end() :]


def _speaker_renamed(rng: random.Random, text: str) -> str | None:
    # A capitalised word that does not start the sentence (or a quotation): a name.
    names = [
        m
        for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b", text)
        if m.group() not in ("The", "A", "An", "In", "On", "It", "He", "She", "They")
    ]
    if not names:
        return None
    name = rng.choice(names)
    replacement = rng.choice([n for n in _NAMES if n != name.group()])
    return text[: name.start()] + replacement + text[name.end() :]


def _word_change(rng: random.Random, text: str, vocabulary: list[str]) -> str:
    words = [m for m in re.finditer(r"\b[a-z]{4,}\b", text)]
    word = rng.choice(words)
    replacement = rng.choice([w for w in vocabulary if w != word.group()])
    return text[: word.start()] + replacement + text[word.end() :]


class Editor:
    """Applies named edits to a copy of an article; fates record what happened."""

    def __init__(self, paragraphs: Paragraphs, rng: random.Random, foreign: list[str]):
        self.paragraphs = copy.deepcopy(paragraphs)
        self.rng = rng
        self.foreign = foreign
        self.next_id = _FOREIGN_ID
        self.vocabulary = sorted(
            {w for p in paragraphs for s in p for w in re.findall(r"\b[a-z]{4,}\b", s.text)}
        )

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _sentence(self, flat_index: int) -> Sentence:
        p, i = _flat(self.paragraphs)[flat_index]
        return self.paragraphs[p][i]

    def _pop(self, flat_index: int) -> Sentence:
        p, i = _flat(self.paragraphs)[flat_index]
        sentence = self.paragraphs[p].pop(i)
        if not self.paragraphs[p]:
            del self.paragraphs[p]
        return sentence

    def _insert(self, sentence: Sentence, flat_index: int, new_paragraph: bool) -> None:
        """Put ``sentence`` before the sentence now at ``flat_index`` (or at the end)."""
        flat = _flat(self.paragraphs)
        if new_paragraph:
            p = flat[flat_index][0] if flat_index < len(flat) else len(self.paragraphs)
            self.paragraphs.insert(max(1, p), [sentence])
        elif flat_index < len(flat):
            p, i = flat[flat_index]
            self.paragraphs[p].insert(i, sentence)
        else:
            self.paragraphs[-1].append(sentence)

    def count(self) -> int:
        return len(_flat(self.paragraphs))

    # Named edits: each takes a target (a sentence or paragraph index) -------------

    def typo(self, target: int) -> None:
        sentence = self._sentence(target)
        if re.search(r"[a-z]{4,}", sentence.text):
            typed = _typo(self.rng, sentence.text)
            if typed != sentence.text:  # swapping two equal letters changes nothing
                sentence.text = typed
                sentence.fates.add("typo")

    def reword(self, target: int) -> None:
        sentence = self._sentence(target)
        if sentence.reworded:
            sentence.text = sentence.reworded
            sentence.reworded = None
            sentence.fates.add("reworded")

    def word_change(self, target: int) -> None:
        sentence = self._sentence(target)
        if re.search(r"\b[a-z]{4,}\b", sentence.text):
            sentence.text = _word_change(self.rng, sentence.text, self.vocabulary)
            sentence.fates.add("word_change")

    def number_change(self, target: int) -> None:
        self._rewrite(target, "number", _changed_number)

    def negation(self, target: int) -> None:
        self._rewrite(target, "negation", _negation_flipped)

    def speaker_rename(self, target: int) -> None:
        self._rewrite(target, "speaker", _speaker_renamed)

    def _rewrite(
        self, target: int, fate: str, rewrite: Callable[[random.Random, str], str | None]
    ) -> None:
        sentence = self._sentence(target)
        new = rewrite(self.rng, sentence.text)
        if new is not None and new != sentence.text:
            sentence.text = new
            sentence.fates.add(fate)

    def delete(self, target: int) -> None:
        if self.count() > 1:
            self._pop(target)

    def insert(self, target: int) -> None:
        new = Sentence(self._new_id(), self.rng.choice(self.foreign))
        self._insert(new, target, new_paragraph=self.rng.random() < 0.3)

    def move(self, target: int) -> None:
        if self.count() < 3:
            return
        sentence = self._pop(target)
        sentence.fates.add("moved")
        choices = [i for i in range(self.count() + 1) if i != target]
        self._insert(sentence, self.rng.choice(choices), self.rng.random() < 0.3)

    def duplicate(self, target: int) -> None:
        original = self._sentence(target)
        copy_of = Sentence(self._new_id(), original.text)
        choices = [i for i in range(self.count() + 1) if i not in (target, target + 1)]
        self._insert(copy_of, self.rng.choice(choices), self.rng.random() < 0.3)

    def move_paragraph(self, target: int) -> None:
        body = len(self.paragraphs) - 1
        if body < 2:
            return
        source = 1 + target % body
        paragraph = self.paragraphs.pop(source)
        for sentence in paragraph:
            sentence.fates.add("moved")
        destination = self.rng.choice([i for i in range(1, body + 1) if i != source])
        self.paragraphs.insert(destination, paragraph)

    def swap_paragraphs(self, target: int) -> None:
        body = len(self.paragraphs) - 1
        if body < 2:
            return
        first = 1 + target % (body - 1)
        a, b = self.paragraphs[first], self.paragraphs[first + 1]
        for sentence in a + b:
            sentence.fates.add("moved")
        self.paragraphs[first], self.paragraphs[first + 1] = b, a

    def split_paragraph(self, target: int) -> None:
        p = target % len(self.paragraphs)
        paragraph = self.paragraphs[p]
        if len(paragraph) < 2:
            return
        at = self.rng.randrange(1, len(paragraph))
        self.paragraphs[p : p + 1] = [paragraph[:at], paragraph[at:]]

    def merge_paragraphs(self, target: int) -> None:
        body = len(self.paragraphs) - 1
        if body < 2:
            return
        first = 1 + target % (body - 1)
        self.paragraphs[first : first + 2] = [self.paragraphs[first] + self.paragraphs[first + 1]]


SENTENCE_EDITS = (
    "typo",
    "number_change",
    "negation",
    "speaker_rename",
    "reword",
    "word_change",
    "delete",
    "insert",
    "move",
    "duplicate",
)
PARAGRAPH_EDITS = ("move_paragraph", "swap_paragraphs", "split_paragraph", "merge_paragraphs")


@dataclass
class Case:
    corpus: str
    edit: str
    old_text: str
    new_text: str
    old_spans: dict[int, Span]
    new_spans: dict[int, Span]
    old_order: list[list[int]]
    new_order: list[list[int]]
    fates: dict[int, set[str]]


def _make_case(
    corpus: Corpus,
    rng: random.Random,
    foreign: list[str],
    edit_name: str,
    steps: list[tuple[str, int]],
) -> Case:
    """Apply ``steps`` (edit name, target) to a copy of ``corpus``."""
    old_text, old_spans, old_order = render(corpus.paragraphs)
    editor = Editor(corpus.paragraphs, rng, foreign)
    for name, target in steps:
        target = min(target, editor.count() - 1)
        getattr(editor, name)(target)
    new_text, new_spans, new_order = render(editor.paragraphs)
    fates = {s.id: set(s.fates) for p in editor.paragraphs for s in p}
    return Case(
        corpus.name,
        edit_name,
        old_text,
        new_text,
        old_spans,
        new_spans,
        old_order,
        new_order,
        fates,
    )


def build_cases(
    compound_per_article: int = 40,
    typo_passes: int = 2,
    seed: int = 20240611,
    held_out: bool = False,
) -> list[Case]:
    """Every edit at every position of every article, plus random compound edits.

    Typo fixes, the commonest edit, get ``typo_passes`` different random typos each.
    ``held_out`` builds them on the held-out articles (see :func:`load_corpus`).
    """
    corpora = load_corpus(held_out)
    cases: list[Case] = []
    for corpus in corpora:
        foreign = [
            s.text
            for other in corpora
            if other is not corpus
            for p in other.paragraphs[1:]
            for s in p
        ]
        sentences = sum(len(p) for p in corpus.paragraphs)
        rng = random.Random(f"{seed}-{corpus.name}")
        for name in SENTENCE_EDITS:
            passes = typo_passes if name == "typo" else 1
            for _ in range(passes):
                for target in range(sentences):
                    if name == "reword" and not _sentence_at(corpus.paragraphs, target).reworded:
                        continue
                    cases.append(_make_case(corpus, rng, foreign, name, [(name, target)]))
        for name in PARAGRAPH_EDITS:
            for target in range(len(corpus.paragraphs)):
                cases.append(_make_case(corpus, rng, foreign, name, [(name, target)]))
        all_edits = SENTENCE_EDITS + PARAGRAPH_EDITS
        for _ in range(compound_per_article):
            steps = [(rng.choice(all_edits), rng.randrange(sentences)) for _ in range(3)]
            cases.append(_make_case(corpus, rng, foreign, "compound", steps))
    return [c for c in cases if c.new_text != c.old_text]


def _sentence_at(paragraphs: Paragraphs, flat_index: int) -> Sentence:
    p, i = _flat(paragraphs)[flat_index]
    return paragraphs[p][i]


# ------------------------------------------------------------------------ evaluation


@dataclass
class Note:
    members: tuple[int, ...]  # original sentence ids, in order
    selector: Selector


@dataclass
class Outcome:
    case: Case
    note: Note
    category: str
    result: AnchorResult
    wrong: bool
    partial: bool = False
    twin: bool = False

    @property
    def as_expected(self) -> bool:
        return self.result.state in EXPECTED[self.category]


# What each edit of a note's sentence(s) must give.  A note whose words changed may
# never be ``ok``; a rewording beyond recognition may be an orphan; words that did not
# change (even in a moved paragraph) stay ``ok``.
EXPECTED: dict[str, frozenset[str]] = {
    "unchanged": frozenset({"ok"}),
    "moved": frozenset({"ok"}),
    "typo": frozenset({"changed"}),
    "number": frozenset({"changed"}),
    "negation": frozenset({"changed"}),
    "speaker": frozenset({"changed"}),
    "word_change": frozenset({"changed"}),
    "reworded": frozenset({"changed", "orphan"}),
    "partly_deleted": frozenset({"changed", "orphan"}),
    "pair_split": frozenset({"changed", "orphan"}),
    "deleted": frozenset({"orphan"}),
}
UNCHANGED_WORDS = ("unchanged", "moved")
_FATE_ORDER = ("reworded", "word_change", "speaker", "negation", "number", "typo", "moved")


def _category(case: Case, members: tuple[int, ...]) -> str:
    if all(m not in case.new_spans for m in members):
        return "deleted"
    if any(m not in case.new_spans for m in members):
        return "partly_deleted"
    # A paragraph break between the two sentences changes only whitespace.
    if len(members) > 1 and not _adjacent([sum(case.new_order, [])], members):
        return "pair_split"
    fates: set[str] = set().union(*(case.fates[m] for m in members))
    for fate in _FATE_ORDER:
        if fate in fates:
            return fate
    return "unchanged"


def _adjacent(order: list[list[int]], members: tuple[int, ...]) -> bool:
    for paragraph in order:
        for i in range(len(paragraph) - len(members) + 1):
            if tuple(paragraph[i : i + len(members)]) == members:
                return True
    return False


def _allowed_ranges(case: Case, members: tuple[int, ...]) -> tuple[set[Span], set[Span]]:
    """Where the note's sentence(s) went: (the exact range, acceptable partial ranges).

    A non-orphan result must be one of these.  For a run of sentences, the exact range
    runs from the first surviving sentence to the last when they are still in order.  A
    run that covers only some of the note's own sentences, or all of them in another
    order, is *partial*: not wrong (nothing else is covered), but not the full range.
    """
    present = [m for m in members if m in case.new_spans]
    if not present:
        return set(), set()
    if len(members) == 1:
        return {case.new_spans[members[0]]}, set()
    spans = [case.new_spans[m] for m in present]
    exact: set[Span] = set()
    if spans == sorted(spans):
        exact.add((spans[0][0], spans[-1][1]))
    partial: set[Span] = set()
    flat = [sid for paragraph in case.new_order for sid in paragraph]
    for i in range(len(flat)):
        for j in range(i + 1, len(flat) + 1):
            if not all(sid in present for sid in flat[i:j]):
                break
            partial.add((case.new_spans[flat[i]][0], case.new_spans[flat[j - 1]][1]))
    return exact, partial - exact


def _neighbours(order: list[list[int]], texts: dict[int, str], sid: int) -> tuple[str, str]:
    flat = [i for paragraph in order for i in paragraph]
    at = flat.index(sid)
    before = texts[flat[at - 1]] if at > 0 else ""
    after = texts[flat[at + 1]] if at + 1 < len(flat) else ""
    return before, after


def _is_indistinguishable_twin(case: Case, members: tuple[int, ...], found: Span) -> bool:
    """A result on an identical copy of the note's sentence, placed without certainty,
    when the sentence itself lost both of its old neighbours: nothing in a selector can
    tell the two apart, and the words are the same."""
    if len(members) != 1 or members[0] not in case.new_spans:
        return False
    sid = members[0]
    old_texts = {i: case.old_text[s:e] for i, (s, e) in case.old_spans.items()}
    new_texts = {i: case.new_text[s:e] for i, (s, e) in case.new_spans.items()}
    if case.new_text[found[0] : found[1]] != new_texts[sid]:
        return False
    old_before, old_after = _neighbours(case.old_order, old_texts, sid)
    new_before, new_after = _neighbours(case.new_order, new_texts, sid)
    return old_before != new_before and old_after != new_after


def notes_for(case: Case) -> list[Note]:
    """A note on every sentence and on every pair of adjacent sentences in a paragraph."""
    notes = []
    spans = sentence_spans(case.old_text)
    for paragraph in case.old_order:
        for i, sid in enumerate(paragraph):
            start, end = case.old_spans[sid]
            notes.append(Note((sid,), make_selector(case.old_text, start, end, spans)))
            if i + 1 < len(paragraph):
                nid = paragraph[i + 1]
                pair_end = case.old_spans[nid][1]
                notes.append(Note((sid, nid), make_selector(case.old_text, start, pair_end, spans)))
    return notes


def evaluate(
    cases: list[Case],
    anchor: Callable[[list[Selector], str], list[AnchorResult]] = reanchor_all,
) -> list[Outcome]:
    """Re-anchor every note of every case and judge each result."""
    outcomes = []
    for case in cases:
        notes = notes_for(case)
        results = anchor([n.selector for n in notes], case.new_text)
        for note, result in zip(notes, results):
            exact, partial = _allowed_ranges(case, note.members)
            found = (result.start, result.end)
            placed = result.state != "orphan"
            is_partial = placed and found in partial
            twin = (
                placed
                and not result.certain
                and found not in exact
                and _is_indistinguishable_twin(case, note.members, found)
            )
            wrong = placed and found not in exact and not is_partial and not twin
            outcomes.append(
                Outcome(case, note, _category(case, note.members), result, wrong, is_partial, twin)
            )
    return outcomes


@dataclass
class Figures:
    notes: int
    cases: int
    wrong: int
    partial: int
    twins: int
    changed_reported_ok: int  # notes whose words changed, reported ok
    unchanged_ok: float  # share of notes on unchanged words (moved or not) that are ok
    deleted_orphan: float
    by_category: dict[str, Counter[str]]


def figures(outcomes: list[Outcome]) -> Figures:
    """The numbers the targets are stated in."""
    by_category: dict[str, Counter[str]] = {}
    for o in outcomes:
        by_category.setdefault(o.category, Counter())[o.result.state] += 1
    kept = [o for o in outcomes if o.category in UNCHANGED_WORDS]
    deleted = [o for o in outcomes if o.category == "deleted"]
    return Figures(
        notes=len(outcomes),
        cases=len({id(o.case) for o in outcomes}),
        wrong=sum(o.wrong for o in outcomes),
        partial=sum(o.partial for o in outcomes),
        twins=sum(o.twin for o in outcomes),
        changed_reported_ok=sum(
            o.result.state == "ok" and "ok" not in EXPECTED[o.category] for o in outcomes
        ),
        unchanged_ok=sum(o.result.state == "ok" for o in kept) / max(1, len(kept)),
        deleted_orphan=sum(o.result.state == "orphan" for o in deleted) / max(1, len(deleted)),
        by_category=by_category,
    )
