"""Clipboard flavour choice: HTML when it is the same selection, else plain text."""

from __future__ import annotations

import pytest

from reader.core.errors import InputError
from reader.importers.clipboard import choose_flavour

SELECTION = "The harbour master moved the regatta to Sunday because of the forecast gale."


def test_html_flavour_with_the_same_words_is_chosen() -> None:
    html = f"<html><body><p>{SELECTION}</p></body></html>"
    choice = choose_flavour(SELECTION, html)
    assert choice.html == html
    assert choice.text == SELECTION


def test_html_flavour_that_does_not_match_the_text_is_ignored() -> None:
    choice = choose_flavour(SELECTION, "<img src='x.png'><span>Image</span>")
    assert choice.html is None


def test_html_only_clipboard_uses_html_and_derives_a_text_fallback() -> None:
    choice = choose_flavour(None, f"<p>{SELECTION}</p><script>var x = 1;</script>")
    assert choice.html is not None
    assert "regatta" in choice.text and "var x" not in choice.text


def test_windows_cf_html_header_is_stripped_and_source_url_kept() -> None:
    html = (
        "Version:0.9\nStartHTML:0000000105\nEndHTML:0000000200\nStartFragment:0000000141\n"
        "EndFragment:0000000180\nSourceURL:https://news.example.org/regatta\n"
        f"<html><body><!--StartFragment--><p>{SELECTION}</p><!--EndFragment--></body></html>"
    )
    choice = choose_flavour(SELECTION, html)
    assert choice.source_url == "https://news.example.org/regatta"
    assert choice.html is not None and choice.html.startswith("<html>")


def test_empty_clipboard_is_an_input_error() -> None:
    with pytest.raises(InputError, match="clipboard has no text"):
        choose_flavour("", "  ")
