"""Seen before in the window: earlier claims under the selection's notes, linking to one
(and copying its verdict and sources) with undo, a verdict change offered to the linked
notes, and File → Import fact-checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.app.claims_memory import claim_links, import_factchecks, link_claim
from reader.core.models import build_article
from reader.ui import status

EARLIER = "Ten thousand troops were massed near the northern border last week."
TODAY = "Troops are massed at the northern border again, officials said."
OTHER = "The school budget grew by four percent this year."
REVIEW = {
    "@type": "ClaimReview",
    "url": "https://checks.example.org/troops",
    "claimReviewed": "Ten thousand soldiers gathered at the northern border.",
    "headline": "No sign of 10,000 troops at the border",
    "datePublished": "2025-03-02",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
}


def factcheck_file(tmp_path: Path) -> Path:
    path = tmp_path / "checks.json"
    path.write_text(json.dumps({"@graph": [REVIEW]}), encoding="utf-8")
    return path


def add_article(lib, title: str, *sentences: str) -> str:
    return lib.add_article(build_article([("title", title), ("paragraph", " ".join(sentences))])).id


def note_on(lib, article_id: str, sentence: str, verdict=None):
    text = lib.get_article(article_id).text
    start = text.index(sentence)
    return lib.add_note(article_id, start, start + len(sentence), verdict=verdict)


def select(w, sentence: str) -> tuple[int, int]:
    start = w.article.text.index(sentence)
    w.reader.select_range(start, start + len(sentence))
    return start, start + len(sentence)


def rows_shown(qtbot, w):
    section = w.seen_before.section
    qtbot.waitUntil(lambda: bool(section.rows), timeout=30000)
    return {(r.claim.kind, r.claim.ref): r for r in section.rows}


@pytest.fixture
def library(make_window, tmp_path):
    """A window on a library with a note from last week, a fact-check, and today's article
    (its first sentence noted, the other not)."""
    w = make_window()
    lib = w.lib
    earlier_article = add_article(lib, "Last week", EARLIER)
    earlier = note_on(lib, earlier_article, EARLIER, verdict="mostly_false")
    import_factchecks(lib, factcheck_file(tmp_path))
    today_article = add_article(lib, "Today", TODAY, OTHER)
    mine = note_on(lib, today_article, TODAY, verdict="unproven")
    w.library.reload()
    w.open_article(today_article)
    return w, earlier, mine


def test_a_sentence_shows_a_note_from_another_article_and_a_fact_check(qtbot, library):
    w, earlier, mine = library
    select(w, TODAY)
    rows = rows_shown(qtbot, w)
    kinds = sorted(kind for kind, _ref in rows)
    assert kinds == ["factcheck", "note"]
    assert ("note", earlier.id) in rows
    assert ("note", mine.id) not in rows  # the sentence's own note is not "seen before"
    note_row = rows["note", earlier.id]
    assert "Mostly false" in note_row.text_label.text()
    assert "Last week" in note_row.text_label.text()
    score, why = note_row.why_label.text().split(" · ")
    assert score.startswith("match ") and why.startswith("shares ")
    assert float(score.removeprefix("match ")) == pytest.approx(note_row.claim.score, abs=0.01)
    assert {"troops", "northern", "border"} <= set(why.removeprefix("shares ").split(", "))
    [check_row] = [r for (kind, _), r in rows.items() if kind == "factcheck"]
    assert "Example Checks" in check_row.text_label.text()
    assert "rated “False”" in check_row.text_label.text()
    assert w.seen_before.section.toggle.text() == "Seen before (2)"


def test_a_result_for_an_earlier_selection_is_not_shown(qtbot, library):
    w, _earlier, _mine = library
    section = w.seen_before.section
    select(w, TODAY)
    rows_shown(qtbot, w)
    select(w, OTHER)
    assert section.status.text() == "Looking…"
    assert not any(row.isEnabled() for row in section.rows)  # they were the last sentence's
    select(w, TODAY)
    w.seen_before.search_again()  # the search for TODAY starts at once …
    shown: list[int] = []
    show = section.set_claims
    section.set_claims = lambda claims, linked: (shown.append(len(claims)), show(claims, linked))
    select(w, OTHER)  # … and the selection moves on before it comes back
    qtbot.waitUntil(
        lambda: section.status.text() == "Nothing like this sentence yet.", timeout=30000
    )
    qtbot.wait(600)
    # TODAY's two claims never came back on OTHER's screen (OTHER may be searched again
    # when the claims' contextual vectors are ready: still nothing).
    assert shown and set(shown) == {0}
    assert section.rows == []


def test_the_section_folds_away_and_stays_folded(qtbot, library):
    w, _earlier, _mine = library
    section = w.seen_before.section
    qtbot.mouseClick(section.toggle, Qt.MouseButton.LeftButton)
    assert not section.is_open()
    select(w, TODAY)
    qtbot.wait(600)
    assert section.rows == [] and not section.body.isVisible()
    assert w.settings.value("seen_before_open") in (False, "false")
    qtbot.mouseClick(section.toggle, Qt.MouseButton.LeftButton)
    rows_shown(qtbot, w)


def test_link_is_one_click_and_undone_with_ctrl_z(qtbot, library):
    w, earlier, mine = library
    select(w, TODAY)
    row = rows_shown(qtbot, w)["note", earlier.id]
    qtbot.mouseClick(row.link_button, Qt.MouseButton.LeftButton)
    [link] = claim_links(w.lib, mine.id)
    assert (link.note_id, link.kind, link.ref) == (mine.id, "note", earlier.id)
    assert row.linked and not row.link_button.isVisible()
    assert w.lib.get_note(mine.id).verdict == "unproven"  # a plain link copies nothing
    w.undo_stack.undo()
    assert claim_links(w.lib, mine.id) == []
    assert not row.linked
    w.undo_stack.redo()
    assert claim_links(w.lib, mine.id) == [link]


def test_link_and_copy_takes_the_verdict_and_sources_and_undo_puts_them_back(qtbot, library):
    w, _earlier, mine = library
    select(w, TODAY)
    rows = rows_shown(qtbot, w)
    [check_row] = [r for (kind, _), r in rows.items() if kind == "factcheck"]
    qtbot.mouseClick(check_row.copy_button, Qt.MouseButton.LeftButton)
    note = w.lib.get_note(mine.id)
    assert note.verdict == "false"
    assert [s.url for s in note.sources] == ["https://checks.example.org/troops"]
    assert w.notes_panel.editor.note().verdict == "false"  # the editor shows it
    assert [(x.kind, x.ref) for x in claim_links(w.lib, mine.id)] == [
        ("factcheck", check_row.claim.ref)
    ]
    w.undo_stack.undo()  # one step undoes both
    note = w.lib.get_note(mine.id)
    assert (note.verdict, note.sources) == ("unproven", [])
    assert claim_links(w.lib, mine.id) == []


def test_link_on_a_sentence_without_a_note_adds_one_and_undo_removes_it(qtbot, library, tmp_path):
    w, _earlier, _mine = library
    lib = w.lib
    third = add_article(lib, "Third", "Nothing to see here.", EARLIER.replace("last week", "today"))
    w.open_article(third)
    sentence = EARLIER.replace("last week", "today")
    select(w, sentence)
    rows = rows_shown(qtbot, w)
    [check_row] = [r for (kind, _), r in rows.items() if kind == "factcheck"]
    qtbot.mouseClick(check_row.link_button, Qt.MouseButton.LeftButton)
    [note] = lib.notes_for_article(third)
    assert note.exact == sentence and note.verdict is None
    assert [x.ref for x in claim_links(lib, note.id)] == [check_row.claim.ref]
    assert w.notes_panel.editor.note().id == note.id
    w.undo_stack.undo()
    assert lib.notes_for_article(third) == []
    assert claim_links(lib, note.id) == []


def test_a_verdict_change_is_offered_to_linked_notes_and_applied_only_when_accepted(qtbot, library):
    w, earlier, mine = library
    link_claim(w.lib, mine.id, "note", earlier.id)
    select(w, TODAY)
    bar = w.seen_before.offer
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_5)  # the fifth verdict: False
    assert w.lib.get_note(mine.id).verdict == "false"
    assert bar.isVisible()
    assert "Last week" in bar.text.text() and "False" in bar.text.text()
    assert w.lib.get_note(earlier.id).verdict == "mostly_false"  # nothing changed yet
    qtbot.mouseClick(bar.dismiss_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert w.lib.get_note(earlier.id).verdict == "mostly_false"

    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_1)  # True this time, and accepted
    assert bar.isVisible()
    qtbot.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
    assert w.lib.get_note(earlier.id).verdict == "true"
    assert not bar.isVisible()
    qtbot.waitUntil(  # the row of the linked note shows its new verdict
        lambda: any("· True ·" in r.text_label.text() for r in w.seen_before.section.rows),
        timeout=30000,
    )
    w.undo_stack.undo()  # one step: the linked note only
    assert w.lib.get_note(earlier.id).verdict == "mostly_false"
    assert w.lib.get_note(mine.id).verdict == "true"


def test_a_verdict_change_on_a_note_without_links_offers_nothing(qtbot, library):
    w, _earlier, _mine = library
    select(w, TODAY)
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_5)
    assert not w.seen_before.offer.isVisible()


def test_file_import_fact_checks_runs_in_the_background_and_says_what_it_added(
    qtbot, make_window, tmp_path, monkeypatch
):
    from reader.app.claims_memory import similar_claims
    from reader.ui import messages
    from tests.ui.conftest import menu_action

    told: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, text, title="": told.append(text))
    w = make_window()
    assert menu_action(w, "Import fact-checks…").isEnabled()
    w.seen_before.import_factchecks_from(factcheck_file(tmp_path))
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert told == ["Imported 1 fact-check from checks.json."]
    [hit] = similar_claims(w.lib, EARLIER)
    assert hit.publisher == "Example Checks"


def test_a_broken_fact_check_file_gets_a_clear_message(qtbot, make_window, tmp_path, monkeypatch):
    from reader.ui import messages

    warned: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, text, title="": warned.append(text))
    w = make_window()
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    w.seen_before.import_factchecks_from(path)
    qtbot.waitUntil(lambda: bool(warned), timeout=30000)
    assert "not valid JSON" in warned[0]


def only_factcheck_shown(qtbot, make_window, tmp_path, review: dict):
    """A window whose library holds ``review`` alone, its one row shown under TODAY."""
    w = make_window()
    path = tmp_path / "checks.json"
    path.write_text(json.dumps([review]), encoding="utf-8")
    import_factchecks(w.lib, path)
    article = add_article(w.lib, "Today", TODAY)
    w.library.reload()
    w.open_article(article)
    select(w, TODAY)
    [row] = rows_shown(qtbot, w).values()
    return w, row


def test_a_fact_check_s_markup_shows_as_text(qtbot, make_window, tmp_path):
    hostile = dict(REVIEW, claimReviewed='Troops <img src="file:///etc/passwd"> at the border.')
    _w, row = only_factcheck_shown(qtbot, make_window, tmp_path, hostile)
    assert "&lt;img" in row.text_label.text() and "<img" not in row.text_label.text()
    assert "<img" not in row.text_label.toolTip()


def test_a_read_only_library_shows_earlier_claims_but_links_nothing(
    qtbot, make_window, tmp_path, monkeypatch
):
    import os

    from reader.store import Library, _sql
    from tests.ui.conftest import menu_action

    db = tmp_path / "shared.sqlite3"
    with Library(db) as lib:
        import_factchecks(lib, factcheck_file(tmp_path))
        article = add_article(lib, "Today", TODAY)
    real_access = os.access
    monkeypatch.setattr(
        _sql.os,
        "access",
        lambda p, mode: False if mode == os.W_OK and str(p) == str(db) else real_access(p, mode),
    )
    before = db.read_bytes()
    w = make_window(db)
    assert w.read_only
    assert not menu_action(w, "Import fact-checks…").isEnabled()
    w.open_article(article)
    select(w, TODAY)
    [row] = rows_shown(qtbot, w).values()
    assert not row.link_button.isEnabled() and not row.copy_button.isEnabled()
    w.seen_before.link(row.claim, True)
    assert w.lib.notes_for_article(article) == []
    w.close()
    assert db.read_bytes() == before


def test_contextual_vectors_are_filled_in_the_background_after_a_search(qtbot, library):
    from reader.core import contextual
    from reader.store.claims_memory import ClaimsMemory

    if not contextual.available():
        pytest.skip("contextual model missing")
    w, _earlier, _mine = library
    memory = ClaimsMemory(w.lib.sql)
    memory.sync_notes()
    assert memory.contextual_missing() > 0  # nothing computed at start-up
    select(w, TODAY)
    rows_shown(qtbot, w)
    qtbot.waitUntil(lambda: memory.contextual_missing() == 0, timeout=60000)
    qtbot.waitUntil(lambda: w.seen_before.filler.task is None, timeout=10000)


def test_a_claim_noted_after_the_first_fill_gets_its_vector_after_the_next_search(qtbot, library):
    from reader.core import contextual
    from reader.store.claims_memory import ClaimsMemory

    if not contextual.available():
        pytest.skip("contextual model missing")
    w, _earlier, _mine = library
    memory = ClaimsMemory(w.lib.sql)
    select(w, TODAY)
    rows_shown(qtbot, w)
    qtbot.waitUntil(lambda: memory.contextual_missing() == 0, timeout=60000)
    qtbot.waitUntil(lambda: w.seen_before.filler.task is None, timeout=10000)
    note_on(w.lib, w.article.id, OTHER)
    memory.sync_notes()
    assert memory.contextual_missing() == 1
    messages: list[str] = []
    status.BackgroundStatus.of(w.statusBar()).line_changed.connect(messages.append)
    select(w, OTHER)  # the next search starts the next fill
    qtbot.waitUntil(lambda: memory.contextual_missing() == 0, timeout=60000)
    qtbot.waitUntil(
        lambda: "Claims memory: 1 claim prepared for matching" in messages, timeout=10000
    )
