"""Parse JSON that came from the user, where an absurdly long number is a fault of the
file, not of the app.

Python refuses to turn an integer of more than 4,300 digits into an ``int`` (a guard
against quadratic-time conversion) with a plain ``ValueError``, which the standard
decoder lets through: a JSON file holding such a number reached the user as a bug.
Here it is a :class:`json.JSONDecodeError` like any other malformed JSON, at the line
and column of the number, so every reader's "not valid JSON (line N)" message covers it.
No number we read (versions, offsets, counts) comes anywhere near that length.

The standard decoder runs unchanged: the number is looked for only once it has failed.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

_DECODER = json.JSONDecoder()


def _too_long(doc: str, start: int, error: ValueError) -> json.JSONDecodeError:
    """The decode error for a number too long to read, or ``error`` itself when the
    text holds no such number (then it was something else, and a bug)."""
    limit = sys.get_int_max_str_digits()
    found = re.compile(rf"\d{{{limit + 1},}}").search(doc, start) if limit else None
    if found is None:
        raise error
    return json.JSONDecodeError(f"a number of more than {limit:,} digits", doc, found.start())


def loads(text: str) -> Any:
    """``json.loads(text)``, with a number too long to read as a ``JSONDecodeError``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        raise _too_long(text, 0, exc) from None


def raw_decode(text: str, pos: int = 0) -> tuple[Any, int]:
    """``JSONDecoder().raw_decode(text, pos)``, with a number too long to read as a
    ``JSONDecodeError``."""
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        raise _too_long(text, pos, exc) from None
