"""read_file: bytes and origin from disk, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import pipeline
from reader.core.errors import InputError
from reader.importers.files import read_file


def test_reads_bytes_unchanged_with_type_and_origin(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html>\xef\xbb\xbf caf\xc3\xa9</html>")
    raw = read_file(path)
    assert raw.data == b"<html>\xef\xbb\xbf caf\xc3\xa9</html>"
    assert raw.media_type == "text/html"
    assert raw.origin == str(path)
    assert raw.name == "page.html"
    assert raw.url is None


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gone.txt.*not found"):
        read_file(tmp_path / "gone.txt")


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)


def test_huge_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    with pytest.raises(InputError, match="too large"):
        read_file(path)
