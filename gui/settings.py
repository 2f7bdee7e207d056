"""The user's preferences (QSettings), passed into the widgets that need them; never a global."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

# How many recently opened projects File → Recent projects lists.
MAX_RECENT = 8
DEFAULT_ZOOM = 0
MIN_ZOOM, MAX_ZOOM = -6, 20
# View → Theme: follow the system's colour scheme, or always light, or always dark.
THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"


class Settings:
    """Typed access to Bayan's QSettings.

    Tests pass a QSettings on an ini file in tmp_path, so no test reads or writes the
    user's real preferences.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings("Bayan", "Bayan")

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in the ini file `path` (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def value(self, key: str, default: object = None) -> object:
        return self.qsettings.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        # No sync() here: QSettings writes back from the event loop, and a sync per
        # change would put a file write (tens of ms) on the window's opening path.
        self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()

    # ------------------------------------------------------------ annotator

    def annotator(self) -> str:
        value = self.qsettings.value("annotator", "")
        return str(value or "").strip()

    def set_annotator(self, name: str) -> None:
        self.set_value("annotator", name.strip())

    # ------------------------------------------------------ recent projects

    def recent_projects(self) -> list[Path]:
        value = self.qsettings.value("recent_projects", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        items = value if isinstance(value, list | tuple) else []
        return [Path(str(v)) for v in items if str(v)]

    def add_recent_project(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [p for p in self.recent_projects() if p != path]
        self.set_value("recent_projects", [str(p) for p in [path, *items][:MAX_RECENT]])

    # ----------------------------------------------------------------- zoom

    def zoom(self) -> int:
        try:
            return max(MIN_ZOOM, min(MAX_ZOOM, int(str(self.qsettings.value("zoom", DEFAULT_ZOOM)))))
        except ValueError:
            return DEFAULT_ZOOM

    def set_zoom(self, steps: int) -> None:
        self.set_value("zoom", max(MIN_ZOOM, min(MAX_ZOOM, steps)))

    # ---------------------------------------------------------------- theme

    def theme(self) -> str:
        value = str(self.qsettings.value("ui/theme", DEFAULT_THEME) or DEFAULT_THEME)
        return value if value in THEMES else DEFAULT_THEME

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        self.set_value("ui/theme", theme)

    # ------------------------------------------------------------- geometry

    def window_state(self) -> tuple[object, object]:
        return self.qsettings.value("window/geometry"), self.qsettings.value("window/state")

    def set_window_state(self, geometry: object, state: object) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
