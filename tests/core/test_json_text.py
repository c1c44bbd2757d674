"""User JSON with a number too long to read is malformed JSON, not a crash."""

from __future__ import annotations

import json

import pytest

from reader.core import json_text

HUGE = "9" * 5000


def test_ordinary_json_is_read_as_the_standard_decoder_reads_it() -> None:
    text = '{"a": [1, 2.5, "x", null, true], "b": 12345678901234567890}'
    assert json_text.loads(text) == json.loads(text)
    assert json_text.raw_decode(" [1] tail", 1) == ([1], 4)


def test_a_number_too_long_is_a_decode_error_at_its_place() -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json_text.loads('{\n  "version": ' + HUGE + "\n}")
    assert (caught.value.lineno, caught.value.colno) == (2, 14)
    assert "more than 4,300 digits" in caught.value.msg


def test_raw_decode_reports_the_number_after_its_start() -> None:
    with pytest.raises(json.JSONDecodeError, match="digits"):
        json_text.raw_decode("[1], [" + HUGE + "]", 5)


def test_a_long_float_is_still_a_number() -> None:
    assert json_text.loads("0." + HUGE) == pytest.approx(1.0)


def test_a_cursor_reads_an_array_an_element_at_a_time_then_what_follows() -> None:
    cursor = json_text.JsonCursor(' [1, {"a": [2]}, []]\n{"b": 3}\n')
    assert list(cursor.items()) == [1, {"a": [2]}, []]
    assert cursor.peek() == "{" and cursor.value() == {"b": 3} and cursor.peek() == ""


def test_a_cursor_skips_the_values_left_unread_and_leaves_lists_for_later() -> None:
    text = '{"a": [1, 2], "b": {"c": [3]}, "type": ["X"], "d": 4}'
    members = json_text.JsonCursor(text).members_lists_left(keep=("type",))
    assert [(k, v) for k, v, _ in members] == [
        ("a", None),
        ("b", {"c": [3]}),
        ("type", ["X"]),
        ("d", 4),
    ]
    start = members[0][2]
    assert start is not None and list(json_text.list_at(text, start)) == [1, 2]
    assert json_text.whole_object(text, members) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("[1 2]", "Expecting ',' delimiter", 4),
        ('{"a" 1}', "Expecting ':' delimiter", 6),
        ("[1,", "Expecting value", 4),
        ('{"a": 1,}', "Expecting property name enclosed in double quotes", 9),
    ],
)
def test_a_cursor_names_a_fault_as_the_decoder_does(text: str, message: str, column: int) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json_text.JsonCursor(text).skip()
    assert caught.value.msg == message and caught.value.colno == column
