"""File → Export as PDF, held to what the other exports do: the note being typed is in
it, the work runs off the UI thread with progress, a cancelled dialog writes nothing, a
folder or file that cannot be written (or is in use) is a calm message that leaves the
earlier file as it was, and the Qt objects that render it live and die in order."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.models import build_article

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "Ferries will run every twenty minutes while the bridge is shut.\n"
)
EARLIER = b"%PDF-1.4 an earlier report, kept as it was\n"


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
    w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    return w


def _answer_save_dialog(monkeypatch, path: Path | str) -> list[int]:
    asked: list[int] = []

    def answer(*_a, **_k):
        asked.append(1)
        return str(path), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", answer)
    return asked


def _export(qtbot, w, trigger) -> None:
    trigger(w, "Export as PDF…")
    qtbot.waitUntil(lambda: not w.runner.tasks, timeout=20000)


def test_the_note_being_typed_is_in_the_pdf(qtbot, window, trigger, monkeypatch, tmp_path):
    from reader.ui import pdf_report

    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.keyClicks(editor.conclusion, "No vote was held")
    assert editor.has_pending_edit()  # not saved yet: the export must save it first
    rendered: list[list[str]] = []
    real = pdf_report.report_html
    monkeypatch.setattr(
        pdf_report,
        "report_html",
        lambda article, notes: (
            rendered.append([n.conclusion for n in notes]) or real(article, notes)
        ),
    )
    out = tmp_path / "bridge.pdf"
    _answer_save_dialog(monkeypatch, out)
    _export(qtbot, w, trigger)
    assert rendered == [["No vote was held"]]
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_pdf_is_rendered_off_the_ui_thread_with_progress(
    qtbot, window, trigger, monkeypatch, tmp_path
):
    from reader.ui import pdf_report

    w = window
    threads: list[bool] = []
    real = pdf_report.render_pdf
    monkeypatch.setattr(
        pdf_report,
        "render_pdf",
        lambda *a: (
            threads.append(threading.current_thread() is threading.main_thread()) or real(*a)
        ),
    )
    labels: list[str] = []
    run = w.runner.run
    monkeypatch.setattr(
        w.runner, "run", lambda label, *a, **k: labels.append(label) or run(label, *a, **k)
    )
    out = tmp_path / "bridge.pdf"
    _answer_save_dialog(monkeypatch, out)
    _export(qtbot, w, trigger)
    assert labels == ["Exporting the PDF…"]
    assert threads == [False]
    qtbot.waitUntil(lambda: out.exists())
    assert w.statusBar().currentMessage() == f"Exported to {out}"
    assert w.settings.value("export_dir") == str(tmp_path)


def test_a_cancelled_dialog_writes_and_says_nothing(qtbot, window, trigger, monkeypatch, shown):
    w = window
    asked = _answer_save_dialog(monkeypatch, "")
    w.statusBar().clearMessage()
    trigger(w, "Export as PDF…")
    assert asked and not w.runner.tasks
    assert shown == {"warn": [], "bug": []}
    assert w.statusBar().currentMessage() == ""


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.EBUSY, "Device or resource busy"), "in use by another program"),
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
    ],
)
def test_a_file_in_use_or_a_folder_not_writable_is_a_calm_message_and_keeps_the_earlier_file(
    qtbot, window, trigger, monkeypatch, tmp_path, shown, error, said
):
    import reader.app.exports

    out = tmp_path / "bridge.pdf"
    out.write_bytes(EARLIER)

    def refuse(path, data, **kwargs):
        raise error

    monkeypatch.setattr(reader.app.exports, "write_atomically", refuse)
    _answer_save_dialog(monkeypatch, out)
    _export(qtbot, window, trigger)
    assert shown["bug"] == []
    assert len(shown["warn"]) == 1 and said in shown["warn"][0], shown["warn"]
    assert str(out) in shown["warn"][0]
    assert out.read_bytes() == EARLIER
    assert "Exported" not in window.statusBar().currentMessage()


def test_a_file_locked_by_another_program_on_windows_says_so(tmp_path):
    from reader.app.exports import cannot_write_message

    exc = PermissionError(errno.EACCES, "Permission denied")
    exc.winerror = 32  # ERROR_SHARING_VIOLATION: open in a PDF viewer
    text = cannot_write_message(tmp_path / "report.pdf", exc)
    assert "in use by another program" in text and "Close it" in text


def test_rendering_works_off_the_gui_thread_and_leaves_no_qt_object_behind(qtbot):
    from PySide6.QtGui import QPdfWriter

    from reader.ui.pdf_report import _Document, render_pdf

    article = build_article([("title", "Bridge"), ("paragraph", "It closed on Monday.")])
    results: list[bytes] = []
    worker = threading.Thread(target=lambda: results.append(render_pdf(article, [])))
    worker.start()
    worker.join(60)
    assert results and results[0].startswith(b"%PDF-") and b"%%EOF" in results[0]
    import gc

    import shiboken6

    gc.collect()
    alive = [
        o
        for o in gc.get_objects()
        if isinstance(o, (QPdfWriter, _Document)) and shiboken6.isValid(o)
    ]
    assert alive == []
