"""Session 13's fourth walkthrough: the Claims table's claim column as the window grows,
the Articles tab's widths restored into a narrower window, and long titles in the
library list at 1024 x 640 with a large font."""

from __future__ import annotations

from tests.ui.test_walkthrough13c import _claims, _window, settled


def _claim_column(view) -> tuple[int, int]:
    """The claim column's width, and the room the other shown columns leave it."""
    header = view.view.horizontalHeader()
    claim = view.model.COLUMNS.index("Claim")
    others = sum(
        header.sectionSize(i)
        for i in range(header.count())
        if i != claim and not header.isSectionHidden(i)
    )
    return header.sectionSize(claim), view.view.viewport().width() - others


def test_the_claim_column_takes_the_room_the_table_gains(qtbot, make_window):
    w = _window(qtbot, make_window, 1024, 640)
    view = _claims(qtbot, w)
    header = view.view.horizontalHeader()
    least = 14 * view.view.fontMetrics().averageCharWidth()  # a few words of the claim
    assert _claim_column(view)[0] >= least
    w.resize(1280, 800)
    settled()
    w.grab().save("/tmp/ui13d/claims-1024-to-1280.png")
    # It stayed at what Qt's stretch column had left it, "The b…" (59 px here).
    width, room = _claim_column(view)
    assert width >= max(least, room), (width, room)
    # The user sizes a column by hand; the claim's gives the difference.
    verdict = view.model.COLUMNS.index("Verdict")
    header.resizeSection(verdict, header.sectionSize(verdict) - 30)
    settled()
    narrowed = header.sectionSize(verdict)
    width, room = _claim_column(view)
    assert width >= max(least, room)
    # The table gains room (the library column widened): the claim takes all of it,
    # the column sized by hand keeps its width.
    sizes = w.splitter.sizes()
    w.splitter.setSizes([sizes[0] + 150, sizes[1] - 150, sizes[2]])
    settled()
    width, room = _claim_column(view)
    assert width == room > least, (width, room)
    assert header.sectionSize(verdict) == narrowed
    before = width
    w.resize(1400, 800)
    settled()
    width, room = _claim_column(view)
    assert width == room > before
    assert header.sectionSize(verdict) == narrowed
    w.grab().save("/tmp/ui13d/claims-1400.png")


def _articles(w) -> None:
    w.library.tabs.setCurrentWidget(w.library.articles_page)
    settled()


def test_the_articles_widths_kept_at_1280_leave_the_article_its_width_at_1024(
    qtbot, large_font, make_window
):
    w = _window(qtbot, make_window, 1280, 800)
    assert w.splitter.sizes()[1] >= 380
    _claims(qtbot, w)
    w.resize(1024, 640)
    settled()
    _articles(w)
    # The Articles tab's widths, kept at 1280 px, came back leaving the article 374 px.
    sizes = w.splitter.sizes()
    assert sizes[1] >= 380, sizes
    assert sizes[0] >= w.library.minimumSizeHint().width()
    w.grab().save("/tmp/ui13d/articles-restored-1024.png")


def test_a_library_column_widened_by_hand_gives_way_to_the_article_at_1024(qtbot, make_window):
    w = _window(qtbot, make_window, 1280, 800)
    # The user widens the list; the article keeps more than its least.
    w.splitter.moveSplitter(480, 1)
    settled()
    assert w.splitter.sizes()[1] > 380
    _claims(qtbot, w)
    w.resize(1024, 640)
    settled()
    _articles(w)
    # It was left 347 px.
    sizes = w.splitter.sizes()
    assert sizes[1] >= 380, sizes


def test_an_article_narrowed_by_hand_on_the_articles_tab_stays_narrow(qtbot, make_window):
    w = _window(qtbot, make_window, 1024, 640)
    # The user widens the list into the article, leaving it under 380 px, in this
    # window; the Claims tab and back bring the widths back as they were.
    w.splitter.moveSplitter(400, 1)
    settled()
    narrowed = w.splitter.sizes()
    assert narrowed[1] < 380
    _claims(qtbot, w)
    _articles(w)
    assert w.splitter.sizes() == narrowed
