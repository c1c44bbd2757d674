"""Light, dark and follow-the-system themes, and the verdict colours for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from reader.core.verdicts import BY_KEY

if TYPE_CHECKING:
    from reader.core.worddiff import DiffColours

THEMES = ("system", "light", "dark")
NO_VERDICT_LIGHT = "#e8e4d8"
NO_VERDICT_DARK = "#4a4636"
_custom_palette = False  # True while the dark palette is set on the application
DEFAULT_FONT_PT = 13


@dataclass(frozen=True)
class BannerColours:
    """A note's "changed wording" banner: its box, its text and the diff's words."""

    background: str
    text: str
    removed: str
    added: str

    @property
    def diff(self) -> DiffColours:
        # Imported here: the word diff is not needed until a changed note is shown.
        from reader.core.worddiff import DiffColours

        return DiffColours(removed=self.removed, added=self.added)


# Light: a cream box, the diff in the core's own red and green.  Dark: a dim amber box,
# the red and green lightened so each keeps a WCAG contrast above 4.5 against it
# (tests/ui/test_reworded_banner.py).
LIGHT_BANNER = BannerColours("#fff3e0", "#5d2c00", "#b71c1c", "#1b5e20")
DARK_BANNER = BannerColours("#3b2f1c", "#ffe0b2", "#ff8a80", "#a5d6a7")
# The cleaning bar ("the cleaner is unsure"): its box and its words.  The dark one is
# the changed-wording box's; a cream bar kept the dark theme's light text on it.
CLEANING_BAR_LIGHT = ("#fff4d6", "#3b2f00")
CLEANING_BAR_DARK = (DARK_BANNER.background, DARK_BANNER.text)
# What was refused (a source address): the light red kept a contrast of 2.5 on the dark
# window; each keeps 4.5 or more against its theme's window and base.
ERROR_LIGHT = "#c62828"
ERROR_DARK = "#ff8a80"
# The versions dialog's added and removed sentences: a tint under the palette's text.
LIGHT_SENTENCE_TINTS = ("#c8efc8", "#f8b9b9")
DARK_SENTENCE_TINTS = ("#1f4a2a", "#5a2323")


def palette_is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window (the dark theme, or a
    dark system theme)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(palette: QPalette) -> QColor:
    """The red that says what was refused, readable on ``palette``'s background."""
    return QColor(ERROR_DARK if palette_is_dark(palette) else ERROR_LIGHT)


class ErrorLabel(QLabel):
    """A wrapped line saying what was refused, in the red of the theme shown (a colour
    fixed at construction stayed the light theme's after a switch to dark)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._follow_theme()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_theme()

    def _follow_theme(self) -> None:
        palette = self.palette()
        colour = error_colour(palette)
        if palette.color(QPalette.ColorRole.WindowText) != colour:  # else no end of changes
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


def banner_colours(dark: bool) -> BannerColours:
    return DARK_BANNER if dark else LIGHT_BANNER


@dataclass
class ReaderStyle:
    """How the reader draws an article: text size, line spacing, light or dark."""

    font_pt: int = DEFAULT_FONT_PT
    line_height: int = 150  # percent
    dark: bool = False


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def apply_theme(app: QApplication, theme: str) -> None:
    """Set the application palette for ``theme`` ("system", "light" or "dark").

    The style (Fusion) is set once by :func:`reader.ui.app.make_app`.  The light theme
    is Fusion's own palette, so a light start touches neither style nor palette:
    ``app.style()`` alone costs ~30 ms the first time, as PySide6 then builds the Python
    enums of ``QStyle``, and a palette set after the widgets exist re-polishes them.
    """
    global _custom_palette
    if not is_dark(theme):
        if _custom_palette:
            app.setPalette(app.style().standardPalette())
            _custom_palette = False
        return
    _custom_palette = True
    p = QPalette()
    base, text, window = QColor("#1e1f22"), QColor("#e6e6e6"), QColor("#2b2d30")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, window)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, window)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fb4"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a8a8a"))
    # What is off must look off: set for every group above, a disabled button, menu item
    # or field drew its words as bright as an enabled one's.
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    app.setPalette(p)


def verdict_colour(key: str | None, dark: bool) -> QColor:
    """The tint for a verdict (``None``: a note without a verdict yet)."""
    v = BY_KEY.get(key) if key else None
    if v is None:  # no verdict yet (or one this version does not know)
        return QColor(NO_VERDICT_DARK if dark else NO_VERDICT_LIGHT)
    return QColor(v.dark_colour if dark else v.colour)
