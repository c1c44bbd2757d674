"""The library dump: lossless JSON of whole articles, and merging one back in.

This walks the tables themselves (every version, the raw input, trashed rows), so it
lives in the store; :mod:`reader.export` only renders articles handed to it.

The document holds every article with all its versions (raw input as base64), its
notes with their sources, and the user's block choices.  Export is deterministic
(sorted, no export time), so export → import into an empty library → export gives
byte-identical JSON.  Import merges by UUID: a row missing from the library is added;
a row present in both keeps the newer edit (by its ``updated`` time).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.anchor import reanchor
from reader.core.errors import InputError
from reader.core.models import Selector
from reader.core.verdicts import BY_KEY, STANCES, STATUSES
from reader.store._sql import Sql

if TYPE_CHECKING:
    from reader.store.library import Library

FORMAT = "fact-check-reader"
FORMAT_VERSION = 1


DUMPED_TABLES = frozenset({"articles", "article_versions", "notes", "sources", "block_overrides"})


def iter_rows(
    lib: Library, table: str, where: str = "", params: Iterable[Any] = ()
) -> Iterator[dict[str, Any]]:
    """Raw rows of one table, for the lossless JSON export and import."""
    if table not in DUMPED_TABLES:
        raise ValueError(f"unknown table {table!r}")
    sql = f"SELECT * FROM {table}" + (f" WHERE {where}" if where else "")
    return lib.sql.query(sql, list(params))


def export_library(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> dict[str, Any]:
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
            notes.append(n)
        overrides = sorted(
            (
                {"text": o["text"], "action": o["action"]}
                for o in iter_rows(lib, "block_overrides", "article_id = ?", [aid])
            ),
            key=lambda o: o["text"],
        )
        articles.append({**art, "versions": versions, "notes": notes, "block_overrides": overrides})
    return {"format": FORMAT, "version": FORMAT_VERSION, "articles": articles}


def dumps(document: dict[str, Any]) -> str:
    """Serialise a lossless document (stable key order, UTF-8 kept readable)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> str:
    """The lossless JSON text for the given articles (all when ``None``)."""
    return dumps(export_library(lib, article_ids, include_trash=include_trash))


def import_json(lib: Library, text: str) -> MergeReport:
    """Merge a lossless JSON document into ``lib``; report what was done."""
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
    if int(doc.get("version", 0)) > FORMAT_VERSION:
        raise InputError(
            "This export was made by a newer version of Fact-Check Reader. Update the app "
            "to import it."
        )
    report = MergeReport()
    try:
        for art in doc["articles"]:
            aid = art["id"]
            article_row = {
                k: v for k, v in art.items() if k not in ("versions", "notes", "block_overrides")
            }
            versions = []
            for v in art["versions"]:
                versions.append(
                    {
                        **v,
                        "article_id": aid,
                        "raw": base64.b64decode(v["raw"]),
                        "blocks": json.dumps(v["blocks"]),
                        "dropped": json.dumps(v["dropped"], ensure_ascii=False),
                    }
                )
            texts = {v["version"]: v["text"] for v in art["versions"]}
            current_text = texts.get(article_row.get("current_version"))
            if not isinstance(current_text, str):
                raise ValueError(f"article {aid} has no text for its current version")
            notes, sources = [], {}
            for n in art["notes"]:
                _check_note(n)
                notes.append(
                    {
                        **{k: v for k, v in n.items() if k != "sources"},
                        **_trusted_place(n, current_text),
                        "article_id": aid,
                        "tags": json.dumps(n["tags"], ensure_ascii=False),
                    }
                )
                sources[n["id"]] = [{**s, "note_id": n["id"]} for s in n["sources"]]
            overrides = [{**o, "article_id": aid} for o in art["block_overrides"]]
            merge_article_rows(lib, article_row, versions, notes, sources, overrides, report)
    except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
        raise InputError(
            f"This Fact-Check Reader export is incomplete or damaged ({_describe(exc)}); "
            "nothing after that point was imported."
        ) from exc
    lib.reindex()
    return report


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    return str(exc) or type(exc).__name__


def _check_note(n: dict[str, Any]) -> None:
    """Refuse values the app would never write (a tampered or hand-edited file)."""
    for key in ("id", "created", "updated", "exact"):
        if not isinstance(n[key], str):
            raise TypeError(f"note {key} must be text")
    if n.get("verdict") is not None and n["verdict"] not in BY_KEY:
        raise ValueError(f"unknown verdict {n['verdict']!r}")
    if n["status"] not in STATUSES:
        raise ValueError(f"unknown status {n['status']!r}")
    if not isinstance(n["tags"], list) or not all(isinstance(t, str) for t in n["tags"]):
        raise TypeError("note tags must be a list of text")
    for src in n["sources"]:
        if not isinstance(src["url"], str) or not isinstance(src["id"], str):
            raise TypeError("a source's url and id must be text")
        if src.get("stance", "context") not in STANCES:
            raise ValueError(f"unknown stance {src['stance']!r}")


def _trusted_place(n: dict[str, Any], text: str) -> dict[str, Any]:
    """The note's place in ``text``: as given if its offsets hold its quote, else found again.

    Offsets in a file are not trusted: a note whose offsets do not hold its quote in the
    article's current text is re-anchored by its quote and context (and may come back
    ``drifted`` or ``orphan``), exactly as after an article update.
    """
    start, end = n["start"], n["end"]
    if not isinstance(start, int) or not isinstance(end, int):
        raise TypeError("note start and end must be whole numbers")
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
    )
    sel = found.selector
    place: dict[str, Any] = {"anchor_state": found.state}
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
    article: dict[str, Any],
    versions: list[dict[str, Any]],
    notes: list[dict[str, Any]],
    sources: dict[str, list[dict[str, Any]]],
    overrides: list[dict[str, Any]],
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
