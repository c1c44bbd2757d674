"""The managed block's marker lines: writing them, finding them again, the block's hash.

A re-export replaces only what lies between the begin and end markers of its article;
the hash in the end marker tells whether the user edited the block since.
"""

from __future__ import annotations

import re

from reader.core.errors import UserError

MARKER_NAME = "fact-check-reader"


class ForeignFileError(UserError):
    """The target file exists but holds no export of this article: it is not ours."""


class EditedBlockError(UserError):
    """The managed block in the target file was edited since we wrote it."""


def _safe_id(identifier: str) -> str:
    """An id fit for an HTML comment (UUIDs pass unchanged)."""
    if _SAFE_ID.fullmatch(identifier):
        return identifier
    cleaned = re.sub(r"[^A-Za-z0-9._:-]", "_", identifier)
    return re.sub(r"-{2,}", "-", cleaned).strip("-") or "_"


# Ids that :func:`_safe_id` leaves as they are: no "--", no "-" at either end.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:]+(?:-[A-Za-z0-9._:]+)*")


def marker_begin(article_id: str) -> str:
    """The line that opens the managed block of ``article_id``."""
    return f"<!-- {MARKER_NAME}:begin {_safe_id(article_id)} -->"


def marker_end(article_id: str, inner: str | None = None) -> str:
    """The line that closes the managed block of ``article_id``.

    With the block's ``inner`` text, the line carries its hash (``sha256=…``), so that
    a re-export can tell whether the user edited the block since it was written.
    """
    digest = f" sha256={block_digest(inner)}" if inner is not None else ""
    return f"<!-- {MARKER_NAME}:end {_safe_id(article_id)}{digest} -->"


def block_digest(inner: str) -> str:
    """The short hash of a managed block's text (between the marker lines) as stored in
    its end marker; line endings and the blank lines around it do not count."""
    import hashlib

    text = inner.replace("\r\n", "\n").strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Every marker line of ours, whatever the article: compiled once, the id compared after.
_ANY_MARKER = re.compile(
    r"^<!-- "
    + re.escape(MARKER_NAME)
    + r":(begin|end) (\S+)(?: sha256=([0-9a-f]+))? -->[ \t]*\r?$",
    re.MULTILINE,
)


def _marker_search(text: str, kind: str, article_id: str, pos: int = 0) -> re.Match[str] | None:
    wanted = _safe_id(article_id)
    for match in _ANY_MARKER.finditer(text, pos):
        if match.group(1) == kind and match.group(2) == wanted:
            return match
    return None


def _find_block(text: str, article_id: str) -> tuple[int, int] | None:
    """``(start, end)`` of our managed block in ``text``, markers included."""
    begin = _marker_search(text, "begin", article_id)
    if begin is None:
        return None
    end = _marker_search(text, "end", article_id, begin.end())
    if end is None:
        return None
    end_pos = end.end()
    if text.endswith("\r", 0, end_pos):
        end_pos -= 1
    return begin.start(), end_pos


def block_was_edited(text: str, article_id: str) -> bool:
    """Whether the managed block of ``article_id`` in ``text`` differs from what we wrote.

    Known from the hash in its end marker; a block written before hashes were stored
    cannot tell, and counts as unedited.
    """
    begin = _marker_search(text, "begin", article_id)
    end = _marker_search(text, "end", article_id, begin.end()) if begin else None
    if begin is None or end is None or end.group(3) is None:
        return False
    return block_digest(text[begin.end() : end.start()]) != end.group(3)


def is_ours(text: str, article_id: str) -> bool:
    """Whether ``text`` holds our managed block for ``article_id`` (begin then end)."""
    return _find_block(text, article_id) is not None
