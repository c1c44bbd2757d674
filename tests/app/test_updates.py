"""Checking web articles for changes: one failure does not stop the rest; cancel stops."""

from __future__ import annotations

import threading

import pytest

from reader.app.progress import EventProgress
from reader.app.updates import check_for_changes
from reader.core.errors import FetchError, UserError
from reader.core.models import RawInput, build_article
from reader.store import Library

PAGE = (
    "Ferry timetable changes from Monday\n\n"
    "The island ferry will leave every forty minutes from next Monday, the operator said, "
    "replacing the hourly service that has run since the spring.\n\n"
    "Commuters welcomed the change but said the last crossing, at ten in the evening, was "
    "still too early for people working late shifts in the town.\n\n"
    "The operator said it would review the evening timetable in the autumn.\n"
)


@pytest.fixture
def lib() -> Library:
    library = Library(":memory:")
    for n in range(3):
        clean = build_article([("title", "Ferry news"), ("paragraph", f"Version one, page {n}.")])
        clean.meta.url = f"https://news.example/{n}"
        library.add_article(clean)
    library.add_article(build_article([("title", "Local"), ("paragraph", "Not from the web.")]))
    yield library
    library.close()


def _raw(url: str) -> RawInput:
    return RawInput(PAGE.encode(), "text/plain", url, None, url)


def test_only_articles_from_http_addresses_are_checked(lib: Library) -> None:
    fetched: list[str] = []

    def fetch(url: str, cancel: threading.Event | None) -> RawInput:
        fetched.append(url)
        return _raw(url)

    check_for_changes(lib, fetch=fetch)
    assert sorted(fetched) == [f"https://news.example/{n}" for n in range(3)]


def test_a_page_that_fails_is_reported_and_the_others_are_checked(lib: Library) -> None:
    def fetch(url: str, cancel: threading.Event | None) -> RawInput:
        if url.endswith("/1"):
            raise FetchError("The site answered 404 Not Found.")
        return _raw(url)

    checks = {c.url[-1]: c for c in check_for_changes(lib, fetch=fetch)}
    assert (checks["0"].outcome, checks["0"].version) == ("updated", 2)
    assert (checks["1"].outcome, checks["1"].error) == (
        "failed",
        "The site answered 404 Not Found.",
    )
    assert checks["2"].outcome == "updated"


def test_cancelling_leaves_the_remaining_articles_unchecked(lib: Library) -> None:
    progress = EventProgress()
    seen: list[str] = []

    def fetch(url: str, cancel: threading.Event | None) -> RawInput:
        seen.append(url)
        progress.event.set()  # the user presses Cancel during the first fetch
        return _raw(url)

    checks = check_for_changes(lib, progress=progress, fetch=fetch)
    assert len(seen) == 1
    assert [c.outcome for c in checks] == ["updated", "cancelled", "cancelled"]


def test_negative_days_are_refused(lib: Library) -> None:
    with pytest.raises(UserError, match="--since"):
        check_for_changes(lib, since_days=-1)


def test_the_same_page_again_stores_no_new_version(lib: Library) -> None:
    first = check_for_changes(lib, fetch=lambda url, cancel: _raw(url))
    again = check_for_changes(lib, fetch=lambda url, cancel: _raw(url))
    assert [c.outcome for c in first] == ["updated"] * 3
    assert [(c.outcome, c.version) for c in again] == [("unchanged", 2)] * 3
