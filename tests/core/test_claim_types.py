"""Claim-type chips: each rule on sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.core.claim_types import CLAIM_TYPES, LABELS, claim_types, find_claim_types


def kinds(text: str) -> set[str]:
    return set(claim_types(text))


@pytest.mark.parametrize(
    "text",
    [
        "The ministry hired 4,300 new nurses last winter.",
        "Unemployment stands at 7.2% in the northern region.",
        "The bridge cost £45 million to repair.",
        "Two-thirds of the harbour towns lost their ferry service.",
        "Fewer than half of the pupils passed the exam.",
    ],
)
def test_figures_and_number_words_are_quantities(text):
    assert "quantity" in kinds(text)


def test_a_year_alone_is_not_a_quantity():
    assert "quantity" not in kinds("The museum reopened in 2014 after the flood.")


@pytest.mark.parametrize(
    "text",
    [
        "Crime in the valley is higher than it was under the last council.",
        "This is the largest wind farm on the coast.",
        "Rents rose sharply across the county.",
        "Compared with its neighbours, the town spends little on libraries.",
        "Our exports are worth more to the island than tourism ever was.",
    ],
)
def test_comparisons_superlatives_and_changes_are_comparisons(text):
    assert "comparison" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mill closed because the river ran dry.",
        "The new tariff led to a shortage of flour.",
        "Delays were due to a signalling fault.",
        "The spill resulted in the loss of half the oyster beds.",
    ],
)
def test_causal_links_are_cause_and_effect(text):
    assert "cause_effect" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Prices will fall again before the harvest.",
        "The lake is expected to freeze within a week.",
        "By 2035 the line is going to carry twice as many trains.",
        "Economists forecast a mild recession.",
    ],
)
def test_statements_about_the_future_are_predictions(text):
    assert "prediction" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "It is illegal to fish in the reservoir without a permit.",
        "The Clean Harbours Act forbids dumping within ten miles.",
        "The court ruled that the levy was unconstitutional.",
        "Shops are required by the new regulation to label every egg.",
    ],
)
def test_laws_bans_and_rulings_are_law_or_rule(text):
    assert "law_rule" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "“We will never sell the forest,” the mayor said.",
        "Ortega said the port would reopen in spring.",
        "According to the coastguard, the ferry was overloaded.",
    ],
)
def test_quoted_and_reported_speech_is_a_quotation(text):
    assert "quotation" in kinds(text)


def test_a_single_quoted_word_is_not_a_quotation():
    assert "quotation" not in kinds('The council calls the plan "ambitious".')


@pytest.mark.parametrize(
    "text",
    [
        "I grew up on a farm outside the village.",
        "When I was a student, the library opened all night.",
        "My father worked in that mine for thirty years.",
        "I've seen the queues outside the clinic myself.",
    ],
)
def test_first_person_experiences_are_personal_experience(text):
    assert "personal_experience" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you all for coming tonight.",
        "Good evening.",
        "We need to think hard about what kind of town we want.",
        "Why do you think that is?",
    ],
)
def test_pleasantries_and_questions_get_no_chips(text):
    assert claim_types(text) == ()


def test_hits_carry_their_trigger_words_and_offsets_in_chip_order():
    text = "Because of the strike, 300 flights were cancelled, the most since the airport opened."
    hits = find_claim_types(text)
    assert [h.kind for h in hits] == ["quantity", "comparison", "cause_effect"]
    for hit in hits:
        assert text[hit.start : hit.end].strip() == hit.evidence
    assert hits[0].evidence == "300"


def test_every_chip_has_a_label():
    assert set(LABELS) == set(CLAIM_TYPES)
