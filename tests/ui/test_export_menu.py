"""The open article's exports from the File menu: off with no article open, and offered
in the folder of the last export under a name every system accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.models import build_article
from tests.ui.conftest import menu_action

SENTENCE = "The mayor said the bridge had been closed for ten years."
EXPORTS = ("Export as PDF…", "Export as ClaimReview JSON-LD…", "Export as Web Annotations…")


def test_the_article_exports_are_off_until_an_article_is_open(make_window):
    w = make_window()
    assert not any(menu_action(w, text).isEnabled() for text in EXPORTS)
    art = w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", SENTENCE)]))
    w.library.reload()
    w.open_article(art.id)
    assert all(menu_action(w, text).isEnabled() for text in EXPORTS)


@pytest.mark.parametrize("text", EXPORTS)
def test_an_export_is_offered_under_a_safe_name_in_the_last_export_folder(
    make_window, monkeypatch, tmp_path, trigger, text
):
    w = make_window()
    title = "Yes/No: did 50% of voters agree?"
    art = w.lib.add_article(build_article([("title", title), ("paragraph", SENTENCE)]))
    # A checked note: an article with none is said to have nothing to export.
    start = art.text.index(SENTENCE)
    w.lib.add_note(art.id, start, start + len(SENTENCE), verdict="false", status="done")
    w.library.reload()
    w.open_article(art.id)
    w.settings.setValue("export_dir", str(tmp_path / "exports"))
    w.lib.set_setting("author", "Desk")  # else ClaimReview asks for it first
    offered: list[str] = []

    def ask(*args, **kwargs):
        offered.append(args[2])
        return "", ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", ask)
    trigger(w, text)
    [default] = offered
    assert Path(default).parent == tmp_path / "exports"
    name = Path(default).name
    assert name.startswith("yes-no-did-50-of-voters-agree")
    assert not set(name) & set('/\\:?%"*<>|')


def test_the_library_json_goes_where_the_last_export_went_and_comes_from_the_last_folder(
    make_window, monkeypatch, tmp_path, trigger
):
    w = make_window()
    w.settings.setValue("export_dir", str(tmp_path / "exports"))
    w.settings.setValue("last_dir", str(tmp_path / "downloads"))
    offered: list[str] = []

    def ask(*args, **kwargs):
        offered.append(args[2])
        return "", ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", ask)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", ask)
    trigger(w, "Export library as JSON…")
    trigger(w, "Import JSON…")
    assert offered == [
        str(tmp_path / "exports" / "fact-check-library.json"),
        str(tmp_path / "downloads"),
    ]
