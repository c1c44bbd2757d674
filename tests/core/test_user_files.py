"""Reading a file the user named: one set of checks, one wording, whatever the reader."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.files import open_user_file, read_user_file

WHAT = "a tab-separated (TSV) file"


def refusal(path: Path, max_bytes: int = 1000) -> str:
    with pytest.raises(InputError) as caught:
        read_user_file(path, what=WHAT, max_bytes=max_bytes)
    return str(caught.value)


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv"
    path.write_bytes(b"id\ttext\n")
    assert read_user_file(path, what=WHAT, max_bytes=8) == b"id\ttext\n"


def test_a_missing_file_is_named_and_not_found(tmp_path: Path) -> None:
    assert refusal(tmp_path / "gone.tsv").startswith("“gone.tsv” was not found.")
    assert "was not found" in refusal(tmp_path / "gone.tsv" / "below")


def test_a_folder_says_what_to_choose(tmp_path: Path) -> None:
    assert refusal(tmp_path) == f"“{tmp_path.name}” is a folder. Choose {WHAT}."


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert refusal(pipe) == f"“pipe” is not a regular file (a pipe or a device). Choose {WHAT}."


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.tsv"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(3 * 1_048_576 + 1)
    message = refusal(path, max_bytes=2 * 1_048_576)
    assert (
        message
        == "“big.tsv” is too large (3.0 MB; the limit is 2 MB). Split it into smaller files."
    )


def test_the_advice_for_a_large_file_is_the_callers(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match=r"limit is 0 MB\)\. Paste just the article\.$"):
        read_user_file(path, what=WHAT, max_bytes=10, too_large="Paste just the article.")


def test_a_file_that_grows_past_the_limit_after_the_check_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.tsv"
    path.write_bytes(b"x" * 110)
    real_fstat = os.fstat

    def as_when_checked(descriptor: int) -> os.stat_result:
        st = list(real_fstat(descriptor))
        st[6] = 10  # st_size: the file was small when it was checked
        return os.stat_result(st)

    monkeypatch.setattr(os, "fstat", as_when_checked)
    assert "“growing.tsv” is too large" in refusal(path, max_bytes=50)


def test_an_unreadable_file_says_to_check_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.tsv"
    path.write_bytes(b"x")
    real_open = os.open

    def refuse(name: str | os.PathLike[str], *args: int) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args)

    monkeypatch.setattr(os, "open", refuse)  # as root, chmod 000 would not stop the read
    assert refusal(path).startswith("You do not have permission to read “secret.tsv”.")


def test_a_read_error_midway_is_one_line_naming_the_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "remote.tsv"
    path.write_bytes(b"x")
    handle = open_user_file(path, what=WHAT)

    class Failing:
        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            handle.close()

        def read(self, size: int) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("reader.core.files.open_user_file", lambda *a, **k: Failing())
    assert refusal(path).startswith("“remote.tsv” could not be read (Input/output error).")


def test_open_user_file_streams_without_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"{}")
    with open_user_file(path, what="a JSON export file") as handle:
        assert handle.read() == b"{}"
