"""Accepting a changed note's new wording and re-attaching a note, both undoable."""

from __future__ import annotations

import pytest

from reader.app.notes import (
    accept_wording,
    note_history,
    reattach_note,
    redo_wording_change,
    undo_wording_change,
)
from reader.core.errors import UserError
from reader.core.models import build_article
from reader.store import Library

SENTENCE = "Around 10,000 troops have moved to the border, officials said."
PARTS = [
    ("title", "Troops gather near the border"),
    ("paragraph", SENTENCE + " Both governments have prepared sanctions."),
    ("paragraph", "Talks will resume in Geneva next week."),
]


@pytest.fixture
def lib() -> Library:
    library = Library(":memory:")
    yield library
    library.close()


def _changed_note(lib: Library) -> tuple[str, str]:
    art = lib.add_article(build_article(PARTS))
    start = art.text.index(SENTENCE)
    note = lib.add_note(art.id, start, start + len(SENTENCE), verdict="true")
    lib.add_version(art.id, build_article([(k, t.replace("10,000", "100,000")) for k, t in PARTS]))
    return art.id, note.id


def test_accepting_the_new_wording_makes_the_note_ok_and_records_it(lib: Library) -> None:
    _, nid = _changed_note(lib)
    change = accept_wording(lib, nid)
    note = lib.get_note(nid)
    assert note.anchor_state == "ok"
    assert note.checked_wording == SENTENCE.replace("10,000", "100,000")
    assert note.original_wording == SENTENCE
    (record,) = note_history(lib, nid)
    assert (record.kind, record.version, record.previous_exact) == ("accepted", 2, SENTENCE)
    assert change.confirmation == record


def test_accepted_wording_is_the_reference_for_the_next_version(lib: Library) -> None:
    aid, nid = _changed_note(lib)
    accept_wording(lib, nid)
    later = [(k, t.replace("10,000", "100,000").replace("Geneva", "Vienna")) for k, t in PARTS]
    lib.add_version(aid, build_article(later))
    assert lib.get_note(nid).anchor_state == "ok"


def test_undo_puts_the_changed_state_back_and_forgets_the_confirmation(lib: Library) -> None:
    _, nid = _changed_note(lib)
    change = accept_wording(lib, nid)
    undo_wording_change(lib, change)
    note = lib.get_note(nid)
    assert (note.anchor_state, note.checked_wording) == ("changed", SENTENCE)
    assert note_history(lib, nid) == []
    redo_wording_change(lib, change)
    assert lib.get_note(nid).anchor_state == "ok"
    assert note_history(lib, nid) == [change.confirmation]


def test_reattaching_moves_the_note_and_undo_moves_it_back(lib: Library) -> None:
    aid, nid = _changed_note(lib)
    before = lib.get_note(nid)
    text = lib.get_article(aid).text
    target = "Talks will resume in Geneva next week."
    start = text.index(target)
    change = reattach_note(lib, nid, start, start + len(target))
    moved = lib.get_note(nid)
    assert (moved.exact, moved.anchor_state, moved.checked_wording) == (target, "ok", target)
    assert moved.original_wording == SENTENCE
    assert note_history(lib, nid)[0].kind == "reattached"
    undo_wording_change(lib, change)
    back = lib.get_note(nid)
    assert (back.selector, back.anchor_state) == (before.selector, "changed")


def test_an_unchanged_note_has_no_new_wording_to_accept(lib: Library) -> None:
    art = lib.add_article(build_article(PARTS))
    note = lib.add_note(art.id, 0, 10)
    with pytest.raises(UserError, match="no new wording"):
        accept_wording(lib, note.id)


def test_reattaching_to_nothing_is_refused(lib: Library) -> None:
    _, nid = _changed_note(lib)
    with pytest.raises(UserError, match="Select the text"):
        reattach_note(lib, nid, 5, 5)
