"""Issue 19 through the window: its exports write the user's files the same way the CLI does."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def shown(monkeypatch):
    said: dict[str, list[str]] = {"warn": [], "bug": []}
    monkeypatch.setattr("reader.ui.messages.warn", lambda p, text, *a: said["warn"].append(text))
    monkeypatch.setattr(
        "reader.ui.messages.show_exception", lambda exc, *a: said["bug"].append(repr(exc))
    )
    return said


@pytest.fixture
def window(qtbot, make_window, tmp_path, shown):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    s, e = w.reader.spans[1]
    w.lib.add_note(w.article.id, s, e, verdict="false", body="See [x](javascript:alert(1))")
    return w


def _answer_save_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), "")
    )


def _disk_fills_half_way(monkeypatch) -> None:
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.core.files.os.write", half_then_full)


@pytest.mark.parametrize(
    "action,name",
    [
        ("Export as Web Annotations…", "bridge.annotations.json"),
        ("Export as PDF…", "bridge.pdf"),
    ],
)
def test_a_full_disk_leaves_the_earlier_export_whole(
    qtbot, window, trigger, monkeypatch, tmp_path, shown, action, name
):
    out = tmp_path / name
    _answer_save_dialog(monkeypatch, out)
    trigger(window, action)
    qtbot.waitUntil(lambda: not window.runner.tasks, timeout=20000)  # the PDF's worker
    before = out.read_bytes()
    assert before
    _disk_fills_half_way(monkeypatch)
    trigger(window, action)
    qtbot.waitUntil(lambda: not window.runner.tasks, timeout=20000)
    assert len(shown["warn"]) == 1 and shown["bug"] == []
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_markdown_export_writes_through_a_symlink(qtbot, window, monkeypatch, tmp_path, shown):
    out = tmp_path / "vault" / "bridge.md"
    out.parent.mkdir()
    _answer_save_dialog(monkeypatch, out)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    target = tmp_path / "synced" / "bridge.md"
    target.parent.mkdir()
    out.rename(target)
    out.symlink_to(target)
    target.write_text(target.read_text(encoding="utf-8") + "\nMy own line.\n", encoding="utf-8")
    s, e = window.reader.spans[2]
    window.lib.add_note(window.article.id, s, e, verdict="true")

    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)

    assert shown["warn"] == [] and out.is_symlink()
    text = target.read_text(encoding="utf-8")
    assert "## 2. True" in text and text.endswith("My own line.\n")
    assert "](javascript:" not in text


def test_a_note_added_on_a_page_another_process_updated_holds_its_quote(window):
    """Item 6 in the window: the shown text is a version behind when the note is added."""
    from reader.core.models import RawInput
    from reader.store import Library
    from reader.store.ingest import update_document

    w = window
    quote = "The city council voted on Monday to close the harbour bridge for a year."
    start = w.article.text.index(quote)
    updated = TEXT.replace(
        "\n\nThe city council",
        "\n\nUpdated: the council has published the engineers' full report today. "
        "It runs to three hundred pages and includes photographs.\n\nThe city council",
    )
    with Library(w.db_path) as other:  # the command line, say, in another process
        assert update_document(other, w.article.id, RawInput(updated.encode(), "text/plain"))
    w.reader.select_range(start, start + len(quote))  # as shown: the old version
    w.notes_pane.add_note(verdict="mixed", focus_editor=False)

    with Library(w.db_path) as lib:
        current = lib.get_article(w.article.id).text
        added = [n for n in lib.notes_for_article(w.article.id) if n.verdict == "mixed"]
    (note,) = added
    assert note.exact == quote and note.anchor_state == "ok"
    assert current[note.start : note.end] == quote
