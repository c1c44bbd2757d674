"""View original from the keyboard: Enter acts on the list it is pressed in (brings back
the chosen left-out line, or drops the chosen block), never on the other list through a
default button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.test_window_dialogs import TEXT, window  # noqa: F401


def _dialog(qtbot, w):
    from reader.ui.dialogs import OriginalDialog

    data, media_type = w.lib.raw_input(w.article.id)
    chosen: list[tuple[str, str | None]] = []
    dialog = OriginalDialog(
        data, media_type, w.article, w.lib, w, choose=lambda t, a: chosen.append((t, a))
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, chosen


def test_no_button_of_view_original_answers_enter_for_a_list(qtbot, window):  # noqa: F811
    dialog, _chosen = _dialog(qtbot, window)
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()] == []
    assert not any(b.autoDefault() for b in dialog.findChildren(QPushButton))


def test_enter_in_the_kept_blocks_drops_the_chosen_block(qtbot, window):  # noqa: F811
    dialog, chosen = _dialog(qtbot, window)
    assert dialog.dropped.rowCount()  # a line left out, which Enter must not bring back
    dialog.dropped_view.setCurrentIndex(dialog.dropped.index(0, 0))
    dialog.blocks_view.setFocus()
    dialog.blocks_view.setCurrentIndex(dialog.blocks.index(0, 0))
    block = dialog.blocks.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    qtbot.keyClick(dialog.blocks_view, Qt.Key.Key_Return)
    assert chosen == [(block, "drop")]


def test_enter_in_the_left_out_lines_brings_the_chosen_one_back(qtbot, window):  # noqa: F811
    dialog, chosen = _dialog(qtbot, window)
    dialog.dropped_view.setFocus()
    dialog.dropped_view.setCurrentIndex(dialog.dropped.index(0, 0))
    line = dialog.dropped.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    qtbot.keyClick(dialog.dropped_view, Qt.Key.Key_Return)
    assert chosen == [(line, "keep")]
