"""The whole-library commands: import-json, import-annotations, search, backup, restore,
trash."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from reader.cli.common import db_path, open_lib


def cmd_import_json(args: argparse.Namespace) -> int:
    from reader.app import library_io

    if args.check:
        # Only the file is read: the library is not even opened.
        if args.file == "-":
            count = library_io.check_library_json_text(sys.stdin.read())
        else:
            count = library_io.check_library_json(Path(args.file))
        print(f"ok: {count} article(s), nothing wrong found; nothing was imported")
        return 0
    text = sys.stdin.read() if args.file == "-" else None
    # Checked before the library is opened, so a bad file never leaves a new, empty
    # library behind it.
    if text is None:
        library_io.check_library_json(Path(args.file))
    else:
        library_io.check_library_json_text(text)
    with open_lib(args, create=True) as lib:
        if text is not None:
            report = library_io.import_library_json_text(lib, text)
        else:
            report = library_io.import_library_json(lib, Path(args.file))
    print(report.summary())
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from reader.app.annotations import import_annotation_file

    with open_lib(args, create=True) as lib:
        report = import_annotation_file(lib, args.file)
    print(report.summary())
    for line in report.details():
        print(line, file=sys.stderr)
    skipped = report.skipped_summary()
    if skipped:
        print(f"warning: {skipped} {_import_pages_hint(report.missing_urls)}", file=sys.stderr)
    return 0


PAGES_PER_COMMAND = 20  # a command line still read at a glance


def _import_pages_hint(urls: list[str]) -> str:
    """What to do about annotations whose page is not in the library: the command that
    imports those pages, when they are web pages (the first ones, if many)."""
    if not urls:
        return "Import the articles they were made on first, then this file again."
    article = "article" if len(urls) == 1 else "articles"
    hint = f"Import the {article} first, then this file again: python main.py import " + " ".join(
        urls[:PAGES_PER_COMMAND]
    )
    if len(urls) > PAGES_PER_COMMAND:
        hint += (
            f" (the first {PAGES_PER_COMMAND} of {len(urls)} pages: import this file again "
            "afterwards for the next ones)"
        )
    return hint


def cmd_search(args: argparse.Namespace) -> int:
    from reader.app.search import search

    with open_lib(args) as lib:
        has_notes = {"yes": True, "no": False}.get(args.has_notes or "")
        hits = search(
            lib,
            args.query,
            verdict=args.verdict,
            status=args.status,
            tag=args.tag,
            has_notes=has_notes,
        )
    if args.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
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
    from reader.app.backup import backup_now

    print(backup_now(db_path(args)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from reader.app import backup

    db = db_path(args)
    if not args.backup:
        backups = backup.list_backups(db)
        for b in backups:
            print(b.path)
        if not backups:
            print(
                f"No backups of {db} yet. Make one with: main.py backup --db {db}", file=sys.stderr
            )
        return 0
    backup.restore(db, Path(args.backup))
    print(f"restored {args.backup} into {db}")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    from reader.app import trash

    action = getattr(args, "trash_action", None) or "list"
    with open_lib(args) as lib:
        if action == "list":
            items = trash.trash_items(lib)
            for item in items:
                title = " ".join(item.title.split()) or "Untitled"
                print(f"{item.id[:8]}\t{item.kind}\t{item.deleted_at[:16]}\t{title}")
            if not items:
                print("The Trash is empty.", file=sys.stderr)
        elif action == "rm":
            moved = trash.move_articles_to_trash(lib, args.ids)
            for article_id in moved:
                print(article_id)
            print(
                f"moved {len(moved)} article(s) to the Trash "
                "(main.py trash restore ID brings one back)",
                file=sys.stderr,
            )
        elif action == "restore":
            # Each is looked up before any comes back: a typo restores nothing.
            items = [trash.find_in_trash(lib, given) for given in args.ids]
            for item in items:
                restored = trash.restore_from_trash(lib, item.id)
                print(item.id)
                if restored.warning:
                    print(f"note: {item.id[:8]} restored, but {restored.warning}", file=sys.stderr)
        else:
            waiting = len(trash.trash_items(lib))
            if not waiting:
                print("The Trash is already empty.", file=sys.stderr)
            elif not args.yes:
                print(
                    f"{waiting} item(s) in the Trash would be deleted for good; nothing was "
                    "deleted. Run again with --yes to do it (main.py trash lists them).",
                    file=sys.stderr,
                )
                return 1
            else:
                gone = trash.empty_trash(lib)
                print(f"deleted {gone} item(s) for good", file=sys.stderr)
    return 0
