"""Closing the window: nothing it had pending runs later against its closed library."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import build_article

CTRL = Qt.KeyboardModifier.ControlModifier


def _window_with_a_note(make_window, tmp_path):
    from reader.store import Library

    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        article = lib.add_article(
            build_article(
                [
                    ("title", "Harbour Bridge Closes"),
                    ("paragraph", "The council voted on Monday. The budget papers say more."),
                ]
            )
        )
        lib.add_note(article.id, 0, 10, body="The budget papers say three million.")
    return make_window(db)


def test_a_search_chosen_before_the_typing_pause_ends_runs_no_search_after_closing(
    qtbot, make_window, tmp_path, monkeypatch
):
    from reader.ui.dialogs import SearchDialog

    w = _window_with_a_note(make_window, tmp_path)

    def choose_at_once(dialog: SearchDialog) -> int:
        # Typed and chosen within the dialog's pause: its search is still due.
        dialog.query.setText("budget papers")
        dialog.run_search()
        dialog._on_results_activated(dialog.model.index(0, 0))
        return 1

    monkeypatch.setattr(SearchDialog, "exec", choose_at_once)
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    assert w.article is not None
    w.close()
    # Past the pause: a search then would meet the closed library (an error pytest-qt
    # reports from the event loop).
    qtbot.wait(400)
