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


def test_a_sentence_whose_number_changed_is_headed_number_changed_not_reworded(qtbot, make_window):
    w = make_window()
    first = "The barrier will protect about 10,000 homes. Work starts in May."
    art = w.lib.add_article(build_article([("title", "T"), ("paragraph", first)]))
    w.lib.add_version(
        art.id,
        build_article([("title", "T"), ("paragraph", first.replace("10,000", "100,000"))]),
    )
    w.lib.add_version(
        art.id,
        build_article([("title", "T"), ("paragraph", first.replace("starts", "startz"))]),
    )
    dialog = VersionsDialog(w.lib, art.id, w)
    qtbot.addWidget(dialog)
    dialog.old.setCurrentIndex(0)
    dialog.new.setCurrentIndex(1)
    shown = dialog.diff.toPlainText()
    # As the note's banner says it: what changed, not only that words did.
    assert shown.startswith("Number changed:")
    assert "10,000" in shown and "100,000" in shown
    dialog.new.setCurrentIndex(2)
    assert dialog.diff.toPlainText().startswith("Small change (spelling or punctuation):")
