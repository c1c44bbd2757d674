"""The Claims tab beside the article list: grouped claims, workflow edits, filters, opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.app.claims_memory import claim_workflow, link_claim
from reader.core.models import build_article
from reader.store import Library

TROOPS = "Ten thousand troops were massed near the northern border last week."
ECHO = "Troops were massed near the northern border, the minister said."
BRIDGE = "The harbour bridge will close for a whole year from June."


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "claims.sqlite3"
    lib = Library(path)
    ids: dict[str, str] = {}
    for key, title, sentences, verdict in (
        ("troops", "Monday paper", [TROOPS, BRIDGE], "false"),
        ("echo", "Tuesday paper", ["Rain fell all day.", ECHO], "mostly_false"),
    ):
        art = lib.add_article(
            build_article([("title", title), *(("paragraph", s) for s in sentences)])
        )
        start = art.text.index(sentences[-1] if key == "echo" else sentences[0])
        end = start + len(sentences[-1] if key == "echo" else sentences[0])
        ids[key] = lib.add_note(art.id, start, end, verdict=verdict).id
        ids[f"{key}_article"] = art.id
        if key == "troops":
            start = art.text.index(BRIDGE)
            ids["bridge"] = lib.add_note(art.id, start, start + len(BRIDGE), verdict="true").id
    lib.update_note(ids["echo"], claimant="The minister")
    link_claim(lib, ids["echo"], "note", ids["troops"])
    lib.close()
    return path, ids


@pytest.fixture
def claims_window(qtbot, make_window, db):
    path, ids = db
    w = make_window(path)
    view = w.library.show_claims()
    settle(qtbot, view)
    return w, view, ids


def settle(qtbot, view) -> None:
    """Wait for the Claims view's background query (and any it queued) to be shown."""
    qtbot.waitUntil(lambda: not view.loading and not view._again, timeout=10000)


def shown(view) -> list[str]:
    return [r.note_id for r in view.model.rows]


def test_the_claims_model_passes_the_model_tester(qtmodeltester, claims_window):
    _, view, _ = claims_window
    qtmodeltester.check(view.model)


def test_claims_of_two_articles_are_listed_grouped_by_link(qtbot, claims_window):
    w, view, ids = claims_window
    assert view.isVisible() and not w.library_view.isVisible()
    rows = {r.note_id: r for r in view.model.rows}
    assert set(rows) == {ids["troops"], ids["echo"], ids["bridge"]}
    assert rows[ids["troops"]].group == rows[ids["echo"]].group != rows[ids["bridge"]].group
    # The linked claims sit together, the group column says they are linked.
    order = shown(view)
    assert abs(order.index(ids["troops"]) - order.index(ids["echo"])) == 1
    model = view.model
    col = model.COLUMNS.index
    row = model.row_of(ids["echo"])
    assert model.data(model.index(row, col("Group"))).startswith("⇄")
    assert model.data(model.index(row, col("Verdict"))) == "✗ Mostly false"
    assert model.data(model.index(row, col("Articles"))) == "2"
    tip = model.data(model.index(row, col("Articles")), Qt.ItemDataRole.ToolTipRole)
    assert "Monday paper" in tip and "Tuesday paper" in tip
    assert model.data(model.index(row, col("Speaker"))) == "The minister"
    assert model.data(model.index(row, col("Workflow"))) == "Draft"
    assert view.count_label.text() == "3 claims"


def test_workflow_and_checked_by_are_edited_from_the_view_and_undone(qtbot, claims_window):
    w, view, ids = claims_window
    view.select(ids["bridge"])
    assert view.state_edit.isEnabled()
    view.state_edit.setCurrentIndex(view.state_edit.findData("ready"))
    view.state_edit.activated.emit(view.state_edit.currentIndex())
    assert claim_workflow(w.lib, ids["bridge"]).state == "ready"
    settle(qtbot, view)
    view.checked_by_edit.setText("Ana")
    view.checked_by_edit.editingFinished.emit()
    assert claim_workflow(w.lib, ids["bridge"]).checked_by == "Ana"
    settle(qtbot, view)
    row = view.model.rows[view.model.row_of(ids["bridge"])]
    assert (row.state, row.checked_by) == ("ready", "Ana")
    assert view.current_note_id() == ids["bridge"]  # the edited claim stays current
    w.undo_stack.undo()
    assert claim_workflow(w.lib, ids["bridge"]).checked_by == ""
    settle(qtbot, view)
    assert view.checked_by_edit.text() == ""
    w.undo_stack.undo()
    assert claim_workflow(w.lib, ids["bridge"]).state == "draft"
    settle(qtbot, view)
    assert view.state_edit.currentData() == "draft"
    w.undo_stack.redo()
    assert claim_workflow(w.lib, ids["bridge"]).state == "ready"


def test_filters_run_over_the_whole_library(qtbot, claims_window):
    w, view, ids = claims_window
    view.verdict_filter.setCurrentIndex(view.verdict_filter.findData("true"))
    settle(qtbot, view)
    assert shown(view) == [ids["bridge"]]
    assert view.count_label.text() == "1 claim matches"
    view.verdict_filter.setCurrentIndex(0)
    qtbot.keyClicks(view.filter_edit, "northern border")
    qtbot.waitUntil(lambda: len(view.model.rows) == 2, timeout=20000)
    settle(qtbot, view)
    assert set(shown(view)) == {ids["troops"], ids["echo"]}
    assert view.count_label.text() == "2 claims match"
    view.filter_edit.clear()
    view.refresh_speakers()
    view.speaker_filter.setCurrentIndex(view.speaker_filter.findData("The minister"))
    settle(qtbot, view)
    assert shown(view) == [ids["echo"]]
    view.speaker_filter.setCurrentIndex(0)
    view.set_workflow(ids["troops"], "published", None)
    view.state_filter.setCurrentIndex(view.state_filter.findData("published"))
    settle(qtbot, view)
    assert shown(view) == [ids["troops"]]


def test_sorting_by_a_header_reorders_the_whole_list(qtbot, claims_window):
    _, view, ids = claims_window
    view.view.sortByColumn(view.model.COLUMNS.index("Verdict"), Qt.SortOrder.AscendingOrder)
    settle(qtbot, view)
    assert shown(view)[0] == ids["bridge"]  # True comes first
    view.view.sortByColumn(view.model.COLUMNS.index("Verdict"), Qt.SortOrder.DescendingOrder)
    settle(qtbot, view)
    assert shown(view)[-1] == ids["bridge"]


def test_enter_on_a_claim_opens_its_article_at_the_sentence(qtbot, claims_window):
    w, view, ids = claims_window
    view.select(ids["echo"])
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Return)
    assert w.article is not None and w.article.id == ids["echo_article"]
    note = w.lib.get_note(ids["echo"])
    assert w.reader.selected == (note.start, note.end)


def test_a_note_edit_in_the_window_shows_in_the_claims_view(qtbot, claims_window):
    w, view, ids = claims_window
    w.lib.update_note(ids["bridge"], verdict="false")
    w.library.refresh_open_row()
    qtbot.waitUntil(
        lambda: view.model.rows[view.model.row_of(ids["bridge"])].verdict == "false",
        timeout=20000,
    )


def test_export_writes_the_claims_shown(qtbot, claims_window, tmp_path: Path):
    w, view, ids = claims_window
    view.verdict_filter.setCurrentIndex(view.verdict_filter.findData("true"))
    settle(qtbot, view)
    target = tmp_path / "out.md"
    view.export_to(target, "markdown")
    text = target.read_text(encoding="utf-8")
    assert BRIDGE in text and TROOPS not in text


def test_with_the_claims_tab_open_the_window_fits_1280_by_720(qtbot, claims_window):
    w, view, _ = claims_window
    hint = w.minimumSizeHint()
    assert hint.height() <= 670, hint
    assert hint.width() <= 1280, hint
    assert w.library.minimumSizeHint().width() <= 300


def test_double_click_on_a_claim_opens_its_article_at_the_sentence(qtbot, claims_window):
    w, view, ids = claims_window
    index = view.model.index(view.model.row_of(ids["bridge"]), 1)
    view.view.scrollTo(index)
    centre = view.view.visualRect(index).center()
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert w.article is not None and w.article.id == ids["troops_article"]
    note = w.lib.get_note(ids["bridge"])
    assert w.reader.selected == (note.start, note.end)


def test_a_read_only_library_shows_claims_but_offers_no_workflow_edit(
    qtbot, make_window, db, monkeypatch
):
    import os

    from reader.store import _sql

    path, ids = db
    # The tests may run as root, which any file lets write: the check is what we stub.
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(path) else real_access(p, mode),
    )
    w = make_window(path)
    assert w.read_only
    view = w.library.show_claims()
    settle(qtbot, view)
    view.select(ids["troops"])
    assert len(view.model.rows) == 3
    assert not view.state_edit.isEnabled() and not view.checked_by_edit.isEnabled()


def test_the_note_editor_sets_the_workflow_undoably_and_the_claims_view_follows(
    qtbot, claims_window
):
    w, view, ids = claims_window
    note = w.lib.get_note(ids["bridge"])
    w.open_article(note.article_id, select=(note.start, note.end))
    editor = w.notes_panel.editor
    qtbot.waitUntil(lambda: editor.note() is not None and editor.note().id == ids["bridge"])
    assert editor.workflow.isEnabled() and editor.workflow.currentData() == "draft"
    editor.workflow.setCurrentIndex(editor.workflow.findData("needs_second_source"))
    editor.workflow.activated.emit(editor.workflow.currentIndex())
    editor.checked_by.setText("  Bo Lind ")
    editor.checked_by.editingFinished.emit()
    settle(qtbot, view)
    workflow = claim_workflow(w.lib, ids["bridge"])
    assert (workflow.state, workflow.checked_by) == ("needs_second_source", "Bo Lind")
    assert w.lib.get_note(ids["bridge"]).verdict == "true"  # the note itself is untouched
    row = view.model.rows[view.model.row_of(ids["bridge"])]
    assert (row.state, row.checked_by) == ("needs_second_source", "Bo Lind")
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert claim_workflow(w.lib, ids["bridge"]).state == "draft"
    settle(qtbot, view)
    assert editor.workflow.currentData() == "draft" and editor.checked_by.text() == ""
    assert view.model.rows[view.model.row_of(ids["bridge"])].state == "draft"


def test_file_menu_exports_the_claims_once_the_tab_has_listed_them(
    qtbot, make_window, db, tmp_path: Path, monkeypatch
):
    path, ids = db
    w = make_window(path)
    target = tmp_path / "claims.csv"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    from tests.ui.conftest import menu_action

    menu_action(
        w, "Export claims as CSV…"
    ).trigger()  # the Claims tab has never been shown: its rows are still coming
    qtbot.waitUntil(target.exists, timeout=10000)
    text = target.read_text(encoding="utf-8")
    assert BRIDGE in text and TROOPS in text
