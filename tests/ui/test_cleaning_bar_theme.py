"""The cleaning bar reads in both themes: its warning keeps a WCAG contrast of 4.5 or
more against the bar (in the dark theme it was the theme's light text on a cream bar),
and a switch of theme while it shows recolours it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests._doubt import set_doubt
from tests.ui.test_cleaning_review import ARTICLE, _import, _write
from tests.ui.test_reworded_banner import box_background, contrast


def _readable(w) -> bool:
    review = w.reader_pane.cleaning
    text = review.message.palette().color(QPalette.ColorRole.WindowText)
    return contrast(text, box_background(review.bar)) >= 4.5


def _switch(w, theme: str) -> None:
    w.set_theme(theme)
    QApplication.processEvents()  # the new palette reaches the widgets as events


def test_the_cleaning_warning_reads_in_either_theme(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.ui.messages.ask", lambda *a, **k: False)
    set_doubt(monkeypatch, True)
    w = make_window()
    try:
        _switch(w, "dark")
        _import(qtbot, w, _write(tmp_path, "bridge.txt", ARTICLE))
        review = w.reader_pane.cleaning
        assert review.isVisible() and review.message.text()
        assert box_background(review.bar).lightness() < 80  # not a cream bar in the dark
        assert _readable(w)
        _switch(w, "light")
        assert box_background(review.bar).lightness() > 200
        assert _readable(w)
    finally:
        w.set_theme("light")
