"""The claims memory's user data in the lossless JSON dump (issue 16): imported
fact-checks, confirmed links and workflow states survive export → import, in the window's
use cases and on the command line; damaged entries are refused by their JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.app.claims_memory import (
    claim_appearances,
    claim_links,
    claim_workflow,
    import_factchecks,
    link_claim,
    set_claim_workflow,
    similar_claims,
)
from reader.app.library_io import (
    check_library_json,
    export_library_json,
    import_library_json,
    import_library_json_text,
)
from reader.cli import main
from reader.core.errors import InputError
from reader.core.models import ArticleMeta, build_article
from reader.store import Library
from reader.store.dump import DUMPED_TABLES, export_json, iter_rows

TROOPS = "Ten thousand troops were massed near the northern border last week."
TROOPS_AGAIN = "Ten thousand soldiers are gathered near the northern border, officials say."
HARBOUR = "The harbour bridge will stay closed for a whole year."
CHECKS = [
    {
        "@type": "ClaimReview",
        "url": "https://checks.example.org/troops",
        "claimReviewed": "Ten thousand soldiers gathered at the northern border.",
        "headline": "No sign of 10,000 troops at the border",
        "datePublished": "2025-03-02",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    },
    {
        "@type": "ClaimReview",
        "url": "https://checks.example.org/turbines",
        "claimReviewed": "Wind turbines cause more harm to birds than cats do.",
        "datePublished": "2024-11-20",
        "author": {"@type": "Organization", "name": "Other Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "Misleading"},
    },
]


def noted(lib: Library, title: str, sentence: str, url: str | None = None) -> tuple[str, str]:
    meta = ArticleMeta(title=title, url=url)
    art = lib.add_article(build_article([("title", title), ("paragraph", sentence)], meta))
    start = art.text.index(sentence)
    note = lib.add_note(art.id, start, start + len(sentence), verdict="false", status="done")
    return art.id, note.id


def claims_library(path: Path | str, tmp_path: Path) -> dict[str, str]:
    """A library with two fact-checks (one linked), three notes, two links, a workflow."""
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(CHECKS), encoding="utf-8")
    with Library(path) as lib:
        import_factchecks(lib, feed)
        first_article, first = noted(lib, "Last week", TROOPS, "https://news.example/a")
        second_article, second = noted(lib, "Today", TROOPS_AGAIN, "https://news.example/b")
        _, third = noted(lib, "Bridge", HARBOUR)
        [check] = [h for h in similar_claims(lib, TROOPS) if h.kind == "factcheck"]
        link_claim(lib, second, "note", first)
        link_claim(lib, first, "factcheck", check.ref)
        set_claim_workflow(lib, first, "needs_second_source", checked_by="Ana")
        set_claim_workflow(lib, third, "published")
        return {
            "first": first,
            "second": second,
            "third": third,
            "check": check.ref,
            "first_article": first_article,
            "second_article": second_article,
        }


def claims_state(lib: Library) -> dict[str, Any]:
    """Every user row of the claims memory, comparable across libraries."""
    return {
        table: sorted(json.dumps(r, sort_keys=True) for r in iter_rows(lib, table))
        for table in ("factchecks", "claim_links", "claim_workflow")
    }


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "source.sqlite3"
    return path, claims_library(path, tmp_path)


def test_fact_checks_links_and_workflow_survive_export_and_import(source, tmp_path):
    path, ids = source
    out = tmp_path / "dump.json"
    with Library(path) as lib:
        export_library_json(lib, out)
        before = claims_state(lib)
        text = export_json(lib)
    assert out.read_text(encoding="utf-8") == text
    with Library(tmp_path / "empty.sqlite3") as other:
        report = import_library_json(other, out)
        assert claims_state(other) == before
        assert len(before["factchecks"]) == 2 and len(before["claim_links"]) == 2
        assert (report.factchecks_added, report.claim_links_added) == (2, 2)
        assert "fact-checks: 2 added" in report.summary()
        workflow = claim_workflow(other, ids["first"])
        assert (workflow.state, workflow.checked_by) == ("needs_second_source", "Ana")
        assert [a.article_id for a in claim_appearances(other, ids["first"])] == [
            ids["second_article"]
        ]
        assert export_json(other) == text  # nothing lost, nothing added


def test_imported_fact_checks_are_found_by_the_claims_memory(source, tmp_path):
    path, ids = source
    with Library(path) as lib:
        text = export_json(lib)
    with Library(tmp_path / "empty.sqlite3") as other:
        import_library_json_text(other, text)
        found = similar_claims(other, "Wind turbines harm more birds than cats.")
        assert [(h.kind, h.publisher, h.rating) for h in found[:1]] == [
            ("factcheck", "Other Checks", "Misleading")
        ]
        hits = similar_claims(other, HARBOUR, exclude_article=None)
        assert ids["third"] in [h.ref for h in hits]  # the notes catch up too


def test_merging_the_same_dump_twice_adds_nothing_twice(source, tmp_path):
    path, _ = source
    out = tmp_path / "dump.json"
    with Library(path) as lib:
        export_library_json(lib, out)
    with Library(tmp_path / "empty.sqlite3") as other:
        import_library_json(other, out)
        once = claims_state(other)
        claims = other.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        report = import_library_json(other, out)
        assert claims_state(other) == once
        assert other.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == claims
        assert (report.factchecks_added, report.factchecks_unchanged) == (0, 2)
        assert report.claim_links_added == 0


def test_the_later_workflow_change_wins_a_merge(source, tmp_path):
    path, ids = source
    with Library(path) as lib:
        text = export_json(lib)
    with Library(tmp_path / "empty.sqlite3") as other:
        import_library_json_text(other, text)
        set_claim_workflow(other, ids["first"], "ready")
        import_library_json_text(other, text)  # older: the library's change stays
        assert claim_workflow(other, ids["first"]).state == "ready"
    with Library(path) as lib:
        set_claim_workflow(lib, ids["third"], "draft", checked_by="Ben")
        newer = export_json(lib)
    with Library(tmp_path / "empty.sqlite3") as other:
        import_library_json_text(other, newer)
        assert claim_workflow(other, ids["third"]).checked_by == "Ben"


def test_one_article_carries_the_fact_checks_its_notes_are_linked_to(source, tmp_path):
    path, ids = source
    with Library(path) as lib:
        one = json.loads(export_json(lib, [ids["first_article"]]))
        other = json.loads(export_json(lib, [ids["second_article"]]))
    assert [c["id"] for c in one["factchecks"]] == [ids["check"]]
    assert "factchecks" not in other
    [note] = other["articles"][0]["notes"]
    assert note["claim_links"] == [
        {"kind": "note", "ref": ids["first"], "created": note["claim_links"][0]["created"]}
    ]


def test_a_library_without_claims_data_exports_as_before(tmp_path):
    with Library(tmp_path / "plain.sqlite3") as lib:
        noted(lib, "Bridge", HARBOUR)
        doc = json.loads(export_json(lib))
    assert set(doc) == {"articles", "format", "version"}
    [note] = doc["articles"][0]["notes"]
    assert "claim_links" not in note and "claim_workflow" not in note


def test_an_export_made_before_the_claims_memory_still_imports(tmp_path):
    old = {
        "format": "fact-check-reader",
        "version": 1,
        "articles": [
            {
                "id": "a-1",
                "title": "Bridge",
                "created": "2025-01-01T00:00:00Z",
                "updated": "2025-01-01T00:00:00Z",
                "current_version": 1,
                "versions": [
                    {
                        "version": 1,
                        "text": f"Bridge\n\n{HARBOUR}",
                        "blocks": [["title", 0, 6], ["paragraph", 8, 8 + len(HARBOUR)]],
                        "retrieved": "2025-01-01T00:00:00Z",
                        "text_sha256": "",
                    }
                ],
                "notes": [
                    {
                        "id": "n-1",
                        "start": 8,
                        "end": 8 + len(HARBOUR),
                        "exact": HARBOUR,
                        "created": "2025-01-01T00:00:00Z",
                        "updated": "2025-01-01T00:00:00Z",
                        "verdict": "true",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    with Library(tmp_path / "new.sqlite3") as lib:
        report = import_library_json(lib, path)
        assert (report.articles_added, report.notes_added, report.factchecks_added) == (1, 1, 0)
        assert "fact-checks" not in report.summary()
        assert claim_links(lib, "n-1") == []
        assert claim_workflow(lib, "n-1").state == "draft"


def _damaged(text: str, change: Any) -> str:
    doc = json.loads(text)
    change(doc)
    return json.dumps(doc)


def _first_note(doc: dict[str, Any]) -> dict[str, Any]:
    return next(n for a in doc["articles"] for n in a["notes"] if "claim_links" in n)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["factchecks"][1].pop("claim"), r"factchecks\[1\]\.claim: missing"),
        (lambda d: d["factchecks"][0].update(rating=5), r"factchecks\[0\]\.rating: expected text"),
        (lambda d: d["factchecks"][0].update(id=" "), r"factchecks\[0\]\.id: expected text"),
        (lambda d: d["factchecks"][0].update(score=1), r"factchecks\[0\]\.score: unknown field"),
        (lambda d: d.update(factchecks={}), r"factchecks: expected a list"),
        (
            lambda d: d["factchecks"].append(dict(d["factchecks"][0])),
            r"factchecks\[2\]\.id: the fact-check id \w+ appears twice",
        ),
        (
            lambda d: _first_note(d)["claim_links"][0].update(kind="article"),
            r"articles\[\d\]\.notes\[0\]\.claim_links\[0\]\.kind: expected one of note, factcheck",
        ),
        (
            lambda d: _first_note(d)["claim_links"][0].update(
                kind="note", ref=_first_note(d)["id"]
            ),
            r"notes\[0\]\.claim_links\[0\]\.ref: links the note to itself",
        ),
        (
            lambda d: _first_note(d).update(claim_workflow={"state": "done", "updated": ""}),
            r"notes\[0\]\.claim_workflow\.state: expected one of draft",
        ),
        (
            lambda d: _first_note(d).update(claim_workflow={"state": "ready"}),
            r"notes\[0\]\.claim_workflow\.updated: missing",
        ),
    ],
)
def test_a_malformed_claims_entry_is_refused_by_its_path_and_nothing_is_imported(
    source, tmp_path, change, where
):
    path, _ = source
    with Library(path) as lib:
        text = _damaged(export_json(lib), change)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with Library(tmp_path / "empty.sqlite3") as other:
        with pytest.raises(InputError, match=where):
            import_library_json(other, bad)  # streamed from the file
        with pytest.raises(InputError, match=where):
            import_library_json_text(other, text)  # parsed whole
        with pytest.raises(InputError, match=where):
            check_library_json(bad)
        assert other.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert other.conn.execute("SELECT count(*) FROM factchecks").fetchone()[0] == 0


def test_every_table_of_user_data_travels_in_the_dump():
    """A new table of the user's own data must be dumped, or named here as derived."""
    derived = {
        "settings",  # the ClaimReview author: of this library, not of its articles
        "search_index",
        "search_rows",
        "claims",  # vectors are recomputed on import
        "claim_context_vectors",  # likewise, in the background
        "claims_fts",
        "claims_state",
        "claims_pending",
        "claim_scores",  # the claim radar's scores are recomputed
        "note_changes",  # the command line's undo history, of this library
        "cleaning_checks",  # the window's reminder; File → Check the cleaning asks again
        "_sqlite_migrations",  # the schema steps done
    }
    with Library(":memory:") as lib:
        tables = {
            r[0]
            for r in lib.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%' "
                "AND name NOT LIKE 'search_index_%'"
            )
        }
    assert tables - derived == DUMPED_TABLES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_round_trip_keeps_the_claims_memory(capsys, source, tmp_path):
    path, ids = source
    out = tmp_path / "dump.json"
    code, _, err = run(
        capsys, "export", "--db", str(path), "--all", "--format", "json", "--out", str(out)
    )
    assert code == 0, err
    with Library(path) as lib:
        before = claims_state(lib)
    target = tmp_path / "target.sqlite3"
    code, printed, err = run(capsys, "import-json", "--db", str(target), str(out))
    assert code == 0, err
    assert "fact-checks: 2 added" in printed
    with Library(target) as lib:
        assert claims_state(lib) == before
        assert claim_workflow(lib, ids["third"]).state == "published"
    code, to_stdout, _ = run(capsys, "export", "--db", str(path), "--all", "--format", "json")
    assert code == 0 and to_stdout == out.read_text(encoding="utf-8")


def test_the_command_line_refuses_a_damaged_fact_check_with_its_path(capsys, source, tmp_path):
    path, _ = source
    with Library(path) as lib:
        text = _damaged(export_json(lib), lambda d: d["factchecks"][0].update(url=None))
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "import-json", "--db", str(tmp_path / "t.sqlite3"), str(bad))
    assert code != 0 and out == ""
    assert "factchecks[0].url: expected text, found null" in err
