"""What the tests of "already in the library" share: after the window asked, wait for
the chosen outcome and check that nothing else was stored."""

from __future__ import annotations

from typing import Any


def check_duplicate_choice(
    qtbot: Any, w: Any, asked: list[str], choice: str | None, first: str
) -> None:
    """The window asked once about the article ``first`` and ``choice`` was answered:
    "new" stores a second article; "open", "version" (the same text: nothing changes)
    and cancel (None) leave one article, ``first``, open."""
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert "already in the library" in asked[0]
    if choice == "new":
        qtbot.waitUntil(lambda: w.lib.count_articles() == 2, timeout=20000)
        return
    if choice == "version":  # the same text: the update says so and stores nothing
        qtbot.waitUntil(
            lambda: w.statusBar().currentMessage() == "The article has not changed.",
            timeout=20000,
        )
    qtbot.waitUntil(lambda: not w.runner.tasks, timeout=20000)
    assert w.lib.count_articles() == 1
    assert w.article.id == first
