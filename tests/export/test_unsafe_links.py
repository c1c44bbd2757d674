"""Issue 19, items 19-20: no export keeps a live javascript:, data:, file: or vbscript: link."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from reader.core.markup import markdown_to_safe_html
from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.claimreview import export_claimreview_json
from reader.export.markdown import export_annotated, export_markdown

ARTICLE_ID = "7c1d2e3f-0a4b-4c5d-8e6f-9a0b1c2d3e4f"
TEXT = "The port handled 2 million containers."
BODY = (
    "See [the figures](javascript:alert(1)) and <javascript:alert(2)>, "
    "![pixel](data:image/png;base64,AAAA), [passwd](file:///etc/passwd), "
    "[vb](vbscript:msgbox(1)) and [ok](https://stats.example/ok)."
)
BAD_HREF = re.compile(r'(?:href|src)="\s*(?i:javascript|data|file|vbscript)')


def _article() -> Article:
    meta = ArticleMeta(title="Port booms", url="https://news.example/port")
    return Article(ARTICLE_ID, TEXT, [], meta)


def _note(**fields: object) -> Note:
    selector = Selector(0, len(TEXT), TEXT)
    return Note("n1", ARTICLE_ID, selector, verdict="false", body=BODY, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("export", [export_markdown, export_annotated])
def test_markdown_exports_keep_only_safe_links_live(export: object) -> None:
    document = export(_article(), [_note()])  # type: ignore[operator]
    # Raw HTML on, every scheme allowed: what a trusting viewer does.
    rendered = markdown.markdown(document, extensions=["footnotes"])
    assert not BAD_HREF.search(rendered), rendered
    assert 'href="https://stats.example/ok"' in rendered
    assert "<javascript:" not in document
    assert "the figures" in rendered  # the words stay, only the link goes


def test_note_preview_and_pdf_html_keep_only_safe_links_live() -> None:
    html = markdown_to_safe_html(BODY + "\n\n[r]\n\n[r]: vbscript:x")
    assert not BAD_HREF.search(html), html
    assert 'href="https://stats.example/ok"' in html


def test_claimreview_drops_bad_source_urls_and_escapes_for_script_tags() -> None:
    sources = [
        Source(url="javascript:alert(1)", title="Evil"),
        Source(url="https://stats.example/a\nb", title="Split"),
        Source(url="https://stats.example/ok", title="</script><script>alert(1)</script>"),
        Source(url="data:text/html,hi"),
    ]
    text = export_claimreview_json(
        _article(), [_note(sources=sources)], author="A & B", include_unchecked=True
    )
    assert "<" not in text and ">" not in text and "&" not in text
    (review,) = json.loads(text)
    urls = [c.get("url") for c in review["citation"]]
    assert urls == [None, None, "https://stats.example/ok"]
    assert review["citation"][2]["name"] == "</script><script>alert(1)</script>"
    assert review["author"]["name"] == "A & B"
