"""Merging a lossless JSON dump (:mod:`reader.store.dump`) back into a library.

Import merges by UUID: a row missing from the library is added; a row present in both
keeps the newer edit (by its ``updated`` time).  The whole file is checked before
anything is written (:mod:`reader.store.dump_check`), then each article is merged, and
indexed for search, in one transaction of its own, so a file with any fault imports
nothing and a kill between articles leaves every article before it whole.  Only faults
of the file become an :class:`~reader.core.errors.InputError`; a fault of ours while
merging stays a bug.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from reader.core import json_text
from reader.core.anchor import normalize_state, reanchor
from reader.core.errors import InputError
from reader.core.files import cannot_read_message, open_user_file
from reader.core.models import JsonObject, Selector
from reader.core.verdicts import BY_KEY, STANCES, STATUSES
from reader.store._sql import Sql
from reader.store.dump_check import check_document

if TYPE_CHECKING:
    from reader.store.library import Library
from reader.store.dump import (
    FACTCHECK_BATCH,
    FORMAT,
    FORMAT_VERSION,
    NOTE_EXTRAS,
)


class DamagedExport(ValueError):
    """A value in an export file that the app would never have written."""


def parse_document(text: str) -> dict[str, Any]:
    """The export in ``text``, parsed and checked whole (see :mod:`reader.store.dump_check`).

    Raises :class:`InputError` with one line naming the first fault: not JSON, nested
    too deeply, not our format, or the JSON path of a malformed entry.
    """
    try:
        doc = json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"This is not a Fact-Check Reader JSON export (invalid JSON at line {exc.lineno}). "
            "Choose a file made with Export → JSON."
        ) from exc
    except RecursionError:
        raise _too_deep() from None
    check_document(doc, FORMAT, FORMAT_VERSION)
    return cast(dict[str, Any], doc)


# A pipe is refused (the file is read twice, checked whole, then imported): standard
# input is the way to pipe an export in.
EXPORT_FILE = "a JSON export file, or give - and pipe the export into standard input"


@contextlib.contextmanager
def _export_file(path: Path) -> Iterator[IO[str]]:
    """``path`` open as UTF-8 text; InputError when it is missing, a folder or unreadable."""
    handle = io.TextIOWrapper(open_user_file(path, what=EXPORT_FILE), encoding="utf-8-sig")
    try:
        yield handle
    except UnicodeDecodeError:
        raise InputError(
            f"{path} is not a Fact-Check Reader JSON export (it is not UTF-8 text). "
            "Choose a file made with Export → JSON."
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except OSError as exc:
        raise InputError(cannot_read_message(path, exc)) from exc
    finally:
        handle.close()


def _too_deep() -> InputError:
    return InputError(
        "This JSON file is nested far too deeply to be a Fact-Check Reader export "
        "(lists or objects inside each other hundreds of times). Nothing was imported."
    )


def check_json_file(path: Path) -> int:
    """Check the export at ``path`` whole, reading it piece by piece; count its articles.

    Raises :class:`InputError` naming the JSON path of the first fault.
    """
    from reader.store.dump_check import IdRegister, check_article, check_factcheck, check_header
    from reader.store.json_stream import iter_entries

    header: dict[str, Any] = {}
    ids = IdRegister()
    count = 0
    checks = 0
    with _export_file(path) as handle:
        for key, entry in iter_entries(handle, header):
            if "format" in header and header["format"] != FORMAT:
                break  # not ours: said below, without a confusing detail first
            if key == "articles":
                check_article(entry, f"articles[{count}]")
                ids.add(entry, f"articles[{count}]")
                count += 1
            else:
                check_factcheck(entry, f"factchecks[{checks}]")
                ids.add_factcheck(entry, f"factchecks[{checks}]")
                checks += 1
    check_header(header, FORMAT, FORMAT_VERSION)
    return count


def import_json_file(lib: Library, path: Path) -> MergeReport:
    """Merge the export at ``path`` into ``lib`` in bounded memory.

    The file is read twice, article by article: once to check all of it (a file with
    any fault imports nothing), once to import it, each article in its own
    transaction, indexed for search in the same one.
    """
    from reader.store.json_stream import iter_entries

    check_json_file(path)
    report = MergeReport()
    try:
        with lib.bulk_writes(), _export_file(path) as handle:
            batch: list[JsonObject] = []
            for key, entry in iter_entries(handle, {}):
                if key == "articles":
                    import_article(lib, entry, report)
                    continue
                batch.append(entry)
                if len(batch) >= FACTCHECK_BATCH:
                    merge_factchecks(lib, batch, report)
                    batch = []
            merge_factchecks(lib, batch, report)
    except (sqlite3.IntegrityError, DamagedExport) as exc:
        # The file was checked whole; what is left is its data contradicting the
        # library (the same id for two things).  Each article is its own transaction.
        raise InputError(
            f"This Fact-Check Reader export contradicts the library ({_describe(exc)}); "
            "the articles before that point were imported, nothing from there on."
        ) from exc
    return report


def check_json(text: str) -> int:
    """Check an export without importing it; return how many articles it holds."""
    return len(parse_document(text)["articles"])


def import_json(lib: Library, text: str) -> MergeReport:
    """Merge a lossless JSON document into ``lib``; report what was done.

    The whole document is checked first: a file with any fault imports nothing.  Each
    article is written, and indexed for search, in one transaction of its own.
    """
    doc = parse_document(text)
    report = MergeReport()
    try:
        with lib.bulk_writes():
            for art in doc["articles"]:
                import_article(lib, art, report)
            checks = doc.get("factchecks", [])  # absent from exports before issue 16
            for start in range(0, len(checks), FACTCHECK_BATCH):
                merge_factchecks(lib, checks[start : start + FACTCHECK_BATCH], report)
    except (sqlite3.IntegrityError, DamagedExport) as exc:
        # The file was checked whole; what is left is its data contradicting the
        # library (the same id for two things).  Each article is its own transaction.
        raise InputError(
            f"This Fact-Check Reader export contradicts the library ({_describe(exc)}); "
            "the articles before that point were imported, nothing from there on."
        ) from exc
    return report


def import_article(lib: Library, art: dict[str, Any], report: MergeReport) -> None:
    """Merge one checked article of an export into ``lib`` (one transaction)."""
    aid = art["id"]
    article_row = {
        k: v
        for k, v in art.items()
        if k not in ("versions", "notes", "block_overrides", "claim_dismissals")
    }
    versions = []
    for v in art["versions"]:
        versions.append(
            {
                **v,
                "article_id": aid,
                "raw": base64.b64decode(v.get("raw", "")),
                "blocks": json.dumps(v["blocks"]),
                "dropped": json.dumps(v.get("dropped", []), ensure_ascii=False),
            }
        )
    texts = {v["version"]: v["text"] for v in art["versions"]}
    current_text = texts.get(article_row.get("current_version", 1))
    if not isinstance(current_text, str):
        raise DamagedExport(f"article {aid} has no text for its current version")
    notes: list[JsonObject] = []
    sources: dict[str, list[JsonObject]] = {}
    history: list[JsonObject] = []
    links: list[JsonObject] = []
    workflows: list[JsonObject] = []
    for n in art.get("notes", []):
        _check_note(n)
        notes.append(
            {
                **{k: v for k, v in n.items() if k not in NOTE_EXTRAS},
                **_wording_of(n),
                **_trusted_place(n, current_text),
                "article_id": aid,
                "tags": json.dumps(n.get("tags", []), ensure_ascii=False),
            }
        )
        sources[n["id"]] = [
            {"position": i, **s, "note_id": n["id"]} for i, s in enumerate(n.get("sources", []))
        ]
        history.extend({**c, "note_id": n["id"]} for c in n.get("confirmations", []))
        # Absent from exports made before the claims memory (and for notes without any).
        links.extend(
            {
                "note_id": n["id"],
                "target_kind": x["kind"],
                "target_ref": x["ref"],
                "created": x["created"],
            }
            for x in n.get("claim_links", [])
        )
        if "claim_workflow" in n:
            workflows.append({"checked_by": "", **n["claim_workflow"], "note_id": n["id"]})
    overrides = [{**o, "article_id": aid} for o in art.get("block_overrides", [])]
    # Absent from exports made before the claim radar.
    dismissals = [{**d, "article_id": aid} for d in art.get("claim_dismissals", [])]
    merge_article_rows(
        lib,
        article_row,
        versions,
        notes,
        sources,
        overrides,
        report,
        history,
        dismissals,
        links=links,
        workflows=workflows,
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    return str(exc) or type(exc).__name__


def _check_note(n: JsonObject) -> None:
    """Refuse values the app would never write (a tampered or hand-edited file)."""
    for key in ("id", "created", "updated", "exact"):
        if not isinstance(n[key], str):
            raise DamagedExport(f"note {key} must be text")
    for key in ("prefix", "suffix", "text_sha256"):
        if not isinstance(n.get(key, ""), str):
            raise DamagedExport(f"note {key} must be text")
    for key in ("start", "end"):
        if not isinstance(n[key], int) or isinstance(n[key], bool):
            raise DamagedExport(f"note {key} must be a whole number")
    if n.get("verdict") is not None and n["verdict"] not in BY_KEY:
        raise DamagedExport(f"unknown verdict {n['verdict']!r}")
    if n.get("status", "to_check") not in STATUSES:
        raise DamagedExport(f"unknown status {n['status']!r}")
    tags = n.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise DamagedExport("note tags must be a list of text")
    for src in n.get("sources", []):
        if not isinstance(src["url"], str) or not isinstance(src["id"], str):
            raise DamagedExport("a source's url and id must be text")
        if src.get("stance", "context") not in STANCES:
            raise DamagedExport(f"unknown stance {src['stance']!r}")


def _wording_of(n: JsonObject) -> JsonObject:
    """The note's state and wordings as this version stores them.

    Exports made before notes kept their original wording have none: the quote is the
    best record left.  Their ``drifted`` state is now called ``changed``.
    """
    exact = n["exact"]
    original = n.get("original_exact") or exact
    checked = n.get("checked_exact") or original
    if not isinstance(original, str) or not isinstance(checked, str):
        raise DamagedExport("a note's wordings must be text")
    try:
        state = normalize_state(str(n.get("anchor_state", "ok")))
    except ValueError as exc:
        raise DamagedExport(str(exc)) from exc
    return {"anchor_state": state, "original_exact": original, "checked_exact": checked}


def _trusted_place(n: JsonObject, text: str) -> JsonObject:
    """The note's place in ``text``: as given if its offsets hold its quote, else found again.

    Offsets in a file are not trusted: a note whose offsets do not hold its quote in the
    article's current text is re-anchored by its quote and context (and may come back
    ``changed`` or ``orphan``), exactly as after an article update.
    """
    start, end = n["start"], n["end"]
    if n.get("anchor_state") == "orphan" or (
        0 <= start < end <= len(text) and text[start:end] == n["exact"]
    ):
        return {}
    found = reanchor(
        Selector(
            max(0, start),
            max(0, end),
            n["exact"],
            n.get("prefix", ""),
            n.get("suffix", ""),
            n.get("text_sha256", ""),
        ),
        text,
        checked=n.get("checked_exact") or n.get("original_exact") or n["exact"],
    )
    sel = found.selector
    place: JsonObject = {"anchor_state": found.state}
    if found.state != "orphan":
        place.update(
            start=sel.start,
            end=sel.end,
            exact=sel.exact,
            prefix=sel.prefix,
            suffix=sel.suffix,
            text_sha256=sel.text_sha256,
        )
    else:
        place.update(start=0, end=0)
    return place


@dataclass
class MergeReport:
    """What merging a lossless export into a library did."""

    articles_added: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    notes_unchanged: int = 0
    notes_kept_newer: int = 0
    factchecks_added: int = 0
    factchecks_unchanged: int = 0
    claim_links_added: int = 0

    def summary(self) -> str:
        """One line for the user."""
        text = (
            f"articles: {self.articles_added} added, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged; notes: {self.notes_added} added, "
            f"{self.notes_updated} updated, {self.notes_unchanged} unchanged, "
            f"{self.notes_kept_newer} kept (the library's edit was newer)"
        )
        if self.factchecks_added or self.factchecks_unchanged:
            text += (
                f"; fact-checks: {self.factchecks_added} added, "
                f"{self.factchecks_unchanged} already there"
            )
        if self.claim_links_added:
            text += f"; claim links: {self.claim_links_added} added"
        return text


def merge_article_rows(
    lib: Library,
    article: JsonObject,
    versions: list[JsonObject],
    notes: list[JsonObject],
    sources: dict[str, list[JsonObject]],
    overrides: list[JsonObject],
    report: MergeReport,
    history: list[JsonObject] = (),  # type: ignore[assignment]
    dismissals: list[JsonObject] = (),  # type: ignore[assignment]
    *,
    links: list[JsonObject] = (),  # type: ignore[assignment]
    workflows: list[JsonObject] = (),  # type: ignore[assignment]
) -> None:
    """Merge one article's raw rows into ``lib`` by UUID; the newer edit wins.

    Versions are immutable, so missing ones are added and present ones left alone.
    """
    sql: Sql = lib.sql
    with sql.write():
        existing = sql.conn.execute(
            "SELECT updated FROM articles WHERE id = ?", [article["id"]]
        ).fetchone()
        if existing is None:
            sql.insert("articles", article)
            report.articles_added += 1
        elif article["updated"] > existing[0]:
            sql.insert("articles", article, upsert_on=("id",))
            report.articles_updated += 1
        else:
            report.articles_unchanged += 1
        for v in versions:
            sql.insert("article_versions", v, or_ignore=True)
        for o in overrides:
            sql.insert("block_overrides", o, upsert_on=("article_id", "text"))
        for n in notes:
            row = sql.conn.execute("SELECT updated FROM notes WHERE id = ?", [n["id"]]).fetchone()
            if row is None:
                sql.insert("notes", n)
                report.notes_added += 1
            elif n["updated"] > row[0]:
                sql.insert("notes", n, upsert_on=("id",))
                report.notes_updated += 1
                sql.conn.execute("DELETE FROM sources WHERE note_id = ?", [n["id"]])
            elif n["updated"] == row[0]:
                report.notes_unchanged += 1
                continue
            else:
                report.notes_kept_newer += 1
                continue
            for s in sources.get(n["id"], []):
                sql.insert("sources", s, upsert_on=("id",))
        for record in history:  # confirmations are never edited: add the missing ones
            sql.insert("note_confirmations", record, or_ignore=True)
        for record in dismissals:  # a dismissal is kept once; the first date stands
            sql.insert("claim_dismissals", record, or_ignore=True)
        for record in links:  # a link is never edited: the missing ones are added
            before = sql.conn.total_changes
            sql.insert("claim_links", record, or_ignore=True)
            report.claim_links_added += sql.conn.total_changes - before
        for record in workflows:  # the later change of a claim's workflow wins
            row = sql.conn.execute(
                "SELECT updated FROM claim_workflow WHERE note_id = ?", [record["note_id"]]
            ).fetchone()
            if row is None or record["updated"] > row[0]:
                sql.insert("claim_workflow", record, upsert_on=("note_id",))
        # Indexed in the same transaction: a kill between articles leaves every article
        # already imported searchable, with no rebuild needed.
        lib.index_article_now(article["id"])


def merge_factchecks(lib: Library, entries: list[JsonObject], report: MergeReport) -> None:
    """Merge checked fact-check entries into ``lib`` (one transaction), and into the
    claims memory: their claims are embedded again, as when they were first imported.

    A fact-check is never edited, so one already in the library is left as it is.
    """
    from reader.store.claims_memory import ClaimsMemory

    if not entries:
        return
    sql: Sql = lib.sql
    ids = [e["id"] for e in entries]
    marks = ", ".join("?" * len(ids))
    mapped = sql.conn.execute("PRAGMA mmap_size").fetchone()  # None for a memory database
    with sql.write():
        known = {
            r[0] for r in sql.conn.execute(f"SELECT id FROM factchecks WHERE id IN ({marks})", ids)
        }
        for entry in entries:
            if entry["id"] in known:
                report.factchecks_unchanged += 1
                continue
            sql.insert("factchecks", entry)
            known.add(entry["id"])
            report.factchecks_added += 1
        # Every fact-check of the batch the memory lacks, whether new or not: a library
        # whose memory missed one catches up here too.
        remembered = {
            r[0]
            for r in sql.conn.execute(
                f"SELECT ref FROM claims WHERE kind = 'factcheck' AND ref IN ({marks})", ids
            )
        }
        rows = sql.conn.execute(
            f"SELECT id, claim, title FROM factchecks WHERE id IN ({marks})", ids
        ).fetchall()
        missing = [(r[0], r[1], r[2], None) for r in rows if r[0] not in remembered]
        if missing:
            ClaimsMemory(sql).add_claims("factcheck", missing)
    if mapped is not None:
        # The memory maps the library for fast searches; an import never searches, and
        # every mapped page it touched would stay in its resident memory (47 MB more at
        # 100,000 fact-checks): the connection's own setting is put back.
        sql.conn.execute(f"PRAGMA mmap_size = {int(mapped[0])}")
