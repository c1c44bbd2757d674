"""Issue 19, items 1-5, through the command line: the user's files are never damaged."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Harbour Bridge Closes for a Year\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferry services will run every twenty minutes while the work goes on.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, str]:
    db = str(tmp_path / "lib.sqlite3")
    source = tmp_path / "bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = run(capsys, "import", "--db", db, str(source))[1].strip()
    assert run(capsys, "note", "--db", db, aid, "2", "--verdict", "false")[0] == 0
    return db, aid


# -- 1: atomic ---------------------------------------------------------------------------


def _big_user_file(capsys: pytest.CaptureFixture[str], db: str, aid: str, path: Path) -> bytes:
    assert run(capsys, "export", "--db", db, aid, "--out", str(path))[0] == 0
    user_text = "".join(f"My own line {i} about the bridge.\n" for i in range(20_000))
    path.write_bytes(path.read_bytes() + user_text.encode())
    return path.read_bytes()


def test_markdown_re_export_on_a_full_disk_leaves_the_file_whole(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, aid = library
    path = tmp_path / "notes.md"
    before = _big_user_file(capsys, db, aid, path)
    assert run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")[0] == 0
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.core.files.os.write", half_then_full)
    code, _, err = run(capsys, "export", "--db", db, aid, "--out", str(path))
    assert code == 1 and "disk is full" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt", "lib.sqlite3", "notes.md"]


_KILL_MID_WRITE = """
import os, signal, sys
real_write = os.write
def write_half_and_die(fd, data):
    real_write(fd, bytes(data[: len(data) // 2]))
    os.kill(os.getpid(), signal.SIGKILL)
os.write = write_half_and_die
from reader.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_killed_mid_write_leaves_the_old_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str], fmt: str
) -> None:
    db, aid = library
    path = tmp_path / f"out.{fmt}"
    if fmt == "md":
        before = _big_user_file(capsys, db, aid, path)
    else:
        assert (
            run(capsys, "export", "--db", db, aid, "--format", "json", "--out", str(path))[0] == 0
        )
        before = path.read_bytes()
    assert run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")[0] == 0
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_MID_WRITE, "export", "--db", db, aid, "--format", fmt,
         "--out", str(path)],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before


def test_every_export_is_flushed_to_disk_before_it_replaces_the_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    library: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, aid = library
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        "reader.core.files.os.fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1]
    )
    for fmt, name in [("md", "a.md"), ("json", "a.json"), ("annotations", "a.jsonld")]:
        synced.clear()
        code, _, err = run(capsys, "export", "--db", db, aid, "--format", fmt,
                           "--out", str(tmp_path / name))  # fmt: skip
        assert code == 0, err
        assert synced, fmt


# -- 2: JSON formats do not overwrite a file we did not write ----------------------------


@pytest.mark.parametrize("fmt", ["json", "claimreview", "annotations"])
def test_json_exports_refuse_to_overwrite_a_users_file_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str], fmt: str
) -> None:
    db, aid = library
    path = tmp_path / "thesis.json"
    path.write_text('{"chapter": 1, "text": "my own work"}\n', encoding="utf-8")
    args = ["export", "--db", db, aid, "--format", fmt, "--author", "Desk", "--out", str(path)]
    code, _, err = run(capsys, *args)
    assert code == 1 and "not written by Fact-Check Reader" in err and "--force" in err
    assert path.read_text(encoding="utf-8") == '{"chapter": 1, "text": "my own work"}\n'

    assert run(capsys, *args, "--force")[0] == 0
    assert "my own work" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "claimreview", "annotations"])
def test_json_exports_replace_their_own_earlier_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str], fmt: str
) -> None:
    db, aid = library
    path = tmp_path / "export.json"
    args = ["export", "--db", db, aid, "--format", fmt, "--author", "Desk", "--out", str(path)]
    assert run(capsys, *args)[0] == 0
    assert (
        run(capsys, "note", "--db", db, aid, "3", "--verdict", "true", "--status", "done")[0] == 0
    )
    code, _, err = run(capsys, *args)
    assert code == 0, err
    assert json.loads(path.read_text(encoding="utf-8"))


def test_a_markdown_export_is_not_replaced_by_a_json_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str]
) -> None:
    db, aid = library
    path = tmp_path / "notes.md"
    before = _big_user_file(capsys, db, aid, path)
    code, _, _ = run(capsys, "export", "--db", db, aid, "--format", "json", "--out", str(path))
    assert code == 1 and path.read_bytes() == before


# -- 3: line endings ---------------------------------------------------------------------


def test_re_export_keeps_the_users_bytes_and_line_endings_exactly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str]
) -> None:
    db, aid = library
    path = tmp_path / "notes.md"
    assert run(capsys, "export", "--db", db, aid, "--out", str(path))[0] == 0
    ours = path.read_bytes().replace(b"\n", b"\r\n")
    above, below = b"Intro written on Windows\r\n\r\n", b"\r\nTail\r\nmixed\nend\rcr-only"
    begin = ours.index(b"<!-- fact-check-reader:begin")
    path.write_bytes(ours[:begin] + above + ours[begin:] + below)
    assert run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")[0] == 0

    assert run(capsys, "export", "--db", db, aid, "--out", str(path))[0] == 0

    def outside_and_block(data: bytes) -> tuple[bytes, bytes, bytes]:
        start = data.index(b"<!-- fact-check-reader:begin")
        end = data.index(b"-->", data.index(b"<!-- fact-check-reader:end")) + 3
        return data[:start], data[start:end], data[end:]

    head_before, _, tail_before = outside_and_block(ours[:begin] + above + ours[begin:] + below)
    head, block, tail = outside_and_block(path.read_bytes())
    assert tail == tail_before and tail.endswith(below)
    # Above the block only our front-matter values may change (the export time).
    strip_time = re.compile(rb'exported: "[^"]*"')
    assert strip_time.sub(b"", head) == strip_time.sub(b"", head_before)
    assert head.endswith(above)
    assert b"True" in block and block.count(b"\n") == block.count(b"\r\n") > 5


# -- 4: marker-like text -----------------------------------------------------------------


def test_a_title_with_marker_text_does_not_add_a_second_front_matter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    source = tmp_path / "odd.txt"
    source.write_text(
        ARTICLE.replace(
            "Harbour Bridge Closes for a Year", "Bridge <!-- fact-check-reader: closes"
        ),
        encoding="utf-8",
    )
    aid = run(capsys, "import", "--db", db, str(source))[1].strip()
    path = tmp_path / "notes.md"
    assert run(capsys, "export", "--db", db, aid, "--out", str(path))[0] == 0
    path.write_text("My own words above.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):
        code, _, err = run(capsys, "export", "--db", db, aid, "--out", str(path))
        assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.count("\nid: ") == 1 and text.startswith("My own words above.")
    assert text.count("<!-- fact-check-reader:") == 2  # our two markers, nothing else


# -- 5: symbolic links -------------------------------------------------------------------


def test_folder_export_writes_through_a_symlinked_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str]
) -> None:
    db, aid = library
    folder = tmp_path / "vault"
    assert run(capsys, "export", "--db", db, "--all", "--out", str(folder))[0] == 0
    (exported,) = folder.iterdir()
    elsewhere = tmp_path / "synced" / exported.name
    elsewhere.parent.mkdir()
    exported.rename(elsewhere)
    exported.symlink_to(elsewhere)
    assert run(capsys, "note", "--db", db, aid, "3", "--verdict", "true")[0] == 0

    code, _, err = run(capsys, "export", "--db", db, "--all", "--out", str(folder))

    assert code == 0, err
    assert exported.is_symlink() and exported.resolve() == elsewhere
    assert "True" in elsewhere.read_text(encoding="utf-8")


def test_marker_text_of_the_real_article_in_every_field_is_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: tuple[str, str]
) -> None:
    db, aid = library
    end = f"<!-- fact-check-reader:end {aid} -->"
    begin = f"<!-- fact-check-reader:begin {aid} -->"
    code, _, err = run(
        capsys, "note", "--db", db, aid, "3", "--verdict", "true", "--conclusion", end,
        "--body", f"{end}\n\n{begin}\n\n```\n{end}\n```", "--tag", begin,
        "--source", "https://example.org/x", "--source-title", end,
    )  # fmt: skip
    assert code == 0, err
    path = tmp_path / "notes.md"
    for fmt in ("md", "annotated"):
        assert run(capsys, "export", "--db", db, aid, "--format", fmt, "--out", str(path))[0] == 0
        path.write_text("Mine above.\n\n" + path.read_text(encoding="utf-8") + "\nMine below.\n")
        for _ in range(2):
            code, _, err = run(
                capsys, "export", "--db", db, aid, "--format", fmt, "--out", str(path)
            )
            assert code == 0, err
        text = path.read_text(encoding="utf-8")
        # The end marker carries the section's hash after the id.
        assert text.count(begin) == 1 and text.count(end.removesuffix(" -->")) == 1, fmt
        assert text.count("\nid: ") == 1
        assert text.startswith("Mine above.") and text.endswith("Mine below.\n")
        path.unlink()
