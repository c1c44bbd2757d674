"""The argument table: every command, its options and the function that runs it."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import NoReturn

from reader.core.verdicts import BY_KEY, STATUSES

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
    "trash",
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

NOTE_ACTIONS = ("add", "edit", "rm", "move")
TRASH_ACTIONS = ("list", "rm", "restore", "empty")


class Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error that says where help is."""

    def error(self, message: str) -> NoReturn:
        # argparse quotes values as Python does ('x'); a person reads them bare.
        message = re.sub(r"'([^'\s]*)'", r"\1", message)
        self.exit(2, f"error: {message} (see: {self.prog} --help)\n")


def _sentence_range(text: str) -> tuple[int, int]:
    """``"4"`` or ``"3-5"`` → (first, last)."""
    first, sep, last = text.partition("-")
    try:
        return (int(first), int(last) if sep else int(first))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a sentence number or range (for example 4 or 3-5)"
        ) from None


def _positive(text: str) -> int:
    """A whole number of at least 1 (``--top``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number of 1 or more")
    return value


def _action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse.ArgumentParser:
    """One action of a command that has several (``note add``, ``trash restore``)."""
    q = actions.add_parser(name, help=help, description=help)
    # Accepted after the action too; SUPPRESS keeps a value given before it.
    q.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    q.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of a bug",
    )
    return q


def build_parser() -> argparse.ArgumentParser:
    # The handlers' modules are imported here, not with this one: opening the window
    # (no command) needs only COMMANDS, and they are a few ms of its start-up.
    from reader.cli.articles import (
        cmd_clean,
        cmd_import,
        cmd_list,
        cmd_reclean,
        cmd_show,
        cmd_update,
    )
    from reader.cli.claims import cmd_checkworthy, cmd_claims, cmd_import_factchecks, cmd_match
    from reader.cli.exports import cmd_export
    from reader.cli.library import (
        cmd_backup,
        cmd_import_annotations,
        cmd_import_json,
        cmd_restore,
        cmd_search,
        cmd_trash,
    )
    from reader.cli.notes import cmd_note

    parser = Parser(
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
    p.add_argument(
        "source",
        nargs="+",
        metavar="FILE|URL|-",
        help="a saved web page or text file, an http(s) address, or - to read standard input",
    )
    p.add_argument(
        "--whole",
        action="store_true",
        help="keep the whole text as an article when no article is recognised in it",
    )
    p.add_argument("--new", action="store_true", help="store it even if the library already has it")
    p = add(
        "update",
        cmd_update,
        "store a new version of an article; its notes stay with their sentence "
        "(kept with their words if it is gone)",
    )
    p.add_argument("id", nargs="?", help="the article's id (see list)")
    p.add_argument(
        "source",
        nargs="?",
        metavar="FILE|URL|-",
        help="the new version: a file, an http(s) address, or - for standard input",
    )
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
    p.add_argument("id", help="the article's id (see list)")
    p = add("list", cmd_list, "list the articles")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.add_argument(
        "--to-check",
        action="store_true",
        help="only articles whose cleaning the cleaner doubted and nobody has checked",
    )
    p = add("show", cmd_show, "show an article with numbered sentences, then its notes")
    p.add_argument("id", help="the article's id (see list)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = add("note", cmd_note, "add, edit, delete or move a note (see note add --help)")
    notes_sub = p.add_subparsers(dest="note_action", metavar="ACTION")

    def note_action(name: str, help: str) -> argparse.ArgumentParser:
        return _action(notes_sub, name, help)

    def note_fields(q: argparse.ArgumentParser, *, editing: bool) -> None:
        q.add_argument(
            "--verdict",
            choices=[*BY_KEY, "none"],
            metavar="KEY",
            help="a verdict key, or 'none' (no verdict yet)",
        )
        q.add_argument(
            "--status",
            default=None if editing else "to_check",
            choices=STATUSES,
            help="where the check stands" + ("" if editing else " (default: to_check)"),
        )
        q.add_argument("--conclusion", help="the one-line conclusion")
        q.add_argument("--body", help="the note itself, in Markdown")
        q.add_argument(
            "--tag",
            action="append",
            help="repeatable" + ("; replaces the tags (--tag '' removes them)" if editing else ""),
        )
        q.add_argument(
            "--source",
            action="append",
            metavar="URL",
            help="an http(s) address or a DOI; repeatable"
            + ("; replaces the sources" if editing else ""),
        )
        q.add_argument(
            "--source-title",
            action="append",
            metavar="TITLE",
            help="the title of the --source given in the same place; repeatable",
        )

    q = note_action("add", "add a note to sentence N, or to --sentences 3-5 (the title is 1)")
    q.add_argument("id", metavar="ARTICLE", help="the article's id (see list)")
    q.add_argument("n", type=int, metavar="N", nargs="?", help="the sentence's number (see show)")
    q.add_argument(
        "--sentences", type=_sentence_range, metavar="FIRST-LAST", help="a run of sentences"
    )
    note_fields(q, editing=False)
    q = note_action("edit", "change a note's verdict, status, conclusion, body, tags or sources")
    q.add_argument("note_id", metavar="NOTE", help="the note's id (see show)")
    note_fields(q, editing=True)
    q = note_action("rm", "move a note to the Trash (main.py trash restore brings it back)")
    q.add_argument("note_id", metavar="NOTE", help="the note's id (see show)")
    q = note_action("move", "re-attach a note to sentence N (--sentence) or a range")
    q.add_argument("note_id", metavar="NOTE", help="the note's id (see show)")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--sentence", type=int, metavar="N", help="the sentence's number")
    g.add_argument(
        "--sentences", type=_sentence_range, metavar="FIRST-LAST", help="a run of sentences"
    )
    p = add("export", cmd_export, "export the notes of an article, or of all articles")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("id", nargs="?", help="the article's id (see list)")
    g.add_argument("--all", action="store_true", help="every article in the library")
    p.add_argument(
        "--format", default="md", choices=EXPORT_FORMATS, help="the export's format (default: md)"
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, or a folder for one file per article (default, or -: standard output)",
    )
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
    p.add_argument("file", metavar="FILE", help="a file made by export --format json")
    p.add_argument("--check", action="store_true", help="only check the file; import nothing")
    p = add(
        "import-annotations",
        cmd_import_annotations,
        "bring in notes from W3C Web Annotation or Hypothesis files (JSON or JSON Lines)",
    )
    p.add_argument("file", metavar="FILE", help="a W3C Web Annotation or Hypothesis export")
    p = add("search", cmd_search, "search articles, notes, sources and tags")
    p.add_argument(
        "query", help='words to find (each also as the start of a word); "quoted words" as a phrase'
    )
    p.add_argument("--verdict", choices=list(BY_KEY), metavar="KEY", help="only this verdict")
    p.add_argument("--status", choices=list(STATUSES), help="only this status")
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--has-notes", choices=("yes", "no"), help="only articles with or without notes")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p = add("backup", cmd_backup, "make a backup copy of the library now")
    p = add("restore", cmd_restore, "list backups, or restore one (the current file is kept aside)")
    p.add_argument(
        "backup", nargs="?", metavar="BACKUP", help="the backup to restore (default: list them)"
    )
    p = add(
        "trash",
        cmd_trash,
        "list the Trash, move articles to it, bring articles and notes back, or empty it",
    )
    trash_sub = p.add_subparsers(dest="trash_action", metavar="ACTION")
    _action(trash_sub, "list", "list what is in the Trash (the default)")
    q = _action(trash_sub, "rm", "move articles, with their notes, to the Trash")
    q.add_argument("ids", nargs="+", metavar="ARTICLE", help="the article's id (see list)")
    q = _action(trash_sub, "restore", "bring an article or a note back from the Trash")
    q.add_argument("ids", nargs="+", metavar="ID", help="the item's id (see trash list)")
    q = _action(trash_sub, "empty", "delete everything in the Trash for good")
    q.add_argument(
        "--yes", action="store_true", help="really delete it: without it, only say what would go"
    )
    p = add("import-factchecks", cmd_import_factchecks, "add fact-checks (ClaimReview JSON or TSV)")
    p.add_argument(
        "file", metavar="FILE", help="ClaimReview JSON(-LD) or a TSV of claim, title, url, rating"
    )
    p = add("match", cmd_match, "rank a claims TSV for each query of a TSV (TREC run lines)")
    p.add_argument(
        "--corpus",
        required=True,
        metavar="CLAIMS.tsv",
        help="id, claim, title (tab-separated, under a header line)",
    )
    p.add_argument(
        "queries", metavar="QUERIES.tsv", help="id, text (tab-separated, under a header line)"
    )
    p.add_argument(
        "--top", type=_positive, default=5, metavar="N", help="claims per query (default: 5)"
    )
    p.add_argument(
        "--mode",
        default="fused",
        choices=("fused", "bm25", "dense", "contextual"),
        help="the ranking: all fused (default), or one alone",
    )
    from reader.core.claim_match import WORKFLOW_STATES

    p = add("claims", cmd_claims, "list every noted claim, grouped by link (CSV or Markdown)")
    p.add_argument("--state", choices=WORKFLOW_STATES, help="only claims in this workflow state")
    p.add_argument("--verdict", choices=[*BY_KEY, "none"], metavar="KEY", help="only this verdict")
    p.add_argument("--speaker", help="only claims made by this speaker")
    p.add_argument("--filter", metavar="TEXT", help="only claims whose text or article has TEXT")
    p.add_argument("--sort", default="group", choices=CLAIM_SORTS, help="the column to sort by")
    p.add_argument("--desc", action="store_true", help="sort in descending order")
    p.add_argument("--format", default="csv", choices=("csv", "markdown"), help="default: csv")
    p.add_argument(
        "-o", "--out", metavar="FILE", help="write to FILE (default, or -: standard output)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --out file that is not a claims table Fact-Check Reader wrote",
    )

    p = sub.add_parser(
        "clean",
        help="clean files without storing them",
        description="clean files without storing them",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="saved web pages or text files")
    p.add_argument("--body", action="store_true", help="the article body only")
    p.add_argument(
        "--format",
        default="text",
        choices=("text", "json"),
        help="text (default), or JSON with blocks and the cleaner's confidence",
    )
    p.add_argument(
        "--out-dir", metavar="DIR", help="write one .txt per file there (default: standard output)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace files that are already in --out-dir"
    )
    p.add_argument("--db", help="not used: clean stores nothing")
    p.add_argument("--debug", action="store_true", help="show the traceback of a bug")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser(
        "checkworthy",
        help="score the sentences of a TSV (Sentence_id, Text) for check-worthiness",
        description="print Sentence_id, score, Yes|No and the claim-type reasons per sentence",
    )
    p.add_argument("file", metavar="FILE.tsv", help="a TSV with Sentence_id and Text columns")
    p.set_defaults(func=cmd_checkworthy)
    return parser
