"""Backups of the library file: make one, the daily one, list them, restore one.

- :func:`backup_now` / :func:`backup_if_due` — copy the library into its backups
  folder (the daily copy only when the newest is a day old).
- :func:`list_backups` — newest first, each with its time.
- :func:`restore` — replace the library by a backup; the current file is moved aside,
  never deleted.  The library must be closed everywhere (the window closes its own
  connection first).

Faults are :class:`~reader.core.errors.StoreError` s that say what to do (a damaged
backup, a library open in another window, a full disk …).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader.core.errors import UserError
from reader.store import backup as _backup


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when it was made (None when its name does not say)."""

    path: Path
    made: datetime | None

    def label(self) -> str:
        """How the backup is shown in a list."""
        return f"{self.made:%Y-%m-%d %H:%M}  ({self.path.name})" if self.made else self.path.name


def backup_now(db_path: Path) -> Path:
    """Make a backup copy of the library now; returns the copy."""
    return _backup.make_backup(Path(db_path))


def backup_if_due(db_path: Path) -> Path | None:
    """Make the daily backup if it is due; returns it, or None when none was made."""
    return _backup.backup_if_due(Path(db_path))


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of this library, newest first."""
    return [BackupInfo(p, _backup.backup_time(p)) for p in _backup.list_backups(Path(db_path))]


def restore(db_path: Path, backup: Path) -> None:
    """Replace the library by ``backup`` (the current file is kept aside)."""
    backup = Path(backup)
    if not backup.exists():
        raise UserError(f"There is no backup {backup}. Run 'restore' to list the backups.")
    _backup.restore_backup(Path(db_path), backup)
