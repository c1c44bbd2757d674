"""What session 13's walkthrough of the window noticed: the library column held at the
Claims table's width on the Articles tab, the filters cut at 1024 px with a large font,
the verdict legend's marks parted from their names, Seen before's empty space while
looking, and the command line's "re-anchor"."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article

PARAGRAPH = (
    "The barrier will protect about 10,000 homes. Work starts in September. "
    "The council will pay half."
)


def _article():
    return build_article([("title", "Flood barrier"), ("paragraph", PARAGRAPH)])


def settled() -> None:
    """The layouts, and the zero timers they start, all done."""
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.fixture
def large_font(qapp):
    before = QFont(QApplication.font())
    big = QFont(before)
    big.setPointSizeF(before.pointSizeF() * 1.5)
    QApplication.setFont(big)
    yield big
    QApplication.setFont(before)


def test_the_library_column_narrows_on_the_articles_tab_after_the_claims_tab(qtbot, make_window):
    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, verdict="false")
    w.library.reload()
    settled()
    articles_least = w.library.minimumSizeHint().width()
    w.library.show_claims()
    settled()
    # The Claims table needs its width while it shows.
    claims_least = w.library.minimumSizeHint().width()
    assert claims_least > articles_least
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    settled()
    # Back on the Articles tab the column's least is the articles' again: it stayed at
    # the Claims table's (292 px) for the rest of the session.
    assert w.library.minimumSizeHint().width() == articles_least
    w.splitter.setSizes([articles_least, 1000, 280])
    settled()
    assert w.splitter.sizes()[0] == articles_least
    w.grab().save("/tmp/ui13b/articles-narrow-after-claims.png")
    # And the Claims tab, shown again, asks for its own least once more.
    w.library.show_claims()
    settled()
    assert w.library.minimumSizeHint().width() == claims_least
    assert w.splitter.sizes()[0] >= claims_least


def test_saved_articles_widths_apply_in_a_narrow_window_after_the_claims_tab(qtbot, make_window):
    w = make_window()
    w.resize(800, 600)
    settled()
    w.splitter.setSizes([200, 400, 180])
    settled()
    articles = w.splitter.sizes()
    w.library.show_claims()
    settled()
    assert articles[0] < w.library.minimumSizeHint().width()
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    settled()
    # The Articles tab's widths come back as the user left them (the column was held
    # at the Claims table's least, 292 px).
    assert w.splitter.sizes() == articles
