"""Read an article file (saved web page or text) from disk as raw input.

The size is checked *before* reading, so that choosing a multi-gigabyte file by mistake
does not fill memory.  Every failure of the file system becomes an :class:`InputError`
whose message names the file and says what to do.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from pathlib import Path

from reader.core.errors import InputError
from reader.core.pipeline import MAX_INPUT_BYTES, check_size
from reader.importers import RawInput


def read_file(path: str | os.PathLike[str]) -> RawInput:
    """Read the file at ``path`` as :class:`RawInput` (bytes, guessed type, origin).

    Raises :class:`InputError` when the file is missing, a folder, unreadable, or
    larger than :data:`reader.core.pipeline.MAX_INPUT_BYTES`.
    """
    file = Path(path)
    shown = file.name or str(file)
    try:
        if file.is_dir():
            raise InputError(f"“{shown}” is a folder. Choose a saved web page or a text file.")
        st = file.stat()
        if not stat.S_ISREG(st.st_mode):
            # A named pipe or device would block the read forever.
            raise InputError(
                f"“{shown}” is not a regular file. Choose a saved web page or a text file."
            )
        check_size(st.st_size)
        with file.open("rb") as handle:
            # Read one byte past the cap: a file that grew since stat() is still refused.
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError as err:
        raise InputError(f"“{shown}” was not found. It may have been moved or deleted.") from err
    except PermissionError as err:
        raise InputError(
            f"You do not have permission to read “{shown}”. Check the file's permissions "
            "or copy it somewhere you can read it."
        ) from err
    except IsADirectoryError as err:
        raise InputError(f"“{shown}” is a folder. Choose a saved web page or a text file.") from err
    except OSError as err:
        raise InputError(f"“{shown}” could not be read ({err.strerror or err}).") from err
    check_size(len(data))
    media_type, _ = mimetypes.guess_type(file.name)
    return RawInput(data=data, media_type=media_type, origin=str(file), name=file.name)
