"""Starting the application: the window run() opens, on the first statement not done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR


def test_run_opens_the_window_and_returns_when_it_closes(seeded: Project, settings: Settings, qtbot: Any) -> None:
    from gui.app import run
    from gui.main_window import MainWindow

    seeded.set_status(statement=1, annotator=ANNOTATOR, status="done")
    name = seeded.name
    seen: dict[str, Any] = {}

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["seq"] = [w.current_seq for w in windows]
        for w in windows:
            w.close()

    QTimer.singleShot(300, look_then_close)
    assert run(seeded, annotator=ANNOTATOR, settings=settings) == 0
    assert seen["seq"] == [2]
    assert "Bayan" in seen["titles"][0] and name in seen["titles"][0]
    assert Settings(settings.qsettings).annotator() == ANNOTATOR
