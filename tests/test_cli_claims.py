"""The claims-memory commands: import-factchecks and match."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main

CHECKS_TSV = (
    "claim\ttitle\turl\trating\n"
    "Ten thousand troops were massed at the border.\tTroops?\thttps://c.example/1\tFalse\n"
    "The harbour bridge will close for a year.\tBridge\thttps://c.example/2\tTrue\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_importing_fact_checks_twice_reports_nothing_new(capsys, tmp_path: Path):
    db = str(tmp_path / "lib.sqlite3")
    checks = tmp_path / "checks.tsv"
    checks.write_text(CHECKS_TSV, encoding="utf-8")
    code, out, _ = run(capsys, "import-factchecks", "--db", db, str(checks))
    assert code == 0
    assert out.startswith("imported 2 fact-checks from")
    code, out, _ = run(capsys, "import-factchecks", "--db", db, str(checks))
    assert out.startswith("imported 0 fact-checks, 2 already in the library")


def test_bad_fact_check_file_gets_one_line_and_exit_1(capsys, tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("alpha\tbeta\n1\t2\n", encoding="utf-8")
    code, out, err = run(capsys, "import-factchecks", "--db", str(tmp_path / "l.db"), str(bad))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "no claim column" in err


def test_match_prints_trec_run_lines_best_first(capsys, tmp_path: Path):
    corpus = tmp_path / "claims.tsv"
    corpus.write_text(
        "\tvclaim\ttitle\n"
        "7\tThe harbour bridge will close for a year.\tBridge closing?\n"
        '8\t"Ten thousand ""troops"" were massed at the border."\tTroops at the border?\n'
        "9\tThe school budget grew by four percent.\tBudget\n",
        encoding="utf-8",
    )
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "\ttweet_content\nq1\tSo many troops at the border #BorderCrisis https://t.co/x\n"
        "q2\tThey are closing the bridge for a whole year?\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "match", "--corpus", str(corpus), str(queries), "--top", "2")
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(f[0], f[1], f[3]) for f in lines] == [
        ("q1", "Q0", "1"),
        ("q1", "Q0", "2"),
        ("q2", "Q0", "1"),
        ("q2", "Q0", "2"),
    ]
    assert lines[0][2] == "8" and lines[2][2] == "7"
    assert float(lines[0][4]) >= float(lines[1][4])
    assert all(f[5] == "fcr-fused" for f in lines)


def test_match_with_a_missing_corpus_is_a_user_error(capsys, tmp_path: Path):
    queries = tmp_path / "q.tsv"
    queries.write_text("\ttext\n1\thello\n", encoding="utf-8")
    code, _, err = run(capsys, "match", "--corpus", str(tmp_path / "none.tsv"), str(queries))
    assert code == 1
    assert "was not found" in err


def test_match_refuses_a_top_below_one_before_reading_anything(capsys, tmp_path: Path):
    import pytest

    queries = tmp_path / "q.tsv"
    queries.write_text("\ttext\n1\thello\n", encoding="utf-8")
    for top in ("0", "-2", "five"):
        with pytest.raises(SystemExit) as exit_info:
            main(["match", "--corpus", str(queries), str(queries), "--top", top])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert f"“{top}” is not a whole number of 1 or more" in err


def test_match_embeds_the_corpus_in_context_and_reports_progress(capsys, tmp_path: Path):
    import pytest

    from reader.core import contextual

    if not contextual.available():
        pytest.skip("contextual model missing")
    corpus = tmp_path / "claims.tsv"
    corpus.write_text(
        "\tvclaim\ttitle\n"
        "1\tSoldiers were massed at the frontier by the army.\t\n"
        "2\tEating carrots improves your eyesight at night.\t\n",
        encoding="utf-8",
    )
    queries = tmp_path / "queries.tsv"
    queries.write_text("\ttweet_content\nq1\tTroops gathered near the border\n", encoding="utf-8")
    args = ["match", "--corpus", str(corpus), str(queries), "--mode", "contextual"]
    code, out, err = run(capsys, *args)
    assert code == 0
    assert out.splitlines()[0].split("\t")[2] == "1"  # no key word shared: context found it
    assert "embedding claims: 2 / 2" in err
