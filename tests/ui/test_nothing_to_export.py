"""With nothing to export, an export says so before asking where to write: no folder
chosen for "0 files written", no file written with no claim in it."""

from __future__ import annotations

import pytest


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.messages.inform", lambda parent, text, *a: said.append(text))
    return said


def _never_asked(monkeypatch) -> list[str]:
    asked: list[str] = []

    def ask(*args, **kwargs):
        asked.append(args[1])
        return ("", "") if "Export the claims" in args[1] else ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", ask)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", ask)
    return asked


def test_exporting_all_articles_of_an_empty_library_says_there_are_none(
    qtbot, make_window, trigger, monkeypatch, told
):
    asked = _never_asked(monkeypatch)
    w = make_window()
    trigger(w, "Export all articles as Markdown…")
    assert asked == []
    assert told == ["The library has no articles to export yet. Open or paste one first."]


def test_exporting_claims_when_none_are_shown_says_so(
    qtbot, make_window, trigger, monkeypatch, told
):
    asked = _never_asked(monkeypatch)
    w = make_window()
    trigger(w, "Export claims as CSV…")
    view = w.library.claims
    qtbot.waitUntil(lambda: not view.loading and not view._again, timeout=10000)
    qtbot.waitUntil(lambda: bool(told) or bool(asked), timeout=10000)
    assert asked == []
    assert told == [
        "No claims to export: the Claims tab lists none. Add a note to a sentence, "
        "or clear the filters."
    ]
