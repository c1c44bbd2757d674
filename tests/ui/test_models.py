"""Every item model passes Qt's model tester, and behaves as the views expect."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Source, build_article
from reader.store import Library
from reader.store.library import ArticleSummary
from reader.ui.models import (
    LibraryFilterProxy,
    LibraryModel,
    NotesModel,
    SourcesModel,
)


def _library(n: int) -> Library:
    lib = Library(":memory:")
    for i in range(n):
        art = lib.add_article(build_article([
            ("title", f"Article number {i}"),
            ("paragraph", f"Body of article {i}. It has two sentences."),
        ]))
        if i % 3 == 0:
            lib.add_note(art.id, 0, 10, verdict="false" if i % 2 else "true")
    return lib


def test_library_model_passes_model_tester_and_pages(qtmodeltester):
    lib = _library(40)
    model = LibraryModel(lambda limit, offset: lib.list_articles(limit=limit, offset=offset),
                         lib.count_articles)
    model.PAGE = 16
    model.reload()
    assert model.rowCount() == 16
    assert model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 40


def test_library_filter_by_text_and_verdict(qtmodeltester):
    lib = _library(9)
    model = LibraryModel(lambda limit, offset: lib.list_articles(limit=limit, offset=offset),
                         lib.count_articles)
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("number 3")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_filters(verdict="false")
    titles = sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    assert titles == ["Article number 3"]
    proxy.set_filters(has_notes=False)
    assert proxy.rowCount() == 6


def _sorted_proxy() -> tuple[LibraryFilterProxy, list[str]]:
    # Newest import first, as the library hands them over; titles in another order.
    rows = [ArticleSummary(id=f"id{i}", title=title, site_name=None, url=None,
                           published=None, created=f"2026-01-{30 - i:02d}T10:00:00",
                           updated="", version=1, note_count=0)
            for i, title in enumerate(["Bravo", "Delta", "Alpha", "Charlie"])]
    model = LibraryModel(lambda limit, offset: rows[offset:offset + limit], lambda: len(rows))
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    return proxy, [r.title for r in rows]


def _titles(proxy: LibraryFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_library_sorts_by_any_column_and_back_to_newest_import_first(qtmodeltester):
    proxy, newest_first = _sorted_proxy()
    imported = LibraryModel.COLUMNS.index("Imported")
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert _titles(proxy) == ["Alpha", "Bravo", "Charlie", "Delta"]
    proxy.sort(imported, Qt.SortOrder.AscendingOrder)
    assert _titles(proxy) == list(reversed(newest_first))
    proxy.sort(imported, Qt.SortOrder.DescendingOrder)
    assert _titles(proxy) == newest_first
    qtmodeltester.check(proxy)


def test_newest_import_first_keeps_the_library_order_without_asking_for_data():
    proxy, newest_first = _sorted_proxy()
    model = proxy.sourceModel()
    asked: list[int] = []
    original = model.data
    model.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (  # type: ignore[method-assign]
        asked.append(role), original(index, role))[1]
    proxy.sort(LibraryModel.COLUMNS.index("Imported"), Qt.SortOrder.DescendingOrder)
    assert asked == []
    assert _titles(proxy) == newest_first


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


def test_library_filter_by_tag():
    lib = _library(3)
    rows = lib.list_articles()
    lib.add_note(rows[0].id, 0, 5, tags=["budget"])
    model = LibraryModel(lambda limit, offset: lib.list_articles(limit=limit, offset=offset),
                         lib.count_articles)
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(tag="budget")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [rows[0].title]
