"""Update article: Update is on only with a file or address to update from."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from reader.ui.dialogs import UpdateSourceDialog


def test_update_is_off_until_there_is_something_to_update_from(qtbot, tmp_path):
    dialog = UpdateSourceDialog("", str(tmp_path))
    qtbot.addWidget(dialog)
    update = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert update.text() == "Update"
    assert not update.isEnabled()
    dialog.source.setText("   ")
    assert not update.isEnabled()
    dialog.source.setText("example.org/news/1")
    assert update.isEnabled()

