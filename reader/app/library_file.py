"""Which library file to open: the one the user named, or the default one.

Apart from :mod:`reader.app.library_io` (which re-exports it) because every launch of
the window asks it before anything else, and that module imports the JSON dump and
merge, ~30 ms of start-up the window does not need (tests/bench/startup.py).
"""

from __future__ import annotations

from pathlib import Path


def library_path(path: str | None) -> Path:
    """``path`` with ``~`` expanded, or the default library (``FACTREADER_DB`` or the
    data folder) when it is None or empty."""
    from reader.store.paths import default_db_path

    return Path(path).expanduser() if path else default_db_path()
