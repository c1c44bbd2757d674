"""Where the keyboard focus is when the user starts: at first start, after an import and
after a dialog closes.  The keys (Enter, Space, J/K, Tab) act where the focus is, so a
window that starts on its tab bar made the first key press do nothing useful."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QTabBar

from reader.core.models import build_article
from reader.store import Library

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)


def _focus():
    return QApplication.focusWidget()


def _close_dialog_later(seen: list[str]) -> None:
    """Close the modal dialog the next action opens, as Esc would."""

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        seen.append(dialog.windowTitle())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    QTimer.singleShot(0, close)


def _window_manager_activates(w) -> None:
    """The window manager gives the window the keys back when its dialog closes (the
    offscreen platform of the tests has none)."""
    w.activateWindow()
    QApplication.processEvents()


@pytest.fixture
def library_with_article(tmp_path: Path) -> Path:
    db = tmp_path / "filled.sqlite3"
    with Library(db) as lib:
        lib.add_article(build_article([("title", "Bridge"), ("paragraph", "It closed.")]))
    return db


def test_first_start_puts_the_focus_on_the_paste_button_of_the_welcome(qtbot, make_window):
    w = make_window()
    qtbot.waitUntil(lambda: _focus() is not None)
    assert not isinstance(_focus(), QTabBar)
    assert _focus() is w.reader_pane.welcome.paste_button
    # The button does what the welcome says: Enter pastes the copied article.
    QGuiApplication.clipboard().setText(TEXT)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    # … and the article is then read from the keyboard at once.
    qtbot.waitUntil(lambda: _focus() is w.reader)


def test_welcome_buttons_follow_the_tab_order_and_open_their_dialogs(
    qtbot, make_window, monkeypatch
):
    w = make_window()
    welcome = w.reader_pane.welcome
    asked: list[str] = []
    monkeypatch.setattr(w.import_actions, "open_files_dialog", lambda: asked.append("file"))
    monkeypatch.setattr(w.import_actions, "open_url_dialog", lambda: asked.append("url"))
    qtbot.waitUntil(lambda: _focus() is welcome.paste_button)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is welcome.open_button
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is welcome.url_button
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    assert asked == ["file", "url"]


def test_start_with_articles_puts_the_focus_on_the_article_list(
    qtbot, make_window, library_with_article
):
    w = make_window(library_with_article)
    qtbot.waitUntil(lambda: _focus() is not None)
    assert _focus() is w.library_view
    # The keys are there, but nothing is opened that the user did not choose …
    assert w.article is None and w.center.currentWidget() is w.welcome
    # … until Enter (or Space, or a click) chooses the row.
    qtbot.keyClick(w.library_view, Qt.Key.Key_Return)
    assert w.article is not None and w.article.title == "Bridge"


def test_space_on_the_focused_row_of_the_list_opens_it(qtbot, make_window, library_with_article):
    w = make_window(library_with_article)
    qtbot.waitUntil(lambda: _focus() is w.library_view)
    qtbot.keyClick(w.library_view, Qt.Key.Key_Space)
    assert w.article is not None and w.article.title == "Bridge"


def test_a_read_only_empty_library_starts_on_the_article_list(
    qtbot, make_window, monkeypatch, tmp_path
):
    import os

    from reader.store import _sql

    path = tmp_path / "empty.sqlite3"
    Library(path).close()
    # The tests may run as root, which any file lets write: the check is what we stub.
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(path) else real_access(p, mode),
    )
    w = make_window(path)
    assert w.read_only
    qtbot.waitUntil(lambda: _focus() is not None)
    # Nothing can be brought in: no button offers it, and the list has the focus.
    assert not w.reader_pane.welcome.paste_button.isVisibleTo(w)
    assert _focus() is w.library_view


def test_focus_comes_back_to_the_welcome_button_after_the_url_dialog_is_cancelled(
    qtbot, make_window
):
    w = make_window()
    welcome = w.reader_pane.welcome
    seen: list[str] = []
    qtbot.waitUntil(lambda: _focus() is welcome.paste_button)
    welcome.url_button.setFocus()
    _close_dialog_later(seen)
    qtbot.keyClick(welcome.url_button, Qt.Key.Key_Space)
    assert seen == ["Open URL"]
    _window_manager_activates(w)
    qtbot.waitUntil(lambda: _focus() is welcome.url_button)


def test_focus_comes_back_to_the_list_after_the_trash_dialog_closes(
    qtbot, make_window, library_with_article, trigger
):
    w = make_window(library_with_article)
    qtbot.waitUntil(lambda: _focus() is w.library_view)
    seen: list[str] = []
    _close_dialog_later(seen)
    trigger(w, "Trash…")
    assert seen
    _window_manager_activates(w)
    qtbot.waitUntil(lambda: _focus() is w.library_view)


def test_an_article_opened_as_a_duplicate_is_read_from_the_keyboard(
    qtbot, make_window, tmp_path, monkeypatch
):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    w.library_view.setFocus()
    monkeypatch.setattr(w.import_actions, "ask_duplicate", lambda why: "open")
    first = w.article.id
    w.article = None
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert w.article.id == first
    _window_manager_activates(w)
    qtbot.waitUntil(lambda: _focus() is w.reader)
