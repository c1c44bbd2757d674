"""The window from the keyboard alone: Tab leaves every field and list it reaches, so a
note, its sources and the library lists can all be walked through without a mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article
from reader.store import Library

FIRST = "The mayor said the bridge had been closed for ten years."
SECOND = "Nobody was hurt."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "walk.sqlite3"
    with Library(path) as lib:
        for title in ("Bridges", "Budgets"):
            art = lib.add_article(
                build_article([("title", title), ("paragraph", f"{FIRST} {SECOND}")])
            )
            start = art.text.index(FIRST)
            lib.add_note(art.id, start, start + len(FIRST), verdict="false")
    return path


@pytest.fixture
def window(make_window, qtbot, db):
    w = make_window(db)
    w.library.reload()
    return w


def _note_open(qtbot, w):
    [art] = [a for a in w.lib.list_articles() if a.title == "Bridges"]
    w.open_article(art.id)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # the title, then the noted sentence
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.waitUntil(editor.conclusion.hasFocus)
    return editor


def test_tab_in_the_note_body_goes_on_to_the_sources_and_types_no_tab(qtbot, window):
    editor = _note_open(qtbot, window)
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "Two years, says the council.")
    qtbot.keyClick(editor.body, Qt.Key.Key_Tab)
    assert not editor.body.hasFocus()
    assert editor.body.toPlainText() == "Two years, says the council."
    for _ in range(10):  # on through the Write/Preview tabs to the new source's address
        if editor.source_url.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert editor.source_url.hasFocus()


@pytest.mark.parametrize("tab", ["articles", "claims"])
def test_tab_leaves_a_library_table_instead_of_walking_its_cells(qtbot, window, tab):
    w = window
    if tab == "claims":
        view = w.library.show_claims()
        qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() > 0, timeout=10000)
        table = view.view
    else:
        table = w.library.view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def test_after_delete_the_next_article_is_current_and_delete_goes_on_from_there(
    qtbot, db, make_window
):
    with Library(db) as lib:
        lib.add_article(build_article([("title", "Crossings"), ("paragraph", SECOND)]))
    w = make_window(db)
    view = w.library.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    deleted = w.article.id
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert w.library_model.rowCount() == 2
    # Not a list with no current row, where the keys start again from the top.
    assert view.currentIndex().row() == 1
    assert w.article is not None and w.article.id != deleted
    assert w.statusBar().currentMessage() == "1 article moved to the Trash (Ctrl+Z to undo)"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert w.library_model.rowCount() == 1
    assert view.currentIndex().row() == 0
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.library_model.rowCount() == 3


def test_the_claimant_and_the_note_text_typed_one_after_the_other_are_two_undo_steps(qtbot, window):
    w = window
    editor = _note_open(qtbot, w)
    editor.claimant.setFocus()
    qtbot.keyClicks(editor.claimant, "Mayor Smith")
    editor.flush()
    assert w.undo_stack.undoText() == "Edit claimant"
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "Council minutes say 2019.")
    editor.flush()
    w.reader.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    note = w.lib.get_note(editor.note().id)
    assert note.body == ""
    assert note.claimant == "Mayor Smith"  # not taken back with the text typed after it


def test_alt_k_goes_to_the_workflow_and_its_label_shows_no_ampersand(qtbot, window):
    from PySide6.QtWidgets import QLabel

    editor = _note_open(qtbot, window)
    [label] = [lab for lab in editor.findChildren(QLabel) if "kflow" in lab.text()]
    assert label.buddy() is editor.workflow  # else Qt shows the & itself: "Wor&kflow"
    qtbot.keyClick(editor.conclusion, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert editor.workflow.hasFocus()


def test_the_verdict_s_alt_key_goes_to_the_verdict_not_to_the_view_menu(qtbot, window):
    from PySide6.QtWidgets import QLabel

    editor = _note_open(qtbot, window)
    [label] = [lab for lab in editor.findChildren(QLabel) if lab.buddy() is editor.verdict]
    key = label.text()[label.text().index("&") + 1]
    assert key.upper() not in "FEVH"  # File, Edit, View and Help take these
    qtbot.keyClick(
        editor.conclusion, getattr(Qt.Key, f"Key_{key.upper()}"), Qt.KeyboardModifier.AltModifier
    )
    assert editor.verdict.hasFocus()
