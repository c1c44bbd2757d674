"""The window at a laptop's 1280×800 with a large system font (half as big again): the
library's filters show their choice whole on the first start."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


@pytest.fixture
def large_font(qapp):
    before = QFont(QApplication.font())
    big = QFont(before)
    big.setPointSizeF(before.pointSizeF() * 1.5)
    QApplication.setFont(big)
    yield big
    QApplication.setFont(before)


def test_the_library_filters_show_their_choice_whole_at_a_large_font(large_font, make_window):
    w = make_window()
    pane = w.library
    for box in (pane.verdict_filter, pane.status_filter, pane.tag_filter, pane.speaker_filter):
        assert box.width() >= box.sizeHint().width(), box.accessibleName()
    # The article keeps the room to be read.
    assert w.splitter.sizes()[1] >= 380


def test_the_library_list_shows_dates_and_headers_whole_at_a_large_font(large_font, make_window):
    from reader.core.models import build_article
    from reader.ui.models import LibraryModel

    w = make_window()
    w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", "It closed.")]))
    w.library.reload()
    view = w.library_view
    fm = view.fontMetrics()
    imported = LibraryModel.COLUMNS.index("Imported")
    shown = view.model().index(0, imported).data()
    assert view.columnWidth(imported) >= fm.horizontalAdvance(shown) + 8
    for column, name in enumerate(LibraryModel.COLUMNS):
        if column and not view.isColumnHidden(column):
            assert view.columnWidth(column) >= fm.horizontalAdvance(name) + fm.height(), name
