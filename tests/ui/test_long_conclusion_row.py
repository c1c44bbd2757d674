"""A note's row in the notes lists shows a long conclusion cut to a few lines (one note
filled the whole All notes list), the whole of it in the row's tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Note, Selector
from reader.ui.models import NotesModel

LONG = "Closed for two years, not ten, say the council minutes of March. " * 10


def test_a_long_conclusion_is_cut_in_the_row_and_whole_in_its_tooltip(qtbot):
    model = NotesModel()
    note = Note("n1", "a1", selector=Selector(0, 5, "Quote"), conclusion=LONG.strip())
    model.set_notes([note])
    index = model.index(0, 0)
    shown = index.data(Qt.ItemDataRole.DisplayRole).splitlines()[-1]
    assert len(shown) <= 161 and shown.endswith("…")
    assert LONG.strip() in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_short_conclusion_is_shown_whole(qtbot):
    model = NotesModel()
    note = Note("n1", "a1", selector=Selector(0, 5, "Quote"), conclusion="Two years, not ten.")
    model.set_notes([note])
    assert model.index(0, 0).data().splitlines()[-1] == "Two years, not ten."
