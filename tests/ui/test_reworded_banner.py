"""The box that shows a changed note's word diff, and the versions dialog's diff, read in
the dark theme: a dark box, and removed and added words with a WCAG contrast of 4.5+."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtGui import QColor

from reader.core.models import RawInput, build_article
from reader.store.ingest import update_document

SENTENCE = "The mayor said the closure would cost local shops about two million dollars."
PARAGRAPHS = [
    ("title", "Harbour Bridge Closes"),
    ("paragraph", f"The council voted on Monday to close the bridge. {SENTENCE}"),
]


def relative_luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def box_background(widget) -> QColor:
    """The colour most of the box's pixels have: its background."""
    image = widget.grab().toImage()
    counts = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )
    return QColor.fromRgb(counts.most_common(1)[0][0])


def diff_colours(html: str) -> tuple[QColor, QColor]:
    removed = re.search(r'<s style="color:(#[0-9a-fA-F]{6})"', html)
    added = re.search(r'<b style="color:(#[0-9a-fA-F]{6})"', html)
    assert removed and added, html
    return QColor(removed.group(1)), QColor(added.group(1))


@pytest.fixture
def changed_note_shown(make_window):
    """A window showing a note whose sentence changed a number since it was checked."""
    w = make_window()
    article = w.lib.add_article(build_article(PARAGRAPHS))
    start = article.text.index(SENTENCE)
    note = w.lib.add_note(article.id, start, start + len(SENTENCE), verdict="true")
    edited = article.text.replace("about two million", "about twenty million")
    update_document(w.lib, article.id, RawInput(edited.encode(), "text/plain", "edit"))
    w.library.reload()
    w.open_article(article.id)
    changed = w.lib.get_note(note.id)
    assert changed.anchor_state == "changed"
    w.reader.select_range(changed.start, changed.end)
    banner = w.notes_panel.editor.anchor_banner
    assert banner.isVisible()
    yield w, banner
    w.set_theme("light")  # the palette is the application's: the next test starts light


def test_the_reworded_box_turns_dark_with_readable_changes_in_the_dark_theme(
    changed_note_shown,
):
    w, banner = changed_note_shown
    light = box_background(banner)
    assert light.lightness() > 200  # the cream box of the light theme
    w.set_theme("dark")
    background = box_background(banner)
    assert background.lightness() < 80
    removed, added = diff_colours(banner.text())
    assert contrast(removed, background) >= 4.5
    assert contrast(added, background) >= 4.5
    text = re.search(r"color: (#[0-9a-fA-F]{6})", banner.styleSheet())
    assert text and contrast(QColor(text.group(1)), background) >= 4.5
    w.set_theme("light")
    assert box_background(banner) == light
    assert diff_colours(banner.text()) == (QColor("#b71c1c"), QColor("#1b5e20"))


def test_a_note_opened_in_the_dark_theme_gets_the_dark_box(make_window, settings):
    settings.setValue("theme", "dark")
    w = make_window()
    try:
        article = w.lib.add_article(build_article(PARAGRAPHS))
        start = article.text.index(SENTENCE)
        w.lib.add_note(article.id, start, start + len(SENTENCE), verdict="true")
        edited = article.text.replace("two million", "twenty million")
        update_document(w.lib, article.id, RawInput(edited.encode(), "text/plain", "edit"))
        w.library.reload()
        w.open_article(article.id)
        [note] = w.lib.notes_for_article(article.id)
        w.reader.select_range(note.start, note.end)
        banner = w.notes_panel.editor.anchor_banner
        background = box_background(banner)
        assert background.lightness() < 80
        for colour in diff_colours(banner.text()):
            assert contrast(colour, background) >= 4.5
    finally:
        w.set_theme("light")


def test_the_versions_dialog_marks_changes_readably_in_the_dark_theme(changed_note_shown):
    from reader.ui.dialogs import VersionsDialog

    w, _banner = changed_note_shown
    w.set_theme("dark")
    dialog = VersionsDialog(w.lib, w.article.id, w)
    html = dialog.diff.toHtml()
    base = dialog.diff.palette().color(dialog.diff.backgroundRole())
    assert base.lightness() < 80
    colours = re.findall(r"color:(#[0-9a-fA-F]{6})", html.replace(" ", ""))
    assert colours  # the reworded sentence's struck and added words
    for colour in colours:
        assert contrast(QColor(colour), base) >= 4.5
    dialog.deleteLater()
