"""The export command: every format, one article or all, to stdout, a file or a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import ProgressLine, open_lib
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.app.library_io import Library


def cmd_export(args: argparse.Namespace) -> int:
    from reader.app import exports

    # --author is remembered only once the export is done: a failed export leaves the
    # library as it was.
    author = args.author.strip() if args.author else None
    with open_lib(args) as lib:
        if author and lib.read_only:
            exports.set_claimreview_author(lib, author)  # refused, before anything is written
        code = _export(args, lib, author)
        if author and code == 0:
            exports.set_claimreview_author(lib, author)
    return code


def _export(args: argparse.Namespace, lib: Library, author: str | None) -> int:
    from reader.app import articles, exports

    fmt = args.format
    out = Path(args.out) if args.out and args.out != "-" else None  # "-": standard output
    if args.all:
        ids = [a.id for a in articles.list_articles(lib)]
    else:
        ids = [articles.resolve(lib, args.id)]
    if fmt == "json" and out is None:
        from reader.app import library_io

        for chunk in library_io.library_json_chunks(lib, ids, include_trash=args.include_trash):
            sys.stdout.write(chunk)  # an article at a time: bounded memory
        return 0
    author = author or lib.get_setting("author") or None
    # Said after a successful export only, so an error stays the one line printed.
    no_author = fmt.startswith("annotations") and not author
    if fmt == "annotations-jsonl":
        _write_annotation_lines(lib, ids, out, author, args.force)
        _note_no_author(no_author)
        return 0
    if fmt == "pdf":
        return _export_pdf(args, lib, ids, out)
    if fmt in ("md", "annotated") and args.all and out is None:
        raise UserError("Exporting all articles as Markdown needs --out DIR.")
    verdicts = set(args.verdict) if args.verdict else None
    statuses = set(args.status) if args.status else None
    if fmt == "claimreview" and not author:
        exports.claimreview_author(lib)  # says how to set one
    if out is None:
        sys.stdout.write(
            exports.render_many(
                lib,
                ids,
                fmt,
                verdicts=verdicts,
                statuses=statuses,
                author=author,
                all_notes=args.all_notes,
            )
        )
        _note_no_author(no_author)
        return 0
    line = ProgressLine()
    try:
        result = exports.export_to_file(
            lib,
            ids,
            fmt,
            out,
            verdicts=verdicts,
            statuses=statuses,
            folder=args.all and fmt in ("md", "annotated"),
            include_trash=args.include_trash,
            progress=line,
            force=args.force,
            all_notes=args.all_notes,
            author=author,
        )
    finally:
        line.close()
    folder_export = fmt in ("md", "annotated") and (args.all or out.is_dir())
    for path in result.written:
        print(
            path if folder_export else f"wrote {path}",
            file=sys.stdout if folder_export else sys.stderr,
        )
    if _say_skipped(result.skipped, written=len(result.written)):
        return 1
    _note_no_author(no_author)
    return 0


def _say_skipped(skipped: list[tuple[Path, str]], *, written: int) -> bool:
    """Name each file left alone on stderr; True when nothing at all was written."""
    for path, why in skipped:
        print(f"skipped {path}: {why}", file=sys.stderr)
    if skipped and not written:
        print(
            f"error: nothing was written: every file was skipped ({len(skipped)}).",
            file=sys.stderr,
        )
        return True
    return False


def _export_pdf(args: argparse.Namespace, lib: Library, ids: list[str], out: Path | None) -> int:
    from reader.app.exports import check_pdf_target, make_folder
    from reader.ui.pdf_report import export_pdf_files

    if out is None:
        raise UserError("PDF export needs --out PATH (a file, or a folder with --all).")
    # Checked here so that a folder that cannot be made, or a file of the user's, gets
    # the same one line as every other format; --all is a folder, as for Markdown,
    # whatever the number of articles.
    if args.all or len(ids) > 1 or out.is_dir():
        make_folder(out)
    else:
        check_pdf_target(out, force=args.force)
    if not ids:
        return 0
    line = ProgressLine()
    try:
        report = export_pdf_files(lib, ids, out, force=args.force, progress=line)
    finally:
        line.close()
    for path in report.written:
        print(path)
    return 1 if _say_skipped(report.skipped, written=len(report.written)) else 0


def _note_no_author(no_author: bool) -> None:
    if no_author:
        print(
            "note: no author is set, so the annotations name no creator; "
            "run once with --author NAME (it is remembered).",
            file=sys.stderr,
        )


def _write_annotation_lines(
    lib: Library, ids: list[str], out: Path | None, author: str | None, force: bool
) -> None:
    """One W3C annotation per line, written as each article is loaded."""
    from reader.app.annotations import annotation_lines, export_annotation_lines

    if out is None:
        sys.stdout.writelines(annotation_lines(lib, ids, author=author))
        return
    export_annotation_lines(lib, ids, out, author=author, force=force)
    print(f"wrote {out}", file=sys.stderr)
