"""What the window walkthrough tests share: a short noted article and a way to let the
layouts settle."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from reader.core.models import Article, build_article

PARAGRAPH = (
    "The barrier will protect about 10,000 homes. Work starts in September. "
    "The council will pay half."
)


def flood_article() -> Article:
    """A two-block article: the title "Flood barrier" and :data:`PARAGRAPH`."""
    return build_article([("title", "Flood barrier"), ("paragraph", PARAGRAPH)])


def settled() -> None:
    """The layouts, and the zero timers they start, all done."""
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
