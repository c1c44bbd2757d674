# Size: one parser and one short handler per command, each only parsing, calling reader.app and
# printing; splitting the handlers by command would scatter the one argument table.
"""The command line: ``python main.py <command> …``; no command starts the GUI.

This module parses arguments, calls the use cases in :mod:`reader.app` and prints.
Output goes to stdout; errors print one clear line on stderr and exit non-zero:
2 for a usage error, 1 for anything the user can fix (a
:class:`~reader.core.errors.UserError`), 70 for a bug (set ``FACTREADER_DEBUG=1`` or
pass ``--debug`` to see its traceback).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.core.errors import UserError
from reader.core.models import Note, RawInput
from reader.core.verdicts import BY_KEY, STATUS_LABELS, STATUSES, label

if TYPE_CHECKING:
    from reader.app.articles import UpdateReport
    from reader.app.library_io import Library

log = logging.getLogger(__name__)

COMMANDS = (
    "import",
    "list",
    "show",
    "note",
    "export",
    "clean",
    "update",
    "reclean",
    "search",
    "import-json",
    "backup",
    "restore",
    "import-annotations",
    "checkworthy",
    "import-factchecks",
    "match",
    "claims",
)
# The columns ``claims --sort`` takes (app.claim_list.SORT_KEYS, which the CLI does
# not import just to build its parser).
CLAIM_SORTS = (
    "group",
    "text",
    "verdict",
    "articles",
    "speaker",
    "state",
    "checked_by",
    "status",
    "changed",
)
EXPORT_FORMATS = (
    "md",
    "json",
    "claimreview",
    "annotations",
    "annotations-jsonl",
    "pdf",
    "annotated",
)
# Options every command takes, accepted before the command too.
GLOBAL_VALUE_OPTIONS = ("--db",)
GLOBAL_FLAGS = ("--debug",)
EXIT_BUG = 70  # EX_SOFTWARE: an internal error
DEBUG_ENV = "FACTREADER_DEBUG"


def _db_path(args: argparse.Namespace) -> Path:
    from reader.app.library_io import library_path

    return library_path(args.db)


def _open(args: argparse.Namespace, *, create: bool = False) -> Library:
    """The library named by ``--db``; only commands that can fill an empty library
    (``create``) may create it, and they say so."""
    from reader.app.library_io import library_exists, open_existing_library, open_library

    path = _db_path(args)
    if not create:
        lib = open_existing_library(path)
    else:
        existed = library_exists(path)
        lib = open_library(path)
        if not existed:
            print(f"created a new library at {path}", file=sys.stderr)
    for notice in lib.notices:
        print(f"note: {notice}", file=sys.stderr)
    return lib


class _ProgressLine:
    """A progress line on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self._shown = sys.stderr.isatty()

    def report(self, done: int, total: int, label: str = "") -> None:
        if self._shown and total:
            print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False  # Ctrl+C raises KeyboardInterrupt instead

    def close(self) -> None:
        if self._shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _stdin() -> RawInput:
    return RawInput(sys.stdin.buffer.read(), None, "stdin")


# -- commands ---------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from reader.app import articles
    from reader.core.errors import NoArticleError

    if len(args.source) > 1:
        with _open(args, create=True) as lib:
            result = articles.import_sources(lib, args.source)
        for aid in result.ids:
            print(aid)
        for source, warning in result.warnings:  # the article is stored all the same
            print(f"{source}: warning: {warning}", file=sys.stderr)
        for source, why in result.failures:
            print(f"{source}: {why}", file=sys.stderr)
        return 1 if result.failures and not result.ids else 0
    source = args.source[0]
    raw = _stdin() if source == "-" else articles.read_input(source)
    try:
        clean = articles.clean_raw(raw)  # first: input without an article creates no library
    except NoArticleError as exc:
        if not (args.whole and exc.text.strip()):
            raise
        with _open(args, create=True) as lib:
            print(articles.keep_whole_text(lib, exc.text, source))
        return 0
    with _open(args, create=True) as lib:
        outcome = articles.import_clean_once(lib, raw, clean, new=args.new)
        earlier = articles.duplicates_of(lib, outcome.article_id) if outcome.stored else []
    print(outcome.article_id)
    if outcome.cleaning.warning:  # as `clean` says it; the article is stored all the same
        print(f"{source}: warning: {outcome.cleaning.warning}", file=sys.stderr)
    if outcome.duplicate is not None:
        print(
            f"{outcome.duplicate.describe()} Its id is printed; nothing was added. "
            "Use --new to add it again, or 'update ID FILE' for a new version.",
            file=sys.stderr,
        )
    elif earlier:
        print(f"note: the same URL was imported before as {', '.join(earlier)}", file=sys.stderr)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    if args.all:
        return _update_all(args)
    if args.since is not None:
        raise UserError("--since goes with --all: update --all --since DAYS.")
    if not args.id or not args.source:
        raise UserError(
            "Give the article id and the new FILE|URL|-, or use --all to fetch every "
            "article that came from the web again."
        )
    from reader.app import articles

    with _open(args) as lib:
        aid = articles.resolve(lib, args.id)
        if args.source == "-":
            report = articles.update_from_raw(lib, aid, _stdin())
        else:
            report = articles.update_from_source(lib, aid, args.source)
    _print_update(report)
    return 0


def cmd_reclean(args: argparse.Namespace) -> int:
    from reader.app import articles

    with _open(args) as lib:
        report = articles.reclean(lib, articles.resolve(lib, args.id))
    _print_update(report)
    return 0


def _print_update(report: UpdateReport) -> None:
    if not report.changed:
        print(f"unchanged: the text is the same as version {report.version}")
    else:
        print(
            f"version {report.version}: {report.ok} ok, {report.changed_notes} changed, "
            f"{report.orphan} orphan"
        )


def _update_all(args: argparse.Namespace) -> int:
    if args.id or args.source:
        raise UserError("update --all fetches every web article itself; give no id or source.")
    from reader.app.updates import check_for_changes

    with _open(args) as lib:
        checks = check_for_changes(lib, since_days=args.since)
    if not checks:
        print(
            "no article came from a web address"
            + (" in that time" if args.since is not None else "")
        )
        return 0
    for c in checks:
        counts = f"{c.ok} ok, {c.changed} changed, {c.orphan} orphan"
        if c.outcome == "updated":
            what = f"new version {c.version}"
        elif c.outcome == "unchanged":
            what = f"unchanged (version {c.version})"
        else:
            what = f"not checked (version {c.version} kept)"
        print(f"{c.article_id[:8]}  {c.title or '(untitled)'}: {what}: {counts}")
        if c.error:
            print(f"error: {c.article_id[:8]} {c.url}: {c.error}", file=sys.stderr)
    return 1 if any(c.outcome == "failed" for c in checks) else 0


def cmd_list(args: argparse.Namespace) -> int:
    from reader.app import articles

    with _open(args) as lib:
        rows = articles.list_articles(lib)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        site = f" — {r.site_name}" if r.site_name else ""
        print(f"{r.id}  {r.title or '(untitled)'}{site}  [{r.note_count} notes]")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.app import articles
    from reader.app.notes import note_history

    with _open(args) as lib:
        aid = articles.resolve(lib, args.id)
        view = articles.article_view(lib, aid)
        history = {n.id: note_history(lib, n.id) for n in view.notes}
        record = articles.article_record(lib, aid) if args.json else None
    art, notes, spans = view.article, view.notes, view.sentences
    if record is not None:
        by_id = {n.id: n for n in notes}
        for shown in record["notes"]:  # type: ignore[attr-defined]
            note = by_id[shown["id"]]
            shown.update(_wording_json(note))
            shown["confirmations"] = [asdict(c) for c in history[note.id]]
        print(json.dumps(record, ensure_ascii=False, indent=2))
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
            _print_note_head(i, note, view.sentence_numbers(note.start, note.end))
            print(f"   Status: {STATUS_LABELS.get(note.status, note.status)}")
            if note.tags:
                print(f"   Tags: {' '.join('#' + t for t in note.tags)}")
            if note.conclusion:
                print(f"   Conclusion: {note.conclusion}")
            if note.body.strip():
                # The body as written, indented under its note (Markdown keeps its shape).
                print("   " + "\n   ".join(note.body.strip().splitlines()))
            for src in note.sources:
                stance = f" ({src.stance})" if src.stance != "context" else ""
                print(f"   Source: {src.title + ' ' if src.title else ''}<{src.url}>{stance}")
            for confirmed in history[note.id]:
                what = "New wording accepted" if confirmed.kind == "accepted" else "Attached"
                print(f"   {what} {confirmed.confirmed_at[:10]} (version {confirmed.version})")
            print(f"   id {note.id}")
    return 0


def _sentence_range(text: str) -> tuple[int, int]:
    """``"4"`` or ``"3-5"`` → (first, last)."""
    first, sep, last = text.partition("-")
    try:
        return (int(first), int(last) if sep else int(first))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a sentence number or range (for example 4 or 3-5)"
        ) from None


def _note_sentences(args: argparse.Namespace) -> tuple[int, int]:
    if args.sentences is not None and args.n is not None:
        raise UserError("Give either N or --sentences, not both.")
    if args.sentences is not None:
        first, last = args.sentences
        return first, last
    if args.n is None:
        raise UserError("Say which sentences: N, or --sentences 3-5. Run 'show' for numbers.")
    return args.n, args.n


def _wording_json(note: Note) -> dict[str, object]:
    """A note's wordings for ``show --json``: what it was checked on, and the diff."""
    from reader.core.worddiff import mark_labels, note_wording, render_plain

    w = note_wording(note)
    diff = None
    if w.diff is not None:
        diff = {
            "severity": w.diff.severity,
            "marks": mark_labels(w.diff.marks),
            "plain": render_plain(w.diff),
            "segments": [
                {"op": seg.op, "old": seg.old, "new": seg.new, "marks": mark_labels(seg.marks)}
                for seg in w.diff.segments
            ],
        }
    return {
        "original_text": w.original,
        "checked_text": w.checked,
        "rated_on_earlier_wording": w.rated_on_earlier_wording,
        "diff": diff,
    }


def _print_note_head(i: int, note: Note, numbers: list[int]) -> None:
    """A note's first lines in ``show``: where, verdict, state, and its words."""
    from reader.core.worddiff import RATED_ON_EARLIER_WORDING, mark_labels, note_wording

    w = note_wording(note)
    verdict = label(note.verdict)
    if w.state == "orphan":
        # Its old offsets belong to other words now: no sentence number.
        print(f"{i}. [orphan] {verdict}: “{w.checked}”")
        print("   Orphan: this text is no longer in the article.")
        return
    where = ",".join(map(str, numbers)) or "-"
    if w.diff is None:
        print(f"{i}. [{where}] {verdict}: “{w.current}”")
        return
    from reader.core.worddiff import render_plain

    marks = ", ".join(mark_labels(w.diff.marks))
    kind = f"{w.diff.severity} change" + (f": {marks}" if marks else "")
    print(f"{i}. [{where}] {verdict} ({RATED_ON_EARLIER_WORDING}) — changed, {kind}")
    print(f"   Checked: “{w.checked}”")
    print(f"   Now:     “{w.current}”")
    print(f"   Diff:    {render_plain(w.diff)}")


def cmd_note(args: argparse.Namespace) -> int:
    from reader.app import articles, notes

    action = getattr(args, "note_action", None) or "add"
    if action == "add":
        sources = notes.sources_from(args.source or [], args.source_title or [])
        first, last = _note_sentences(args)
        with _open(args) as lib:
            change = notes.add_note_on_sentences(
                lib,
                articles.resolve(lib, args.id),
                first,
                last,
                verdict=None if args.verdict in (None, "none") else args.verdict,
                status=args.status,
                conclusion=args.conclusion or "",
                body=args.body or "",
                tags=args.tag or [],
                sources=sources,
                origin="cli",
            )
        print(change.after.id)
        return 0
    with _open(args) as lib:
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
                tags=args.tag,
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


def cmd_export(args: argparse.Namespace) -> int:
    from reader.app import articles, exports

    fmt = args.format
    out = Path(args.out) if args.out else None
    with _open(args) as lib:
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
        line = _ProgressLine()
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


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from reader.app.annotations import import_annotation_file

    with _open(args, create=True) as lib:
        report = import_annotation_file(lib, args.file)
    print(report.summary())
    for line in report.details():
        print(line)
    for url in report.missing_urls:
        print(f"hint: import the article first: python main.py import {url}")
    return 0


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
    with _open(args, create=True) as lib:
        if text is not None:
            report = library_io.import_library_json_text(lib, text)
        else:
            report = library_io.import_library_json(lib, Path(args.file))
    print(report.summary())
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    from reader.app.articles import clean_raw, clean_source
    from reader.app.exports import make_folder, write_text_file

    out_dir = Path(args.out_dir) if args.out_dir else None
    if out_dir:
        make_folder(out_dir)
    failures = 0
    for source in args.files:
        try:
            clean = clean_raw(_stdin()) if source == "-" else clean_source(source)
        except UserError as exc:
            print(f"{source}: {exc}", file=sys.stderr)
            failures += 1
            if out_dir:
                write_text_file(out_dir / f"{Path(source).name.split('.')[0]}.txt", "")
            continue
        if clean.warning:  # the best result is still written below
            print(f"{source}: warning: {clean.warning}", file=sys.stderr)
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
                        "confidence": clean.confidence,
                        "warning": clean.warning,
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
            write_text_file(out_dir / f"{stem}{suffix}", text)
        else:
            sys.stdout.write(text)
    return 1 if failures and failures == len(args.files) else 0


def cmd_search(args: argparse.Namespace) -> int:
    from reader.app.search import search

    with _open(args) as lib:
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

    print(backup_now(_db_path(args)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from reader.app import backup

    db = _db_path(args)
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


def cmd_checkworthy(args: argparse.Namespace) -> int:
    from reader.app.claims_radar import score_sentence_table

    for row in score_sentence_table(args.file):
        label = "Yes" if row.worth_checking else "No"
        reasons = " ".join(row.reasons.split()) or "-"
        print(f"{row.sentence_id}\t{row.score:.4f}\t{label}\t{reasons}")
    return 0


def cmd_import_factchecks(args: argparse.Namespace) -> int:
    from reader.app.claims_memory import import_factchecks, read_factchecks

    parsed = read_factchecks(Path(args.file))
    with _open(args, create=True) as lib:
        print(f"{import_factchecks(lib, Path(args.file), parsed).summary()} from {args.file}")
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from reader.app.claims_memory import CorpusMatcher, read_queries

    queries = read_queries(Path(args.queries))
    with CorpusMatcher.from_file(Path(args.corpus)) as matcher:
        for line in matcher.run(queries, top=args.top, mode=args.mode):
            print(line)
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from reader.app.claim_list import ClaimQuery, export_claims, list_claims, render_claims

    query = ClaimQuery(
        text=args.filter or "",
        verdict="__none" if args.verdict == "none" else args.verdict,
        state=args.state,
        speaker=args.speaker,
        sort=args.sort,
        descending=args.desc,
    )
    with _open(args) as lib:
        if args.out:
            n = export_claims(lib, Path(args.out), args.format, query)
            print(f"wrote {n} claim{'s' * (n != 1)} to {args.out}")
            return 0
        rows = list_claims(lib, query)
    sys.stdout.write(render_claims(rows, args.format))
    return 0


# -- parser -----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error that says where help is."""

    def error(self, message: str) -> NoReturn:
        # argparse quotes values as Python does ('x'); a person reads them bare.
        message = re.sub(r"'([^'\s]*)'", r"\1", message)
        self.exit(2, f"error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="main.py",
        description="Fact-Check Reader: clean articles and attach fact-check notes.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", help="the library file (default: FACTREADER_DB or the data folder)")
        p.add_argument("--debug", action="store_true", help="show the traceback of a bug")
        p.set_defaults(func=fn)
        return p

    p = add("import", cmd_import, "store articles from files, URLs or stdin (-)")
    p.add_argument("source", nargs="+", metavar="FILE|URL|-")
    p.add_argument(
        "--whole",
        action="store_true",
        help="keep the whole text as an article when no article is recognised in it",
    )
    p.add_argument("--new", action="store_true", help="store it even if the library already has it")
    p = add("update", cmd_update, "store a new version of an article and re-anchor its notes")
    p.add_argument("id", nargs="?")
    p.add_argument("source", nargs="?", metavar="FILE|URL|-")
    p.add_argument(
        "--all",
        action="store_true",
        help="fetch every article that came from a web address again; store the changed ones",
    )
    p.add_argument(
        "--since",
        type=float,
        metavar="DAYS",
        help="with --all: only the articles imported in the last DAYS days",
    )
    p = add("reclean", cmd_reclean, "clean an article again from its stored original")
    p.add_argument("id")
    p = add("list", cmd_list, "list the articles")
    p.add_argument("--json", action="store_true")
    p = add("show", cmd_show, "show an article with numbered sentences, then its notes")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = add("note", cmd_note, "add, edit, delete or move a note (see note add --help)")
    notes_sub = p.add_subparsers(dest="note_action", metavar="ACTION")

    def note_action(name: str, help: str) -> argparse.ArgumentParser:
        q = notes_sub.add_parser(name, help=help, description=help)
        # Accepted after the action too; SUPPRESS keeps a value given before it.
        q.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        q.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
        return q

    def note_fields(q: argparse.ArgumentParser, *, editing: bool) -> None:
        q.add_argument(
            "--verdict",
            choices=[*BY_KEY, "none"],
            metavar="KEY",
            help="a verdict key, or 'none' (no verdict yet)",
        )
        q.add_argument("--status", default=None if editing else "to_check", choices=STATUSES)
        q.add_argument("--conclusion")
        q.add_argument("--body")
        q.add_argument(
            "--tag", action="append", help="repeatable" + ("; replaces the tags" if editing else "")
        )
        q.add_argument(
            "--source",
            action="append",
            metavar="URL",
            help="an http(s) address or a DOI; repeatable"
            + ("; replaces the sources" if editing else ""),
        )
        q.add_argument("--source-title", action="append", metavar="TITLE")

    q = note_action("add", "add a note to sentence N, or to --sentences 3-5 (the title is 1)")
    q.add_argument("id", metavar="ARTICLE")
    q.add_argument("n", type=int, metavar="N", nargs="?")
    q.add_argument("--sentences", type=_sentence_range, metavar="FIRST-LAST")
    note_fields(q, editing=False)
    q = note_action("edit", "change a note's verdict, status, conclusion, body, tags or sources")
    q.add_argument("note_id", metavar="NOTE")
    note_fields(q, editing=True)
    q = note_action("rm", "move a note to the Trash (restore it from the window)")
    q.add_argument("note_id", metavar="NOTE")
    q = note_action("move", "re-attach a note to sentence N (--sentence) or a range")
    q.add_argument("note_id", metavar="NOTE")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--sentence", type=int, metavar="N")
    g.add_argument("--sentences", type=_sentence_range, metavar="FIRST-LAST")
    p = add("export", cmd_export, "export the notes of an article, or of all articles")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("id", nargs="?")
    g.add_argument("--all", action="store_true")
    p.add_argument("--format", default="md", choices=EXPORT_FORMATS)
    p.add_argument("--out", metavar="PATH")
    p.add_argument("--include-trash", action="store_true", help="with --format json")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --out file that Fact-Check Reader did not write, or a "
        "Markdown notes section that was edited by hand",
    )
    p.add_argument("--author", help="author of ClaimReview exports (remembered)")
    p.add_argument(
        "--all-notes",
        action="store_true",
        help="ClaimReview: include notes still 'to check' (left out by default)",
    )
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
    p.add_argument("--check", action="store_true", help="only check the file; import nothing")
    p = add(
        "import-annotations",
        cmd_import_annotations,
        "bring in notes from W3C Web Annotation or Hypothesis files (JSON or JSON Lines)",
    )
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
    p = add("import-factchecks", cmd_import_factchecks, "add fact-checks (ClaimReview JSON or TSV)")
    p.add_argument("file", metavar="FILE")
    p = add("match", cmd_match, "rank a claims TSV for each query of a TSV (TREC run lines)")
    p.add_argument("--corpus", required=True, metavar="CLAIMS.tsv", help="id, claim, title")
    p.add_argument("queries", metavar="QUERIES.tsv", help="id, text")
    p.add_argument("--top", type=int, default=5, metavar="N")
    p.add_argument("--mode", default="fused", choices=("fused", "bm25", "dense"))
    from reader.core.claim_match import WORKFLOW_STATES

    p = add("claims", cmd_claims, "list every noted claim, grouped by link (CSV or Markdown)")
    p.add_argument("--state", choices=WORKFLOW_STATES, help="only claims in this workflow state")
    p.add_argument("--verdict", choices=[*BY_KEY, "none"], metavar="KEY", help="only this verdict")
    p.add_argument("--speaker", help="only claims made by this speaker")
    p.add_argument("--filter", metavar="TEXT", help="only claims whose text or article has TEXT")
    p.add_argument("--sort", default="group", choices=CLAIM_SORTS, help="the column to sort by")
    p.add_argument("--desc", action="store_true", help="sort in descending order")
    p.add_argument("--format", default="csv", choices=("csv", "markdown"))
    p.add_argument("-o", "--out", metavar="FILE", help="write to FILE (default: standard output)")

    p = sub.add_parser(
        "clean",
        help="clean files without storing them",
        description="clean files without storing them",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--body", action="store_true", help="the article body only")
    p.add_argument("--format", default="text", choices=("text", "json"))
    p.add_argument("--out-dir", metavar="DIR")
    p.add_argument("--db", help="not used: clean stores nothing")
    p.add_argument("--debug", action="store_true", help="show the traceback of a bug")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser(
        "checkworthy",
        help="score the sentences of a TSV (Sentence_id, Text) for check-worthiness",
        description="print Sentence_id, score, Yes|No and the claim-type reasons per sentence",
    )
    p.add_argument("file", metavar="FILE.tsv")
    p.set_defaults(func=cmd_checkworthy)
    return parser


NOTE_ACTIONS = ("add", "edit", "rm", "move")


def run(argv: Sequence[str]) -> int:
    """Run one command; returns the exit code."""
    argv = list(argv)
    if argv[:1] == ["note"] and not set(argv[1:]) & {*NOTE_ACTIONS, "-h", "--help"}:
        argv.insert(1, "add")  # the first form: note ARTICLE N --verdict KEY
    parser = build_parser()
    args = parser.parse_args(argv)
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
    except Exception as exc:
        # A bug: one line for the user, the traceback for whoever debugs it.
        log.debug("bug", exc_info=True)
        if getattr(args, "debug", False) or os.environ.get(DEBUG_ENV):
            raise
        print(
            f"bug: {type(exc).__name__}: {exc} (this is a fault of Fact-Check Reader, not "
            f"yours; run again with --debug or {DEBUG_ENV}=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_BUG


def _own_records(record: logging.LogRecord) -> bool:
    """Only our own warnings reach stderr: a library's (trafilatura's "discarding
    data: None") is noise beside the one-line message the user gets; --debug shows all."""
    return record.name == "reader" or record.name.startswith("reader.")


def _command_first(argv: list[str]) -> list[str] | None:
    """``argv`` with the command first, or None when it names no command.

    Global options may come before the command (``main.py --db lib import FILE``, as
    most command lines allow); they are moved after it, where the command's parser
    reads them.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_VALUE_OPTIONS:
            i += 2
        elif arg in GLOBAL_FLAGS or arg.startswith(tuple(o + "=" for o in GLOBAL_VALUE_OPTIONS)):
            i += 1
        else:
            break
    if i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1 :]]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: a command runs the CLI; anything else starts the GUI.

    The GUI starts with Python's cyclic garbage collector paused (main.py pauses it
    before its first import): start-up creates tens of thousands of objects that live
    as long as the app, PySide6's enums above all, and collections triggered meanwhile
    cost ~100 ms of a ~300 ms start.  ``show_main_window`` resumes it.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    command_argv = _command_first(argv)
    if command_argv is not None or argv[:1] in (["-h"], ["--help"]):
        gc.enable()
    else:
        gc.disable()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not ({"--debug"} & set(argv) or os.environ.get(DEBUG_ENV)):
        for handler in logging.getLogger().handlers:
            handler.addFilter(_own_records)
    if command_argv is not None:
        return run(command_argv)
    if argv and argv[0] in ("-h", "--help"):
        build_parser().print_help()
        print("\nWithout a command: main.py [--db PATH] [FILE ...] opens the window.")
        return 0
    gui = _Parser(prog="main.py", description="Open the Fact-Check Reader window.")
    gui.add_argument("--db", help="the library file")
    gui.add_argument("--debug", action="store_true", help="show the traceback of a bug")
    gui.add_argument("files", nargs="*", metavar="FILE")
    args = gui.parse_args(argv)
    for name in args.files:
        if name in COMMANDS and not Path(name).exists():
            # "main.py FILE import": a command where a file belongs would open the window
            # with nothing to show (or hang without a display).
            print(
                f"error: '{name}' is a command, not a file; put it first: "
                f"main.py {name} … (see main.py --help)",
                file=sys.stderr,
            )
            return 2
    from reader.ui.display import missing_display

    no_display = missing_display(os.environ)
    if no_display:
        print(f"error: {no_display}", file=sys.stderr)
        return 2
    from reader.ui.app import run_gui

    return run_gui(_db_path(args), [Path(f) for f in args.files])
