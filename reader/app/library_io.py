"""The library as a whole: open it, dump it to lossless JSON, merge a dump back in.

- :func:`library_path` — the file the user named, or the default one.
- :func:`open_library` — open (and migrate) a library file, created if missing.
- :func:`open_existing_library` — open a library that must already exist (commands that
  only read, or that need an article, never leave an empty library behind a typo).
- :func:`library_exists` — whether a library file is there to open.
- :func:`export_library_json` — the lossless JSON of some or all articles, to a file
  (atomically) or as text.
- :func:`import_library_json` — merge a JSON export read from a file (or given as
  text with :func:`import_library_json_text`); the newer edit of each row wins.

Faults of the user or the world are :class:`~reader.core.errors.UserError` s: a
missing or unreadable file, a file that is not UTF-8, not JSON or not our export, a
folder that does not exist, a locked or read-only library.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.app.exports import write_text_file
from reader.core.errors import InputError, StoreError

# Re-exported: the front ends name the library and the merge report without
# importing the store.
from reader.store import Library as Library
from reader.store.dump import MergeReport as MergeReport
from reader.store.dump import export_json, import_json


def library_path(path: str | None) -> Path:
    """``path`` with ``~`` expanded, or the default library (``FACTREADER_DB`` or the
    data folder) when it is None or empty."""
    from reader.store.paths import default_db_path

    return Path(path).expanduser() if path else default_db_path()


def open_library(path: str | Path) -> Library:
    """Open the library at ``path`` (created if missing); close it when done."""
    return Library(path)


def library_exists(path: str | Path) -> bool:
    """Whether ``path`` names an existing file (a library, or something to refuse)."""
    return str(path) == ":memory:" or Path(path).exists()


def open_existing_library(path: str | Path) -> Library:
    """Open the library at ``path``; a :class:`StoreError` when there is none.

    A mistyped path must not silently become a new, empty library.
    """
    if not library_exists(path):
        raise StoreError(
            f"No library at {path}. Check the path, or import an article to create one there."
        )
    return Library(path)


def library_json(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> str:
    """The lossless JSON text of the given articles (all when None)."""
    return export_json(lib, article_ids, include_trash=include_trash)


def export_library_json(
    lib: Library,
    path: Path,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
) -> None:
    """Write the lossless JSON of the given articles (all when None) to ``path``."""
    write_text_file(path, library_json(lib, article_ids, include_trash=include_trash))


def _read_json_file(path: Path) -> str:
    """The text of a JSON export; InputError when it is missing, unreadable or not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"There is no file {path}. Check the file name.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder. Choose a JSON export file.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}. Check the file.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path} is not a Fact-Check Reader JSON export (it is not UTF-8 text). "
            "Choose a file made with Export → JSON."
        ) from None


def import_library_json(lib: Library, path: Path) -> MergeReport:
    """Merge the JSON export at ``path`` into ``lib``; report what was done."""
    return import_library_json_text(lib, _read_json_file(path))


def import_library_json_text(lib: Library, text: str) -> MergeReport:
    """Merge a JSON export given as text (standard input) into ``lib``."""
    return import_json(lib, text)
