"""File → Import annotations, with the offer to import the missing article first."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.models import RawInput

PAGE = "https://ferries.example/fares-rise"
ARTICLE = (
    "Ferry Fares Rise Again\n\n"
    "The ferry company raised fares by ten percent on Monday, the third rise this year. "
    "Commuters said the service had not improved since the last increase in the spring.\n\n"
    "The company said fuel now costs twice what it did two years ago. "
    "A council member asked for the accounts to be published before the next rise.\n"
)


def hypothesis_file(tmp_path: Path) -> Path:
    row = {
        "id": "hyp-1",
        "uri": PAGE,
        "text": "Fuel prices: see https://fuel.example/index.",
        "tags": ["fares", "misleading"],
        "target": [
            {
                "source": PAGE,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": "The company said fuel now costs twice what it did two years ago.",
                        "prefix": "since the last increase in the spring.\n",
                        "suffix": " A council member",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps({"annotations": [row]}), encoding="utf-8")
    return path


def test_missing_article_is_imported_from_its_url_then_the_note(
    qtbot, make_window, tmp_path, monkeypatch, trigger
):
    fetched: list[str] = []

    def fake_read_source(src, progress=None):
        fetched.append(src)
        return RawInput(ARTICLE.encode("utf-8"), "text/plain", src, None, src)

    asked: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr("reader.app.articles._read_source", fake_read_source)
    monkeypatch.setattr(
        "reader.ui.messages.ask", lambda parent, text, *a: asked.append(text) or True
    )
    monkeypatch.setattr("reader.ui.messages.inform", lambda parent, text, *a: shown.append(text))
    path = hypothesis_file(tmp_path)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), "")
    )
    w = make_window()
    trigger(w, "Import annotations…")
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert PAGE in asked[0]
    assert fetched == [PAGE]
    assert shown == ["1 note added (1 ok)."]
    (summary,) = w.lib.list_articles()
    (note,) = w.lib.notes_for_article(summary.id)
    assert note.verdict == "misleading"
    assert note.tags == ["fares"]
    assert [s.url for s in note.sources] == ["https://fuel.example/index"]


def test_declining_the_offer_lists_the_annotation_with_its_reason(
    qtbot, make_window, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr("reader.ui.messages.ask", lambda parent, text, *a: False)
    monkeypatch.setattr("reader.ui.messages.inform", lambda parent, text, *a: shown.append(text))
    w = make_window()
    w.menus.annotation_imports.import_annotations_from(hypothesis_file(tmp_path))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0].splitlines() == [
        "0 notes added; 1 without an article.",
        "",
        "Skipped 1 annotation (hyp-1): its page is not in the library. Import the file "
        "again and accept the offer to import its article first.",
    ]
    assert w.lib.list_articles() == []


def test_a_file_that_adds_no_note_is_not_titled_imported(qtbot, make_window, tmp_path, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "reader.ui.messages.inform", lambda parent, text, title="": shown.append((title, text))
    )
    path = tmp_path / "targetless.json"  # an annotation, but on nothing: skipped
    path.write_text(
        '[{"type": "Annotation", "body": {"type": "TextualBody", "value": "x"}}]',
        encoding="utf-8",
    )
    w = make_window()
    w.menus.annotation_imports.import_annotations_from(path)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    [(title, text)] = shown
    assert title == "No notes imported"
    assert text.startswith("0 notes added")
