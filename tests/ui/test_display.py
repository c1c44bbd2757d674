"""Without a display, the app explains itself instead of letting Qt abort."""

from __future__ import annotations

from reader.ui.display import NO_DISPLAY_MESSAGE, missing_display


def test_linux_without_display_or_platform_is_reported():
    assert missing_display({}, "linux") == NO_DISPLAY_MESSAGE


def test_display_wayland_or_explicit_platform_is_enough():
    assert missing_display({"DISPLAY": ":0"}, "linux") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_windows_and_macos_never_need_a_display_variable():
    assert missing_display({}, "win32") is None
    assert missing_display({}, "darwin") is None
