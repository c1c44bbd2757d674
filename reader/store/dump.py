"""The library dump: lossless JSON of whole articles (this module), and merging one back
in (:mod:`reader.store.dump_merge`).

This walks the tables themselves (every version, the raw input, trashed rows), so it
lives in the store; :mod:`reader.export` only renders articles handed to it.

The document holds every article with all its versions (raw input as base64), its
notes with their sources, and the user's block choices.  The claims memory's user data
goes with it: a note's confirmed links (``claim_links``) and workflow state
(``claim_workflow``) inside the note, the imported fact-checks in a top-level
``factchecks`` list (all of them with the whole library, those the notes link to with
some articles), streamed and merged in batches like the articles; the sentence vectors
are derived and computed again on import.  Each of these keys is left out when empty,
so exports without claims data read as before, and older exports import unchanged.

Export is deterministic (sorted, no export time), so export → import into an empty
library → export gives byte-identical JSON.  Import merges by UUID: a row missing from
the library is added; a row present in both keeps the newer edit (by its ``updated``
time).  The whole file is read and checked before anything is written, and merged in
one transaction, so a damaged file is refused whole.  Only faults of the file become an
:class:`~reader.core.errors.InputError`; a fault of ours while merging stays a bug.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from reader.core.models import JsonObject
from reader.core.worddiff import mark_labels, render_plain, word_diff
from reader.store._sql import SqlValue

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
        "factchecks",
        "claim_links",
        "claim_workflow",
    }
)
# Keys of an exported note that are no column of ``notes``: its rows in other tables,
# and the word diff of a changed note, shown for readers and recomputed, never read.
NOTE_EXTRAS = ("sources", "confirmations", "word_diff", "claim_links", "claim_workflow")
# Fact-checks are written and merged in batches of this many (each batch is embedded
# for the claims memory at once; a batch's rows are all that is held).
FACTCHECK_BATCH = 500
FactCheckChoice = Literal["all", "linked"]


def iter_rows(
    lib: Library, table: str, where: str = "", params: Iterable[SqlValue] = ()
) -> Iterator[JsonObject]:
    """Raw rows of one table, for the lossless JSON export and import."""
    if table not in DUMPED_TABLES:
        raise ValueError(f"unknown table {table!r}")
    sql = f"SELECT * FROM {table}" + (f" WHERE {where}" if where else "")
    return lib.sql.query(sql, list(params))


def iter_export_articles(
    lib: Library,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
    linked_factchecks: set[str] | None = None,
) -> Iterator[JsonObject]:
    """The lossless entries of the given articles (all when ``None``), one at a time.

    Only one article (with its versions, notes and sources) is in memory at once, so a
    library of any size is exported in bounded memory.  The ids of the fact-checks the
    exported notes are linked to are added to ``linked_factchecks`` when it is given.
    """
    where = "" if include_trash else "deleted_at IS NULL"
    keys = [
        (r["created"], r["id"])
        for r in lib.sql.query(
            "SELECT created, id FROM articles" + (f" WHERE {where}" if where else "")
        )
    ]
    if article_ids is not None:
        wanted = set(article_ids)
        keys = [k for k in keys if k[1] in wanted]
    keys.sort()
    # Most libraries have neither: two probes spare them two queries per article.
    has_links = lib.sql.conn.execute("SELECT 1 FROM claim_links LIMIT 1").fetchone()
    has_workflow = lib.sql.conn.execute("SELECT 1 FROM claim_workflow LIMIT 1").fetchone()
    for _, aid in keys:
        (art,) = iter_rows(lib, "articles", "id = ?", [aid])
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
        links, workflows = _claim_rows_of(lib, aid, has_links is not None, has_workflow is not None)
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
            # Only when there are some: an export without claims data reads as before.
            if n["id"] in links:
                n["claim_links"] = links[n["id"]]
                if linked_factchecks is not None:
                    linked_factchecks.update(
                        x["ref"] for x in links[n["id"]] if x["kind"] == "factcheck"
                    )
            if n["id"] in workflows:
                n["claim_workflow"] = workflows[n["id"]]
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
        yield {
            **art,
            "versions": versions,
            "notes": notes,
            "block_overrides": overrides,
            "claim_dismissals": dismissals,
        }


def _claim_rows_of(
    lib: Library, article_id: str, links_wanted: bool = True, workflow_wanted: bool = True
) -> tuple[dict[str, list[JsonObject]], dict[str, JsonObject]]:
    """The claim links and workflow rows of one article's notes, by note id (the ones wanted)."""
    links: dict[str, list[JsonObject]] = {}
    workflows: dict[str, JsonObject] = {}
    if links_wanted:
        links = _links_of(lib, article_id)
    if workflow_wanted:
        workflows = _workflows_of(lib, article_id)
    return links, workflows


def _links_of(lib: Library, article_id: str) -> dict[str, list[JsonObject]]:
    links: dict[str, list[JsonObject]] = {}
    for row in lib.sql.query(
        "SELECT l.note_id, l.target_kind, l.target_ref, l.created FROM claim_links l "
        "JOIN notes n ON n.id = l.note_id WHERE n.article_id = ? "
        "ORDER BY l.note_id, l.created, l.target_kind, l.target_ref",
        [article_id],
    ):
        links.setdefault(row["note_id"], []).append(
            {"kind": row["target_kind"], "ref": row["target_ref"], "created": row["created"]}
        )
    return links


def _workflows_of(lib: Library, article_id: str) -> dict[str, JsonObject]:
    return {
        row["note_id"]: {
            "state": row["state"],
            "checked_by": row["checked_by"],
            "updated": row["updated"],
        }
        for row in lib.sql.query(
            "SELECT w.note_id, w.state, w.checked_by, w.updated FROM claim_workflow w "
            "JOIN notes n ON n.id = w.note_id WHERE n.article_id = ?",
            [article_id],
        )
    }


def iter_export_factchecks(lib: Library, ids: set[str] | None = None) -> Iterator[JsonObject]:
    """The imported fact-checks (those of ``ids`` only, when given), by id, one at a time.

    Their claims' vectors are derived and stay out: an import computes them again.
    """
    if ids is None:
        rows: Iterable[JsonObject] = lib.sql.query("SELECT * FROM factchecks ORDER BY id")
        yield from rows
        return
    wanted = sorted(ids)
    for start in range(0, len(wanted), FACTCHECK_BATCH):
        chunk = wanted[start : start + FACTCHECK_BATCH]
        marks = ", ".join("?" * len(chunk))
        yield from lib.sql.query(
            f"SELECT * FROM factchecks WHERE id IN ({marks}) ORDER BY id", list(chunk)
        )


def _factcheck_choice(
    lib: Library, article_ids: list[str] | None, factchecks: FactCheckChoice | None
) -> FactCheckChoice:
    # The whole library (every live article, however the caller listed them) carries
    # every imported fact-check; some articles carry those their notes are linked to.
    if factchecks is not None:
        return factchecks
    if article_ids is None:
        return "all"
    wanted = set(article_ids)
    live = (r[0] for r in lib.sql.conn.execute("SELECT id FROM articles WHERE deleted_at IS NULL"))
    return "all" if all(aid in wanted for aid in live) else "linked"


def export_library(
    lib: Library,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
    factchecks: FactCheckChoice | None = None,
) -> dict[str, Any]:
    """The lossless document for the given articles (all when ``None``).

    ``factchecks`` says which imported fact-checks go with them: ``"all"`` (the default
    when every live article is exported) or those the exported notes are linked to
    (``"linked"``, the default for some articles).  The key is left out when there are
    none, so a library without fact-checks exports as it did before them.
    """
    ids = None if article_ids is None else list(article_ids)
    linked: set[str] = set()
    articles = list(
        iter_export_articles(lib, ids, include_trash=include_trash, linked_factchecks=linked)
    )
    document: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION, "articles": articles}
    choice = _factcheck_choice(lib, ids, factchecks)
    checks = list(iter_export_factchecks(lib, None if choice == "all" else linked))
    if checks:
        document["factchecks"] = checks
    return document


def dumps(document: JsonObject) -> str:
    """Serialise a lossless document (stable key order, UTF-8 kept readable)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json_chunks(
    lib: Library,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
    factchecks: FactCheckChoice | None = None,
) -> Iterator[str]:
    """The text of :func:`export_json`, a piece per article or fact-check (the same
    bytes, streamed)."""
    ids = None if article_ids is None else list(article_ids)
    yield '{\n  "articles": ['
    first = True
    linked: set[str] = set()
    for article in iter_export_articles(
        lib, ids, include_trash=include_trash, linked_factchecks=linked
    ):
        yield ("\n    " if first else ",\n    ") + _indented(article)
        first = False
    yield "]" if first else "\n  ]"
    # Keys in sorted order, as dumps() writes them: "factchecks" before "format".
    choice = _factcheck_choice(lib, ids, factchecks)
    first = True
    for check in iter_export_factchecks(lib, None if choice == "all" else linked):
        yield (',\n  "factchecks": [\n    ' if first else ",\n    ") + _indented(check)
        first = False
    if not first:
        yield "\n  ]"
    yield f',\n  "format": {json.dumps(FORMAT)},'
    yield f'\n  "version": {FORMAT_VERSION}\n}}\n'


def _indented(entry: JsonObject) -> str:
    # JSON strings hold no raw line breaks, so indenting every line is exact.
    text = json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("\n", "\n    ")


def export_json(
    lib: Library,
    article_ids: Iterable[str] | None = None,
    *,
    include_trash: bool = False,
    factchecks: FactCheckChoice | None = None,
) -> str:
    """The lossless JSON text for the given articles (all when ``None``)."""
    chunks = export_json_chunks(
        lib, article_ids, include_trash=include_trash, factchecks=factchecks
    )
    return "".join(chunks)


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
