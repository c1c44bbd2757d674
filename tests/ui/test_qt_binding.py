"""The Qt binding we install survives long sessions (a refcount bug once aborted it)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_many_void_qt_calls_do_not_abort_the_interpreter():
    code = (
        "import PySide6.QtCore as C\n"
        "o = C.QObject()\n"
        "for _ in range(50000):\n"
        "    o.setObjectName('x')\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.strip() == "ok"
