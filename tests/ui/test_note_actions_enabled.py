"""Edit menu actions on the open article's notes are off with no article open (they did
nothing at all), and on once one is; a read-only library keeps Delete note off."""

from __future__ import annotations

from reader.core.models import build_article
from tests.ui.conftest import menu_action

NOTE_ACTIONS = ("Copy note as Markdown", "Copy all notes as Markdown", "Delete note")


def test_note_actions_are_off_until_an_article_is_open(qtbot, make_window):
    w = make_window()
    assert [menu_action(w, t).isEnabled() for t in NOTE_ACTIONS] == [False, False, False]
    art = w.lib.add_article(build_article([("title", "T"), ("paragraph", "The bridge shut.")]))
    w.library.reload()
    w.open_article(art.id)
    assert [menu_action(w, t).isEnabled() for t in NOTE_ACTIONS] == [True, True, True]


def test_a_read_only_library_keeps_delete_note_off_with_an_article_open(
    qtbot, make_window, tmp_path, monkeypatch
):
    import os

    from reader.store import Library, _sql

    db = tmp_path / "ro.sqlite3"
    with Library(db) as lib:
        aid = lib.add_article(build_article([("title", "T"), ("paragraph", "The bridge shut.")])).id
    # The tests may run as root, which any file lets write: the check is what we stub.
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(db) else real_access(p, mode),
    )
    w = make_window(db)
    assert w.read_only
    w.open_article(aid)
    assert not menu_action(w, "Delete note").isEnabled()
    assert menu_action(w, "Copy all notes as Markdown").isEnabled()
