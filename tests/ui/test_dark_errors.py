"""The red of a refused source reads in the dark theme too: the line under the new
source's fields, the source form's line and the sources list's address line each keep a
WCAG contrast of 4.5 or more against what is behind them, in either theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from reader.core.models import Source, build_article
from reader.ui.source_list import SourceDialog
from tests.ui.test_reworded_banner import contrast

FIRST = "The mayor said the bridge had been closed for ten years."


@pytest.fixture(params=["light", "dark"])
def editor(request, make_window, qtbot):
    w = make_window()
    w.set_theme(request.param)
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", FIRST)]))
    start = art.text.index(FIRST)
    w.lib.add_note(art.id, start, start + len(FIRST), verdict="false")
    w.library.reload()
    w.open_article(art.id)
    w.reader.select_range(start, start + len(FIRST))
    ed = w.notes_panel.editor
    qtbot.waitUntil(lambda: ed.note() is not None)
    yield ed
    w.set_theme("light")


def _readable(label) -> bool:
    pal = label.palette()
    text = pal.color(QPalette.ColorRole.WindowText)
    return contrast(text, pal.color(QPalette.ColorRole.Window)) >= 4.5


def test_a_refused_source_address_is_said_in_a_readable_red(qtbot, editor):
    editor.source_url.setText("file:///etc/passwd")
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)
    assert editor.source_error.text()
    assert _readable(editor.source_error)


def test_the_source_form_says_what_it_refuses_in_a_readable_red(qtbot, editor):
    dialog = SourceDialog(Source(url="https://example.org/a"), editor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText("javascript:alert(1)")
    dialog.accept()
    assert dialog.error.isVisible() and dialog.error.text()
    assert _readable(dialog.error)


def test_a_source_that_is_no_web_address_is_marked_in_a_readable_red(qtbot, editor):
    from reader.ui.theme import error_colour

    editor.sources_model.set_sources([Source(url="not an address", title="Minutes")])
    base = editor.sources.palette().color(QPalette.ColorRole.Base)
    red = error_colour(editor.sources.palette())
    assert contrast(red, base) >= 4.5
    image = editor.sources.viewport().grab().toImage()
    drawn = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert red.name() in drawn
