"""Quoted sentences link to the exact sentence on the original page (issue 18, item 15),
and exports never turn another scheme into a live link (item 10); PDF export reports a
real failure (item 1)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from reader.core.models import Article, ArticleMeta, Note, Selector, Source
from reader.export.markdown import export_markdown

ARTICLE_ID = "2c1d0a9e-6b7f-4e3d-8a2b-1f0e9d8c7b6a"


def _case(sentence: str, url: str = "https://news.example/a") -> tuple[Article, Note]:
    text = "Title\n\n" + sentence
    article = Article(ARTICLE_ID, text, [], ArticleMeta(title="Title", url=url))
    start = text.index(sentence)
    note = Note(
        "n1",
        ARTICLE_ID,
        Selector(start, len(text), sentence),
        verdict="false",
        sources=[Source(url="javascript:alert(1)", title="Bad")],
        body="[click](javascript:alert(1))",
    )
    return article, note


@pytest.mark.parametrize(
    "sentence",
    [
        "Costs rose, the council said.",
        "The bridge – built in 1932 – is closing, officials said on Monday evening.",
        '"We are ready," Lavrov said.',
        "Лавров заявил, что переговоры прошли успешно.",
        "東京の人口は増えた。",
    ],
)
def test_markdown_links_each_quote_to_its_sentence(sentence):
    article, note = _case(sentence)
    document = export_markdown(article, [note])
    link = document.split("[On the original page](")[1].split(")")[0]
    assert link.startswith("https://news.example/a#:~:text=")
    directive = link.split("#:~:text=")[1]
    assert " " not in directive and "-" not in directive.replace("%2D", "")
    terms = [unquote(t) for t in directive.split(",")]
    assert sentence.startswith(terms[0]) and sentence.endswith(terms[-1])


def test_no_sentence_link_without_a_web_address():
    article, note = _case("Costs rose.", url="file:///home/me/page.html")
    assert "On the original page" not in export_markdown(article, [note])


def test_pdf_links_each_quote_and_never_another_scheme():
    from reader.ui.pdf_report import report_html

    article, note = _case("Costs rose, the council said.")
    html = report_html(article, [note])
    assert 'href="https://news.example/a#:~:text=Costs%20rose%2C' in html
    assert 'href="javascript' not in html


def test_pdf_into_a_folder_is_a_user_error(tmp_path, qapp):
    from reader.core.errors import UserError
    from reader.ui.pdf_report import write_pdf

    article, note = _case("Costs rose.")
    with pytest.raises(UserError, match="folder"):
        write_pdf(article, [note], tmp_path)


def test_pdf_that_was_not_written_is_a_user_error(tmp_path, qapp, monkeypatch):
    from reader.core.errors import UserError
    from reader.ui import pdf_report

    article, note = _case("Costs rose.")
    target = tmp_path / "r.pdf"
    monkeypatch.setattr(pdf_report._Document, "print_", lambda self, writer: None)
    with pytest.raises(UserError, match="Could not write"):
        pdf_report.write_pdf(article, [note], target)
    assert not target.exists()


def test_pdf_over_a_read_only_target_is_a_user_error(tmp_path, qapp, monkeypatch):
    import os

    from reader.core.errors import UserError
    from reader.ui import pdf_report

    article, note = _case("Costs rose.")
    target = tmp_path / "r.pdf"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="Permission denied"):
        pdf_report.write_pdf(article, [note], target)
    assert not target.exists() and list(tmp_path.iterdir()) == []
