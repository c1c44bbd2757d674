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
    from reader.app import articles, exports

    fmt = args.format
    out = Path(args.out) if args.out else None
    with open_lib(args) as lib:
        if args.author:
            exports.set_claimreview_author(lib, args.author)
        if args.all:
            ids = [a.id for a in articles.list_articles(lib)]
        else:
            ids = [articles.resolve(lib, args.id)]
        if fmt == "json" and out is None:
            from reader.app import library_io

            for chunk in library_io.library_json_chunks(lib, ids, include_trash=args.include_trash):
                sys.stdout.write(chunk)  # an article at a time: bounded memory
            return 0
        # Said after a successful export only, so an error stays the one line printed.
        no_author = fmt.startswith("annotations") and not lib.get_setting("author")
        if fmt == "annotations-jsonl":
            _write_annotation_lines(lib, ids, out)
            _note_no_author(no_author)
            return 0
        if fmt == "pdf":
            from reader.ui.pdf_report import export_pdf_files

            export_pdf_files(lib, ids, args.out)
            return 0
        if fmt in ("md", "annotated") and args.all and out is None:
            raise UserError("Exporting all articles as Markdown needs --out DIR.")
        verdicts = set(args.verdict) if args.verdict else None
        statuses = set(args.status) if args.status else None
        author = exports.claimreview_author(lib) if fmt == "claimreview" else None
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
            )
        finally:
            line.close()
    folder_export = fmt in ("md", "annotated") and (args.all or out.is_dir())
    for path in result.written:
        print(
            path if folder_export else f"wrote {path}",
            file=sys.stdout if folder_export else sys.stderr,
        )
    for path, why in result.skipped:
        print(f"skipped {path}: {why}", file=sys.stderr)
    _note_no_author(no_author)
    return 0


def _note_no_author(no_author: bool) -> None:
    if no_author:
        print(
            "note: no author is set, so the annotations name no creator; "
            "run once with --author NAME (it is remembered).",
            file=sys.stderr,
        )


def _write_annotation_lines(lib: Library, ids: list[str], out: Path | None) -> None:
    """One W3C annotation per line, written as each article is loaded."""
    from reader.app.annotations import annotation_lines

    lines = annotation_lines(lib, ids, author=lib.get_setting("author") or None)
    if out is None:
        sys.stdout.writelines(lines)
        return
    try:
        with out.open("w", encoding="utf-8") as handle:
            handle.writelines(lines)
    except OSError as exc:
        raise UserError(f"Cannot write {out}: {exc.strerror}. Choose another place.") from exc
    print(f"wrote {out}", file=sys.stderr)
