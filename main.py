"""Fact-Check Reader: ``python main.py`` opens the window, ``main.py COMMAND`` runs the CLI."""

from __future__ import annotations

import gc
import sys

# Paused from the first import until the window is shown (see reader.cli.main).
gc.disable()

from reader.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
