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
work in progress and are skipped, as are notes in the trash, and so are notes still
"to check" unless ``include_unchecked``.

Each review has the fields Google's fact-check markup documentation requires
(``claimReviewed``, ``reviewRating`` with its ``alternateName``, ``url``) and those it
recommends where we know them: ``url`` is the page the reviews are published on, or the
article's own address, with a fragment made from the note's id (stable: the id never
changes); ``itemReviewed`` names the claim's ``author`` (the person the sentence quotes,
see :mod:`reader.core.claimant`, else the article's byline or site) and its
``datePublished`` (the article's).

Where the user linked a note to the same claim elsewhere (:mod:`reader.core.same_claim`),
the other articles carrying it follow the article in ``itemReviewed.appearance`` (a
list then: schema.org properties may repeat, and Google's fact-check markup reads every
appearance's ``url``), and the fact-checks linked to it are cited after the note's
sources, each as the ``ClaimReview`` it was imported from (publisher as ``author``,
rating as ``reviewRating.alternateName``, ``url``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reader.core.claim_match import FactCheck
from reader.core.links import allowed_link, link_scheme
from reader.core.models import Article, JsonObject, Note, Source
from reader.core.same_claim import NOTHING, OtherArticle, SameClaim, SameClaims
from reader.core.verdicts import BY_KEY, RATING_BEST, RATING_WORST
from reader.core.worddiff import changed_summary, note_wording
from reader.export.markdown import reading_order

SCHEMA_CONTEXT = "https://schema.org"
AUTHOR_TYPES: tuple[str, ...] = ("Organization", "Person")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _web_url(url: str) -> str | None:
    """``url`` if it is a web address fit for a ``url`` property, else None.

    Search engines follow these; a ``javascript:`` or ``data:`` address, or one with a
    line break in it, is dropped rather than published.
    """
    url = url.strip()
    if allowed_link(url) and link_scheme(url) in ("http", "https"):
        return url
    return None


def _json_for_html(payload: str) -> str:
    # JSON-LD is pasted into <script> elements: "</script>" or "<!--" in a claim must
    # not end or comment out the element.  \u escapes read back as the same text.
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
    page_url = _web_url(meta.url or "")
    if page_url:
        appearance["url"] = page_url
    else:
        appearance["@id"] = f"urn:uuid:{article.id}"
    if meta.title:
        appearance["headline"] = meta.title
    if meta.published:
        appearance["datePublished"] = meta.published
    if meta.site_name:
        appearance["publisher"] = {"@type": "Organization", "name": meta.site_name}
    return appearance


def _other_appearance(other: OtherArticle) -> JsonObject:
    appearance: JsonObject = {"@type": "NewsArticle"}
    page_url = _web_url(other.url)
    if page_url:
        appearance["url"] = page_url
    else:
        appearance["@id"] = f"urn:uuid:{other.article_id}"
    if other.title:
        appearance["headline"] = other.title
    return appearance


def _factcheck_citation(check: FactCheck) -> JsonObject:
    """An imported fact-check of the same claim, as the ClaimReview it came from."""
    review: JsonObject = {"@type": "ClaimReview", "claimReviewed": _one_line(check.claim)}
    url = _web_url(check.url)
    if url:
        review["url"] = url
    if check.title:
        review["headline"] = _one_line(check.title)
    if check.publisher:
        review["author"] = {"@type": "Organization", "name": check.publisher}
    if check.date:
        review["datePublished"] = check.date
    if check.rating:
        rating: JsonObject = {"@type": "Rating", "alternateName": check.rating}
        if check.rating_value:
            rating["ratingValue"] = check.rating_value
        review["reviewRating"] = rating
    return review


def _citation(source: Source) -> JsonObject:
    work: JsonObject = {"@type": "CreativeWork"}
    url = _web_url(source.url)
    if url:
        work["url"] = url
    if source.title:
        work["name"] = source.title
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        work["datePublished"] = source.date
    archive = _web_url(source.archive_url)
    if archive:
        work["archivedAt"] = archive
    return work


def review_url(base: str | None, note_id: str) -> str | None:
    """The review's ``url``: ``base`` (an http(s) page) with a fragment for the note."""
    if not base or not base.strip().lower().startswith(("http://", "https://")):
        return None
    return base.strip().split("#", 1)[0] + f"#fact-check-{note_id}"


def _claim(article: Article, note: Note, same: SameClaim | None = None) -> JsonObject:
    """The ``itemReviewed`` Claim: where it appeared (here, then the other articles the
    user linked it to), who made it, and when."""
    from reader.core.claimant import claimant_in

    here = _appearance(article)
    others = [_other_appearance(a) for a in same.articles] if same else []
    claim: JsonObject = {"@type": "Claim", "appearance": [here, *others] if others else here}
    # The quote, and the sentence after it for a quote that runs on ("…," X said).
    claimant = claimant_in(note.exact + " " + note.selector.suffix.split("\n")[0])
    if claimant:
        claim["author"] = {"@type": "Person", "name": claimant}
    elif article.meta.byline:
        claim["author"] = {"@type": "Person", "name": _one_line(article.meta.byline)}
    elif article.meta.site_name:
        claim["author"] = {"@type": "Organization", "name": article.meta.site_name}
    if article.meta.published:
        claim["datePublished"] = article.meta.published
    return claim


def export_claimreview(
    article: Article,
    notes: Iterable[Note],
    *,
    author: str,
    published: str | None = None,
    author_type: str = "Organization",
    url: str | None = None,
    include_unchecked: bool = False,
    same: SameClaims = NOTHING,
) -> list[JsonObject]:
    """One ClaimReview object per live note with a verdict, in reading order.

    ``author`` names who reviewed the claims (``author_type`` ``Organization`` or
    ``Person``); ``published`` is the review date, falling back to the note's last
    edit; ``url`` is the page where the reviews are published, when there is one (else
    the article's address is used).  Notes still "to check" are left out unless
    ``include_unchecked``.  ``same`` holds, by note id, the other articles and the
    fact-checks of each note's claim.
    """
    if author_type not in AUTHOR_TYPES:
        raise ValueError(f"author_type must be one of {', '.join(AUTHOR_TYPES)}")
    reviews: list[JsonObject] = []
    live = (n for n in notes if n.verdict and not n.deleted_at)
    for note in reading_order(n for n in live if include_unchecked or n.status != "to_check"):
        assert note.verdict is not None
        review: JsonObject = {
            "@context": SCHEMA_CONTEXT,
            "@type": "ClaimReview",
            "@id": f"urn:uuid:{note.id}",
            # The words the verdict was given on: for a note whose sentence changed
            # since, not the words now in the article (those go in the description).
            "claimReviewed": _one_line(note.checked_wording),
            "reviewRating": _rating(note.verdict),
            "itemReviewed": _claim(article, note, same.get(note.id)),
            "author": {"@type": author_type, "name": author},
        }
        date = published or note.updated or note.created
        if date:
            review["datePublished"] = date
        page = review_url(url or article.meta.url, note.id)
        if page:
            review["url"] = page
        if note.conclusion.strip():
            review["reviewBody"] = _one_line(note.conclusion)
        changed = changed_summary(note_wording(note))
        if changed:
            review["description"] = changed
        citations = [c for c in (_citation(s) for s in note.sources) if len(c) > 1]
        linked = same.get(note.id)
        if linked:
            citations += [_factcheck_citation(c) for c in linked.factchecks]
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
    include_unchecked: bool = False,
    same: SameClaims = NOTHING,
) -> str:
    """:func:`export_claimreview` as indented JSON text (UTF-8 characters kept).

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so the text can be pasted
    into a page's ``<script>`` element as it is.
    """
    reviews = export_claimreview(
        article,
        notes,
        author=author,
        published=published,
        author_type=author_type,
        url=url,
        include_unchecked=include_unchecked,
        same=same,
    )
    return _json_for_html(json.dumps(reviews, ensure_ascii=False, indent=2)) + "\n"


def script_tag(reviews: list[JsonObject]) -> str:
    """The reviews inside ``<script type="application/ld+json">`` for a web page.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes so no text in a claim can close
    the script element.
    """
    payload = _json_for_html(json.dumps(reviews, ensure_ascii=False, indent=2))
    return f'<script type="application/ld+json">\n{payload}\n</script>\n'
