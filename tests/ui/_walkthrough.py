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


def noted_window(qtbot, make_window, width: int = 1024, height: int = 640, others=()):
    """A window of ``width`` × ``height`` with :func:`flood_article` open, its first
    sentence noted and selected (the note's form shown), and articles titled ``others``
    in the list beside it."""
    w = make_window()
    w.resize(width, height)
    art = w.lib.add_article(flood_article())
    for title in others:
        w.lib.add_article(build_article([("title", title), ("paragraph", "It closed in May.")]))
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, conclusion="About 9,000 homes", verdict="false")
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 3)
    w.reader.select_sentence(1)  # the note's form: the notes column takes its width
    settled()
    return w
