"""The column chooser of the window's tables: right-click a header to show or hide columns.

The library list and the Claims view share it; one column of each (the title, the claim)
always shows, so a table never ends up with nothing to click.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QHeaderView, QMenu, QWidget


def column_menu(
    parent: QWidget, header: QHeaderView, names: Sequence[str], always_shown: int
) -> QMenu:
    """A menu of checkable column names; toggling one shows or hides that column."""
    menu = QMenu(parent)
    for i, name in enumerate(names):
        if i == always_shown:
            continue
        act = menu.addAction(name)
        act.setCheckable(True)
        act.setChecked(not header.isSectionHidden(i))
        act.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
    return menu


def offer_column_menu(
    parent: QWidget, header: QHeaderView, names: Sequence[str], always_shown: int, pos: QPoint
) -> None:
    """Show :func:`column_menu` where the header was right-clicked."""
    column_menu(parent, header, names, always_shown).exec(header.mapToGlobal(pos))
