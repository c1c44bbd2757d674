"""``export --format annotations-jsonl`` and ``import-annotations``, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main
from reader.store import Library

ARTICLE = (
    "Ferry Fares Rise Again\n\n"
    "The ferry company raised fares by ten percent on Monday, the third rise this year. "
    "Commuters said the service had not improved since the last increase in the spring.\n\n"
    "The company said fuel now costs twice what it did two years ago. "
    "A council member asked for the accounts to be published before the next rise.\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def warnings(err: str) -> list[str]:
    """The lines on stderr but the one saying a new library was made."""
    return [line for line in err.splitlines() if not line.startswith("created a new library")]


def test_json_lines_export_and_import_back(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    source = tmp_path / "ferry.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    _, out, _ = run(capsys, "import", "--db", db, str(source))
    aid = out.strip()
    run(capsys, "note", "--db", db, aid, "2", "--verdict", "false", "--tag", "fares")
    run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")
    lines_file = tmp_path / "notes.jsonl"
    code, _, err = run(
        capsys,
        "export",
        "--db",
        db,
        aid,
        "--format",
        "annotations-jsonl",
        "--author",
        "Ana Díaz",
        "--out",
        str(lines_file),
    )
    assert code == 0 and "wrote" in err
    lines = lines_file.read_text(encoding="utf-8").splitlines()
    annotations = [json.loads(line) for line in lines]
    assert len(annotations) == 2
    assert all(a["@context"] == "http://www.w3.org/ns/anno.jsonld" for a in annotations)
    assert annotations[0]["creator"] == {"type": "Person", "name": "Ana Díaz"}
    assert annotations[0]["target"]["source"] == f"urn:uuid:{aid}"

    Library(tmp_path / "other.sqlite3").close()  # export reads a library, never creates one
    _, _, err = run(
        capsys,
        "export",
        "--db",
        str(tmp_path / "other.sqlite3"),
        "--all",
        "--format",
        "annotations-jsonl",
    )
    assert "no author is set" in err

    code, out, _ = run(capsys, "import-annotations", "--db", db, str(lines_file))
    assert code == 0
    assert out.splitlines() == ["0 notes added; 2 already in the library."]


def test_import_lists_annotations_without_an_article(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    page = "https://ferries.example/fares"
    hypothesis = {
        "annotations": [
            {
                "id": "hX1",
                "uri": page,
                "text": "Check the tariff.",
                "tags": [],
                "target": [
                    {
                        "source": page,
                        "selector": [{"type": "TextQuoteSelector", "exact": "ten percent"}],
                    }
                ],
            }
        ]
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(hypothesis), encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", "--db", db, str(path))
    assert code == 0
    assert out.splitlines() == ["0 notes added; 1 without an article."]
    assert warnings(err) == [
        "warning: Skipped 1 annotation (hX1): its page is not in the library. Import the "
        f"article first, then this file again: python main.py import {page}"
    ]


def _hypothesis_on(pages: list[str]) -> dict[str, object]:
    return {
        "annotations": [
            {
                "id": f"h{i}",
                "uri": page,
                "text": "Check it.",
                "target": [
                    {
                        "source": page,
                        "selector": [{"type": "TextQuoteSelector", "exact": "ten percent"}],
                    }
                ],
            }
            for i, page in enumerate(pages, start=1)
        ]
    }


def test_many_annotations_without_an_article_are_one_summary_on_stderr(
    capsys, tmp_path: Path
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    pages = [f"https://ferries.example/fares/{n}" for n in (1, 2, 3, 4, 4, 4)]
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(_hypothesis_on(pages)), encoding="utf-8")
    code, out, err = run(capsys, "import-annotations", "--db", db, str(path))
    assert code == 0
    assert out.splitlines() == ["0 notes added; 6 without an article."]
    command = "python main.py import " + " ".join(dict.fromkeys(pages))
    assert warnings(err) == [
        "warning: Skipped 6 annotations (h1, h2, h3 and 3 more): their 4 pages are not in "
        f"the library. Import the articles first, then this file again: {command}"
    ]


def test_the_command_to_import_many_pages_names_the_first_ones_and_says_what_next(
    capsys, tmp_path: Path
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    pages = [f"https://ferries.example/fares/{n}" for n in range(1, 31)]
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(_hypothesis_on(pages)), encoding="utf-8")
    code, _, err = run(capsys, "import-annotations", "--db", db, str(path))
    [line] = warnings(err)
    assert code == 0
    assert " ".join(pages[:20]) in line and pages[20] not in line
    assert line.endswith(
        "(the first 20 of 30 pages: import this file again afterwards for the next ones)"
    )


def test_unreadable_annotation_file_is_a_clear_error(capsys, tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{oops", encoding="utf-8")
    code, _, err = run(capsys, "import-annotations", "--db", str(tmp_path / "l.sqlite3"), str(path))
    assert code == 1
    assert "notes.json is not JSON" in err
