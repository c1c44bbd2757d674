"""app.exports and app.library_io: every format, the one Markdown path, the JSON dump."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.app import articles, exports, library_io
from reader.core.errors import InputError, UserError
from reader.export.markdown import ForeignFileError
from reader.store import Library
from tests.app._notes import add_note_on_sentence


@pytest.fixture
def noted(lib: Library, article_file: Path) -> str:
    aid = articles.import_source(lib, str(article_file))
    add_note_on_sentence(lib, aid, 2, verdict="true", conclusion="Board confirmed.")
    add_note_on_sentence(lib, aid, 4, verdict="false", conclusion="Leased, not bought.")
    return aid


@pytest.mark.parametrize("fmt", exports.RENDERED_FORMATS)
def test_every_format_renders_the_notes(lib: Library, noted: str, fmt: str):
    # all_notes: ClaimReview leaves out notes still "to check" by default
    text = exports.render(lib, noted, fmt, author="Desk", all_notes=True)
    assert "Leased, not bought." in text


def test_a_verdict_filter_keeps_only_those_notes(lib: Library, noted: str):
    text = exports.render(lib, noted, "md", verdicts={"false"})
    assert "Leased, not bought." in text and "Board confirmed." not in text


def test_claimreview_without_an_author_asks_for_one_then_remembers_it(lib: Library, noted: str):
    with pytest.raises(UserError, match="author"):
        exports.render(lib, noted, "claimreview")
    exports.set_claimreview_author(lib, "  Desk  ")
    assert exports.claimreview_author(lib) == "Desk"
    assert '"Desk"' in exports.render(lib, noted, "claimreview", all_notes=True)


def test_several_articles_as_json_formats_are_one_list(lib: Library, noted: str):
    text = exports.render_many(lib, [noted, noted], "annotations")
    assert len(json.loads(text)) == 2


def test_a_markdown_re_export_keeps_the_users_text_around_the_block(
    lib: Library, noted: str, tmp_path: Path
):
    path = tmp_path / "ferry.md"
    assert exports.write_markdown_file(lib, noted, path) is False
    path.write_text("My own intro.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert exports.write_markdown_file(lib, noted, path) is True
    assert path.read_text(encoding="utf-8").startswith("My own intro.")


def test_a_markdown_file_that_is_not_utf8_is_left_untouched(
    lib: Library, noted: str, tmp_path: Path
):
    path = tmp_path / "ferry.md"
    path.write_bytes(b"\xff\xfe not ours")
    with pytest.raises(ForeignFileError, match="not UTF-8"):
        exports.write_markdown_file(lib, noted, path)
    assert path.read_bytes() == b"\xff\xfe not ours"


def test_export_into_a_missing_folder_is_a_user_error(lib: Library, noted: str, tmp_path: Path):
    missing = tmp_path / "nowhere" / "out.md"
    with pytest.raises(UserError, match="does not exist"):
        exports.write_markdown_file(lib, noted, missing)
    with pytest.raises(UserError, match="does not exist"):
        exports.write_text_file(missing, "x")
    with pytest.raises(UserError, match="does not exist"):
        library_io.export_library_json(lib, tmp_path / "nowhere" / "lib.json")


def test_export_to_file_puts_many_markdown_files_in_a_folder(
    lib: Library, noted: str, article_file: Path, tmp_path: Path
):
    other = articles.import_source(lib, str(article_file))
    result = exports.export_to_file(lib, [noted, other], "md", tmp_path / "out")
    assert len(result.written) == 2 and all(p.parent == tmp_path / "out" for p in result.written)
    single = exports.export_to_file(lib, [noted], "annotations", tmp_path / "a.json")
    assert json.loads(single.written[0].read_text(encoding="utf-8"))


def test_the_json_dump_merges_into_an_empty_library_identically(
    lib: Library, noted: str, tmp_path: Path
):
    path = tmp_path / "lib.json"
    library_io.export_library_json(lib, path)
    with library_io.open_library(tmp_path / "other.sqlite3") as other:
        report = library_io.import_library_json(other, path)
        assert report.articles_added == 1 and report.notes_added == 2
        assert "".join(library_io.library_json_chunks(other)) == path.read_text(encoding="utf-8")
        again = library_io.import_library_json_text(other, path.read_text(encoding="utf-8"))
        assert again.notes_unchanged == 2


def test_a_json_import_that_is_not_utf8_is_a_user_error(lib: Library, tmp_path: Path):
    path = tmp_path / "lib.json"
    path.write_bytes(b'{"format": "fact-check-reader", "x": "\xe9"}')
    with pytest.raises(InputError, match="not UTF-8"):
        library_io.import_library_json(lib, path)


def test_a_missing_json_file_is_a_user_error(lib: Library, tmp_path: Path):
    with pytest.raises(InputError, match="“missing.json” was not found"):
        library_io.import_library_json(lib, tmp_path / "missing.json")


def test_the_library_path_defaults_to_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("FACTREADER_DB", str(tmp_path / "env.sqlite3"))
    assert library_io.library_path(None) == tmp_path / "env.sqlite3"
    assert library_io.library_path("~/x.sqlite3") == Path.home() / "x.sqlite3"


def test_an_exported_file_gets_ordinary_permissions_and_keeps_its_own(tmp_path: Path):
    path = tmp_path / "out.json"
    exports.write_text_file(path, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    exports.write_text_file(path, "[]")
    assert path.stat().st_mode & 0o777 == 0o640 and path.read_text() == "[]"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_folder_that_cannot_be_made_is_a_user_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="Cannot create the folder"):
        exports.make_folder(blocker / "sub")
