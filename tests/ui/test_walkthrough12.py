"""What a fact-checker met first in session 12's walkthrough of the window: a pasted
article's date shown whole, actions that need an article off while none is open, the
sentence notes' words for a run of sentences, and the library filters kept whole when a
tag or a speaker is long."""

from __future__ import annotations

import pytest

from reader.core.models import ArticleMeta, build_article
from reader.ui.wording import shown_date
from tests.ui.conftest import menu_action

PARAGRAPH = (
    "The barrier will protect about 10,000 homes. Work starts in September. "
    "The council will pay half."
)


def _article(meta: ArticleMeta | None = None):
    return build_article([("title", "Flood barrier"), ("paragraph", PARAGRAPH)], meta)


def test_a_written_date_is_shown_whole_and_an_iso_time_by_its_day():
    assert shown_date("14 May 2026") == "14 May 2026"
    assert shown_date("November 20, 2019") == "November 20, 2019"
    assert shown_date("2026-04-02T08:30:00Z") == "2026-04-02"
    assert shown_date("2026-04-02") == "2026-04-02"
    assert shown_date(None) == ""


def test_the_article_header_and_the_library_show_a_pasted_articles_date_whole(make_window):
    from reader.ui.models import LibraryModel

    w = make_window()
    art = w.lib.add_article(_article(ArticleMeta(title="Flood barrier", published="14 May 2026")))
    w.library.reload()
    w.open_article(art.id)
    # Cut to ten characters, it read "14 May 202".
    assert "14 May 2026" in w.reader_pane.header.text()
    published = LibraryModel.COLUMNS.index("Published")
    assert w.library_model.index(0, published).data() == "14 May 2026"
    from reader.ui.pdf_report import report_html

    assert "14 May 2026" in report_html(w.lib.get_article(art.id), [])


ON_THE_OPEN_ARTICLE = (
    "Find in article",
    "Article versions…",
    "Next unchecked claim",
    "Link to the closest earlier claim",
    "Link to the closest earlier claim and copy its verdict",
)


def test_actions_on_the_open_article_are_off_until_one_is_open(make_window):
    w = make_window()
    # With none open they did nothing, or said "No unchecked claims in this article".
    assert [menu_action(w, t).isEnabled() for t in ON_THE_OPEN_ARTICLE] == [False] * 5
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    assert [menu_action(w, t).isEnabled() for t in ON_THE_OPEN_ARTICLE] == [True] * 5


def test_move_article_to_trash_is_on_only_with_an_article_chosen_in_the_list(make_window):
    w = make_window()
    trash = menu_action(w, "Move article to Trash")
    assert not trash.isEnabled()  # an empty library: Delete did nothing
    art = w.lib.add_article(_article())
    w.library.reload()
    assert not trash.isEnabled()
    w.open_article(art.id)  # chooses its row
    assert trash.isEnabled()
    trash.trigger()
    # The last article went: nothing is chosen, and the action is off again.
    assert w.library_model.rowCount() == 0
    assert not trash.isEnabled()
    w.undo_stack.undo()
    assert w.library_model.rowCount() == 1


def test_a_read_only_library_keeps_the_link_actions_off_with_an_article_open(
    make_window, tmp_path, monkeypatch
):
    import os

    from reader.store import Library, _sql

    db = tmp_path / "ro.sqlite3"
    with Library(db) as lib:
        aid = lib.add_article(_article()).id
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(db) else real_access(p, mode),
    )
    w = make_window(db)
    w.open_article(aid)
    assert menu_action(w, "Find in article").isEnabled()
    assert not menu_action(w, "Link to the closest earlier claim").isEnabled()
    assert not menu_action(w, "Move article to Trash").isEnabled()


def test_a_run_of_sentences_without_notes_is_said_so_in_the_plural(qtbot, make_window):
    from PySide6.QtCore import Qt

    w = make_window()
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 4)
    w.reader.setFocus()
    w.reader.select_sentence(1)
    panel = w.notes_panel
    assert panel.selection_empty.text() == "No notes on this sentence."
    qtbot.keyClick(w.reader, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    assert panel.selection_label.text().startswith("<b>Sentences 2–3</b>")
    assert panel.selection_empty.text() == "No notes on these sentences."


def test_a_long_tag_or_speaker_leaves_every_library_filter_its_choice_whole(make_window):
    w = make_window()
    pane = w.library
    pane.tag_filter.addItem("#Fund covers 30 million; the rest is a loan", "x")
    pane.speaker_filter.addItem("the authority's director, Paul Weber", "y")
    w.library.layout().activate()
    for box in (pane.verdict_filter, pane.status_filter, pane.tag_filter, pane.speaker_filter):
        # Each box shows its choice ("Anyone quoted" was cut to "Anyone quo").
        shown = box.fontMetrics().horizontalAdvance(box.currentText())
        assert box.width() >= shown + 30, box.accessibleName()
        assert box.width() >= box.sizeHint().width(), box.accessibleName()


def test_a_new_note_opens_at_the_top_of_its_form_with_the_conclusion_in_sight(qtbot, make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    w = make_window()
    w.resize(1024, 640)  # the form scrolls
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    qtbot.waitUntil(lambda: len(w.reader.spans) >= 4)
    editor = w.notes_panel.editor
    w.reader.setFocus()
    w.reader.select_sentence(1)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    bar = editor.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the user went down to the sources
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    w.reader.select_sentence(2)
    qtbot.keyClick(w.reader, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.conclusion
    # The field with the keys is in sight: the form starts at the verdict.
    assert bar.value() == 0
    assert not editor.conclusion.visibleRegion().isEmpty()


def test_a_long_conclusion_is_shown_from_its_start_when_its_note_opens(qtbot, make_window):
    from dataclasses import replace

    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    long = "The survey counted about 10,000 homes in the flood zone, " * 3
    note = w.lib.add_note(art.id, start, start + 44, conclusion=long.strip())
    w.library.reload()
    w.open_article(art.id)
    editor = w.notes_panel.editor
    editor.set_note(replace(note))
    assert editor.conclusion.cursorPosition() == 0


def test_a_note_whose_run_lost_a_sentence_says_sentence_removed_not_reworded(qtbot):
    from reader.core.models import Note, Selector
    from reader.core.worddiff import note_wording
    from reader.ui.note_editor import changed_banner_html

    kept = "Opposition councillors said the plan ignored the west bank."
    checked = f"{kept} A public consultation will open next month."
    note = Note(
        "n", "a", Selector(0, len(kept), kept), anchor_state="changed", checked_exact=checked
    )
    banner = changed_banner_html(note_wording(note))
    assert banner.startswith("<b>⚠ Sentence removed</b> since this note was checked")
    assert "Reworded" not in banner
    # A number changed in a sentence still says so.
    number = "The barrier will protect about 10,000 homes."
    now = number.replace("10,000", "100,000")
    note = Note("m", "a", Selector(0, len(now), now), anchor_state="changed", checked_exact=number)
    assert changed_banner_html(note_wording(note)).startswith("<b>⚠ Number changed</b>")


def test_claimreview_of_notes_all_still_to_check_says_so_before_asking_for_a_file(
    make_window, monkeypatch
):
    from reader.ui import messages

    w = make_window()
    art = w.lib.add_article(_article())
    start = art.text.index("The barrier")
    note = w.lib.add_note(art.id, start, start + 44, verdict="false")
    w.library.reload()
    w.open_article(art.id)
    said: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda _parent, text, title="": said.append(text))
    monkeypatch.setattr(w.export_actions, "_ask_path", lambda *a: asked.append("path"))
    w.export_actions.export_other("claimreview")
    # It wrote "[]" and said "Exported to …".
    assert asked == [] and len(said) == 1
    assert "1 note with a verdict, all still To check" in said[0]
    w.lib.update_note(note.id, status="done")  # (as the command line would)
    w.lib.set_setting("author", "Desk")  # else asked for first
    w.export_actions.export_other("claimreview")
    assert asked == ["path"]


def test_an_export_of_an_article_without_notes_says_so(make_window, monkeypatch):
    from reader.ui import messages

    w = make_window()
    art = w.lib.add_article(_article())
    w.library.reload()
    w.open_article(art.id)
    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda _parent, text, title="": said.append(text))
    monkeypatch.setattr(w.export_actions, "_ask_path", lambda *a: pytest.fail("asked"))
    w.export_actions.export_other("annotations")
    assert said and said[0].startswith("This article has no notes yet.")
