"""Update article: Update is on only with a file or address to update from, and an
address typed without its https:// is fetched as one, as in Open URL."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from reader.core.models import build_article
from reader.ui.dialogs import UpdateSourceDialog


def test_update_is_off_until_there_is_something_to_update_from(qtbot, tmp_path):
    dialog = UpdateSourceDialog("", str(tmp_path))
    qtbot.addWidget(dialog)
    update = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert update.text() == "Update"
    assert not update.isEnabled()
    dialog.source.setText("   ")
    assert not update.isEnabled()
    dialog.source.setText("example.org/news/1")
    assert update.isEnabled()


def test_an_address_typed_without_https_is_updated_from_as_one(qtbot, make_window, monkeypatch):
    w = make_window()
    art = w.lib.add_article(build_article([("title", "T"), ("paragraph", "The bridge shut.")]))
    w.library.reload()
    w.open_article(art.id)

    def exec_(dialog) -> int:
        dialog.source.setText("example.org/news/1")
        return 1

    monkeypatch.setattr(UpdateSourceDialog, "exec", exec_)
    sources: list[str] = []
    monkeypatch.setattr(w.import_actions, "update_from", sources.append)
    w.import_actions.update_article_dialog()
    assert sources == ["https://example.org/news/1"]


def test_a_lone_file_name_stays_a_file_name(tmp_path, monkeypatch):
    from reader.ui.import_actions import updated_from

    monkeypatch.chdir(tmp_path)
    assert updated_from("page.html") == "page.html"
    assert updated_from(" www.site.org ") == "https://www.site.org"
    (tmp_path / "site.org").mkdir()
    (tmp_path / "site.org" / "a.html").write_text("x", encoding="utf-8")
    assert updated_from("site.org/a.html") == "site.org/a.html"  # a file that exists
