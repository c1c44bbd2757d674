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
from collections.abc import Container, Iterator
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


_SPACE = re.compile(r"[ \t\n\r]*")
Member = tuple[str, Any, "int | None"]  # key, value, or where a list left unread starts


def list_at(text: str, start: int) -> Iterator[Any]:
    """The elements of the list that starts at ``text[start]``, one at a time."""
    return JsonCursor(text, start).items()


def whole_object(text: str, members: list[Member]) -> dict[str, Any]:
    """The object of :meth:`JsonCursor.members_lists_left`, its lists read in."""
    return {
        key: value if start is None else JsonCursor(text, start).value()
        for key, value, start in members
    }


class JsonCursor:
    """Read a JSON text a value at a time, so that a large file is never parsed whole.

    A 50 MB file of fact-checks or annotations parsed whole holds every object at once
    as dicts and strings, several times the file's size.  The reader that walks it
    this way holds one element of the long list at a time instead: :meth:`items` yields
    the elements of an array, :meth:`members` the keys of an object (its values read
    with :meth:`value`, :meth:`items` or left to be skipped).  Several values in a row,
    as in JSON Lines, are read by calling :meth:`value` again while :meth:`peek` finds
    more.  Faults are :class:`json.JSONDecodeError` at their line and column in the text.
    """

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        # The pattern matches everywhere (maybe nothing): never None.
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.text[self.pos : self.pos + 1]

    def value(self) -> Any:
        """Decode the whole value that starts here."""
        self.peek()
        value, self.pos = raw_decode(self.text, self.pos)
        return value

    def items(self) -> Iterator[Any]:
        """The elements of the array that starts here, decoded one at a time."""
        self._take("[", "Expecting '['")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self._after_element("]"):
                return

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here.  Read each key's value before
        asking for the next key; a value left unread is skipped."""
        self._take("{", "Expecting '{'")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self._error("Expecting property name enclosed in double quotes")
            key = self.value()
            self._take(":", "Expecting ':' delimiter")
            start = self.pos
            yield key
            if self.pos == start:
                self.skip()
            if self._after_element("}"):
                return

    def members_lists_left(self, keep: Container[str] = ()) -> list[Member]:
        """The members of the object that starts here, each ``(key, value, None)``, but
        a list (unless its key is in ``keep``) as ``(key, None, where it starts)``: it is
        passed over one element at a time, to be read later with :func:`list_at` once
        the whole object says how (an object is only known by all its members)."""
        members: list[Member] = []
        for key in self.members():
            if self.peek() == "[" and key not in keep:
                members.append((key, None, self.pos))
                self.skip()
            else:
                members.append((key, self.value(), None))
        return members

    def skip(self) -> None:
        """Pass over the value that starts here, holding one element at a time."""
        head = self.peek()
        if head == "[":
            for _ in self.items():
                pass
        elif head == "{":
            for _ in self.members():
                pass
        else:
            self.value()

    def _after_element(self, closing: str) -> bool:
        """Past the comma after an element (False) or the closing bracket (True)."""
        head = self.peek()
        if head not in (",", closing) or not head:
            raise self._error("Expecting ',' delimiter")
        self.pos += 1
        return head == closing

    def _take(self, expected: str, message: str) -> None:
        if self.peek() != expected:
            raise self._error(message)
        self.pos += 1

    def _error(self, message: str) -> json.JSONDecodeError:
        return json.JSONDecodeError(message, self.text, self.pos)
