"""Exports: every format, to a string, a file or a folder, through one write path.

- :func:`render` / :func:`render_many` — one or several articles as ``md``,
  ``annotated``, ``claimreview`` or ``annotations`` text.
- :func:`write_markdown_file` — write or refresh one article's Markdown file.  This
  is the one path for Markdown files: a new file is written atomically; an existing
  export is merged so the user's own text around the managed block survives; a file
  that is not ours (another article's, not UTF-8 …) is left untouched with a
  :class:`~reader.export.markdown.ForeignFileError`.
- :func:`export_markdown_folder` — every article into a folder (see below).
- :func:`export_to_file` — any format (also the lossless ``json`` dump) to a path,
  choosing the above.
- :func:`write_text_file` — an atomic write whose faults are :class:`UserError` s;
  :func:`make_folder` — a folder created (and written into once), or a
  :class:`UserError`; :func:`check_pdf_target` — the PDF export's refusal to replace a
  file it did not write.
- :func:`claimreview_author` — the remembered author of ClaimReview exports.

File names in a folder are safe and stable (the title's slug plus a short id), so
exporting the library again refreshes the same files.  A file the app did not write is
never overwritten: it is skipped and reported.

Faults of the world (a folder that does not exist, no permission, a full disk) come
out as :class:`~reader.core.errors.UserError`.

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

import errno
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reader.app.progress import NO_PROGRESS, Progress
from reader.core.errors import UserError
from reader.core.files import is_stream, write_atomically
from reader.core.models import Note
from reader.core.same_claim import SameClaims
from reader.export.filenames import safe_filename
from reader.export.markdown import export_annotated, export_markdown, write_export_file
from reader.store import Library

BATCH = 200
PARALLEL_FROM = 1000  # articles; below this, starting worker processes costs more
MAX_WORKERS = 4


RENDERED_FORMATS = ("md", "annotated", "claimreview", "annotations")


@dataclass
class FolderReport:
    """The files a folder export wrote, and those it left alone (with why)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def add(self, other: FolderReport) -> None:
        """Fold ``other`` into this report."""
        self.written += other.written
        self.skipped += other.skipped


def _same_claims(lib: Library, notes: Iterable[Note]) -> SameClaims:
    """Where else each of ``notes`` has its claim: the other articles and the fact-checks
    the user linked it to, by note id ("Also appears in" in Markdown and ClaimReview)."""
    from reader.store.same_claim import same_claims as gather

    return gather(lib.sql, (n.id for n in notes if not n.deleted_at))


def claimreview_author(lib: Library) -> str:
    """The author remembered for ClaimReview exports; UserError when none is set."""
    author = lib.get_setting("author")
    if not author:
        raise UserError(
            "ClaimReview needs an author: run once with --author NAME "
            "(it is remembered in the library)."
        )
    return author


def set_claimreview_author(lib: Library, author: str) -> None:
    """Remember the author of ClaimReview exports in the library."""
    lib.set_setting("author", author.strip())


def render(
    lib: Library,
    article_id: str,
    fmt: str,
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    author: str | None = None,
    all_notes: bool = False,
) -> str:
    """One stored article rendered as ``fmt`` (one of :data:`RENDERED_FORMATS`).

    ``verdicts`` and ``statuses`` keep only the notes that have one of them
    (``"none"`` in ``verdicts`` for notes without a verdict); ClaimReview takes
    ``author``, or the remembered one, and leaves out notes still "to check" unless
    ``all_notes`` (or ``statuses`` names it).
    """
    article = lib.get_article(article_id)
    notes = lib.notes_for_article(article_id)
    if fmt == "md":
        same = _same_claims(lib, notes)
        return export_markdown(article, notes, verdicts=verdicts, statuses=statuses, same=same)
    if fmt == "annotated":
        same = _same_claims(lib, notes)
        return export_annotated(article, notes, verdicts=verdicts, statuses=statuses, same=same)
    if fmt == "claimreview":
        from reader.export.claimreview import export_claimreview_json

        name = author or claimreview_author(lib)
        if statuses is not None:
            notes = [n for n in notes if n.status in statuses]
        unchecked = all_notes or (statuses is not None and "to_check" in statuses)
        return export_claimreview_json(
            article,
            notes,
            author=name,
            include_unchecked=unchecked,
            same=_same_claims(lib, notes),
        )
    if fmt == "annotations":
        from reader.export.annotations import export_web_annotations_json

        # The annotation's creator: the author remembered for ClaimReview, if any.
        creator = author or lib.get_setting("author") or None
        return export_web_annotations_json(article, notes, author=creator)
    raise ValueError(f"unknown export format {fmt!r}")


def render_many(
    lib: Library,
    article_ids: list[str],
    fmt: str,
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    author: str | None = None,
    all_notes: bool = False,
) -> str:
    """Several articles as one text: a JSON list, or Markdown one after another."""
    chunks = [
        render(
            lib, aid, fmt, verdicts=verdicts, statuses=statuses, author=author, all_notes=all_notes
        )
        for aid in article_ids
    ]
    if len(chunks) == 1:
        return chunks[0]
    if fmt in ("claimreview", "annotations"):
        return "[\n" + ",\n".join(c.rstrip() for c in chunks) + "\n]\n"
    return "\n".join(chunks)


def notes_as_markdown(lib: Library, article_id: str) -> str:
    """The article's notes as clean Markdown for the clipboard ("Copy all notes"): no
    front matter, no markers."""
    from reader.export.markdown import notes_markdown

    notes = lib.notes_for_article(article_id)
    return notes_markdown(lib.get_article(article_id), notes, same=_same_claims(lib, notes))


def note_as_markdown(lib: Library, note_id: str) -> str:
    """One note as clean Markdown for the clipboard ("Copy note"), numbered as in its
    article, with the other articles and fact-checks of the same claim."""
    from reader.export.markdown import note_markdown, without_note_ids

    note = lib.get_note(note_id)
    notes = lib.notes_for_article(note.article_id)
    n = next((i for i, x in enumerate(notes, 1) if x.id == note_id), 1)
    same = _same_claims(lib, [note]).get(note_id)
    return without_note_ids(note_markdown(note, n, lib.get_article(note.article_id), same))


def write_markdown_file(
    lib: Library,
    article_id: str,
    path: Path,
    *,
    annotated: bool = False,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    force: bool = False,
) -> bool:
    """Write or refresh ``path``; returns True if an earlier export was merged.

    The one Markdown write path (window, command line, folder export): atomic, merges
    into our earlier export, refuses a file that is not ours (including one that is not
    UTF-8) with :class:`~reader.export.markdown.ForeignFileError`.  When the notes
    section of our earlier export was edited by hand, raises
    :class:`~reader.export.markdown.EditedBlockError` and writes nothing unless
    ``force`` (the window asks, then calls again with ``force=True``).
    """
    fmt = "annotated" if annotated else "md"
    text = render(lib, article_id, fmt, verdicts=verdicts, statuses=statuses)
    try:
        return write_export_file(path, text, article_id, force=force)
    except OSError as exc:
        raise UserError(cannot_write_message(path, exc)) from exc


def write_text_file(path: Path, text: str | Iterable[str], *, force: bool = True) -> None:
    """Write ``text`` to ``path`` as UTF-8, atomically (all of it or nothing).

    With ``force=False`` an existing file that is not one of our JSON exports is left
    alone with a :class:`~reader.export.markdown.ForeignFileError` (the window asks
    before replacing a file and then passes ``force=True``).  A symbolic link is
    written through.  A new file gets the permissions a plain write would give it (an
    existing file keeps its own).  A missing folder, a missing permission or a full disk is a
    :class:`UserError`.
    """
    path = Path(path)
    if not force:
        _refuse_foreign_file(path)
    data = (
        text.encode("utf-8") if isinstance(text, str) else (piece.encode("utf-8") for piece in text)
    )
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise UserError(cannot_write_message(path, exc)) from exc


def _refuse_foreign_file(path: Path) -> None:
    """ForeignFileError if ``path`` exists and is not one of our JSON exports."""
    from reader.export.markdown import ForeignFileError
    from reader.export.ownership import SNIFF_BYTES, is_our_json_export

    if is_stream(path):
        return  # /dev/stdout, a pipe: written into, nothing of the user's replaced

    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, size - SNIFF_BYTES))
            tail = handle.read(SNIFF_BYTES)
    except FileNotFoundError:
        return
    except OSError as exc:  # a folder among them
        raise UserError(cannot_write_message(path, exc)) from None
    if not is_our_json_export(head, tail):
        raise ForeignFileError(
            f"{path} exists and was not written by Fact-Check Reader, so it was left "
            "alone. Choose another file name, or add --force to replace it."
        )


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed; UserError when it cannot be, or
    when no file can be written in it.

    Writing is tried once here, so a folder the user may not write into gets one clear
    line, not one "skipped" line per article.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise UserError(
            f"Cannot create the folder {folder}: a file has that name. Choose another place."
        ) from exc
    except OSError as exc:
        raise UserError(
            f"Cannot create the folder {folder}: {exc.strerror}. Choose another place."
        ) from exc
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".fcr-write-test-"):
            pass
    except OSError as exc:
        raise UserError(
            f"Cannot write into the folder {folder}: {exc.strerror}. Choose another place."
        ) from exc


def check_pdf_target(path: Path, *, force: bool = False) -> None:
    """Refuse (:class:`~reader.export.markdown.ForeignFileError`) to replace a file at
    ``path`` that is not a PDF this app wrote, unless ``force``; as the JSON exports do.
    """
    from reader.export.markdown import ForeignFileError
    from reader.export.ownership import PDF_SNIFF_BYTES, is_our_pdf

    if force or is_stream(path):
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(PDF_SNIFF_BYTES)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        return  # a folder gets one file per article
    except OSError as exc:
        raise UserError(cannot_write_message(path, exc)) from exc
    if not is_our_pdf(head):
        raise ForeignFileError(
            f"{path} exists and was not written by Fact-Check Reader, so it was left "
            "alone. Choose another file name, or add --force to replace it."
        )


def write_pdf_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write a rendered PDF report to ``path`` in one step, as the other exports do: a
    file that is not a PDF of ours is refused unless ``force`` (the window's save dialog
    has asked), and a file that cannot be written is a :class:`UserError` that leaves
    the earlier file as it was."""
    check_pdf_target(path, force=force)
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise UserError(cannot_write_message(path, exc)) from exc


# Windows' answer for a file another program holds open (a PDF in a viewer, a document
# in an editor): ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
_IN_USE_WINERRORS = (32, 33)


def cannot_write_message(path: Path, exc: OSError) -> str:
    """What to tell the user when ``path`` could not be written: why, and what to do."""
    if getattr(exc, "winerror", None) in _IN_USE_WINERRORS or exc.errno in (
        errno.EBUSY,
        errno.ETXTBSY,
    ):
        return (
            f"Cannot write {path}: it is in use by another program. Close it there and "
            "try again, or choose another file name."
        )
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return (
            f"Cannot write {path}: the folder {path.parent} does not exist. Choose another place."
        )
    if exc.errno == errno.ENOSPC:
        return f"Cannot write {path}: the disk is full. Free some space and try again."
    if exc.errno == errno.ENXIO:
        return (
            f"Cannot write {path}: it is a pipe that nothing reads from. Start the program "
            "that reads it first, or choose a file."
        )
    if isinstance(exc, IsADirectoryError):
        return f"Cannot write {path}: it is a folder. Choose a file name."
    return f"Cannot write {path}: {exc.strerror}. Choose another place."


@dataclass
class ExportResult:
    """Where an export went: the files written, and those left alone (with why)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def export_to_file(
    lib: Library,
    article_ids: list[str],
    fmt: str,
    out: Path,
    *,
    verdicts: set[str] | None = None,
    statuses: set[str] | None = None,
    folder: bool = False,
    include_trash: bool = False,
    progress: Progress = NO_PROGRESS,
    force: bool = False,
    all_notes: bool = False,
    author: str | None = None,
) -> ExportResult:
    """Export articles as ``fmt`` to the file or folder ``out``.

    Markdown (plain or annotated) with ``folder``, of several articles, or into an
    existing folder, goes one file per article into the folder ``out``; one
    article's Markdown goes through :func:`write_markdown_file`; ``json`` is the
    lossless library dump of these articles (with their trashed notes when
    ``include_trash``), streamed an article at a time; the other formats are written
    whole.  An existing file is replaced only when it is one of our JSON exports, or
    with ``force``.
    """
    if fmt in ("md", "annotated"):
        if folder or len(article_ids) > 1 or out.is_dir():
            report = export_markdown_folder(
                lib, article_ids, out, annotated=fmt == "annotated", progress=progress, force=force
            )
            return ExportResult(report.written, report.skipped)
        write_markdown_file(
            lib,
            article_ids[0],
            out,
            annotated=fmt == "annotated",
            verdicts=verdicts,
            statuses=statuses,
            force=force,
        )
        return ExportResult([out])
    if fmt == "json":
        from reader.store.dump import export_json_chunks

        chunks = export_json_chunks(lib, article_ids, include_trash=include_trash)
        write_text_file(out, chunks, force=force)
        return ExportResult([out])
    write_text_file(
        out,
        render_many(
            lib,
            article_ids,
            fmt,
            verdicts=verdicts,
            statuses=statuses,
            author=author,
            all_notes=all_notes,
        ),
        force=force,
    )
    return ExportResult([out])


def export_markdown_folder(
    lib: Library,
    article_ids: Iterable[str],
    folder: Path,
    *,
    annotated: bool = False,
    progress: Progress = NO_PROGRESS,
    workers: int | None = None,
    force: bool = False,
) -> FolderReport:
    """Export each article to ``folder/<safe name>.md``; skip files that are not ours.

    The folder is created if needed; a file whose notes section was edited by hand is
    skipped (and reported) unless ``force``.  Stops between batches when ``progress`` is
    cancelled; the report then lists what was written so far.
    """
    ids = list(article_ids)
    make_folder(folder)
    if workers is None:
        parallel = len(ids) >= PARALLEL_FROM and lib.path != ":memory:"
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if parallel else 1
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    report = FolderReport()
    if workers <= 1:
        done = 0
        for batch in batches:
            if progress.cancelled():
                break
            report.add(_export_batch(lib, batch, folder, annotated, progress, force))
            done += len(batch)
            progress.report(done, len(ids), "exporting")
        return report
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open_worker_library, initargs=(lib.path,)
    ) as pool:
        futures: list[Future[FolderReport]] = [
            pool.submit(_export_batch_in_worker, batch, str(folder), annotated, force)
            for batch in batches
        ]
        done = 0
        for future, batch in zip(futures, batches):
            if progress.cancelled():
                for pending in futures:
                    pending.cancel()
                break
            report.add(future.result())
            done += len(batch)
            progress.report(done, len(ids), "exporting")
    return report


def _export_batch(
    lib: Library,
    batch: list[str],
    folder: Path,
    annotated: bool,
    progress: Progress = NO_PROGRESS,
    force: bool = False,
) -> FolderReport:
    report = FolderReport()
    render = export_annotated if annotated else export_markdown
    # A query or two for the whole batch, not three per article.
    articles = lib.get_articles(batch)
    notes = lib.notes_for_articles(batch)
    same = _same_claims(lib, (n for aid in batch for n in notes[aid]))
    for aid in batch:
        if progress.cancelled():
            break
        article = articles[aid]
        path = folder / safe_filename(article.title, aid)
        try:
            write_export_file(path, render(article, notes[aid], same=same), aid, force=force)
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
    _die_with_parent()
    _worker_library = Library(path)


def _die_with_parent() -> None:
    """End this worker as soon as the process that started it is gone.

    A killed command line (or window) cannot shut its pool down; without this its
    workers, and the resource tracker they keep alive, would hold the library open,
    and ``restore`` would refuse it.  The parent's sentinel is a pipe that becomes
    readable when the parent exits, however it exits.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)  # no clean-up to wait for: the parent that wanted results is gone

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _export_batch_in_worker(
    batch: list[str], folder: str, annotated: bool, force: bool = False
) -> FolderReport:
    assert _worker_library is not None
    return _export_batch(_worker_library, batch, Path(folder), annotated, force=force)
