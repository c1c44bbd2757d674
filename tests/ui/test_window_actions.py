"""The window's menu actions and shortcuts, end to end: update, re-clean, each export,
JSON import, trash and restore, search, paste, drag and drop, and their error paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.core.models import build_article
from tests.ui._duplicates import check_duplicate_choice

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Shopkeepers said they had not been consulted about the closure.\n"
)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shown(monkeypatch):
    """What the window told the user: calm warnings, information, and bug dialogs."""
    said: dict[str, list[str]] = {"warn": [], "inform": [], "bug": []}
    monkeypatch.setattr("reader.ui.messages.warn", lambda p, text, *a: said["warn"].append(text))
    monkeypatch.setattr(
        "reader.ui.messages.inform", lambda p, text, *a: said["inform"].append(text)
    )
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
    return w


def _answer_file_dialogs(monkeypatch, path: Path | str) -> None:
    answer = str(path)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(f"PySide6.QtWidgets.QFileDialog.{name}", lambda *a, **k: (answer, ""))
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: answer
    )


def _last_task(w):
    assert w.runner.tasks, "no background task was started"
    return w.runner.tasks[-1]


# -- update and re-clean ---------------------------------------------------------------


def _choose_update_source(monkeypatch, source: str) -> None:
    """The update dialog is answered with ``source`` (typed in, or picked as a file)."""
    from reader.ui.dialogs import UpdateSourceDialog

    monkeypatch.setattr(UpdateSourceDialog, "exec", lambda self: 1)
    monkeypatch.setattr(UpdateSourceDialog, "chosen", lambda self: source)


def test_update_from_a_file_stores_a_new_version_and_reports_the_notes(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    w = window
    s, e = w.reader.spans[5]
    w.lib.add_note(w.article.id, s, e, verdict="true")
    new = tmp_path / "bridge-v2.txt"
    new.write_text(TEXT + "\nA correction was added on Tuesday.\n", encoding="utf-8")
    _choose_update_source(monkeypatch, str(new))
    trigger(w, "Update article from file or URL…")
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    assert w.article.version == 2
    assert "A correction was added" in w.article.text
    assert shown["inform"] and "Stored as version 2" in shown["inform"][0]
    assert "1 note stayed with its sentence" in shown["inform"][0]


def test_update_with_the_same_text_says_nothing_changed(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    w = window
    same = tmp_path / "bridge.txt"
    _choose_update_source(monkeypatch, str(same))
    trigger(w, "Update article from file or URL…")
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    assert w.statusBar().currentMessage() == "The article has not changed."
    assert w.article.version == 1


def test_update_from_a_missing_file_is_a_calm_message(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    w = window
    _choose_update_source(monkeypatch, str(tmp_path / "gone.txt"))
    trigger(w, "Update article from file or URL…")
    with qtbot.waitSignal(_last_task(w).failed, timeout=20000):
        pass
    assert len(shown["warn"]) == 1 and shown["bug"] == []


def test_reclean_keeps_the_text_and_says_it_has_not_changed(qtbot, window, trigger, shown):
    w = window
    trigger(w, "Re-clean article")
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    assert w.statusBar().currentMessage() == "The article has not changed."
    assert shown["bug"] == []


def test_article_actions_are_disabled_until_an_article_is_open(make_window):
    from tests.ui.conftest import menu_action

    w = make_window()
    for text in ("Update article from file or URL…", "Re-clean article", "View original"):
        assert not menu_action(w, text).isEnabled()


# -- exports ---------------------------------------------------------------------------


def test_ctrl_e_exports_the_notes_as_markdown(qtbot, window, monkeypatch, tmp_path):
    w = window
    s, e = w.reader.spans[1]
    w.lib.add_note(w.article.id, s, e, verdict="false", conclusion="The vote was on Tuesday.")
    out = tmp_path / "bridge.md"
    _answer_file_dialogs(monkeypatch, out)
    qtbot.keyClick(w, Qt.Key.Key_E, CTRL)
    text = out.read_text(encoding="utf-8")
    assert "The vote was on Tuesday." in text
    assert w.statusBar().currentMessage() == f"Exported to {out}"
    assert w.settings.value("export_dir") == str(tmp_path)


def test_markdown_export_into_a_missing_folder_is_a_calm_message(
    qtbot, window, monkeypatch, tmp_path, shown
):
    _answer_file_dialogs(monkeypatch, tmp_path / "no such folder" / "bridge.md")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert len(shown["warn"]) == 1 and "Cannot write" in shown["warn"][0]
    assert shown["bug"] == []


def test_pdf_export_writes_a_pdf(qtbot, window, trigger, monkeypatch, tmp_path):
    out = tmp_path / "bridge.pdf"
    _answer_file_dialogs(monkeypatch, out)
    trigger(window, "Export as PDF…")
    qtbot.waitUntil(lambda: not window.runner.tasks, timeout=20000)  # written on a worker
    assert out.read_bytes().startswith(b"%PDF")


def test_pdf_export_into_a_missing_folder_is_a_calm_message(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    _answer_file_dialogs(monkeypatch, tmp_path / "no such folder" / "bridge.pdf")
    trigger(window, "Export as PDF…")
    qtbot.waitUntil(lambda: not window.runner.tasks, timeout=20000)
    assert len(shown["warn"]) == 1 and shown["bug"] == []


def test_claimreview_export_asks_for_the_author_once(window, trigger, monkeypatch, tmp_path):
    w = window
    s, e = w.reader.spans[1]
    w.lib.add_note(
        w.article.id, s, e, verdict="false", status="done", conclusion="Tuesday, not Monday."
    )
    out = tmp_path / "bridge.claimreview.jsonld"
    _answer_file_dialogs(monkeypatch, out)
    asked: list[str] = []

    def author(*args, **kwargs):
        asked.append(args[1])
        return ("Harbour Checkers", True)

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", author)
    trigger(w, "Export as ClaimReview JSON-LD…")
    trigger(w, "Export as ClaimReview JSON-LD…")
    assert asked == ["Author name"]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "Harbour Checkers" in json.dumps(data)


def test_web_annotations_export_writes_one_annotation_per_note(
    window, trigger, monkeypatch, tmp_path
):
    w = window
    s, e = w.reader.spans[2]
    w.lib.add_note(w.article.id, s, e, verdict="true", body="Confirmed by the inspectors.")
    out = tmp_path / "bridge.annotations.json"
    _answer_file_dialogs(monkeypatch, out)
    trigger(w, "Export as Web Annotations…")
    text = out.read_text(encoding="utf-8")
    assert "Confirmed by the inspectors." in text


def test_web_annotations_into_a_missing_folder_is_a_calm_message(
    window, trigger, monkeypatch, tmp_path, shown
):
    s, e = window.reader.spans[1]
    window.lib.add_note(window.article.id, s, e, verdict="true")  # something to export
    _answer_file_dialogs(monkeypatch, tmp_path / "no such folder" / "a.json")
    trigger(window, "Export as Web Annotations…")
    assert len(shown["warn"]) == 1 and shown["bug"] == []


def test_export_all_articles_writes_one_markdown_file_each(
    qtbot, window, trigger, monkeypatch, tmp_path
):
    folder = tmp_path / "exported"
    folder.mkdir()
    _answer_file_dialogs(monkeypatch, folder)
    trigger(window, "Export all articles as Markdown…")
    with qtbot.waitSignal(_last_task(window).finished, timeout=20000):
        pass
    assert len(list(folder.glob("*.md"))) == 1
    assert window.statusBar().currentMessage().startswith("1 file written")


def test_export_all_leaves_files_it_did_not_write_and_says_so(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    from reader.export.filenames import safe_filename

    folder = tmp_path / "exported"
    folder.mkdir()
    mine = folder / safe_filename(window.article.title, window.article.id)
    mine.write_text("My own notes, not an export.\n", encoding="utf-8")
    _answer_file_dialogs(monkeypatch, folder)
    trigger(window, "Export all articles as Markdown…")
    with qtbot.waitSignal(_last_task(window).finished, timeout=20000):
        pass
    assert mine.read_text(encoding="utf-8") == "My own notes, not an export.\n"
    assert shown["inform"] and "Left alone" in shown["inform"][0]


def test_library_json_export_then_import_into_another_window(
    qtbot, window, trigger, monkeypatch, tmp_path, make_window, shown
):
    w = window
    s, e = w.reader.spans[1]
    w.lib.add_note(w.article.id, s, e, verdict="false", tags=["transport"])
    out = tmp_path / "library.json"
    _answer_file_dialogs(monkeypatch, out)
    trigger(w, "Export library as JSON…")
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    assert json.loads(out.read_text(encoding="utf-8"))
    other = make_window(tmp_path / "other.sqlite3")
    assert other.library_model.rowCount() == 0
    trigger(other, "Import JSON…")
    with qtbot.waitSignal(_last_task(other).finished, timeout=20000):
        pass
    assert other.library_model.rowCount() == 1
    assert other.lib.all_tags() == ["transport"]
    assert shown["inform"] and shown["bug"] == []


def test_library_json_export_into_a_missing_folder_is_a_calm_message(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    _answer_file_dialogs(monkeypatch, tmp_path / "no such folder" / "library.json")
    trigger(window, "Export library as JSON…")
    with qtbot.waitSignal(_last_task(window).failed, timeout=20000):
        pass
    assert len(shown["warn"]) == 1 and "no such folder" in shown["warn"][0]
    assert shown["bug"] == []


def test_importing_a_json_file_that_is_not_utf8_is_a_calm_message(
    qtbot, make_window, trigger, monkeypatch, tmp_path, shown
):
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"articles": [], "title": "Caf\u00e9"}'.encode("latin-1"))
    _answer_file_dialogs(monkeypatch, bad)
    w = make_window()
    trigger(w, "Import JSON…")
    with qtbot.waitSignal(_last_task(w).failed, timeout=20000):
        pass
    assert len(shown["warn"]) == 1 and "UTF-8" in shown["warn"][0]
    assert shown["bug"] == []


def test_a_bug_in_background_work_goes_to_the_crash_dialog(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    def broken(*args, **kwargs):
        raise KeyError("a bug, not the user's fault")

    monkeypatch.setattr("reader.app.library_io.export_json_chunks", broken)
    _answer_file_dialogs(monkeypatch, tmp_path / "library.json")
    trigger(window, "Export library as JSON…")
    with qtbot.waitSignal(_last_task(window).failed, timeout=20000):
        pass
    assert shown["warn"] == []
    assert len(shown["bug"]) == 1 and "KeyError" in shown["bug"][0]


# -- trash, restore, search ------------------------------------------------------------


def test_trash_dialog_restores_an_article_moved_there_with_the_delete_key(
    qtbot, window, trigger, monkeypatch
):
    from reader.ui.dialogs import TrashDialog

    w = window
    aid = w.article.id
    w.library_view.setFocus()
    # Not selectRow(): it reads the keyboard modifiers, and an earlier test's Ctrl+key
    # leaves Ctrl in the application's state, which toggles the row off.
    w.library_view.selectionModel().select(
        w.library_proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.keyClick(w.library_view, Qt.Key.Key_Delete)
    assert w.library_model.rowCount() == 0 and w.article is None
    assert w.center.currentWidget() is w.welcome

    def restore_first(dialog: TrashDialog) -> int:
        assert dialog.model.rowCount() == 1
        dialog.view.setCurrentIndex(dialog.model.index(0, 0))
        dialog._on_restore_clicked()
        return 1

    monkeypatch.setattr(TrashDialog, "exec", restore_first)
    trigger(w, "Trash…")
    assert w.library_model.rowCount() == 1
    assert w.lib.get_article(aid).deleted_at is None
    assert w.undo_stack.undoText() == "Restore article from the Trash"
    qtbot.keyClick(w.library_view, Qt.Key.Key_Z, CTRL)
    assert w.library_model.rowCount() == 0


def test_ctrl_k_search_opens_the_article_with_the_note_selected(qtbot, window, monkeypatch):
    from reader.ui.dialogs import SearchDialog

    w = window
    s, e = w.reader.spans[3]
    w.lib.add_note(w.article.id, s, e, body="The budget papers say three million.")
    other = w.lib.add_article(
        build_article([("title", "Dam opens"), ("paragraph", "The dam opened. Farmers cheered.")])
    )
    w.open_article(other.id)

    def search(dialog: SearchDialog) -> int:
        dialog.query.setText("budget papers")
        dialog.run_search()
        assert dialog.model.rowCount() == 1
        dialog._on_results_activated(dialog.model.index(0, 0))
        return 1

    monkeypatch.setattr(SearchDialog, "exec", search)
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    assert w.article.title == "Harbour Bridge Closes for Repairs"
    assert w.reader.selected == (s, e)


# -- paste and drop --------------------------------------------------------------------


def _paste(qtbot, w, mime: QMimeData) -> None:
    QGuiApplication.clipboard().setMimeData(mime)
    try:
        with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
            qtbot.keyClick(w, Qt.Key.Key_V, CTRL | SHIFT)
        qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    finally:
        # The clipboard owns the mime data; leaving it there crashes Qt's shutdown.
        QGuiApplication.clipboard().clear()


PARAGRAPHS = (
    "Rail fares will rise by four percent in March, the operator said on Tuesday, the "
    "largest increase in a decade.",
    "Passenger groups said the rise was unfair to commuters who had no other way to "
    "reach work each day.",
    "The operator said the money would pay for new trains and longer platforms at busy stations.",
)


def test_paste_of_plain_text_stores_the_text(qtbot, make_window):
    w = make_window()
    mime = QMimeData()
    mime.setText("Rail Fares Rise\n\n" + "\n\n".join(PARAGRAPHS))
    _paste(qtbot, w, mime)
    assert w.article.title == "Rail Fares Rise"
    assert w.lib.raw_input(w.article.id)[1] == "text/plain"


@pytest.mark.parametrize("choice", ["open", "version", "new", None])
def test_pasting_the_same_article_again_asks_as_an_import_does(
    qtbot, make_window, monkeypatch, choice
):
    from reader.ui import messages

    w = make_window()
    mime = QMimeData()
    mime.setText("Rail Fares Rise\n\n" + "\n\n".join(PARAGRAPHS))
    _paste(qtbot, w, mime)
    first = w.article.id
    asked: list[str] = []
    monkeypatch.setattr(w.import_actions, "ask_duplicate", lambda why: asked.append(why) or choice)
    monkeypatch.setattr(messages, "inform", lambda *a, **k: None)
    again = QMimeData()
    again.setText("Rail Fares Rise\n\n" + "\n\n".join(PARAGRAPHS))
    QGuiApplication.clipboard().setMimeData(again)
    try:
        qtbot.keyClick(w, Qt.Key.Key_V, CTRL | SHIFT)
        check_duplicate_choice(qtbot, w, asked, choice, first)
        assert "the same text" in asked[0]
    finally:
        QGuiApplication.clipboard().clear()


def test_paste_ignores_html_that_is_not_the_copied_selection(qtbot, make_window):
    w = make_window()
    mime = QMimeData()
    mime.setHtml("<img src='chart.png'><span>Chart</span>")
    mime.setText("Rail Fares Rise\n\n" + "\n\n".join(PARAGRAPHS))
    _paste(qtbot, w, mime)
    assert PARAGRAPHS[1] in w.article.text
    assert w.lib.raw_input(w.article.id)[1] == "text/plain"


def test_paste_keeps_the_page_address_a_browser_puts_on_the_clipboard(qtbot, make_window):
    w = make_window()
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    mime = QMimeData()
    mime.setHtml(
        "Version:0.9\nStartHTML:0000000105\nEndHTML:0000000900\nStartFragment:0000000141\n"
        "EndFragment:0000000880\nSourceURL:https://news.example.org/rail-fares\n"
        f"<html><body><article><h1>Rail Fares Rise</h1>{body}</article></body></html>"
    )
    mime.setText("Rail Fares Rise\n" + "\n".join(PARAGRAPHS))
    _paste(qtbot, w, mime)
    assert w.article.meta.url == "https://news.example.org/rail-fares"
    data, media_type = w.lib.raw_input(w.article.id)
    assert media_type == "text/html" and not data.startswith(b"Version:")


def test_pasting_an_empty_clipboard_is_a_calm_message(qtbot, make_window, shown, monkeypatch):
    w = make_window()
    QGuiApplication.clipboard().clear()
    # (Not "no task runs": the library's claims are scored in the background at start-up.)
    started: list[str] = []
    monkeypatch.setattr(w.runner, "run", lambda title, *a, **k: started.append(title))
    qtbot.keyClick(w, Qt.Key.Key_V, CTRL | SHIFT)
    assert len(shown["warn"]) == 1 and "clipboard is empty" in shown["warn"][0]
    assert started == []


def _drop(w, mime: QMimeData) -> QDropEvent:
    pos = QPoint(w.width() // 2, w.height() // 2)
    enter = QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(w, drop)
    return drop


def test_dropping_files_on_the_window_imports_them(qtbot, make_window, tmp_path):
    first, second = tmp_path / "bridge.txt", tmp_path / "dam.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text("Dam Opens\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    _drop(w, mime)
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    assert w.lib.count_articles() == 2
    assert w.statusBar().currentMessage() == "2 articles imported"
    assert w.import_actions.recent()[:2] == [str(second), str(first)]


def test_dropping_text_that_is_not_a_link_is_ignored(make_window, monkeypatch):
    w = make_window()
    # (Not "no task runs": the library's claims may be scored in the background then.)
    imported: list[list[str]] = []
    monkeypatch.setattr(w.import_actions, "import_documents", imported.append)
    mime = QMimeData()
    mime.setText("just some words")
    drop = _drop(w, mime)
    assert not drop.isAccepted()
    assert imported == []


def test_open_recent_imports_the_source_again(qtbot, window, trigger, tmp_path, monkeypatch):
    w = window
    # The same file again is a duplicate: the user keeps both.
    monkeypatch.setattr(w.import_actions, "ask_duplicate", lambda why: "new")
    recent = w.import_actions.recent_menu
    assert recent is not None and recent.isEnabled()
    assert [a.text() for a in recent.actions()] == [str(tmp_path / "bridge.txt")]
    recent.actions()[0].trigger()
    with qtbot.waitSignal(_last_task(w).finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: w.lib.count_articles() == 2, timeout=20000)


def test_a_window_on_a_library_gets_its_backup_and_can_make_one_now(qtbot, window, trigger):
    from reader.store.backup import list_backups

    w = window
    before = len(list_backups(w.db_path))
    w.backup_in_background(only_if_due=False)
    qtbot.waitUntil(lambda: len(list_backups(w.db_path)) == before + 1, timeout=20000)
    trigger(w, "Back up library now")
    qtbot.waitUntil(lambda: "backed up" in w.statusBar().currentMessage(), timeout=20000)


def test_restore_without_backups_says_how_to_make_one(make_window, trigger, shown):
    w = make_window()
    trigger(w, "Restore a backup…")
    assert len(shown["warn"]) == 1 and "no backups" in shown["warn"][0]


def test_an_edit_that_fails_with_a_bug_is_not_made_calm_and_not_undoable(
    qtbot, window, monkeypatch, shown
):
    w = window

    def bug(*args, **kwargs):
        raise ValueError("range 5..2 is outside the article text")

    monkeypatch.setattr(w.lib, "add_note", bug)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    with qtbot.capture_exceptions() as raised:
        qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    assert [kind for kind, *_ in raised] == [ValueError]
    assert shown["warn"] == []
    assert w.undo_stack.count() == 0


def test_an_escaped_exception_goes_to_the_crash_dialog_and_a_user_error_to_a_warning(shown):
    from reader.core.errors import StoreError
    from reader.ui.app import _excepthook

    _excepthook(StoreError, StoreError("The library is read-only."), None)
    bug = KeyError("notes")
    _excepthook(KeyError, bug, None)
    assert shown["warn"] == ["The library is read-only."]
    assert shown["bug"] == [repr(bug)]


def test_markdown_export_over_a_file_that_is_not_utf8_leaves_it_and_says_so(
    qtbot, window, monkeypatch, tmp_path, shown
):
    out = tmp_path / "notes.md"
    out.write_bytes("R\u00e9sum\u00e9 of my own notes\n".encode("latin-1"))
    _answer_file_dialogs(monkeypatch, out)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert len(shown["warn"]) == 1 and shown["bug"] == []
    assert out.read_bytes() == "R\u00e9sum\u00e9 of my own notes\n".encode("latin-1")


def test_a_full_disk_during_the_library_export_is_a_calm_message(
    qtbot, window, trigger, monkeypatch, tmp_path, shown
):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.app.exports.os.replace", full)
    out = tmp_path / "library.json"
    _answer_file_dialogs(monkeypatch, out)
    trigger(window, "Export library as JSON…")
    with qtbot.waitSignal(_last_task(window).failed, timeout=20000):
        pass
    assert len(shown["warn"]) == 1 and "disk is full" in shown["warn"][0]
    assert shown["bug"] == [] and not out.exists()
    assert list(tmp_path.glob(".library.json.*")) == []
