"""Running the command line: global options before the command, a command's exit
code, one line for an error, and no command starting the window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli.common import AFTER_SUCCESS, db_path, print_notes_after_success
from reader.cli.parser import COMMANDS, NOTE_ACTIONS, Parser, build_parser
from reader.core.errors import UserError

log = logging.getLogger(__name__)

# Options every command takes, accepted before the command too.
GLOBAL_VALUE_OPTIONS = ("--db",)
GLOBAL_FLAGS = ("--debug",)
EXIT_BUG = 70  # EX_SOFTWARE: an internal error
DEBUG_ENV = "FACTREADER_DEBUG"


def run(argv: Sequence[str]) -> int:
    """Run one command; returns the exit code."""
    argv = list(argv)
    if argv[:1] == ["note"] and not set(argv[1:]) & {*NOTE_ACTIONS, "-h", "--help"}:
        argv.insert(1, "add")  # the first form: note ARTICLE N --verdict KEY
    parser = build_parser()
    args = parser.parse_args(argv)
    AFTER_SUCCESS.clear()
    try:
        code = int(args.func(args))
        print_notes_after_success()
        return code
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:
        # A bug: one line for the user, the traceback for whoever debugs it.
        log.debug("bug", exc_info=True)
        if getattr(args, "debug", False) or os.environ.get(DEBUG_ENV):
            raise
        print(
            f"bug: {type(exc).__name__}: {exc} (this is a fault of Fact-Check Reader, not "
            f"yours; run again with --debug or {DEBUG_ENV}=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_BUG


def _own_records(record: logging.LogRecord) -> bool:
    """Only our own warnings reach stderr: a library's (trafilatura's "discarding
    data: None") is noise beside the one-line message the user gets; --debug shows all."""
    return record.name == "reader" or record.name.startswith("reader.")


def _command_first(argv: list[str]) -> list[str] | None:
    """``argv`` with the command first, or None when it names no command.

    Global options may come before the command (``main.py --db lib import FILE``, as
    most command lines allow); they are moved after it, where the command's parser
    reads them.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_VALUE_OPTIONS:
            i += 2
        elif arg in GLOBAL_FLAGS or arg.startswith(tuple(o + "=" for o in GLOBAL_VALUE_OPTIONS)):
            i += 1
        else:
            break
    if i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1 :]]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: a command runs the CLI; anything else starts the GUI.

    Output piped into a reader that stops early (``main.py --help | head``) ends
    quietly with 0, as other command-line tools do, instead of a traceback.

    The GUI starts with Python's cyclic garbage collector paused (main.py pauses it
    before its first import): start-up creates tens of thousands of objects that live
    as long as the app, PySide6's enums above all, and collections triggered meanwhile
    cost ~100 ms of a ~300 ms start.  ``show_main_window`` resumes it.
    """
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    """The reader of our output has gone: what is still buffered goes nowhere (Python
    would otherwise report the failed flush at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (an embedding host, a test)
        pass


def _main(argv: list[str]) -> int:
    command_argv = _command_first(argv)
    if command_argv is not None or argv[:1] in (["-h"], ["--help"]):
        gc.enable()
    else:
        gc.disable()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not ({"--debug"} & set(argv) or os.environ.get(DEBUG_ENV)):
        for handler in logging.getLogger().handlers:
            handler.addFilter(_own_records)
    if command_argv is not None:
        return run(command_argv)
    if argv and argv[0] in ("-h", "--help"):
        build_parser().print_help()
        print("\nWithout a command: main.py [--db PATH] [FILE ...] opens the window.")
        return 0
    gui = Parser(prog="main.py", description="Open the Fact-Check Reader window.")
    gui.add_argument("--db", help="the library file")
    gui.add_argument("--debug", action="store_true", help="show the traceback of a bug")
    gui.add_argument("files", nargs="*", metavar="FILE")
    args = gui.parse_args(argv)
    for name in args.files:
        if name in COMMANDS and not Path(name).exists():
            # "main.py FILE import": a command where a file belongs would open the window
            # with nothing to show (or hang without a display).
            print(
                f"error: '{name}' is a command, not a file; put it first: "
                f"main.py {name} … (see main.py --help)",
                file=sys.stderr,
            )
            return 2
    from reader.ui.display import missing_display

    no_display = missing_display(os.environ)
    if no_display:
        print(f"error: {no_display}", file=sys.stderr)
        return 2
    from reader.ui.app import run_gui

    return run_gui(db_path(args), [Path(f) for f in args.files])
