"""Drive the real main window as a user would, on the shared sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.verdicts import BY_KEY


def _import(qtbot, window, path: Path) -> None:
    with qtbot.waitSignal(window.library_model.modelReset, timeout=20000):
        window.import_documents([str(path)])
    qtbot.waitUntil(lambda: window.article is not None, timeout=20000)


def _tint_at(reader, text_pos: int) -> str:
    """The background colour the reader shows at a clean-text offset."""
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.doc_pos(text_pos) + 1)  # the format of the char before
    brush = cursor.charFormat().background()
    return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else ""


def _click_sentence(qtbot, window, number: int) -> None:
    reader = window.reader
    start, _end = reader.spans[number - 1]
    rect = reader.cursorRect(reader._collapsed(start + 2))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _bridge_article(tmp_path: Path) -> Path:
    """A short article of our own, saved as copied text."""
    src = tmp_path / "a.txt"
    src.write_text(
        "Harbour Bridge Closes for Repairs\n\n"
        "The city council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n\n"
        "The mayor said the closure would cost local shops about two million dollars.\n",
        encoding="utf-8",
    )
    return src


def test_user_annotates_sample_and_finds_note_after_restart(
    qtbot, make_window, shared_dir, tmp_path
):
    sample = shared_dir / "samples" / "lavrov-kerry.raw.txt"
    db = tmp_path / "library.sqlite3"
    window = make_window(db)
    _import(qtbot, window, sample)
    assert window.article.title == "Lavrov and Kerry Fail to Reach Agreement on Ukraine"

    _click_sentence(qtbot, window, 5)
    s5 = window.reader.spans[4]
    assert window.reader.selected == s5
    sentence = window.article.text[s5[0] : s5[1]]
    assert sentence in window.notes_panel.selection_label.text()

    qtbot.mouseClick(window.notes_panel.add_button, Qt.MouseButton.LeftButton)
    editor = window.notes_panel.editor
    assert editor.note() is not None
    editor.verdict.setCurrentIndex(editor.verdict.findData("false"))
    qtbot.keyClicks(editor.conclusion, "The claim is wrong.")
    qtbot.keyClicks(editor.source_url, "https://example.org/evidence")
    qtbot.keyClicks(editor.source_title, "The evidence")
    qtbot.mouseClick(editor.add_source_button, Qt.MouseButton.LeftButton)
    editor.flush()
    window.close()

    again = make_window(db)
    qtbot.waitUntil(lambda: again.library_model.rowCount() == 1)
    again.library_view.selectRow(0)
    qtbot.waitUntil(lambda: again.article is not None)
    [note] = again.notes
    assert note.verdict == "false"
    assert note.conclusion == "The claim is wrong."
    assert note.exact == sentence
    assert [(s.url, s.title) for s in note.sources] == [
        ("https://example.org/evidence", "The evidence")
    ]
    assert _tint_at(again.reader, note.start) == BY_KEY["false"].colour
    assert _tint_at(again.reader, note.end - 1) == BY_KEY["false"].colour
    assert _tint_at(again.reader, note.end + 1) != BY_KEY["false"].colour

    out = tmp_path / "notes.md"
    again.export_markdown_to(out)
    md = out.read_text(encoding="utf-8")
    assert "False" in md
    assert f"> {sentence}" in md
    assert "[The evidence](https://example.org/evidence)" in md


def test_verdict_key_adds_a_note_and_undo_removes_it(qtbot, make_window, tmp_path):
    src = _bridge_article(tmp_path)
    window = make_window()
    _import(qtbot, window, src)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.reader.current_sentence() == 1
    qtbot.keyClick(window.reader, Qt.Key.Key_5)  # 5 = False
    assert [n.verdict for n in window.notes] == ["false"]
    assert window.undo_stack.undoText().startswith("Add note")
    note = window.notes[0]
    assert _tint_at(window.reader, note.start) == BY_KEY["false"].colour
    window.undo_stack.undo()
    assert window.notes == []
    assert _tint_at(window.reader, note.start) == ""
    window.undo_stack.redo()
    assert [n.verdict for n in window.notes] == ["false"]


def test_window_layout_is_remembered(qtbot, make_window, settings):
    window = make_window()
    window.splitter.setSizes([200, 700, 380])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.splitter.sizes() == sizes


def test_after_a_verdict_key_adds_a_note_the_next_digit_changes_its_verdict(
    qtbot, make_window, tmp_path
):
    src = _bridge_article(tmp_path)
    window = make_window()
    _import(qtbot, window, src)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    qtbot.keyClick(window.reader, Qt.Key.Key_5)  # adds a note: False
    assert QApplication.focusWidget() is window.reader
    qtbot.keyClick(window.reader, Qt.Key.Key_1)  # changes it: True
    qtbot.waitUntil(
        lambda: [n.verdict for n in window.lib.notes_for_article(window.article.id)] == ["true"]
    )
    assert [n.conclusion for n in window.lib.notes_for_article(window.article.id)] == [""]


@pytest.mark.parametrize("width", [800, 1280])
def test_opening_the_first_article_keeps_the_columns_where_they_were(
    qtbot, make_window, tmp_path, width
):
    src = _bridge_article(tmp_path)
    window = make_window()
    window.resize(width, 700)
    qtbot.wait(20)
    before = window.splitter.sizes()
    _import(qtbot, window, src)
    after = window.splitter.sizes()
    assert after[0] == before[0]
    assert after[1] >= min(before[1], 150)  # the reader is never squeezed to a sliver
    assert abs(sum(after) - sum(before)) <= 2


def test_library_columns_stay_as_chosen_across_reloads_and_restarts(qtbot, make_window, settings):
    window = make_window()
    header = window.library_view.horizontalHeader()
    site = window.library_model.COLUMNS.index("Site")
    assert header.isSectionHidden(site)  # a narrow list shows the title first
    header.setSectionHidden(site, False)
    window.library_model.reload()
    assert not header.isSectionHidden(site)
    window.save_layout()
    window.close()
    again = make_window()
    assert not again.library_view.horizontalHeader().isSectionHidden(site)


def test_typing_before_and_after_opening_another_article_is_two_undo_steps(
    qtbot, make_window, tmp_path
):
    from dataclasses import replace

    from reader.core.models import build_article

    src = _bridge_article(tmp_path)
    window = make_window()
    _import(qtbot, window, src)
    aid = window.article.id
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)  # a note, focus in its conclusion
    note = window.notes_panel.editor.note()
    window.notes_pane.on_editor_note_edited(note, replace(note, conclusion="First thought"))
    other = window.lib.add_article(
        build_article([("title", "Dam opens"), ("paragraph", "The dam opened.")])
    )
    window.open_article(other.id)
    window.open_article(aid)
    note = window.lib.get_note(note.id)
    window.notes_pane.on_editor_note_edited(note, replace(note, conclusion="Second thought"))
    window.undo_stack.undo()
    assert window.lib.get_note(note.id).conclusion == "First thought"
