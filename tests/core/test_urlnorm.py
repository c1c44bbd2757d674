"""The comparable form of article URLs."""

from __future__ import annotations

import pytest

from reader.core.urlnorm import comparable_url

BASE = "https://news.example/world/dam-story"


@pytest.mark.parametrize(
    "variant",
    [
        "http://news.example/world/dam-story",
        "https://news.example/world/dam-story/",
        "https://NEWS.example/world/dam-story",
        "https://news.example:443/world/dam-story",
        "https://news.example/world/dam-story#comments",
        "https://news.example/world/dam-story?utm_source=x&utm_medium=social",
        "http://news.example/world/dam-story/?UTM_campaign=spring&fbclid=abc",
        "  https://news.example/world/dam-story  ",
    ],
)
def test_scheme_slash_tracking_and_fragment_do_not_matter(variant: str) -> None:
    assert comparable_url(variant) == comparable_url(BASE)


@pytest.mark.parametrize(
    "other",
    [
        "https://news.example/world/dam-story-2",
        "https://news.example/world/Dam-Story",
        "https://www.news.example/world/dam-story",
        "https://news.example/world/dam-story?page=2",
        "https://news.example:8080/world/dam-story",
    ],
)
def test_a_different_page_stays_different(other: str) -> None:
    assert comparable_url(other) != comparable_url(BASE)


def test_query_parameters_that_select_the_article_are_kept_in_any_order() -> None:
    assert comparable_url("http://x.example/a?id=3&lang=en") == comparable_url(
        "https://x.example/a/?lang=en&utm_term=t&id=3"
    )


@pytest.mark.parametrize("text", ["urn:uuid:1234", "not a url", "", "http://[::1"])
def test_anything_else_comes_back_as_it_was(text: str) -> None:
    assert comparable_url(text) == text.strip()
