"""Links to the exact sentence on the original page (URL text fragments)."""

from __future__ import annotations

from urllib.parse import unquote

from reader.core.text_fragment import encode_term, link_to_sentence, text_directive


def test_short_sentence_is_sent_whole_with_spaces_encoded():
    assert text_directive("Prices rose sharply.") == "text=Prices%20rose%20sharply."


def test_comma_dash_and_ampersand_are_always_encoded():
    term = encode_term("Smith & Sons, well-known — “quoted”")
    assert "," not in term and "-" not in term and "&" not in term
    assert "%2C" in term and "%2D" in term and "%26" in term
    assert unquote(term) == "Smith & Sons, well-known — “quoted”"


def test_long_sentence_becomes_start_and_end_words():
    sentence = "The minister said on Tuesday that ten thousand troops had gathered near the border."
    directive = text_directive(sentence)
    assert directive == ("text=The%20minister%20said%20on,gathered%20near%20the%20border.")
    # Exactly one unencoded comma: the one separating start from end.
    assert directive.count(",") == 1


def test_non_latin_scripts_are_utf8_percent_encoded():
    directive = text_directive("Лавров заявил об этом.")
    assert directive.startswith("text=%D0%9B")
    assert unquote(directive[len("text=") :]) == "Лавров заявил об этом."
    assert unquote(text_directive("東京で会談が行われた。")[5:]) == "東京で会談が行われた。"


def test_no_break_spaces_and_runs_of_whitespace_become_one_space():
    assert text_directive("Ten\u00a0thousand \n troops.") == "text=Ten%20thousand%20troops."


def test_link_replaces_an_existing_fragment_and_keeps_the_query():
    link = link_to_sentence("https://news.example/a?id=3#comments", "Prices rose.")
    assert link == "https://news.example/a?id=3#:~:text=Prices%20rose."


def test_no_link_without_an_http_url_or_without_text():
    assert link_to_sentence(None, "Prices rose.") is None
    assert link_to_sentence("javascript:alert(1)", "Prices rose.") is None
    assert link_to_sentence("file:///etc/passwd", "Prices rose.") is None
    assert link_to_sentence("https://news.example/a", "  \u00a0 ") is None
