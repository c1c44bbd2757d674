"""An export to a device or a named pipe writes into it and leaves it what it was (a
rename over it put a plain file in place of /dev/null)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.core.files import is_stream, write_atomically


def test_a_named_pipe_is_written_into_and_stays_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # The reading end is open before the write (a reader thread could come too late, and
    # a pipe nobody reads is refused at once, as the next test pins); the pipe's buffer
    # holds these few bytes until they are read.
    read_end = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    assert is_stream(pipe)
    write_atomically(pipe, [b"first ", b"second"])
    with os.fdopen(read_end, "rb") as handle:
        assert handle.read() == b"first second"
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_a_named_pipe_nobody_reads_is_an_error_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError) as caught:
        write_atomically(pipe, b"x")
    assert caught.value.errno == 6  # ENXIO: no reader, instead of waiting for one
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a twin of /dev/null
    link = tmp_path / "out.json"
    link.symlink_to(null)
    write_atomically(link, b"[]")
    assert stat.S_ISCHR(null.stat().st_mode) and link.is_symlink()


def test_a_plain_file_or_folder_is_no_stream(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_text("x")
    assert not is_stream(plain) and not is_stream(tmp_path) and not is_stream(tmp_path / "no")
