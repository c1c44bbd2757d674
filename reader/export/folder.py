"""Markdown exports written to files: one article, or every article into a folder.

File names are safe and stable (the title's slug plus a short id), so exporting the
library again refreshes the same files.  A file the app did not write is never
overwritten: it is skipped and reported.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from reader.core.errors import UserError
from reader.export.filenames import safe_filename
from reader.export.markdown import export_annotated, export_markdown, write_export_file
from reader.store.library import Library


@dataclass
class FolderReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def render_markdown(lib: Library, article_id: str, *, annotated: bool = False) -> str:
    """The Markdown export of one stored article."""
    article = lib.get_article(article_id)
    notes = lib.notes_for_article(article_id)
    if annotated:
        return export_annotated(article, notes)
    return export_markdown(article, notes)


def write_markdown_file(lib: Library, article_id: str, path: Path, *,
                        annotated: bool = False) -> bool:
    """Write or refresh ``path``; returns True if an earlier export was merged."""
    try:
        return write_export_file(path, render_markdown(lib, article_id, annotated=annotated),
                                 article_id)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}. Choose another place.") from exc


def export_markdown_folder(
    lib: Library,
    article_ids: Iterable[str],
    folder: Path,
    *,
    annotated: bool = False,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FolderReport:
    """Export each article to ``folder/<safe name>.md``; skip files that are not ours."""
    ids = list(article_ids)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder {folder}: {exc.strerror}.") from exc
    report = FolderReport()
    for i, aid in enumerate(ids):
        if cancel is not None and cancel.is_set():
            break
        if progress is not None:
            progress(i, len(ids))
        article = lib.get_article(aid)
        path = folder / safe_filename(article.title, aid)
        try:
            write_markdown_file(lib, aid, path, annotated=annotated)
        except UserError as exc:
            report.skipped.append((path, str(exc)))
            continue
        report.written.append(path)
    return report
