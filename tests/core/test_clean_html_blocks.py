"""clean_html reads blocks as the browser shows them: their words, lines and start."""

from __future__ import annotations

import re

import pytest

from reader.core import clean_html as module
from reader.core.clean_html import clean_html

_PARAGRAPHS = [
    "The harbour commission voted on Monday to dredge the eastern channel before the "
    "autumn storms, after two fishing boats ran aground there in the spring.",
    "Dredging will start in August and is expected to take six weeks; the channel stays "
    "open to small craft during the day and closes to all traffic at night.",
    "Boat owners asked for the work to be split into two stages so that the weekly fish "
    "auction can go on, and the commission agreed to look at the timetable again.",
    "The cost, about two million, will be shared between the port authority and the "
    "regional council, which has set money aside for coastal works this year.",
]
_TITLE = "Harbour channel to be dredged before the storms"


def _page(body: str, title: str = _TITLE) -> str:
    return (
        f'<html lang="en"><head><title>{title}</title></head><body>'
        f"<article>{body}</article></body></html>"
    )


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_a_heading_inside_a_list_item_does_not_run_into_its_text() -> None:
    items = "".join(
        f"<li><h2>{name}</h2><p>{text}</p></li>"
        for name, text in (("Dredger", _PARAGRAPHS[1]), ("Auction", _PARAGRAPHS[2]))
    )
    html = _page(f"<h1>{_TITLE}</h1>{_paragraphs(_PARAGRAPHS[:1])}<ul>{items}</ul>")
    words = re.findall(r"\w+", clean_html(html).body_text())
    assert "Dredger" in words and "Dredging" in words
    assert "DredgerDredging" not in words
    assert "AuctionBoat" not in words


def test_text_kept_above_the_headline_is_set_aside() -> None:
    teaser = (
        "Night ferries return: the island service will run after midnight again from next "
        "week, the operator said, after a summer of complaints from late-shift workers."
    )
    html = _page(
        f"<p>{teaser}</p><h2>{_TITLE}</h2>{_paragraphs(_PARAGRAPHS)}",
    )
    article = clean_html(html)
    body = article.body_text()
    assert "eastern channel" in body and "coastal works" in body
    assert "Night ferries" not in body
    assert any("Night ferries" in dropped for dropped in article.dropped)


def test_a_headline_at_the_end_of_a_long_article_cuts_nothing() -> None:
    closing = "A note on the author, who has covered the port for many years."
    html = _page(f"{_paragraphs(_PARAGRAPHS)}<h2>{_TITLE}</h2><p>{closing}</p>")
    body = clean_html(html).body_text()
    assert "eastern channel" in body and "coastal works" in body


def test_line_breaks_of_the_source_are_spaces_but_preformatted_lines_stay() -> None:
    divs = "".join(
        "<div>" + text.replace(" the ", "\n        the ") + "</div>" for text in _PARAGRAPHS
    )
    code = "dredge --channel east\n--depth 6m\n--start august"
    html = _page(f"<h1>{_TITLE}</h1>{divs}<pre><code>{code}</code></pre>")
    lines = clean_html(html).body_text().split("\n")
    for text in _PARAGRAPHS:
        assert text in lines
    assert "--depth 6m" in lines


def test_a_link_cut_from_the_middle_of_a_sentence_comes_back() -> None:
    cut = (
        "The commission's chair told reporters that "
        '<span class="link"><a href="/port/works">the dredging contract was signed</a></span>'
        " on Friday with a firm from the north coast, which dredged the western channel in "
        "2019 without closing the port."
    )
    html = _page(
        f"<h1>{_TITLE}</h1>{_paragraphs(_PARAGRAPHS[:2])}<p>{cut}</p>{_paragraphs(_PARAGRAPHS[2:])}"
    )
    body = clean_html(html).body_text()
    assert "told reporters that the dredging contract was signed on Friday" in body
    assert body.count("with a firm from the north coast") == 1


def test_without_the_repair_the_cut_link_stays_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above holds because of the repair, not because trafilatura kept the link."""
    monkeypatch.setattr(module, "WHOLE_LINES", False)
    cut = (
        "The commission's chair told reporters that "
        '<span class="link"><a href="/port/works">the dredging contract was signed</a></span>'
        " on Friday with a firm from the north coast, which dredged the western channel in "
        "2019 without closing the port."
    )
    html = _page(
        f"<h1>{_TITLE}</h1>{_paragraphs(_PARAGRAPHS[:2])}<p>{cut}</p>{_paragraphs(_PARAGRAPHS[2:])}"
    )
    body = clean_html(html).body_text()
    assert "the dredging contract was signed" not in body


def test_the_fallback_text_of_a_plugin_object_is_read() -> None:
    caption = (
        "In this video the harbour master walks the eastern channel at low tide and shows "
        "where the two fishing boats ran aground in the spring."
    )
    player = (
        '<object type="application/x-shockwave-flash" data="/player.swf">'
        '<param name="movie" value="/player.swf"/>'
        f"<div><p>{caption}</p></div></object>"
    )
    html = _page(f"<h1>{_TITLE}</h1>{player}{_paragraphs(_PARAGRAPHS)}")
    body = clean_html(html).body_text()
    assert "harbour master walks the eastern channel" in body
    assert "player.swf" not in body


def test_an_object_showing_an_image_keeps_its_fallback_out() -> None:
    fallback = (
        "Your browser cannot show this chart of the channel depths, measured by the "
        "commission's survey boat every month since the spring."
    )
    chart = f'<object type="image/svg+xml" data="/depths.svg"><p>{fallback}</p></object>'
    html = _page(
        f"<h1>{_TITLE}</h1>{_paragraphs(_PARAGRAPHS[:2])}{chart}{_paragraphs(_PARAGRAPHS[2:])}"
    )
    body = clean_html(html).body_text()
    assert "eastern channel" in body
    assert "cannot show this chart" not in body
