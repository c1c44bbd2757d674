"""clean_html reads what a browser shows: elements the page hides are not the article."""

from __future__ import annotations

from reader.core.clean_html import clean_html

_PARAGRAPHS = [
    "The county water board agreed on Thursday to replace the lead pipes under the old "
    "market district, a job its engineers expect to take three summers and to cost about "
    "four million.",
    "Householders will be told a fortnight before their street is dug up, and the board "
    "says it will deliver bottled water to anyone whose supply is cut for more than a day.",
    "Shopkeepers on the square asked for the work to pause in December, when the "
    "Christmas market brings most of their trade, and the board said it would consider it.",
    "A public meeting on the timetable will be held at the corn exchange next Tuesday "
    "evening, with the engineers and the board's chair answering questions from residents.",
]


def _page(body: str) -> str:
    return (
        '<html lang="en"><head><title>Lead pipes to be replaced</title></head><body>'
        f"<div class='page'><h1>Lead pipes to be replaced</h1>{body}</div></body></html>"
    )


def test_hover_card_hidden_inside_a_paragraph_is_not_read() -> None:
    card = "<span hidden>Board chair profile: twelve articles, follow for updates</span>"
    first = _PARAGRAPHS[0].replace("county water board", f"county water board{card}")
    html = _page("".join(f"<p>{p}</p>" for p in [first, *_PARAGRAPHS[1:]]))
    body = clean_html(html).body_text()
    assert "lead pipes under the old market district" in body
    assert "Board chair profile" not in body


def test_hidden_section_is_not_read() -> None:
    hidden = (
        "<div hidden><p>An earlier draft of this story said the work would take two "
        "summers and cost three million; the board has since revised both figures.</p></div>"
    )
    paragraphs = [f"<p>{p}</p>" for p in _PARAGRAPHS]
    html = _page("".join(paragraphs[:2]) + hidden + "".join(paragraphs[2:]))
    body = clean_html(html).body_text()
    assert "corn exchange next Tuesday" in body
    assert "An earlier draft" not in body


def test_article_hidden_until_a_script_shows_it_is_still_read() -> None:
    html = _page(
        "<div style='display:none' class='story'>"
        + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
        + "</div>"
    )
    body = clean_html(html).body_text()
    assert "lead pipes under the old market district" in body
