"""Exports written to files: one article, or every article into a folder.

File names are safe and stable (the title's slug plus a short id), so exporting the
library again refreshes the same files.  A file the app did not write is never
overwritten: it is skipped and reported.

Exporting a whole library is CPU-bound: per article (9 notes, 19 sources on average in
the 10,000-article benchmark) about 0.5 ms to load it and its notes, 0.4 ms to render,
and 0.05-0.5 ms of system time to create its file (ext4 on a busy machine varies that
much), so large exports are split into batches and run in worker processes, one per
core; each worker opens the library itself (a connection belongs to its process).
Workers are spawned, never forked: the GUI calls this from a thread, and forking a
threaded Qt process is unsafe.  Starting the workers takes about 0.2 s, which is
why small exports stay in this process.

Re-exporting into the folder of an earlier export reads each file back, and leaves it
untouched when nothing but the export time would change (the usual case): no merge,
no write.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.errors import UserError
from reader.export.filenames import safe_filename
from reader.export.markdown import export_annotated, export_markdown, write_export_file
from reader.store import Library

BATCH = 200
PARALLEL_FROM = 1000  # articles; below this, starting worker processes costs more
MAX_WORKERS = 4


@dataclass
class FolderReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def add(self, other: FolderReport) -> None:
        self.written += other.written
        self.skipped += other.skipped


def render_markdown(lib: Library, article_id: str, *, annotated: bool = False) -> str:
    """The Markdown export of one stored article."""
    article = lib.get_article(article_id)
    notes = lib.notes_for_article(article_id)
    if annotated:
        return export_annotated(article, notes)
    return export_markdown(article, notes)


def write_markdown_file(
    lib: Library, article_id: str, path: Path, *, annotated: bool = False
) -> bool:
    """Write or refresh ``path``; returns True if an earlier export was merged."""
    try:
        return write_export_file(
            path, render_markdown(lib, article_id, annotated=annotated), article_id
        )
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
    workers: int | None = None,
) -> FolderReport:
    """Export each article to ``folder/<safe name>.md``; skip files that are not ours."""
    ids = list(article_ids)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder {folder}: {exc.strerror}.") from exc
    if workers is None:
        parallel = len(ids) >= PARALLEL_FROM and lib.path != ":memory:"
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if parallel else 1
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    report = FolderReport()
    if workers <= 1:
        done = 0
        for batch in batches:
            if cancel is not None and cancel.is_set():
                break
            report.add(_export_batch(lib, batch, folder, annotated, cancel))
            done += len(batch)
            if progress is not None:
                progress(done, len(ids))
        return report
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open_worker_library, initargs=(lib.path,)
    ) as pool:
        futures: list[Future[FolderReport]] = [
            pool.submit(_export_batch_in_worker, batch, str(folder), annotated) for batch in batches
        ]
        done = 0
        for future, batch in zip(futures, batches):
            if cancel is not None and cancel.is_set():
                for pending in futures:
                    pending.cancel()
                break
            report.add(future.result())
            done += len(batch)
            if progress is not None:
                progress(done, len(ids))
    return report


def _export_batch(
    lib: Library,
    batch: list[str],
    folder: Path,
    annotated: bool,
    cancel: threading.Event | None = None,
) -> FolderReport:
    report = FolderReport()
    render = export_annotated if annotated else export_markdown
    # A query or two for the whole batch, not three per article.
    articles = lib.get_articles(batch)
    notes = lib.notes_for_articles(batch)
    for aid in batch:
        if cancel is not None and cancel.is_set():
            break
        article = articles[aid]
        path = folder / safe_filename(article.title, aid)
        try:
            write_export_file(path, render(article, notes[aid]), aid)
        except OSError as exc:
            report.skipped.append((path, f"cannot write: {exc.strerror}"))
            continue
        except UserError as exc:
            report.skipped.append((path, str(exc)))
            continue
        report.written.append(path)
    return report


_worker_library: Library | None = None


def _open_worker_library(path: str) -> None:
    global _worker_library
    _worker_library = Library(path)


def _export_batch_in_worker(batch: list[str], folder: str, annotated: bool) -> FolderReport:
    assert _worker_library is not None
    return _export_batch(_worker_library, batch, Path(folder), annotated)
