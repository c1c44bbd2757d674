"""What the claims memory gives the contextual model to embed for a sentence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from reader.core import contextual
from reader.core.claim_match import FactCheck, MatchSettings
from reader.store import Library
from reader.store.claims_memory import ClaimsMemory

CHECKS = [
    FactCheck(claim="Hail the size of eggs fell on the harbour.", url="https://x.test/h1"),
    FactCheck(claim="The ferry fares will double next spring.", url="https://x.test/h2"),
]


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every query text the contextual model is asked to embed (a stand-in model)."""
    seen: list[str] = []

    def fake_queries(texts: Sequence[str]) -> np.ndarray:
        seen.extend(texts)
        vector = np.zeros((len(texts), contextual.DIMENSIONS), dtype=np.float32)
        vector[:, 0] = 1.0
        return vector

    def fake_passages(texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), contextual.DIMENSIONS), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors

    monkeypatch.setattr(contextual, "available", lambda: True)
    monkeypatch.setattr(contextual, "embed_queries", fake_queries)
    monkeypatch.setattr(contextual, "embed_passages", fake_passages)
    return seen


def test_the_contextual_query_is_the_tweet_without_links_and_with_split_hashtags(
    fresh_db: Library, embedded: list[str]
) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    hits = memory.search(
        "Hail on the #HarbourFront https://t.co/Ab12 pic.twitter.com/Xy — Jo (@jo) May 2, 2020"
    )
    assert embedded == ["Hail on the Harbour Front — Jo (@jo) May 2, 2020"]
    assert hits and hits[0].contextual_rank is not None


def test_settings_of_the_engine_before_keep_the_hashtags_whole(
    fresh_db: Library, embedded: list[str]
) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    memory.search("Hail on the #HarbourFront", settings=MatchSettings(split_hashtags=False))
    assert embedded == ["Hail on the #HarbourFront"]


def test_a_sentence_of_links_alone_is_not_embedded(fresh_db: Library, embedded: list[str]) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    hits = memory.search("https://t.co/Ab12")
    assert embedded == []
    assert all(h.contextual_rank is None for h in hits)
