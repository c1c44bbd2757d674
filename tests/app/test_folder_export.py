from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.exports import export_markdown_folder
from reader.app.progress import EventProgress
from reader.core.models import build_article
from reader.store import Library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib.sqlite3")
    for i in range(5):
        art = lib.add_article(
            build_article(
                [
                    ("title", f"Ferry report {i}"),
                    ("paragraph", f"The ferry ran late {i} times in May. The operator apologised."),
                ]
            )
        )
        lib.add_note(art.id, 0, 10, verdict="false", conclusion=f"Checked {i}.")
    yield lib
    lib.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_every_article_gets_one_file_in_or_out_of_process(library, tmp_path, workers):
    out = tmp_path / "out"
    seen: list[tuple[int, int]] = []
    report = export_markdown_folder(
        library,
        [a.id for a in library.list_articles()],
        out,
        workers=workers,
        progress=EventProgress(callback=lambda d, t: seen.append((d, t))),
    )
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 5 and len(report.written) == 5
    assert all(name.startswith("ferry-report-") and name.endswith(".md") for name in files)
    assert seen[-1] == (5, 5)
    text = (out / files[0]).read_text(encoding="utf-8")
    assert "## 1. False:" in text


def test_a_file_the_app_did_not_write_is_skipped_and_reported(library, tmp_path):
    out = tmp_path / "out"
    first = export_markdown_folder(library, [a.id for a in library.list_articles()], out)
    victim = first.written[0]
    victim.write_text("my own notes, not an export\n", encoding="utf-8")
    again = export_markdown_folder(library, [a.id for a in library.list_articles()], out)
    assert [p for p, _why in again.skipped] == [victim]
    assert victim.read_text(encoding="utf-8") == "my own notes, not an export\n"
    assert len(again.written) == 4


def test_re_export_leaves_unchanged_files_untouched(library, tmp_path):
    import os

    out = tmp_path / "out"
    ids = [a.id for a in library.list_articles()]
    first = export_markdown_folder(library, ids, out)
    path = first.written[0]
    os.utime(path, (1_000_000_000, 1_000_000_000))
    export_markdown_folder(library, ids, out)
    assert path.stat().st_mtime == 1_000_000_000
    aid = next(a.id for a in library.list_articles() if path.name.endswith(a.id[:8] + ".md"))
    library.add_note(aid, 0, 6, verdict="true", conclusion="A new note.")
    export_markdown_folder(library, ids, out)
    assert path.stat().st_mtime != 1_000_000_000
    assert "A new note." in path.read_text(encoding="utf-8")
