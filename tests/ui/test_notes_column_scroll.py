"""The notes column at a laptop's 1280×800 with a note and Seen before's rows shown:
one scroll bar, the note's form's, never the column's around it as well; in a short
window the column alone scrolls, the form shown whole inside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollBar

from reader.app.claims_memory import import_factchecks
from reader.ui.notes_panel import FORM_LEAST_HEIGHT
from tests.ui.test_seen_before import (
    EARLIER,
    OTHER,
    TODAY,
    add_article,
    factcheck_file,
    note_on,
    rows_shown,
    select,
)


@pytest.fixture
def window(make_window, tmp_path):
    """Today's article, its first sentence noted and selected, with a note from last
    week and a fact-check shown under it in Seen before."""
    w = make_window()
    earlier = add_article(w.lib, "Last week", EARLIER)
    note_on(w.lib, earlier, EARLIER, verdict="mostly_false")
    import_factchecks(w.lib, factcheck_file(tmp_path))
    today = add_article(w.lib, "Today", TODAY, OTHER)
    note_on(w.lib, today, TODAY, verdict="unproven")
    w.library.reload()
    w.open_article(today)
    select(w, TODAY)
    return w


def scrolling(w) -> list[str]:
    """The scroll areas of the notes column whose vertical bar shows."""
    shown = []
    for bar in w.notes_panel.findChildren(QScrollBar):
        if bar.orientation() == Qt.Orientation.Vertical and bar.isVisible():
            area = bar.parent().parent()
            shown.append(area.objectName() or type(area).__name__)
    return shown


def settled(w, size: tuple[int, int]) -> None:
    """Resized, with the layouts and the zero timers they start all done."""
    w.resize(*size)
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_at_1280_by_800_only_the_note_form_scrolls(qtbot, window):
    w = window
    rows_shown(qtbot, w)  # Seen before's two rows take their height above the form
    settled(w, (1280, 800))
    assert w.size().height() == 800
    shown = scrolling(w)
    assert len(shown) <= 1, shown
    assert w.notes_panel.scroll_area.verticalScrollBar().maximum() == 0
    assert w.notes_panel.editor.delete_button.isVisible()
    assert w.notes_panel.editor.form_scroll.height() >= FORM_LEAST_HEIGHT


def test_in_a_short_window_the_column_alone_scrolls(qtbot, window):
    w = window
    rows_shown(qtbot, w)
    settled(w, (1280, 560))
    assert scrolling(w) == ["notesScroll"]
    assert w.notes_panel.editor.form_scroll.verticalScrollBar().maximum() == 0
    settled(w, (1280, 800))  # and back: the form scrolls again, alone
    assert scrolling(w) == ["noteEditorScroll"]
