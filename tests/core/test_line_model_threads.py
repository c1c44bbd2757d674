"""Comment threads after an article are cut; posts of a blog page and quoted tweets are not."""

from __future__ import annotations

import numpy as np

from reader.core.clean_text import clean_copied_text
from reader.core.line_model import (
    cut_thread,
    line_units,
    page_features,
    split_lines,
    thread_start,
)

MENU = ["Home", "Garden", "Kitchen", "About us", "Contact"]
ARTICLE = [
    "The village allotments opened again this spring after two dry years in which "
    "most of the plots were left fallow and the water butts stood empty.",
    "Volunteers repaired the old pump by the gate, and the council agreed to pay for "
    "a second tank so that the gardeners at the far end no longer carry cans uphill.",
    "By April every plot had a tenant again, and the waiting list, which had shrunk to "
    "three names, now runs to almost forty households from the new estate.",
    "The committee says it will mark out smaller half plots next winter, because many "
    "of the newcomers want to start with a few beds rather than a whole strip.",
]
COMMENTS = [
    ("Ann on May 3, 2024 at 9:41 pm", "Lovely to see the pump working again, well done all."),
    ("Bob on May 3, 2024 at 10:02 pm", "Half plots are a great idea for beginners like me."),
    ("Cleo on May 4, 2024 at 7:15 am", "Is there still space on the list for next year?"),
    ("Dev on May 4, 2024 at 8:30 am", "We put our names down in March, fingers crossed."),
]


def _page(
    article: list[str],
    thread: list[tuple[str, str]],
    marker: str = "4 comments",
    reply: bool = True,
) -> str:
    lines = MENU + ["Allotments bloom again after the dry years"] + article + [marker]
    for header, comment in thread:
        lines += [header, comment] + (["Reply"] if reply else [])
    lines += ["Privacy", "Terms"]
    return "\n\n".join(lines)


def _units_and_markers(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    texts = split_lines(text).texts
    units = np.array([line_units(t) for t in texts])
    markers = np.array([1.0 if t == "4 comments" else 0.0 for t in texts])
    return texts, units, markers


def test_comments_with_time_stamped_headers_are_cut_from_the_article() -> None:
    article = clean_copied_text(_page(ARTICLE, COMMENTS))
    body = article.body_text()
    for paragraph in ARTICLE:
        assert paragraph in body
    for header, comment in COMMENTS:
        assert comment not in body
        assert header not in body
        assert comment in article.dropped


def test_thread_starts_at_the_comment_count_above_its_first_header() -> None:
    texts, units, markers = _units_and_markers(_page(ARTICLE, COMMENTS))
    found = thread_start(texts, units, markers)
    assert found is not None
    assert texts[found[0]] == "4 comments"


def test_dated_quotes_without_a_time_are_not_a_thread() -> None:
    tweets = [
        (f"— A reader (@reader{i}) May {i}, 2024", f"Quoted remark number {i} about plots.")
        for i in range(1, 5)
    ]
    texts, units, markers = _units_and_markers(_page(ARTICLE, tweets, marker="Tweets", reply=False))
    assert thread_start(texts, units, markers) is None


def test_posts_of_a_blog_page_signed_with_a_time_are_kept() -> None:
    # Each "comment" is as long as the article above it: posts of a blog page, not a thread.
    posts = [(f"Posted by Sam at {h}:15 PM", " ".join(ARTICLE)) for h in (1, 2, 3, 4)]
    text = _page(ARTICLE, posts, marker="Archive")
    texts = split_lines(text).texts
    path = [True] * len(texts)
    assert thread_start(*_units_and_markers(text)) is not None
    assert cut_thread(path, texts, page_features(split_lines(text))) == path


def test_a_comment_count_above_the_article_does_not_start_the_thread() -> None:
    # A "4 comments" link in the page's header sits above the article: the thread
    # starts at its first header, below the article, and is still cut.
    lines = MENU + ["4 comments", "Allotments bloom again after the dry years"] + ARTICLE
    lines += ["Tagged as: gardens, village"]
    for header, comment in COMMENTS:
        lines += [header, comment, "Reply"]
    text = "\n\n".join(lines + ["Privacy", "Terms"])
    texts, units, markers = _units_and_markers(text)
    found = thread_start(texts, units, markers)
    assert found is not None
    assert texts[found[0]] == COMMENTS[0][0]
    path = [True] * len(texts)
    cut = cut_thread(path, texts, page_features(split_lines(text)))
    assert cut[texts.index(ARTICLE[-1])]
    assert not cut[texts.index(COMMENTS[0][1])]
