"""Background work: workers run plain Python; Qt objects are collected on the GUI thread."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject

from reader.ui import tasks
from tests.ui._threads import qt_objects_reachable


@pytest.fixture
def gui_collector(qapp):
    # Its timer needs the application's event dispatcher (another test may not have
    # made the application first).
    collector = tasks.collect_on_gui_thread()
    yield collector
    collector.stop()


@pytest.fixture
def collection_threads():
    """The name of the thread each cyclic collection starts in."""
    names: list[str] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            names.append(threading.current_thread().name)

    gc.callbacks.append(note)
    yield names
    gc.callbacks.remove(note)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_collection_forced_while_a_worker_runs_frees_qt_objects_on_the_gui_thread(
    qtbot, gui_collector, collection_threads
):
    go, allocated, release = threading.Event(), threading.Event(), threading.Event()

    def work(cancel: threading.Event, progress) -> int:
        go.wait(10)
        # Far past the first generation's threshold: with automatic collection on, this
        # worker would run collections itself, and free the Qt garbage below here.
        junk = [_Cycle() for _ in range(20 * gc.get_threshold()[0])]
        allocated.set()
        release.wait(10)
        return len(junk)

    task = tasks.start(tasks.Task(work))
    freed_in: list[str] = []
    garbage = QObject()
    garbage.setObjectName("cyclic garbage")
    cycle = [garbage]
    cycle.append(cycle)
    ref = weakref.ref(garbage, lambda _r: freed_in.append(threading.current_thread().name))
    del garbage, cycle
    go.set()
    qtbot.waitUntil(allocated.is_set, timeout=10000)
    assert ref() is not None  # nothing collected it in the worker
    gc.collect()  # while the worker still runs
    assert ref() is None
    with qtbot.waitSignal(task.finished, timeout=10000) as finished:
        release.set()
    assert finished.args == [20 * gc.get_threshold()[0]]
    main = threading.main_thread().name
    assert freed_in == [main]
    assert set(collection_threads) == {main}


def test_cyclic_garbage_is_collected_by_the_gui_thread_timer(qtbot, gui_collector):
    assert not gc.isenabled()
    ref = weakref.ref(_Cycle())
    _more = [_Cycle() for _ in range(2 * gc.get_threshold()[0])]
    qtbot.waitUntil(lambda: ref() is None, timeout=20000)
    del _more


def test_stopping_the_collector_hands_collection_back(gui_collector):
    gc.enable()
    gui_collector.stop()
    collector = tasks.collect_on_gui_thread()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_a_failure_in_the_worker_arrives_as_failed_on_the_gui_thread(qtbot):
    def work(cancel: threading.Event, progress) -> None:
        progress(1, 2)
        raise OSError("disk gone")

    task = tasks.Task(work)
    seen: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.failed, timeout=20000) as failed:
        tasks.start(task)
    assert isinstance(failed.args[0], OSError)
    assert seen == [(1, 2)]
    assert task.done
    assert tasks.wait_for_workers(1.0)


def test_the_worker_side_of_a_task_holds_no_qt_object():
    holder = QObject()

    def plain(cancel: threading.Event, progress) -> int:
        return 1

    def leaky(cancel: threading.Event, progress) -> str:
        return holder.objectName()

    assert qt_objects_reachable(tasks.Task(plain).job) == []
    assert qt_objects_reachable(tasks.Task(leaky).job) == [holder]


def test_a_result_arriving_after_the_window_closed_is_dropped(qtbot, make_window):
    # An import that ends while the window closes stores its article; redrawing a window
    # that is gone used to raise (and show an error on a deleted window).
    w = make_window()
    release, calls = threading.Event(), []

    def work(cancel: threading.Event, progress) -> str:
        release.wait(10)
        return "stored"

    task = w.runner.run("Working…", work, calls.append)
    quiet = w.runner.start_quietly(work, calls.append, calls.append)
    threading.Timer(0.2, release.set).start()  # the work ends while the window closes
    w.close()
    for t in (task, quiet):
        qtbot.waitUntil(lambda t=t: t.done, timeout=10000)
    qtbot.wait(50)  # the queued finished signals are delivered
    assert calls == []
