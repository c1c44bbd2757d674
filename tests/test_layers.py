"""The core, store, export and importers never load Qt (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_non_ui_packages_import_no_pyside6():
    code = (
        "import sys, pkgutil, importlib\n"
        "import reader.core, reader.store, reader.export, reader.importers\n"
        "for pkg in (reader.core, reader.store, reader.export, reader.importers):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import reader.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
