"""Where the library lives when the user does not say."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "FactCheckReader"
DB_FILENAME = "library.sqlite3"
ENV_DB = "FACTREADER_DB"


def default_db_path() -> Path:
    """``$FACTREADER_DB`` if set, else ``library.sqlite3`` in the user's data folder."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    # Here: it imports tempfile and shutil (~5 ms), and opening a library (which checks
    # for an interrupted restore, reader.store.backup) needs only backup_dir.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def backup_dir(db_path: Path) -> Path:
    """The folder that holds automatic backups of ``db_path``."""
    return db_path.parent / "backups"
