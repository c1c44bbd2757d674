"""Short texts in the commonest legacy code page come out right, not as an old DOS one."""

from __future__ import annotations

import pytest

from reader.core.decode import decode_bytes


@pytest.mark.parametrize(
    "text",
    [
        "claim\ttitle\nLe café coûte €5\tCafé\n",
        "claim\ttitle\turl\trating\nLe café coûte €5\tCafé\thttps://example.org/cafe\tFaux\n",
    ],
)
def test_a_short_cp1252_table_is_read_as_cp1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "text/plain") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.\n", "cp1251"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.\n", "koi8_r"),
        ("Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.\n", "cp1250"),
        ("東京の橋が一年間閉鎖される。市議会は月曜日に決めた。\n", "shift_jis"),
    ],
)
def test_other_legacy_code_pages_are_not_taken_for_cp1252(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "text/plain") == text
