"""The connection every part of the library shares: opening, rows, inserts, transactions.

SQLite faults are translated here into :class:`~reader.core.errors.StoreError` with a
message that says what to do (a locked, read-only, full or damaged library).  A
constraint violated by our own code (``IntegrityError``) is a bug and passes through.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from reader.core.claimant import speaker_key
from reader.core.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
SQLITE_MAGIC = b"SQLite format 3\x00"

# What a column may hold, as sqlite3 hands it back.
SqlValue = str | int | float | bytes | None
# A row keyed by column name.  Each value's type follows the schema, which the type
# checker cannot see, so the values are typed as anything.
Row = dict[str, Any]

P = ParamSpec("P")
R = TypeVar("R")


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_id() -> str:
    """A new random UUID, as text."""
    import uuid  # here, not at the top: it loads platform and ctypes, ~8 ms of start-up

    return str(uuid.uuid4())


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """``items`` in slices of at most ``size`` (SQLite limits the parameters per query)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def refuse_non_file(path: Path, role: str) -> None:
    """StoreError when the existing ``path`` is a folder, a pipe or a device, not the
    database file (a ``role``: library, backup) the user meant."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a {role} file. Choose a file.")
    if not path.is_file():  # a named pipe or a device: reading it would block
        raise StoreError(f"{path} is not a regular file, so not a {role}. Choose a {role} file.")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` as SQLite, refusing files that are not databases untouched."""
    if str(path) != ":memory:":
        p = Path(path)
        if p.exists():
            refuse_non_file(p, "library")
            with p.open("rb") as fh:
                head = fh.read(16)
            if head and head != SQLITE_MAGIC:
                raise StoreError(
                    f"{p} is not a Fact-Check Reader library (not an SQLite database). "
                    "Choose another file; this one has not been changed."
                )
        else:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the folder for the library {p}: {exc.strerror}. Choose "
                    "another place for the library."
                ) from exc
    new = path != ":memory:" and not Path(path).exists()
    try:
        if is_read_only_file(path):
            # Read as it is: nothing can be written, not even the WAL's side files
            # (see Library.read_only).
            uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
            return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        if new:
            raise StoreError(
                f"Cannot create the library {path}: the folder {Path(path).parent} does not "
                f"let a file be made in it ({exc}). Choose a folder you can write to."
            ) from exc
        raise StoreError(f"Cannot open the library {path}: {exc}.") from exc


def connect_read_only(path: str, *, immutable: bool = False) -> sqlite3.Connection:
    """Open ``path`` for reading only (nothing, not even WAL recovery, writes to it)."""
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    if immutable:
        uri += "&immutable=1"
    try:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the library {path}: {exc}.") from exc


def cannot_write(exc: BaseException) -> bool:
    """Whether an SQLite fault means the file, its folder or the disk refuses writes."""
    msg = str(exc).lower()
    return any(
        words in msg
        for words in ("readonly", "read-only", "unable to open", "disk is full", "disk i/o")
    )


def read_only_notice(path: str, exc: BaseException) -> str:
    """What to tell the user when a library opens for reading only."""
    msg = str(exc).lower()
    if "full" in msg or "disk i/o" in msg:
        return (
            f"The disk holding {path} is full (or failing), so the library is open for "
            "reading only: changes cannot be saved until you free some space. Nothing "
            "was lost."
        )
    return (
        f"The library {path} (or its folder) is read-only, so it is open for reading "
        "only: changes cannot be saved. Nothing was lost."
    )


def is_read_only_file(path: str | Path) -> bool:
    """Whether ``path`` is an existing library file this process may not write."""
    return str(path) != ":memory:" and Path(path).is_file() and not os.access(path, os.W_OK)


class Sql:
    """One open connection and the helpers the parts of the library share."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._column_cache: dict[str, frozenset[str]] = {}

    def query(self, sql: str, params: Iterable[SqlValue] = ()) -> Iterator[Row]:
        """Rows of ``sql`` as dicts keyed by column name."""
        cursor = self.conn.execute(sql, list(params))
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    def insert(
        self,
        table: str,
        row: Row,
        *,
        or_ignore: bool = False,
        upsert_on: tuple[str, ...] = (),
    ) -> None:
        """Insert ``row`` into ``table`` (our own table names and columns only).

        ``or_ignore`` leaves an existing row with the same key alone; ``upsert_on``
        names the key whose existing row is updated with ``row``'s values instead.
        """
        columns = self.columns(table)
        for name, value in row.items():
            # Rows merged from an export file carry its keys and values: check both.
            if name not in columns:
                raise ValueError(f"{table} has no column {name!r}")
            if value is not None and not isinstance(value, (str, int, float, bytes)):
                raise TypeError(f"{table}.{name} cannot hold a {type(value).__name__}")
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" * len(row))
        sql = f"INSERT {'OR IGNORE ' if or_ignore else ''}INTO {table} ({cols}) VALUES ({marks})"
        if upsert_on:
            keys = ", ".join(f'"{c}"' for c in upsert_on)
            changes = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c not in upsert_on)
            sql += f" ON CONFLICT ({keys}) DO " + (
                f"UPDATE SET {changes}" if changes else "NOTHING"
            )
        self.conn.execute(sql, list(row.values()))

    def columns(self, table: str) -> frozenset[str]:
        """The column names of ``table``."""
        cached = self._column_cache.get(table)
        if cached is None:
            cached = frozenset(r[1] for r in self.conn.execute(f"PRAGMA table_info({table})"))
            self._column_cache[table] = cached
        return cached

    def write(self) -> WriteTransaction:
        """A transaction that turns SQLite faults into calm :class:`StoreError`s."""
        return WriteTransaction(self)


class WriteTransaction:
    """``with sql.write():`` one transaction, or a savepoint inside an open one."""

    def __init__(self, sql: Sql) -> None:
        self._sql = sql
        self._owns_transaction = False

    def __enter__(self) -> None:
        conn = self._sql.conn
        self._owns_transaction = False
        try:
            if not conn.in_transaction:
                # IMMEDIATE takes the write lock now, waiting up to the busy timeout.
                # A deferred BEGIN that reads before it writes fails at once
                # (SQLITE_BUSY_SNAPSHOT) when another connection committed meanwhile,
                # and no busy timeout helps with that.
                conn.execute("BEGIN IMMEDIATE")
                self._owns_transaction = True
            conn.execute("SAVEPOINT fcr_write")  # nested writes roll back on their own
        except sqlite3.Error as exc:
            if self._owns_transaction:
                conn.rollback()
            raise StoreError(explain_sqlite_error(self._sql.path, exc)) from exc

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn = self._sql.conn
        try:
            if exc_type is not None:
                if self._owns_transaction:
                    conn.rollback()
                elif conn.in_transaction:
                    # SQLite may already have rolled the whole transaction back (a full
                    # disk does); then there is no savepoint left to return to.
                    with contextlib.suppress(sqlite3.OperationalError):
                        conn.execute("ROLLBACK TO SAVEPOINT fcr_write")
                        conn.execute("RELEASE SAVEPOINT fcr_write")
            else:
                conn.execute("RELEASE SAVEPOINT fcr_write")
                if self._owns_transaction:
                    conn.execute("COMMIT")
        except sqlite3.Error as err:
            if self._owns_transaction and conn.in_transaction:
                conn.rollback()
            if exc is None:
                raise StoreError(explain_sqlite_error(self._sql.path, err)) from err
        if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
            raise StoreError(explain_sqlite_error(self._sql.path, exc)) from exc


def store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite faults met while reading into StoreError, as writes already do.

    For methods of an object with a ``path`` (the library), whose first argument is
    that object.
    """

    @functools.wraps(method)
    def translated(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.IntegrityError:
            raise  # a constraint violated by our own code is a bug, not the user's fault
        except sqlite3.DatabaseError as exc:
            path = getattr(args[0], "path", "") if args else ""
            raise StoreError(explain_sqlite_error(str(path), exc)) from exc

    return translated


def explain_sqlite_error(path: str, exc: BaseException) -> str:
    """A one-line message for an SQLite fault that says what the user can do."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return (
            f"The library {path} is busy: another copy of Fact-Check Reader (or another "
            "program) is writing to it. Close the other one and try again."
        )
    if "readonly" in msg or "read-only" in msg:
        return (
            f"The library {path} is read-only, so changes cannot be saved; nothing was "
            "lost. Make the file and its folder writable, or copy the library somewhere "
            "writable and open the copy."
        )
    if "disk is full" in msg or "full" in msg:
        return (
            f"The disk is full, so the change was not saved; nothing already saved was "
            f"lost. Free some space on the disk holding {Path(path).parent} and try again."
        )
    if "disk i/o error" in msg:
        return (
            f"The library {path} could not be written (disk I/O error): the disk may be "
            "full or failing. The change was not saved; nothing already saved was lost. "
            "Free some space, check the disk and try again."
        )
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return (
            f"The library {path} is damaged ({exc}). It has not been changed. Open another "
            "library or restore a backup."
        )
    return f"The library {path} could not be used: {exc}."


def _speaker_key_or_none(name: str | None) -> str | None:
    return None if name is None else speaker_key(name)


def register_speaker_key(conn: sqlite3.Connection) -> None:
    """Let ``conn``'s SQL call :func:`speaker_key` as ``fcr_speaker``."""
    conn.create_function("fcr_speaker", 1, _speaker_key_or_none, deterministic=True)
