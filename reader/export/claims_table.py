"""The Claims view's rows as a CSV file or a Markdown table.

Handed the rows (anything with the fields of :class:`ClaimTableRow`, such as
:class:`reader.app.claim_list.ClaimRow`), never the library.  Both formats carry the same
columns, in the order of :data:`COLUMNS`; the text is written whole (no elision), since
a spreadsheet or a report has room for it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Protocol

from reader.core.verdicts import STATUS_LABELS, label

COLUMNS: tuple[str, ...] = (
    "Group",
    "Claim",
    "Verdict",
    "Articles",
    "Speaker",
    "Workflow",
    "Checked by",
    "Status",
    "Last change",
    "Article",
    "Appears in",
    "Fact-checks",
    "Note id",
)

WORKFLOW_LABELS: dict[str, str] = {
    "draft": "Draft",
    "needs_second_source": "Needs second source",
    "ready": "Ready",
    "published": "Published",
}


class ClaimTableRow(Protocol):
    """What a row must offer to be written (read-only attributes)."""

    @property
    def group(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def verdict(self) -> str | None: ...
    @property
    def article_titles(self) -> Sequence[str]: ...
    @property
    def speaker(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def checked_by(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def last_change(self) -> str: ...
    @property
    def article_title(self) -> str: ...
    @property
    def factchecks(self) -> Sequence[str]: ...
    @property
    def note_id(self) -> str: ...


def _cells(row: ClaimTableRow) -> list[str]:
    return [
        str(row.group),
        row.text,
        label(row.verdict),
        str(len(row.article_titles)),
        row.speaker,
        WORKFLOW_LABELS.get(row.state, row.state),
        row.checked_by,
        STATUS_LABELS.get(row.status, row.status),
        row.last_change,
        row.article_title,
        "; ".join(row.article_titles),
        "; ".join(row.factchecks),
        row.note_id,
    ]


def claims_csv(rows: Sequence[ClaimTableRow]) -> str:
    """The rows as CSV (RFC 4180: commas, quotes doubled, CRLF line ends), with a header."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        # A cell a spreadsheet would run as a formula is quoted away from it.
        writer.writerow([_defused(cell) for cell in _cells(row)])
    return out.getvalue()


def claims_markdown(rows: Sequence[ClaimTableRow], title: str = "Claims") -> str:
    """The rows as a Markdown table under a heading; ``|`` and line breaks escaped."""
    lines = [f"# {_cell(title)}", ""]
    if not rows:
        return "\n".join([*lines, "No claims match.", ""])
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_cell(c) for c in _cells(row)) + " |")
    lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    # A table row is one line, and a bare | would start a new cell.
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _defused(cell: str) -> str:
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def is_claims_table(head: bytes) -> bool:
    """Whether a file opening with ``head`` (its first few kilobytes) is a claims table
    as :func:`claims_csv` or :func:`claims_markdown` write it.  An empty file counts:
    replacing it loses nothing."""
    text = head.decode("utf-8", "replace")
    if not text.strip():
        return True
    if text.startswith(",".join(COLUMNS) + "\r\n"):
        return True
    lines = text.split("\n", 3)
    table_head = "| " + " | ".join(COLUMNS) + " |"
    return (
        len(lines) > 2
        and lines[0].startswith("# ")
        and not lines[1]
        and lines[2] in (table_head, "No claims match.")
    )
