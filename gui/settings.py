"""The user's preferences (QSettings), passed into the widgets that need them; never a global."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSettings

# How many recently opened projects File → Recent projects lists.
MAX_RECENT = 8
DEFAULT_ZOOM = 0
MIN_ZOOM, MAX_ZOOM = -6, 20
# View → Theme: follow the system's colour scheme, or always light, or always dark.
THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"
# What the search panel shows (gui/search.py), kept while the application runs so that a
# window rebuilt in another language shows the same search.
SEARCH_STATE_KEYS = ("query", "status", "label", "visible")


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

    # ------------------------------------------- statements without spans

    def marks_empty_done_unasked(self, project: Path) -> bool:
        """Whether Ctrl+Return marks a statement without spans of `project` done without asking
        (the annotator ticked "don't ask again for this project")."""
        return str(Path(project).resolve()) in self._paths("done_without_spans/unasked")

    def set_marks_empty_done_unasked(self, project: Path) -> None:
        paths = self._paths("done_without_spans/unasked")
        key = str(Path(project).resolve())
        if key not in paths:
            self.set_value("done_without_spans/unasked", [*paths, key])

    def _paths(self, key: str) -> list[str]:
        value = self.qsettings.value(key, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in value if str(v)] if isinstance(value, list | tuple) else []

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

    # --------------------------------------------------------------- search

    def search_state(self) -> dict[str, str]:
        """The search panel's query, filters and visibility ("1"), as last recorded."""
        return {key: str(self.qsettings.value(f"search/{key}", "") or "") for key in SEARCH_STATE_KEYS}

    def set_search_state(self, state: Mapping[str, str]) -> None:
        for key in SEARCH_STATE_KEYS:
            if key in state:
                self.set_value(f"search/{key}", state[key])

    def clear_search_state(self) -> None:
        """A new run of the application starts without the last run's search."""
        self.qsettings.remove("search")
