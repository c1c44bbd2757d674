"""Search queries are tokenised the way the index tokenises text."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.search_query import fts_query


@pytest.fixture
def index():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(content, tokenize = 'unicode61 remove_diacritics 2')"
    )
    rows = [
        "The U.S. Secretary of State met Lavrov.",
        "Users said sanctions were ready.",
        "Around 10,000 troops gathered.",
        "Around 10 soldiers and 000 codes.",
        "A well-known café in Zürich.",
    ]
    conn.executemany("INSERT INTO t(content) VALUES (?)", [[r] for r in rows])
    yield conn


def hits(conn, query):
    match = fts_query(query)
    return [
        r[0] for r in conn.execute("SELECT content FROM t WHERE t MATCH ? ORDER BY rowid", [match])
    ]


def test_abbreviation_with_dots_is_one_phrase_not_two_prefixes(index):
    assert hits(index, "U.S.") == ["The U.S. Secretary of State met Lavrov."]


def test_number_with_thousands_separator_is_a_phrase(index):
    assert hits(index, "10,000") == ["Around 10,000 troops gathered."]


def test_bare_word_matches_as_prefix(index):
    assert hits(index, "sanct") == ["Users said sanctions were ready."]


def test_quoted_phrase_is_exact_and_not_a_prefix(index):
    assert hits(index, '"secretary of state"') == ["The U.S. Secretary of State met Lavrov."]
    assert hits(index, '"secretary of sta"') == []


def test_diacritics_and_hyphens_follow_the_index(index):
    assert hits(index, "cafe well-known") == ["A well-known café in Zürich."]


@pytest.mark.parametrize("query", ["", "   ", "—", '"', '""', "- , ."])
def test_queries_without_words_give_no_search(query):
    assert fts_query(query) == ""


def test_quotes_inside_a_term_cannot_break_the_syntax(index):
    for query in ['a"b', '"unclosed phrase', "OR AND NOT", "NEAR(", "*"]:
        index.execute(
            "SELECT count(*) FROM t WHERE t MATCH ?", [fts_query(query) or '""']
        ).fetchone()
