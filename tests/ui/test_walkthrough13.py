"""What session 12's walkthrough of the window left open: the notes column at a small
window with a large font, the speaker filter's spellings, the selection's one-note list,
the Trash's names, the ClaimReview author, the update dialog's words and the layout kept
from one start to the next."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget

from reader.core.models import build_article
from tests.ui._walkthrough import PARAGRAPH, settled
from tests.ui._walkthrough import flood_article as _article


def _right_edge_in(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(widget.width(), 0)).x()


def test_the_note_form_is_whole_in_a_small_dark_window_at_a_large_font(
    qtbot, large_font, settings, make_window
):
    settings.setValue("theme", "dark")
    settings.setValue("font_pt", 20)  # the app's own text size, View ▸ Bigger text
    w = make_window()
    w.resize(1024, 640)
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, conclusion="About 9,000 homes", verdict="false")
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 3)
    w.reader.select_sentence(1)
    settled()
    # The window kept to the size it was given.
    assert w.width() == 1024
    panel = w.notes_panel
    editor = panel.editor
    form = editor.form_scroll
    inner = form.widget()
    # The form is as wide as it needs: at 226 px of a 372 px form the right of every
    # field and button was cut off, and nothing scrolls sideways to reach it.
    assert inner.width() >= inner.minimumSizeHint().width()
    column = panel.scroll_area.widget()
    assert column.width() >= column.minimumSizeHint().width()
    for part in (
        editor.verdict,
        editor.status,
        editor.conclusion,
        editor.workflow,
        editor.checked_by,
        editor.body_tabs,
        editor.source_url,
        editor.add_source_button,
        editor.remove_source_button,
        editor.down_button,
    ):
        assert _right_edge_in(part, inner) <= form.viewport().width(), part.accessibleName()
    assert _right_edge_in(editor.delete_button, panel) <= panel.scroll_area.viewport().width()
    assert _right_edge_in(form, column) <= panel.scroll_area.viewport().width()
    # Who checked it has a field of its own, not a sliver ("C…") beside the workflow.
    assert editor.checked_by.width() >= 8 * editor.checked_by.fontMetrics().averageCharWidth()
    # The article keeps room to be read.
    assert w.splitter.sizes()[1] >= 380


def _notes_by(lib, claimants: list[str]) -> dict[str, str]:
    """One article a note, each note naming its claimant; article ids by claimant."""
    ids = {}
    for i, who in enumerate(claimants):
        art = lib.add_article(build_article([("title", f"Paper {i}"), ("paragraph", PARAGRAPH)]))
        start = art.text.index("The barrier")
        note = lib.add_note(art.id, start, start + 44, verdict="false")
        lib.update_note(note.id, claimant=who)
        ids[f"{who}/{i}"] = art.id
    return ids


def test_a_speaker_spelled_in_two_cases_is_listed_once_and_filters_both(qtbot, make_window):
    from tests.ui.test_claims_view import settle, shown

    w = make_window()
    ids = _notes_by(w.lib, ["Jane Doe", "jane doe", "Jane Doe", "Ann Ortiz"])
    w.library.reload()
    box = w.library.speaker_filter
    w.library.refresh_speakers()
    # Listed twice, "Jane Doe" and "jane doe": the usual spelling names both.
    assert [box.itemText(i) for i in range(box.count())] == [
        "Anyone quoted",
        "Ann Ortiz",
        "Jane Doe",
    ]
    box.setCurrentIndex(box.findData("Jane Doe"))
    listed = {w.library_model.summary(r).id for r in range(w.library_model.rowCount())}
    assert listed == {ids["Jane Doe/0"], ids["jane doe/1"], ids["Jane Doe/2"]}
    # The Claims tab's filter alike.
    view = w.library.show_claims()
    settle(qtbot, view)
    view.refresh_speakers()
    names = [view.speaker_filter.itemText(i) for i in range(view.speaker_filter.count())]
    assert names == ["Anyone", "Ann Ortiz", "Jane Doe"]
    view.speaker_filter.setCurrentIndex(view.speaker_filter.findData("Jane Doe"))
    settle(qtbot, view)
    assert len(shown(view)) == 3
    # A choice made under one spelling stays chosen when the list is read again.
    box.setCurrentIndex(box.findData("Jane Doe"))
    box.setItemData(box.currentIndex(), "jane doe")
    w.library.refresh_speakers()
    assert box.currentText() == "Jane Doe"


def test_one_note_on_a_sentence_takes_two_lines_the_verdict_and_the_conclusion(qtbot, make_window):
    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, verdict="false", conclusion="About 9,000 homes.")
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 3)
    w.reader.select_sentence(1)
    panel = w.notes_panel
    view, model = panel.selection_list, panel.selection_model
    line = view.fontMetrics().lineSpacing()
    # The row does not quote the sentence again: the label just above quotes it.
    assert model.index(0, 0).data() == "✘ False · To check\nAbout 9,000 homes."
    # Four lines high, with a blank line under a short note (and a long one scrolled
    # inside them): now as high as its two lines.
    inside = view.height() - 2 * view.frameWidth()
    assert inside == view.sizeHintForRow(0) < 3 * line
    # Not highlighted: the one note is the editor's, and its verdict's colour shows.
    assert not view.selectionModel().hasSelection()
    assert view.currentIndex().row() == 0
    w.reader.select_sentence(2)  # no notes
    w.reader.select_sentence(1)
    assert view.height() - 2 * view.frameWidth() == inside


def test_the_trash_says_what_each_item_is(qtbot, make_window):
    from reader.ui.dialogs import TrashDialog

    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    note = w.lib.add_note(art.id, start, start + 44, verdict="false", conclusion="About 9,000.")
    bare = w.lib.add_note(art.id, art.text.index("Work starts"), art.text.index(" The council"))
    other = w.lib.add_article(
        build_article([("title", "Harbour bridge"), ("paragraph", "It closed in May.")])
    )
    w.lib.add_note(other.id, other.text.index("It closed"), len(other.text), verdict="true")
    w.lib.delete_note(note.id)
    w.lib.delete_note(bare.id)
    w.lib.delete_article(other.id)
    dialog = TrashDialog(w.lib, w)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    # They read "Article: Harbour bridge" and "Note: The barrier will protect about…":
    # a note by the words it was on, with no verdict, conclusion or article.
    assert len(rows) == 3
    article = next(r for r in rows if r.startswith("Article"))
    noted = next(r for r in rows if "✘" in r)
    unrated = next(r for r in rows if r.startswith("Note") and "✘" not in r)
    assert article.startswith("Article: Harbour bridge\nmoved to the Trash ")
    assert article.endswith(", with 1 note")
    assert noted.startswith("Note: ✘ False — About 9,000.\non “Flood barrier”, moved to the Trash ")
    assert unrated.startswith("Note: No verdict yet — “Work starts in September.”\non “Flood")
    # When: the local day and time, not an ISO stamp.
    assert "T" not in article.split("moved to the Trash ")[1]


def test_claimreview_asks_for_the_author_before_the_file_and_remembers_it(
    make_window, monkeypatch, tmp_path
):
    import json

    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    w.lib.add_note(art.id, start, start + 44, verdict="false", status="done")
    w.library.reload()
    w.open_article(art.id)
    out = tmp_path / "barrier.claimreview.jsonld"
    asked: list[str] = []

    def author(*args, **kwargs):
        asked.append("author")
        return ("Harbour Checkers", True)

    def path(*args):
        asked.append("file")
        return out

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", author)
    monkeypatch.setattr(w.export_actions, "_ask_path", path)
    w.export_actions.export_other("claimreview")
    # The name came after the file: the user thought the export done.
    assert asked == ["author", "file"]
    assert "Harbour Checkers" in out.read_text(encoding="utf-8")
    # Kept for the next export (in the library, as the command line's --author).
    w.export_actions.export_other("claimreview")
    assert asked == ["author", "file", "file"]
    assert json.loads(out.read_text(encoding="utf-8"))
    # Cancel stops the export before any file is asked for.
    w.lib.set_setting("author", "")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText",
        lambda *a, **k: (asked.append("author"), ("", False))[1],
    )
    w.export_actions.export_other("claimreview")
    assert asked[-1] == "author"


def test_an_update_says_what_became_of_the_notes_in_plain_words(qtbot, make_window, monkeypatch):
    from reader.store.articles import UpdateReport
    from reader.ui import messages
    from reader.ui.dialogs import UpdateSourceDialog

    w = make_window()
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    told: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda _parent, text, *a: told.append(text))
    w.import_actions._after_update(UpdateReport(art.id, 2, True, ok=3, changed_notes=1))
    # It read "Notes: 3 in place, 1 changed since checked, 0 not found (kept, listed
    # with their quote)."
    assert told == [
        "Stored as version 2.\n\n"
        "• 3 notes stayed with their sentence, word for word.\n"
        "• 1 note whose sentence changed: check its verdict again."
    ]
    w.import_actions._after_update(UpdateReport(art.id, 3, True, orphan=2))
    assert told[-1] == (
        "Stored as version 3.\n\n"
        "• 2 notes whose sentence is gone: kept, with the words they were on."
    )
    dialog = UpdateSourceDialog("", "")
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "re-anchored" not in words and "stays with its sentence" in words


def _reopened(qtbot, db, settings):
    """A new window on the same library and settings, as at the next start of the app."""
    from reader.ui.main_window import MainWindow

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settled()
    return w


DIALOGS = {
    "trash": lambda w: w.library.show_trash(),
    "search": lambda w: w.library.search_everything(),
    "versions": lambda w: w.reader_pane.show_versions(),
    "shortcuts": lambda w: w.menus.show_shortcuts(),
    "update": lambda w: w.import_actions.update_article_dialog(),
}


def _open_dialogs(w, monkeypatch, size: tuple[int, int] | None) -> dict[str, tuple[int, int]]:
    """Open each main dialog; resized to ``size`` by the user before closing it, if
    given.  The size each opened at, by name."""
    from PySide6.QtWidgets import QDialog

    opened: dict[str, tuple[int, int]] = {}
    for name, open_it in DIALOGS.items():

        def exec_(dialog, name=name) -> int:
            opened[name] = (dialog.width(), dialog.height())
            if size is not None:
                dialog.resize(*size)
            dialog.done(0)
            return 0

        monkeypatch.setattr(QDialog, "exec", exec_)
        open_it(w)
    return opened


def test_the_window_layout_survives_closing_and_reopening(
    qtbot, make_window, settings, tmp_path, monkeypatch
):
    from reader.ui.models import LibraryModel

    db = tmp_path / "library.sqlite3"
    w = make_window(db)
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 3)
    # Within the test screen's 800×800 (a saved size is fitted to the screen).
    w.resize(790, 700)
    settled()
    w.splitter.setSizes([190, 390, 210])
    imported = LibraryModel.COLUMNS.index("Imported")
    w.library_view.setColumnWidth(imported, 133)
    w.notes_panel.splitter.setSizes([400, 150])
    settled()
    sizes, notes = w.splitter.sizes(), w.notes_panel.splitter.sizes()
    first = _open_dialogs(w, monkeypatch, (710, 530))
    w.close()

    again = _reopened(qtbot, db, settings)
    assert (again.size().width(), again.size().height()) == (790, 700)
    assert again.splitter.sizes() == sizes
    assert again.library_view.columnWidth(imported) == 133
    again.open_article(art.id)
    qtbot.waitUntil(lambda: len(again.reader.spans) >= 3)
    settled()
    assert again.notes_panel.splitter.sizes() == notes
    # Each dialog opened at its own default size again, whatever the user gave it.
    assert all(shown != (710, 530) for shown in first.values())
    assert _open_dialogs(again, monkeypatch, None) == dict.fromkeys(DIALOGS, (710, 530))
    again.close()
