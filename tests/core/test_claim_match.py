"""The pure half of claim matching: key terms, query syntax, fusion, cosine, why it matched."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from reader.core.claim_match import (
    contextual_query,
    dense_query,
    fts_match_expression,
    fuse_rankings,
    key_terms,
    normalise_query,
    shared_terms,
    strip_signature,
    top_by_cosine,
)


def test_key_terms_drop_stop_words_and_repeats_and_fold_case_and_accents():
    assert key_terms("The troops, the TROOPS and Café near the border") == [
        "troops",
        "cafe",
        "near",
        "border",
    ]


def test_links_go_and_hashtags_split_into_words():
    text = normalise_query(
        "Look #AustralianFires @realSpeaker2020 https://t.co/abc pic.twitter.com/x"
    )
    assert "http" not in text and "pic.twitter" not in text
    assert key_terms(text) == ["look", "australian", "fires", "real", "speaker", "2020"]


def test_picture_link_glued_to_a_hashtag_goes_and_keeps_the_hashtag():
    text = normalise_query("Flooded road #StormKaren#Floodpic.twitter.com/Ab12Cd")
    assert "twitter" not in text.casefold()
    assert key_terms(text) == ["flooded", "road", "storm", "karen", "flood"]


@pytest.mark.parametrize(
    "tweet",
    [
        "Bridge closed for repairs — Town Hall (@townhall_news) March 3, 2021",
        "Bridge closed for repairs pic.twitter.com/Zz9— Town Hall (@townhall) March 3, 2021",
        "Bridge closed for repairs - Ann B. (@ann_b) 4 May 2018",
        "Bridge closed for repairs — Ann (@ann) October 03, 19",
        "Bridge closed for repairs — Ann (@ann)",
    ],
)
def test_signature_of_a_pasted_tweet_is_stripped(tweet):
    assert normalise_query(strip_signature(tweet)).strip() == "Bridge closed for repairs"


@pytest.mark.parametrize(
    "text",
    [
        "The minister — speaking in Leeds — said taxes will fall.",
        "Ask the council (@council) about the bridge closure next week please.",
        "Prices rose 4 % - the fastest since 1990.",
    ],
)
def test_text_without_a_signature_is_unchanged(text):
    assert strip_signature(text) == text


def test_a_signature_alone_is_kept_rather_than_emptied():
    assert strip_signature("— Ann (@ann) May 2, 2020") == "— Ann (@ann) May 2, 2020"


def test_dense_query_drops_the_signature_unless_asked_to_keep_it():
    tweet = "Snow in the desert #Sahara — Jo Doe (@jodoe) May 2, 2020"
    assert dense_query(tweet).split() == ["Snow", "in", "the", "desert", "Sahara"]
    assert "Jo Doe" in dense_query(tweet, signature=True)


def test_contextual_query_drops_links_splits_hashtags_and_keeps_handles_and_signature():
    tweet = (
        "Hail in May! #StormWatch https://t.co/Ab12Cd \n pic.twitter.com/XyZ9 "
        "— Jo Doe (@jodoe) May 2, 2020"
    )
    assert contextual_query(tweet) == "Hail in May! Storm Watch — Jo Doe (@jodoe) May 2, 2020"


def test_contextual_query_splits_glued_hashtags_underscores_and_digits():
    assert contextual_query("Rain#Storm#Flood2020 #fake_news") == "Rain Storm Flood 2020 fake news"


def test_contextual_query_can_keep_hashtags_whole():
    text = "Hail! #StormWatch @jodoe"
    assert contextual_query(text, split_hashtags=False) == "Hail! #StormWatch @jodoe"


def test_contextual_query_of_a_link_glued_to_a_hashtag_keeps_the_hashtag():
    assert contextual_query("Flooded #Dorianpic.twitter.com/abc") == "Flooded Dorian"


def test_contextual_query_of_links_alone_is_empty():
    assert contextual_query("https://example.org/a www.example.org") == ""


def test_query_syntax_in_a_sentence_is_searched_for_not_obeyed():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    db.execute("INSERT INTO t VALUES ('they said NOT near the border')")
    expression = fts_match_expression('NOT "near" * border) AND (')
    assert expression is not None
    rows = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", [expression]).fetchone()
    assert rows == (1,)


def test_sentence_of_stop_words_only_has_no_expression():
    assert fts_match_expression("and so it was, as it is") is None


def test_fusion_rewards_agreement_between_rankings():
    fused = fuse_rankings([["a", "b", "c"], ["d", "b", "e"]], [1.0, 1.0], k=3)
    assert fused[0][0] == "b"
    assert fused[0][1] == pytest.approx(2 / 5)


def test_fusion_weights_favour_the_heavier_ranking():
    fused = fuse_rankings([["a"], ["b"]], [1.0, 0.5])
    assert [item for item, _ in fused] == ["a", "b"]


def test_fusion_needs_one_weight_per_ranking():
    with pytest.raises(ValueError):
        fuse_rankings([["a"]], [1.0, 1.0])


def test_cosine_top_is_ordered_and_skips_excluded_rows():
    matrix = np.eye(4, dtype=np.float32)
    query = np.array([0.1, 0.9, 0.4, 0.0], dtype=np.float32)
    rows, scores = top_by_cosine(matrix, query, 3)
    assert rows.tolist() == [1, 2, 0]
    assert scores[0] == pytest.approx(0.9)
    rows, _ = top_by_cosine(matrix, query, 10, exclude=np.array([False, True, False, False]))
    assert rows.tolist() == [2, 0, 3]


def test_cosine_top_of_everything_excluded_is_empty():
    rows, scores = top_by_cosine(
        np.eye(2, dtype=np.float32), np.ones(2, np.float32), 5, exclude=np.ones(2, bool)
    )
    assert len(rows) == 0 and len(scores) == 0


def test_shared_terms_match_plural_and_singular_and_skip_stop_words():
    terms = shared_terms(
        "The troops massed near the northern border",
        "A troop was seen at the border crossing",
    )
    assert set(terms) == {"troops", "border"}
    assert terms[0] == "troops"  # longer words first


def test_large_dense_index_shortlists_then_scores_exactly():
    from reader.core.claim_match import SHORTLIST_ABOVE, DenseIndex

    rng = np.random.default_rng(16)
    vectors = rng.standard_normal((SHORTLIST_ABOVE + 5000, 256)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors)
    assert index.coarse is not None
    rows, scores = index.top(vectors[123], 5)
    assert rows[0] == 123
    assert scores[0] == pytest.approx(1.0, abs=1e-2)  # the full vectors are half floats
    exclude = np.zeros(len(vectors), dtype=bool)
    exclude[123] = True
    rows, _ = index.top(vectors[123], 5, exclude)
    assert 123 not in rows.tolist()


def test_principal_shortlist_finds_neighbours_a_prefix_would_miss():
    from reader.core.claim_match import SHORTLIST_ABOVE, DenseIndex

    # Like e5's vectors: a large shared component, and what tells claims apart lies
    # anywhere, here only in the last values, which a prefix shortlist never reads.
    rng = np.random.default_rng(7)
    n, dims = SHORTLIST_ABOVE + 2000, 384
    vectors = np.zeros((n, dims), dtype=np.float32)
    vectors[:, 0] = 3.0
    vectors[:, 200:] = rng.standard_normal((n, dims - 200))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = vectors[42] + 0.05 * rng.standard_normal(dims).astype(np.float32)
    query /= np.linalg.norm(query)
    exact = np.argsort(-(vectors @ query))[:10]

    principal = DenseIndex.build(vectors, "principal")
    assert principal.projection is not None and principal.coarse is not None
    assert principal.coarse.shape == (n, 128)
    rows, scores = principal.top(query, 10)
    assert rows[0] == 42
    assert set(rows.tolist()) == set(exact.tolist())
    np.testing.assert_allclose(scores, vectors[rows] @ query, atol=2e-3)  # exact, half floats

    prefix_rows, _ = DenseIndex.build(vectors).top(query, 10)
    assert set(prefix_rows.tolist()) != set(exact.tolist())


def test_principal_directions_are_orthonormal_and_lead_with_the_largest():
    from reader.core.claim_match import principal_directions

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((500, 16)) * np.r_[10.0, np.ones(15)]  # column 0 varies most
    directions = principal_directions(vectors, 4)
    assert directions.shape == (16, 4)
    np.testing.assert_allclose(directions.T @ directions, np.eye(4), atol=1e-5)
    assert abs(directions[0, 0]) > 0.99


def test_principal_shortlist_ranks_by_cosine_not_by_length_in_the_leading_directions():
    from reader.core.claim_match import SHORTLIST, SHORTLIST_ABOVE, DenseIndex

    # Most claims lie mostly along the shared, leading directions; the one the query is
    # about has half its length in a direction only it uses, which the coarse copy
    # drops.  Raw dot products in the coarse copy would rank the generic claims above
    # it and leave it out of the shortlist; cosines there keep it first.
    rng = np.random.default_rng(11)
    n, dims = SHORTLIST_ABOVE + 2000, 384
    vectors = np.zeros((n, dims), dtype=np.float32)
    vectors[:, 0] = 1.0
    vectors[:, 1:128] = 0.1 * rng.standard_normal((n, 127))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[77] = 0.0
    vectors[77, 0], vectors[77, 300] = 0.5, 0.75**0.5
    query = vectors[77] + 0.002 * rng.standard_normal(dims).astype(np.float32)
    query /= np.linalg.norm(query)
    generic_closer = int(np.count_nonzero(vectors[:, 0] * 0.5 > 0.25))
    assert generic_closer > SHORTLIST  # by raw coarse dot products, 77 would be cut

    rows, scores = DenseIndex.build(vectors, "principal").top(query, 5)
    assert rows[0] == 77
    assert scores[0] == pytest.approx(1.0, abs=1e-2)


def test_top_rows_are_exactly_the_highest_scores():
    from reader.core.claim_match import top_rows

    rng = np.random.default_rng(5)
    for total, n in [(100_000, 1000), (50_000, 100), (9_000, 1000), (1200, 1000), (10, 3)]:
        scores = rng.standard_normal(total).astype(np.float32)
        scores[rng.random(total) < 0.3] = -np.inf  # excluded rows
        rows = top_rows(scores, n)
        assert len(rows) == n
        assert np.sort(scores[rows])[::-1].tolist() == np.sort(scores)[::-1][:n].tolist()
    # A bar guessed too high (the best scores all missed by the sample) falls back to
    # partitioning everything.
    scores = np.zeros(100_000, dtype=np.float32)
    scores[1::16] = 1.0  # the sample reads rows 0, 16, 32, ...: all zero
    scores[0::16] = -1.0
    rows = top_rows(scores, 1000)
    assert np.all(scores[rows] == 1.0)


def test_equal_cosines_come_in_row_order():
    matrix = np.zeros((6, 2), dtype=np.float32)
    matrix[:, 0] = 1.0
    matrix[4] = [0.0, 1.0]
    rows, _ = top_by_cosine(matrix, np.array([1.0, 0.0], dtype=np.float32), 6)
    assert rows.tolist() == [0, 1, 2, 3, 5, 4]


def test_half_floats_convert_bit_for_bit_as_numpy_does():
    from reader.core.claim_match import _single

    every = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16).reshape(256, 256)
    converted = _single(every)
    assert converted.dtype == np.float32 and converted.shape == (256, 256)
    assert np.array_equal(converted.view(np.uint32), every.astype(np.float32).view(np.uint32))


def test_shared_terms_leave_out_words_of_attribution():
    terms = shared_terms(
        "The minister said 10,000 troops were near the border, according to reports",
        "He said troops massed at the border, according to officials",
    )
    assert set(terms) == {"troops", "border"}
