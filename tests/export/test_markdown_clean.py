"""Markdown that reads as written by hand (issue 18, item 14)."""

from __future__ import annotations

import yaml

from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.markdown import (
    MARKER_NAME,
    export_markdown,
    merge_into_existing,
    notes_markdown,
    source_line,
)

ARTICLE_ID = "8e0f2f4a-3c55-4f1e-9a77-0c6a7b1d2e90"
TEXT = "Ferries\n\nFares rose by 40% last year."


def _article(**meta: str | None) -> Article:
    fields: dict = {"title": "Ferries", "url": "https://news.example/ferries"}
    fields.update(meta)
    return Article(ARTICLE_ID, TEXT, [], ArticleMeta(**fields))


def _note() -> Note:
    start = TEXT.index("Fares")
    return Note(
        "n-1",
        ARTICLE_ID,
        Selector(start, len(TEXT), TEXT[start:]),
        verdict="false",
        sources=[
            Source(url="https://stats.example/fares", title="Fares 2023"),
            Source(url="https://stats.example/other", title="Other", stance="refutes"),
        ],
    )


def test_a_source_without_a_stance_has_no_context_mark():
    assert "*context*" not in source_line(1, Source(url="https://a.example", title="A"))
    assert source_line(2, Source(url="https://a.example", title="A", stance="refutes")).endswith(
        "· *refutes*"
    )


def test_front_matter_leaves_out_keys_without_a_value():
    document = export_markdown(_article(site_name=None, published=""), [_note()])
    front = document.split("---\n")[1]
    assert "null" not in front and "site:" not in front and "published:" not in front
    assert yaml.safe_load(front)["url"] == "https://news.example/ferries"


def test_re_export_drops_a_null_key_an_earlier_export_wrote():
    article = _article(site_name=None)
    old = export_markdown(article, []).replace("---\nid:", "---\nsite: null\nid:", 1)
    merged = merge_into_existing(old, export_markdown(article, [_note()]), ARTICLE_ID)
    assert "site: null" not in merged


def test_copy_all_notes_is_clean_markdown():
    text = notes_markdown(_article(), [_note()])
    assert text.startswith("# Ferries\n\n## 1. False:")
    assert "---" not in text and MARKER_NAME not in text and "<!--" not in text
    assert "> Fares rose by 40% last year." in text
    assert "Status: to check\n" in text
