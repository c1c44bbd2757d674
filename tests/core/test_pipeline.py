"""clean_input / clean_text_input: the checks every input goes through, and routing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import pipeline
from reader.core.errors import InputError, NoArticleError
from reader.core.pipeline import clean_input, clean_text_input, looks_like_html

PAGE = (Path(__file__).parent / "fixtures" / "html" / "hostile_council.html").read_bytes()


def test_empty_input_says_the_file_is_empty() -> None:
    with pytest.raises(InputError, match="The file is empty"):
        clean_input(b"", None)


def test_whitespace_only_input_counts_as_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        clean_input(b" \n\t\r\n ", "text/plain")


def test_oversized_input_is_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        clean_input(b"x" * 1001, "text/plain")


def test_binary_input_is_refused_before_cleaning() -> None:
    with pytest.raises(InputError, match="PDF"):
        clean_input(b"%PDF-1.4\n\x00\x01binary", None, name="report.html")


def test_html_is_routed_to_the_html_cleaner() -> None:
    article = clean_input(PAGE, "text/html; charset=utf-8", url="https://ledger.example.org/x")
    assert article.title == "Riverton council delays bridge repairs again"
    assert "Sport" not in article.text


def test_html_in_a_legacy_encoding_is_decoded_then_cleaned() -> None:
    page = PAGE.decode("utf-8").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("Riverton town council", "Rivertön town council").replace("—", "-")
    article = clean_input(page.encode("cp1252"), None, name="page.htm")
    assert "Rivertön town council" in article.text


def test_plain_text_is_routed_to_the_text_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_clean_copied_text(text: str) -> object:
        seen.append(text)
        return "cleaned"

    from reader.core import clean_text

    monkeypatch.setattr(clean_text, "clean_copied_text", fake_clean_copied_text)
    assert clean_input(b"Plain words <b> here", None, name="notes.txt") == "cleaned"
    assert seen == ["Plain words <b> here"]


@pytest.mark.parametrize(
    "text,media_type,name,expected",
    [
        ("anything", "text/html; charset=utf-8", None, True),
        ("<html><body>x</body></html>", "text/plain", None, False),
        ("anything", None, "Saved Page.HTM", True),
        ("<!doctype html><p>x", None, "notes.txt", False),
        ("  <!DOCTYPE html>\n<html>", None, None, True),
        ("<div><p>a</p><p>b</p><ul><li>c</li></ul></div>", None, None, True),
        ("The tags <b> and <i> make text bold and italic.", None, None, False),
    ],
)
def test_html_is_recognised_by_type_then_extension_then_content(
    text: str, media_type: str | None, name: str | None, expected: bool
) -> None:
    assert looks_like_html(text, media_type, name) is expected


def test_clipboard_html_flavour_is_preferred_when_it_has_an_article() -> None:
    article = clean_text_input("flat text of the page", PAGE.decode("utf-8"))
    assert article.block_texts(["heading"]) == ["Residents frustrated by the delay"]


def test_clipboard_falls_back_to_plain_text_when_html_has_no_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.core import clean_text

    monkeypatch.setattr(clean_text, "clean_copied_text", lambda text: ("plain", text))
    result = clean_text_input("The plain words.", "<html><body><b>The plain</b></body></html>")
    assert result == ("plain", "The plain words.")


def test_clipboard_without_any_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="clipboard is empty"):
        clean_text_input("  ", None)


def test_no_article_error_from_html_reaches_the_caller_with_text() -> None:
    with pytest.raises(NoArticleError) as caught:
        clean_input(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "text/html")
    assert "Home" in caught.value.text


def test_invisible_only_input_is_named_as_such_for_files_and_pastes() -> None:
    from reader.core.errors import InputError
    from reader.core.pipeline import clean_input, clean_text_input

    invisible = "\u200b\u200c\u200d\ufeff\u2060\n" * 30
    with pytest.raises(InputError, match="file holds only invisible characters"):
        clean_input(invisible.encode("utf-8"), "text/plain")
    with pytest.raises(InputError, match="pasted holds only invisible characters"):
        clean_text_input(invisible)
