"""The Claims view's use cases: every noted claim of the library, grouped by link,
filtered and sorted, and written out as CSV or Markdown.

A *group* is what the user's links joined: notes linked to each other, or to the same
imported fact-check, are one group (links are followed both ways and through any
number of steps).  A note without a link is a group of its own.  Groups stay together
whatever the sort: they come in the order of their first row, and their rows in the
sort's order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.core.claim_match import WORKFLOW_STATES, WorkflowState
from reader.core.errors import InputError
from reader.core.verdicts import BY_KEY, STATUSES
from reader.export.claims_table import claims_csv, claims_markdown
from reader.store import Library
from reader.store.claims_table import ClaimsTable

log = logging.getLogger(__name__)

SortKey = Literal[
    "group", "text", "verdict", "articles", "speaker", "state", "checked_by", "status", "changed"
]
SORT_KEYS: tuple[SortKey, ...] = (
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
ExportFormat = Literal["csv", "markdown"]
NO_VERDICT = "__none"


@dataclass(frozen=True)
class ClaimQuery:
    """What the Claims view shows: the filters (empty: all) and the sort."""

    text: str = ""
    verdict: str | None = None  # a verdict key, NO_VERDICT, or None for any
    state: WorkflowState | None = None
    speaker: str | None = None
    sort: SortKey = "group"
    descending: bool = False

    @property
    def filtered(self) -> bool:
        return bool(self.text.strip() or self.verdict or self.state or self.speaker)


@dataclass
class ClaimRow:
    """One noted claim, with what the Claims view shows of it."""

    note_id: str
    group: int  # 1, 2, … in the order groups are listed (set by the listing)
    group_size: int  # claims in the group, shown or not
    text: str
    verdict: str | None
    article_id: str
    article_title: str
    start: int
    end: int
    anchor_state: str  # "orphan": the sentence is gone; open the article without it
    article_titles: tuple[str, ...]  # every live article of the group, this one first
    speaker: str
    state: WorkflowState
    checked_by: str
    status: str
    last_change: str  # ISO time of the last edit of the note or of its workflow
    factchecks: tuple[str, ...] = field(default=())  # "publisher: rating" of linked checks
    group_key: str = ""  # the same for every claim of a group


def list_claims(lib: Library, query: ClaimQuery | None = None) -> list[ClaimRow]:
    """Every live note of the library that ``query`` keeps, grouped by link and sorted."""
    query = query or ClaimQuery()
    if query.verdict not in (None, NO_VERDICT) and query.verdict not in BY_KEY:
        raise InputError(f"Unknown verdict {query.verdict!r}. Use one of: {', '.join(BY_KEY)}.")
    if query.state is not None and query.state not in WORKFLOW_STATES:
        raise InputError(
            f"Unknown workflow state {query.state!r}. Use one of: {', '.join(WORKFLOW_STATES)}."
        )
    if query.sort not in SORT_KEYS:
        raise ValueError(f"unknown sort {query.sort!r}")
    table = ClaimsTable(lib.sql)
    notes = table.notes(
        text=query.text, verdict=query.verdict, state=query.state, speaker=query.speaker
    )
    groups = _groups(table.links(), table.linked_note_articles(), table.factcheck_titles)
    rows = [_row(note, groups) for note in notes]
    return _arrange(rows, query.sort, query.descending)


def export_claims(
    lib: Library,
    path: str | Path,
    fmt: ExportFormat,
    query: ClaimQuery | None = None,
    *,
    force: bool = False,
) -> int:
    """Write the claims ``query`` keeps to ``path`` (atomically); returns how many.

    An existing file is replaced only when it is a claims table this app wrote, or with
    ``force``; another file is left alone with a
    :class:`~reader.export.markdown.ForeignFileError`.
    """
    if not force:
        _refuse_foreign_file(Path(path))
    rows = list_claims(lib, query)
    write_claims(path, rows, fmt)
    return len(rows)


def _refuse_foreign_file(path: Path) -> None:
    from reader.core.files import is_stream
    from reader.export.claims_table import is_claims_table
    from reader.export.markdown import ForeignFileError
    from reader.export.ownership import SNIFF_BYTES

    if is_stream(path):
        return  # /dev/stdout, a pipe: written into, nothing of the user's replaced
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return  # nothing to keep, or the write that follows says why it cannot be made
    if not is_claims_table(head):
        raise ForeignFileError(
            f"{path} exists and is not a claims table written by Fact-Check Reader, so it "
            "was left alone. Choose another file name, or add --force to replace it."
        )


def render_claims(rows: list[ClaimRow], fmt: ExportFormat) -> str:
    """``rows`` as CSV or Markdown text."""
    if fmt == "csv":
        return claims_csv(rows)
    if fmt == "markdown":
        return claims_markdown(rows)
    raise ValueError(f"unknown claims format {fmt!r}")


def write_claims(path: str | Path, rows: list[ClaimRow], fmt: ExportFormat) -> None:
    """Write ``rows`` (as the Claims view shows them) to ``path``, all or nothing."""
    from reader.app.exports import write_text_file

    write_text_file(Path(path), render_claims(rows, fmt), force=True)


# -- groups -------------------------------------------------------------------------------

Node = tuple[str, str]  # (kind, ref): ("note", note id) or ("factcheck", its id)


@dataclass(frozen=True)
class _Group:
    """What the rows of one group of linked claims share."""

    key: str
    notes: int  # live notes in the group
    articles: dict[str, str]  # article id → title, of the live notes, oldest link first
    checks: tuple[str, ...]  # "publisher: rating" of its fact-checks


def _groups(
    links: list[tuple[str, str, str]],
    live: dict[str, tuple[str, str]],
    factchecks: Callable[[Iterable[str]], dict[str, tuple[str, str, str]]],
) -> dict[str, _Group]:
    """Each linked note's id → its group (union-find over the links, both ways)."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for note_id, kind, ref in links:
        a, b = find(("note", note_id)), find((kind, ref))
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[Node, list[Node]] = {}
    for node in sorted(parent):
        members.setdefault(find(node), []).append(node)
    checks = factchecks(ref for kind, ref in parent if kind == "factcheck")
    found: dict[str, _Group] = {}
    for root, nodes in members.items():
        notes = [ref for kind, ref in nodes if kind == "note" and ref in live]
        group = _Group(
            key=":".join(root),
            notes=len(notes),
            articles=dict(live[ref] for ref in notes),
            checks=tuple(
                f"{checks[ref][0] or 'fact-check'}: {checks[ref][1] or '(no rating)'}"
                for kind, ref in nodes
                if kind == "factcheck" and ref in checks
            ),
        )
        for ref in notes:
            found[ref] = group
    return found


def _row(note: dict[str, Any], groups: dict[str, _Group]) -> ClaimRow:
    group = groups.get(note["id"])
    titles = {note["article_id"]: note["article_title"]}
    if group is not None:
        for article_id, title in group.articles.items():
            titles.setdefault(article_id, title)
    return ClaimRow(
        note_id=note["id"],
        group=0,  # numbered once the rows are in order
        group_size=group.notes if group else 1,
        text=" ".join(note["exact"].split()),
        verdict=note["verdict"],
        article_id=note["article_id"],
        article_title=note["article_title"],
        start=note["start"],
        end=note["end"],
        anchor_state=note["anchor_state"],
        article_titles=tuple(titles.values()),
        speaker=note["claimant"] or "",
        state=note["state"],
        checked_by=note["checked_by"],
        status=note["status"],
        last_change=max(note["note_updated"], note["workflow_updated"] or ""),
        factchecks=group.checks if group else (),
        group_key=group.key if group else f"note:{note['id']}",
    )


_VERDICT_ORDER = {key: i for i, key in enumerate(BY_KEY)}


def _sort_value(row: ClaimRow, key: SortKey) -> tuple[Any, ...]:
    if key == "text":
        return (row.text.casefold(),)
    if key == "verdict":
        return (row.verdict is None, _VERDICT_ORDER.get(row.verdict or "", 0))
    if key == "articles":
        return (len(row.article_titles),)
    if key == "speaker":
        return (not row.speaker, row.speaker.casefold())
    if key == "state":
        return (WORKFLOW_STATES.index(row.state),)
    if key == "checked_by":
        return (not row.checked_by, row.checked_by.casefold())
    if key == "status":
        return (STATUSES.index(row.status) if row.status in STATUSES else len(STATUSES),)
    if key == "changed":
        return (row.last_change,)
    return ()  # "group": the library's order (oldest note first)


def _arrange(rows: list[ClaimRow], sort: SortKey, descending: bool) -> list[ClaimRow]:
    """Sort ``rows``, then pull each group together at its first row; number the groups."""
    if sort != "group":
        rows = sorted(rows, key=lambda r: _sort_value(r, sort), reverse=descending)
    elif descending:
        rows = rows[::-1]
    by_group: dict[str, list[ClaimRow]] = {}
    for row in rows:
        by_group.setdefault(row.group_key, []).append(row)
    arranged = []
    for number, members in enumerate(by_group.values(), 1):
        for row in members:
            row.group = number
            arranged.append(row)
    return arranged
