"""Re-anchoring benchmark: accuracy on the edit corpus, and speed on a long article.

Run with ``python -m tests.bench.anchoring``.

Accuracy: every edit of ``tests/core/anchor_corpus`` (see ``edits.py`` there), a note on
every sentence and every pair of adjacent sentences; prints the figures the targets are
stated in and, for each edit of a note's sentence, its expected states and the share of
each state, beside the same figures for the algorithm before states meant what they say
(``_anchor_baseline.py``, a frozen copy; its ``drifted`` counted as ``changed``).  Twice:
on the six articles the thresholds were tuned on, and on the held-out articles in
``tests/core/anchor_corpus/held_out`` that nothing was tuned on.

Speed: a long article (the team's extraction benchmark bodies joined, when ``../shared``
is present; otherwise our corpus articles repeated with numbered variations), 300 notes,
then a new version with typo fixes, deletions, insertions, moves and a paragraph move.
Our ``reanchor_all`` is timed next to two baselines computed in the same run: exact
search only (``str.find``, fast but blind to any change), and a naive fuzzy search that
scores every sentence with ``difflib`` for each note the exact search misses.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from reader.core.anchor import AnchorResult, make_selector, reanchor_all
from reader.core.models import Selector, word_count
from reader.core.segment import sentence_spans
from tests.bench import _anchor_baseline
from tests.core.anchor_corpus.edits import (
    EXPECTED,
    build_cases,
    evaluate,
    figures,
    load_corpus,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TARGET_WORDS = 20_000
NOTES = 300


def baseline_reanchor_all(selectors: list[Selector], text: str) -> list[AnchorResult]:
    """Today's algorithm as a user saw it: its ``drifted`` shown as ``changed``."""
    return [
        AnchorResult(
            "changed" if r.state == "drifted" else r.state,  # type: ignore[arg-type]
            r.start,
            r.end,
            r.score,
            r.selector,
            certain=r.state == "ok",
        )
        for r in _anchor_baseline.reanchor_all(selectors, text)
    ]


_CATEGORY_ORDER = (
    "unchanged",
    "moved",
    "typo",
    "number",
    "negation",
    "speaker",
    "word_change",
    "reworded",
    "partly_deleted",
    "pair_split",
    "deleted",
)


def _share(states: Counter[str], state: str) -> str:
    total = sum(states.values())
    return f"{states[state] / total:6.1%}" if total else "     -"


def accuracy(held_out: bool) -> None:
    label = "held-out articles" if held_out else "tuning articles"
    cases = build_cases(held_out=held_out)
    started = time.perf_counter()
    ours = figures(evaluate(cases))
    elapsed = time.perf_counter() - started
    base = figures(evaluate(cases, baseline_reanchor_all))
    print(f"\nEdit corpus, {label}: {ours.cases} edited versions, {ours.notes} notes")
    print(f"  ({elapsed:.1f} s for ours)                   ours   baseline   target")
    print(f"  notes on a wrong sentence:        {ours.wrong:8}   {base.wrong:8}   0")
    print(
        f"  changed words reported ok:        {ours.changed_reported_ok:8}"
        f"   {base.changed_reported_ok:8}   0"
    )
    print(
        f"  unchanged sentences ok:           {ours.unchanged_ok:8.2%}"
        f"   {base.unchanged_ok:8.2%}   >= 99.5 %"
    )
    print(
        f"  deleted sentences orphan:         {ours.deleted_orphan:8.2%}"
        f"   {base.deleted_orphan:8.2%}   100 %"
    )
    print(f"  partial runs (own sentences only): {ours.partial:7}   {base.partial:8}")
    print(f"  placed on an identical twin:      {ours.twins:8}   {base.twins:8}")
    print(
        "  by edit of the note's sentence    expected        ours: ok changed orphan"
        "   baseline: ok changed orphan"
    )
    for category in _CATEGORY_ORDER:
        states = ours.by_category.get(category)
        if not states:
            continue
        old = base.by_category.get(category, Counter())
        expected = "/".join(sorted(EXPECTED[category]))
        print(
            f"    {category:<16} {expected:>16} (n={sum(states.values()):5})"
            f" {_share(states, 'ok')} {_share(states, 'changed')} {_share(states, 'orphan')}"
            f"   {_share(old, 'ok')} {_share(old, 'changed')} {_share(old, 'orphan')}"
        )


def long_article() -> str:
    """About TARGET_WORDS words of article prose, paragraphs separated by blank lines."""
    truth = SHARED / "bench" / "extraction" / "ground-truth.json"
    paragraphs: list[str] = []
    if truth.is_file():
        bodies = json.loads(truth.read_text(encoding="utf-8"))
        for entry in bodies.values():
            body = entry.get("articleBody") or ""
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
            if word_count("\n\n".join(paragraphs)) >= TARGET_WORDS:
                break
    else:
        copy = 0
        while word_count("\n\n".join(paragraphs)) < TARGET_WORDS:
            copy += 1
            for corpus in load_corpus():
                for paragraph in corpus.paragraphs[1:]:
                    paragraphs.append(" ".join(f"{s.text[:-1]} (part {copy})." for s in paragraph))
    return "\n\n".join(paragraphs)


def edited(text: str, rng: random.Random) -> str:
    """A new version: 200 typo fixes, 60 deletions, 60 insertions, 30 sentence moves and
    a paragraph move."""
    spans = sentence_spans(text)
    sentences = [text[s:e] for s, e in spans]
    gaps = [text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)] + [""]
    for i in rng.sample(range(len(sentences)), 200):
        words = list(re.finditer(r"[a-z]{5,}", sentences[i]))
        if words:
            w = rng.choice(words)
            at = rng.randrange(w.start() + 1, w.end() - 1)
            s = sentences[i]
            sentences[i] = s[:at] + s[at + 1] + s[at] + s[at + 2 :]
    for i in sorted(rng.sample(range(len(sentences)), 60), reverse=True):
        sentences[i] = ""
    for i in rng.sample(range(len(sentences)), 60):
        sentences[i] += " The figures were later revised by the agency."
    for _ in range(30):
        i, j = rng.sample(range(len(sentences)), 2)
        sentences[j] = sentences[j] + " " + sentences[i] if sentences[i] else sentences[j]
        sentences[i] = ""
    out = "".join(s + g for s, g in zip(sentences, gaps) if s or "\n" in g)
    paragraphs = [p for p in re.split(r"\n\s*\n", out) if p.strip()]
    moved = paragraphs.pop(rng.randrange(len(paragraphs)))
    paragraphs.insert(rng.randrange(len(paragraphs)), moved)
    return "\n\n".join(p.strip() for p in paragraphs)


def exact_only(selectors: list[Selector], text: str) -> int:
    return sum(text.find(s.exact) >= 0 for s in selectors)


def naive_fuzzy(selector: Selector, sentences: list[str]) -> float:
    return max(SequenceMatcher(None, selector.exact, s, autojunk=False).ratio() for s in sentences)


def speed() -> None:
    rng = random.Random(7)
    old = long_article()
    spans = sentence_spans(old)
    chosen = sorted(rng.sample(range(len(spans)), min(NOTES, len(spans))))
    selectors = [make_selector(old, *spans[i], spans) for i in chosen]
    new = edited(old, rng)
    print(f"\nSpeed: {word_count(old):,} words, {len(spans):,} sentences, {len(selectors)} notes")

    def best_of(runs: int, work: object) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            work()  # type: ignore[operator]
            times.append(time.perf_counter() - started)
        return min(times)

    unchanged = best_of(3, lambda: reanchor_all(selectors, old))
    ours = best_of(3, lambda: reanchor_all(selectors, new))
    results = reanchor_all(selectors, new)
    states = {s: sum(r.state == s for r in results) for s in ("ok", "changed", "orphan")}
    found = exact_only(selectors, new)
    exact_time = best_of(3, lambda: exact_only(selectors, new))
    misses = [s for s in selectors if new.find(s.exact) < 0]
    new_sentences = [new[s:e] for s, e in sentence_spans(new)]
    sample = misses[:5]
    per_note = best_of(1, lambda: [naive_fuzzy(s, new_sentences) for s in sample]) / max(
        1, len(sample)
    )
    print(f"  reanchor_all, same text:         {unchanged * 1000:8.1f} ms")
    print(
        f"  reanchor_all, edited text:       {ours * 1000:8.1f} ms   "
        f"(ok {states['ok']}, changed {states['changed']}, orphan {states['orphan']})"
    )
    print(
        f"  baseline exact search only:      {exact_time * 1000:8.1f} ms   "
        f"(found {found}, lost {len(selectors) - found})"
    )
    print(
        f"  baseline naive difflib search:   {(exact_time + per_note * len(misses)) * 1000:8.1f} ms"
        f"   ({per_note * 1000:.0f} ms for each of the {len(misses)} notes not found exactly)"
    )


def main() -> None:
    accuracy(held_out=False)
    accuracy(held_out=True)
    speed()


if __name__ == "__main__":
    main()
