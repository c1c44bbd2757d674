"""The header's column chooser shared by the library list and the Claims view."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from reader.ui.table_columns import column_menu

NAMES = ("Title", "Site", "Notes", "Imported")


def _table(qtbot) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(1, len(NAMES), view)
    model.setHorizontalHeaderLabels(list(NAMES))
    view.setModel(model)
    return view


def test_the_always_shown_column_is_not_offered(qtbot) -> None:
    view = _table(qtbot)
    menu = column_menu(view, view.horizontalHeader(), NAMES, always_shown=0)
    assert [a.text() for a in menu.actions()] == ["Site", "Notes", "Imported"]


def test_the_menu_ticks_only_the_columns_that_show(qtbot) -> None:
    view = _table(qtbot)
    view.horizontalHeader().setSectionHidden(2, True)
    menu = column_menu(view, view.horizontalHeader(), NAMES, always_shown=0)
    assert {a.text(): a.isChecked() for a in menu.actions()} == {
        "Site": True,
        "Notes": False,
        "Imported": True,
    }


def test_unticking_a_column_hides_it_and_ticking_brings_it_back(qtbot) -> None:
    view = _table(qtbot)
    header = view.horizontalHeader()
    menu = column_menu(view, header, NAMES, always_shown=1)
    imported = next(a for a in menu.actions() if a.text() == "Imported")
    imported.setChecked(False)
    assert header.isSectionHidden(3)
    imported.setChecked(True)
    assert not header.isSectionHidden(3)
    assert "Site" not in [a.text() for a in menu.actions()]
