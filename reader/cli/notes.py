"""The note command: add, edit, rm (to the Trash) and move a note."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import open_lib
from reader.core.errors import UserError


def _note_sentences(args: argparse.Namespace) -> tuple[int, int]:
    if args.sentences is not None and args.n is not None:
        raise UserError("Give either N or --sentences, not both.")
    if args.sentences is not None:
        first, last = args.sentences
        return first, last
    if args.n is None:
        raise UserError("Say which sentences: N, or --sentences 3-5. Run 'show' for numbers.")
    return args.n, args.n


def _tags(given: list[str] | None) -> list[str] | None:
    """The tags given, stripped; an empty one is none at all (``--tag ''`` clears)."""
    if given is None:
        return None
    return [tag.strip() for tag in given if tag.strip()]


def cmd_note(args: argparse.Namespace) -> int:
    from reader.app import articles, notes

    action = getattr(args, "note_action", None) or "add"
    if action == "add":
        sources = notes.sources_from(args.source or [], args.source_title or [])
        first, last = _note_sentences(args)
        with open_lib(args) as lib:
            change = notes.add_note_on_sentences(
                lib,
                articles.resolve(lib, args.id),
                first,
                last,
                verdict=None if args.verdict in (None, "none") else args.verdict,
                status=args.status,
                conclusion=args.conclusion or "",
                body=args.body or "",
                tags=_tags(args.tag) or [],
                sources=sources,
                origin="cli",
            )
        print(change.after.id)
        return 0
    with open_lib(args) as lib:
        note_id = notes.resolve_note(lib, args.note_id)
        if action == "edit":
            fields: dict[str, object] = {}
            if args.verdict is not None:
                fields["verdict"] = None if args.verdict == "none" else args.verdict
            new_sources = (
                notes.sources_from(args.source, args.source_title or [])
                if args.source is not None
                else None
            )
            change = notes.edit_note(
                lib,
                note_id,
                status=args.status,
                conclusion=args.conclusion,
                body=args.body,
                tags=_tags(args.tag),
                sources=new_sources,
                origin="cli",
                **fields,  # type: ignore[arg-type]
            )
        elif action == "rm":
            change = notes.delete_note(lib, note_id, origin="cli")
        else:
            first, last = args.sentences if args.sentences else (args.sentence, args.sentence)
            change = notes.move_note(lib, note_id, first, last, origin="cli")
    done = {"edit": "edited", "rm": "moved to the Trash", "move": "re-attached"}[action]
    print(f"{change.after.id} {done} (undo it from the window's Edit menu)", file=sys.stderr)
    print(change.after.id)
    return 0
