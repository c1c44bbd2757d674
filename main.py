"""Fact-Check Reader: ``python main.py`` opens the window; ``python main.py COMMAND`` runs the CLI."""

from __future__ import annotations

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
