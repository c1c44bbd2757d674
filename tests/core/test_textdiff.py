"""Sentence-level differences between two versions of an article."""

from __future__ import annotations

from reader.core.textdiff import change_counts, sentence_diff

OLD = (
    "Dam plan approved\n\n"
    "The council voted on Tuesday to build a flood barrier. "
    "It will cost 48 million euros. "
    "Work could begin in March.\n\n"
    "Opponents say cheaper options were never studied. "
    "The mayor called the vote a relief."
)


def kinds(old: str, new: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.old_text, c.new_text) for c in sentence_diff(old, new)]


def test_identical_versions_are_all_unchanged() -> None:
    changes = sentence_diff(OLD, OLD)
    assert {c.kind for c in changes} == {"unchanged"}
    assert len(changes) == 6


def test_changed_figure_is_a_rewording_with_both_spans() -> None:
    new = OLD.replace("48 million euros.", "52 million euros, officials said.")
    (change,) = [c for c in sentence_diff(OLD, new) if c.kind != "unchanged"]
    assert change.kind == "reworded"
    assert change.old_text == "It will cost 48 million euros."
    assert (
        new[change.new_start : change.new_end] == "It will cost 52 million euros, officials said."
    )
    assert OLD[change.old_start : change.old_end] == change.old_text


def test_new_sentence_is_added_where_it_appears() -> None:
    new = OLD.replace("Work could", "A court must still approve it. Work could")
    assert kinds(OLD, new)[3] == ("added", "", "A court must still approve it.")


def test_deleted_sentence_is_removed_with_no_new_span() -> None:
    new = OLD.replace(" Work could begin in March.", "")
    (change,) = [c for c in sentence_diff(OLD, new) if c.kind != "unchanged"]
    assert (change.kind, change.old_text, change.new_start) == (
        "removed",
        "Work could begin in March.",
        None,
    )


def test_sentence_moved_to_another_paragraph_is_a_move() -> None:
    new = OLD.replace(" Work could begin in March.", "") + " Work could begin in March."
    changes = sentence_diff(OLD, new)
    moved = [c for c in changes if c.kind == "moved"]
    assert [(c.old_text, c.new_text) for c in moved] == [
        ("Work could begin in March.", "Work could begin in March.")
    ]
    assert change_counts(changes)["removed"] == change_counts(changes)["added"] == 0


def test_unrelated_replacement_is_removed_plus_added() -> None:
    new = OLD.replace("It will cost 48 million euros.", "Birds nest under the old bridge.")
    assert change_counts(sentence_diff(OLD, new)) == {
        "added": 1,
        "removed": 1,
        "reworded": 0,
        "moved": 0,
        "unchanged": 5,
    }


def test_counts_list_every_kind_even_when_absent() -> None:
    assert change_counts([]) == dict.fromkeys(
        ("added", "removed", "reworded", "moved", "unchanged"), 0
    )


def test_empty_old_version_makes_everything_added() -> None:
    assert {c.kind for c in sentence_diff("", OLD)} == {"added"}
