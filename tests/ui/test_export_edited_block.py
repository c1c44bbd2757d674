"""The window asks before replacing a notes section edited by hand (issue 18, item 2)."""

from __future__ import annotations


def test_the_window_asks_before_replacing_an_edited_notes_section(
    qtbot, make_window, tmp_path, monkeypatch
):
    src = tmp_path / "bridge.txt"
    src.write_text(
        "Bridge\n\nThe council voted on Monday to close the harbour bridge for a year. "
        "Engineers found that the steel deck had rusted through in several places.\n",
        encoding="utf-8",
    )
    w = make_window()
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    out = tmp_path / "bridge.md"
    w.export_actions.export_markdown_to(out)
    edited = out.read_text(encoding="utf-8").replace("No notes to export", "My own words")
    out.write_text(edited, encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr("reader.ui.messages.ask", lambda parent, text, title="": asked.append(text))
    w.export_actions.export_markdown_to(out)
    assert asked and "edited by hand" in asked[0]
    assert out.read_text(encoding="utf-8") == edited
    monkeypatch.setattr("reader.ui.messages.ask", lambda *a, **k: True)
    w.export_actions.export_markdown_to(out)
    assert "My own words" not in out.read_text(encoding="utf-8")

