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
