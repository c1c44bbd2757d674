"""The article container a page marks, and put-back lines kept inside it."""

from __future__ import annotations

import lxml.html

from reader.core.clean_html import clean_html
from reader.core.html_scope import PageScope

_ARTICLE = (
    "<p>The harbour board voted on Tuesday to close the old ferry pier for two years while "
    "engineers rebuild its timber piles, which divers found rotten in places last spring.</p>"
    "<p>Ferry passengers will board at the freight quay instead, about four hundred metres "
    "east, where the board has promised a covered walkway and a new ticket office by March.</p>"
    "<p>Local traders fear the change will empty the waterfront cafés during the summer "
    "season, and some asked the board to phase the works over three winters instead.</p>"
)
_TEASERS = [
    (
        "Orchard growers count frost damage",
        "Growers in the upper valley said on Monday that a late frost had cost them about a "
        "third of the apple blossom, and asked the county for help with insurance claims "
        "before the harvest.",
    ),
    (
        "Library extends weekend opening",
        "The central library will stay open until eight on Saturdays from next month after a "
        "survey found that most students wanted more evening hours for quiet study and exam "
        "revision.",
    ),
    (
        "Bus drivers accept new pay offer",
        "Drivers at the regional bus company voted to accept a two-year pay offer, ending a "
        "dispute that had led to three one-day strikes and cancelled services across the "
        "county.",
    ),
    (
        "School roof repairs finish early",
        "Builders finished repairing the leaking roof of the primary school on Elm Road a week "
        "ahead of schedule, and pupils will return to their classrooms after the half-term "
        "holiday.",
    ),
    (
        "Market square to get new benches",
        "The town council has ordered twenty oak benches for the market square after "
        "residents complained that the old metal ones were too hot to sit on during the "
        "summer months.",
    ),
    (
        "River path reopens after floods",
        "The footpath along the river reopened on Friday after council workers cleared mud "
        "and fallen branches left by the winter floods, which had closed it for nearly six "
        "weeks.",
    ),
    (
        "Hospital car park fees cut",
        "The hospital trust cut parking charges for visitors of long-stay patients after a "
        "campaign by families who said the fees added hundreds of pounds to the cost of each "
        "visit.",
    ),
    (
        "Cycle lane plan goes to consultation",
        "Plans for a protected cycle lane along the high street will go out to public "
        "consultation next month, with drawings on show at the town hall and at the library.",
    ),
]


def _page(article_class: str) -> str:
    teasers = "".join(
        f"<li><a href='/news/{i}'>{headline}</a> {summary}</li>"
        for i, (headline, summary) in enumerate(_TEASERS)
    )
    return (
        '<html lang="en"><head><title>Ferry pier to close for repairs</title></head><body>'
        f'<div class="wrapper"><div class="{article_class}">'
        f"<h1>Ferry pier to close for repairs</h1>{_ARTICLE}</div>"
        f'<div class="latest-news"><h3>Latest</h3><ul>{teasers}</ul></div>'
        "</div></body></html>"
    )


def test_teasers_beside_a_marked_article_container_are_not_put_back() -> None:
    body = clean_html(_page("main-article-content")).body_text()
    assert "ferry pier for two years" in body
    assert "phase the works over three winters" in body
    for _headline, summary in _TEASERS:
        assert summary[:40] not in body


def test_outermost_marked_container_is_the_scope() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div class='page'><article id='story'>"
        "<div class='article-block'><p>First part of the story, kept by the extractor.</p></div>"
        "<div class='article-block'><p>Second part of the story, missed by it.</p></div>"
        "</article><aside><p>A teaser for another story entirely.</p></aside></div>"
        "</body></html>"
    )
    scope = PageScope(tree)
    container = scope.article_container(["First part of the story, kept by the extractor."])
    assert container is not None and container.tag == "article"
    assert scope.inside("Second part of the story, missed by it.", container)
    assert not scope.inside("A teaser for another story entirely.", container)


def test_page_without_a_marked_container_has_no_scope() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div class='main'><p>Only paragraph of a plain page.</p></div></body></html>"
    )
    assert PageScope(tree).article_container(["Only paragraph of a plain page."]) is None
