"""The Claims view's rows as CSV and as a Markdown table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from reader.export.claims_table import COLUMNS, claims_csv, claims_markdown


@dataclass(frozen=True)
class Row:
    group: int = 1
    text: str = "Ten thousand troops were massed."
    verdict: str | None = "false"
    article_titles: tuple[str, ...] = ("Monday paper", "Tuesday paper")
    speaker: str = "General Ray"
    state: str = "needs_second_source"
    checked_by: str = "Ana"
    status: str = "in_progress"
    last_change: str = "2026-12-05T10:00:00+00:00"
    article_title: str = "Monday paper"
    factchecks: tuple[str, ...] = ("Example Checks: False",)
    note_id: str = "n1"


def test_csv_quotes_commas_quotes_and_line_breaks_and_reads_back():
    text = 'He said "10,000" troops,\nthen left.'
    out = claims_csv([Row(text=text)])
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert table[0] == list(COLUMNS)
    assert table[1][:9] == [
        "1",
        text,
        "False",
        "2",
        "General Ray",
        "Needs second source",
        "Ana",
        "In progress",
        "2026-12-05T10:00:00+00:00",
    ]
    assert table[1][9:] == [
        "Monday paper",
        "Monday paper; Tuesday paper",
        "Example Checks: False",
        "n1",
    ]
    assert '"He said ""10,000"" troops,\nthen left."' in out
    assert out.endswith("\r\n")


def test_csv_cell_that_a_spreadsheet_would_run_is_defused():
    out = claims_csv([Row(text="=HYPERLINK(1)", checked_by="@me")])
    row = list(csv.reader(io.StringIO(out, newline="")))[1]
    assert row[1] == "'=HYPERLINK(1)" and row[6] == "'@me"


def test_markdown_escapes_pipes_and_keeps_each_row_on_one_line():
    out = claims_markdown([Row(text="Red | blue\nand green", verdict=None)])
    lines = out.splitlines()
    assert lines[0] == "# Claims"
    assert lines[2].count("|") == len(COLUMNS) + 1
    row = lines[4]
    assert "Red \\| blue and green" in row
    assert "No verdict" in row
    # Unescaped pipes are exactly the cell borders.
    assert row.replace("\\|", "").count("|") == len(COLUMNS) + 1


def test_markdown_of_no_rows_says_so():
    assert "No claims match." in claims_markdown([])


def test_workflow_labels_name_every_state_in_order():
    from reader.core.claim_match import WORKFLOW_STATES
    from reader.export.claims_table import WORKFLOW_LABELS

    assert tuple(WORKFLOW_LABELS) == WORKFLOW_STATES
