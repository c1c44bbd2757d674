"""Random texts full of Markdown syntax cannot break the Markdown export.

Each example exports an article with random titles, quotes, conclusions, bodies,
source titles and URLs, renders the result with Python-Markdown (with fenced code, as
GitHub and Obsidian read fences) and reads the front matter with PyYAML, then checks
that every section, quote and link is where it should be.

``EXPORT_EXAMPLES=2000 pytest tests/export/test_markdown_properties.py`` searches longer
than the CI default.
"""

from __future__ import annotations

import os
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.models import Article, ArticleMeta, Block, Note, Selector, Source
from reader.core.verdicts import BY_KEY, STATUSES
from reader.core.verdicts import label as verdict_label
from reader.export.markdown import (
    export_annotated,
    export_markdown,
    is_ours,
    marker_begin,
    marker_end,
    merge_into_existing,
)

# Seconds, not milliseconds: run by the full suite, left out of `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("EXPORT_EXAMPLES", "60"))
ARTICLE_ID = "5a0c2a57-3a7e-4c8e-9d5e-1f2a3b4c5d6e"

NASTY = [
    "#", "##", "# ", "## 2. False: ", ">", "> ", "|", "|---|", "*", "**", "_", "`", "```",
    "~~~", "~~", "-->", "<!--", "---", "===", "- ", "+ ", "1. ", "1)", "[", "]", "(", ")",
    "![", "<", "<div>", "<pre>", "</p>", "<https://x.example/a b>", "&", "&amp;", "&copy;",
    "&#35;", "\\", "\n", "\n\n", " ", "    ", "\t", "\r", "\r\n", "\u00a0", "\u2028", "\x85",
    "\x00", "\x02", "\ufeff", "é", "Ж", "😀", "Status: done", "Sources:", "[^1]",
    marker_end(ARTICLE_ID), marker_begin(ARTICLE_ID), "<!-- note x -->", "{", "}", ":", '"',
    "'", "$", "^", "!",
]  # fmt: skip

nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=10).map(
    "".join
)


def is_web(url: str) -> bool:
    """Whether the export makes ``url`` a live link (web and mail addresses only)."""
    return re.match(r"(?i)(https?://|ftp://|mailto:)", url.strip()) is not None


url_text = st.one_of(
    st.just(""),
    nasty_text.map(lambda s: "https://example.com/" + s),
    st.sampled_from(
        [
            "https://en.example.org/wiki/Foo_(bar)",
            "http://a.example/x?a=1&b=2",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
        ]
    ),
    nasty_text,
)
sources = st.builds(
    Source,
    url=url_text,
    title=nasty_text,
    publisher=nasty_text,
    date=nasty_text,
    archive_url=url_text,
    stance=st.sampled_from(["supports", "refutes", "context", ""]),
)


@st.composite
def notes_strategy(draw: st.DrawFn) -> list[Note]:
    count = draw(st.integers(1, 4))
    notes = []
    for i in range(count):
        notes.append(
            Note(
                id=str(uuid.UUID(int=i + 1)),
                article_id=ARTICLE_ID,
                selector=Selector(start=i * 10, end=i * 10 + 5, exact=draw(nasty_text)),
                anchor_state=draw(st.sampled_from(["ok", "changed", "orphan"])),
                verdict=draw(st.sampled_from([None, *BY_KEY])),
                status=draw(st.sampled_from(STATUSES)),
                conclusion=draw(nasty_text),
                body=draw(nasty_text),
                tags=draw(st.lists(nasty_text, max_size=2)),
                sources=draw(st.lists(sources, max_size=3)),
                created=f"2024-01-0{i + 1}T00:00:00Z",
            )
        )
    return notes


articles_meta = st.builds(
    ArticleMeta,
    title=nasty_text,
    site_name=st.one_of(st.none(), nasty_text),
    url=st.one_of(st.none(), url_text),
    published=st.one_of(st.none(), nasty_text),
)


# ---------------------------------------------------------------- a tiny HTML tree


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def find_all(self, tag: str) -> list[Node]:
        found = []
        for child in self.elements():
            if child.tag == tag:
                found.append(child)
            found.extend(child.find_all(tag))
        return found


class TreeBuilder(HTMLParser):
    VOID = frozenset({"hr", "br", "img", "input", "meta", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def norm(text: str) -> str:
    return " ".join(_CONTROLS.sub("", text).split())


def split_front_matter(document: str) -> tuple[dict[str, object], str]:
    assert document.startswith("---\n")
    end = document.index("\n---\n", 4)
    return yaml.safe_load(document[4:end]), document[end + 5 :]


def sections(root: Node) -> list[list[Node]]:
    """Top-level elements grouped under each h2."""
    groups: list[list[Node]] = []
    for element in root.elements():
        if element.tag == "h2":
            groups.append([element])
        elif groups:
            groups[-1].append(element)
    return groups


def shown_sources(note: Note) -> list[Source]:
    return [s for s in note.sources if norm(s.title) or s.url.strip()]  # as the export


# ---------------------------------------------------------------- the properties


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meta=articles_meta, notes=notes_strategy())
def test_random_texts_keep_every_section_quote_and_link_in_place(
    meta: ArticleMeta, notes: list[Note]
) -> None:
    article = Article(id=ARTICLE_ID, text="x" * 100, blocks=[], meta=meta)
    document = export_markdown(article, notes, exported="2024-05-01T10:00:00Z")

    values, rest = split_front_matter(document)
    expected = {
        "id": ARTICLE_ID,
        "title": meta.title,
        "site": meta.site_name,
        "url": meta.url,
        "published": meta.published,
        "text_sha256": article.text_sha256,
        "exported": "2024-05-01T10:00:00Z",
    }
    assert values == {k: v for k, v in expected.items() if v and v.strip()}  # no empty keys
    lines = document.split("\n")
    assert lines.count(marker_begin(ARTICLE_ID)) == 1
    assert sum(line.startswith(marker_end(ARTICLE_ID)[:-4] + " sha256=") for line in lines) == 1
    assert is_ours(document, ARTICLE_ID)

    root = parse_html(markdown.markdown(rest, extensions=["fenced_code"]))
    (h1,) = root.find_all("h1")
    assert norm(h1.text()) == (norm(meta.title) or "Untitled article")
    assert len(root.find_all("h2")) == len(notes)

    groups = sections(root)
    assert len(groups) == len(notes)
    for number, (note, group) in enumerate(zip(notes, groups, strict=True), 1):
        heading = norm(group[0].text())
        opening = f'{number}. {verdict_label(note.verdict)}: "'
        assert heading.startswith(opening) and heading.endswith('"')
        shown = heading[len(opening) : -1].removesuffix("…")
        assert norm(note.exact).startswith(shown)

        quote = next(e for e in group if e.tag == "blockquote")
        assert norm(quote.text()) == norm(note.exact)

        if norm(note.conclusion):
            conclusion = next(e for e in group if e.text().startswith("Conclusion:"))
            assert norm(conclusion.text()) == norm("Conclusion: " + note.conclusion)

        assert group[-1].tag == "p" and group[-1].text().startswith("Status: ")

        expected_sources = shown_sources(note)
        if expected_sources:
            heads = [i for i, e in enumerate(group) if e.tag == "p" and e.text() == "Sources:"]
            source_list = group[heads[-1] + 1]
            assert source_list.tag == "ol"
            items = source_list.elements()
            assert len(items) == len(expected_sources)
            for item, source in zip(items, expected_sources, strict=True):
                links = item.find_all("a")
                hrefs = [unquote(a.attrs["href"] or "") for a in links]
                if source.url.strip() and is_web(source.url):
                    link = links[0]
                    assert hrefs[0] == unquote(source.url.strip())
                    if norm(source.title):
                        assert norm(link.text()) == norm(source.title)
                    else:  # the URL as written, or as encoded when nothing of it shows
                        assert norm(link.text()) in (norm(source.url), link.attrs["href"])
                elif source.url.strip():  # not a web address: shown, never a live link
                    assert unquote(source.url.strip()) not in hrefs
                if source.archive_url.strip() and is_web(source.archive_url):
                    assert hrefs[-1] == unquote(source.archive_url.strip())
                elif source.archive_url.strip():
                    assert unquote(source.archive_url.strip()) not in hrefs


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meta=articles_meta, notes=notes_strategy(), before=nasty_text, after=nasty_text)
def test_re_export_of_random_notes_keeps_text_around_the_block(
    meta: ArticleMeta, notes: list[Note], before: str, after: str
) -> None:
    article = Article(id=ARTICLE_ID, text="x" * 100, blocks=[], meta=meta)
    first = export_markdown(article, notes[:1], exported="2024-05-01T10:00:00Z")
    begin = first.index("\n" + marker_begin(ARTICLE_ID) + "\n") + 1
    # The user's own lines sit on their own lines around the block.
    # (Without stray carriage returns, which would make it a Windows file.)
    user_before, user_after = (
        t.replace(marker_begin(ARTICLE_ID), "").replace(marker_end(ARTICLE_ID), "")
        for t in (before.replace("\r", ""), after.replace("\r", ""))
    )
    edited = first[:begin] + user_before + "\n" + first[begin:] + user_after + "\n"
    second = export_markdown(article, notes, exported="2024-06-01T10:00:00Z")

    merged = merge_into_existing(edited, second, ARTICLE_ID)

    assert user_before + "\n" + marker_begin(ARTICLE_ID) in merged
    end = second[second.index(marker_end(ARTICLE_ID)[:-4]) :].split("\n")[0]
    assert merged.endswith(end + "\n" + user_after + "\n")
    block = second[second.index("\n" + marker_begin(ARTICLE_ID) + "\n") :]
    assert block in merged
    values, _ = split_front_matter(merged)
    assert values["exported"] == "2024-06-01T10:00:00Z"


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(nasty_text.filter(lambda s: s.strip()), min_size=1, max_size=4),
    notes=notes_strategy(),
    data=st.data(),
)
def test_annotated_export_marks_each_note_once_and_keeps_all_footnotes(
    paragraphs: list[str], notes: list[Note], data: st.DataObject
) -> None:
    parts = [" ".join(p.replace("\n", " ").split()) or "x" for p in paragraphs]
    text = "\n\n".join(["A title", *parts])
    blocks, pos = [], 0
    for i, part in enumerate(["A title", *parts]):
        blocks.append(Block("title" if i == 0 else "paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    for note in notes:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        note.selector = Selector(start, end, text[start:end])
    article = Article(id=ARTICLE_ID, text=text, blocks=blocks, meta=ArticleMeta(title="A title"))

    document = export_annotated(article, notes, exported="2024-05-01T10:00:00Z")
    _, rest = split_front_matter(document)
    html = markdown.markdown(rest, extensions=["footnotes"])
    root = parse_html(html)

    assert len(root.find_all("h1")) == 1
    footnote_items = [
        li for li in root.find_all("li") if (li.attrs.get("id") or "").startswith("fn:")
    ]
    assert len(footnote_items) == len(notes)
    refs = [a for a in root.find_all("a") if "footnote-ref" in (a.attrs.get("class") or "")]
    assert len(refs) == len(notes)
