"""Every reader of a file the user names refuses the same faults with the same words.

Six readers (an article, fact-checks, a claim table, annotations, a sentence table, a
JSON export) once each had their own copy of these checks, and their wording drifted:
"does not exist" here, "was not found" there, advice about web pages for a table.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.app.claims_radar import read_sentence_table
from reader.app.library_io import check_library_json
from reader.core.errors import InputError
from reader.importers.annotations import read_annotation_file
from reader.importers.factchecks import read_factchecks_file, read_id_table
from reader.importers.files import read_file

READERS: dict[str, tuple[Callable[[Path], object], str]] = {
    "article": (read_file, "Choose a saved web page or a text file."),
    "fact-checks": (read_factchecks_file, "Choose a ClaimReview JSON or a TSV file."),
    "claim table": (lambda p: read_id_table(p, 2), "Choose a tab-separated (TSV) file."),
    "annotations": (read_annotation_file, "Choose an annotation file (JSON)."),
    "sentence table": (read_sentence_table, "Choose a tab-separated (TSV) file."),
    "JSON export": (
        check_library_json,
        "Choose a JSON export file, or give - and pipe the export into standard input.",
    ),
}
LIMITED = [name for name in READERS if name != "JSON export"]  # streamed: any size


def refusal(reader: str, path: Path) -> str:
    with pytest.raises(InputError) as caught:
        READERS[reader][0](path)
    return str(caught.value)


@pytest.mark.parametrize("reader", READERS)
def test_a_missing_file_is_not_found(reader: str, tmp_path: Path) -> None:
    assert refusal(reader, tmp_path / "gone.json").startswith("“gone.json” was not found.")


@pytest.mark.parametrize("reader", READERS)
def test_a_folder_says_what_to_choose_instead(reader: str, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    assert refusal(reader, folder) == f"“exports” is a folder. {READERS[reader][1]}"


@pytest.mark.parametrize("reader", READERS)
def test_a_named_pipe_is_refused_with_what_to_choose(reader: str, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert refusal(reader, pipe) == (
        f"“pipe” is not a regular file (a pipe or a device). {READERS[reader][1]}"
    )


@pytest.mark.parametrize("reader", LIMITED)
def test_a_huge_file_is_refused_before_reading(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(600 * 1_048_576)
    message = refusal(reader, path)
    assert message.startswith("“huge.json” is too large (600.0 MB; the limit is "), message


@pytest.mark.parametrize("reader", READERS)
def test_an_unreadable_file_says_to_check_its_permissions(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(b'{"format": "fact-check-reader", "articles": []}')
    real_open = os.open

    def refuse(name: str | os.PathLike[str], *args: int) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args)

    monkeypatch.setattr(os, "open", refuse)  # as root, chmod 000 would not stop the read
    assert refusal(reader, path).startswith("You do not have permission to read “secret.json”.")
