"""The article commands: import, update, reclean, list, show, clean."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import open_lib, read_stdin
from reader.core.errors import UserError
from reader.core.models import Note
from reader.core.verdicts import STATUS_LABELS, label

if TYPE_CHECKING:
    from reader.app.articles import UpdateReport


def cmd_import(args: argparse.Namespace) -> int:
    from reader.app import articles
    from reader.core.errors import NoArticleError

    if len(args.source) > 1:
        with open_lib(args, create=True) as lib:
            result = articles.import_sources(lib, args.source)
        for aid in result.ids:
            print(aid)
        for source, warning in result.warnings:  # the article is stored all the same
            print(f"{source}: warning: {warning}", file=sys.stderr)
        for source, why in result.failures:
            print(f"{source}: {why}", file=sys.stderr)
        return 1 if result.failures and not result.ids else 0
    source = args.source[0]
    raw = read_stdin() if source == "-" else articles.read_input(source)
    try:
        clean = articles.clean_raw(raw)  # first: input without an article creates no library
    except NoArticleError as exc:
        if not (args.whole and exc.text.strip()):
            raise
        with open_lib(args, create=True) as lib:
            print(articles.keep_whole_text(lib, exc.text, source))
        return 0
    with open_lib(args, create=True) as lib:
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

    with open_lib(args) as lib:
        aid = articles.resolve(lib, args.id)
        if args.source == "-":
            report = articles.update_from_raw(lib, aid, read_stdin())
        else:
            report = articles.update_from_source(lib, aid, args.source)
    _print_update(report)
    return 0


def cmd_reclean(args: argparse.Namespace) -> int:
    from reader.app import articles

    with open_lib(args) as lib:
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

    with open_lib(args) as lib:
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

    with open_lib(args) as lib:
        rows = articles.list_articles(lib, to_check=True if args.to_check else None)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        site = f" — {r.site_name}" if r.site_name else ""
        doubt = "  [cleaning to check]" if r.cleaning_to_check else ""
        print(f"{r.id}  {r.title or '(untitled)'}{site}  [{r.note_count} notes]{doubt}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.app import articles
    from reader.app.notes import note_history

    with open_lib(args) as lib:
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


def cmd_clean(args: argparse.Namespace) -> int:
    from reader.app.articles import clean_raw, clean_source
    from reader.app.exports import make_folder, write_text_file

    out_dir = Path(args.out_dir) if args.out_dir else None
    if out_dir:
        make_folder(out_dir)
    failures = 0
    written: set[Path] = set()

    def output(source: str, suffix: str, *, say: bool = True) -> Path | None:
        """Where ``source``'s result goes; None (and said why) when that would replace a
        file the user already had, or the result of an earlier input of this run."""
        assert out_dir is not None
        path = out_dir / f"{Path(source).name.split('.')[0]}{suffix}"
        if not say and (path in written or path.exists()) and not args.force:
            return None
        if path in written:
            print(
                f"{source}: not written: {path.name} already holds the result of an earlier "
                "file of this run. Give the files different names.",
                file=sys.stderr,
            )
            return None
        if path.exists() and not args.force:
            print(
                f"{source}: not written: {path} already exists and was left alone. Add "
                "--force to replace it, or choose another --out-dir.",
                file=sys.stderr,
            )
            return None
        written.add(path)
        return path

    for source in args.files:
        try:
            clean = clean_raw(read_stdin()) if source == "-" else clean_source(source)
        except UserError as exc:
            print(f"{source}: {exc}", file=sys.stderr)
            failures += 1
            # An empty result, as a benchmark scores an extractor that gives up.
            if out_dir and (empty := output(source, ".txt", say=False)) is not None:
                write_text_file(empty, "")
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
            path = output(source, ".json" if args.format == "json" else ".txt")
            if path is None:
                failures += 1
            else:
                write_text_file(path, text)
        else:
            sys.stdout.write(text)
    return 1 if failures and failures == len(args.files) else 0
