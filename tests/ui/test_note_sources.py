"""Issue 18, item 17: the note editor's sources and buttons in a 360 px notes panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.core.models import Note, Selector, Source
from reader.ui.notes_panel import NotesPanel

LONG_TITLE = "Ministry readout of the meeting between the two foreign ministers in London"
LONG_URL = "https://www.example.org/readout/2014/03/14/" + "a-very-long-path-segment-" * 6
SOURCES = [
    Source(LONG_URL, LONG_TITLE, "Ministry of Foreign Affairs", "2014-03-14", stance="supports"),
    Source("https://news.example.com/ferries", stance="refutes"),
]
TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)


def _note(sources: list[Source], body: str = "") -> Note:
    return Note(
        "n1",
        "a1",
        selector=Selector(0, 11, "The council"),
        verdict="false",
        conclusion="No record of this.",
        body=body,
        sources=list(sources),
    )


def _panel(qtbot, height: int, note: Note) -> NotesPanel:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, height)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_selection("The council voted on Monday.", [note], "Sentence 2")
    return panel


def _row_texts(editor, row: int) -> tuple[str, str, str]:
    view = editor.sources
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(editor.sources_model.index(row, 0))
    return view.delegate.texts(option, editor.sources_model.index(row, 0))


def _bottom_in(widget, ancestor) -> int:
    return widget.mapTo(ancestor, widget.rect().bottomLeft()).y()


def test_sources_fit_a_360_px_panel_as_two_lines_with_no_sideways_scrolling(qtbot):
    panel = _panel(qtbot, 1100, _note(SOURCES))
    editor = panel.editor
    view = editor.sources
    qtbot.waitUntil(lambda: view.isVisible() and view.width() > 0)
    assert editor.form_scroll.horizontalScrollBar().maximum() == 0
    scroll = editor.form_scroll
    # (Once the layout settles: a scroll bar shows for a moment while it is laid out.)
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width(), timeout=2000)
    assert view.horizontalScrollBar().maximum() == 0
    width = view.viewport().width()
    for row in range(2):
        rect = view.visualRect(editor.sources_model.index(row, 0))
        assert rect.left() >= 0 and rect.right() < width
        # Both rows are in sight: the list is as tall as its rows.
        assert rect.bottom() < view.viewport().height()
    metrics = view.fontMetrics()
    title, stance, details = _row_texts(editor, 0)
    assert title.startswith("Ministry readout") and title.endswith("…")
    assert stance == "✓ Supports"
    assert "Ministry of Foreign Affairs" in details and "example.org" in details
    assert "2014-03-14" in details and "www." not in details
    assert metrics.horizontalAdvance(details) <= width
    # Untitled: the address stands in for the title, its domain below.
    title, stance, details = _row_texts(editor, 1)
    assert title == "https://news.example.com/ferries" and stance == "✗ Refutes"
    assert details == "news.example.com"
    tip = editor.sources_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert LONG_URL in tip


def test_a_source_that_is_not_a_web_address_shows_as_text_and_says_so(qtbot):
    hostile = Source("javascript:alert(1)", "<b>x</b>")
    panel = _panel(qtbot, 1100, _note([hostile]))
    title, _stance, details = _row_texts(panel.editor, 0)
    assert title == "<b>x</b>"  # painted as text, never as markup
    assert "Not a web address" in details
    tip = panel.editor.sources_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p>") and "javascript:alert(1)" in tip  # escaped, as text
    assert "does not look like a web address" in tip


def test_the_note_buttons_sit_on_the_bottom_edge_and_a_long_note_scrolls_above_them(qtbot):
    panel = _panel(qtbot, 1100, _note([]))
    editor, button = panel.editor, panel.editor.delete_button
    qtbot.waitUntil(lambda: button.isVisible())
    # A short note: the buttons are on the editor's bottom edge, not under the form.
    assert editor.height() - _bottom_in(button, editor) <= 12
    assert editor.form_scroll.verticalScrollBar().maximum() == 0

    many = [Source(f"https://example.org/{i}", f"Source {i}") for i in range(5)]
    panel.resize(360, 620)
    panel.editor.set_note(_note(many, body="A long note.\n" * 40))
    qtbot.waitUntil(lambda: editor.form_scroll.verticalScrollBar().maximum() > 0)
    assert editor.height() - _bottom_in(button, editor) <= 12
    # In sight: inside the panel, not scrolled out of it.
    assert not button.visibleRegion().isEmpty()
    assert _bottom_in(button, panel) <= panel.height()


def test_a_changed_note_shows_its_diff_once_and_both_wordings_in_the_tooltip(qtbot):
    checked = "The closure would cost local shops about two million dollars."
    current = "The closure would cost local shops about twenty million dollars."
    note = Note(
        "n1",
        "a1",
        Selector(0, len(current), current),
        anchor_state="changed",
        checked_exact=checked,
    )
    panel = _panel(qtbot, 700, note)
    banner = panel.editor.anchor_banner
    assert "Number changed" in banner.text() and "twenty" in banner.text()
    # Not three copies of the sentence in a narrow panel: the diff holds both.
    assert "Checked:" not in banner.text() and "Now:" not in banner.text()
    assert banner.text().count("local shops") == 1
    assert f"“{checked}”" in banner.toolTip() and f"“{current}”" in banner.toolTip()
    panel.editor.set_note(_note([]))
    assert banner.toolTip() == ""


@pytest.fixture
def window(qtbot, make_window, tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)  # a new note on the first sentence
    return w


def _stored(w) -> list[Source]:
    return w.lib.get_note(w.notes_panel.editor.note().id).sources


def _add(qtbot, editor, url: str, title: str = "") -> None:
    qtbot.keyClicks(editor.source_url, url)
    if title:
        qtbot.keyClicks(editor.source_title, title)
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)


def test_with_a_long_note_open_at_1280_by_720_its_delete_button_is_in_sight(qtbot, window):
    from dataclasses import replace

    w = window
    editor = w.notes_panel.editor
    for i in range(5):
        _add(qtbot, editor, f"https://example.org/{i}", f"Source {i}")
    editor.set_note(replace(editor.note(), anchor_state="orphan"))  # its banner too
    w.resize(1280, 670)
    qtbot.waitUntil(lambda: w.height() <= 670)
    panel, button = w.notes_panel, w.notes_panel.editor.delete_button
    qtbot.waitUntil(lambda: not button.visibleRegion().isEmpty(), timeout=2000)
    assert _bottom_in(button, panel) <= panel.height()


def test_a_source_is_edited_from_the_keyboard_and_the_edit_undone(qtbot, window):
    w = window
    editor = w.notes_panel.editor
    _add(qtbot, editor, "https://example.org/report")
    assert [s.title for s in _stored(w)] == [""]
    editor.sources.setFocus()
    qtbot.keyClick(editor.sources, Qt.Key.Key_Down)  # the first source becomes current
    qtbot.keyClick(editor.sources, Qt.Key.Key_Return)
    dialog = editor.source_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.url.text() == "https://example.org/report"
    qtbot.keyClicks(dialog.title, "Harbour report")
    qtbot.keyClicks(dialog.publisher, "Port authority")
    qtbot.keyClicks(dialog.date, "2024-05-01")
    dialog.stance.setFocus()
    qtbot.keyClick(dialog.stance, Qt.Key.Key_Up)  # context → refutes
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [source] = _stored(w)
    assert (source.title, source.publisher, source.date, source.stance) == (
        "Harbour report",
        "Port authority",
        "2024-05-01",
        "refutes",
    )
    assert editor.sources.hasFocus()
    w.undo_stack.undo()
    [source] = _stored(w)
    assert (source.title, source.stance) == ("", "context")


def test_the_source_form_refuses_an_address_that_is_not_http_or_a_doi(qtbot, window):
    w = window
    editor = w.notes_panel.editor
    _add(qtbot, editor, "https://example.org/report")
    editor.sources.setCurrentIndex(editor.sources_model.index(0, 0))
    qtbot.mouseClick(editor.edit_source_button, Qt.MouseButton.LeftButton)
    dialog = editor.source_dialog
    dialog.url.setText("javascript:alert(1)")
    qtbot.keyClick(dialog.url, Qt.Key.Key_Return)
    assert dialog.isVisible() and "not a web address" in dialog.error.text()
    assert dialog.focusWidget() is dialog.url
    dialog.url.setText("10.1000/xyz")  # a DOI becomes its https address
    qtbot.keyClick(dialog.url, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [s.url for s in _stored(w)] == ["https://doi.org/10.1000/xyz"]


def test_sources_are_added_moved_and_removed_each_as_one_undo_step(qtbot, window):
    w = window
    editor = w.notes_panel.editor
    _add(qtbot, editor, "https://a.example/", "A")
    _add(qtbot, editor, "https://b.example/", "B")
    assert [s.title for s in _stored(w)] == ["A", "B"]
    assert editor.sources_model.rowCount() == 2

    editor.sources.setCurrentIndex(editor.sources_model.index(1, 0))
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [s.title for s in _stored(w)] == ["B", "A"]
    editor.sources.setFocus()
    qtbot.keyClick(editor.sources, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [s.title for s in _stored(w)] == ["A", "B"]
    w.undo_stack.undo()
    assert [s.title for s in _stored(w)] == ["B", "A"]

    editor.sources.setFocus()
    editor.sources.setCurrentIndex(editor.sources_model.index(0, 0))
    qtbot.keyClick(editor.sources, Qt.Key.Key_Delete)
    assert [s.title for s in _stored(w)] == ["A"]
    qtbot.mouseClick(editor.remove_source_button, Qt.MouseButton.LeftButton)
    assert _stored(w) == []
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert [s.title for s in _stored(w)] == ["B", "A"]
    assert editor.sources_model.rowCount() == 2
    w.undo_stack.undo()  # the move
    w.undo_stack.undo()  # the second source
    assert [s.title for s in _stored(w)] == ["A"]


# -- the rest of item 17: the library list's title column ---------------------------------


def test_the_library_title_column_stretches_with_the_list(qtbot, window):
    from PySide6.QtWidgets import QHeaderView

    w = window
    header = w.library_view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    sizes = w.splitter.sizes()
    before = header.sectionSize(0)
    w.splitter.setSizes([sizes[0] + 150, sizes[1] - 150, sizes[2]])
    qtbot.waitUntil(lambda: header.sectionSize(0) >= before + 100, timeout=2000)
