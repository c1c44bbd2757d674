"""Selectors, sentence snapping and re-anchoring on small hand-made edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchor import (
    CONTEXT_CHARS,
    _lcs_length,
    make_selector,
    normalize_state,
    reanchor,
    reanchor_all,
    same_wording,
    sentence_range,
    similar_sentences,
)
from reader.core.models import Selector, text_sha256

TEXT = (
    "Dam plan approved\n\n"
    "The council voted 7 to 4 on Tuesday to build a flood barrier. "
    "It will cost 48 million euros. "
    "Work could begin in March.\n\n"
    "Opponents say cheaper options were never studied. "
    "The mayor called the vote a relief for families in the lower town."
)


def span_of(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def note_on(sentence: str, text: str = TEXT) -> Selector:
    return make_selector(text, *span_of(text, sentence))


# ------------------------------------------------------------------------ selectors


def test_selector_quotes_the_range_and_hashes_the_text() -> None:
    sel = note_on("It will cost 48 million euros.")
    assert sel.exact == "It will cost 48 million euros."
    assert (sel.start, sel.end) == span_of(TEXT, sel.exact)
    assert sel.text_sha256 == text_sha256(TEXT)


def test_prefix_is_the_previous_sentence_with_the_space_between() -> None:
    sel = note_on("It will cost 48 million euros.")
    assert sel.prefix == "The council voted 7 to 4 on Tuesday to build a flood barrier. "
    assert sel.suffix == " Work could begin in March."


def test_context_crosses_paragraph_breaks() -> None:
    sel = note_on("Work could begin in March.")
    assert sel.suffix == "\n\nOpponents say cheaper options were never studied."


def test_first_sentence_has_no_prefix_and_last_has_no_suffix() -> None:
    assert note_on("Dam plan approved").prefix == ""
    assert (
        note_on("The mayor called the vote a relief for families in the lower town.").suffix == ""
    )


def test_context_is_cut_to_200_characters_next_to_the_quote() -> None:
    long_sentence = "Word " * 80 + "end."
    text = f"{long_sentence} Short one. {long_sentence}"
    sel = make_selector(text, *span_of(text, "Short one."))
    assert len(sel.prefix) == len(sel.suffix) == CONTEXT_CHARS
    assert sel.prefix.endswith("end. ") and sel.suffix.startswith(" Word")


def test_selector_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError):
        make_selector("short", 2, 10)


def test_selection_inside_two_sentences_snaps_to_both() -> None:
    start = TEXT.index("48 million")
    end = TEXT.index("begin")
    first = TEXT.index("It will cost")
    last = TEXT.index("March.") + len("March.")
    assert sentence_range(TEXT, start, end) == (first, last)


def test_click_snaps_to_the_sentence_under_it() -> None:
    at = TEXT.index("cheaper")
    assert sentence_range(TEXT, at, at) == span_of(
        TEXT, "Opponents say cheaper options were never studied."
    )


def test_selection_of_only_whitespace_snaps_to_the_nearest_sentence() -> None:
    gap = TEXT.index("\n\nOpponents")
    assert sentence_range(TEXT, gap, gap + 2) == span_of(TEXT, "Work could begin in March.")


# --------------------------------------------------------------------- re-anchoring


def test_same_text_keeps_the_note_where_it_was() -> None:
    sel = note_on("It will cost 48 million euros.")
    result = reanchor(sel, TEXT)
    assert (result.state, result.start, result.end) == ("ok", sel.start, sel.end)


def test_text_inserted_before_the_note_shifts_it() -> None:
    sel = note_on("It will cost 48 million euros.")
    new = TEXT.replace("Dam plan approved", "Dam plan approved after long dispute")
    result = reanchor(sel, new)
    assert result.state == "ok"
    assert (result.start, result.end) == span_of(new, sel.exact)
    assert result.selector.text_sha256 == text_sha256(new)


def test_typo_fixed_in_the_sentence_is_reported_changed_on_it() -> None:
    sel = note_on("It will cost 48 million euros.")
    new = TEXT.replace("It will cost 48 million euros.", "It will cost 48 milion euros.")
    result = reanchor(sel, new)
    assert result.state == "changed"
    assert (result.start, result.end) == span_of(new, "It will cost 48 milion euros.")


def test_number_change_is_reported_changed() -> None:
    sel = note_on("It will cost 48 million euros.")
    new = TEXT.replace("48 million", "480 million")
    result = reanchor(sel, new)
    assert result.state == "changed"
    assert new[result.start : result.end] == "It will cost 480 million euros."


def test_inserted_negation_is_reported_changed() -> None:
    sel = note_on("Work could begin in March.")
    new = TEXT.replace("Work could begin", "Work could not begin")
    result = reanchor(sel, new)
    assert result.state == "changed"
    assert new[result.start : result.end] == "Work could not begin in March."


def test_removed_negation_is_reported_changed() -> None:
    sel = note_on("Opponents say cheaper options were never studied.")
    new = TEXT.replace("were never studied", "were studied")
    result = reanchor(sel, new)
    assert (result.state, new[result.start : result.end]) == (
        "changed",
        "Opponents say cheaper options were studied.",
    )


def test_renamed_speaker_is_reported_changed() -> None:
    text = TEXT.replace("The mayor called", "Mayor Lena Ortiz called")
    sel = note_on("Mayor Lena Ortiz called the vote a relief for families in the lower town.", text)
    new = text.replace("Lena Ortiz", "Tom Berger")
    result = reanchor(sel, new)
    assert result.state == "changed"
    assert new[result.start : result.end].startswith("Mayor Tom Berger called")


def test_quote_dash_and_whitespace_styles_do_not_count_as_a_change() -> None:
    text = TEXT.replace("a relief", '"a relief" - for families')
    sentence = next(s for s in text.split("\n\n") if "mayor" in s).split(". ")[-1]
    sel = note_on(sentence, text)
    new = text.replace('"a relief" - for', "\u201ca relief\u201d \u2014 for").replace(
        "the lower", "the\u00a0 lower"
    )
    result = reanchor(sel, new)
    assert result.state == "ok"


def test_changed_wording_stays_changed_against_the_checked_wording_after_later_versions() -> None:
    checked = "It will cost 48 million euros."
    v2 = TEXT.replace("48 million", "52 million")
    second = reanchor(note_on(checked), v2)
    v3 = "Breaking: " + v2
    third = reanchor(second.selector, v3, checked=checked)
    assert third.state == "changed"
    assert v3[third.start : third.end] == "It will cost 52 million euros."


def test_wording_back_to_the_checked_one_is_ok_again() -> None:
    checked = "It will cost 48 million euros."
    v2 = TEXT.replace("48 million", "52 million")
    second = reanchor(note_on(checked), v2)
    result = reanchor(second.selector, TEXT, checked=checked)
    assert result.state == "ok"


def test_deleted_sentence_becomes_orphan_keeping_its_selector() -> None:
    sel = note_on("It will cost 48 million euros.")
    new = TEXT.replace("It will cost 48 million euros. ", "")
    result = reanchor(sel, new)
    assert result.state == "orphan"
    assert result.selector == sel


def test_reworded_sentence_is_changed_on_its_new_wording() -> None:
    sel = note_on("It will cost 48 million euros.")
    reworded = "The barrier will cost about 52 million euros."
    new = TEXT.replace("It will cost 48 million euros.", reworded)
    result = reanchor(sel, new)
    assert result.state == "changed"
    assert (result.start, result.end) == span_of(new, reworded)


def test_unique_sentence_moved_away_from_its_neighbours_stays_ok() -> None:
    moved = "Work could begin in March."
    new = TEXT.replace(" " + moved, "") + "\n\n" + moved
    result = reanchor(note_on(moved), new)
    assert result.state == "ok"
    assert (result.start, result.end) == span_of(new, moved)


def test_note_on_the_second_of_two_identical_sentences_stays_on_the_second() -> None:
    twin = "No one was hurt."
    text = f"Title\n\nA fire broke out. {twin} Roads closed.\n\nA flood came. {twin} Schools shut."
    second = text.rindex(twin)
    sel = make_selector(text, second, second + len(twin))
    new = "Update: the fire is out.\n\n" + text
    result = reanchor(sel, new)
    assert result.state == "ok"
    assert result.start == new.rindex(twin)


def test_copy_of_the_sentence_elsewhere_does_not_move_the_note() -> None:
    quote = "It will cost 48 million euros."
    new = TEXT + "\n\n" + quote
    result = reanchor(note_on(quote), new)
    assert (result.state, result.start) == ("ok", TEXT.index(quote))


def test_deleted_sentence_does_not_land_on_its_surviving_twin_when_all_reanchor() -> None:
    twin = "No one was hurt."
    text = f"Title\n\nA fire broke out. {twin} Roads closed.\n\nA flood came. {twin} Schools shut."
    first, second = text.index(twin), text.rindex(twin)
    selectors = [
        make_selector(text, first, first + len(twin)),
        make_selector(text, second, second + len(twin)),
    ]
    new = text.replace(f"A fire broke out. {twin} ", "A fire broke out. ")
    results = reanchor_all(selectors, new)
    assert results[0].state == "orphan"
    assert (results[1].state, results[1].start) == ("ok", new.index(twin))


def test_reanchor_all_returns_results_in_the_order_of_the_notes() -> None:
    quotes = ["Work could begin in March.", "Dam plan approved", "It will cost 48 million euros."]
    new = "Breaking: " + TEXT
    results = reanchor_all([note_on(q) for q in quotes], new)
    assert [new[r.start : r.end] for r in results] == quotes


def test_offsets_outside_the_new_text_do_not_raise() -> None:
    sel = Selector(500, 520, "nowhere to be found", "x", "y", "0" * 64)
    assert reanchor(sel, "Tiny text.").state == "orphan"


def test_part_of_a_sentence_is_found_again_after_an_insertion() -> None:
    start = TEXT.index("48 million euros")
    sel = make_selector(TEXT, start, start + len("48 million euros"))
    new = TEXT.replace("It will cost", "In total, it will cost")
    result = reanchor(sel, new)
    assert result.state == "ok"
    assert new[result.start : result.end] == "48 million euros"


def test_lcs_length_matches_the_textbook_definition() -> None:
    def slow(a: str, b: str) -> int:
        row = [0] * (len(b) + 1)
        for ca in a:
            prev = 0
            for j, cb in enumerate(b, 1):
                prev, row[j] = row[j], prev + 1 if ca == cb else max(row[j], row[j - 1])
        return row[-1]

    for a, b in [("abcbdab", "bdcaba"), ("", "abc"), ("same", "same"), ("kitten", "sitting")]:
        assert _lcs_length(a, b) == slow(a, b)


# ----------------------------------------------------------------------- properties


@st.composite
def text_and_range(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(max_size=300))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(text_and_range())
def test_unchanged_text_always_reanchors_ok_on_the_same_range(case: tuple[str, int, int]) -> None:
    text, start, end = case
    result = reanchor(make_selector(text, start, end), text)
    assert (result.state, result.start, result.end) == ("ok", start, end)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(text_and_range(), st.text(max_size=300))
def test_reanchoring_on_any_text_never_raises_and_stays_in_bounds(
    case: tuple[str, int, int], new: str
) -> None:
    text, start, end = case
    result = reanchor(make_selector(text, start, end), new)
    assert result.state in ("ok", "changed", "orphan")
    if result.state != "orphan":
        assert 0 <= result.start <= result.end <= len(new)
        assert result.selector.exact == new[result.start : result.end]
    if result.state == "ok":
        assert same_wording(new[result.start : result.end], text[start:end])


def test_drifted_from_an_older_library_reads_as_changed() -> None:
    assert normalize_state("drifted") == "changed"
    assert normalize_state("orphan") == "orphan"
    with pytest.raises(ValueError):
        normalize_state("lost")


def test_same_wording_ignores_only_whitespace_quote_and_dash_styles() -> None:
    assert same_wording("He said \u201cno\u201d \u2013 twice.", 'He said  "no" -twice.')
    assert same_wording("It\u2019s here.", "It's here.")
    assert not same_wording("It's here.", "It's here!")
    assert not same_wording("10,000 troops", "100,000 troops")
    assert not same_wording("The Troops", "The troops")


def test_orphan_gets_the_reworded_sentence_as_first_suggestion() -> None:
    quote = "It will cost 48 million euros."
    new = TEXT.replace(quote, "The bill for the barrier is put at 52 million euros.")
    (best, *_rest) = similar_sentences(quote, new)
    assert new[best[0] : best[1]] == "The bill for the barrier is put at 52 million euros."


def test_nothing_alike_gives_no_suggestion() -> None:
    assert similar_sentences("Zebras graze quietly.", "Title\n\nQuantum chips overheat.") == []
