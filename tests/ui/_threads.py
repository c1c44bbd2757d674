"""What a background job can reach: the threading rule, checked in tests."""

from __future__ import annotations

import gc
import types

from shiboken6 import Shiboken


def qt_objects_reachable(root: object, limit: int = 20000) -> list[object]:
    """The Qt wrappers reachable from ``root`` through closures, defaults and attributes.

    Module globals, modules and classes are not followed: a function names the Qt
    classes it uses without holding any Qt object.
    """
    found: list[object] = []
    seen: set[int] = set()
    stack = [root]
    while stack and len(seen) < limit:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, Shiboken.Object):
            found.append(obj)
            continue
        if isinstance(obj, (types.ModuleType, type)):
            continue
        if isinstance(obj, types.FunctionType):
            stack.extend(c.cell_contents for c in obj.__closure__ or () if _filled(c))
            stack.extend(obj.__defaults__ or ())
            stack.extend((obj.__kwdefaults__ or {}).values())
            continue
        stack.extend(gc.get_referents(obj))
    return found


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


def background_idle() -> bool:
    """Whether every job started on the worker pool has ended and been delivered: the
    window's own background work (claim scoring, claims loading) no longer holds a worker."""
    from reader.ui import tasks

    return tasks._deliverer is None or not tasks._deliverer.pending
