"""The window at its usual size, as a user sees it: every filter shows its choice whole,
the Claims tab takes the room its columns need and says why it is empty, and the
widths, shown columns and sort of both tabs come back after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.models import build_article
from reader.store import Library

TROOPS = "Ten thousand troops were massed near the northern border last week."
BUDGET = "The school budget grew by four percent this year."


def _longest_item_width(box) -> int:
    fm = box.fontMetrics()
    return max(fm.horizontalAdvance(box.itemText(i)) for i in range(box.count()))


def _settle(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.loading and not view._again, timeout=10000)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "polish.sqlite3"
    with Library(path) as lib:
        for title, sentence, verdict in (
            ("Border news", TROOPS, "false"),
            ("Budget news", BUDGET, "mostly_true"),
        ):
            art = lib.add_article(build_article([("title", title), ("paragraph", sentence)]))
            start = art.text.index(sentence)
            lib.add_note(art.id, start, start + len(sentence), verdict=verdict)
    return path


def test_every_library_filter_shows_its_longest_choice_whole_at_the_default_size(
    qtbot, make_window
):
    w = make_window()
    pane = w.library
    boxes = (pane.verdict_filter, pane.status_filter, pane.tag_filter, pane.speaker_filter)
    for box in boxes:
        # The box asks for its longest choice ("Changed since checked") …
        assert box.sizeHint().width() > _longest_item_width(box) + 16, box.accessibleName()
        # … and gets it in the window's default layout.
        assert box.width() >= box.sizeHint().width(), box.accessibleName()
    status = pane.status_filter
    status.setCurrentIndex(status.findData("__to_check"))
    assert "Cleaning to check" in status.toolTip()


def test_the_filters_still_let_the_library_column_be_made_narrow(qtbot, make_window):
    w = make_window()
    status = w.library.status_filter
    assert status.minimumSizeHint().width() < _longest_item_width(status)
    assert w.library.minimumSizeHint().width() <= 300


def test_a_filter_widens_when_longer_choices_arrive(qtbot, make_window):
    w = make_window()
    tags = w.library.tag_filter
    before = tags.sizeHint().width()
    tags.addItem("#a-tag-much-longer-than-any-tag", "a-tag-much-longer-than-any-tag")
    assert tags.sizeHint().width() > before


def test_the_notes_column_shows_the_count_and_verdict_marks_with_words_in_its_tooltip(
    qtbot, make_window, db
):
    w = make_window(db)
    model = w.library_model
    col = model.COLUMNS.index("Notes")
    shown = {model.data(model.index(r, col)) for r in range(model.rowCount())}
    assert shown == {"1 ✘", "1 ✓"}
    tips = {model.data(model.index(r, col), Qt.ItemDataRole.ToolTipRole) for r in range(2)}
    assert tips == {"1 note: 1 False", "1 note: 1 Mostly true"}


def test_the_claims_tab_takes_the_width_its_columns_need_and_gives_it_back(qtbot, make_window, db):
    w = make_window(db)
    before = w.splitter.sizes()
    view = w.library.show_claims()
    _settle(qtbot, view)
    sizes = w.splitter.sizes()
    assert sizes[0] > before[0] + 150
    assert sizes[1] >= 360 and sizes[2] == before[2]  # the article stays readable
    header = view.view.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    # Every column shown fits: no sideways scrolling, and the claim keeps some room.
    assert sum(header.sectionSize(i) for i in shown) <= view.view.viewport().width()
    assert header.sectionSize(view.model.COLUMNS.index("Claim")) >= 120
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    assert w.splitter.sizes() == before


def test_each_claims_column_is_as_wide_as_its_longest_usual_text(qtbot, make_window, db):
    w = make_window(db)
    view = w.library.show_claims()
    _settle(qtbot, view)
    header = view.view.horizontalHeader()
    fm = view.view.fontMetrics()
    col = view.model.COLUMNS.index
    for i in range(header.count()):
        header.showSection(i)  # a hidden column is shown at the width it was given
    for name, longest in (
        ("Speaker", "A speaker"),
        ("Verdict", "… Missing context"),
        ("Workflow", "2nd source"),
        ("Status", "Needs review"),
        ("Changed", "2026-12-31"),
        ("Checked by", "Checked by"),
    ):
        assert header.sectionSize(col(name)) > fm.horizontalAdvance(longest), name


def test_the_claims_tab_says_how_to_get_claims_when_the_library_has_none(qtbot, make_window):
    w = make_window()
    view = w.library.show_claims()
    _settle(qtbot, view)
    assert view.empty_label.isVisible()
    assert view.empty_label.text().startswith("No claims yet. Select a sentence")
    assert "File → Import fact-checks" in view.empty_label.text()
    assert not view.export_button.isEnabled()


def test_a_filter_that_matches_no_claim_says_so_and_the_claims_come_back(qtbot, make_window, db):
    w = make_window(db)
    view = w.library.show_claims()
    _settle(qtbot, view)
    assert not view.empty_label.isVisible() and view.export_button.isEnabled()
    view.filter_edit.setText("nothing like this")
    view.on_filters_changed()
    _settle(qtbot, view)
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == "No claims match the filters."
    view.filter_edit.clear()
    view.on_filters_changed()
    _settle(qtbot, view)
    assert not view.empty_label.isVisible()


def test_the_changed_column_shows_local_time_today_and_the_date_before(qtbot):
    from datetime import date, datetime, timezone

    from reader.ui.claims_view import when

    stamp = datetime(2026, 3, 4, 12, 30, tzinfo=timezone.utc)
    local = stamp.astimezone()
    iso = stamp.isoformat()
    assert when(iso, today=local.date()) == local.strftime("%H:%M")
    assert when(iso, today=date(2027, 1, 1)) == local.strftime("%Y-%m-%d")
    assert when(iso, whole=True) == local.strftime("%Y-%m-%d %H:%M")


def test_claims_columns_sort_and_widths_come_back_after_a_restart(qtbot, make_window, db, settings):
    w = make_window(db)
    view = w.library.show_claims()
    _settle(qtbot, view)
    col = view.model.COLUMNS.index
    header = view.view.horizontalHeader()
    header.showSection(col("Speaker"))
    header.hideSection(col("Changed"))
    header.resizeSection(col("Verdict"), 140)
    view.view.sortByColumn(col("Verdict"), Qt.SortOrder.DescendingOrder)
    _settle(qtbot, view)
    w.splitter.setSizes([600, 320, 352])  # the user's width for the Claims tab
    claims_sizes = w.splitter.sizes()
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    articles_sizes = w.splitter.sizes()
    w.close()

    again = make_window(db)
    assert again.splitter.sizes() == articles_sizes
    view = again.library.show_claims()
    _settle(qtbot, view)
    header = view.view.horizontalHeader()
    assert not header.isSectionHidden(col("Speaker"))
    assert header.isSectionHidden(col("Changed"))
    assert header.sectionSize(col("Verdict")) == 140
    assert header.sortIndicatorSection() == col("Verdict")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert (view.model.query.sort, view.model.query.descending) == ("verdict", True)
    assert [r.verdict for r in view.model.rows] == ["false", "mostly_true"]
    assert again.splitter.sizes() == claims_sizes


def test_the_workflow_boxes_say_they_edit_the_selected_claim(qtbot, make_window, db):
    w = make_window(db)
    view = w.library.show_claims()
    _settle(qtbot, view)
    assert view.selected_label.text() == "Selected claim:"
    assert view.selected_label.buddy() is view.state_edit
    assert not view.selected_label.isEnabled() and not view.state_edit.isEnabled()
    view.select(view.model.rows[0].note_id)
    assert view.selected_label.isEnabled() and view.state_edit.isEnabled()


def test_an_article_filter_that_matches_nothing_says_so_in_the_list(qtbot, make_window, db):
    w = make_window(db)
    pane = w.library
    assert pane.empty.text() == ""
    pane.verdict_filter.setCurrentIndex(pane.verdict_filter.findData("satire"))
    assert pane.model.rowCount() == 0
    assert pane.empty.label.isVisible()
    assert pane.empty.text().startswith("No articles match the filters.")
    pane.verdict_filter.setCurrentIndex(0)
    assert pane.model.rowCount() == 2 and not pane.empty.label.isVisible()
