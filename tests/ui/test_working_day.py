"""Issue 18, the window's part: what a new user hit on a working day, each pinned."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui._duplicates import check_duplicate_choice

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Shopkeepers said they had not been consulted about the closure.\n"
)


@pytest.fixture
def window(qtbot, make_window, tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text(TEXT, encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    return w


def _live_notes(w):
    return w.lib.notes_for_article(w.article.id)


# -- item 3: Enter opens the sentence's note; an empty added note is discarded ------------


def test_enter_on_a_sentence_with_a_note_opens_it_instead_of_adding_another(qtbot, window):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    qtbot.keyClicks(w.notes_panel.editor.conclusion, "Checked")
    w.notes_panel.editor.flush()
    first = w.notes_panel.editor.note().id
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    qtbot.keyClick(w.reader, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    w.reader.setFocus()
    qtbot.mouseDClick(w.reader.viewport(), Qt.MouseButton.LeftButton, pos=_point_in(w, 0))
    notes = _live_notes(w)
    assert [n.id for n in notes] == [first]
    assert w.notes_panel.editor.note().id == first
    assert w.notes_panel.editor.conclusion.hasFocus()


def test_the_add_button_still_adds_a_second_note_to_a_sentence(qtbot, window):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_2)  # a note with a verdict
    qtbot.mouseClick(w.notes_panel.add_button, Qt.MouseButton.LeftButton)
    assert len(_live_notes(w)) == 2


def test_an_added_note_left_empty_is_discarded_when_focus_leaves_and_undo_brings_it_back(
    qtbot, window
):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    assert len(_live_notes(w)) == 1
    assert w.notes_panel.editor.conclusion.hasFocus()
    w.reader.setFocus()  # leaves the editor with nothing written
    qtbot.waitUntil(lambda: not _live_notes(w), timeout=20000)
    assert "discarded" in w.statusBar().currentMessage()
    w.undo_stack.undo()
    assert len(_live_notes(w)) == 1


def test_an_added_note_with_text_is_kept_when_focus_leaves(qtbot, window):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    qtbot.keyClicks(w.notes_panel.editor.conclusion, "Partly")
    w.reader.setFocus()
    qtbot.waitUntil(lambda: bool(_live_notes(w)) and _live_notes(w)[0].conclusion == "Partly")


def _point_in(w, sentence: int):
    from PySide6.QtCore import QPoint

    start, end = w.reader.spans[sentence]
    rect = w.reader.cursorRect(w.reader._collapsed(start + 3))
    return QPoint(rect.center().x(), rect.center().y())


# -- item 21: the status line of a background task goes when the task ends ---------------


def test_importing_leaves_the_status_bar_when_the_work_ends(qtbot, window):
    w = window
    task = w.runner.run("Importing…", lambda cancel, progress: 1, lambda value: None)
    assert w.statusBar().currentMessage() == "Importing…"
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "")


def test_a_failed_task_takes_its_status_line_down_too(qtbot, window, monkeypatch):
    w = window
    shown: list[BaseException] = []
    monkeypatch.setattr(w.import_actions, "on_failed", shown.append)
    w.runner._on_failed = shown.append

    def work(cancel, progress):
        raise OSError("gone")

    task = w.runner.run("Importing…", work, lambda value: None)
    with qtbot.waitSignal(task.failed, timeout=20000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert w.statusBar().currentMessage() == ""


def test_the_label_of_a_task_still_running_comes_back_when_another_ends(qtbot, window):
    import threading

    from tests.ui._threads import background_idle

    w = window
    release = threading.Event()

    def slow(cancel, progress):
        release.wait(30)
        return 1

    # Both tasks need a worker of their own: the two are shared with the window's own
    # background work (the claim scoring after the import), which must end first.
    qtbot.waitUntil(background_idle, timeout=20000)
    long_task = w.runner.run("Exporting all articles…", slow, lambda v: None)
    quick = w.runner.run("Importing…", lambda c, p: 1, lambda v: None)
    with qtbot.waitSignal(quick.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "Exporting all articles…")
    release.set()
    with qtbot.waitSignal(long_task.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "")


# -- item 18: reading -------------------------------------------------------------------

LONG = "Long Article About the Harbour\n\n" + "\n\n".join(
    f"Paragraph {i} says the harbour bridge carried {i} thousand cars on day {i}. "
    f"Officials confirmed the figure {i} in a statement on the same day."
    for i in range(1, 80)
)


@pytest.fixture
def long_window(qtbot, make_window, tmp_path):
    src = tmp_path / "long.txt"
    src.write_text(LONG, encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.library_model.modelReset, timeout=20000):
        w.import_documents([str(src)])
    qtbot.waitUntil(lambda: w.article is not None, timeout=20000)
    return w


def test_j_keeps_the_selected_sentence_a_third_of_the_way_down(qtbot, long_window):
    w = long_window
    w.reader.setFocus()
    for _ in range(40):
        qtbot.keyClick(w.reader, Qt.Key.Key_J)
    start = w.reader.selected[0]
    top = w.reader.cursorRect(w.reader._collapsed(start)).top()
    height = w.reader.viewport().height()
    assert abs(top - height // 3) <= 4, (top, height)
    qtbot.keyClick(w.reader, Qt.Key.Key_K)
    top = w.reader.cursorRect(w.reader._collapsed(w.reader.selected[0])).top()
    assert abs(top - height // 3) <= 4


def test_the_read_only_reader_shows_no_caret(window):
    assert window.reader.cursorWidth() == 0


def test_the_selected_sentence_and_the_note_list_do_not_double_quote_marks(qtbot):
    from reader.core.models import Note, Selector
    from reader.ui.models import _note_display
    from reader.ui.notes_panel import NotesPanel

    sentence = "“We cannot put people on a failing bridge,” the mayor said."
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.show_selection(sentence, [], "Sentence 2")
    note = Note("n", "a", Selector(0, len(sentence), sentence), verdict="true")
    for shown in (panel.selection_label.text(), _note_display(note)):
        assert "““" not in shown and "””" not in shown, shown
        assert "‘We cannot" in shown


def test_view_original_wraps_a_long_line_without_spaces(qtbot, window):
    from reader.ui.dialogs import OriginalDialog

    w = window
    data = ("<div>" + "x" * 3000 + "</div>\n").encode()
    dialog = OriginalDialog(data, "text/html", w.article, w.lib, w)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.raw.horizontalScrollBar().maximum() == 0
    # The lines the cleaner left out and the kept blocks are whole paragraphs: wrapped.
    assert dialog.dropped_view.wordWrap() and dialog.blocks_view.wordWrap()


# -- item 16: fits a 1280×720 screen -----------------------------------------------------


def test_with_an_article_and_its_note_open_the_window_fits_1280_by_720(qtbot, window):
    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)  # the editor's whole form is shown
    assert w.notes_panel.isVisible()
    hint = w.minimumSizeHint()
    # A window manager's title bar and a panel take about 50 px of a 720 px screen.
    assert hint.height() <= 670, hint
    assert hint.width() <= 1280, hint
    w.resize(1280, 670)
    qtbot.waitUntil(lambda: w.height() <= 670)
    sizes = w.splitter.sizes()
    assert sizes[1] == max(sizes), sizes  # the article gets the most room


def test_the_library_list_and_the_notes_panel_fold_away_from_the_view_menu(qtbot, window, trigger):
    w = window
    trigger(w, "Library list")
    trigger(w, "Notes panel")
    assert not w.library.isVisible() and not w.notes_panel.isVisible()
    trigger(w, "Library list")
    assert w.library.isVisible()


# -- item 17: the notes panel and the library list on a narrow column -------------------


def test_library_titles_elide_in_the_middle_with_the_whole_title_as_tooltip(window):
    w = window
    assert w.library_view.textElideMode() == Qt.TextElideMode.ElideMiddle
    tip = w.library_proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Harbour Bridge Closes for Repairs" in tip


def test_the_orphan_banner_wraps_above_its_buttons_in_a_360_px_panel(qtbot, window):
    from dataclasses import replace

    w = window
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_1)
    editor = w.notes_panel.editor
    note = replace(editor.note(), anchor_state="orphan")
    editor.set_note(note)
    sizes = w.splitter.sizes()
    w.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - 360, 360])
    qtbot.waitUntil(lambda: editor.anchor_banner.isVisible())
    banner, button = editor.anchor_banner, editor.reattach_button
    assert (
        banner.mapTo(editor, banner.rect().bottomLeft()).y()
        < button.mapTo(editor, button.rect().topLeft()).y()
    )
    qtbot.waitUntil(lambda: banner.height() >= banner.heightForWidth(banner.width()), timeout=2000)


# -- item 19: the Ctrl+K palette and the F1 sheet ------------------------------------------


def test_search_results_render_markdown_and_bold_the_matches_instead_of_brackets():
    from reader.store.library import SearchHit
    from reader.ui.dialogs import hit_html

    fields = SearchHit.__dataclass_fields__
    values = {name: "" for name in fields}
    values.update(
        article_title="Bridge", snippet="The **[council]** said [so] in a [report](https://x.org)"
    )
    values["note_id"] = "n1"
    shown = hit_html(SearchHit(**values))
    assert "<b>council</b>" in shown and "<b>so</b>" in shown
    assert "**" not in shown and "[" not in shown and "](" not in shown


def test_the_shortcut_sheet_is_a_two_column_table(qtbot):
    from reader.ui.dialogs import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 2
    assert dialog.table.rowCount() == len(SHORTCUTS)
    assert dialog.table.item(0, 0).text() == SHORTCUTS[0][0]


# -- item 22: the update dialog has a file picker ------------------------------------------


def test_the_update_dialog_picks_a_file(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from reader.ui.dialogs import UpdateSourceDialog

    picked = tmp_path / "bridge-v2.html"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(picked), ""))
    )
    dialog = UpdateSourceDialog("https://example.org/a", str(tmp_path))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == str(picked)


def test_update_article_uses_the_file_the_dialog_chose(qtbot, window, monkeypatch, trigger):
    from reader.ui import dialogs

    w = window
    monkeypatch.setattr(dialogs.UpdateSourceDialog, "exec", lambda self: 1)
    monkeypatch.setattr(dialogs.UpdateSourceDialog, "chosen", lambda self: "/tmp/new.html")
    asked: list[str] = []
    monkeypatch.setattr(w.import_actions, "update_from", asked.append)
    trigger(w, "Update article from file or URL…")
    assert asked == ["/tmp/new.html"]


# -- item 20: a word diff between any two versions -----------------------------------------


def test_versions_dialog_shows_the_changed_words_between_the_two_chosen_versions(qtbot, window):
    from reader.core.models import RawInput
    from reader.store.ingest import update_document
    from reader.ui.dialogs import VersionsDialog

    w = window
    aid = w.article.id
    for text in (
        TEXT.replace("two million", "three million"),
        TEXT.replace("two million", "four million"),
    ):
        update_document(w.lib, aid, RawInput(text.encode(), "text/plain", "v.txt"))
    dialog = VersionsDialog(w.lib, aid, w)
    qtbot.addWidget(dialog)
    dialog.old.setCurrentIndex(0)
    dialog.new.setCurrentIndex(2)
    shown = dialog.diff.toHtml()
    assert "two" in shown and "four" in shown and "three" not in shown
    assert "line-through" in shown  # the removed word is struck through, not the sentence
    plain = dialog.diff.toPlainText()
    assert plain.count("million") == 1  # one sentence, not the old and the new in full


# -- item 5: a read-only library opens read-only -------------------------------------------


def test_a_read_only_library_opens_read_only_says_so_and_disables_editing(
    qtbot, make_window, tmp_path, monkeypatch
):
    import os

    from reader.app.articles import import_raw
    from reader.core.models import RawInput
    from reader.store import Library, _sql
    from tests.ui.conftest import menu_action

    db = tmp_path / "shared.sqlite3"
    with Library(db) as lib:
        aid = import_raw(lib, RawInput(TEXT.encode(), "text/plain", "bridge.txt"))
    # The tests may run as root, which any file lets write: the check is what we stub.
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(db) else real_access(p, mode),
    )
    before = db.read_bytes()
    w = make_window(db)
    assert w.read_only
    assert "read-only" in w.windowTitle()
    w.open_article(aid)
    assert "read-only" in w.windowTitle() and "Harbour Bridge" in w.windowTitle()
    for text in ("Add note", "Paste article", "Update article from file or URL…", "Delete note"):
        assert not menu_action(w, text).isEnabled(), text
    assert not w.notes_panel.editor.isEnabled()
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_J)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    qtbot.keyClick(w.reader, Qt.Key.Key_1)
    assert w.lib.notes_for_article(aid) == []
    w.close()
    assert db.read_bytes() == before


# -- item 4: importing an article the library has already ---------------------------------


@pytest.mark.parametrize("choice", ["open", "version", "new", None])
def test_importing_the_same_article_again_offers_to_open_it_or_add_a_version(
    qtbot, window, tmp_path, monkeypatch, choice
):
    from reader.ui import messages

    w = window
    first = w.article.id
    asked: list[str] = []
    monkeypatch.setattr(w.import_actions, "ask_duplicate", lambda why: asked.append(why) or choice)
    monkeypatch.setattr(messages, "inform", lambda *a, **k: None)
    same = tmp_path / "bridge.txt"
    w.import_documents([str(same)])
    check_duplicate_choice(qtbot, w, asked, choice, first)
