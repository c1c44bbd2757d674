"""The copied-page-text cleaner: article kept in order, furniture dropped, metadata read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.clean_text import (
    _CAPTION,
    _CAPTION_HINT,
    _ends_like_sentence,
    _lines,
    clean_copied_text,
)
from reader.core.errors import NoArticleError

FIXTURES = Path(__file__).parent / "fixtures" / "text"
ARTICLE_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def _load(name: str) -> tuple[str, dict]:
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return raw, expected


@pytest.mark.parametrize("name", ARTICLE_FIXTURES)
def test_body_is_exactly_the_article_paragraphs_in_order(name: str) -> None:
    raw, expected = _load(name)
    article = clean_copied_text(raw)
    body = article.block_texts(("heading", "paragraph", "quote", "list_item"))
    assert body == expected["body"]


@pytest.mark.parametrize("name", ARTICLE_FIXTURES)
def test_headline_becomes_block_zero_and_title(name: str) -> None:
    raw, expected = _load(name)
    article = clean_copied_text(raw)
    assert article.blocks[0].kind == "title"
    assert article.block_texts(("title",)) == [expected["title"]]
    assert article.meta.title == expected["title"]


@pytest.mark.parametrize("name", ARTICLE_FIXTURES)
def test_byline_date_and_site_name_are_read(name: str) -> None:
    raw, expected = _load(name)
    meta = clean_copied_text(raw).meta
    assert meta.byline == expected["byline"]
    assert meta.published == expected["published"]
    assert meta.site_name == expected["site_name"]


@pytest.mark.parametrize("name", ARTICLE_FIXTURES)
def test_every_removed_line_is_listed_in_dropped(name: str) -> None:
    raw, _expected = _load(name)
    article = clean_copied_text(raw)
    kept = set(article.block_texts())
    for line in (ln.strip() for ln in raw.splitlines()):
        if line and line not in kept:
            assert line in article.dropped


def test_subheading_between_paragraphs_is_a_heading_block() -> None:
    raw, expected = _load("en_council_budget")
    article = clean_copied_text(raw)
    assert article.block_texts(("heading",)) == expected["headings"]


def test_photo_caption_is_kept_as_caption_not_body() -> None:
    raw, expected = _load("en_council_budget")
    article = clean_copied_text(raw)
    assert article.block_texts(("caption",)) == [expected["caption"]]
    assert expected["caption"] not in article.body_text()


def test_news_paragraph_about_donations_survives_while_the_appeal_goes() -> None:
    raw, _expected = _load("en_council_budget")
    text = clean_copied_text(raw).text
    assert "raised donations for flooded households" in text
    assert "please become a member today" not in text


def test_comment_section_after_the_article_is_dropped() -> None:
    raw, _expected = _load("en_council_budget")
    text = clean_copied_text(raw).text
    assert "should have been done ten years ago" not in text


def test_no_break_spaces_become_ordinary_spaces() -> None:
    raw, expected = _load("en_council_budget")
    article = clean_copied_text(raw.replace(" ", "\u00a0"))
    assert article.block_texts(("paragraph",))[0] == expected["body"][0]


def test_page_of_menus_only_raises_no_article_with_the_text() -> None:
    raw = (FIXTURES / "menus_only.txt").read_text(encoding="utf-8")
    with pytest.raises(NoArticleError) as caught:
        clean_copied_text(raw)
    assert "Copy the whole page again" in str(caught.value)
    assert caught.value.text.startswith("Home\nNews")


def test_empty_text_raises_no_article() -> None:
    with pytest.raises(NoArticleError):
        clean_copied_text(" \n\u00a0\n")


def test_bulleted_lines_inside_the_article_are_list_items() -> None:
    raw = """Menu
Home
News

Three Ways the New Timetable Changes Your Commute

The regional rail operator published its winter timetable on Monday, and regular \
passengers will notice several changes from December.

- Early trains leave ten minutes sooner on weekdays.
- The last train on Sundays now runs until midnight.
- Two rural stops are served only on request.

The operator said the changes follow a survey of more than two thousand passengers \
carried out over the summer months.

Share
Twitter
Facebook
"""
    article = clean_copied_text(raw)
    assert article.block_texts(("list_item",)) == [
        "- Early trains leave ten minutes sooner on weekdays.",
        "- The last train on Sundays now runs until midnight.",
        "- Two rural stops are served only on request.",
    ]


# --- the shared sample ---------------------------------------------------------------


def test_shared_sample_comes_out_as_expected(shared_dir: Path) -> None:
    samples = shared_dir / "samples"
    raw = (samples / "lavrov-kerry.raw.txt").read_text(encoding="utf-8")
    expected = json.loads((samples / "lavrov-kerry.expected.json").read_text(encoding="utf-8"))
    article = clean_copied_text(raw)

    assert article.blocks[0].kind == "title"
    assert article.meta.title == expected["title"]
    assert article.block_texts(("paragraph",)) == expected["paragraphs"]
    assert article.block_texts(("heading", "quote", "list_item")) == []
    for line in expected["must_not_appear"]:
        assert line not in article.text
    assert article.block_texts(("caption",)) in ([], [expected["caption_optional"]])


def test_byline_with_a_date_after_a_separator_is_not_taken_for_the_headline():
    text = (
        "Home | World | Business\n\n"
        "Tram Line Extension Approved After Long Delay\n\n"
        "By Priya Raman | June 12\n\n"
        "The regional assembly approved the tram extension on Thursday after three years "
        "of hearings. Work on the first section will start in the autumn, officials said.\n\n"
        "The new line will link the university to the central station and is expected to "
        "carry twelve thousand passengers a day when it opens.\n"
    )
    art = clean_copied_text(text)
    assert art.title == "Tram Line Extension Approved After Long Delay"
    assert art.meta.byline == "By Priya Raman | June 12"


_TRAM_PARAGRAPHS = (
    "The regional assembly approved the tram extension on Thursday after three years "
    "of hearings. Work on the first section will start in the autumn, officials said.\n\n"
    "The new line will link the university to the central station and is expected to "
    "carry twelve thousand passengers a day when it opens.\n"
)


@pytest.mark.parametrize(
    ("trail", "title"),
    [
        # The trail ends in a section: no headline, rather than the site's menu above it.
        ("Home > World > Europe", ""),
        ("News › Transport › Trams", ""),
        # The trail ends in the page's own name: that is the headline.
        ("Home » Transport » Tram Line Extension Approved", "Tram Line Extension Approved"),
        ("City / Transport / Council Backs The Tram Plan", "Council Backs The Tram Plan"),
    ],
)
def test_a_breadcrumb_trail_is_never_the_headline(trail: str, title: str):
    text = f"Skip to content\nSubscribe Now For Full Access\n{trail}\n\n{_TRAM_PARAGRAPHS}"
    art = clean_copied_text(text)
    assert art.title == title
    assert trail not in art.text


@pytest.mark.parametrize(
    "line",
    [
        "November 20, 2019 / 1:07 AM / CBS News",  # a dateline, not a trail
        "«Vape Wave», «Six Days» et «Braguino»",  # guillemets, not separators
    ],
)
def test_datelines_and_quoted_titles_are_not_taken_for_breadcrumbs(line: str):
    from reader.core.clean_text import _is_breadcrumb

    assert not _is_breadcrumb(line)


# --- the quick tests used on every line give the answers of the full rules --------------


@pytest.mark.parametrize(
    ("line", "ends_like_sentence"),
    [
        ("The bridge reopened on Monday.", True),
        ('"We will rebuild it," the mayor said."', True),
        ("Is the bridge safe?)", True),
        ("He stopped…", True),
        ("Timeline:", True),
        ("«Il pont est fermé»", True),
        ("“Quoted headline”", True),
        ("Menu", False),
        ("Read more (2)", False),
        ("It is 'fine'", False),
        (")", False),
    ],
)
def test_sentence_end_is_read_from_the_end_of_the_line(line: str, ends_like_sentence: bool) -> None:
    assert _ends_like_sentence(line) is ends_like_sentence


@pytest.mark.parametrize(
    "caption",
    [
        "The mayor (left) opens the new footbridge on Monday",
        "Ilse Brandt, right, at the opening of the bridge",
        "Volunteers pictured clearing the riverbank",
        "Photo by Jane Doe",
        "PHOTO: Riverton Ledger",
        "Image credit: council press office",
        "Getty Images",
        "Floodwater in the old town. AP",
        "Rescue boats on the river (AFP/File)",
        "Foto: Stadtverwaltung",
        "Фото: пресс-служба",
        "A file photo of the dam",
        "Shutterstock",
    ],
)
def test_caption_prefilter_lets_every_caption_form_through(caption: str) -> None:
    assert _CAPTION.search(caption) is not None
    assert _CAPTION_HINT.search(caption.lower()) is not None


def test_line_with_dotted_capital_i_keeps_its_word_count() -> None:
    text = (
        "İstanbul İzmir İnegöl\n\n"
        "The ferry between the two cities will run every hour from June, the operator said "
        "on Tuesday, after a winter in which the service was cut to four crossings a day.\n"
    )
    lines = _lines(text)
    assert lines[0].words == 3
