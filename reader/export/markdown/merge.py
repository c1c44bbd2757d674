"""Re-exporting into an existing file: the managed block and our front-matter keys
replaced, everything the user wrote kept, and the file written atomically."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from reader.core.files import is_stream, write_atomically
from reader.export.markdown.document import FRONT_MATTER_KEYS
from reader.export.markdown.markers import (
    EditedBlockError,
    ForeignFileError,
    _find_block,
    block_was_edited,
)

logger = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(
    r"\A(\ufeff?)---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:")
_EMPTY_VALUE = re.compile(r"^[A-Za-z0-9_-]+[ \t]*:[ \t]*(?:null|~|\"\"|'')?[ \t]*$")


# A front-matter-shaped block anywhere (for ours, moved down by text the user wrote
# above it).
_DISPLACED_FRONT_MATTER = re.compile(
    r"^---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def _merge_front_matter(existing: str, new_lines: dict[str, str], newline: str) -> str:
    """``existing`` with our front-matter keys set to ``new_lines``; user keys kept.

    Our front matter is normally at the top.  If the user wrote above it, it is found
    where it now is (before the managed block, with this article's id) and refreshed
    there, rather than a second one being added at the top.
    """
    match = _FRONT_MATTER.match(existing)
    if match is not None:
        body_start, body_end, start, end = match.start(2), match.end(2), 0, match.end()
        opening = match.group(1) + "---"
    else:
        displaced = _find_displaced_front_matter(existing, new_lines)
        if displaced is None:
            block = newline.join(["---", *new_lines.values(), "---"]) + newline
            bom = "\ufeff" if existing.startswith("\ufeff") else ""
            return bom + block + existing[len(bom) :]
        body_start, body_end = displaced.start(1), displaced.end(1)
        start, end, opening = displaced.start(), displaced.end(), "---"
    kept: list[str] = []
    written: set[str] = set()
    skipping = False
    for line in existing[body_start:body_end].splitlines():
        key_match = _TOP_LEVEL_KEY.match(line)
        if key_match:
            key = key_match.group(1)
            if key in FRONT_MATTER_KEYS and key not in new_lines and _EMPTY_VALUE.match(line):
                continue  # "site: null" from an earlier export: now left out
            skipping = key in new_lines
            if skipping:
                if key not in written:
                    kept.append(new_lines[key])
                    written.add(key)
                continue
        elif skipping and (line[:1] in (" ", "\t", "-") or not line.strip()):
            continue  # the rest of a value of ours that the user had reformatted
        else:
            skipping = False
        kept.append(line)
    kept.extend(value for key, value in new_lines.items() if key not in written)
    block = newline.join([opening, *kept, "---"]) + newline
    return existing[:start] + block + existing[end:]


def _find_displaced_front_matter(existing: str, new_lines: dict[str, str]) -> re.Match[str] | None:
    """Our front matter moved below the top: before the managed block, same article id."""
    id_line = new_lines.get("id")
    # Only a real begin marker of this article ends the search, not marker-like text
    # (in a title, or written by the user).
    block = _find_block(existing, id_line.split(":", 1)[1].strip().strip('"')) if id_line else None
    limit = block[0] if block is not None else len(existing)
    for candidate in _DISPLACED_FRONT_MATTER.finditer(existing, 0, limit):
        lines = candidate.group(1).splitlines()
        if id_line in lines and any(line.startswith("exported:") for line in lines):
            return candidate
    return None


def _front_matter_lines(export_text: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(export_text)
    lines: dict[str, str] = {}
    if match:
        for line in match.group(2).splitlines():
            key_match = _TOP_LEVEL_KEY.match(line)
            if key_match and key_match.group(1) in FRONT_MATTER_KEYS:
                lines[key_match.group(1)] = line
    return lines


def merge_into_existing(
    existing_file_text: str, new_export: str, article_id: str, *, force: bool = False
) -> str:
    """Put ``new_export``'s managed block and front matter into an existing file.

    Everything outside the managed block — text above and below it, the user's own
    front-matter keys — is kept; our front-matter keys are refreshed.  Raises
    :class:`ForeignFileError` when the file holds no block for ``article_id``, and
    :class:`EditedBlockError` when the user edited inside the block since we wrote it
    (their edit would be lost), unless ``force``.
    """
    old_span = _find_block(existing_file_text, article_id)
    if old_span is None:
        raise ForeignFileError(
            "This file was not written by Fact-Check Reader for this article, so it was "
            "left untouched. Choose another file name."
        )
    if not force and block_was_edited(existing_file_text, article_id):
        raise EditedBlockError(
            "The notes section of this file was edited by hand since it was exported, so "
            "it was left untouched. Move your edits outside the section (above or below "
            "the fact-check-reader markers), or replace them with --force."
        )
    new_span = _find_block(new_export, article_id)
    if new_span is None:
        raise ValueError("the new export has no managed block for this article")
    newline = "\r\n" if "\r\n" in existing_file_text else "\n"
    new_block = new_export[new_span[0] : new_span[1]]
    if newline != "\n":
        new_block = new_block.replace("\n", newline)
    merged = existing_file_text[: old_span[0]] + new_block + existing_file_text[old_span[1] :]
    return _merge_front_matter(merged, _front_matter_lines(new_export), newline)


_EXPORTED_LINE = re.compile(r"^exported: .*$", re.MULTILINE)
# The export time as :func:`front_matter` writes it (a value of :func:`now_iso`).
_EXPORT_TIME_LINE = re.compile(r'^exported: "[0-9:TZ-]*"$', re.MULTILINE)


def _differs_only_in_export_time(existing: str, new_export: str) -> bool:
    """Whether ``existing`` is ``new_export`` except for the export time's value.

    Then ``existing`` is exactly what :func:`merge_into_existing` would turn into
    ``new_export``: the same managed block and front matter, nothing of the user's.
    """
    front = _FRONT_MATTER.match(new_export)
    if front is None or "\r" in new_export:
        return False  # (a carriage return could change how the merge reads lines)
    stamp = _EXPORT_TIME_LINE.search(new_export, front.start(2), front.end(2))
    if stamp is None:
        return False
    head, tail = new_export[: stamp.start()], new_export[stamp.end() :]
    return (
        len(existing) >= len(head) + len(tail)
        and existing.startswith(head)
        and existing.endswith(tail)
        and _EXPORT_TIME_LINE.fullmatch(existing, len(head), len(existing) - len(tail)) is not None
    )


def write_export_file(
    path: Path | str, new_export: str, article_id: str, *, force: bool = False
) -> bool:
    """Write an export to ``path``, merging into an earlier export of the same article.

    A new file is written whole.  An existing file is merged with
    :func:`merge_into_existing` so the user's own text survives; a file that is not an
    export of this article raises :class:`ForeignFileError` and is left untouched, as
    does one whose managed block was edited by hand (:class:`EditedBlockError`) unless
    ``force``.  Every write is atomic (the file appears or changes all at once, never half
    written), and an existing file is left alone when only the export time would
    change.  Returns True when an existing file was merged.
    """
    target = Path(path)
    if is_stream(target):  # /dev/stdout, a pipe: nothing there to merge into or keep
        write_atomically(target, new_export.encode("utf-8"))
        return False
    existing = _read_existing_export(target)
    if existing is None:
        try:
            _write_new_file(target, new_export)
        except FileExistsError:
            existing = _read_existing_export(target)  # created meanwhile: merge into it
        else:
            logger.info("wrote %s (new)", target)
            return False
    merged = False
    content = new_export
    if existing is not None:
        if _differs_only_in_export_time(existing, new_export):
            # The usual re-export: the file is our own earlier export, unedited, and the
            # notes have not changed.  Merging would give back ``new_export`` itself,
            # which the check below would then find unchanged; this says so at once.
            return True
        content = merge_into_existing(existing, new_export, article_id, force=force)
        merged = True
        if _EXPORTED_LINE.sub("", content) == _EXPORTED_LINE.sub("", existing):
            # Nothing but the export time would change: leave the file (and its
            # modification time, which sync tools and editors watch) alone.
            return merged
    _replace_file(target, content)
    logger.info("wrote %s (%s)", target, "merged" if merged else "new")
    return merged


def _read_existing_export(target: Path) -> str | None:
    """The text of the file at ``target``; None when there is none."""
    try:
        with open(target, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ForeignFileError(
            f"{target.name} is not a Markdown export of this article (it is not UTF-8 "
            "text), so it was left untouched. Choose another file name."
        ) from None


def _write_new_file(target: Path, content: str) -> None:
    """Create ``target`` (which did not exist a moment ago) holding ``content``.

    FileExistsError when a file appeared there meanwhile: it is merged into, not lost.
    """
    write_atomically(target, content.encode("utf-8"), overwrite=False)


def _replace_file(target: Path, content: str) -> None:
    """Replace ``target`` (through a symbolic link) all at once, keeping its mode."""
    write_atomically(target, content.encode("utf-8"))
