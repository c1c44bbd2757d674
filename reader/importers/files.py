"""Read an article file (saved web page or text) from disk as raw input.

The size is checked *before* reading, so that choosing a multi-gigabyte file by mistake
does not fill memory.  Every failure of the file system becomes an :class:`InputError`
whose message names the file and says what to do (:func:`reader.core.files.read_user_file`).
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from reader.core import pipeline
from reader.core.files import read_user_file
from reader.importers import RawInput

TOO_LARGE_FOR_AN_ARTICLE = (
    "An article page is much smaller: check that this is the right file, or copy just the "
    "article text and paste it."
)


def read_file(path: str | os.PathLike[str]) -> RawInput:
    """Read the file at ``path`` as :class:`RawInput` (bytes, guessed type, origin).

    Raises :class:`InputError` when the file is missing, a folder, unreadable, or
    larger than :data:`reader.core.pipeline.MAX_INPUT_BYTES`.
    """
    file = Path(path)
    data = read_user_file(
        file,
        what="a saved web page or a text file",
        max_bytes=pipeline.MAX_INPUT_BYTES,  # looked up now: tests lower it
        too_large=TOO_LARGE_FOR_AN_ARTICLE,
    )
    media_type, _ = mimetypes.guess_type(file.name)
    return RawInput(data=data, media_type=media_type, origin=str(file), name=file.name)
