"""What is typed in Open URL: an address copied without its https:// is fetched as one,
and words that are no address get a line saying what to type (not "file not found")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.errors import UserError
from reader.ui.import_actions import typed_address


@pytest.mark.parametrize(
    "typed,address",
    [
        ("example.org/news/1", "https://example.org/news/1"),
        ("  www.site.co.uk  ", "https://www.site.co.uk"),
        ("news.site.com:8080/a?b=c", "https://news.site.com:8080/a?b=c"),
        ("http://example.org/a b", "http://example.org/a b"),  # the fetch explains it
        ("javascript:alert(1)", "javascript:alert(1)"),  # named and refused by the fetch
    ],
)
def test_an_address_typed_without_its_scheme_is_fetched_over_https(typed, address):
    assert typed_address(typed) == address


def test_a_file_that_exists_is_still_imported_by_its_path(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    assert typed_address(str(page)) == str(page)


@pytest.mark.parametrize("typed", ["not a url", "bridge closed", "localhost/x"])
def test_words_that_are_no_address_say_what_to_type(typed):
    with pytest.raises(UserError, match="is not a web address.*https://"):
        typed_address(typed)


def test_open_url_with_no_address_says_so_and_starts_nothing(qtbot, make_window, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda parent, text, *a: warned.append(text))
    answers = iter([("bridge closed", True), ("", False)])  # then the user cancels
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: next(answers))
    imported: list[list[str]] = []
    monkeypatch.setattr(
        "reader.ui.import_actions.ImportActions.import_documents",
        lambda self, sources: imported.append(sources),
    )
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert imported == []
    assert warned == [
        "“bridge closed” is not a web address. Type or paste one that starts with "
        "http:// or https://, such as https://example.org/news/story."
    ]


def test_open_url_asks_again_with_the_words_refused_to_be_corrected(
    qtbot, make_window, monkeypatch
):
    monkeypatch.setattr("reader.ui.messages.warn", lambda *a: None)
    shown: list[str] = []
    answers = iter([("example,org/news/1", True), ("example.org/news/1", True)])

    def get_text(parent, title, label, echo=None, text="", *a, **k):
        shown.append(text)
        return next(answers)

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", get_text)
    imported: list[list[str]] = []
    monkeypatch.setattr(
        "reader.ui.import_actions.ImportActions.import_documents",
        lambda self, sources: imported.append(sources),
    )
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    # The typed words come back to be corrected, not retyped.
    assert shown == ["", "example,org/news/1"]
    assert imported == [["https://example.org/news/1"]]
