"""Check-worthiness scores: the shipped weights, the reasons, the per-user adaptation."""

from __future__ import annotations

from importlib import resources

import numpy as np

from reader.core.checkworthy import (
    MODEL_FILE,
    adapt,
    feature_matrix,
    load_model,
    reasons,
    score_sentences,
)

CLAIMS = [
    "Unemployment fell to 4.1% last year, the lowest rate since 1969.",
    "The new law bans oil drilling within 50 miles of the coast.",
    "We cut the deficit by $300 billion in four years.",
]
CHATTER = [
    "Thank you, and good evening.",
    "I think we need to talk about that.",
    "Let me finish my answer, please.",
]


def test_weights_ship_inside_the_package_with_their_licence_sidecar():
    package = resources.files("reader.core")
    assert (package / MODEL_FILE).is_file()
    sidecar = (package / "checkworthy_model.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in sidecar and "Arslan" in sidecar
    model = load_model()
    assert 0.0 < model.threshold < 1.0


def test_factual_claims_outrank_pleasantries_and_opinions():
    scores = score_sentences(CLAIMS + CHATTER)
    assert all(0.0 <= s.score <= 1.0 for s in scores)
    assert min(s.score for s in scores[:3]) > max(s.score for s in scores[3:])
    assert [s.worth_checking for s in scores] == [True] * 3 + [False] * 3


def test_reasons_name_the_claim_types_and_their_words():
    score = score_sentences(["Crime rose 12% because the police lost 2,000 officers."])[0]
    assert reasons(score).startswith("number: 12%; comparison: rose; cause and effect: because")
    assert score.kinds == ("quantity", "comparison", "cause_effect")


def test_no_sentences_give_no_scores():
    assert score_sentences([]) == []


def test_feature_rows_are_embedding_chips_and_cues():
    features = feature_matrix(["Taxes rose 5%."])
    assert features.shape == (1, len(load_model().mean))
    assert np.isfinite(features).all()


def test_adaptation_from_no_labels_changes_nothing():
    plain = score_sentences(CLAIMS)
    adapted = score_sentences(CLAIMS, adapt([]))
    assert [s.score for s in plain] == [s.score for s in adapted]


def test_user_who_dismisses_predictions_sees_them_ranked_lower():
    predictions = [
        "Prices will fall by 10% next year.",
        "The plant will create 2,000 jobs by 2030.",
        "Inflation is expected to double within a year.",
        "The new line will carry 40,000 passengers a day.",
    ]
    facts = [
        "The plant employed 2,000 people in 2019.",
        "Inflation doubled between 2021 and 2022.",
        "Prices fell 10% last year.",
        "The line carried 40,000 passengers a day in May.",
    ]
    labels = [(p, False) for p in predictions] + [(f, True) for f in facts]
    adaptation = adapt(labels)
    assert adaptation.type_offsets.get("prediction", 0.0) < 0
    unseen = "Rents will rise by a third over the next five years."
    before = score_sentences([unseen])[0].score
    after = score_sentences([unseen], adaptation)[0].score
    assert after < before


def test_adaptation_is_a_pure_function_of_the_labels():
    labels = [(CLAIMS[0], True), (CHATTER[0], False), (CLAIMS[1], False)]
    assert adapt(labels) == adapt(list(labels))
