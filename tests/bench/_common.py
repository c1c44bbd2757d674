"""Shared helpers of the speed benchmarks: timing by median, a printed table, RSS.

Every benchmark prints our figure beside a baseline measured in the same run and the
ratio of the two.  The machines these run on are shared and noisy, so one timing means
little: each figure is the median of several runs, and the ratio to a baseline taken
moments apart is what should hold from one machine to the next.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("FCR_BENCH_CACHE", "/tmp/fcr-bench"))
DEFAULT_LARGE_DB = CACHE_DIR / "large.sqlite3"


def use_offscreen_qt() -> None:
    """Make Qt draw off screen unless the caller chose a platform; call before Qt imports."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def guard_none_refcount() -> None:
    """Work around PySide6 6.12.0 on Python 3.11: each void Qt call drops a ref to None.

    Every call of a PySide6 method that returns ``void`` (``QTimer.stop()``,
    ``QPoint.setX()``, ``QTextEdit.setExtraSelections()`` …) decrements the reference
    count of ``None`` once without having incremented it; after a few thousand calls
    CPython aborts with "Fatal Python error: none_dealloc".  Python 3.12 made ``None``
    immortal, so the bug only kills older interpreters.  Benchmarks click thousands of
    times, so they raise ``None``'s count far out of reach first.  A no-op where the
    bug is absent (the count only grows).
    """
    import ctypes

    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def time_ms(action: Callable[[], object]) -> float:
    """Wall time of one call of ``action``, in milliseconds."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def median_ms(
    action: Callable[[], object],
    runs: int,
    *,
    warmup: int = 1,
    before: Callable[[], object] | None = None,
) -> float:
    """Median wall time of ``action`` over ``runs`` calls, after ``warmup`` untimed ones.

    ``before`` runs untimed ahead of every call (to reset state between runs).
    """
    for _ in range(warmup):
        if before is not None:
            before()
        action()
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        samples.append(time_ms(action))
    return statistics.median(samples)


def percentile(values: Iterable[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[rank]


def rss_mb() -> float:
    """Resident memory of this process in MB, from ``/proc/self/status`` (VmRSS)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


@dataclass
class Row:
    """One line of a report: what was measured, ours, the baseline, and the target."""

    what: str
    ours: float
    baseline: float | None = None
    baseline_name: str = ""
    unit: str = "ms"
    target: str = ""
    passed: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline


@dataclass
class Report:
    """A table of rows, printed at the end of a benchmark."""

    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        what: str,
        ours: float,
        baseline: float | None = None,
        *,
        baseline_name: str = "",
        unit: str = "ms",
        limit: float | None = None,
        max_ratio: float | None = None,
    ) -> Row:
        """Add a row; ``limit`` (absolute, in ``unit``) and ``max_ratio`` set the target."""
        targets = []
        passed: bool | None = None
        if limit is not None:
            targets.append(f"< {limit:g} {unit}")
            passed = ours < limit
        row = Row(what, ours, baseline, baseline_name, unit)
        if max_ratio is not None and row.ratio is not None:
            targets.append(f"ratio ≤ {max_ratio:g}")
            passed = (passed is not False) and row.ratio <= max_ratio
        row.target = ", ".join(targets)
        row.passed = passed
        self.rows.append(row)
        return row

    def print(self, out: object = None) -> None:
        stream = out or sys.stdout
        width = max([len(r.what) for r in self.rows] + [20])
        bwidth = max([len(r.baseline_name) for r in self.rows] + [8])
        print(f"\n== {self.title} ==", file=stream)  # type: ignore[arg-type]
        head = (
            f"{'measure':{width}}  {'ours':>10}  {'baseline':{bwidth}}  {'base':>10}"
            f"  {'ratio':>6}  {'target':18} ok"
        )
        print(head, file=stream)  # type: ignore[arg-type]
        for r in self.rows:
            base = "" if r.baseline is None else _fmt(r.baseline, r.unit)
            ratio = "" if r.ratio is None else f"{r.ratio:6.2f}"
            ok = {True: "yes", False: "NO", None: ""}[r.passed]
            print(
                f"{r.what:{width}}  {_fmt(r.ours, r.unit):>10}  {r.baseline_name:{bwidth}}"
                f"  {base:>10}  {ratio:>6}  {r.target:18} {ok}",
                file=stream,
            )  # type: ignore[arg-type]
        for note in self.notes:
            print(f"  {note}", file=stream)  # type: ignore[arg-type]


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def profile_to_file(action: Callable[[], object], path: Path, top: int = 25) -> str:
    """Run ``action`` under cProfile; write the stats to ``path``; return the top lines."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        action()
    finally:
        profiler.disable()
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(path))
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
    return buffer.getvalue()
