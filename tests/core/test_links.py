"""The one rule for which links stay live in exports and previews."""

from __future__ import annotations

import re

import markdown
import pytest

from reader.core.links import allowed_link, neutralise_markdown_links, strip_credentials

HOSTILE_BODIES = [
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#115;cript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](\n  javascript:alert(1))",
    "[a [nested] `label`](javascript:alert(1))",
    "![pixel](data:image/png;base64,AAAA)",
    "[page](data:text/html,<script>alert(1)</script>)",
    "[passwd](file:///etc/passwd)",
    "[vb](vbscript:msgbox(1))",
    "see <javascript:alert(1)> now",
    "see <data:text/html,hi> now",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "> [x]\n>\n> [x]:\n>   vbscript:msgbox",
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_links_render_as_no_href_in_plain_python_markdown(body: str) -> None:
    # A renderer that trusts Markdown (raw HTML on, every scheme allowed).
    rendered = markdown.markdown(neutralise_markdown_links(body))
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', rendered)
    assert not any(re.match(r"(?i)\s*(javascript|data|file|vbscript)", h) for h in hrefs)
    assert hrefs == [], rendered


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_links_leave_no_commonmark_link_syntax(body: str) -> None:
    out = neutralise_markdown_links(body)
    assert not re.search(r"\]\(\s*<?(?i:javascript|data|file|vbscript|java&)", out)
    assert not re.search(r"<(?i:javascript|data|file|vbscript):", out)
    assert not re.search(r"\]:\s*(?i:javascript|vbscript)", out)


def test_allowed_links_are_left_exactly_as_written() -> None:
    body = (
        "[web](https://example.org/a_(b)) [mail](mailto:desk@example.org) "
        "[doi](doi:10.1000/182) <https://example.org/x> [ref]\n\n[ref]: http://example.org/r"
    )
    assert neutralise_markdown_links(body) == body


@pytest.mark.parametrize(
    "url,allowed",
    [
        ("https://example.org/", True),
        ("http://example.org/x", True),
        ("mailto:desk@example.org", True),
        ("doi:10.1000/182", True),
        ("10.1000/182", True),
        ("ftp://example.org/file", False),
        ("javascript:alert(1)", False),
        ("  JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("file:///etc/passwd", False),
        ("vbscript:msgbox", False),
        ("https://example.org/\nSet-Cookie: x", False),
        ("https:///no-host", False),
        ("/relative/path", False),
        ("", False),
    ],
)
def test_only_web_mail_and_doi_links_are_allowed(url: str, allowed: bool) -> None:
    assert allowed_link(url) is allowed


def test_credentials_are_stripped_from_an_address() -> None:
    assert strip_credentials("https://al:pw@news.example:8080/a?b#c") == (
        "https://news.example:8080/a?b#c",
        True,
    )
    assert strip_credentials("https://news.example/a@b") == ("https://news.example/a@b", False)
