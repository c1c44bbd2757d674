# Size: backup, restore and the recovery of an interrupted restore share the file-naming and
# locking protocol described below.
"""Backups of the library file, and restoring one.

People keep months of work in one SQLite file, so the app copies it once a day at
start-up and keeps the newest few copies; the user can also back up on demand and
restore any copy from the GUI or the command line.

Why it is done this way:

* Copies are made with SQLite's online backup API (``Connection.backup``), never by
  copying bytes: a byte copy of a live WAL database can catch it between a write and
  its checkpoint and produce a file that does not open.  The backup API copies a
  consistent snapshot even while another connection is writing.
* A copy is written to a ``.partial`` file, checked with ``PRAGMA quick_check``, made
  durable (fsync) and only then renamed into place, so a crash or a full disk never
  leaves something that looks like a backup but is not one.  A copy that fails the
  check is thrown away *before* pruning, so a damaged library can never push the good
  old backups out of the rotation.
* Backups are named ``<library stem>-YYYYMMDD-HHMMSS.sqlite3`` (local time, which is
  what the user sees in a file manager) in :func:`reader.store.paths.backup_dir`.  The
  stem in the name keeps the backups of two libraries that share a folder apart, so
  pruning one never deletes the other's.
* Restoring never deletes anything: the backup is verified first (integrity check, a
  Fact-Check Reader schema, not from a newer version), the current file and its
  ``-wal``/``-shm`` are moved aside to ``<name>.before-restore-<stamp>``, and the copy
  goes in with one atomic rename.  A library still open in another window is refused,
  because moving a file from under a running app would split its writes between two
  files.

Every fault the user can act on is raised as :class:`reader.core.errors.StoreError`
with a message that says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from reader.core.errors import StoreError
from reader.store import schema
from reader.store._sql import refuse_non_file
from reader.store.paths import backup_dir

log = logging.getLogger(__name__)

DEFAULT_KEEP = 7
BACKUP_INTERVAL = timedelta(hours=24)
STAMP_FORMAT = "%Y%m%d-%H%M%S"
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
# A .partial file older than this was left by a crash, not by a backup in progress.
STALE_PARTIAL = timedelta(hours=1)
RESTORING_SUFFIX = ".restoring"
# A restore writes the copy to ".restoring"; once it is complete and on disk it becomes
# ".restore-ready", and ".restore-plan" names where the current library goes aside.
# From then on an interrupted restore can be finished (see recover_interrupted_restore).
READY_SUFFIX = ".restore-ready"
PLAN_SUFFIX = ".restore-plan"
# A ".restoring" copy untouched this long was left by a killed restore, not a live one.
STALE_RESTORING = timedelta(minutes=10)
# Tables every Fact-Check Reader library has; a backup without them is some other
# SQLite file and must not replace the user's library.
REQUIRED_TABLES = frozenset({"articles", "article_versions", "notes", "sources"})


def _stamp_pattern(db_path: Path) -> re.Pattern[str]:
    # An optional "-N" counter keeps two backups made in the same second apart.
    return re.compile(
        re.escape(db_path.stem) + r"-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(BACKUP_SUFFIX) + "$"
    )


def _local_naive(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now()
    if moment.tzinfo is not None:
        return moment.astimezone().replace(tzinfo=None)
    return moment


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, newest first (an empty list when there are none)."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _stamp_pattern(db_path)
    found: list[tuple[str, int, Path]] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_file():
            found.append((match.group(1), int(match.group(2) or 0), entry))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [path for _, _, path in found]


def backup_time(backup: Path) -> datetime | None:
    """When a backup was made (local time), read from its name; None if unnamed."""
    match = re.search(r"-(\d{8}-\d{6})(?:-\d+)?" + re.escape(BACKUP_SUFFIX) + "$", backup.name)
    if not match:
        return None
    return datetime.strptime(match.group(1), STAMP_FORMAT)


def make_backup(db_path: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Path:
    """Copy the library into its backup folder now; keep only the newest ``keep`` copies.

    Returns the new backup's path.  Raises :class:`StoreError` when there is no
    library to copy, when it is damaged, or when the copy cannot be written.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    db_path = Path(db_path)
    _check_is_database_file(db_path, role="library")
    with contextlib.closing(_open(db_path)) as source:
        _check_ours(source, db_path)  # before the backup folder is made beside it
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise StoreError(
            f"Cannot create the backup folder {folder}: a file has that name. Move or rename "
            "that file; it has not been changed."
        ) from exc
    except OSError as exc:
        raise StoreError(
            f"Cannot create the backup folder {folder}: {exc.strerror}. "
            "Check that the disk is writable."
        ) from exc
    target = _free_backup_name(db_path, folder, _local_naive(now))
    # The process id keeps two windows starting in the same second from sharing a
    # half-written file.
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        # An ordinary connection, used only to read: a read-only one would leave an
        # empty -wal and -shm behind beside the user's library.
        with contextlib.closing(_open(db_path)) as source:
            _copy_database(
                source, partial, what="the backup", damaged=_damaged_library_message(db_path)
            )
        _check_copy(partial, db_path)
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_dir(folder)
    except BaseException:
        _remove_quietly(partial)
        raise
    log.info("backed up %s to %s", db_path, target)
    _prune(db_path, keep)
    return target


def backup_if_due(
    db_path: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> Path | None:
    """Make the daily start-up backup if the newest one is 24 hours old (or missing).

    Returns the new backup, or None when none was due or there is nothing to back up
    (no library yet, or an empty file).
    """
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    moment = _local_naive(now)
    backups = list_backups(db_path)
    if backups:
        newest = backup_time(backups[0])
        # A newest backup "in the future" means the clock was moved back; a fresh
        # copy is then safer than waiting for the clock to catch up.
        if newest is not None and timedelta(0) <= moment - newest < BACKUP_INTERVAL:
            return None
    return make_backup(db_path, keep=keep, now=moment)


def restore_backup(db_path: Path, backup: Path) -> None:
    """Replace the library with ``backup``; the current file is moved aside, not deleted.

    The backup is checked first and refused with :class:`StoreError` if it is damaged,
    not a Fact-Check Reader library, or from a newer version.  The library must not be
    open in another window.  The replaced file is kept as
    ``<name>.before-restore-<stamp>`` beside it (with its ``-wal``/``-shm``).
    """
    db_path = Path(db_path)
    backup = Path(backup)
    if not backup.exists() and backup.name == str(backup):
        # A bare name, as ``restore`` lists them: look in the backup folder.
        backup = backup_dir(db_path) / backup.name
    _check_is_database_file(backup, role="backup")
    if db_path.exists() and db_path.resolve() == backup.resolve():
        raise StoreError(f"{backup} is the library itself, not a backup of it. Choose a backup.")
    if db_path.is_dir():
        raise StoreError(f"{db_path} is a folder, not a library file. Choose a file.")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the folder for the library {db_path}: {exc.strerror}."
        ) from exc
    if db_path.exists():
        _ensure_not_open_elsewhere(db_path)  # fail fast, before a long copy
    incoming = db_path.with_name(db_path.name + RESTORING_SUFFIX)
    ready = db_path.with_name(db_path.name + READY_SUFFIX)
    plan = db_path.with_name(db_path.name + PLAN_SUFFIX)
    live = _restore_lock(db_path)  # tells a concurrent open that this copy is not stale
    try:
        with contextlib.closing(_open(backup, read_only=True)) as source:
            _verify_backup(source, backup)
            _copy_database(
                source,
                incoming,
                what="the restored library",
                damaged=_damaged_backup_message(backup),
            )
        _fsync_file(incoming)
        os.replace(incoming, ready)
        aside = _free_aside_name(db_path) if db_path.exists() else None
        # The plan makes the swap below recoverable: whatever step a kill interrupts,
        # the next open finishes it or rolls it back (recover_interrupted_restore).
        _write_plan(plan, aside, backup)
        _fsync_dir(db_path.parent)
        if aside is not None:
            _ensure_not_open_elsewhere(db_path)  # again: a window may have opened it since
            _move_aside(db_path, aside)
            log.info("moved %s aside to %s before restoring", db_path, aside)
        try:
            os.replace(ready, db_path)
        except OSError as exc:
            if aside is not None:
                _move_back(aside, db_path)
            raise StoreError(_explain_os(db_path, exc, "the restored library")) from exc
        _fsync_dir(db_path.parent)
        _remove_quietly(plan)
    except BaseException as exc:
        _remove_quietly(incoming)
        if not db_path.exists() or not isinstance(exc, Exception):
            raise  # the plan lets the next open finish the swap
        _remove_quietly(ready)
        _remove_quietly(plan)
        raise
    finally:
        _release_restore_lock(live, db_path)
    log.info("restored %s from %s", db_path, backup)


# -- checks -------------------------------------------------------------------------------


def _check_is_database_file(path: Path, *, role: str) -> None:
    if not path.exists():
        if role == "library":
            raise StoreError(f"There is no library at {path} to back up yet.")
        raise StoreError(f"The backup {path} does not exist. Choose another backup.")
    refuse_non_file(path, role)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(
            f"Cannot read the {role} {path}: {exc.strerror}. Check the file's permissions."
        ) from exc
    if head != SQLITE_MAGIC:
        if role == "library":
            raise StoreError(
                f"{path} is not an SQLite database, so it cannot be backed up. "
                "It has not been changed."
            )
        raise StoreError(
            f"{path} is not a Fact-Check Reader backup (not an SQLite database). "
            "Choose another backup; nothing has been changed."
        )


def _check_ours(conn: sqlite3.Connection, db_path: Path) -> None:
    """Refuse to back up another application's database as if it were a library."""
    try:
        schema.check_ours(conn, str(db_path))
    except sqlite3.OperationalError as exc:
        raise StoreError(_explain(db_path, exc, "the backup")) from exc  # locked, mostly
    except sqlite3.DatabaseError:
        pass  # damage: the copy that follows says so


def _verify_backup(conn: sqlite3.Connection, backup: Path) -> None:
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if problems == ["ok"] and REQUIRED_TABLES <= tables:
            schema.check_not_newer(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(_damaged_backup_message(backup, str(exc))) from exc
    except StoreError as exc:
        raise StoreError(
            f"The backup {backup} cannot be restored: {exc} Nothing has been changed."
        ) from exc
    if problems != ["ok"]:
        raise StoreError(_damaged_backup_message(backup, "; ".join(problems)))
    if not REQUIRED_TABLES <= tables:
        raise StoreError(
            f"{backup} is an SQLite database but not a Fact-Check Reader library. "
            "Choose another backup; nothing has been changed."
        )


def _check_copy(copy: Path, original: Path) -> None:
    try:
        with contextlib.closing(sqlite3.connect(str(copy))) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems != ["ok"]:
        raise StoreError(_damaged_library_message(original, "; ".join(problems)))


def _damaged_library_message(path: Path, detail: str = "") -> str:
    # The daily backup reads every page, so it doubles as the daily health check:
    # this is how a library damaged in a table the app has not touched yet shows up.
    return (
        f"The library {path} looks damaged{f' ({detail})' if detail else ''}, so no "
        "backup was made and the existing backups were kept. Restore one of them or "
        "open another library; the library file has not been changed."
    )


def _damaged_backup_message(backup: Path, detail: str = "") -> str:
    return (
        f"The backup {backup} is damaged{f' ({detail})' if detail else ''} and cannot "
        "be restored. Choose an older backup; nothing has been changed."
    )


def _ensure_not_open_elsewhere(db_path: Path) -> None:
    """Refuse when any other connection (another window, another app) has the file open.

    In WAL mode every open connection holds a shared lock on the file, so an
    exclusive lock taken without waiting succeeds only when no one else has it open.
    """
    try:
        with contextlib.closing(sqlite3.connect(str(db_path), timeout=0)) as probe:
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")
            probe.rollback()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            holders = processes_holding(db_path)
            who = (
                f"open in {'; '.join(holders)}" if holders else "open in another window or program"
            )
            raise StoreError(
                f"The library {db_path} is {who}. Close it there (or end that process), "
                "then restore again; nothing has been changed."
            ) from exc
        raise StoreError(_explain(db_path, exc, "the library")) from exc
    except sqlite3.DatabaseError:
        # A damaged current library is exactly what one restores over; it is moved
        # aside untouched, so there is nothing to refuse here.
        return


def processes_holding(db_path: Path) -> list[str]:
    """The other processes that have ``db_path`` (or its -wal/-shm) open, described.

    Read from /proc where there is one (Linux); elsewhere the list is empty and the
    message stays general.
    """
    wanted = set()
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            wanted.add(os.path.realpath(str(db_path) + suffix))
    found: list[str] = []
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return found
    for pid in pids:
        if int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            holds = any(os.readlink(f"/proc/{pid}/fd/{fd}") in wanted for fd in fds)
        except OSError:
            continue  # gone meanwhile, or not ours to look at
        if holds:
            found.append(f"process {pid} ({_command_line(pid)})")
    return found


def _command_line(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().split(b"\0")
    except OSError:
        return "unknown program"
    text = " ".join(w.decode("utf-8", "replace") for w in words if w)
    return text if len(text) <= 120 else text[:119] + "…"


# -- copying ------------------------------------------------------------------------------


def _open(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            # Nothing, not even WAL recovery, may write to a file the user chose.
            uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
            return sqlite3.connect(uri, uri=True, timeout=5.0)
        return sqlite3.connect(str(path), timeout=5.0)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}. It has not been changed.") from exc


class _StillLocked(Exception):
    """The source of a copy stayed locked by another program for too long."""


def _copy_database(source: sqlite3.Connection, target: Path, *, what: str, damaged: str) -> None:
    """Copy ``source`` into a new file ``target`` with the online backup API.

    ``what`` names the copy for the user; ``damaged`` is the message for a source
    whose pages cannot be read.  A source another program keeps locked is given up on
    after :data:`LOCKED_WAIT_S`: Python's backup would otherwise retry for ever.
    """
    locked_since: float | None = None

    def give_up_when_locked_too_long(status: int, remaining: int, total: int) -> None:
        nonlocal locked_since
        if status not in (_SQLITE_BUSY, _SQLITE_LOCKED):
            locked_since = None
            return
        now = time.monotonic()
        if locked_since is None:
            locked_since = now
        elif now - locked_since > LOCKED_WAIT_S:
            raise _StillLocked

    _remove_quietly(target)
    try:
        with contextlib.closing(sqlite3.connect(str(target))) as dest:
            source.backup(dest, progress=give_up_when_locked_too_long)
            # A backup is a single self-contained file: no -wal beside it to lose.
            dest.execute("PRAGMA journal_mode = DELETE")
    except _StillLocked:
        _remove_quietly(target)
        raise StoreError(
            f"{what.capitalize()} could not be made: the file it is copied from is kept "
            "locked by another program. Close that program and try again; nothing has "
            "been changed."
        ) from None
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise StoreError(damaged) from exc
        raise StoreError(_explain(target, exc, what)) from exc
    except OSError as exc:
        raise StoreError(_explain_os(target, exc, what)) from exc


LOCKED_WAIT_S = 5.0
"""How long a copy waits for a file another program keeps locked (as the library waits
for a busy one)."""
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _free_aside_name(db_path: Path) -> Path:
    stamp = datetime.now().strftime(STAMP_FORMAT)
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{counter}")
    return aside


def _move_aside(db_path: Path, aside: Path) -> None:
    try:
        # The main file first: while it is still in place, nothing has moved and an
        # interrupted restore is rolled back.  The -wal may hold the latest committed
        # changes: it travels with its file, under the name SQLite will look for.
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(db_path) + suffix)
            if src.exists():
                os.replace(src, Path(str(aside) + suffix))
    except OSError as exc:
        _move_back(aside, db_path)
        raise StoreError(
            f"Cannot move the library {db_path} aside before restoring: {exc.strerror}. "
            "Nothing has been changed."
        ) from exc


def _write_plan(plan: Path, aside: Path | None, backup: Path) -> None:
    from reader.core.files import write_atomically

    lines = [f"aside {aside.name if aside is not None else '-'}", f"backup {backup}"]
    try:
        write_atomically(plan, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError as exc:
        raise StoreError(_explain_os(plan, exc, "the restore plan")) from exc


def _read_plan(plan: Path) -> tuple[Path | None, str]:
    aside: Path | None = None
    backup = ""
    for line in plan.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(" ")
        if key == "aside" and value != "-":
            aside = plan.with_name(value)
        elif key == "backup":
            backup = value
    return aside, backup


def recover_interrupted_restore(db_path: Path) -> list[str]:
    """Finish or undo a restore that was killed part-way; clean its leftovers.

    Called before the library is opened.  Returns what was done, one sentence each,
    for the user (empty when there was nothing to do).
    """
    db_path = Path(db_path)
    if str(db_path) == ":memory:":
        return []
    said: list[str] = []
    plan = db_path.with_name(db_path.name + PLAN_SUFFIX)
    ready = db_path.with_name(db_path.name + READY_SUFFIX)
    if _restore_running(db_path):
        return said  # another process is restoring right now: its steps are its own
    if plan.exists():
        try:
            aside, backup = _read_plan(plan)
        except (OSError, UnicodeDecodeError):
            aside, backup = None, ""
        if ready.exists() and db_path.exists():
            # Killed before the library moved: nothing had changed yet.
            _remove_quietly(ready)
            said.append(
                f"A restore of {backup or 'a backup'} was interrupted before it changed "
                f"anything; it was undone and {db_path.name} is as it was."
            )
        elif ready.exists():
            if aside is not None:
                # The main file moved aside; its -wal/-shm may still be here, and must
                # not be read as the restored file's.
                for suffix in ("-wal", "-shm"):
                    left = Path(str(db_path) + suffix)
                    if left.exists():
                        os.replace(left, Path(str(aside) + suffix))
            os.replace(ready, db_path)
            _fsync_dir(db_path.parent)
            kept = f"; the previous library is kept as {aside.name}" if aside else ""
            said.append(
                f"A restore of {backup or 'a backup'} was interrupted; it has now been "
                f"finished{kept}."
            )
        _remove_quietly(plan)
    elif ready.exists():
        # Killed after the copy was complete but before the plan was on disk: nothing
        # had moved yet.
        if db_path.exists():
            _remove_quietly(ready)
            said.append(
                f"An interrupted restore had not changed anything yet; it was undone and "
                f"{db_path.name} is as it was."
            )
        else:
            os.replace(ready, db_path)
            _fsync_dir(db_path.parent)
            said.append("An interrupted restore has now been finished.")
    # A ".restoring" copy is only ever used once complete (as ".restore-ready"): one
    # whose restore no longer runs (nobody holds its lock), or that has not grown for
    # a while where there are no such locks, was left by a killed restore.
    stale = datetime.now().timestamp() - STALE_RESTORING.total_seconds()
    incoming = db_path.with_name(db_path.name + RESTORING_SUFFIX)
    with contextlib.suppress(OSError):
        if not _restore_running(db_path) and (_LOCKS_WORK or incoming.stat().st_mtime < stale):
            size = incoming.stat().st_size
            _remove_quietly(incoming)
            said.append(
                f"An unfinished restore copy ({size / 1_048_576:.1f} MB) left by an "
                "interrupted restore was removed."
            )
    _remove_stale_partials(db_path)
    for line in said:
        log.warning("%s: %s", db_path, line)
    return said


try:
    import fcntl

    _LOCKS_WORK = True
except ImportError:  # Windows: staleness by age alone
    _LOCKS_WORK = False


def _lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restore-lock")


def _restore_lock(db_path: Path) -> int | None:
    """Hold an advisory lock for the time of a restore (None where there are none)."""
    if not _LOCKS_WORK:
        return None
    try:
        descriptor = os.open(_lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        return None
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _release_restore_lock(descriptor: int | None, db_path: Path) -> None:
    if descriptor is None:
        return
    with contextlib.suppress(OSError):
        _lock_path(db_path).unlink()
    os.close(descriptor)  # closing releases the lock


def _restore_running(db_path: Path) -> bool:
    """Whether a restore into ``db_path`` is running now (its lock is held)."""
    if not _LOCKS_WORK:
        return False
    try:
        descriptor = os.open(_lock_path(db_path), os.O_RDWR)
    except OSError:
        return False  # no lock file: no restore has it
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return True
    with contextlib.suppress(OSError):
        _lock_path(db_path).unlink()  # left by a killed restore
    os.close(descriptor)
    return False


def _remove_stale_partials(db_path: Path) -> None:
    folder = backup_dir(db_path)
    cutoff = datetime.now().timestamp() - STALE_PARTIAL.total_seconds()
    pattern = re.compile(re.escape(db_path.stem) + r"-\d{8}-\d{6}.*" + re.escape(PARTIAL_SUFFIX))
    try:
        leftovers = list(folder.iterdir())
    except OSError:
        return
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if pattern.fullmatch(leftover.name) and leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _move_back(aside: Path, db_path: Path) -> None:
    """Put the user's library (and its -wal/-shm) back where it was."""
    for suffix in ("", "-wal", "-shm"):
        moved = Path(str(aside) + suffix)
        if moved.exists():
            with contextlib.suppress(OSError):
                os.replace(moved, Path(str(db_path) + suffix))


def _free_backup_name(db_path: Path, folder: Path, moment: datetime) -> Path:
    base = f"{db_path.stem}-{moment.strftime(STAMP_FORMAT)}"
    target = folder / (base + BACKUP_SUFFIX)
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}{BACKUP_SUFFIX}"
    return target


def _prune(db_path: Path, keep: int) -> None:
    doomed = list_backups(db_path)[keep:]
    cutoff = datetime.now().timestamp() - STALE_PARTIAL.total_seconds()
    pattern = re.compile(re.escape(db_path.stem) + r"-\d{8}-\d{6}.*" + re.escape(PARTIAL_SUFFIX))
    for leftover in backup_dir(db_path).iterdir():
        if pattern.fullmatch(leftover.name) and leftover.stat().st_mtime < cutoff:
            doomed.append(leftover)
    for old in doomed:
        try:
            old.unlink()
        except OSError as exc:
            # A backup we could not delete costs disk space, nothing else.
            log.warning("could not remove old backup %s: %s", old, exc)


# -- small helpers -----------------------------------------------------------------------


def _explain(path: Path, exc: sqlite3.Error, what: str) -> str:
    """A what-to-do message for a failure to write ``path`` (``what`` names it)."""
    text = str(exc).lower()
    if "full" in text:
        return (
            f"The disk is full, so {what} could not be written in {path.parent}. "
            "Free some space and try again; nothing has been changed."
        )
    if "disk i/o error" in text:
        # SQLite reports a write refused by the system this way (a full disk on some
        # file systems, a file size limit, a failing disk or a removed drive).
        return (
            f"{what.capitalize()} could not be written in {path.parent} (disk I/O error): the "
            "disk may be full or failing. Free some space, check the disk and try "
            "again; nothing has been changed."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"Cannot write to {path.parent} ({exc}). Make the folder writable and try "
            "again; nothing has been changed."
        )
    if "locked" in text or "busy" in text:
        return (
            f"{path} is in use by another program. Close it and try again; nothing has "
            "been changed."
        )
    return f"{what.capitalize()} could not be written to {path}: {exc}. Nothing has been changed."


def _explain_os(path: Path, exc: OSError, what: str) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (
            f"The disk is full, so {what} could not be written in {path.parent}. Free "
            "some space and try again; nothing has been changed."
        )
    return f"Cannot write {what} to {path}: {exc.strerror}. Nothing has been changed."


def _fsync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise StoreError(_explain_os(path, exc, "the copy")) from exc
    try:
        os.fsync(fd)
    except OSError as exc:
        raise StoreError(_explain_os(path, exc, "the copy")) from exc
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()
