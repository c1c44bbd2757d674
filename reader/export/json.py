"""Lossless JSON: everything needed to rebuild a library, and its import.

The document holds every article with all its versions (raw input as base64), its
notes with their sources, and the user's block choices.  Export is deterministic
(sorted, no export time), so export → import into an empty library → export gives
byte-identical JSON.  Import merges by UUID: a row missing from the library is added;
a row present in both keeps the newer edit (by its ``updated`` time).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from typing import Any

from reader.core.errors import InputError
from reader.store.library import Library, MergeReport, merge_article_rows

FORMAT = "fact-check-reader"
FORMAT_VERSION = 1


def export_library(
    lib: Library, article_ids: Iterable[str] | None = None, *, include_trash: bool = False
) -> dict[str, Any]:
    """The lossless document for the given articles (all when ``None``)."""
    where = "" if include_trash else "deleted_at IS NULL"
    rows = list(lib.iter_rows("articles", where))
    if article_ids is not None:
        wanted = set(article_ids)
        rows = [r for r in rows if r["id"] in wanted]
    rows.sort(key=lambda r: (r["created"], r["id"]))
    articles = []
    for art in rows:
        aid = art["id"]
        versions = []
        for v in sorted(lib.iter_rows("article_versions", "article_id = ?", [aid]),
                        key=lambda v: v["version"]):
            v = dict(v)
            v["raw"] = base64.b64encode(v["raw"] or b"").decode("ascii")
            v["blocks"] = json.loads(v["blocks"])
            v["dropped"] = json.loads(v["dropped"])
            del v["article_id"]
            versions.append(v)
        note_where = "article_id = ?" + ("" if include_trash else " AND deleted_at IS NULL")
        notes = []
        for n in sorted(lib.iter_rows("notes", note_where, [aid]),
                        key=lambda n: (n["start"], n["end"], n["created"], n["id"])):
            n = dict(n)
            n["tags"] = json.loads(n["tags"])
            del n["article_id"]
            srcs = sorted(lib.iter_rows("sources", "note_id = ?", [n["id"]]),
                          key=lambda s: s["position"])
            n["sources"] = [{k: v for k, v in s.items() if k != "note_id"} for s in srcs]
            notes.append(n)
        overrides = sorted(
            ({"text": o["text"], "action": o["action"]}
             for o in lib.iter_rows("block_overrides", "article_id = ?", [aid])),
            key=lambda o: o["text"],
        )
        articles.append({**art, "versions": versions, "notes": notes,
                         "block_overrides": overrides})
    return {"format": FORMAT, "version": FORMAT_VERSION, "articles": articles}


def dumps(document: dict[str, Any]) -> str:
    """Serialise a lossless document (stable key order, UTF-8 kept readable)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(lib: Library, article_ids: Iterable[str] | None = None,
                *, include_trash: bool = False) -> str:
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
            article_row = {k: v for k, v in art.items()
                           if k not in ("versions", "notes", "block_overrides")}
            versions = []
            for v in art["versions"]:
                versions.append({
                    **v,
                    "article_id": aid,
                    "raw": base64.b64decode(v["raw"]),
                    "blocks": json.dumps(v["blocks"]),
                    "dropped": json.dumps(v["dropped"], ensure_ascii=False),
                })
            notes, sources = [], {}
            for n in art["notes"]:
                notes.append({**{k: v for k, v in n.items() if k != "sources"},
                              "article_id": aid,
                              "tags": json.dumps(n["tags"], ensure_ascii=False)})
                sources[n["id"]] = [{**s, "note_id": n["id"]} for s in n["sources"]]
            overrides = [{**o, "article_id": aid} for o in art["block_overrides"]]
            merge_article_rows(lib, article_row, versions, notes, sources, overrides, report)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"This Fact-Check Reader export is incomplete or damaged ({exc!r}); nothing "
            "after that point was imported."
        ) from exc
    lib.reindex()
    return report
