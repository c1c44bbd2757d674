from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app.library_io import open_library
from reader.store import Library

ARTICLE = (
    "Menu\nHome\nNews\n\n"
    "Night Ferry Returns to the Island\n\n"
    "The night ferry to the island will run again from May, the harbour board said on "
    "Thursday. The service stopped two years ago when the old boat failed an inspection.\n\n"
    "A new boat with room for ninety cars has been leased for three years. Fares will rise "
    "by five percent, the board said.\n\n"
    "Islanders welcomed the news but asked for a later last sailing on Saturdays.\n\n"
    "Subscribe now for just $1 a week.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def lib(db_path: Path) -> Iterator[Library]:
    library = open_library(db_path)
    yield library
    library.close()
