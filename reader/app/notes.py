"""Notes: attach a fact-check note to a sentence, with its sources.

- :func:`sources_from` — source URLs and titles as typed → :class:`Source` list.
- :func:`add_note_on_sentence` — a note on sentence ``n`` (1 is the title).

The window attaches notes to any selected range through its undo commands, which call
:meth:`reader.store.Library.add_note` and friends directly; the rules on verdicts and
statuses live in the store either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.errors import UserError
from reader.core.models import Note, Source
from reader.core.verdicts import BY_KEY, STATUSES
from reader.store import Library


def sources_from(urls: Iterable[str], titles: Iterable[str] = ()) -> list[Source]:
    """One :class:`Source` per URL, the n-th title going with the n-th URL."""
    urls, titles = list(urls), list(titles)
    if len(titles) > len(urls):
        raise UserError("Each --source-title must follow a --source URL.")
    return [
        Source(url=url, title=titles[i] if i < len(titles) else "") for i, url in enumerate(urls)
    ]


def add_note_on_sentence(
    lib: Library,
    article_id: str,
    n: int,
    *,
    verdict: str | None,
    status: str = "to_check",
    conclusion: str = "",
    body: str = "",
    tags: Iterable[str] = (),
    sources: Iterable[Source] = (),
) -> Note:
    """Attach a new note to sentence ``n`` (1-based, the title is 1) of an article.

    Raises :class:`UserError` for a sentence number the article does not have, or a
    verdict or status the app does not know.
    """
    from reader.core.segment import sentence_spans

    if verdict is not None and verdict not in BY_KEY:
        raise UserError(f"Unknown verdict {verdict!r}. Use one of: {', '.join(BY_KEY)}.")
    if status not in STATUSES:
        raise UserError(f"Unknown status {status!r}. Use one of: {', '.join(STATUSES)}.")
    art = lib.get_article(article_id)
    spans = sentence_spans(art.text)
    if not 1 <= n <= len(spans):
        raise UserError(
            f"The article has sentences 1 to {len(spans)}; there is no sentence {n}. "
            "Run 'show' to see the numbers."
        )
    start, end = spans[n - 1]
    return lib.add_note(
        article_id,
        start,
        end,
        verdict=verdict,
        status=status,
        conclusion=conclusion,
        body=body,
        tags=tags,
        sources=sources,
    )
