"""In the dark theme what is off looks off: a disabled button's, menu item's or field's
words are dimmer than an enabled one's (the dark palette drew both alike)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.test_reworded_banner import contrast

Group, Role = QPalette.ColorGroup, QPalette.ColorRole


@pytest.mark.parametrize("role", [Role.ButtonText, Role.WindowText, Role.Text])
def test_disabled_words_are_dimmer_than_enabled_ones_in_the_dark_theme(make_window, role):
    w = make_window()
    try:
        w.set_theme("dark")
        palette = QApplication.palette()
        enabled = palette.color(Group.Active, role)
        disabled = palette.color(Group.Disabled, role)
        background = palette.color(Group.Disabled, Role.Window)
        assert disabled.lightness() < enabled.lightness() - 60
        # Dimmer, yet still legible as words on the window.
        assert contrast(disabled, background) >= 2.5
    finally:
        w.set_theme("light")
