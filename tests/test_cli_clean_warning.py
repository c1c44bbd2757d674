"""``clean`` reports how sure the cleaner is, and warns on stderr while still writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests._doubt import set_doubt

ARTICLE = (
    "Home\nNews\nSport\nWeather\n\n"
    "Night Trains Return to the Coast Line\n\n"
    "The rail operator said on Tuesday that night trains will run again on the coast line "
    "from March, after a pause of four years caused by a shortage of sleeping cars.\n\n"
    "Tickets go on sale next week. The operator expects most trains to be full in summer, "
    "when the line carries twice as many passengers as in winter.\n\n"
    "Share\nRelated stories\nBus fares frozen for another year\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "trains.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_clean_json_includes_the_confidence(capsys, article_file: Path) -> None:
    assert main(["clean", "--format", "json", str(article_file)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert 0.6 <= data["confidence"] <= 1.0
    assert data["warning"] is None
    assert err == ""


def test_doubtful_result_is_warned_about_on_stderr_and_still_written(
    capsys, monkeypatch: pytest.MonkeyPatch, article_file: Path
) -> None:
    set_doubt(monkeypatch, True)
    assert main(["clean", "--body", str(article_file)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("The rail operator said on Tuesday")
    assert err.count("\n") == 1
    assert "warning:" in err and "unsure" in err
