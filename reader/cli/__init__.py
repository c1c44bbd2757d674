"""The command line: ``python main.py <command> …``; no command starts the GUI.

This package parses arguments, calls the use cases in :mod:`reader.app` and prints.
Output goes to stdout; errors print one clear line on stderr and exit non-zero:
2 for a usage error, 1 for anything the user can fix (a
:class:`~reader.core.errors.UserError`), 70 for a bug (set ``FACTREADER_DEBUG=1`` or
pass ``--debug`` to see its traceback).

:mod:`~reader.cli.entry` runs a command (or starts the window),
:mod:`~reader.cli.parser` holds the argument table, and one module per topic holds the
``cmd_*`` handlers: :mod:`~reader.cli.articles`, :mod:`~reader.cli.notes`,
:mod:`~reader.cli.exports`, :mod:`~reader.cli.library`, :mod:`~reader.cli.claims`;
:mod:`~reader.cli.common` has what they share.
"""

from __future__ import annotations

from reader.cli.entry import DEBUG_ENV, EXIT_BUG, main, run
from reader.cli.parser import CLAIM_SORTS, COMMANDS, EXPORT_FORMATS, NOTE_ACTIONS, build_parser

__all__ = [
    "CLAIM_SORTS",
    "COMMANDS",
    "DEBUG_ENV",
    "EXIT_BUG",
    "EXPORT_FORMATS",
    "NOTE_ACTIONS",
    "build_parser",
    "main",
    "run",
]
