"""View → Theme: System, Light or Dark, remembered; System follows the desktop as it changes.

The theme is a palette for the whole application (QApplication.setPalette), built here
from fixed colours, so it looks the same on every platform and offscreen. The dark theme
also switches to the Fusion style: native styles (Windows, macOS) draw many controls from
their own colours and would ignore a dark palette. Span colours over the text stay legible
in both (gui/spanlayer.py lowers a fill's alpha where the text over it would not be).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from gui.features import DockSide, Section
from gui.settings import THEMES, Settings

# (role, active colour, disabled colour or None)
Role = QPalette.ColorRole
_LIGHT: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (Role.Window, "#efefef", None),
    (Role.WindowText, "#000000", "#8a8a8a"),
    (Role.Base, "#ffffff", "#f4f4f4"),
    (Role.AlternateBase, "#f7f7f7", None),
    (Role.ToolTipBase, "#ffffdc", None),
    (Role.ToolTipText, "#000000", None),
    (Role.PlaceholderText, "#767676", None),
    (Role.Text, "#000000", "#8a8a8a"),
    (Role.Button, "#efefef", None),
    (Role.ButtonText, "#000000", "#8a8a8a"),
    (Role.BrightText, "#ffffff", None),
    (Role.Light, "#ffffff", None),
    (Role.Midlight, "#cacaca", None),
    (Role.Mid, "#b8b8b8", None),
    (Role.Dark, "#9f9f9f", None),
    (Role.Shadow, "#767676", None),
    (Role.Highlight, "#308cc6", "#919191"),
    (Role.HighlightedText, "#ffffff", None),
    (Role.Link, "#0000ff", None),
    (Role.LinkVisited, "#ff00ff", None),
)
_DARK: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (Role.Window, "#2b2b2b", None),
    (Role.WindowText, "#e6e6e6", "#7f7f7f"),
    (Role.Base, "#1f1f1f", "#2b2b2b"),
    (Role.AlternateBase, "#272727", None),
    (Role.ToolTipBase, "#3a3a3a", None),
    (Role.ToolTipText, "#f0f0f0", None),
    (Role.PlaceholderText, "#9a9a9a", None),
    (Role.Text, "#e6e6e6", "#7f7f7f"),
    (Role.Button, "#353535", None),
    (Role.ButtonText, "#e6e6e6", "#7f7f7f"),
    (Role.BrightText, "#ff6e6e", None),
    (Role.Light, "#4a4a4a", None),
    (Role.Midlight, "#3e3e3e", None),
    (Role.Mid, "#303030", None),
    (Role.Dark, "#1a1a1a", None),
    (Role.Shadow, "#101010", None),
    (Role.Highlight, "#2f6ea5", "#4a4a4a"),
    (Role.HighlightedText, "#ffffff", None),
    (Role.Link, "#7ab8ff", None),
    (Role.LinkVisited, "#c79bff", None),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Theme", text)


def palette(dark: bool) -> QPalette:
    """The light or dark palette of Bayan's themes."""
    result = QPalette()
    for role, color, disabled in _DARK if dark else _LIGHT:
        result.setColor(role, QColor(color))
        if disabled is not None:
            result.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return result


def is_dark(theme: str, scheme: Qt.ColorScheme) -> bool:
    """Whether `theme` shows dark when the system's colour scheme is `scheme` (Unknown: light)."""
    if theme == "system":
        return scheme == Qt.ColorScheme.Dark
    return theme == "dark"


class ThemeFeature(QObject):
    """View → Theme of one window; the palette it sets is the application's.

    `changed(dark)` says that the widgets have the new palette (span fills are drawn again
    by whoever shows them: the composition root reopens the statement).
    """

    changed = Signal(bool)

    def __init__(self, app: QGuiApplication, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self.settings = settings
        self.window = parent
        self.menu = QMenu(tr("T&heme"), parent)
        group = QActionGroup(self.menu)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        names = {"system": tr("&System"), "light": tr("&Light"), "dark": tr("&Dark")}
        for code in THEMES:
            action = QAction(names[code], self.menu)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            group.addAction(action)
            self.menu.addAction(action)
            self.theme_actions[code] = action
        self.theme_actions[settings.theme()].setChecked(True)
        self.dark = self._palette_is_dark()
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.apply()

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.THEME: [self.menu.menuAction()]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return []

    def theme(self) -> str:
        return self.settings.theme()

    def choose(self, theme: str) -> None:
        """Remember `theme` and show it at once."""
        self.settings.set_theme(theme)
        self.theme_actions[theme].setChecked(True)
        self.apply()

    def apply(self, scheme: Qt.ColorScheme | None = None) -> None:
        """Set the application's palette for the remembered theme and the system's scheme
        (`scheme`, as colorSchemeChanged says it, else as the style hints say it now)."""
        if scheme is None:
            scheme = self.app.styleHints().colorScheme()
        dark = is_dark(self.settings.theme(), scheme)
        if dark and isinstance(self.app, QApplication) and self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")
        self.app.setPalette(palette(dark))
        if dark != self.dark:
            self.dark = dark
            # Widgets receive the new palette through posted events: once they have it,
            # whoever draws with it (span fills) draws again.
            QTimer.singleShot(0, self, lambda: self.changed.emit(dark))

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        # A closed window's feature (its window not deleted yet, as after a language switch)
        # leaves the palette to the window on screen.
        if self.settings.theme() == "system" and self.window.isVisible():
            self.apply(scheme)

    def _palette_is_dark(self) -> bool:
        return self.app.palette().color(QPalette.ColorRole.Base).lightness() < 128
