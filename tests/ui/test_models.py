"""Every item model passes Qt's model tester, and behaves as the views expect."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Source, build_article
from reader.store import Library
from reader.ui.models import (
    LibraryFilterProxy,
    LibraryModel,
    NotesModel,
    SourcesModel,
)


def _library(n: int) -> Library:
    """``n`` articles imported a minute apart, "Article number 0" the oldest."""
    lib = Library(":memory:")
    for i in range(n):
        art = lib.add_article(
            build_article(
                [
                    ("title", f"Article number {i}"),
                    ("paragraph", f"Body of article {i}. It has two sentences."),
                ]
            )
        )
        lib.conn.execute(
            "UPDATE articles SET created = ? WHERE id = ?",
            [f"2026-01-01T{i // 60:02d}:{i % 60:02d}:00", art.id],
        )
        if i % 3 == 0:
            lib.add_note(art.id, 0, 10, verdict="false" if i % 2 else "true")
    lib.conn.commit()
    return lib


def _model(lib: Library, page: int = 16) -> LibraryModel:
    model = LibraryModel(lambda: lib)
    model.PAGE = page
    model.reload()
    return model


def _titles(model: LibraryModel | LibraryFilterProxy) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _fetch_all(model: LibraryModel) -> list[str]:
    while model.canFetchMore():
        model.fetchMore()
    return _titles(model)


def test_library_model_passes_model_tester_and_pages(qtmodeltester):
    model = _model(_library(40))
    assert model.rowCount() == 16
    assert model.canFetchMore()
    qtmodeltester.check(model)
    assert len(_fetch_all(model)) == 40


def test_text_filter_finds_an_article_beyond_the_first_page():
    model = _model(_library(40))
    assert "Article number 0" not in _titles(model)
    model.set_filters(text="NUMBER 0")
    assert _titles(model) == ["Article number 0"]
    assert not model.canFetchMore()


def test_note_filters_count_across_the_whole_library():
    lib = _library(40)
    oldest = lib.list_articles(order="imported", limit=1)[0]
    lib.add_note(oldest.id, 0, 5, tags=["budget"], status="done")
    model = _model(lib)
    model.set_filters(verdict="false")  # articles 3, 9, 15, 21, 27, 33, 39
    assert len(_fetch_all(model)) == 7
    model.set_filters(has_notes=True)
    assert len(_fetch_all(model)) == 14
    model.set_filters(has_notes=False)
    assert len(_fetch_all(model)) == 26
    model.set_filters(tag="budget")
    assert _titles(model) == ["Article number 0"]
    # Its other note is still to check, so article 0 is not done.
    model.set_filters(status="done")
    assert _titles(model) == []
    model.set_filters(status="to_check")
    assert len(_fetch_all(model)) == 14


def test_the_count_follows_the_filters():
    model = _model(_library(40))
    assert model.canFetchMore()
    model.set_filters(verdict="true")  # articles 0, 6, 12, 18, 24, 30, 36
    assert model.rowCount() == 7
    assert not model.canFetchMore()
    model.set_filters(has_notes=False)
    assert model.rowCount() == 16
    assert model.canFetchMore()


def test_sorting_by_title_puts_the_first_title_of_the_whole_library_first():
    lib = _library(40)
    lib.update_article_meta(
        lib.list_articles(order="imported", limit=1)[0].id, title="aardvark sighting"
    )
    model = _model(lib)
    assert "aardvark sighting" not in _titles(model)
    model.sort(LibraryModel.COLUMNS.index("Title"), Qt.SortOrder.AscendingOrder)
    assert _titles(model)[:2] == ["aardvark sighting", "Article number 1"]
    model.sort(LibraryModel.COLUMNS.index("Title"), Qt.SortOrder.DescendingOrder)
    assert _fetch_all(model)[-1] == "aardvark sighting"


def test_imported_ascending_puts_the_oldest_first_and_clearing_filters_goes_back():
    model = _model(_library(40))
    newest_first = _titles(model)
    assert newest_first[0] == "Article number 39"
    imported = LibraryModel.COLUMNS.index("Imported")
    model.sort(imported, Qt.SortOrder.AscendingOrder)
    assert _titles(model)[:2] == ["Article number 0", "Article number 1"]
    model.set_filters(text="number 3")
    assert _titles(model)[:2] == ["Article number 3", "Article number 30"]
    model.sort(imported, Qt.SortOrder.DescendingOrder)
    model.set_filters()
    assert _titles(model) == newest_first


def test_sorting_by_notes_and_status_orders_the_whole_library():
    lib = _library(40)
    by_title = {a.title: a.id for a in lib.list_articles()}
    [note] = lib.notes_for_article(by_title["Article number 0"])
    lib.update_note(note.id, status="done")
    for _ in range(2):
        lib.add_note(by_title["Article number 3"], 0, 5)
    model = _model(lib)
    model.sort(LibraryModel.COLUMNS.index("Notes"), Qt.SortOrder.DescendingOrder)
    assert _titles(model)[0] == "Article number 3"
    model.sort(LibraryModel.COLUMNS.index("Status"), Qt.SortOrder.DescendingOrder)
    assert _titles(model)[0] == "Article number 0"
    model.sort(LibraryModel.COLUMNS.index("Status"), Qt.SortOrder.AscendingOrder)
    assert model.index(0, 5).data() == ""  # articles without notes come first
    assert _fetch_all(model)[-1] == "Article number 0"


def test_the_view_sorts_through_the_proxy(qtmodeltester):
    model = _model(_library(40))
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(LibraryModel.COLUMNS.index("Imported"), Qt.SortOrder.AscendingOrder)
    assert _titles(proxy)[0] == "Article number 0"
    assert proxy.mapToSource(proxy.index(3, 0)).row() == 3
    # Checked after the sort: Qt's tester fetches more rows from inside modelReset,
    # before it records that the reset is over, and would flag its own insert.
    qtmodeltester.check(proxy)


def test_the_default_order_costs_no_query_when_sorting_is_turned_on(qtbot):
    model = _model(_library(3))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.sort(LibraryModel.COLUMNS.index("Imported"), Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    assert resets == []


def test_a_stopped_model_queries_no_more(qtbot):
    lib = _library(40)
    model = _model(lib)
    model.stop_fetching()
    lib.close()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.fetchMore()
    assert model.rowCount() == 16


def test_notes_model_passes_model_tester(qtmodeltester):
    lib = _library(1)
    aid = lib.list_articles()[0].id
    lib.add_note(aid, 12, 20, verdict="mixed", conclusion="Partly.")
    model = NotesModel()
    model.set_notes(lib.notes_for_article(aid))
    qtmodeltester.check(model)
    assert "Mixed" in model.index(1, 0).data()


def test_sources_model_edits_and_reorders(qtmodeltester):
    model = SourcesModel()
    model.set_sources([Source("https://a.example/"), Source("https://b.example/", "B")])
    qtmodeltester.check(model)
    assert model.move_source(1, -1)
    assert [s.url for s in model.sources()] == ["https://b.example/", "https://a.example/"]
    assert not model.setData(model.index(0, 5), "agrees")
    assert model.setData(model.index(0, 5), "refutes")
    assert model.sources()[0].stance == "refutes"
    model.remove_source(0)
    assert [s.url for s in model.sources()] == ["https://a.example/"]
