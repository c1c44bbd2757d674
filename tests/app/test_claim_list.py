"""The Claims view's use cases: every noted claim, grouped by link, filtered, sorted, written."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from reader.app.claim_list import ClaimQuery, export_claims, list_claims
from reader.app.claims_memory import claim_workflow, link_claim, set_claim_workflow
from reader.core.errors import InputError
from reader.core.models import build_article
from reader.store import Library
from reader.store.claims_memory import ClaimsMemory

TROOPS = "Ten thousand troops were massed near the northern border last week."
BRIDGE = "The harbour bridge will close for a whole year from June."
BUDGET = "The school budget grew by four percent this year."


@pytest.fixture
def lib():
    library = Library(":memory:")
    yield library
    library.close()


def noted(lib: Library, title: str, sentence: str, verdict: str | None = "false") -> str:
    art = lib.add_article(build_article([("title", title), ("paragraph", sentence)]))
    start = art.text.index(sentence)
    return lib.add_note(art.id, start, start + len(sentence), verdict=verdict).id


def test_notes_linked_to_each_other_or_one_fact_check_form_one_group(lib):
    monday = noted(lib, "Monday paper", TROOPS)
    bridge = noted(lib, "Monday paper 2", BRIDGE, verdict="true")
    tuesday = noted(lib, "Tuesday paper", "Troops massed at the border.")
    wednesday = noted(lib, "Wednesday paper", "Border troops: ten thousand.")
    from reader.core.claim_match import FactCheck

    ClaimsMemory(lib.sql).add_factchecks(
        [
            FactCheck(
                claim=TROOPS, url="https://checks.example/1", publisher="Checks", rating="False"
            )
        ]
    )
    check_id = lib.sql.conn.execute("SELECT id FROM factchecks").fetchone()[0]
    link_claim(lib, tuesday, "note", monday)
    link_claim(lib, monday, "factcheck", check_id)
    link_claim(lib, wednesday, "factcheck", check_id)

    rows = list_claims(lib)
    groups = {r.note_id: r.group for r in rows}
    assert groups[monday] == groups[tuesday] == groups[wednesday] != groups[bridge]
    troops = next(r for r in rows if r.note_id == tuesday)
    assert troops.group_size == 3
    assert sorted(troops.article_titles) == ["Monday paper", "Tuesday paper", "Wednesday paper"]
    assert troops.article_titles[0] == "Tuesday paper"  # its own article first
    assert troops.factchecks == ("Checks: False",)
    lone = next(r for r in rows if r.note_id == bridge)
    assert (lone.group_size, lone.article_titles) == (1, ("Monday paper 2",))
    # The group's rows come together, whatever the library's order.
    order = [groups[r.note_id] for r in rows]
    assert order == sorted(order)


def test_a_trashed_article_leaves_the_group_and_the_article_count(lib):
    first = noted(lib, "First", TROOPS)
    second = noted(lib, "Second", "Troops massed at the border.")
    link_claim(lib, second, "note", first)
    lib.delete_article(lib.get_note(second).article_id)
    [row] = list_claims(lib)
    assert (row.note_id, row.article_titles, row.group_size) == (first, ("First",), 1)


def test_filters_run_over_the_whole_library(lib):
    troops = noted(lib, "Troop story", TROOPS, verdict="false")
    bridge = noted(lib, "Bridge story", BRIDGE, verdict="true")
    budget = noted(lib, "Budget story", BUDGET, verdict=None)
    lib.update_note(bridge, claimant="Mayor Ana Silva")
    set_claim_workflow(lib, troops, "ready", checked_by="Bogdan")

    def ids(**kw: object) -> set[str]:
        return {r.note_id for r in list_claims(lib, ClaimQuery(**kw))}  # type: ignore[arg-type]

    assert ids(text="HARBOUR") == {bridge}
    assert ids(text="budget story") == {budget}  # the article's title counts
    assert ids(text="BOGDAN") == {troops}  # and who checked it
    assert ids(verdict="true") == {bridge}
    assert ids(verdict="__none") == {budget}
    assert ids(state="ready") == {troops}
    assert ids(state="draft") == {bridge, budget}
    assert ids(speaker="Mayor Ana Silva") == {bridge}
    assert ids(verdict="false", state="draft") == set()


def test_sorting_by_a_column_keeps_groups_together(lib):
    a = noted(lib, "A", "Zebras crossed the harbour bridge on Monday.", verdict="true")
    b = noted(lib, "B", "Apples fell by four percent.", verdict="false")
    c = noted(lib, "C", "Mangoes rose by nine percent.", verdict="mixed")
    link_claim(lib, c, "note", a)
    rows = list_claims(lib, ClaimQuery(sort="text"))
    assert [r.note_id for r in rows] == [b, c, a]  # c pulls its group's a up beside it
    rows = list_claims(lib, ClaimQuery(sort="text", descending=True))
    assert [r.note_id for r in rows] == [a, c, b]
    assert [r.group for r in rows] == [1, 1, 2]
    rows = list_claims(lib, ClaimQuery(sort="verdict"))
    assert [r.note_id for r in rows] == [a, c, b]  # true before mixed before false


def test_sorting_by_workflow_follows_the_states_order(lib):
    first = noted(lib, "One", TROOPS)
    second = noted(lib, "Two", BRIDGE)
    third = noted(lib, "Three", BUDGET)
    set_claim_workflow(lib, first, "published")
    set_claim_workflow(lib, second, "needs_second_source")
    rows = list_claims(lib, ClaimQuery(sort="state"))
    assert [(r.note_id, r.state) for r in rows] == [
        (third, "draft"),
        (second, "needs_second_source"),
        (first, "published"),
    ]


def test_last_change_counts_a_workflow_change(lib):
    note = noted(lib, "One", TROOPS)
    [before] = list_claims(lib)
    time.sleep(0.01)  # the stored times count milliseconds
    set_claim_workflow(lib, note, "ready")
    [after] = list_claims(lib)
    assert after.last_change > before.last_change
    assert after.last_change == claim_workflow(lib, note).updated


def test_an_unknown_state_or_verdict_is_the_users_fault(lib):
    with pytest.raises(InputError, match="workflow state"):
        list_claims(lib, ClaimQuery(state="finished"))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="verdict"):
        list_claims(lib, ClaimQuery(verdict="wrong"))


def test_export_writes_only_the_filtered_claims(lib, tmp_path: Path):
    noted(lib, "Troop story", TROOPS, verdict="false")
    noted(lib, "Bridge story", BRIDGE, verdict="true")
    out = tmp_path / "claims.csv"
    assert export_claims(lib, out, "csv", ClaimQuery(verdict="true")) == 1
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(table) == 2 and table[1][1] == BRIDGE and table[1][2] == "True"
    md = tmp_path / "claims.md"
    export_claims(lib, md, "markdown")
    assert TROOPS in md.read_text(encoding="utf-8")
