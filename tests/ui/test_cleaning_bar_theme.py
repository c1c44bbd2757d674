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


def _unticked_box_contrast(review) -> float:
    """The most any pixel of the first unticked line's tick box stands out from the list."""
    from PySide6.QtCore import Qt as _Qt

    view = review.list
    row = next(
        i
        for i in range(view.count())
        if view.item(i).flags() & _Qt.ItemFlag.ItemIsUserCheckable
        and view.item(i).checkState() == _Qt.CheckState.Unchecked
    )
    rect = view.visualItemRect(view.item(row))
    image = view.viewport().grab().toImage()
    base = view.palette().color(QPalette.ColorRole.Base)
    return max(
        contrast(image.pixelColor(x, y), base)
        for x in range(rect.left(), rect.left() + 20)
        for y in range(rect.top(), rect.bottom())
    )


def test_an_unticked_line_s_box_shows_in_the_dark_theme(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.ui.messages.ask", lambda *a, **k: False)
    set_doubt(monkeypatch, True)
    w = make_window()
    try:
        _switch(w, "dark")
        _import(qtbot, w, _write(tmp_path, "bridge.txt", ARTICLE))
        # WCAG's 3:1 for the parts of a control: the box was the list's own colour.
        assert _unticked_box_contrast(w.reader_pane.cleaning) >= 3
    finally:
        w.set_theme("light")
