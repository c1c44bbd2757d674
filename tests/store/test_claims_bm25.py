"""BM25 in memory (reader.store.claims_bm25) ranks and scores exactly as FTS5 in SQL."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.core.claim_match import FactCheck
from reader.store import Library
from reader.store import claims_memory as claims_memory_module
from reader.store.claims_bm25 import Bm25Index, fts_tokens
from reader.store.claims_memory import ClaimsMemory
from tests.store.test_claims_memory import add_noted_article

WORDS = (
    "army troops border frontier massed gathered soldiers bridge harbour closed closing "
    "repairs march vaccine vaccines vaccinated children school schools tax taxes rise "
    "rising president minister said says election votes voting café naïve crème résumé "
    "flood floods flooding storm storms fire fires australia koala koalas 2020 10,000"
).split()
QUERIES = [
    "Troops massed near the border",
    "the harbour bridge closes for repairs",
    "vaccines for children in schools",
    "Taxes are rising, the minister says",
    "naive cafe creme",  # diacritics folded on both sides
    "koalas koala fires Australia 2020",  # two words, one stem: two phrases
    "flooding storm flood storms",
    "10,000 troops",
    "nothing matches zyzzyva",
]


def _claims(n: int, seed: int = 7) -> list[FactCheck]:
    rng = random.Random(seed)
    checks = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5)))
        checks.append(FactCheck(claim=text, title=title, url=f"https://checks.test/{i}"))
    # Duplicates tie on score: the lower rowid goes first, as in FTS5.
    checks += [
        FactCheck(claim=checks[0].claim, title=checks[0].title, url=f"https://dup.test/{i}")
        for i in range(3)
    ]
    return checks


def _both_ways(
    memory: ClaimsMemory, text: str, depth: int = 100, exclude_article: str | None = None
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    vectors = memory._vectors()
    in_memory = memory._bm25(text, depth, exclude_article, vectors)
    claims_memory_module.IN_MEMORY_BM25 = False
    try:
        in_sql = memory._bm25(text, depth, exclude_article, vectors)
    finally:
        claims_memory_module.IN_MEMORY_BM25 = True
    return in_memory, in_sql


@pytest.mark.parametrize("query", QUERIES)
def test_bm25_in_memory_ranks_and_scores_as_fts5(fresh_db: Library, query: str) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(_claims(400))
    for depth in (5, 100):
        in_memory, in_sql = _both_ways(memory, query, depth)
        assert in_memory == in_sql  # the same claims, the same scores to the last bit
    assert memory._vectors().bm25 is not None  # the memory's index was used


def test_the_sentence_own_article_is_left_out_as_in_fts5(fresh_db: Library) -> None:
    article, _ = add_noted_article(fresh_db, "Border", ["Troops massed at the border today."])
    add_noted_article(fresh_db, "Other", ["Troops were massed at the border, again."])
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(_claims(50))
    memory.sync_notes()
    in_memory, in_sql = _both_ways(memory, "troops massed at the border", exclude_article=article)
    assert in_memory == in_sql
    own = {
        r[0] for r in fresh_db.conn.execute("SELECT id FROM claims WHERE article_id = ?", [article])
    }
    assert own and not own & {claim_id for claim_id, _ in in_memory}


def test_a_word_fts5_reads_as_two_tokens_is_asked_of_fts5(fresh_db: Library) -> None:
    # A Tai Lue vowel sign is part of a word for Python, a separator for FTS5.
    word = "ab\u19b1cd"
    assert fts_tokens([word]) == [("ab", "cd")]
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks([FactCheck(claim=f"{word} troops"), FactCheck(claim="ab troops cd")])
    index = memory._vectors().bm25_index(fresh_db.conn)
    assert index is not None and index.top([word], 10) is None
    in_memory, in_sql = _both_ways(memory, f"{word} troops")
    assert in_memory == in_sql and len(in_sql) == 2


def test_a_claim_added_after_the_index_was_read_is_found(fresh_db: Library) -> None:
    memory = ClaimsMemory(fresh_db.sql)
    memory.add_factchecks(_claims(30))
    assert memory.search("zyzzyva", mode="bm25") == []
    memory.add_factchecks([FactCheck(claim="A zyzzyva is a weevil.", url="https://z.test")])
    hits = memory.search("zyzzyva", mode="bm25")
    assert [h.text for h in hits] == ["A zyzzyva is a weevil."]


def test_a_claim_added_through_another_connection_is_found(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as first, Library(path) as second:
        reading = ClaimsMemory(first.sql)
        reading.add_factchecks(_claims(30))
        assert reading.search("zyzzyva", mode="bm25") == []
        ClaimsMemory(second.sql).add_factchecks([FactCheck(claim="Zyzzyva weevils swarm.")])
        assert [h.text for h in reading.search("zyzzyva", mode="bm25")] == [
            "Zyzzyva weevils swarm."
        ]


def test_an_empty_memory_has_an_empty_index(fresh_db: Library) -> None:
    index = Bm25Index.build(fresh_db.conn)
    assert index.rows == 0
    assert index.top(["troops"], 10) == []
    assert ClaimsMemory(fresh_db.sql).search("troops", mode="bm25") == []
