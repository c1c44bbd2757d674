"""The window at a laptop's 1280×800 with a large system font (half as big again): the
library's filters, dates and headers show whole on the first start, and Seen before keeps
still from sentence to sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_the_library_filters_show_their_choice_whole_at_a_large_font(large_font, make_window):
    w = make_window()
    pane = w.library
    for box in (pane.verdict_filter, pane.status_filter, pane.tag_filter, pane.speaker_filter):
        assert box.width() >= box.sizeHint().width(), box.accessibleName()
    # The article keeps the room to be read.
    assert w.splitter.sizes()[1] >= 380


def test_the_library_list_shows_dates_and_headers_whole_at_a_large_font(large_font, make_window):
    from reader.core.models import build_article
    from reader.ui.models import LibraryModel

    w = make_window()
    w.lib.add_article(build_article([("title", "Bridges"), ("paragraph", "It closed.")]))
    w.library.reload()
    view = w.library_view
    fm = view.fontMetrics()
    imported = LibraryModel.COLUMNS.index("Imported")
    shown = view.model().index(0, imported).data()
    assert view.columnWidth(imported) >= fm.horizontalAdvance(shown) + 8
    # Each name whole; the sorted column's beside its sort arrow (the others keep no
    # room for an arrow they do not show: the titles have it).
    sorted_column = view.horizontalHeader().sortIndicatorSection()
    for column, name in enumerate(LibraryModel.COLUMNS):
        if column and not view.isColumnHidden(column):
            arrow = fm.height() if column == sorted_column else 0
            assert view.columnWidth(column) >= fm.horizontalAdvance(name) + arrow + 8, name


def test_seen_before_keeps_its_height_from_looking_to_nothing_found(qtbot, large_font):
    """At a large font "Nothing like this sentence yet." takes two lines beside the
    title: "Looking…" on each click, then that, moved everything below twice."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from reader.app.claims_memory import SimilarClaim
    from reader.ui.seen_before_widgets import SeenBeforeSection

    panel = QWidget()  # the section in a column, as in the notes panel
    qtbot.addWidget(panel)
    section = SeenBeforeSection()
    column = QVBoxLayout(panel)
    column.addWidget(section)
    column.addStretch(1)
    panel.resize(340, 600)
    panel.show()
    qtbot.waitExposed(panel)

    def height() -> int:  # of the header: the title and the status beside it
        QApplication.sendPostedEvents()
        column.activate()
        return max(section.toggle.geometry().bottom(), section.status.geometry().bottom())

    heights = []
    for _ in range(2):
        section.set_claims([], set())  # nothing like the sentence
        heights.append(height())
        section.set_looking()  # the next sentence clicked
        heights.append(height())
    section.set_claims([SimilarClaim("note", "a", "The bridge closed.", 0.5, ["bridge"])], set())
    section.set_has_note(False)  # "Link adds a note to this sentence."
    heights.append(height())
    assert len(set(heights)) == 1, heights
