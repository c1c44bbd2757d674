"""Catching silent edits: fetch every article that came from the web again.

News sites revise articles without saying so.  :func:`check_for_changes` fetches each
article's page again (http(s) only, with the importer's time-outs and size caps, and
only when the user asks), cleans it with the user's block choices, and stores a new
version only when the clean text differs; every note is then re-anchored against the
words it was checked on.  One page that cannot be fetched or cleaned does not stop the
others: it is reported as ``failed`` with the reason.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from reader.app.articles import update_from_raw
from reader.app.progress import NO_PROGRESS, Progress, cancel_event
from reader.core.errors import UserError
from reader.core.models import RawInput
from reader.store import Library

__all__ = ["ArticleCheck", "CheckOutcome", "WebArticle", "check_for_changes"]

CheckOutcome = Literal["unchanged", "updated", "failed", "cancelled"]
Fetch = Callable[[str, threading.Event | None], RawInput]


@dataclass(frozen=True)
class ArticleCheck:
    """What checking one article found, with its live notes counted by state."""

    article_id: str
    title: str
    url: str
    outcome: CheckOutcome
    version: int
    ok: int = 0
    changed: int = 0
    orphan: int = 0
    error: str = ""


@dataclass(frozen=True)
class WebArticle:
    """An article to fetch again: its id, title, address and current version."""

    id: str
    title: str
    url: str
    version: int


def _web_articles(lib: Library, since_days: float | None = None) -> list[WebArticle]:
    """The live articles that came from an http(s) address, oldest import first.

    ``since_days`` keeps only the articles imported in the last that many days (news
    is revised mostly in the days after it is published).
    """
    cutoff = ""
    if since_days is not None:
        if since_days < 0:
            raise UserError("--since takes a number of days of zero or more, such as 7.")
        cutoff = (datetime.now(timezone.utc) - timedelta(days=since_days)).isoformat(
            timespec="milliseconds"
        )
    rows = lib.list_articles(order="imported")
    return [
        WebArticle(r.id, r.title, r.url, r.version)
        for r in rows
        if r.url
        and r.url.strip().lower().startswith(("http://", "https://"))
        and r.created >= cutoff
    ]


def _fetch(url: str, cancel: threading.Event | None) -> RawInput:
    from reader.importers.url import fetch_url

    return fetch_url(url, cancel=cancel)


def check_for_changes(
    lib: Library,
    *,
    since_days: float | None = None,
    progress: Progress = NO_PROGRESS,
    fetch: Fetch = _fetch,
) -> list[ArticleCheck]:
    """Fetch every web article again and store the pages whose clean text changed.

    ``progress`` hears of each article before it is fetched; once it is cancelled the
    fetch under way stops and the articles left are reported ``cancelled``.
    """
    articles = _web_articles(lib, since_days)
    cancel = cancel_event(progress)
    results: list[ArticleCheck] = []
    for done, art in enumerate(articles):
        progress.report(done, len(articles), art.title or art.url)
        if progress.cancelled():
            results.append(ArticleCheck(art.id, art.title, art.url, "cancelled", art.version))
            continue
        try:
            report = update_from_raw(lib, art.id, fetch(art.url, cancel))
        except UserError as exc:
            outcome: CheckOutcome = "cancelled" if progress.cancelled() else "failed"
            results.append(
                ArticleCheck(
                    art.id,
                    art.title,
                    art.url,
                    outcome,
                    art.version,
                    *_state_counts(lib, art.id),
                    error=str(exc),
                )
            )
            continue
        outcome = "updated" if report.changed else "unchanged"
        results.append(
            ArticleCheck(
                art.id, art.title, art.url, outcome, report.version, *_state_counts(lib, art.id)
            )
        )
    progress.report(len(articles), len(articles))
    return results


def _state_counts(lib: Library, article_id: str) -> tuple[int, int, int]:
    counts = Counter(n.anchor_state for n in lib.notes_for_article(article_id))
    return counts["ok"], counts["changed"], counts["orphan"]
