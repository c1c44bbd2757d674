"""Search everything says plainly how many it found, and when nothing matches it says so
in the list's place with what to try."""

from __future__ import annotations

from reader.core.models import build_article
from reader.ui.dialogs import SearchDialog


def _dialog(qtbot, make_window):
    w = make_window()
    w.lib.add_article(
        build_article([("title", "Bridges"), ("paragraph", "The bridge was closed.")])
    )
    dialog = SearchDialog(w.lib, w)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_search_that_finds_nothing_says_so_and_what_to_try(qtbot, make_window):
    dialog = _dialog(qtbot, make_window)
    dialog.query.setText("viaduct")
    dialog.run_search()
    assert dialog.count.text() == "No results"
    assert dialog.empty.text().startswith("Nothing matches “viaduct”")


def test_the_count_reads_as_words(qtbot, make_window):
    dialog = _dialog(qtbot, make_window)
    dialog.query.setText("bridge")
    dialog.run_search()
    assert dialog.model.rowCount() == 1
    assert dialog.count.text() == "1 result"
    assert dialog.empty.text() == ""
    dialog.query.setText("")
    dialog.run_search()
    assert dialog.count.text() == "" and dialog.empty.text() == ""


def test_the_words_quoted_in_the_hint_are_shown_as_typed(qtbot, make_window):
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot, make_window)
    dialog.query.setText("<b>viaduct</b>")
    dialog.run_search()
    assert dialog.empty.label.textFormat() == Qt.TextFormat.PlainText
    assert "“<b>viaduct</b>”" in dialog.empty.text()
