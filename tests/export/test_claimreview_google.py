"""ClaimReview output checked against Google's fact-check markup documentation
(issue 18, item 13).

Google's "Fact check (ClaimReview) structured data" page lists, for ClaimReview, the
required properties ``claimReviewed``, ``reviewRating`` and ``url`` and the recommended
``author`` and ``itemReviewed``; for Rating, the required ``alternateName`` (with
``bestRating``, ``ratingValue``, ``worstRating`` recommended); for the Claim, the
recommended ``appearance``, ``author`` and ``datePublished``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reader.core.claimant import claimant_in
from reader.core.models import Article, ArticleMeta, Note, Selector
from reader.export.claimreview import export_claimreview

ARTICLE_ID = "5b0c7a52-52a1-4bb6-9d0e-4d8a3f0c1e77"
TEXT = (
    'Talks in Geneva\n\n"We have agreed on a ceasefire," Lavrov said. The talks lasted nine hours.'
)


def _article() -> Article:
    return Article(
        ARTICLE_ID,
        TEXT,
        [],
        ArticleMeta(
            title="Talks in Geneva",
            url="https://news.example/geneva?id=7",
            published="2016-09-10",
            byline="Ann Writer",
            site_name="News Example",
        ),
    )


def _note(note_id: str, exact: str, status: str, verdict: str = "false") -> Note:
    start = TEXT.index(exact)
    suffix = TEXT[start + len(exact) :].strip()
    return Note(
        note_id,
        ARTICLE_ID,
        Selector(start, start + len(exact), exact, suffix=suffix),
        verdict=verdict,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        updated="2016-09-11T10:00:00Z",
    )


def _is_web_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def google_problems(review: dict) -> list[str]:
    """What Google's documentation would flag in one ClaimReview (required first)."""
    problems = []
    if review.get("@type") != "ClaimReview":
        problems.append("@type")
    if not isinstance(review.get("claimReviewed"), str) or not review["claimReviewed"].strip():
        problems.append("claimReviewed")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict) or not str(rating.get("alternateName", "")).strip():
        problems.append("reviewRating.alternateName")
    if not _is_web_url(review.get("url")):
        problems.append("url")
    author = review.get("author")
    if not isinstance(author, dict) or not author.get("name"):
        problems.append("author.name")
    claim = review.get("itemReviewed")
    if not isinstance(claim, dict) or claim.get("@type") != "Claim":
        problems.append("itemReviewed")
    else:
        if not isinstance(claim.get("author"), dict) or not claim["author"].get("name"):
            problems.append("itemReviewed.author")
        if not claim.get("datePublished"):
            problems.append("itemReviewed.datePublished")
        # One appearance, or several (schema.org properties repeat; Google's fact-check
        # tools read every appearance's url): the first is the reviewed article itself.
        appearances = claim.get("appearance") or {}
        if isinstance(appearances, dict):
            appearances = [appearances]
        if not isinstance(appearances, list) or not appearances:
            problems.append("itemReviewed.appearance")
        else:
            if not isinstance(appearances[0], dict) or not _is_web_url(appearances[0].get("url")):
                problems.append("itemReviewed.appearance.url")
            for other in appearances[1:]:
                if not isinstance(other, dict) or not other.get("@type"):
                    problems.append("itemReviewed.appearance[].@type")
                elif not (_is_web_url(other.get("url")) or other.get("@id")):
                    problems.append("itemReviewed.appearance[].url")
    return problems


def test_every_review_has_the_fields_google_requires_and_recommends():
    notes = [
        _note("a1", '"We have agreed on a ceasefire," Lavrov said.', "done"),
        _note("b2", "The talks lasted nine hours.", "needs_review", "mostly_true"),
    ]
    reviews = export_claimreview(_article(), notes, author="Checkers")
    assert len(reviews) == 2
    for review in reviews:
        assert google_problems(review) == []


def test_review_urls_are_stable_fragments_of_the_article_url():
    notes = [_note("a1", "The talks lasted nine hours.", "done")]
    (first,) = export_claimreview(_article(), notes, author="C")
    (again,) = export_claimreview(_article(), notes, author="C")
    assert first["url"] == again["url"] == "https://news.example/geneva?id=7#fact-check-a1"


def test_the_claimant_is_the_person_quoted_else_the_byline():
    quoted, plain = (
        _note("a1", '"We have agreed on a ceasefire," Lavrov said.', "done"),
        _note("b2", "The talks lasted nine hours.", "done"),
    )
    reviews = export_claimreview(_article(), [quoted, plain], author="C")
    assert reviews[0]["itemReviewed"]["author"] == {"@type": "Person", "name": "Lavrov"}
    assert reviews[1]["itemReviewed"]["author"] == {"@type": "Person", "name": "Ann Writer"}
    assert reviews[0]["itemReviewed"]["datePublished"] == "2016-09-10"


def test_notes_still_to_check_are_left_out_unless_asked():
    notes = [
        _note("a1", "The talks lasted nine hours.", "to_check"),
        _note("b2", '"We have agreed on a ceasefire," Lavrov said.', "in_progress"),
    ]
    assert [r["@id"] for r in export_claimreview(_article(), notes, author="C")] == ["urn:uuid:b2"]
    everything = export_claimreview(_article(), notes, author="C", include_unchecked=True)
    assert len(everything) == 2


def test_claimant_needs_a_clear_attribution():
    assert claimant_in('"It is over," Foreign Minister Sergei Lavrov told reporters.') == (
        "Sergei Lavrov"
    )
    assert claimant_in('"We heard it on the radio," one baker said.') is None
    assert claimant_in("Exports doubled in 2023.") is None


def test_the_command_line_leaves_out_unchecked_notes_unless_all_notes(capsys, tmp_path):
    import json

    from reader.cli import main

    src = tmp_path / "a.txt"
    src.write_text(
        "Bridge\n\nThe council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "lib.sqlite3")
    main(["import", "--db", db, str(src)])
    aid = capsys.readouterr()[0].strip()
    main(["note", "--db", db, aid, "1", "--verdict", "false"])
    main(["note", "--db", db, aid, "2", "--verdict", "true", "--status", "done"])
    capsys.readouterr()
    main(["export", "--db", db, aid, "--format", "claimreview", "--author", "C"])
    assert len(json.loads(capsys.readouterr()[0])) == 1
    main(["export", "--db", db, aid, "--format", "claimreview", "--all-notes"])
    assert len(json.loads(capsys.readouterr()[0])) == 2
