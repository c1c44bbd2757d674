"""Reading and writing the user's files.

Every file the user names for reading (an article, fact-checks, annotations, a table,
a JSON export) is opened by :func:`open_user_file` or :func:`read_user_file`: one set of
checks and one wording for a file that is missing, a folder, a pipe or a device (which
would block the read), too large, or unreadable.  Each caller says what it expects
(``what``: "a tab-separated (TSV) file"), so the message can say what to choose instead.

Writing: all of it or nothing, and the bytes on disk when we say so.

Every export (Markdown, JSON, ClaimReview, annotations, PDF), from the window and the
command line alike, goes through :func:`write_atomically`: the new content is written
to a temporary file in the same folder, flushed to the disk (``fsync``), and renamed
over the old name, then the folder itself is flushed so the rename survives a power
cut.  A kill or a full disk at any moment leaves either the old file or the new one,
never a truncated mix.

A symbolic link is written *through*: its target is replaced and the link stays a
link.  A link whose target folder cannot be written is refused by the caller's usual
error path (the OSError is raised as it is).

A name that is not a file but a stream (``/dev/null``, ``/dev/stdout``, a named pipe) is
written into, never replaced: renaming over it would have put a plain file in place of
the device (as root, in place of ``/dev/null`` itself).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from reader.core.errors import InputError

_O_TMPFILE: int = getattr(os, "O_TMPFILE", 0)  # Linux only
_O_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe must not wait
_O_BINARY: int = getattr(os, "O_BINARY", 0)  # Windows only

SPLIT_IT = "Split it into smaller files."


def shown_name(path: str | os.PathLike[str]) -> str:
    """How messages name the user's file: its name, or the whole path if it has none."""
    file = Path(path)
    return file.name or str(file)


def open_user_file(
    path: str | os.PathLike[str],
    *,
    what: str,
    max_bytes: int | None = None,
    too_large: str = SPLIT_IT,
) -> BinaryIO:
    """``path`` open for reading in binary, after the checks every reader of a user's
    file needs; :class:`InputError` with one line saying what to do otherwise.

    ``what`` is what the caller expects, as the advice ends: "Choose {what}.".  A
    file over ``max_bytes`` is refused before anything is read (``too_large`` is the
    advice then).  The file is checked once it is open, so a name swapped for a pipe
    in between is refused all the same, and the open itself never waits for a writer.
    """
    shown = shown_name(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except OSError as exc:
        raise _cannot_open(path, shown, exc, what) from None
    try:
        st = os.fstat(descriptor)
        mode, size = st.st_mode, st.st_size
        if stat.S_ISDIR(mode):
            raise InputError(f"“{shown}” is a folder. Choose {what}.")
        if not stat.S_ISREG(mode):
            raise InputError(
                f"“{shown}” is not a regular file (a pipe or a device). Choose {what}."
            )
        if max_bytes is not None and size > max_bytes:
            raise InputError(_too_large_message(shown, size, max_bytes, too_large))
        if _O_NONBLOCK:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_user_file(
    path: str | os.PathLike[str],
    *,
    what: str,
    max_bytes: int,
    too_large: str = SPLIT_IT,
) -> bytes:
    """The bytes of the user's file at ``path``, checked as :func:`open_user_file` does.

    At most ``max_bytes`` are read: a file that grew past the limit since it was
    opened is refused too, never read whole into memory.
    """
    with open_user_file(path, what=what, max_bytes=max_bytes, too_large=too_large) as handle:
        try:
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = max(len(data), os.fstat(handle.fileno()).st_size)
                raise InputError(_too_large_message(shown_name(path), size, max_bytes, too_large))
        except OSError as exc:
            raise InputError(cannot_read_message(path, exc)) from None
    return data


def cannot_read_message(path: str | os.PathLike[str], exc: OSError) -> str:
    """The one line for a read of the user's file that failed midway (``EIO``, …)."""
    return (
        f"“{shown_name(path)}” could not be read ({exc.strerror or exc}). Check the file "
        "(a disk or network drive that went away?) and try again."
    )


def _too_large_message(shown: str, size: int, limit: int, advice: str) -> str:
    return (
        f"“{shown}” is too large ({size / 1_048_576:.1f} MB; the limit is "
        f"{limit // 1_048_576} MB). {advice}"
    )


def _cannot_open(path: str | os.PathLike[str], shown: str, exc: OSError, what: str) -> InputError:
    if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
        return InputError(f"“{shown}” is a folder. Choose {what}.")
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return InputError(
            f"“{shown}” was not found. It may have been moved or deleted; check the name "
            "and try again."
        )
    if isinstance(exc, PermissionError):
        return InputError(
            f"You do not have permission to read “{shown}”. Check the file's permissions "
            "or copy it somewhere you can read it."
        )
    return InputError(cannot_read_message(path, exc))


def resolve_link(path: Path) -> Path:
    """``path``, or the file a symbolic link at ``path`` points to (followed fully)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def is_stream(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (through a symbolic link) names a device, a named pipe or a
    socket: something written into as a stream, holding no file to keep or replace."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_atomically(
    path: str | os.PathLike[str], data: bytes | Iterable[bytes], *, overwrite: bool = True
) -> Path:
    """Write ``data`` to ``path`` as one step; return the path actually written.

    ``data`` may be the bytes, or pieces of them produced as they are written (a
    large export streamed in bounded memory).

    With ``overwrite=False`` an existing file is never replaced: FileExistsError is
    raised instead (the check and the creation are one step, so a file created
    meanwhile is not lost either).  A replaced file keeps its mode; a new one gets
    the mode a plain write would give it (0666 less the umask).  OSError
    (no folder, no permission, disk full) is raised with nothing changed.
    """
    target = resolve_link(Path(path))
    if is_stream(target):
        _write_stream(target, data)
        return target
    if not overwrite and _O_TMPFILE and _write_unnamed(target, data):
        return target
    descriptor, temp_name = _temporary_file(target)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if overwrite:
            try:
                os.chmod(temp_name, os.stat(target).st_mode & 0o7777)
            except FileNotFoundError:
                pass
            os.replace(temp_name, target)
        else:
            os.link(temp_name, target)  # FileExistsError when the name is taken
            os.unlink(temp_name)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _write_stream(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` into the device or pipe ``target`` as it comes.

    A named pipe is opened without waiting: nobody reading from it is an OSError
    (ENXIO), not a command that hangs.
    """
    pipe = stat.S_ISFIFO(os.stat(target).st_mode)
    descriptor = os.open(target, os.O_WRONLY | (os.O_NONBLOCK if pipe else 0))
    try:
        if pipe:
            os.set_blocking(descriptor, True)
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _temporary_file(target: Path) -> tuple[int, str]:
    """A new file beside ``target``, open for writing, with the mode a plain write gives.

    (``mkstemp`` would make it 0600, and a new export would keep that.)  O_EXCL with
    mode 0666: the umask applies, as for any new file.
    """
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _write_all(descriptor: int, data: bytes | Iterable[bytes]) -> None:
    for piece in [data] if isinstance(data, bytes) else data:
        view = memoryview(piece)
        while view:
            view = view[os.write(descriptor, view) :]


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the rename) to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (and Windows) cannot sync a folder: the file is synced
    finally:
        os.close(descriptor)


def _write_unnamed(target: Path, data: bytes | Iterable[bytes]) -> bool:
    """Create ``target`` from an unnamed file (Linux ``O_TMPFILE``); False if unsupported.

    One directory update instead of two (creating and renaming 10,000 temporary files
    was the largest cost of exporting a library after rendering), and a name taken
    meanwhile raises FileExistsError instead of being replaced.
    """
    try:
        descriptor = os.open(target.parent, os.O_WRONLY | _O_TMPFILE, 0o666)
    except OSError:
        return False  # this file system has no unnamed files
    try:
        _write_all(descriptor, data)
        os.fsync(descriptor)
        try:
            # linkat() of /proc/self/fd/N, following the link: open(2)'s own recipe.
            proc_fds = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return False
        try:
            os.link(str(descriptor), target, src_dir_fd=proc_fds, follow_symlinks=True)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno in (
                errno.ENOENT,
                errno.EXDEV,
                errno.EPERM,
                errno.EOPNOTSUPP,
                errno.EINVAL,
            ):
                return False
            raise
        finally:
            os.close(proc_fds)
    finally:
        os.close(descriptor)  # unnamed and closed: the file is gone unless linked
    _sync_folder(target.parent)
    return True
