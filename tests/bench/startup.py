"""Start-up time and memory: launch to main window shown, against a bare PySide6 window.

Run from the repository root::

    python -m tests.bench.startup                       # empty and large library, 5 runs
    python -m tests.bench.startup --sizes empty --runs 9
    python -m tests.bench.startup --db /tmp/fcr-bench/large.sqlite3 --profile

Each run is a whole process, timed from spawn to exit by the parent:

* ``bare``: imports PySide6, makes a ``QApplication`` and a 1280×800 ``QMainWindow``,
  shows it, processes events once, exits;
* ``app``: does what ``main.py`` does up to the window shown — pauses the cyclic
  garbage collector, imports ``reader.cli``, finds the library's path and checks the
  display as ``reader.cli.main`` does, then calls ``reader.ui.app.show_main_window``
  (the function ``run_gui`` starts with: Qt message handler, ``make_app``,
  ``MainWindow(db, settings)`` with fresh settings (an empty ini file), ``show()``, the
  first paint, the collector resumed) — and exits.  The daily backup that ``run_gui``
  starts after that runs in the background and is left out.

Bare and app runs alternate so both see the same load on a shared machine; the figure
is the median.  Beside the wall time, the parent reports each child's CPU time (user +
system, from ``RUSAGE_CHILDREN``): it leaves out the time a child waited for a core, so it
moves less with the load.  The child reports its phases (imports, then window built and
shown, then closed) and its resident memory (VmRSS) after the window is shown: that is
the memory figure of the issue (< 300 MB with the large library).

One untimed launch of each kind comes first, to warm the file cache.

Targets: ratio ≤ 1.5 with an empty library, ≤ 2 with the large one (10,000 articles,
100,000 notes; ``python -m tests.bench.generate_library`` builds it once).

Findings (``-X importtime``, ``--profile`` and timing single statements in a fresh
process; 2-core machine shared with other jobs, so ms are approximate):

Session 10 (ratio, main's code against this one in the same runs at load 1: 2.19 →
1.49-1.52 with an empty library, 2.63-2.87 → 1.47-1.56 with 10,000 articles; README has
the runs).  Counted, not timed: the modules a launch imports
(``sys.modules``: 60 of ours → 40), the PySide6 classes it names (the module dicts of
QtCore, QtGui and QtWidgets grow as classes are first named: 176 → 121 at the window
shown, 8 for the bare window) and the CPU of each phase (``time.process_time``, medians
of 9 launches, empty library: 301 → 167 ms from launch to the first paint, of which the
imports of ``reader.cli`` and the path 81 → 22, ``reader.ui.main_window`` 49 → 23,
``MainWindow()`` 33 → 18, the first paint's ``processEvents`` 32 → 5; 315 → 202 ms in a
slower moment of the machine).

* The library's claim scoring was started by the window's constructor.  Its worker runs
  Python, so it took the interpreter from the GUI thread during the first paint (the
  paint's ``processEvents``: 5 ms without it, 23-34 ms with it) and imported the radar's modules
  meanwhile; and with 10,000 articles, closing the window at once waited for the
  article being scored (105-160 ms of the bench's "closed").  It starts 1 s after the
  window is up (``ClaimsPane.score_library_after_start``), or with the first library
  change, whichever comes first.
* ``reader.cli.main`` finds the default library through ``app.library_io``, which
  imported the JSON dump, the merge and the export modules (worddiff, anchoring,
  multiprocessing: ~45 ms) on every launch of the window.  The bench did not see it: it
  called ``show_main_window`` with the path.  ``library_path`` now lives in
  ``app/library_file.py`` (``library_io`` re-exports it), the export module is imported
  by the export that needs it, and the bench's child resolves the path as main.py does.
* A QWidget that Qt made (a view's viewport) handed to Python the first time makes
  shiboken resolve its type by walking every QWidget subclass: it built 67 classes
  (QMessageBox, QFileDialog, QCalendarWidget…), ~10 ms.  The list's empty-state hint
  (``ui/empty_state.py``) asked for the viewport at start-up; it is now made the first
  time a filter empties the list.  A Python event handler does the same for QEvent
  subclasses (~40 classes, ~1.5 ms: ``MainWindow.changeEvent``, unavoidable).
* Imported when first used instead of at start-up: the CLI's command handlers
  (``build_parser``), claim types (their patterns, ~5.6 ms), the Seen-before widgets
  (html's entity table, ~3 ms), platformdirs (tempfile, shutil: ~5 ms; only the default
  library's path needs it), concurrent.futures (first task), the note use cases and the
  wording store (~3.5 ms; the start-up check for command-line edits asks the journal
  first), the header's column menu, the note workflow wiring, annotation imports, the
  contextual fill, the address patterns.  Every module also costs PySide6's
  ``__feature__`` check, which reads its source (``inspect.getsource``): ~0.13 ms each,
  11-14 ms for the 85-101 modules imported after PySide6 (all modules are checked).
* Seen before watched the window's events from start-up (~140 Python calls before the
  first paint); it watches from when its section is built.
* PySide6's enums, counted by wrapping ``enum.EnumType._create_``: 199 built at start-up
  (~42 ms; the bare window builds 37, ~15 ms, QLocale's above all), 179 now.
  ``QStyle``'s (11 enums, ~6 ms) were built for ``FitComboBox.sizeHint``, which asked
  the style for the longest item's size: it now adds the difference in content to Qt's
  own hint (Fusion's combo box adds the same margins to any width; a test holds it
  equal to the style's answer to the pixel, 840 cases checked; with no minimum length
  it still asks the style).  ``QTimer.singleShot`` with a context object named
  ``QMetaMethod`` (a QTimer object does not).  The native size policies were tried
  instead and differ by 1-20 px (the icon's room, ink against advance widths).
* Still paid beyond the bare window, measured and left: the ``Qt`` namespace's enums
  (14.6 ms, ``Key`` alone 4.4; any Python model's ``headerData``/``sort`` needs them),
  ``QEvent``'s and the ~40 event classes a Python ``changeEvent`` makes shiboken build
  (~4 ms), the font database's first use (~6 ms: the bare window draws no text),
  dataclass creation (17 classes, 8-12 ms: each compiles its methods with ``exec``),
  sqlite3/json/datetime and the store (~12 ms), the library panel (8 ms CPU), 55 menu
  actions (~3 ms: not worth filling menus on ``aboutToShow``, shortcuts need them made),
  ``QIcon`` for the window icon (1.6 ms; setting it after the first paint would show the
  window without it for a moment).  perf: Qt's own C++ is ~4 % of a launch's samples,
  libpython ~66 %.

Earlier sessions:

* Imports were most of the difference with the bare window.  ``sqlite_utils`` cost
  ~170 ms (it loads click, dateutil, pluggy and numpy when installed): the Library now
  uses its sqlite3 connection directly and imports sqlite-utils only to apply a
  pending migration (``reader/store/schema.py``).  ``uuid`` (~8 ms, via platform),
  ``hashlib`` (~5 ms, OpenSSL) and ``html`` (~4 ms, its entity table) are imported
  where they are used.
* PySide6 builds the Python enums of a class the first time the class is named.  A
  bare window names three classes; the ``Qt`` namespace alone is ~28 ms (hundreds of
  enums; the PYSIDE6_OPTION_PYTHON_ENUM flags change nothing) and cannot be avoided by
  a real window.  ``QStyle`` is ~30 ms: ``app.style()`` or ``app.setStyle()`` after the
  fact paid it, and re-polished every widget — Fusion is now a ``-style`` argument of
  ``QApplication`` and a light start touches neither style nor palette.  Dialog
  classes (QMessageBox, QFileDialog, QInputDialog) and event types (QDropEvent ~4 ms)
  are named where they are used.
* The reader view and the notes panel (their modules, the text classes they name and
  their widgets: ~70 ms) are not part of start-up: ``run_gui`` builds them 250 ms after
  the window is shown, when the event loop is idle (not timed here: it is after the
  window is up), and they are put on screen with the first article; until then the
  notes column shows a one-line hint.
* Python's cyclic garbage collector is paused from the first import until the first
  paint (main.py, ``show_main_window``): start-up allocates tens of thousands of
  long-lived objects, PySide6's enums above all, and the collections this triggered
  cost ~100 ms, sometimes in the middle of ``from PySide6.QtCore import Qt`` (24 ms
  or 45-55 ms from one launch to the next).
* Turning sorting on sorted the list by the header's default column (the title),
  calling ``data()`` from Python ~4,500 times (~40 ms with 256 rows); the indicator is
  now set first, and "newest import first" keeps the order the library returns
  (``LibraryModel.sort``: the order is a query, and the default needs none).  Pages are 128 rows.
* Still paid beyond the bare window: the ``Qt`` enums, our modules' dataclasses
  (~15 ms), sqlite3/json/datetime (~8 ms), building the library panel, menus and 39
  actions (~15 ms), the first page of rows with the large library (~10 ms), and a
  larger first paint.
* Memory: ~75 MB after show with the large library (one page of rows loaded).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench._common import (
    CACHE_DIR,
    DEFAULT_LARGE_DB,
    REPO_ROOT,
    Report,
    use_offscreen_qt,
)


def child(kind: str, db: str, settings_path: str, profile: str) -> int:
    """One launch, in this process; prints a JSON line of phases and memory."""
    use_offscreen_qt()
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def mark(name: str) -> None:
        phases[name] = round((time.perf_counter() - started) * 1000, 1)

    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        mark("imported")
        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.resize(1280, 800)
        mark("built")
        window.show()
        app.processEvents()
        mark("shown")
    else:

        def launch() -> object:
            # What main.py does: the collector paused, reader.cli imported, then the
            # GUI branch of reader.cli.main up to the window on screen.
            import gc

            gc.disable()
            from PySide6.QtCore import QSettings

            import reader.cli  # noqa: F401
            from reader.cli.common import db_path
            from reader.ui.app import show_main_window
            from reader.ui.display import missing_display

            # reader.cli.main's GUI branch before the window: the library's path (the
            # default one's module imported the JSON dump, ~30 ms, until session 10) and
            # the display check.
            path = db_path(argparse.Namespace(db=db))
            assert not missing_display(os.environ)
            mark("imported")
            window = show_main_window(path, QSettings(settings_path, QSettings.Format.IniFormat))
            assert window is not None
            mark("shown")
            phases["rows_loaded"] = window.library_model.rowCount()
            phases["articles"] = window.library_model._total
            return window

        # The window is kept alive until exit, as a real one is.
        alive: list[object] = []
        if profile:
            from tests.bench._common import profile_to_file

            text = profile_to_file(lambda: alive.append(launch()), Path(profile), top=30)
            print(text, file=sys.stderr)
        else:
            alive.append(launch())
    from tests.bench._common import rss_mb

    phases["rss_mb"] = round(rss_mb(), 1)
    if kind == "app":
        # Quit as a user does: closing the window cancels its background work (the
        # library's claims are scored after start-up); without it the process would
        # wait at exit for that work to end.
        from PySide6.QtWidgets import QApplication

        for window in alive:
            window.close()  # type: ignore[attr-defined]
        QApplication.processEvents()
    mark("closed")
    print(json.dumps(phases), flush=True)
    return 0


def launch_once(kind: str, db: Path, profile: str = "") -> tuple[float, dict[str, float]]:
    """Spawn one child; returns (wall ms from spawn to exit, the child's report).

    The report also holds ``cpu_ms``: the child's user + system CPU time, from spawn
    to exit.  It counts only the work the child did, not the time it waited for a core,
    so it moves less than the wall time when the machine is busy.
    """
    with tempfile.TemporaryDirectory(prefix="fcr-startup-") as tmp:
        settings = Path(tmp) / "settings.ini"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=tmp,
        )
        cmd = [
            sys.executable,
            "-m",
            "tests.bench.startup",
            "--child",
            kind,
            "--db",
            str(db),
            "--settings",
            str(settings),
        ]
        if profile:
            cmd += ["--profile-out", profile]
        cpu_before = _children_cpu_s()
        started = time.perf_counter()
        done = subprocess.run(
            cmd, check=False, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        wall = (time.perf_counter() - started) * 1000
        cpu = (_children_cpu_s() - cpu_before) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{kind} launch failed:\n{done.stderr[-3000:]}")
    if profile:
        print(done.stderr)
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    report = json.loads(last)
    report["cpu_ms"] = cpu
    return wall, report


def _children_cpu_s() -> float:
    """User + system CPU seconds of this process's children that have exited."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(
    label: str, db: Path, runs: int, report: Report, max_ratio: float, check_memory: bool
) -> None:
    """Alternate bare and app launches; add the medians to ``report``."""
    first_wall, _ = launch_once("app", db)  # warms the file cache
    launch_once("bare", db)
    bare_walls, app_walls, app_reports, bare_reports = [], [], [], []
    for _ in range(runs):
        wall, rep = launch_once("bare", db)
        bare_walls.append(wall)
        bare_reports.append(rep)
        wall, rep = launch_once("app", db)
        app_walls.append(wall)
        app_reports.append(rep)
    bare = statistics.median(bare_walls)
    ours = statistics.median(app_walls)
    report.add(
        f"start-up, {label}", ours, bare, baseline_name="bare QMainWindow", max_ratio=max_ratio
    )
    report.add(
        f"CPU time (user+sys), {label}",
        statistics.median(r["cpu_ms"] for r in app_reports),
        statistics.median(r["cpu_ms"] for r in bare_reports),
        baseline_name="bare QMainWindow",
    )
    bare_rss = [r["rss_mb"] for r in bare_reports]
    for kind, reps in (("app", app_reports), ("bare", bare_reports)):
        shown = statistics.median(r["shown"] - r["imported"] for r in reps)
        imported = statistics.median(r["imported"] for r in reps)
        closed = statistics.median(r["closed"] - r["shown"] for r in reps)
        report.notes.append(
            f"{label}, {kind}: in the child, imports {imported:.0f} ms, then window built "
            f"and shown {shown:.0f} ms, then closed {closed:.0f} ms"
        )
    report.notes.append(
        f"{label}: list rows loaded {app_reports[-1]['rows_loaded']:.0f} of "
        f"{app_reports[-1]['articles']:.0f}; first, cold launch {first_wall:.0f} ms"
    )
    rss = statistics.median(r["rss_mb"] for r in app_reports)
    report.add(
        f"memory after show, {label}",
        rss,
        statistics.median(bare_rss),
        baseline_name="bare QMainWindow",
        unit="MB",
        limit=300 if check_memory else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up time against a bare PySide6 window.")
    parser.add_argument("--sizes", default="empty,large", help="comma-separated: empty, large")
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_LARGE_DB, help="the large library (built if missing)"
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile one app launch on the large library and exit",
    )
    parser.add_argument("--child", choices=("bare", "app"), help=argparse.SUPPRESS)
    parser.add_argument("--settings", default="", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, str(args.db), args.settings, args.profile_out)
    if args.profile:
        from tests.bench.generate_library import ensure_library

        ensure_library(args.db, args.articles, args.notes)
        launch_once("app", args.db, str(CACHE_DIR / "startup.prof"))
        return 0

    # An installed app runs from cached bytecode; this machine sets
    # PYTHONDONTWRITEBYTECODE, so without this every launch would compile our modules
    # from source (site-packages were compiled by pip at install time).
    import compileall

    compileall.compile_dir(str(REPO_ROOT / "reader"), quiet=1)
    report = Report("Start-up (whole process, spawn to exit, median)")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="fcr-empty-") as tmp:
        if "empty" in sizes:
            measure(
                "empty library",
                Path(tmp) / "empty.sqlite3",
                args.runs,
                report,
                1.5,
                check_memory=False,
            )
        if "large" in sizes:
            from tests.bench.generate_library import ensure_library

            info = ensure_library(args.db, args.articles, args.notes)
            measure(
                f"{info['articles']:,} articles / {info['notes']:,} notes",
                args.db,
                args.runs,
                report,
                2.0,
                check_memory=True,
            )
    report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
