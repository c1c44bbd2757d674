"""schema.org ClaimReview JSON-LD: verdicts in the form search engines and fact-check
aggregators read.

Each note that has a verdict becomes one ``ClaimReview``: the quoted sentence is the
``claimReviewed``; the verdict label is the rating's ``alternateName`` (the text
aggregators show), with a numeric ``ratingValue`` on the 1–5 scale of
:mod:`reader.core.verdicts` only where the verdict has one (``unproven``, ``satire`` …
carry the label alone, as schema.org allows).  The article is the claim's
``appearance``; the note's conclusion is the ``reviewBody``; its sources are the
``citation`` list.  A note whose sentence changed since it was checked reviews the
words it was checked on, and its ``description`` says it was rated on the earlier
wording, with the words now there and the word diff.  Notes without a verdict are
work in progress and are skipped, as are notes in the trash.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reader.core.models import Article, JsonObject, Note, Source
from reader.core.verdicts import BY_KEY, RATING_BEST, RATING_WORST
from reader.core.worddiff import changed_summary, note_wording
from reader.export.markdown import reading_order

SCHEMA_CONTEXT = "https://schema.org"
AUTHOR_TYPES: tuple[str, ...] = ("Organization", "Person")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _rating(verdict_key: str) -> JsonObject:
    verdict = BY_KEY.get(verdict_key)
    rating: JsonObject = {
        "@type": "Rating",
        "alternateName": verdict.label if verdict else verdict_key,
        "bestRating": RATING_BEST,
        "worstRating": RATING_WORST,
    }
    if verdict is not None and verdict.rating is not None:
        rating["ratingValue"] = verdict.rating
    return rating


def _appearance(article: Article) -> JsonObject:
    meta = article.meta
    appearance: JsonObject = {"@type": "NewsArticle"}
    if meta.url:
        appearance["url"] = meta.url
    else:
        appearance["@id"] = f"urn:uuid:{article.id}"
    if meta.title:
        appearance["headline"] = meta.title
    if meta.published:
        appearance["datePublished"] = meta.published
    if meta.site_name:
        appearance["publisher"] = {"@type": "Organization", "name": meta.site_name}
    return appearance


def _citation(source: Source) -> JsonObject:
    work: JsonObject = {"@type": "CreativeWork"}
    if source.url:
        work["url"] = source.url
    if source.title:
        work["name"] = source.title
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        work["datePublished"] = source.date
    if source.archive_url:
        work["archivedAt"] = source.archive_url
    return work


def export_claimreview(
    article: Article,
    notes: Iterable[Note],
    *,
    author: str,
    published: str | None = None,
    author_type: str = "Organization",
    url: str | None = None,
) -> list[JsonObject]:
    """One ClaimReview object per live note with a verdict, in reading order.

    ``author`` names who reviewed the claims (``author_type`` ``Organization`` or
    ``Person``); ``published`` is the review date, falling back to the note's last
    edit; ``url`` is the page where the reviews are published, when there is one.
    """
    if author_type not in AUTHOR_TYPES:
        raise ValueError(f"author_type must be one of {', '.join(AUTHOR_TYPES)}")
    reviews: list[JsonObject] = []
    for note in reading_order(n for n in notes if n.verdict and not n.deleted_at):
        assert note.verdict is not None
        review: JsonObject = {
            "@context": SCHEMA_CONTEXT,
            "@type": "ClaimReview",
            "@id": f"urn:uuid:{note.id}",
            # The words the verdict was given on: for a note whose sentence changed
            # since, not the words now in the article (those go in the description).
            "claimReviewed": _one_line(note.checked_wording),
            "reviewRating": _rating(note.verdict),
            "itemReviewed": {"@type": "Claim", "appearance": _appearance(article)},
            "author": {"@type": author_type, "name": author},
        }
        date = published or note.updated or note.created
        if date:
            review["datePublished"] = date
        if url:
            review["url"] = url
        if note.conclusion.strip():
            review["reviewBody"] = _one_line(note.conclusion)
        changed = changed_summary(note_wording(note))
        if changed:
            review["description"] = changed
        citations = [_citation(s) for s in note.sources if s.url or s.title]
        if citations:
            review["citation"] = citations
        if note.claimant:
            # The note's claimant (the radar's speaker, or the user's correction) is who
            # made the claim: it wins over any author guessed from the article.
            review["itemReviewed"]["author"] = {"@type": "Person", "name": note.claimant}
        reviews.append(review)
    return reviews


def export_claimreview_json(
    article: Article,
    notes: Iterable[Note],
    *,
    author: str,
    published: str | None = None,
    author_type: str = "Organization",
    url: str | None = None,
) -> str:
    """:func:`export_claimreview` as indented JSON text (UTF-8 characters kept)."""
    reviews = export_claimreview(
        article, notes, author=author, published=published, author_type=author_type, url=url
    )
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def script_tag(reviews: list[JsonObject]) -> str:
    """The reviews inside ``<script type="application/ld+json">`` for a web page.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes so no text in a claim can close
    the script element.
    """
    payload = json.dumps(reviews, ensure_ascii=False, indent=2)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{payload}\n</script>\n'
