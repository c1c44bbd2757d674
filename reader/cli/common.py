"""What every command shares: the library named by ``--db``, standard input as raw
input, and the progress line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import RawInput

if TYPE_CHECKING:
    from reader.app.library_io import Library


def db_path(args: argparse.Namespace) -> Path:
    from reader.app.library_file import library_path

    return library_path(args.db)


def open_lib(args: argparse.Namespace, *, create: bool = False) -> Library:
    """The library named by ``--db``; only commands that can fill an empty library
    (``create``) may create it, and they say so."""
    from reader.app.library_io import library_exists, open_existing_library, open_library

    path = db_path(args)
    if not create:
        lib = open_existing_library(path)
    else:
        existed = library_exists(path)
        lib = open_library(path)
        if not existed:
            print(f"created a new library at {path}", file=sys.stderr)
    notices = list(lib.notices)
    if lib.read_only and notices:
        # Said once the command has done its work: a command that must write fails
        # with an error that says the library is read-only, and that one line is enough.
        AFTER_SUCCESS.append(notices.pop())
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    return lib


AFTER_SUCCESS: list[str] = []
"""Notes to print only when the command succeeds (see :func:`open_lib`)."""


def print_notes_after_success() -> None:
    """Print, then forget, the notes kept for a command that succeeded."""
    for notice in AFTER_SUCCESS:
        print(f"note: {notice}", file=sys.stderr)
    AFTER_SUCCESS.clear()


class ProgressLine:
    """A progress line on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self._shown = sys.stderr.isatty()

    def report(self, done: int, total: int, label: str = "") -> None:
        if self._shown and total:
            print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False  # Ctrl+C raises KeyboardInterrupt instead

    def close(self) -> None:
        if self._shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def read_stdin() -> RawInput:
    """Standard input as raw input; read no further than the input limit, so that a
    pipe of gigabytes is refused, not held in memory."""
    from reader.core.errors import InputError
    from reader.core.pipeline import MAX_INPUT_BYTES

    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"Standard input holds more than {MAX_INPUT_BYTES // 1_048_576} MB, the limit. "
            "An article page is much smaller: check what is piped in."
        )
    return RawInput(data, None, "stdin")
