"""The library dump: lossless JSON of whole articles, and merging one back in.

This walks the tables themselves (every version, the raw input, trashed rows), so it
lives in the store; :mod:`reader.export` only renders articles handed to it.

The document holds every article with all its versions (raw input as base64), its
notes with their sources, and the user's block choices.  Export is deterministic
(sorted, no export time), so export → import into an empty library → export gives
byte-identical JSON.  Import merges by UUID: a row missing from the library is added;
a row present in both keeps the newer edit (by its ``updated`` time).  The whole file
is read and checked before anything is written, and merged in one transaction, so a
damaged file is refused whole.  Only faults of the file become an
:class:`~reader.core.errors.InputError`; a fault of ours while merging stays a bug.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.anchor import normalize_state, reanchor
from reader.core.errors import InputError
from reader.core.models import JsonObject, Selector
from reader.core.verdicts import BY_KEY, STANCES, STATUSES
from reader.core.worddiff import mark_labels, render_plain, word_diff
from reader.store._sql import Sql, SqlValue

if TYPE_CHECKING:
    from reader.store.library import Library

FORMAT = "fact-check-reader"
FORMAT_VERSION = 1


DUMPED_TABLES = frozenset(
    {
        "articles",
        "article_versions",
        "notes",
        "sources",
        "block_overrides",
        "note_confirmations",
        "claim_dismissals",
    }
)
# Keys of an exported note that are no column of ``notes``: its rows in other tables,
# and the word diff of a changed note, shown for readers and recomputed, never read.
_NOTE_EXTRAS = ("sources", "confirmations", "word_diff")


def iter_rows(
    lib: Library, table: str, where: str = "", params: Iterable[SqlValue] = ()
) -> Iterator[JsonObject]:
    """Raw rows of one table, for the lossless JSON export and import."""
    if table not in DUMPED_TABLES:
        raise ValueError(f"unknown table {table!r}")
    sql = f"SELECT * FROM {table}" + (f" WHERE {where}" if where else "")
    return lib.sql.query(sql, list(params))


def export_library(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> JsonObject:
    """The lossless document for the given articles (all when ``None``)."""
    where = "" if include_trash else "deleted_at IS NULL"
    rows = list(iter_rows(lib, "articles", where))
    if article_ids is not None:
        wanted = set(article_ids)
        rows = [r for r in rows if r["id"] in wanted]
    rows.sort(key=lambda r: (r["created"], r["id"]))
    articles = []
    for art in rows:
        aid = art["id"]
        versions = []
        for v in sorted(
            iter_rows(lib, "article_versions", "article_id = ?", [aid]), key=lambda v: v["version"]
        ):
            v = dict(v)
            v["raw"] = base64.b64encode(v["raw"] or b"").decode("ascii")
            v["blocks"] = json.loads(v["blocks"])
            v["dropped"] = json.loads(v["dropped"])
            del v["article_id"]
            versions.append(v)
        note_where = "article_id = ?" + ("" if include_trash else " AND deleted_at IS NULL")
        notes = []
        for n in sorted(
            iter_rows(lib, "notes", note_where, [aid]),
            key=lambda n: (n["start"], n["end"], n["created"], n["id"]),
        ):
            n = dict(n)
            n["tags"] = json.loads(n["tags"])
            del n["article_id"]
            srcs = sorted(
                iter_rows(lib, "sources", "note_id = ?", [n["id"]]), key=lambda s: s["position"]
            )
            n["sources"] = [{k: v for k, v in s.items() if k != "note_id"} for s in srcs]
            history = iter_rows(lib, "note_confirmations", "note_id = ?", [n["id"]])
            n["confirmations"] = [
                {k: v for k, v in c.items() if k != "note_id"}
                for c in sorted(history, key=lambda c: (c["confirmed_at"], c["id"]))
            ]
            diff = _word_diff_of(n)
            if diff is not None:
                n["word_diff"] = diff
            notes.append(n)
        overrides = sorted(
            (
                {"text": o["text"], "action": o["action"]}
                for o in iter_rows(lib, "block_overrides", "article_id = ?", [aid])
            ),
            key=lambda o: o["text"],
        )
        # The claim radar's dismissals are the user's judgement (scores are derived and
        # recomputed, so they stay out).
        dismissals = sorted(
            (
                {"exact": d["exact"], "dismissed_at": d["dismissed_at"]}
                for d in iter_rows(lib, "claim_dismissals", "article_id = ?", [aid])
            ),
            key=lambda d: (d["dismissed_at"], d["exact"]),
        )
        articles.append(
            {
                **art,
                "versions": versions,
                "notes": notes,
                "block_overrides": overrides,
                "claim_dismissals": dismissals,
            }
        )
    return {"format": FORMAT, "version": FORMAT_VERSION, "articles": articles}


def dumps(document: JsonObject) -> str:
    """Serialise a lossless document (stable key order, UTF-8 kept readable)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> str:
    """The lossless JSON text for the given articles (all when ``None``)."""
    return dumps(export_library(lib, article_ids, include_trash=include_trash))


class DamagedExport(ValueError):
    """A value in an export file that the app would never have written."""


@dataclass
class _ArticleRows:
    """One article of an export file, as rows ready to merge."""

    article: JsonObject
    versions: list[JsonObject]
    notes: list[JsonObject]
    sources: dict[str, list[JsonObject]]
    overrides: list[JsonObject]
    current_text: str
    history: list[JsonObject]  # the notes' confirmations (note_confirmations rows)
    dismissals: list[JsonObject]  # claim_dismissals rows ("not worth checking")


def import_json(lib: Library, text: str) -> MergeReport:
    """Merge a lossless JSON document into ``lib``; report what was done.

    The whole file is read and checked first, then merged in one transaction: a
    damaged file (an :class:`~reader.core.errors.InputError`) changes nothing.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"This is not a Fact-Check Reader JSON export (invalid JSON at line {exc.lineno}). "
            "Choose a file made with Export → JSON."
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(
            "This JSON file is not a Fact-Check Reader export. Choose a file made with "
            "Export → JSON."
        )
    version = doc.get("version", 0)
    if not isinstance(version, int):
        raise InputError(_damaged(f"format version {version!r}"))
    if version > FORMAT_VERSION:
        raise InputError(
            "This export was made by a newer version of Fact-Check Reader. Update the app "
            "to import it."
        )
    # Only reading the document is guarded here: KeyError and TypeError can only come
    # from a missing or mistyped field, the checks raise DamagedExport.
    try:
        articles = doc["articles"]
        if not isinstance(articles, list):
            raise DamagedExport("articles must be a list")
        parsed = [_read_article(lib.sql, art) for art in articles]
    except (KeyError, TypeError, DamagedExport, binascii.Error) as exc:
        raise InputError(_damaged(_describe(exc))) from exc
    for rows in parsed:
        rows.notes = [{**n, **_trusted_place(n, rows.current_text)} for n in rows.notes]
    report = MergeReport()
    try:
        with lib.sql.write():
            for rows in parsed:
                merge_article_rows(
                    lib,
                    rows.article,
                    rows.versions,
                    rows.notes,
                    rows.sources,
                    rows.overrides,
                    report,
                )
                for record in rows.history:
                    lib.sql.insert("note_confirmations", record, or_ignore=True)
                for record in rows.dismissals:
                    lib.sql.insert("claim_dismissals", record, or_ignore=True)
    except sqlite3.IntegrityError as exc:
        # The rows were checked against the schema; what is left is the file's data
        # contradicting itself or the library (the same id for two things).
        raise InputError(_damaged(str(exc))) from exc
    lib.reindex()
    return report


def _damaged(detail: str) -> str:
    return (
        f"This Fact-Check Reader export is incomplete or damaged ({detail}); nothing was "
        "imported. Export the library again, or choose another file."
    )


def _read_article(sql: Sql, art: JsonObject) -> _ArticleRows:
    """Rows for one article of an export file, each checked against its table."""
    aid = art["id"]
    if not isinstance(aid, str):
        raise DamagedExport("an article id must be text")
    article_row = {
        k: v
        for k, v in art.items()
        if k not in ("versions", "notes", "block_overrides", "claim_dismissals")
    }
    _check_row(sql, "articles", article_row)
    versions = []
    for v in art["versions"]:
        row = {
            **v,
            "article_id": aid,
            "raw": base64.b64decode(v["raw"], validate=True),
            "blocks": json.dumps(v["blocks"]),
            "dropped": json.dumps(v["dropped"], ensure_ascii=False),
        }
        _check_row(sql, "article_versions", row)
        versions.append(row)
    texts = {v["version"]: v["text"] for v in art["versions"]}
    current_text = texts.get(article_row.get("current_version"))
    if not isinstance(current_text, str):
        raise DamagedExport(f"article {aid} has no text for its current version")
    notes: list[JsonObject] = []
    sources: dict[str, list[JsonObject]] = {}
    history: list[JsonObject] = []
    for n in art["notes"]:
        _check_note(n)
        note_row = {
            **{k: v for k, v in n.items() if k not in _NOTE_EXTRAS},
            **_wording_of(n),
            "article_id": aid,
            "tags": json.dumps(n["tags"], ensure_ascii=False),
        }
        _check_row(sql, "notes", note_row)
        notes.append(note_row)
        sources[n["id"]] = [{**src, "note_id": n["id"]} for src in n["sources"]]
        for row in sources[n["id"]]:
            _check_row(sql, "sources", row)
        for record in n.get("confirmations", []):
            row = {**record, "note_id": n["id"]}
            _check_row(sql, "note_confirmations", row)
            history.append(row)
    overrides = [{**o, "article_id": aid} for o in art["block_overrides"]]
    for row in overrides:
        _check_row(sql, "block_overrides", row)
    # Absent from exports made before the claim radar.
    dismissals = [{**d, "article_id": aid} for d in art.get("claim_dismissals", [])]
    for row in dismissals:
        _check_row(sql, "claim_dismissals", row)
    return _ArticleRows(
        article_row, versions, notes, sources, overrides, current_text, history, dismissals
    )


def _check_row(sql: Sql, table: str, row: JsonObject) -> None:
    """Refuse a key that ``table`` has no column for, or a value no column holds."""
    columns = sql.columns(table)
    for name, value in row.items():
        if name not in columns:
            raise DamagedExport(f"{table} has no column {name!r}")
        if value is not None and not isinstance(value, (str, int, float, bytes)):
            raise DamagedExport(f"{table}.{name} cannot hold a {type(value).__name__}")


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
    if n["status"] not in STATUSES:
        raise DamagedExport(f"unknown status {n['status']!r}")
    if not isinstance(n["tags"], list) or not all(isinstance(t, str) for t in n["tags"]):
        raise DamagedExport("note tags must be a list of text")
    for src in n["sources"]:
        if not isinstance(src["url"], str) or not isinstance(src["id"], str):
            raise DamagedExport("a source's url and id must be text")
        if src.get("stance", "context") not in STANCES:
            raise DamagedExport(f"unknown stance {src['stance']!r}")


def _word_diff_of(n: JsonObject) -> JsonObject | None:
    """For a changed note: the verdict was rated on the earlier wording, and the diff."""
    if n["anchor_state"] != "changed":
        return None
    checked = n["checked_exact"] or n["original_exact"] or n["exact"]
    diff = word_diff(checked, n["exact"])
    return {
        "rated_on_earlier_wording": True,
        "severity": diff.severity,
        "marks": mark_labels(diff.marks),
        "plain": render_plain(diff),
    }


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

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"articles: {self.articles_added} added, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged; notes: {self.notes_added} added, "
            f"{self.notes_updated} updated, {self.notes_unchanged} unchanged, "
            f"{self.notes_kept_newer} kept (the library's edit was newer)"
        )


def merge_article_rows(
    lib: Library,
    article: JsonObject,
    versions: list[JsonObject],
    notes: list[JsonObject],
    sources: dict[str, list[JsonObject]],
    overrides: list[JsonObject],
    report: MergeReport,
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
