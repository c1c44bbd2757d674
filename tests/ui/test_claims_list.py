"""The claim radar in the window: the claims list, the margin marks, next unchecked
claim, "Not worth checking" with undo, and scoring the library in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.app import articles as app_articles
from reader.app.claims_radar import ArticleClaim, articles_needing_scores
from reader.ui.claims_list import ClaimsModel, chips, flag_text

TEXT = (
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Unemployment in the harbour district doubled in the two years since the mill closed, "
    "Mayor Ann Ortiz said.\n\n"
    "Officials said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Thank you all for coming tonight.\n"
)


def _claim(start: int, score: float, *, worth: bool = True, dismissed: bool = False):
    return ArticleClaim(
        start,
        start + 5,
        f"s{start}",
        score,
        worth,
        ("quantity",),
        "",
        "Ann Ortiz",
        None,
        ("anonymous", "second_hand"),
        dismissed,
    )


def test_model_lists_worth_checking_claims_by_score_and_dismissed_ones_last(qtbot):
    model = ClaimsModel()
    model.set_claims(
        [
            _claim(0, 0.6),
            _claim(10, 0.9),
            _claim(20, 0.95, dismissed=True),
            _claim(30, 0.1, worth=False),
        ]
    )
    assert [c.start for c in model.claims] == [10, 0, 20]
    assert model.rowCount() == 3 and model.columnCount() == 5
    assert model.index(0, 3).data() == "Ann Ortiz"
    assert model.index(2, 0).data() == "dismissed"
    assert not model.parent(model.index(0, 0)).isValid()


def test_chips_and_flags_are_spelled_for_people():
    c = _claim(0, 0.5)
    assert chips(c) == "[number]"
    assert flag_text(c) == "anonymous source, second-hand"


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def window_on_article(make_window, article_file, qtbot):
    w = make_window()
    aid = app_articles.import_source(w.lib, str(article_file))
    w.library.reload()
    w.reader  # build the panes first, so the list exists to emit
    with qtbot.wait_signal(w.claims_pane.widget.loaded, timeout=20000):
        w.open_article(aid)
    return w, aid


def test_opening_an_article_lists_its_claims_and_marks_them(window_on_article):
    w, _aid = window_on_article
    claims = w.claims_pane.widget.model.claims
    assert claims and claims == sorted(claims, key=lambda c: -c.score)
    assert any(c.text.startswith("Unemployment") for c in claims)
    assert w.reader.claim_marks == sorted((c.start, c.end) for c in claims)
    assert not any(c.text.startswith("Thank you") for c in claims)


def test_the_claims_share_a_tabbed_place_with_all_notes(window_on_article):
    w, aid = window_on_article
    tabs = w.notes_panel.lower_tabs
    open_ = sum(1 for c in w.claims_pane.widget.model.claims if not c.dismissed)
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "All notes",
        f"Worth checking ({open_})",
    ]
    s, e = w.reader.spans[2]
    w.lib.add_note(aid, s, e, verdict="false")
    w.after_notes_change(aid)
    assert tabs.tabText(0) == "All notes (1)"


def test_clicking_a_claim_selects_its_sentence(window_on_article, qtbot):
    w, _aid = window_on_article
    w.notes_panel.show_lower_tab(w.claims_pane.widget)
    view = w.claims_pane.widget.view
    index = view.model().index(0, 1)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    c = w.claims_pane.widget.model.claims[0]
    assert w.reader.selected == (c.start, c.end)


def test_next_unchecked_claim_walks_in_reading_order_and_wraps(window_on_article, qtbot):
    w, _aid = window_on_article
    spans = sorted(w.claims_pane.unchecked_spans())
    w.claims_pane.next_action.trigger()
    assert w.reader.selected == spans[0]
    for expected in spans[1:] + spans[:1]:
        w.claims_pane.next_action.trigger()
        assert w.reader.selected == expected


def test_not_worth_checking_dismisses_and_undo_brings_it_back(window_on_article):
    w, aid = window_on_article
    c = next(c for c in w.claims_pane.claims if c.text.startswith("Unemployment"))
    w.reader.dismiss_requested.emit(c.start, c.end)
    assert (c.start, c.end) not in w.reader.claim_marks
    assert w.claims_pane.widget.model.claims[-1].dismissed
    stored = w.lib.conn.execute("SELECT exact FROM claim_dismissals").fetchall()
    assert [r[0] for r in stored] == [c.text]
    w.undo_stack.undo()
    assert (c.start, c.end) in w.reader.claim_marks
    assert w.lib.conn.execute("SELECT count(*) FROM claim_dismissals").fetchone()[0] == 0
    w.undo_stack.redo()
    assert w.lib.conn.execute("SELECT count(*) FROM claim_dismissals").fetchone()[0] == 1


def test_list_context_action_toggles_the_dismissal(window_on_article):
    w, _aid = window_on_article
    lst = w.claims_pane.widget
    lst.view.setCurrentIndex(lst.model.index(0, 0))
    text = lst.model.claims[0].text
    lst.dismiss_action.trigger()
    assert [c.text for c in lst.model.claims if c.dismissed] == [text]
    lst.view.setCurrentIndex(lst.model.index(lst.model.row_of(lst.model.claims[-1].start), 0))
    lst.dismiss_action.trigger()
    assert not any(c.dismissed for c in lst.model.claims)


def test_a_noted_claim_loses_its_mark(window_on_article):
    w, _aid = window_on_article
    c = next(c for c in w.claims_pane.claims if c.text.startswith("Unemployment"))
    w.reader.select_range(c.start, c.end)
    w.notes_pane.add_note(focus_editor=False)
    assert (c.start, c.end) not in w.reader.claim_marks


def test_view_switch_hides_the_marks_and_is_remembered(window_on_article, settings, make_window):
    w, _aid = window_on_article
    w.claims_pane.marks_action.setChecked(False)
    assert w.reader.show_claim_marks is False
    assert settings.value("claim_marks") in (False, "false")
    w2 = make_window(w.db_path)
    assert not w2.claims_pane.marks_action.isChecked()


def test_existing_articles_are_scored_in_the_background(make_window, article_file, qtbot):
    w = make_window()
    qtbot.waitUntil(lambda: w.claims_pane._scoring is None, timeout=20000)
    app_articles.import_source(w.lib, str(article_file))
    w.lib.conn.execute("DELETE FROM claim_scores")
    w.lib.conn.commit()
    assert articles_needing_scores(w.lib)
    w.claims_pane.score_library_in_background()
    task = w.claims_pane._scoring
    with qtbot.wait_signal(task.finished, timeout=20000):
        pass
    assert articles_needing_scores(w.lib) == []


def test_note_editor_shows_the_claimant_and_saves_a_correction(window_on_article):
    w, _aid = window_on_article
    c = next(c for c in w.claims_pane.claims if c.text.startswith("Unemployment"))
    assert c.speaker and "Ortiz" in c.speaker
    w.reader.select_range(c.start, c.end)
    w.notes_pane.add_note(focus_editor=False)
    editor = w.notes_panel.editor
    assert editor.claimant.text() == c.speaker
    editor.claimant.setText("Ann Ortiz, mayor")
    editor.claimant.editingFinished.emit()
    assert [n.claimant for n in w.lib.notes_for_article(w.article.id)] == ["Ann Ortiz, mayor"]


def test_library_filter_by_speaker(window_on_article):
    w, aid = window_on_article
    box = w.library.speaker_filter
    w.library.refresh_speakers()
    speaker = next(c.speaker for c in w.claims_pane.claims if c.speaker)
    box.setCurrentIndex(box.findData(speaker))
    assert [w.library_model.summary(r).id for r in range(w.library_model.rowCount())] == [aid]
    box.addItem("Nobody at all", "Nobody at all")
    box.setCurrentIndex(box.count() - 1)
    assert w.library_model.rowCount() == 0


def test_library_changes_during_a_scoring_pass_start_one_more_pass_after_it(
    make_window, article_file, qtbot
):
    w = make_window()
    qtbot.waitUntil(lambda: w.claims_pane._scoring is None, timeout=20000)
    app_articles.import_source(w.lib, str(article_file))
    w.lib.conn.execute("DELETE FROM claim_scores")
    w.lib.conn.commit()
    w.claims_pane.score_library_in_background()
    first = w.claims_pane._scoring
    w.claims_pane.score_library_in_background()
    assert w.claims_pane._scoring is first  # no second pass alongside
    with qtbot.wait_signal(first.finished, timeout=20000):
        pass
    second = w.claims_pane._scoring
    assert second is not None and second is not first
    with qtbot.wait_signal(second.finished, timeout=20000):
        pass
    assert articles_needing_scores(w.lib) == []


def test_a_claim_is_noted_when_any_note_shares_a_character_with_it():
    from reader.ui.claims_list import _merged, _overlaps

    noted = _merged([(50, 60), (10, 20), (15, 30), (100, 101)])
    assert noted == ([10, 50, 100], [30, 60, 101])
    assert _overlaps(noted, 29, 40)  # the joined (10, 30) reaches 29
    assert not _overlaps(noted, 30, 50)  # touching both ends is no overlap
    assert _overlaps(noted, 0, 11) and _overlaps(noted, 55, 56) and _overlaps(noted, 90, 200)
    assert not _overlaps(noted, 0, 10) and not _overlaps(noted, 101, 120)
    assert not _overlaps(_merged([]), 0, 100)
