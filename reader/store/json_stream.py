"""Read a lossless export article by article, never the whole file at once.

A 10,000-article export is several hundred megabytes; parsing it whole held it three
times over (text, parsed objects, rows).  The export is one object whose ``articles``
list holds the bulk (and ``factchecks`` may be long too); :func:`iter_entries` walks
the top level itself and decodes one entry at a time with the standard decoder, reading
the file in pieces.  Memory is bounded by the largest article, not by the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from reader.core import json_text
from reader.core.errors import InputError

_WHITESPACE = " \t\r\n"
_CHUNK = 1 << 20
STREAMED = ("articles", "factchecks")  # the top-level lists that may be long


class _Reader:
    """A window on a text file, refilled as values are decoded from it."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._lines_before = 0  # line breaks in the text already dropped from buf

    def _more(self, size: int = _CHUNK) -> bool:
        if self.eof:
            return False
        data = self._handle.read(size)
        if not data:
            self.eof = True
            return False
        self._lines_before += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf) or not self._more():
                return self.buf[self.pos : self.pos + 1]

    def take(self, expected: str, what: str) -> None:
        if self.peek() != expected:
            raise self._invalid(what)
        self.pos += 1

    def value(self) -> Any:
        """Decode the JSON value that starts here."""
        self.peek()
        size = _CHUNK
        while True:
            try:
                value, end = json_text.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._more(size):
                    size *= 2  # a large article: read ahead faster than it is retried
                    continue
                raise self._invalid("", exc) from None
            if end == len(self.buf) and self._more(size):
                continue  # a number may go on in the next piece
            self.pos = end
            return value

    def _invalid(self, what: str, exc: json.JSONDecodeError | None = None) -> InputError:
        line = self._lines_before + self.buf.count("\n", 0, self.pos) + 1
        if exc is not None:
            line = self._lines_before + exc.lineno
        detail = f"invalid JSON at line {line}" + (f", expected {what}" if what else "")
        return InputError(
            f"This is not a Fact-Check Reader JSON export ({detail}). Choose a file made "
            "with Export → JSON."
        )


def iter_articles(handle: IO[str], header: dict[str, Any]) -> Iterator[Any]:
    """Yield the entries of the top-level ``articles`` list of the export in ``handle``.

    The other top-level keys are decoded into ``header`` as they are met (the export
    writes them after the articles; the caller checks them once the walk is over).
    Raises :class:`InputError` for text that is not such a JSON object, and lets a
    ``RecursionError`` from a value nested too deeply go through.
    """
    for _, entry in iter_entries(handle, header, ("articles",)):
        yield entry


def iter_entries(
    handle: IO[str], header: dict[str, Any], streamed: tuple[str, ...] = STREAMED
) -> Iterator[tuple[str, Any]]:
    """Yield ``(key, entry)`` for the entries of the top-level lists named in ``streamed``.

    As :func:`iter_articles`, for every list that may be long (the articles, and the
    library's imported fact-checks): each such key is set to ``[]`` in ``header`` and
    its entries are yielded one at a time, in file order.
    """
    reader = _Reader(handle)
    first = reader.peek()
    if first != "{":
        kind = {"[": "a list", "": "empty"}.get(first, "not an object")
        raise InputError(
            f"This JSON file is not a Fact-Check Reader export (it is {kind}). Choose a "
            "file made with Export → JSON."
        )
    reader.pos += 1
    if reader.peek() == "}":
        reader.pos += 1
        return
    while True:
        key = reader.value()
        if not isinstance(key, str):
            raise reader._invalid("a key")
        reader.take(":", "':'")
        if key in streamed and reader.peek() == "[":
            header[key] = []
            reader.pos += 1
            if reader.peek() == "]":
                reader.pos += 1
            else:
                while True:
                    yield key, reader.value()
                    if reader.peek() == ",":
                        reader.pos += 1
                        continue
                    reader.take("]", "',' or ']'")
                    break
        else:
            header[key] = reader.value()
        if reader.peek() == ",":
            reader.pos += 1
            continue
        reader.take("}", "',' or '}'")
        if reader.peek() != "":
            raise reader._invalid("the end of the file")
        return
