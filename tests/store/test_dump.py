"""The lossless dump: a damaged file changes nothing, and a bug is not called damage."""

from __future__ import annotations

import json

import pytest

from reader.core.errors import InputError
from reader.core.models import build_article
from reader.store import Library, dump, dump_merge

TEXT = [
    ("title", "Tram Line Opens"),
    ("paragraph", "The new tram line opened on Sunday. Riders praised the quiet cars."),
]


def _library_with_two_articles() -> tuple[Library, dict]:
    lib = Library(":memory:")
    for _ in range(2):
        aid = lib.add_article(build_article(TEXT)).id
        lib.add_note(aid, 16, 52, verdict="true")
    return lib, json.loads(dump.export_json(lib))


def test_a_damaged_later_article_leaves_the_earlier_ones_out_too():
    _lib, doc = _library_with_two_articles()
    doc["articles"][1]["notes"][0]["status"] = "finished"
    with Library(":memory:") as target:
        with pytest.raises(InputError, match="nothing was imported"):
            dump_merge.import_json(target, json.dumps(doc))
        assert target.count_articles() == 0


def test_a_row_the_schema_refuses_is_damage_and_nothing_is_kept():
    _lib, doc = _library_with_two_articles()
    doc["articles"][1]["created"] = None  # every article has a creation time
    with Library(":memory:") as target:
        with pytest.raises(InputError, match="nothing was imported"):
            dump_merge.import_json(target, json.dumps(doc))
        assert target.count_articles() == 0
        assert target.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_a_format_version_that_is_not_a_number_is_damage():
    _lib, doc = _library_with_two_articles()
    doc["version"] = "one"
    with Library(":memory:") as target, pytest.raises(InputError, match="damaged"):
        dump_merge.import_json(target, json.dumps(doc))


def test_a_bug_while_placing_notes_is_not_reported_as_a_damaged_file(monkeypatch):
    _lib, doc = _library_with_two_articles()
    doc["articles"][0]["notes"][0]["start"] += 1  # offsets off: the note is placed again

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("a bug in anchoring")

    monkeypatch.setattr(dump_merge, "reanchor", broken)
    with Library(":memory:") as target, pytest.raises(ValueError, match="a bug in anchoring"):
        dump_merge.import_json(target, json.dumps(doc))
