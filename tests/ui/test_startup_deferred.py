"""What start-up leaves for later still happens when it is needed.

The window's start-up builds only what the first paint shows (tests/bench/startup.py):
the library's claim scoring starts once the window is up, the list's empty-state hint is
made the first time a filter empties the list, and File → Import annotations, the list
header's column chooser and the note shortcuts of the menus work without having been
built beforehand.  The filter boxes work their width out without naming ``QStyle``
(its enums cost ~6 ms the first time) and must agree with the style to the pixel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from reader.core.models import ArticleMeta, Block, CleanArticle
from reader.ui.claims_list import ClaimsPane
from tests.ui.conftest import menu_action


def _calls_to_score(monkeypatch) -> list[object]:
    calls: list[object] = []
    start = ClaimsPane.score_library_in_background

    def recorded(self: ClaimsPane) -> None:
        calls.append(self)
        start(self)

    monkeypatch.setattr(ClaimsPane, "score_library_in_background", recorded)
    return calls


def _new_window(qtbot, path: Path, settings):
    from reader.ui.main_window import MainWindow

    w = MainWindow(path, settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    return w


def test_the_library_is_scored_once_the_window_is_up_not_before_its_first_paint(
    qtbot, tmp_path, settings, monkeypatch
):
    calls = _calls_to_score(monkeypatch)
    w = _new_window(qtbot, tmp_path / "library.sqlite3", settings)
    w.show()
    QApplication.processEvents()  # the first paint
    assert calls == [] and w.claims_pane._scoring is None
    qtbot.waitUntil(lambda: calls == [w.claims_pane], timeout=10000)


def test_a_window_closed_before_its_scoring_started_never_starts_it(
    qtbot, tmp_path, settings, monkeypatch
):
    calls = _calls_to_score(monkeypatch)
    w = _new_window(qtbot, tmp_path / "library.sqlite3", settings)
    w.show()
    w.close()
    w.claims_pane.score_library_after_start(delay_ms=10)
    qtbot.wait(200)
    assert calls == []


def test_a_library_change_before_the_delay_scores_once_not_twice(
    qtbot, tmp_path, settings, monkeypatch
):
    calls = _calls_to_score(monkeypatch)
    w = _new_window(qtbot, tmp_path / "library.sqlite3", settings)
    w.show()
    w.claims_pane.score_library_after_start(delay_ms=50)
    w.after_library_change()  # an import, say: its pass covers the start's
    assert len(calls) == 1
    qtbot.wait(300)
    assert len(calls) == 1


def _add_article(lib, title: str) -> None:
    text = f"{title}\n\nThe council approved the budget on Monday."
    blocks = [Block("title", 0, len(title)), Block("p", len(title) + 2, len(text))]
    lib.add_article(CleanArticle(text=text, blocks=blocks, meta=ArticleMeta(title=title)))


def test_the_list_hint_is_made_when_a_filter_first_empties_the_list_and_follows_its_size(
    qtbot, make_window, tmp_path
):
    from reader.store import Library

    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        _add_article(lib, "Budget vote")
    w = make_window(db)
    pane = w.library
    viewport = pane.view.viewport()
    assert viewport.findChildren(QLabel) == []  # nothing to say yet: nothing made
    assert pane.empty.text() == ""
    pane.filter_edit.setText("no such words anywhere")
    pane.on_filters_changed()
    assert pane.model.rowCount() == 0
    (label,) = viewport.findChildren(QLabel)
    assert label.isVisible() and pane.empty.text().startswith("No articles match")
    assert label.geometry().right() <= viewport.width()
    w.resize(1600, 900)
    qtbot.waitUntil(lambda: label.width() == viewport.width() - 24)
    pane.filter_edit.setText("")
    pane.on_filters_changed()
    assert pane.model.rowCount() == 1 and not label.isVisible()


def test_import_annotations_from_the_file_menu_reaches_its_import(
    make_window, tmp_path, monkeypatch, trigger
):
    from reader.ui import annotation_actions

    chosen = tmp_path / "annotations.jsonl"
    chosen.write_text("", encoding="utf-8")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(chosen), "")
    )
    imported: list[Path] = []
    monkeypatch.setattr(
        annotation_actions.AnnotationImportActions,
        "import_annotations_from",
        lambda self, path, **k: imported.append(path),
    )
    w = make_window()
    trigger(w, "Import annotations…")
    assert imported == [chosen]


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the popup
def test_the_list_header_offers_its_columns_on_a_right_click(make_window):
    shown: list[list[str]] = []

    def read_and_close() -> None:  # the menu runs its own loop until closed
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_and_close)
            return
        shown.append([a.text() for a in menu.actions()])
        menu.close()

    w = make_window()
    header = w.library_view.horizontalHeader()
    QTimer.singleShot(0, read_and_close)
    header.customContextMenuRequested.emit(QPoint(5, 5))
    assert shown == [["Site", "Published", "Imported", "Notes", "Status", "Changed"]]


def test_menu_shortcuts_are_on_the_window_as_soon_as_it_is_shown(qtbot, tmp_path, settings):
    w = _new_window(qtbot, tmp_path / "library.sqlite3", settings)
    w.show()
    keys = {
        "Open URL…": "Ctrl+L",
        "Paste article": "Ctrl+Shift+V",
        "Add note": "Ctrl+N",
        "Search everything…": "Ctrl+K",
        "Keyboard shortcuts": "F1",
    }
    for text, key in keys.items():
        act = menu_action(w, text)
        assert act.shortcut() == QKeySequence(key)
        assert act in w.actions()  # registered on the window, not only in a menu
        assert act.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def _style_width(box) -> int:
    """What the style itself makes of the box around its longest choice (and icon)."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    hint = QComboBox.sizeHint(box)
    content = box.longest_text_width() + 4
    if any(not box.itemIcon(i).isNull() for i in range(box.count())):
        content += box.iconSize().width() + 4
    opt = QStyleOptionComboBox()
    box.initStyleOption(opt)
    size = QSize(content, hint.height())
    full = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, size, box)
    return max(hint.width(), full.width())


@pytest.mark.parametrize("point_size", [8, 10, 13, 18, 24, 32])
def test_filter_boxes_ask_the_width_the_style_gives_their_longest_choice(qapp, point_size):
    # FitComboBox works the width out from Qt's own hint, without naming QStyle at
    # start-up; the style, asked directly, must agree to the pixel.
    from PySide6.QtGui import QColor, QFont, QIcon, QPixmap

    from reader.core.verdicts import STATUS_LABELS, VERDICTS
    from reader.ui.fit_widgets import FitComboBox

    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor("red"))
    choices = [
        ["Any verdict", *(v.label for v in VERDICTS)],
        ["Any status", "Changed since checked", *STATUS_LABELS.values()],
        ["Any tag"],
        ["A choice far longer than any filter of the window would ever show"],
        [],
    ]
    font = QFont(qapp.font())
    font.setPointSize(point_size)
    for texts in choices:
        for min_chars in (0, 3, 5, 12):
            for icon in (None, QIcon(pixmap)):
                box = FitComboBox("a filter", min_chars=min_chars)
                box.setFont(font)
                for text in texts:
                    if icon is None:
                        box.addItem(text)
                    else:
                        box.addItem(icon, text)
                assert box.sizeHint().width() == _style_width(box), (texts, min_chars, icon)
