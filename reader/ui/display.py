"""Whether a window can be shown at all, checked before Qt is loaded.

Without a display, Qt's ``xcb`` platform plugin aborts the whole process with a core
dump, so ``python main.py`` on a server or in a plain SSH session would crash instead of
explaining itself.  This module imports no Qt, so the CLI can ask first.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

NO_DISPLAY_MESSAGE = (
    "No display found, so the window cannot open. Use the command line "
    "(python main.py --help), or set QT_QPA_PLATFORM (for example to offscreen)."
)


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The one-line reason a window cannot open here, or None when it can.

    Only X11/Wayland systems need a display server named in the environment; Windows and
    macOS always have their own platform plugin.  An explicit ``QT_QPA_PLATFORM`` is the
    user's choice and is trusted.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE
