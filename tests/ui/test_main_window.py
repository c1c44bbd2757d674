"""The main window's everyday behaviour, driven through keys, clicks and menus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.models import RawInput, build_article
from reader.store import Library
from reader.store.ingest import update_document

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Shopkeepers said they had not been consulted about the closure.\n"
)


@pytest.fixture
def window_with_article(qtbot, make_window, tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.library_model.modelReset, timeout=20000):
        window.import_documents([str(src)])
    qtbot.waitUntil(lambda: window.article is not None, timeout=20000)
    return window


def test_empty_library_shows_how_to_begin(make_window):
    window = make_window()
    assert window.center.currentWidget() is window.welcome
    text = window.welcome.text().lower()
    for hint in ("paste", "open", "drop", "url"):
        assert hint in text


def test_find_in_article_counts_and_steps_through_matches(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.reader_pane.find_bar.isVisible()
    qtbot.keyClicks(w.reader_pane.find_edit, "bridge")
    assert w.reader_pane.find_count.text() == "1 of 3"
    qtbot.keyClick(w.reader_pane.find_edit, Qt.Key.Key_Return)
    assert w.reader_pane.find_count.text() == "2 of 3"


def test_deleting_an_article_goes_to_trash_and_undo_brings_it_back(qtbot, window_with_article):
    w = window_with_article
    w.library_view.setFocus()
    w.library_view.selectRow(0)
    qtbot.keyClick(w.library_view, Qt.Key.Key_Delete)
    assert w.library_model.rowCount() == 0
    assert w.article is None
    assert w.undo_action.text().startswith("&Undo Move")
    qtbot.keyClick(w.library_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.library_model.rowCount() == 1


def test_typing_in_the_editor_is_saved_and_undone_as_one_step(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.keyClicks(editor.conclusion, "Checked")
    qtbot.waitUntil(lambda: w.lib.get_note(editor.note().id).conclusion == "Checked", timeout=20000)
    assert w.undo_stack.count() == 2  # the note, then the typing
    w.undo_stack.undo()
    assert w.lib.get_note(editor.note().id).conclusion == ""
    assert editor.conclusion.text() == ""


def test_pending_edit_is_stored_when_the_window_closes(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    note_id = editor.note().id
    editor.body.setPlainText("Last words before quitting")
    assert editor.has_pending_edit()
    db = w.db_path
    w.close()
    with Library(db) as lib:
        assert lib.get_note(note_id).body == "Last words before quitting"


def test_next_unnoted_sentence_skips_noted_ones(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # the title
    qtbot.keyClick(w.reader, Qt.Key.Key_J)  # the first body sentence
    qtbot.keyClick(w.reader, Qt.Key.Key_1)  # a note with verdict True on it
    w.reader.select_sentence(0)
    qtbot.keyClick(w.reader, Qt.Key.Key_N)
    assert w.reader.current_sentence() == 2


def test_paste_prefers_the_html_flavour(qtbot, make_window):
    w = make_window()
    mime = QMimeData()
    mime.setHtml(
        "<html><head><title>Rail Fares Rise</title></head><body><article><h1>Rail Fares "
        "Rise</h1><p>Rail fares will rise by four percent in March, the operator said on "
        "Tuesday, the largest increase in a decade.</p><p>Passenger groups said the rise was "
        "unfair to commuters who had no other way to reach work each day.</p><p>The operator "
        "said the money would pay for new trains and longer platforms at busy stations."
        "</p></article></body></html>"
    )
    # What a browser puts beside the HTML: the same selection, as rendered text.
    mime.setText(
        "Rail Fares Rise\nRail fares will rise by four percent in March, the operator said "
        "on Tuesday, the largest increase in a decade.\nPassenger groups said the rise was "
        "unfair to commuters who had no other way to reach work each day."
    )
    QGuiApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        qtbot.keyClick(
            w,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    # The clipboard owns the mime data; leaving it there crashes Qt's shutdown.
    QGuiApplication.clipboard().clear()
    assert "Rail fares will rise by four percent" in w.article.text
    assert w.lib.raw_input(w.article.id)[1] == "text/html"


def test_dropping_a_file_imports_it(qtbot, make_window, tmp_path):
    src = tmp_path / "dropped.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src))])
    from reader.ui.import_actions import sources_from_mime

    assert sources_from_mime(mime) == [str(src)]
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents(sources_from_mime(mime))
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert w.article.title == "Harbour Bridge Closes for Repairs"


def test_changed_note_is_flagged_and_its_new_wording_accepted_with_one_click(
    qtbot, window_with_article
):
    w = window_with_article
    aid = w.article.id
    s, e = w.reader.spans[3]
    note = w.lib.add_note(aid, s, e, verdict="false")
    edited = TEXT.replace(
        "The mayor said the closure would cost local shops about two million dollars.",
        "The mayor told reporters the closure might cost shops in the area two million.",
    )
    update_document(w.lib, aid, RawInput(edited.encode(), "text/plain", "edit"))
    w.open_article(aid)
    moved = w.lib.get_note(note.id)
    assert moved.anchor_state == "changed"
    assert "⚠" in w.notes_panel.article_model.index(0, 0).data()
    w.reader.select_range(moved.start, moved.end)
    editor = w.notes_panel.editor
    assert editor.confirm_button.isVisibleTo(w)
    assert "rated on the earlier wording" in editor.anchor_banner.text()
    qtbot.mouseClick(editor.confirm_button, Qt.MouseButton.LeftButton)
    accepted = w.lib.get_note(note.id)
    assert accepted.anchor_state == "ok"
    assert accepted.checked_wording == accepted.exact
    assert accepted.original_wording.startswith("The mayor said the closure")
    w.undo_stack.undo()
    assert w.lib.get_note(note.id).anchor_state == "changed"
    assert w.lib.get_note(note.id).checked_wording == accepted.original_wording
    w.undo_stack.redo()
    assert w.lib.get_note(note.id).anchor_state == "ok"


def test_number_change_gets_a_loud_banner_with_both_wordings(qtbot, window_with_article):
    w = window_with_article
    aid = w.article.id
    sentence = "The mayor said the closure would cost local shops about two million dollars."
    start = w.article.text.index(sentence)
    note = w.lib.add_note(aid, start, start + len(sentence), verdict="true")
    edited = TEXT.replace("about two million", "about twenty million")
    update_document(w.lib, aid, RawInput(edited.encode(), "text/plain", "edit"))
    w.open_article(aid)
    changed = w.lib.get_note(note.id)
    w.reader.select_range(changed.start, changed.end)
    banner = w.notes_panel.editor.anchor_banner.text()
    assert "Number changed" in banner
    assert "<s" in banner and "two" in banner and "twenty" in banner


def test_orphan_is_offered_similar_sentences_and_attached_with_undo(qtbot, window_with_article):
    w = window_with_article
    aid = w.article.id
    sentence = "The mayor said the closure would cost local shops about two million dollars."
    start = w.article.text.index(sentence)
    note = w.lib.add_note(aid, start, start + len(sentence), verdict="true")
    reworded = "Shops in the area stand to lose two million, according to the mayor."
    update_document(
        w.lib, aid, RawInput(TEXT.replace(sentence, reworded).encode(), "text/plain", "edit")
    )
    w.open_article(aid)
    orphan = w.lib.get_note(note.id)
    if orphan.anchor_state != "orphan":
        pytest.skip("the rewording was recognised; nothing to suggest")
    editor = w.notes_panel.editor
    w.notes_panel.editor.set_note(orphan)
    assert editor.suggestions.count() >= 1
    assert editor.suggestions.itemText(0).startswith("Shops in the area")
    qtbot.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    attached = w.lib.get_note(note.id)
    assert (attached.anchor_state, attached.exact) == ("ok", reworded)
    w.undo_stack.undo()
    assert w.lib.get_note(note.id).anchor_state == "orphan"


def test_text_size_is_remembered(qtbot, make_window, window_with_article):
    w = window_with_article
    before = w.reader_style.font_pt
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.reader_style.font_pt == before + 1
    w.close()
    again = make_window()
    assert again.reader_style.font_pt == before + 1


def test_header_shows_version_change(qtbot, window_with_article):
    w = window_with_article
    aid = w.article.id
    edited = TEXT + "\nA correction was appended to this article on Tuesday.\n"
    update_document(w.lib, aid, RawInput(edited.encode(), "text/plain", "edit"))
    w.open_article(aid)
    assert "version 2 of 2" in w.reader_pane.header.text()
    assert "changed since first import" in w.reader_pane.header.text()


def test_search_dialog_opens_the_article_at_the_note(qtbot, window_with_article):
    from reader.ui.dialogs import SearchDialog

    w = window_with_article
    s, e = w.reader.spans[2]
    w.lib.add_note(w.article.id, s, e, body="The inspection report says otherwise.")
    dialog = SearchDialog(w.lib, w)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "inspection")
    dialog.run_search()
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen is not None and dialog.chosen.note_id is not None


def test_orphan_note_can_be_reattached_to_a_selection(qtbot, window_with_article):
    w = window_with_article
    aid = w.article.id
    s, e = w.reader.spans[5]
    note = w.lib.add_note(aid, s, e, verdict="true")
    edited = TEXT.replace(
        "Shopkeepers said they had not been consulted about the closure.",
        "Residents of the north side welcomed the decision at a packed "
        "public meeting on Thursday evening.",
    )
    update_document(w.lib, aid, RawInput(edited.encode(), "text/plain", "edit"))
    w.open_article(aid)
    assert w.lib.get_note(note.id).anchor_state == "orphan"
    assert any(n.id == note.id for n in w.notes_panel.article_model.notes())
    w.reader.select_sentence(5)
    w.notes_panel.editor.set_note(w.lib.get_note(note.id))
    qtbot.mouseClick(w.notes_panel.editor.reattach_button, Qt.MouseButton.LeftButton)
    fixed = w.lib.get_note(note.id)
    assert fixed.anchor_state == "ok"
    assert fixed.exact.startswith("Residents of the north side welcomed")
    w.undo_stack.undo()
    assert w.lib.get_note(note.id).anchor_state == "orphan"


def test_library_model_survives_ten_thousand_rows_paged(qtbot, tmp_path, settings):
    db = tmp_path / "big.sqlite3"
    with Library(db) as lib, lib.db.atomic():
        for i in range(600):
            lib.add_article(
                build_article([("title", f"Story {i}"), ("paragraph", "One line of text.")])
            )
    from reader.ui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    assert w.library_model.rowCount() == w.library_model.PAGE
    assert w.library_model.canFetchMore()
    w.show()
    w.close()
    # A view that asks for more rows while the window goes away gets none, no error.
    assert not w.library_model.canFetchMore()
    w.library_model.fetchMore()
    assert w.library_model.rowCount() == w.library_model.PAGE


def test_restore_a_backup_from_the_window(qtbot, window_with_article, monkeypatch, trigger):
    from reader.store.backup import make_backup

    w = window_with_article
    make_backup(w.db_path)
    w.lib.delete_article(w.article.id)
    w.lib.empty_trash()
    w.after_library_change()
    assert w.library_model.rowCount() == 0
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getItem", lambda *args, **kwargs: (args[3][0], True)
    )
    trigger(w, "Restore a backup…")
    qtbot.waitUntil(lambda: w.library_model.rowCount() == 1, timeout=10000)
    assert list(w.db_path.parent.glob("*.before-restore-*"))


def test_dropping_a_paragraph_survives_re_cleaning(qtbot, window_with_article):
    from reader.store.ingest import reclean

    w = window_with_article
    shopkeepers = "Shopkeepers said they had not been consulted about the closure."
    assert shopkeepers in w.article.text
    w.reader.block_drop_requested.emit(shopkeepers)
    qtbot.waitUntil(lambda: shopkeepers not in w.article.text, timeout=10000)
    assert w.article.version == 2
    reclean(w.lib, w.article.id)
    assert shopkeepers not in w.lib.get_article(w.article.id).text
    assert w.undo_stack.undoText() == "Drop paragraph"
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: shopkeepers in w.article.text, timeout=10000)


def test_versions_dialog_lists_what_changed(qtbot, window_with_article):
    from reader.ui.dialogs import VersionsDialog

    w = window_with_article
    edited = TEXT.replace(
        "Ferries will run every twenty minutes while the bridge is shut.",
        "A temporary footbridge will open in the spring for walkers.",
    )
    update_document(w.lib, w.article.id, RawInput(edited.encode(), "text/plain", "edit"))
    dialog = VersionsDialog(w.lib, w.article.id, w)
    qtbot.addWidget(dialog)
    html = dialog.diff.toPlainText()
    assert "A temporary footbridge will open" in html
    assert "Ferries will run every twenty minutes" in html
    assert "unchanged" in dialog.summary.text()


def test_trash_dialog_restores_a_deleted_note(qtbot, window_with_article):
    from reader.ui.dialogs import TrashDialog

    w = window_with_article
    s, e = w.reader.spans[1]
    note = w.lib.add_note(w.article.id, s, e, verdict="true")
    w.lib.delete_note(note.id)
    dialog = TrashDialog(w.lib, w, restore=w.library.restore_from_trash)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog._on_restore_clicked()
    assert dialog.model.rowCount() == 0
    assert w.lib.get_note(note.id).deleted_at is None
    w.undo_stack.undo()
    assert w.lib.get_note(note.id).deleted_at is not None


def test_one_bad_file_among_several_does_not_stop_the_others(
    qtbot, make_window, tmp_path, monkeypatch
):
    good = tmp_path / "bridge.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    warned: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda parent, text, *a: warned.append(text))
    w = make_window()
    w.import_documents([str(empty), str(good)])
    qtbot.waitUntil(lambda: w.article is not None and bool(warned), timeout=20000)
    assert w.lib.count_articles() == 1
    assert "1 of 2 could not be imported" in warned[0]
    assert "empty.txt" in warned[0]


def test_copy_notes_as_markdown_puts_the_export_on_the_clipboard(
    qtbot, window_with_article, trigger
):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_6)  # 6 = Misleading
    trigger(w, "Copy note as Markdown")
    one = QGuiApplication.clipboard().text()
    qtbot.keyClick(
        w.reader,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    everything = QGuiApplication.clipboard().text()
    QGuiApplication.clipboard().clear()
    assert one.startswith("## 1. Misleading:")
    assert "> The city council voted on Monday" in one
    assert "<!--" not in one  # the note's id is for re-exports, not for pasting
    # Clean Markdown to paste: the title and the notes, no front matter or markers.
    assert everything.startswith("# ") and "## 1. Misleading:" in everything
    assert "---\n" not in everything and "<!--" not in everything


def test_note_preview_renders_markdown_live_while_shown(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    editor.body_tabs.setCurrentWidget(editor.preview)
    editor.body.setPlainText("**Checked** the <b>minutes</b>")
    html = editor.preview.toHtml()
    assert "font-weight" in html or "<b>" in html.lower()  # the Markdown bold
    assert "&lt;b&gt;minutes&lt;/b&gt;" in html  # raw HTML shown as text


def test_tags_used_before_are_offered_in_the_editor_and_the_library_filter(
    qtbot, window_with_article
):
    w = window_with_article
    s, e = w.reader.spans[1]
    w.lib.add_note(w.article.id, s, e, tags=["budget", "transport"])
    w.open_article(w.article.id)
    w.reader.select_sentence(2)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    editor.tags.setFocus()
    qtbot.waitUntil(lambda: editor.tags.hasFocus())
    assert editor.tags.completer().model().stringList() == ["budget", "transport"]
    assert [w.tag_filter.itemData(i) for i in range(w.tag_filter.count())] == [
        None,
        "budget",
        "transport",
    ]


def test_a_page_without_an_article_can_be_kept_whole(qtbot, make_window, tmp_path, monkeypatch):
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\nNews\nSport\nWeather\nContact us\n", encoding="utf-8")
    asked: list[str] = []

    def keep_it(parent, text, *args):
        asked.append(text)
        return True

    monkeypatch.setattr("reader.ui.messages.ask", keep_it)
    w = make_window()
    w.import_documents([str(menu)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    assert "Keep the whole text" in asked[0]
    assert w.article.title == "Home"
    assert "Contact us" in w.article.text


def test_updating_from_a_page_without_an_article_kept_whole_makes_a_new_version(
    qtbot, window_with_article, tmp_path, monkeypatch
):
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\nNews\nSport\nWeather\nContact us\n", encoding="utf-8")
    monkeypatch.setattr("reader.ui.messages.ask", lambda *args: True)
    monkeypatch.setattr("reader.ui.messages.inform", lambda *args: None)
    w = window_with_article
    aid = w.article.id
    w.import_actions.update_from(str(menu))
    qtbot.waitUntil(lambda: "Contact us" in w.article.text, timeout=20000)
    assert w.article.id == aid
    assert len(w.lib.list_articles()) == 1
    assert [v.version for v in w.lib.versions(aid)] == [1, 2]


def test_source_stance_is_chosen_from_a_list(qtbot, window_with_article):
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    editor = w.notes_panel.editor
    qtbot.keyClicks(editor.source_url, "https://example.org/report")
    qtbot.keyClick(editor.source_url, Qt.Key.Key_Return)
    editor.sources.setFocus()
    editor.sources.setCurrentIndex(editor.sources_model.index(0, 0))
    qtbot.keyClick(editor.sources, Qt.Key.Key_F2)
    box = editor.source_dialog.stance
    assert [box.itemData(i) for i in range(box.count())] == ["supports", "refutes", "context"]
    box.setCurrentIndex(1)
    editor.source_dialog.accept()
    editor.flush()
    assert w.lib.get_note(editor.note().id).sources[0].stance == "refutes"


def test_an_edit_the_library_refuses_is_shown_and_not_put_on_the_undo_stack(
    qtbot, window_with_article, monkeypatch
):
    from reader.core.errors import StoreError

    w = window_with_article
    shown: list[str] = []
    monkeypatch.setattr("reader.ui.messages.warn", lambda parent, text, *a: shown.append(text))

    def locked(*args, **kwargs):
        raise StoreError("The library is busy: another program is writing to it.")

    monkeypatch.setattr(w.lib, "add_note", locked)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    assert shown == ["The library is busy: another program is writing to it."]
    assert w.undo_stack.count() == 0
    assert w.notes == []


def test_the_app_starts_in_fusion_whatever_style_the_desktop_asks_for():
    code = "from reader.ui.app import make_app\nprint(make_app().style().name())\n"
    env = dict(os.environ, QT_STYLE_OVERRIDE="windows", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "fusion"


def test_dark_theme_darkens_the_palette_and_light_brings_fusions_back(make_window):
    w = make_window()
    w.set_theme("dark")
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 80
    w.set_theme("light")
    standard = QApplication.style().standardPalette().color(QPalette.ColorRole.Window)
    assert QApplication.palette().color(QPalette.ColorRole.Window) == standard
    assert w.reader_style.dark is False


def test_a_window_opened_with_the_dark_theme_saved_is_dark_from_the_start(make_window, settings):
    settings.setValue("theme", "dark")
    w = make_window()
    assert w.reader_style.dark is True
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    w.set_theme("light")


def test_show_main_window_opens_on_the_library_and_resumes_the_collector(qtbot, tmp_path, settings):
    import gc

    from reader.ui import tasks
    from reader.ui.app import show_main_window

    gc.disable()
    window = show_main_window(tmp_path / "library.sqlite3", settings)
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    # Resumed on the GUI thread: the interpreter's own collection stays off, so that
    # no worker thread collects Qt objects (tests/ui/test_tasks.py).
    collector = tasks.collect_on_gui_thread()
    assert collector.active and not gc.isenabled()
    window.close()
    collector.stop()
    assert gc.isenabled()


def test_cli_commands_run_with_the_collector_on(tmp_path, capsys):
    import gc

    from reader.cli import main

    Library(tmp_path / "lib.sqlite3").close()  # list reads a library, never creates one
    gc.disable()
    assert main(["list", "--db", str(tmp_path / "lib.sqlite3")]) == 0
    assert gc.isenabled()


def test_reader_and_notes_panel_are_built_when_idle_and_shown_with_the_first_article(
    qtbot, make_window, tmp_path, settings
):
    db = tmp_path / "library.sqlite3"
    with Library(db) as lib:
        aid = lib.add_article(
            build_article([("title", "Bridge"), ("paragraph", "The bridge closed. It was old.")])
        ).id
    settings.setValue("notes_splitter", b"kept")  # the user's proportions, not ours to lose
    w = make_window(db)
    assert w.reader_pane.view is None
    assert w.splitter.widget(2).objectName() == "notesPlaceholder"
    w.prepare_reading_panes_when_idle(delay_ms=0)
    qtbot.waitUntil(lambda: w.reader_pane.view is not None)
    assert w.splitter.widget(2).objectName() == "notesPlaceholder"  # built, not shown
    assert w.center.currentWidget() is w.welcome
    w.save_layout()
    assert settings.value("notes_splitter") in (b"kept", "kept")
    w.open_article(aid)
    assert w.splitter.widget(2) is w.notes_panel
    assert w.center.currentWidget() is not w.welcome
    assert "Bridge" in w.windowTitle()


@pytest.mark.parametrize("change", ["open another", "theme", "text size", "spacing"])
def test_replacing_the_document_after_a_sentence_is_selected_and_hovered_is_safe(
    qtbot, window_with_article, change
):
    # The app crashed here: the reader's highlights still pointed into the freed
    # document when the next one was laid out.
    w = window_with_article
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    assert w.reader.selected is not None
    w.reader._hover = 1
    w.reader._refresh_selections()
    other = w.lib.add_article(
        build_article([("title", "Dam opens"), ("paragraph", "The dam opened. Farmers cheered.")])
    )
    if change == "open another":
        w.open_article(other.id)
        w.open_article(w.library_model.summary(0).id)
    elif change == "theme":
        w.set_theme("dark")
        w.set_theme("light")
    elif change == "text size":
        w.change_font(2)
    else:
        w.change_spacing(10)
    qtbot.wait(50)
    w.reader.viewport().repaint()
    assert w.reader.document().characterCount() > 1


def _big_library(path: Path, n: int = 140) -> None:
    """``n`` articles, more than a page; "Story 0" is the oldest and has a satire note."""
    with Library(path) as lib, lib.db.atomic():
        for i in range(n):
            art = lib.add_article(
                build_article([("title", f"Story {i}"), ("paragraph", "One line of text.")])
            )
            lib.conn.execute(
                "UPDATE articles SET created = ? WHERE id = ?",
                [f"2026-03-01T{i // 60:02d}:{i % 60:02d}:00", art.id],
            )
            if i == 0:
                lib.add_note(art.id, 0, 5, verdict="satire")


def _shown_titles(w) -> list[str]:
    view = w.library_view
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def test_typing_in_the_library_filter_finds_an_article_past_the_first_page(
    qtbot, make_window, tmp_path
):
    _big_library(tmp_path / "big.sqlite3")
    w = make_window(tmp_path / "big.sqlite3")
    assert "Story 0" not in _shown_titles(w)
    qtbot.keyClicks(w.library_filter, "story 0")
    assert len(_shown_titles(w)) == w.library_model.PAGE  # not yet: typing goes on
    qtbot.waitUntil(lambda: _shown_titles(w) == ["Story 0"], timeout=20000)
    w.library_filter.clear()
    qtbot.waitUntil(lambda: _shown_titles(w)[0] == "Story 139", timeout=20000)


def test_verdict_filter_and_header_sort_see_the_whole_library(qtbot, make_window, tmp_path):
    _big_library(tmp_path / "big.sqlite3")
    w = make_window(tmp_path / "big.sqlite3")
    w.verdict_filter.setCurrentIndex(w.verdict_filter.findData("satire"))
    assert _shown_titles(w) == ["Story 0"]
    w.verdict_filter.setCurrentIndex(w.verdict_filter.findData("false"))
    assert _shown_titles(w) == []
    assert w.statusBar().currentMessage() == "No articles match the filters"
    w.verdict_filter.setCurrentIndex(0)
    imported = w.library_model.COLUMNS.index("Imported")
    w.library_view.sortByColumn(imported, Qt.SortOrder.AscendingOrder)
    assert _shown_titles(w)[:2] == ["Story 0", "Story 1"]
    w.library_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown_titles(w)[0] == "Story 99"


def test_the_open_article_stays_selected_after_a_sort(qtbot, make_window, tmp_path):
    _big_library(tmp_path / "big.sqlite3")
    w = make_window(tmp_path / "big.sqlite3")
    story = w.library_model.summary(3)
    w.open_article(story.id)
    w.library_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    current = w.library_view.currentIndex()
    assert current.isValid()
    assert current.data() == story.title
