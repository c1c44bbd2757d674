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


def test_the_claims_tab_widens_again_as_the_window_grows(qtbot, make_window):
    w = _window(qtbot, make_window, 1024, 640)
    view = _claims(qtbot, w)
    before = w.splitter.sizes()
    claim_before = _claim_column(view)[0]
    w.resize(1280, 800)
    settled()
    # The column kept 438 px and the claim 96 px, the table scrolling; now it widens
    # for its table as when the tab is first shown at 1280 px, and the claim takes it.
    grown = w.splitter.sizes()
    assert grown[0] > before[0] and grown[1] >= 380, grown
    width, room = _claim_column(view)
    assert width == room > claim_before
    # A width the user sets stays theirs: the window grown again, no fitting.
    w.splitter.moveSplitter(400, 1)
    settled()
    w.resize(1400, 800)
    settled()
    assert w.splitter.sizes()[0] < grown[0], w.splitter.sizes()


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


LONG_TITLE = "Harbour bridge closes for repairs"


def _library_at_1024(qtbot, make_window):
    from reader.core.models import build_article

    w = make_window()
    w.resize(1024, 640)
    art = None
    for title in ("Flood barrier", LONG_TITLE, "Council budget"):
        added = w.lib.add_article(build_article([("title", title), ("paragraph", "It closed.")]))
        art = art or added
    assert art is not None
    start = art.text.index("It closed.")
    w.lib.add_note(art.id, start, start + 10, conclusion="Not so", verdict="false")
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 2)
    w.reader.select_sentence(1)  # the note's form: the notes column takes its width
    settled()
    return w


def test_titles_get_the_room_at_1024_with_a_large_font(qtbot, large_font, make_window):
    from reader.ui.models import LibraryModel

    w = _library_at_1024(qtbot, make_window)
    view = w.library_view
    header = view.horizontalHeader()
    fm = view.fontMetrics()
    notes = LibraryModel.COLUMNS.index("Notes")
    imported = LibraryModel.COLUMNS.index("Imported")
    # The columns the list shows stay shown; the article keeps its 380 px.
    assert not header.isSectionHidden(notes) and not header.isSectionHidden(imported)
    assert w.splitter.sizes()[1] >= 380, w.splitter.sizes()
    # The Notes column kept room for a sort arrow it does not show (81 px for "1 ✘"),
    # and the list gave what it saved to the article: "Council budget" read "Coun…dget".
    assert header.sectionSize(notes) <= fm.horizontalAdvance("Notes") + 12
    assert view.columnWidth(0) >= fm.horizontalAdvance("Council budget") + 6
    # A title still too long for the column reads whole in its tooltip.
    model = view.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    long_row = next(i for i in rows if i.data() == LONG_TITLE)
    assert LONG_TITLE in long_row.data(0x0003)  # Qt.ToolTipRole
    # Sorted by its notes, the Notes column makes room for the arrow; the Imported
    # column, no longer sorted, keeps the date whole.
    header.setSortIndicator(notes, header.sortIndicatorOrder())
    settled()
    assert header.sectionSize(notes) >= fm.horizontalAdvance("Notes") + fm.height() + 8
    assert view.columnWidth(imported) >= fm.horizontalAdvance("2026-12-31") + 12


def test_a_narrowed_date_column_shows_the_date_short(qtbot, make_window):
    from datetime import date

    from PySide6.QtWidgets import QStyleOptionViewItem

    from reader.ui.models import LibraryModel

    w = _library_at_1024(qtbot, make_window)
    view = w.library_view
    imported = LibraryModel.COLUMNS.index("Imported")
    index = view.model().index(0, imported)
    day = index.data()
    assert len(day) == 10  # "2026-12-06"
    # The user narrows the column to give the titles room: it read "20…06".
    view.horizontalHeader().resizeSection(imported, view.fontMetrics().horizontalAdvance(day) - 8)
    settled()
    delegate = view.itemDelegateForColumn(imported)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    delegate.initStyleOption(option, index)
    from reader.ui.wording import compact_date

    assert option.text == compact_date(day, date.today().year) != day  # "6 Dec"
    assert option.fontMetrics.horizontalAdvance(option.text) <= option.rect.width() - 6
    assert index.data(0x0003) == day  # the tooltip: the whole date
    # Widened again, the date reads whole.
    view.horizontalHeader().resizeSection(imported, 200)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    delegate.initStyleOption(option, index)
    assert option.text == day


def test_compact_dates():
    from reader.ui.wording import compact_date

    assert compact_date("2026-12-06", 2026) == "6 Dec"
    assert compact_date("2025-01-31", 2026) == "Jan 2025"
    assert compact_date("14 May 2026", 2026) == "14 May 2026"  # as the article gave it
    assert compact_date("2026-13-01", 2026) == "2026-13-01"
