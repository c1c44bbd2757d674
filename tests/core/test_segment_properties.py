"""The contract of ``sentence_spans`` on random Unicode and on random news-like fragments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.segment import sentence_spans

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

# Pieces that exercise every rule of the splitter when shuffled together.
FRAGMENTS = [
    "The",
    " he",
    "U.S.",
    "Mr.",
    "Inc.",
    "a.m.",
    "J.",
    "e.g.",
    "No.",
    "1.",
    "2)",
    "a.",
    "3.14",
    "$10.5",
    ". ",
    "! ",
    "? ",
    "?!",
    "...",
    "…",
    " . . .",
    " . . . .",
    "[...]",
    "[18]",
    '"',
    "”",
    "“",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "(",
    ")",
    "—",
    "–",
    "•",
    "\n",
    "\n\n",
    "\r\n",
    "\u2028",
    "\x0b",
    "\x1c",
    " ",
    "\t",
    "\u00a0",
    "。",
    "！",
    "www.x.org",
    "x@y.z",
    "said",
    "Lavrov",
    "I",
    "Then",
    "ά",
    "\u0301",
    "שלום",
    "🙂",
    "\x00",
    "\ufeff",
]
news_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=300), news_like)

# A blank line: two line breaks with only spaces between them.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def assert_contract(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    covered: set[int] = set()
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert _BLANK_LINE.search(sentence) is None
        covered.update(range(start, end))
        previous_end = end
    non_space = {index for index, char in enumerate(text) if not char.isspace()}
    assert non_space <= covered


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_spans_keep_the_contract_on_any_text(text: str) -> None:
    assert_contract(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(news_like, min_size=2, max_size=5))
def test_no_span_crosses_a_blank_line(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    assert_contract(text)
    for start, end in sentence_spans(text):
        assert "\n\n" not in text[start:end]


@settings(max_examples=100, deadline=None)
@given(news_like)
def test_spans_do_not_depend_on_surrounding_blocks(block: str) -> None:
    alone = sentence_spans(block)
    shift = len("Intro.\n\n")
    within = sentence_spans("Intro.\n\n" + block + "\n\nOutro.")
    inner = [(start - shift, end - shift) for start, end in within[1:-1]]
    if not _LINE_BREAK.search(block):
        assert inner == alone


def test_long_paragraph_without_spaces_or_with_many_periods_finishes() -> None:
    # Quadratic behaviour would make these take minutes; linear takes milliseconds.
    for text in ("a." * 100_000, ". " * 100_000, "U.S. " * 40_000, "x" * 500_000):
        spans = sentence_spans(text)
        assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
