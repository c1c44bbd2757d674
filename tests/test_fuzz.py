"""Random Unicode through every layer: clean, segment, anchor, store and export.

The text is drawn from the characters that break text software: controls (NUL, DEL,
C1), every line separator, right-to-left text with its override and isolate marks,
emoji with joiners, flags and skin tones, combining marks stacked on one letter,
invisible characters, astral CJK, and Markdown/HTML syntax — mixed with ordinary news
sentences so the cleaners find articles often enough to reach the later layers.

Each property says what must hold whatever the input: either a documented
:class:`UserError` with a message, or a result whose invariants hold — offsets inside
the text, blocks joined by one blank line, sentences inside blocks, a note's quote at
its offsets, an export that parses back, a JSON round trip that gives the same bytes.

CI runs few examples per property (``READER_FUZZ_EXAMPLES``, 25 by default);
``python -m tests.bench.fuzz --examples N`` runs the same properties with many more.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.core.anchor import make_selector, reanchor, sentence_range
from reader.core.clean_html import clean_html
from reader.core.errors import UserError
from reader.core.markup import is_safe_link, markdown_to_safe_html
from reader.core.models import BLOCK_KINDS, BLOCK_SEPARATOR, CleanArticle, Source
from reader.core.pipeline import clean_input, clean_text_input
from reader.core.segment import sentence_spans
from reader.core.verdicts import BY_KEY, STATUSES
from reader.export.markdown import export_markdown, marker_begin, marker_end
from reader.store.dump import export_json
from reader.store.dump_merge import import_json
from reader.store.library import Library

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("READER_FUZZ_RANDOM") is None,
)

HOSTILE_PIECES = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1c", "\x1f", "\x7f", "\x85",
    "\x9b", "\r", "\r\n", "\n", "\n\n", "\n\n\n", "\t", "\u2028", "\u2029", "\ufeff",
    "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u00a0", "\u202f", "\u3000",
    # right-to-left text and the controls that reorder what is shown
    "שלום עולם.", "مرحبا بالعالم.", "\u202e", "\u202d", "\u202c", "\u200e", "\u200f",
    "\u2066", "\u2067", "\u2069", "abc\u202edcba",
    # emoji: joiners, flags, skin tones, keycaps, variation selectors
    "👩\u200d👩\u200d👧", "🇺🇦", "🏳️\u200d🌈", "👍🏽", "1️⃣", "❤️", "😀", "🦀",
    # combining marks, alone and stacked
    "e\u0301", "\u0301", "Z\u0351\u0352\u0357\u035b\u0363\u0364\u0365", "ञ्ज", "กำ",
    "\ufffd", "𠜎𠜱", "ǅ", "ﬁ", "Ⅻ",
    # markup and Markdown that must stay text
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "&#0;", "-->",
    "<!--", "```", "# ", "> ", "- ", "1. ", "[x](javascript:alert(1))", "![i](http://x/i)",
    "|", "\\", "*", "_", "`",
]  # fmt: skip
WORDS = [
    "The minister said", " on Tuesday", " that the budget", " would rise",
    " by 4.5%.", " Critics disagreed.", ' "We will not," she said.', " U.S. officials",
    " in Kyiv", " at 9 a.m.", "?", "!", "…", " (AP)", " — ", "Mr. Smith", " 2024.",
]  # fmt: skip

piece = st.one_of(
    st.sampled_from(HOSTILE_PIECES),
    st.sampled_from(WORDS),
    st.text(max_size=6),  # any code point hypothesis likes, surrogates excepted
)
hostile_text = st.lists(piece, max_size=40).map("".join)
prose_line = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), piece), min_size=6, max_size=30
).map("".join)


@st.composite
def article_texts(draw: st.DrawFn) -> str:
    """Something shaped like copied page text: a title line, then paragraphs."""
    title = draw(st.one_of(st.sampled_from(WORDS), hostile_text))
    paragraphs = draw(st.lists(prose_line, min_size=1, max_size=6))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\u2029", "\n \n"]))
    return separator.join([title, *paragraphs])


def clean_or_user_error(text: str) -> CleanArticle | None:
    """The cleaned article, or None when the cleaner refused with a user message."""
    try:
        return clean_text_input(text)
    except UserError as err:
        assert str(err).strip(), "a UserError must carry a message"
        return None


def assert_article_invariants(article: CleanArticle) -> None:
    text = article.text
    assert article.blocks, "an article has at least one block"
    assert text == BLOCK_SEPARATOR.join(article.block_texts())
    position = 0
    for block in article.blocks:
        assert block.kind in BLOCK_KINDS
        assert block.start == position and block.start < block.end <= len(text)
        body = text[block.start : block.end]
        assert body == body.strip() and "\n\n" not in body
        position = block.end + len(BLOCK_SEPARATOR)
    assert "\x00" not in text, "NUL would be cut off by C APIs (SQLite, Qt)"


def assert_span_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert "\n\n" not in sentence, "a sentence never crosses a block boundary"
        previous_end = end
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    for index, char in enumerate(text):
        if not char.isspace():
            assert index in covered, f"character {char!r} at {index} is in no sentence"


# -- clean ----------------------------------------------------------------------------


@FUZZ
@given(article_texts())
def test_pasted_text_gives_a_valid_article_or_a_user_error(text: str) -> None:
    article = clean_or_user_error(text)
    if article is not None:
        assert_article_invariants(article)


@FUZZ
@given(
    hostile_text,
    st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1251", "latin-1"]),
    st.sampled_from(
        [
            None,
            "text/plain",
            "text/html",
            "text/html; charset=utf-8",
            "application/octet-stream",
            "text/html; charset=bogus",
        ]
    ),
    st.sampled_from([None, "page.html", "notes.txt", "noext"]),
)
def test_any_bytes_give_a_valid_article_or_a_user_error(
    text: str, codec: str, media_type: str | None, name: str | None
) -> None:
    data = text.encode(codec, errors="replace")
    try:
        article = clean_input(data, media_type, name=name)
    except UserError as err:
        assert str(err).strip()
        return
    assert_article_invariants(article)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_valid_article_or_a_user_error(data: bytes) -> None:
    try:
        article = clean_input(data, None)
    except UserError as err:
        assert str(err).strip()
        return
    assert_article_invariants(article)


HTML_WRAPPERS = [
    "<p>{}</p>",
    "<h2>{}</h2>",
    "<blockquote>{}</blockquote>",
    "<li>{}</li>",
    "<figcaption>{}</figcaption>",
    "<div><span>{}</span></div>",
    "<b>{}",
    "</p>{}<p>",
    "<pre>{}</pre>",
    "<td>{}</td>",
]


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(HTML_WRAPPERS), prose_line), min_size=1, max_size=8),
    hostile_text,
)
def test_html_with_hostile_text_gives_a_clean_article_without_script_text(
    parts: list[tuple[str, str]], title: str
) -> None:
    import html as html_lib

    body = "".join(wrapper.format(html_lib.escape(line)) for wrapper, line in parts)
    page = (
        f"<html><head><title>{html_lib.escape(title)}</title>"
        "<style>.SECRETSTYLE{}</style></head><body><article>"
        f"{body}<script>var SECRETSCRIPT = 1;</script></article></body></html>"
    )
    try:
        article = clean_html(page)
    except UserError as err:
        assert str(err).strip()
        return
    assert_article_invariants(article)
    assert "SECRETSCRIPT" not in article.text and "SECRETSTYLE" not in article.text


# lxml refuses strings with C0 control characters; clean_html strips them first.
@pytest.mark.parametrize("page", [
    "<html><body><article><h2>Head\x0bline</h2><p>{prose}</p><p>{prose}</p></article></body></html>",
    "<html><body><p>{prose} \x01<script>x()</script> {prose}</p></body></html>",
    "<html><body><p>{prose}\x0c<style>p{{}}</style> {prose}</p></body></html>",
])  # fmt: skip
def test_html_with_control_characters_is_cleaned_or_refused_calmly(page: str) -> None:
    """Found by the properties above with more examples."""
    prose = "The minister said on Tuesday that the budget would rise by four percent. " * 3
    try:
        article = clean_html(page.format(prose=prose))
    except UserError:
        return
    assert_article_invariants(article)


# -- segment --------------------------------------------------------------------------


@FUZZ
@given(article_texts())
def test_sentences_of_any_clean_article_keep_the_contract(text: str) -> None:
    article = clean_or_user_error(text)
    assume(article is not None)
    assert article is not None
    spans = sentence_spans(article.text)
    assert_span_invariants(article.text, spans)
    for block in article.blocks:
        for start, end in spans:
            assert end <= block.start or start >= block.start
            assert start >= block.end or end <= block.end


# -- anchor ---------------------------------------------------------------------------


@FUZZ
@given(article_texts(), st.data())
def test_a_note_anchors_and_reanchors_on_any_article(text: str, data: st.DataObject) -> None:
    article = clean_or_user_error(text)
    assume(article is not None)
    assert article is not None
    clean = article.text
    spans = sentence_spans(clean)
    assume(spans)
    first = data.draw(st.integers(0, len(spans) - 1))
    last = data.draw(st.integers(first, min(first + 2, len(spans) - 1)))
    start, end = sentence_range(clean, spans[first][0], spans[last][1])
    selector = make_selector(clean, start, end)
    assert selector.exact == clean[start:end]
    assert reanchor(selector, clean).state == "ok"

    insert_at = data.draw(st.integers(0, len(clean)))
    edited = clean[:insert_at] + data.draw(hostile_text) + clean[insert_at:]
    result = reanchor(selector, edited)
    assert result.state in ("ok", "changed", "orphan")
    assert 0 <= result.score <= 1
    if result.state != "orphan":
        assert 0 <= result.start < result.end <= len(edited)
        assert result.selector.exact == edited[result.start : result.end]
    if result.state == "ok" and selector.exact in edited:
        assert edited[result.start : result.end] == selector.exact


# -- store and export -----------------------------------------------------------------

sources = st.lists(
    st.builds(
        Source,
        url=st.one_of(hostile_text, hostile_text.map("https://x.example/".__add__)),
        title=hostile_text,
        publisher=hostile_text,
        date=hostile_text,
        archive_url=hostile_text,
        stance=st.sampled_from(["supports", "refutes", "context"]),
    ),
    max_size=3,
)


@FUZZ
@given(article_texts(), st.data())
def test_store_and_exports_keep_any_text_exactly(text: str, data: st.DataObject) -> None:
    article = clean_or_user_error(text)
    assume(article is not None)
    assert article is not None
    spans = sentence_spans(article.text)
    assume(spans)
    body = data.draw(hostile_text)
    conclusion = data.draw(hostile_text)
    tags = data.draw(st.lists(hostile_text.filter(lambda t: t.strip()), max_size=3))
    note_sources = data.draw(sources)
    verdict = data.draw(st.sampled_from([None, *BY_KEY]))
    status = data.draw(st.sampled_from(STATUSES))
    raw = text.encode("utf-8", errors="surrogatepass")

    with Library(":memory:") as lib:
        stored = lib.add_article(article, raw=raw, origin=data.draw(hostile_text))
        assert stored.text == article.text and stored.blocks == article.blocks
        assert lib.raw_input(stored.id)[0] == raw
        start, end = spans[data.draw(st.integers(0, len(spans) - 1))]
        note = lib.add_note(
            stored.id,
            start,
            end,
            verdict=verdict,
            status=status,
            conclusion=conclusion,
            body=body,
            tags=tags,
            sources=note_sources,
        )
        again = lib.get_note(note.id)
        assert (again.body, again.conclusion, again.exact) == (
            body,
            conclusion,
            article.text[start:end],
        )
        assert [s.url for s in again.sources] == [s.url for s in note_sources]
        lib.search(data.draw(hostile_text))  # any query: hits or nothing, never a crash

        markdown = export_markdown(lib.get_article(stored.id), [again])
        assert markdown.count(marker_begin(stored.id)) == 1
        assert markdown.count(marker_end(stored.id)[:-4] + " sha256=") == 1

        exported = export_json(lib)
        document = json.loads(exported)
        [art] = document["articles"]
        assert art["versions"][0]["text"] == article.text
        assert art["notes"][0]["body"] == body

    with Library(":memory:") as fresh:
        import_json(fresh, exported)
        assert export_json(fresh) == exported
        assert fresh.get_note(note.id).body == body


# -- note Markdown --------------------------------------------------------------------

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_ALLOWED_TAGS = {
    "p",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
}


@FUZZ
@given(hostile_text)
def test_note_markdown_renders_to_html_that_loads_and_runs_nothing(body: str) -> None:
    rendered = markdown_to_safe_html(body)
    for match in _TAG.finditer(rendered):
        closing, name, attributes = match.groups()
        assert name.lower() in _ALLOWED_TAGS, f"unexpected <{name}> in {rendered!r}"
        if name.lower() == "a" and not closing:
            href = re.search(r'href="([^"]*)"', attributes)
            assert href is not None
            import html as html_lib

            target = html_lib.unescape(href.group(1))
            assert target == "#" or target.lower().startswith(("http://", "https://", "mailto:"))
        else:
            assert not re.search(r"\b(src|style|background|on\w+)\s*=", attributes, re.IGNORECASE)


@FUZZ
@given(hostile_text)
def test_only_http_links_are_ever_safe(url: str) -> None:
    if is_safe_link(url):
        assert url.strip().lower().startswith(("http://", "https://"))
