"""An HTML page laid out in lines as a browser's "select all, copy" gives it."""

from __future__ import annotations

import lxml.html

from reader.core.html_text import copied_text

PAGE = """<html><head><title>t</title><style>p {color: red}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Ferry Timetable Changes</h1>
<p>The ferry will run <b>every hour</b> from June,
the operator said.</p>
<div style="display: none">Hidden promotion</div>
<p>Tickets cost the same.<br>Children travel free.</p></article>
<script>var x = 1;</script>
<footer>About us</footer>
</body></html>"""


def test_blocks_become_lines_and_paragraphs_stand_between_blank_lines() -> None:
    text = copied_text(lxml.html.document_fromstring(PAGE))
    assert text == (
        "Home\nNews\n\n"
        "Ferry Timetable Changes\n\n"
        "The ferry will run every hour from June, the operator said.\n\n"
        "Tickets cost the same.\nChildren travel free.\n\n"
        "About us\n"
    )


def test_scripts_styles_and_hidden_elements_give_no_text() -> None:
    text = copied_text(lxml.html.document_fromstring(PAGE))
    assert "var x" not in text and "color" not in text and "Hidden" not in text


def test_deeply_nested_page_is_read_without_overflowing_the_stack() -> None:
    depth = 1500  # deeper than Python's recursion limit
    html = "<html><body>" + "<div>" * depth + "Deep text." + "</div>" * depth + "</body></html>"
    parser = lxml.html.HTMLParser(huge_tree=True)
    tree = lxml.html.document_fromstring(html, parser=parser)
    assert copied_text(tree).strip() == "Deep text."
