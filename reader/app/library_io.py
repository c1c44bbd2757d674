"""The library as a whole: open it, dump it to lossless JSON, merge a dump back in.

- :func:`library_path` — the file the user named, or the default one.
- :func:`open_library` — open (and migrate) a library file, created if missing.
- :func:`open_existing_library` — open a library that must already exist (commands that
  only read, or that need an article, never leave an empty library behind a typo).
- :func:`library_exists` — whether a library file is there to open.
- :func:`library_json_chunks` — the lossless JSON as text, an article at a time.
- :func:`export_library_json` — the lossless JSON of some or all articles, to a file
  (atomically) or as text.
- :func:`check_library_json_text` — check an export whole, import nothing.
- :func:`import_library_json` — merge a JSON export read from a file (or given as
  text with :func:`import_library_json_text`); the newer edit of each row wins.

Faults of the user or the world are :class:`~reader.core.errors.UserError` s: a
missing or unreadable file, a file that is not UTF-8, not JSON or not our export, a
folder that does not exist, a locked or read-only library.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.app.exports import write_text_file

# Re-exported: the front ends name the library, its path and the merge report without
# importing the store (library_path lives apart: the window's start-up asks it).
from reader.app.library_file import library_path as library_path
from reader.core.errors import InputError, StoreError
from reader.core.files import cannot_read_message, open_user_file
from reader.importers.json_kinds import SNIFF_CHARS, belongs_elsewhere
from reader.store import Library as Library
from reader.store.dump import export_json_chunks
from reader.store.dump_merge import (
    EXPORT_FILE,
    check_json,
    check_json_file,
    import_json,
    import_json_file,
)
from reader.store.dump_merge import MergeReport as MergeReport


def open_library(path: str | Path) -> Library:
    """Open the library at ``path`` (created if missing); close it when done."""
    return Library(path)


def library_exists(path: str | Path) -> bool:
    """Whether ``path`` names an existing file (a library, or something to refuse).

    A library that a killed restore left only in its restore files counts too: opening
    it finishes or undoes that restore (:mod:`reader.store.backup`).
    """
    if str(path) == ":memory:":
        return True
    target = Path(path)
    if target.exists():
        return True
    return any(target.parent.glob(f"{glob.escape(target.name)}.restor*")) or any(
        target.parent.glob(f"{glob.escape(target.name)}.before-restore-*")
    )


def open_existing_library(path: str | Path) -> Library:
    """Open the library at ``path``; a :class:`StoreError` when there is none.

    A mistyped path must not silently become a new, empty library.
    """
    if not library_exists(path):
        raise StoreError(
            f"No library at {path}. Check the path, or import an article to create one there."
        )
    return Library(path)


def export_library_json(
    lib: Library,
    path: Path,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
    force: bool = False,
) -> None:
    """Write the lossless JSON of the given articles (all when None) to ``path``.

    An existing file is replaced only when it is one of our JSON exports, or with
    ``force`` (see :func:`reader.app.exports.write_text_file`).
    """
    # Streamed, an article at a time: a 10,000-article library never sits in memory.
    chunks = export_json_chunks(lib, article_ids, include_trash=include_trash)
    write_text_file(path, chunks, force=force)


def library_json_chunks(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> Iterator[str]:
    """The lossless JSON text of the given articles (all when None), in pieces.

    An article at a time, so the command line writes a library of any size to standard
    output in bounded memory; ``"".join`` gives the whole text.
    """
    return export_json_chunks(lib, article_ids, include_trash=include_trash)


def import_library_json(lib: Library, path: Path) -> MergeReport:
    """Merge the JSON export at ``path`` into ``lib``; report what was done.

    The file is checked whole first, then imported an article at a time, reading it in
    pieces (bounded memory whatever its size).
    """
    return import_json_file(lib, Path(path))


def import_library_json_text(lib: Library, text: str) -> MergeReport:
    """Merge a JSON export given as text (standard input) into ``lib``."""
    return import_json(lib, text)


def check_library_json_text(text: str) -> int:
    """Check a JSON export whole without importing it; return how many articles it holds.

    Raises :class:`~reader.core.errors.InputError` naming the JSON path of the first
    fault, or the importer to use for a file of annotations or fact-checks.
    """
    _refuse_other_kinds(text, "This file")
    return check_json(text)


def check_library_json(path: Path) -> int:
    """Check the JSON export at ``path`` whole without importing; count its articles."""
    with open_user_file(path, what=EXPORT_FILE) as handle:
        try:
            head = handle.read(SNIFF_CHARS * 4).decode("utf-8-sig", errors="replace")
        except OSError as exc:
            raise InputError(cannot_read_message(path, exc)) from None
    _refuse_other_kinds(head[:SNIFF_CHARS], str(path))
    return check_json_file(Path(path))


def _refuse_other_kinds(head: str, name: str) -> None:
    elsewhere = belongs_elsewhere(head, name, "library")
    if elsewhere:
        raise InputError(elsewhere)
