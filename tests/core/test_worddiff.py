"""Word diffs between the wording a note was checked on and the wording now there."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.models import Note, Selector
from reader.core.worddiff import (
    DiffColours,
    mark_labels,
    note_change_severity,
    note_wording,
    render_html,
    render_plain,
    word_diff,
)


def changed_segments(old: str, new: str) -> list[tuple[str, str, set[str]]]:
    return [
        (s.old.strip(), s.new.strip(), set(s.marks))
        for s in word_diff(old, new).segments
        if s.op != "equal"
    ]


def test_number_change_is_marked_number_and_loud() -> None:
    diff = word_diff("Around 10,000 troops moved in.", "Around 100,000 troops moved in.")
    assert diff.severity == "loud"
    assert changed_segments(diff.old, diff.new) == [("10,000", "100,000", {"number"})]


def test_number_word_change_is_a_number_change() -> None:
    diff = word_diff("Three people were hurt.", "Four people were hurt.")
    assert "number" in diff.marks and diff.severity == "loud"


def test_inserted_not_is_marked_negation_and_loud() -> None:
    diff = word_diff("Both have prepared sanctions.", "Both have not prepared sanctions.")
    assert diff.severity == "loud"
    assert changed_segments(diff.old, diff.new) == [("", "not", {"negation"})]


def test_removed_contracted_negation_is_a_negation_change() -> None:
    diff = word_diff("The plan doesn't work.", "The plan does work.")
    assert "negation" in diff.marks and diff.severity == "loud"


def test_typo_fix_is_light_and_marked_spelling() -> None:
    diff = word_diff("The plan was recieved well.", "The plan was received well.")
    assert diff.severity == "light"
    assert changed_segments(diff.old, diff.new) == [("recieved", "received", {"typo"})]
    assert mark_labels(diff.marks) == ["spelling"]


def test_typo_fixed_in_a_name_is_light_but_a_renamed_speaker_is_loud() -> None:
    assert word_diff("Secretary Kery said.", "Secretary Kerry said.").severity == "light"
    renamed = word_diff("It is over, Lavrov said.", "It is over, Peskov said.")
    assert renamed.severity == "loud"
    assert "entity" in renamed.marks


def test_capitalised_first_word_is_not_a_name() -> None:
    diff = word_diff("Prices rose in May.", "Costs rose in May.")
    assert diff.marks == frozenset() and diff.severity == "medium"


def test_changed_word_inside_a_quotation_is_marked_quoted() -> None:
    diff = word_diff('He said: "we will win easily."', 'He said: "we will win eventually."')
    assert "quoted" in diff.marks and diff.severity == "loud"


def test_word_outside_the_quotation_is_not_marked_quoted() -> None:
    diff = word_diff('"We will win," he said calmly.', '"We will win," he said angrily.')
    assert "quoted" not in diff.marks


def test_punctuation_only_change_is_light() -> None:
    assert word_diff("It was a relief.", "It was a relief!").severity == "light"


def test_other_rewording_is_medium() -> None:
    assert word_diff("It rose sharply last year.", "It fell slightly last year.").severity == (
        "medium"
    )


def test_quote_dash_and_whitespace_styles_are_no_change() -> None:
    diff = word_diff("He said \u201cno\u201d \u2013  twice.", 'He said "no" - twice.')
    assert not diff.changed and diff.severity == "none"


def test_plain_rendering_shows_old_and_new_words() -> None:
    diff = word_diff("Around 10,000 troops.", "Around 100,000 troops.")
    assert render_plain(diff) == "Around [-10,000-]{+100,000+} troops."


def test_abbreviation_is_one_word() -> None:
    diff = word_diff("The U.S. agreed.", "The U.K. agreed.")
    assert changed_segments(diff.old, diff.new) == [("U.S.", "U.K.", {"entity"})]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_segments_give_both_wordings_back(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert "".join(s.old for s in diff.segments) == old
    assert "".join(s.new for s in diff.segments) == new


def _changed(checked: str, current: str) -> Note:
    return Note(
        "n", "a", Selector(0, len(current), current), anchor_state="changed", checked_exact=checked
    )


def test_note_change_severity_is_quiet_for_a_typo_and_loud_for_a_number() -> None:
    assert note_change_severity(_changed("It was recieved.", "It was received.")) == "light"
    assert note_change_severity(_changed("It cost 4 euros.", "It cost 40 euros.")) == "loud"


def test_changed_note_from_an_older_library_is_never_shown_as_unchanged() -> None:
    # Its checked words were not kept: they read as the current ones.
    assert note_change_severity(_changed("Same words.", "Same words.")) == "medium"


def test_note_wording_of_an_orphan_has_no_current_text_and_no_diff() -> None:
    note = _changed("Gone words.", "Gone words.")
    note.anchor_state = "orphan"
    wording = note_wording(note)
    assert (wording.current, wording.diff, wording.checked) == (None, None, "Gone words.")


def test_html_rendering_escapes_every_word_and_marks_the_changes() -> None:
    rendered = render_html(word_diff("It cost <4> euros.", "It cost <40> euros."))
    assert "&lt;" in rendered and "<4>" not in rendered
    assert rendered.count("<s ") == 1 and rendered.count("<b ") == 1


def test_html_rendering_writes_the_changed_words_in_the_colours_given() -> None:
    diff = word_diff("It cost 4 euros.", "It cost 40 euros.")
    assert "color:#b71c1c" in render_html(diff) and "color:#1b5e20" in render_html(diff)
    rendered = render_html(diff, DiffColours(removed="#ff8a80", added="#a5d6a7"))
    assert '<s style="color:#ff8a80">4</s>' in rendered
    assert '<b style="color:#a5d6a7">40</b>' in rendered
    assert "#b71c1c" not in rendered


def test_a_run_of_sentences_that_lost_or_gained_whole_sentences_says_so() -> None:
    from reader.core.worddiff import whole_sentences_changed

    kept = "Opposition councillors said the plan ignored the west bank."
    gone = "A public consultation will open next month."
    assert whole_sentences_changed(word_diff(f"{kept} {gone}", kept)) == ("removed", 1)
    assert whole_sentences_changed(word_diff(f"{gone} {kept} {gone}", kept)) == ("removed", 2)
    assert whole_sentences_changed(word_diff(kept, f"{kept} {gone}")) == ("added", 1)
    # A middle sentence gone, the others as they were.
    three = f"It rained. {gone} It stopped."
    assert whole_sentences_changed(word_diff(three, "It rained. It stopped.")) == ("removed", 1)


def test_words_changed_inside_a_sentence_are_not_a_sentence_removed() -> None:
    from reader.core.worddiff import whole_sentences_changed

    assert whole_sentences_changed(word_diff("It cost 4 euros.", "It cost 40 euros.")) is None
    assert whole_sentences_changed(word_diff("It was big and costly.", "It was big.")) is None
    # A sentence gone and another reworded: more than a sentence removed.
    old, new = "It rained. It was cold. It stopped.", "It rained. It stopped soon."
    assert whole_sentences_changed(word_diff(old, new)) is None
