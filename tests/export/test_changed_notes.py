"""Every export shows a changed note's checked wording beside the current one."""

from __future__ import annotations

from reader.core.models import Article, ArticleMeta, Note, Selector
from reader.export.annotations import export_web_annotations
from reader.export.claimreview import export_claimreview
from reader.export.markdown import export_annotated, export_markdown

CHECKED = "Around 10,000 troops have moved to the border."
CURRENT = "Around 100,000 troops have moved to the border."
TEXT = f"Troops at the border\n\n{CURRENT} Talks resume next week."


def article() -> Article:
    return Article("a-1", TEXT, [], ArticleMeta(title="Troops at the border"))


def changed_note() -> Note:
    start = TEXT.index(CURRENT)
    return Note(
        "n-1",
        "a-1",
        Selector(start, start + len(CURRENT), CURRENT),
        anchor_state="changed",
        verdict="true",
        original_exact=CHECKED,
        checked_exact=CHECKED,
    )


def test_markdown_shows_both_wordings_the_diff_and_the_earlier_rating() -> None:
    md = export_markdown(article(), [changed_note()], exported="2026-01-01")
    assert "rated on the earlier wording" in md
    assert f"Checked wording:\n\n> {CHECKED}" in md
    assert f"Current wording:\n\n> {CURRENT}" in md
    assert "~~10,000~~ **100,000**" in md
    # What changed, in words a write-up can keep (it said "(loud: number)").
    assert "**Number changed:** " in md and "loud" not in md


def test_annotated_markdown_footnote_shows_both_wordings() -> None:
    md = export_annotated(article(), [changed_note()], exported="2026-01-01")
    assert "rated on the earlier wording" in md
    assert f"> {CHECKED}" in md and "~~10,000~~ **100,000**" in md


def test_an_ok_note_shows_its_quote_only() -> None:
    note = changed_note()
    note.anchor_state = "ok"
    note.checked_exact = CURRENT
    md = export_markdown(article(), [note], exported="2026-01-01")
    assert "earlier wording" not in md and "Checked wording" not in md


def test_claimreview_reviews_the_checked_words_and_says_they_changed() -> None:
    (review,) = export_claimreview(
        article(), [changed_note()], author="Desk", include_unchecked=True
    )
    assert review["claimReviewed"] == CHECKED
    assert "rated on the earlier wording" in review["description"]
    assert CURRENT in review["description"]
    assert "[-10,000-]{+100,000+}" in review["description"]


def test_annotation_describes_the_change_and_targets_the_current_words() -> None:
    (item,) = export_web_annotations(article(), [changed_note()])["first"]["items"]
    (describing,) = [b for b in item["body"] if b.get("purpose") == "describing"]
    assert "rated on the earlier wording" in describing["value"]
    assert CHECKED in describing["value"]
    assert item["target"]["selector"][0]["exact"] == CURRENT


def test_claimreview_says_what_changed_in_words_not_by_its_severity() -> None:
    (review,) = export_claimreview(
        article(), [changed_note()], author="Desk", include_unchecked=True
    )
    # It said "Changes (loud: number): …".
    assert "Number changed: " in review["description"]
    assert "loud" not in review["description"]
