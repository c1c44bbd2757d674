"""Article versions names each version without a dangling dash, and an article with one
version says so and how it gets another, rather than "No differences" between v1 and v1."""

from __future__ import annotations

from reader.core.models import build_article
from reader.ui.dialogs import VersionsDialog


def test_an_article_with_one_version_says_how_it_gets_another(qtbot, make_window):
    w = make_window()
    art = w.lib.add_article(build_article([("title", "T"), ("paragraph", "The bridge shut.")]))
    dialog = VersionsDialog(w.lib, art.id, w)
    qtbot.addWidget(dialog)
    assert not dialog.old.itemText(0).rstrip().endswith("—")
    assert "only one version" in dialog.diff.toPlainText()
    assert "Update article" in dialog.diff.toPlainText()
