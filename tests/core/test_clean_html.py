"""clean_html: trafilatura's article, shaped into blocks and filtered for furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.clean_html import clean_html
from reader.core.errors import InputError, NoArticleError

FIXTURES = Path(__file__).parent / "fixtures" / "html"


@pytest.fixture(scope="module")
def council() -> tuple[str, object]:
    html = (FIXTURES / "hostile_council.html").read_text(encoding="utf-8")
    return html, clean_html(html, url="https://ledger.example.org/?utm_source=x")


def _article(council: tuple[str, object]):  # type: ignore[no-untyped-def]
    return council[1]


def test_block_zero_is_the_title_without_site_name(council) -> None:  # type: ignore[no-untyped-def]
    article = _article(council)
    assert article.blocks[0].kind == "title"
    assert article.block_texts(["title"]) == ["Riverton council delays bridge repairs again"]


def test_author_becomes_the_byline_block(council) -> None:  # type: ignore[no-untyped-def]
    article = _article(council)
    assert article.blocks[1].kind == "byline"
    assert article.meta.byline == "Mara Quill"


def test_metadata_prefers_canonical_url_and_reads_site_date_language(council) -> None:  # type: ignore[no-untyped-def]
    meta = _article(council).meta
    assert meta.url == "https://ledger.example.org/news/bridge-repairs-delayed"
    assert meta.site_name == "The Riverton Ledger"
    assert meta.published == "2024-03-14"
    assert meta.language == "en"


def test_structure_maps_to_heading_quote_and_list_items(council) -> None:  # type: ignore[no-untyped-def]
    article = _article(council)
    assert article.block_texts(["heading"]) == ["Residents frustrated by the delay"]
    assert article.block_texts(["quote"])[0].startswith("We were promised this would be fixed")
    assert len(article.block_texts(["list_item"])) == 3


def test_article_paragraphs_are_kept_in_order(council) -> None:  # type: ignore[no-untyped-def]
    body = _article(council).body_text()
    assert body.index("voted on Wednesday evening") < body.index("Mayor Ilse Brandt said")


def test_donation_appeal_without_telltale_class_is_dropped_and_kept_aside(council) -> None:  # type: ignore[no-untyped-def]
    article = _article(council)
    assert "funded by readers like you" not in article.text
    assert any("funded by readers like you" in line for line in article.dropped)


@pytest.mark.parametrize(
    "furniture",
    [
        "tracking pixel",  # script
        "Injected by script",  # script writing HTML
        "We use cookies",  # cookie banner
        "Sport",  # navigation
        "Ferry timetable",  # related stories
        "All rights reserved",  # footer
        "Tweet",  # share buttons
        "http",  # remote images and iframes leave no trace
    ],
)
def test_page_furniture_is_not_in_the_clean_text(council, furniture: str) -> None:  # type: ignore[no-untyped-def]
    assert furniture not in _article(council).text


def test_text_is_normalised_within_blocks() -> None:
    html = (
        "<html><head><title>Tides</title></head><body><article>"
        "<p>The\u00a0harbour   master said the spring\u00ad tide would peak at noon on Sunday,\n"
        "  two hours later than last year, and asked boat owners to check their moorings.</p>"
        "<p>Fishermen said the warning came too late for the morning catch, which had already "
        "left the port before the notice was published on the town's website.</p>"
        "</article></body></html>"
    )
    body = clean_html(html).body_text()
    assert "The harbour master said the spring tide would peak at noon on Sunday, two hours" in body


def test_page_without_article_raises_no_article_with_visible_text() -> None:
    html = (
        "<html><head><title>Login</title><script>var secret = 1;</script></head>"
        "<body><form><label>Email</label><input><button>Log in</button></form></body></html>"
    )
    with pytest.raises(NoArticleError) as caught:
        clean_html(html)
    assert "Log in" in caught.value.text
    assert "secret" not in caught.value.text


def test_deeply_nested_html_is_read_without_crashing() -> None:
    paragraph = (
        "<p>" + "The committee published its findings on the river survey today. " * 6 + "</p>"
    )
    html = "<html><body>" + "<div>" * 1000 + paragraph * 4 + "</div>" * 1000 + "</body></html>"
    article = clean_html(html)
    assert "river survey" in article.body_text()


def test_absurdly_nested_html_gives_an_error_with_advice_not_a_crash() -> None:
    html = "<html><body>" + "<div><span>" * 20000 + "text" + "</body></html>"
    with pytest.raises(InputError) as caught:
        clean_html(html)
    assert not isinstance(caught.value, NoArticleError)
    assert "nested too deeply" in str(caught.value)


def test_broken_html_still_yields_the_article() -> None:
    html = (
        "<html><head><title>Broken page</title></head><body><div><p>The ministry confirmed on Monday "
        "that the new rail timetable will start in June, two months later than planned<p>"
        "Officials blamed delays in signal testing on the northern line and said passengers "
        "would be informed by post <b><i>before the change</b></i></div></table></body>"
    )
    article = clean_html(html)
    assert "rail timetable will start in June" in article.body_text()


def test_xml_declaration_with_encoding_is_accepted() -> None:
    html = (
        '<?xml version="1.0" encoding="utf-8"?><html><body><article><p>'
        + "The port authority expects container traffic to grow by a tenth this year. " * 3
        + "</p></article></body></html>"
    )
    assert "port authority" in clean_html(html).body_text()


def test_site_name_decoration_is_removed_from_the_title() -> None:
    html = (
        "<html><head><title>Harbour regatta moved to Sunday | Coastline Post</title>"
        '<meta property="og:site_name" content="Coastline Post"></head><body><article>'
        + "<p>The harbour master moved the regatta to Sunday because a gale is forecast.</p>" * 3
        + "</article></body></html>"
    )
    article = clean_html(html)
    assert article.title == "Harbour regatta moved to Sunday"
    assert article.meta.site_name == "Coastline Post"


_ARTICLE_PARAGRAPHS = (
    "<p>The harbour master moved the regatta to Sunday because a gale is forecast for "
    "Saturday afternoon along the whole coast.</p>"
    "<p>Crews that cannot stay an extra night will be refunded their entry fee, the "
    "sailing club said in a statement on Thursday.</p>"
)


def test_scripts_styles_and_drawings_do_not_change_the_article() -> None:
    plain = (
        "<html><head><title>Regatta moved</title></head><body>"
        f"<article>{_ARTICLE_PARAGRAPHS}</article></body></html>"
    )
    cluttered = (
        "<html><head><title>Regatta moved</title><style>p { color: red }</style>"
        "<script>var tracking = 'pixel';</script></head><body><article>"
        + _ARTICLE_PARAGRAPHS.replace("</p><p>", "</p><script>document.write('x')</script><p>")
        + "<svg><text>icon label</text></svg><template><p>hidden teaser</p></template>"
        "</article></body></html>"
    )
    assert clean_html(cluttered).text == clean_html(plain).text


def test_author_and_date_are_read_from_json_ld() -> None:
    html = (
        "<html><head><title>Regatta moved</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Regatta moved", '
        '"author": {"@type": "Person", "name": "Tomas Reed"}, '
        '"datePublished": "2023-06-09T08:00:00Z"}</script>'
        f"</head><body><article>{_ARTICLE_PARAGRAPHS}</article></body></html>"
    )
    article = clean_html(html)
    assert article.meta.byline == "Tomas Reed"
    assert article.meta.published == "2023-06-09"


def test_blank_lines_and_odd_spaces_inside_a_block_are_folded() -> None:
    html = (
        "<html><head><title>Tides</title></head><body><article>"
        "<p>High\twater\u2003at noon,<br/><br/>  low water\u00a0at six  <br/> in the evening, "
        "the harbour office said in its weekly notice to boat owners.</p>"
        + _ARTICLE_PARAGRAPHS
        + "</article></body></html>"
    )
    first = clean_html(html).block_texts(["paragraph"])[0]
    assert first.startswith("High water at noon,\nlow water at six\nin the evening, the harbour")


_CHORUS = (
    "The committee repeated its warning that the river defences would not hold another "
    "winter without the promised repairs to the eastern embankment."
)
_OTHER = (
    "Engineers from the county council inspected the embankment in October and found "
    "three breaches that had been patched with sandbags rather than concrete."
)
_CLOSING = (
    "A spokesperson for the council said the repairs would be funded from next year's "
    "budget, although no date has been set for the work to begin."
)


def _article_html(*paragraphs: str, before: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>River defences</title></head><body>"
        f"{before}<article><h1>River defences</h1>{body}</article></body></html>"
    )


def test_a_paragraph_the_article_prints_twice_is_kept_twice() -> None:
    html = _article_html(_OTHER, _CHORUS, _CHORUS, _CLOSING)
    body = clean_html(html).body_text()
    assert body.count(_CHORUS) == 2
    assert body.index(_OTHER) < body.index(_CHORUS) < body.index(_CLOSING)


def test_repeats_separated_only_by_furniture_are_kept() -> None:
    html = _article_html(
        _OTHER, _CHORUS, "</p><div class='share'><span>Like</span></div><p>" + _CHORUS, _CLOSING
    )
    assert clean_html(html).body_text().count(_CHORUS) == 2


def test_a_copy_outside_the_article_is_not_added() -> None:
    # The same words in a teaser box far from the paragraph: other article text stands
    # between the two copies, so the teaser's copy is not the article's.
    teaser = f"<aside><p>{_CHORUS}</p></aside>"
    html = _article_html(_CHORUS, _OTHER, _CLOSING) + teaser
    assert clean_html(html).body_text().count(_CHORUS) == 1
