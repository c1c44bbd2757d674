"""A note on one numbered sentence, as the tests here make them."""

from __future__ import annotations

from typing import Any

from reader.app import notes
from reader.core.models import Note
from reader.store import Library


def add_note_on_sentence(lib: Library, article_id: str, n: int, **fields: Any) -> Note:
    """A new note on sentence ``n`` (1 is the title), through the CLI's use case."""
    return notes.add_note_on_sentences(lib, article_id, n, n, **fields).after
