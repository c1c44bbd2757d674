"""A page with no article found asks with buttons that say what they do ("Keep the whole
text" or "Cancel", not Yes and No), Enter keeps it and Esc keeps nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def test_the_no_article_question_names_its_buttons(qtbot, make_window, tmp_path, monkeypatch):
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\nNews\nSport\nWeather\nContact us\n", encoding="utf-8")
    shown: list[dict[str, object]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(
            {
                "buttons": sorted(b.text() for b in box.buttons()),
                "default": box.defaultButton().text() if box.defaultButton() else None,
                "escape": box.escapeButton().text() if box.escapeButton() else None,
            }
        )
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    w = make_window()
    w.import_documents([str(menu)])
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == [
        {
            "buttons": ["Cancel", "Keep the whole text"],
            "default": "Keep the whole text",
            "escape": "Cancel",
        }
    ]
    assert w.lib.count_articles() == 0
