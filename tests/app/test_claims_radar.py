"""The claim radar's use cases and the ``checkworthy`` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import articles as app_articles
from reader.app.claims_radar import (
    articles_needing_scores,
    claims_for_article,
    dismiss_claim,
    read_sentence_table,
    score_article,
    score_articles,
    score_sentence_table,
    undo_dismiss_claim,
    user_labels,
)
from reader.cli import main
from reader.core.errors import InputError
from reader.store.schema import known_migration_names
from tests.app._notes import add_note_on_sentence

TABLE = (
    "Sentence_id\tSpeaker\tText\tclass_label\n"
    "7\tA\tThe council spent $4 million on the bridge, Reuters reported.\tYes\n"
    '8\tB\t"Thank you all, and ""good night"", everyone."\tNo\n'
    "9\tC\tUnemployment doubled in the two years since the mill closed.\tYes\n"
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "sentences.tsv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_table_reads_ids_and_texts_ignoring_other_columns_and_csv_quoting(table):
    assert read_sentence_table(table) == [
        ("7", "The council spent $4 million on the bridge, Reuters reported."),
        ("8", 'Thank you all, and "good night", everyone.'),
        ("9", "Unemployment doubled in the two years since the mill closed."),
    ]


def test_table_without_a_text_column_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("id\tsentence\n1\tHello.\n", encoding="utf-8")
    with pytest.raises(InputError, match="Sentence_id or Text column"):
        read_sentence_table(path)


def test_table_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin.tsv"
    path.write_bytes("Sentence_id\tText\n1\tCaf\xe9 prices rose.\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        read_sentence_table(path)


def test_article_rows_carry_score_label_reasons_and_speaker():
    rows = score_article(
        [
            "Mayor Ana Ruiz said rents had risen 40% in five years.",
            "Thank you very much.",
        ]
    )
    claim, thanks = rows
    assert claim.worth_checking and not thanks.worth_checking
    assert claim.score > thanks.score
    assert "number: 40%" in claim.reasons
    assert claim.attribution.speaker == "Ana Ruiz"
    assert [r.sentence_id for r in rows] == ["1", "2"]


def test_checkworthy_command_prints_one_tab_separated_line_per_sentence(capsys, table):
    assert main(["checkworthy", str(table)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["7", "8", "9"]
    for line, row in zip(lines, score_sentence_table(table), strict=True):
        sentence_id, score, label, reasons = line.split("\t")
        assert float(score) == pytest.approx(row.score, abs=1e-4)
        assert label == ("Yes" if row.worth_checking else "No")
        assert reasons == (row.reasons or "-")
    assert lines[0].split("\t")[2] == "Yes" and lines[1].split("\t")[2] == "No"


def test_checkworthy_command_reports_a_missing_file_and_exits_1(capsys, tmp_path):
    assert main(["checkworthy", str(tmp_path / "none.tsv")]) == 1
    assert "not found" in capsys.readouterr().err


# -- stored articles: scores kept in the library, dismissals with undo --------------------


def test_claim_radar_migration_is_registered():
    assert "0006_claim_radar" in known_migration_names()


def test_article_claims_are_scored_once_stored_and_read_back(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    first = claims_for_article(lib, aid)
    article = lib.get_article(aid)
    assert [c.text for c in first] == [article.text[c.start : c.end] for c in first]
    rows = lib.conn.execute("SELECT count(*) FROM claim_scores WHERE article_id = ?", [aid])
    assert rows.fetchone()[0] == len(first)
    assert claims_for_article(lib, aid) == first
    fares = next(c for c in first if c.text.startswith("A new boat"))
    assert "quantity" in fares.kinds


def test_dismissal_is_marked_undoable_and_taught_to_the_radar(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    claim = next(c for c in claims_for_article(lib, aid) if c.text.startswith("Islanders"))
    exact = dismiss_claim(lib, aid, claim.start, claim.end)
    assert exact == claim.text
    marked = {c.text: c.dismissed for c in claims_for_article(lib, aid)}
    assert marked[claim.text] is True and sum(marked.values()) == 1
    assert (claim.text, False) in user_labels(lib)
    undo_dismiss_claim(lib, aid, claim.start, claim.end)
    assert not any(c.dismissed for c in claims_for_article(lib, aid))
    assert user_labels(lib) == []


def test_noted_sentences_count_as_worth_checking(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    add_note_on_sentence(lib, aid, 2, verdict=None)
    noted = user_labels(lib)
    assert len(noted) == 1 and noted[0][1] is True


def test_existing_articles_without_scores_are_found_and_scored_in_one_pass(lib, article_file):
    first = app_articles.import_source(lib, str(article_file))
    lib.conn.execute("DELETE FROM claim_scores")
    assert articles_needing_scores(lib) == [first]
    seen: list[tuple[int, int]] = []
    assert score_articles(lib, [first], progress=lambda d, t: seen.append((d, t))) == 1
    assert seen == [(0, 1), (1, 1)]
    assert articles_needing_scores(lib) == []


def test_scoring_stops_between_articles_when_asked(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    lib.conn.execute("DELETE FROM claim_scores")
    assert score_articles(lib, [aid], should_stop=lambda: True) == 0
    assert articles_needing_scores(lib) == [aid]


def test_scoring_applies_the_users_adaptation(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    before = {c.text: c.score for c in claims_for_article(lib, aid)}
    target = next(t for t in before if t.startswith("Islanders"))
    for c in claims_for_article(lib, aid):
        if c.text != target:
            dismiss_claim(lib, aid, c.start, c.end)
    after = {c.text: c.score for c in claims_for_article(lib, aid, rescore=True)}
    assert after != before


def test_note_on_an_attributed_claim_records_its_speaker_as_claimant(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    claims_for_article(lib, aid)
    note = add_note_on_sentence(lib, aid, 2, verdict=None)
    assert note.claimant == "the harbour board"
    assert lib.get_note(note.id).claimant == "the harbour board"
    edited = lib.update_note(note.id, claimant="Harbour Board chair Jo Lee")
    assert lib.get_note(edited.id).claimant == "Harbour Board chair Jo Lee"
    unsaid = add_note_on_sentence(lib, aid, 3, verdict=None)
    assert unsaid.claimant is None


def test_dismissals_and_claimants_travel_in_the_json_export_and_merge(lib, article_file, tmp_path):
    from reader.app.library_io import open_library
    from reader.store.dump import dumps, export_library
    from reader.store.dump_merge import import_json

    aid = app_articles.import_source(lib, str(article_file))
    claim = next(c for c in claims_for_article(lib, aid) if c.text.startswith("Islanders"))
    dismiss_claim(lib, aid, claim.start, claim.end)
    note = add_note_on_sentence(lib, aid, 2, verdict=None)
    text = dumps(export_library(lib))
    other = open_library(tmp_path / "other.sqlite3")
    try:
        import_json(other, text)
        assert {c.text for c in claims_for_article(other, aid) if c.dismissed} == {claim.text}
        assert other.get_note(note.id).claimant == "the harbour board"
        import_json(other, text)  # merging twice keeps one dismissal
        count = other.conn.execute("SELECT count(*) FROM claim_dismissals").fetchone()[0]
        assert count == 1
    finally:
        other.close()


def test_note_claimant_migration_is_registered():
    assert "0012_note_claimant" in known_migration_names()


def test_library_lists_articles_by_speaker_or_claimant(lib, article_file, tmp_path):
    aid = app_articles.import_source(lib, str(article_file))
    other = tmp_path / "other.txt"
    other.write_text(
        "Rain Expected at the Weekend\n\nHeavy rain will fall across the north on Sunday "
        "and the rivers may flood by Monday evening. Farmers moved their sheep to higher "
        "fields on Saturday morning.\n",
        encoding="utf-8",
    )
    bid = app_articles.import_source(lib, str(other))
    claims_for_article(lib, aid)
    claims_for_article(lib, bid)
    assert "the harbour board" in lib.speakers()
    assert [a.id for a in lib.list_articles(speaker="the harbour board")] == [aid]
    assert lib.count_articles(speaker="the harbour board") == 1
    note = add_note_on_sentence(lib, bid, 2, verdict=None)
    lib.update_note(note.id, claimant="Met Office")
    assert "Met Office" in lib.speakers()
    assert [a.id for a in lib.list_articles(speaker="Met Office")] == [bid]


def test_scores_of_an_older_text_count_as_missing(lib, article_file):
    aid = app_articles.import_source(lib, str(article_file))
    claims_for_article(lib, aid)
    assert articles_needing_scores(lib) == []
    lib.conn.execute("UPDATE claim_scores SET text_sha256 = 'older'")
    lib.conn.commit()
    assert articles_needing_scores(lib) == [aid]
