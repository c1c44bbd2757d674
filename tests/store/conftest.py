from __future__ import annotations

import pytest

from reader.core.models import build_article
from reader.store import Library


@pytest.fixture
def fresh_db() -> Library:
    """An empty in-memory library."""
    lib = Library(":memory:")
    yield lib
    lib.close()


@pytest.fixture
def clean_article():
    """A small clean article of our own writing."""
    return build_article(
        [
            ("title", "Council Votes to Close Harbour Bridge"),
            (
                "paragraph",
                "The city council voted on Monday to close the bridge. The vote was seven to two.",
            ),
            (
                "paragraph",
                "Engineers said the deck had rusted through. "
                "Repairs will take a year, the mayor said.",
            ),
        ]
    )
