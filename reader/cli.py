"""The command line: ``python main.py <command> …``; no command starts the GUI.

Output goes to stdout; errors print one clear line on stderr and exit non-zero
(2 for a usage error, 1 for anything the user can fix).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader.core.errors import UserError
from reader.core.models import Source
from reader.core.verdicts import BY_KEY, STATUSES, label
from reader.store.paths import default_db_path

log = logging.getLogger(__name__)

COMMANDS = (
    "import",
    "list",
    "show",
    "note",
    "export",
    "clean",
    "update",
    "search",
    "import-json",
    "backup",
    "restore",
)
EXPORT_FORMATS = ("md", "json", "claimreview", "annotations", "pdf", "annotated")


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


def _open(args: argparse.Namespace) -> Any:
    from reader.store import Library

    return Library(_db_path(args))


def _is_url(text: str) -> bool:
    if text.lower().startswith(("http://", "https://")) or "://" in text[:12]:
        return True
    # "javascript:…", "data:…", "mailto:…": an address, not a file name, unless such a
    # file exists ("C:…" is a drive letter, hence two letters at least).
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", text)) and not Path(text).exists()


def _read_document(source: str) -> Any:
    """A path, ``-`` (stdin) or a URL → a RawDocument."""
    from reader.store.ingest import RawDocument

    if source == "-":
        data = sys.stdin.buffer.read()
        return RawDocument(data, None, "stdin", None, None)
    if _is_url(source):
        from reader.importers.url import fetch_url

        raw = fetch_url(source)
        for notice in raw.notices:
            print(f"note: {notice}", file=sys.stderr)
    else:
        from reader.importers.files import read_file

        raw = read_file(Path(source))
    return RawDocument(raw.data, raw.media_type, raw.origin, raw.name, raw.url)


# -- commands ---------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from reader.store.ingest import import_document

    doc = _read_document(args.source)
    with _open(args) as lib:
        print(import_document(lib, doc))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from reader.store.ingest import update_document

    doc = _read_document(args.source)
    with _open(args) as lib:
        aid = lib.resolve_article_id(args.id)
        report = update_document(lib, aid, doc)
    if not report.changed:
        print(f"unchanged: the text is the same as version {report.version}")
    else:
        print(
            f"version {report.version}: {report.ok} ok, {report.drifted} drifted, "
            f"{report.orphan} orphan"
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        rows = lib.list_articles()
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        site = f" — {r.site_name}" if r.site_name else ""
        print(f"{r.id}  {r.title or '(untitled)'}{site}  [{r.note_count} notes]")
    return 0


def _sentence_numbers(text: str) -> list[tuple[int, int]]:
    from reader.core.segment import sentence_spans

    return sentence_spans(text)


def _sentence_index(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """1-based numbers of the sentences that ``[start, end)`` overlaps."""
    return [i + 1 for i, (s, e) in enumerate(spans) if s < end and start < e]


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        aid = lib.resolve_article_id(args.id)
        art = lib.get_article(aid)
        notes = lib.notes_for_article(aid)
    spans = _sentence_numbers(art.text)
    if args.json:
        out = {
            "id": art.id,
            "title": art.title,
            "byline": art.meta.byline,
            "site_name": art.meta.site_name,
            "url": art.meta.url,
            "published": art.meta.published,
            "version": art.version,
            "versions": art.version_count,
            "text_sha256": art.text_sha256,
            "sentences": [art.text[s:e] for s, e in spans],
            "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in art.blocks],
            "notes": [
                {
                    "id": n.id,
                    "state": n.anchor_state,
                    "start": n.start,
                    "end": n.end,
                    "quote": n.exact,
                    "current_text": art.text[n.start : n.end]
                    if n.anchor_state != "orphan"
                    else None,
                    "sentences": _sentence_index(spans, n.start, n.end)
                    if n.anchor_state != "orphan"
                    else [],
                    "verdict": n.verdict,
                    "status": n.status,
                    "conclusion": n.conclusion,
                    "body": n.body,
                    "tags": n.tags,
                    "sources": [s.__dict__ for s in n.sources],
                }
                for n in notes
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    n = 0
    for block in art.blocks:
        parts = []
        for s, e in spans:
            if block.start <= s and e <= block.end:
                n += 1
                parts.append(f"[{n}] {art.text[s:e]}")
        print(" ".join(parts))
        print()
    if notes:
        print("Notes:")
        for i, note in enumerate(notes, 1):
            where = ",".join(map(str, _sentence_index(spans, note.start, note.end)))
            state = "" if note.anchor_state == "ok" else f" ({note.anchor_state})"
            print(f"{i}. [{where or '-'}] {label(note.verdict)}{state}: “{note.exact}”")
            if note.conclusion:
                print(f"   Conclusion: {note.conclusion}")
            for src in note.sources:
                print(f"   Source: {src.title + ' ' if src.title else ''}<{src.url}>")
            print(f"   id {note.id}")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    if args.verdict not in BY_KEY:
        raise UserError(f"Unknown verdict {args.verdict!r}. Use one of: {', '.join(BY_KEY)}.")
    titles = args.source_title or []
    if len(titles) > len(args.source or []):
        raise UserError("Each --source-title must follow a --source URL.")
    sources = [
        Source(url=url, title=titles[i] if i < len(titles) else "")
        for i, url in enumerate(args.source or [])
    ]
    with _open(args) as lib:
        aid = lib.resolve_article_id(args.id)
        art = lib.get_article(aid)
        spans = _sentence_numbers(art.text)
        if not 1 <= args.n <= len(spans):
            raise UserError(
                f"The article has sentences 1 to {len(spans)}; there is no sentence {args.n}. "
                "Run 'show' to see the numbers."
            )
        s, e = spans[args.n - 1]
        note = lib.add_note(
            aid,
            s,
            e,
            verdict=args.verdict,
            status=args.status,
            conclusion=args.conclusion or "",
            body=args.body or "",
            tags=args.tag or [],
            sources=sources,
        )
    print(note.id)
    return 0


def _write_out(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    path = Path(out)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}. Choose another place.") from exc
    print(f"wrote {path}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    fmt = args.format
    with _open(args) as lib:
        if args.author:
            lib.set_setting("author", args.author)
        ids = [a.id for a in lib.list_articles()] if args.all else [lib.resolve_article_id(args.id)]
        if fmt == "json":
            from reader.export.json import export_json

            _write_out(export_json(lib, ids, include_trash=args.include_trash), args.out)
            return 0
        if fmt == "pdf":
            from reader.ui.pdf_report import export_pdf_files

            export_pdf_files(lib, ids, args.out)
            return 0
        if fmt in ("md", "annotated") and (args.all or (args.out and Path(args.out).is_dir())):
            from reader.export.folder import export_markdown_folder

            if not args.out:
                raise UserError("Exporting all articles as Markdown needs --out DIR.")
            written = export_markdown_folder(lib, ids, Path(args.out), annotated=fmt == "annotated")
            for path in written.written:
                print(path)
            for path, why in written.skipped:
                print(f"skipped {path}: {why}", file=sys.stderr)
            return 0
        chunks = []
        filters = {
            "verdicts": set(args.verdict) if args.verdict else None,
            "statuses": set(args.status) if args.status else None,
        }
        for aid in ids:
            art = lib.get_article(aid)
            notes = lib.notes_for_article(aid)
            chunks.append(_render(fmt, art, notes, lib, filters))
    text = chunks[0] if len(chunks) == 1 else _join_many(fmt, chunks)
    if fmt == "md" and args.out and Path(args.out).exists():
        from reader.export.markdown import is_ours, merge_into_existing

        existing = Path(args.out).read_text(encoding="utf-8")
        if not is_ours(existing, ids[0]):
            raise UserError(
                f"{args.out} exists and was not written by Fact-Check Reader for this "
                "article; it was left alone. Choose another file name."
            )
        text = merge_into_existing(existing, text, ids[0])
    _write_out(text, args.out)
    return 0


def _render(
    fmt: str, art: Any, notes: list[Any], lib: Any, filters: dict[str, set[str] | None]
) -> str:
    if fmt == "md":
        from reader.export.markdown import export_markdown

        return str(
            export_markdown(art, notes, verdicts=filters["verdicts"], statuses=filters["statuses"])
        )
    if fmt == "annotated":
        from reader.export.markdown import export_annotated

        return str(
            export_annotated(art, notes, verdicts=filters["verdicts"], statuses=filters["statuses"])
        )
    if fmt == "claimreview":
        from reader.export.claimreview import export_claimreview_json

        author = lib.get_setting("author")
        if not author:
            raise UserError(
                "ClaimReview needs an author: run once with --author NAME "
                "(it is remembered in the library)."
            )
        return str(export_claimreview_json(art, notes, author=author))
    if fmt == "annotations":
        from reader.export.annotations import export_web_annotations

        return json.dumps(export_web_annotations(art, notes), ensure_ascii=False, indent=2) + "\n"
    raise UserError(f"Unknown format {fmt!r}. Use one of: {', '.join(EXPORT_FORMATS)}.")


def _join_many(fmt: str, chunks: list[str]) -> str:
    if fmt in ("claimreview", "annotations"):
        return "[\n" + ",\n".join(c.rstrip() for c in chunks) + "\n]\n"
    return "\n".join(chunks)


def cmd_import_json(args: argparse.Namespace) -> int:
    from reader.export.json import import_json

    path = Path(args.file)
    try:
        text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Cannot read {path}: {exc}. Check the file name.") from exc
    with _open(args) as lib:
        report = import_json(lib, text)
    print(report.summary())
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    from reader.store.ingest import clean_document

    out_dir = Path(args.out_dir) if args.out_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures = 0
    for source in args.files:
        try:
            clean = clean_document(_read_document(source))
        except UserError as exc:
            print(f"{source}: {exc}", file=sys.stderr)
            failures += 1
            if out_dir:
                (out_dir / f"{Path(source).name.split('.')[0]}.txt").write_text("")
            continue
        if args.format == "json":
            text = (
                json.dumps(
                    {
                        "title": clean.meta.title,
                        "byline": clean.meta.byline,
                        "site_name": clean.meta.site_name,
                        "url": clean.meta.url,
                        "published": clean.meta.published,
                        "language": clean.meta.language,
                        "text": clean.body_text() if args.body else clean.text,
                        "blocks": [
                            {"kind": b.kind, "text": clean.text[b.start : b.end]}
                            for b in clean.blocks
                            if not args.body or b.kind not in ("title", "byline", "caption")
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        else:
            text = (clean.body_text() if args.body else clean.text) + "\n"
        if out_dir:
            stem = Path(source).name.split(".")[0]
            suffix = ".json" if args.format == "json" else ".txt"
            (out_dir / f"{stem}{suffix}").write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    return 1 if failures and failures == len(args.files) else 0


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        has_notes = {"yes": True, "no": False}.get(args.has_notes or "")
        hits = lib.search(
            args.query, verdict=args.verdict, status=args.status, tag=args.tag, has_notes=has_notes
        )
    if args.json:
        print(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        where = f"note {h.note_id}" if h.note_id else "article"
        snippet = " ".join(h.snippet.split())  # one line, whatever the note's layout
        print(f"{h.article_id}  {h.article_title}  ({where})")
        if snippet:
            print(f"    {snippet}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from reader.store.backup import make_backup

    path = make_backup(_db_path(args))
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from reader.store.backup import list_backups, restore_backup

    db = _db_path(args)
    if not args.backup:
        backups = list_backups(db)
        for b in backups:
            print(b)
        if not backups:
            print(
                f"No backups of {db} yet. Make one with: main.py backup --db {db}", file=sys.stderr
            )
        return 0
    restore_backup(db, Path(args.backup))
    print(f"restored {args.backup} into {db}")
    return 0


# -- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Fact-Check Reader: clean articles and attach fact-check notes.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str) -> Any:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", help="the library file (default: FACTREADER_DB or the data folder)")
        p.set_defaults(func=fn)
        return p

    p = add("import", cmd_import, "store an article from a file, a URL or stdin (-)")
    p.add_argument("source", metavar="FILE|URL|-")
    p = add("update", cmd_update, "store a new version of an article and re-anchor its notes")
    p.add_argument("id")
    p.add_argument("source", metavar="FILE|URL|-")
    p = add("list", cmd_list, "list the articles")
    p.add_argument("--json", action="store_true")
    p = add("show", cmd_show, "show an article with numbered sentences, then its notes")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = add("note", cmd_note, "add a note to sentence N of an article (the title is 1)")
    p.add_argument("id")
    p.add_argument("n", type=int, metavar="N")
    p.add_argument("--verdict", required=True, choices=list(BY_KEY), metavar="KEY")
    p.add_argument("--status", default="to_check", choices=list(STATUSES))
    p.add_argument("--conclusion")
    p.add_argument("--body")
    p.add_argument("--tag", action="append")
    p.add_argument("--source", action="append", metavar="URL")
    p.add_argument("--source-title", action="append", metavar="TITLE")
    p = add("export", cmd_export, "export the notes of an article, or of all articles")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("id", nargs="?")
    g.add_argument("--all", action="store_true")
    p.add_argument("--format", default="md", choices=EXPORT_FORMATS)
    p.add_argument("--out", metavar="PATH")
    p.add_argument("--include-trash", action="store_true", help="with --format json")
    p.add_argument("--author", help="author of ClaimReview exports (remembered)")
    p.add_argument(
        "--verdict",
        action="append",
        metavar="KEY",
        choices=[*BY_KEY, "none"],
        help="only notes with this verdict (repeatable; 'none' for no verdict)",
    )
    p.add_argument(
        "--status",
        action="append",
        choices=list(STATUSES),
        help="only notes with this status (repeatable)",
    )
    p = add("import-json", cmd_import_json, "merge a lossless JSON export into the library")
    p.add_argument("file", metavar="FILE")
    p = add("search", cmd_search, "search articles, notes, sources and tags")
    p.add_argument("query")
    p.add_argument("--verdict", choices=list(BY_KEY), metavar="KEY")
    p.add_argument("--status", choices=list(STATUSES))
    p.add_argument("--tag")
    p.add_argument("--has-notes", choices=("yes", "no"))
    p.add_argument("--json", action="store_true")
    p = add("backup", cmd_backup, "make a backup copy of the library now")
    p = add("restore", cmd_restore, "list backups, or restore one (the current file is kept aside)")
    p.add_argument("backup", nargs="?", metavar="BACKUP")

    p = sub.add_parser(
        "clean",
        help="clean files without storing them",
        description="clean files without storing them",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--body", action="store_true", help="the article body only")
    p.add_argument("--format", default="text", choices=("text", "json"))
    p.add_argument("--out-dir", metavar="DIR")
    p.set_defaults(func=cmd_clean)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    try:
        return int(args.func(args))
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: a command runs the CLI; anything else starts the GUI.

    The GUI starts with Python's cyclic garbage collector paused (main.py pauses it
    before its first import): start-up creates tens of thousands of objects that live
    as long as the app, PySide6's enums above all, and collections triggered meanwhile
    cost ~100 ms of a ~300 ms start.  ``show_main_window`` resumes it.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS or argv[:1] in (["-h"], ["--help"]):
        gc.enable()
    else:
        gc.disable()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if argv and argv[0] in COMMANDS:
        return run(argv)
    if argv and argv[0] in ("-h", "--help"):
        build_parser().print_help()
        print("\nWithout a command: main.py [--db PATH] [FILE ...] opens the window.")
        return 0
    gui = argparse.ArgumentParser(prog="main.py", description="Open the Fact-Check Reader window.")
    gui.add_argument("--db", help="the library file")
    gui.add_argument("files", nargs="*", metavar="FILE")
    args = gui.parse_args(argv)
    from reader.ui.app import run_gui

    return run_gui(_db_path(args), [Path(f) for f in args.files])
