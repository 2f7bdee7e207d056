"""GUI fixtures: a seeded project, isolated settings, and the composed main window on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.formats.registry import READERS
from core.paths import SEED_STATEMENTS
from store.importer import import_records
from store.project import Project

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from gui.app import Workbench
    from gui.main_window import MainWindow
    from gui.settings import Settings

ANNOTATOR = "amal"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    from gui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def seeded(project: Project) -> Project:
    with SEED_STATEMENTS.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(SEED_STATEMENTS)), file=str(SEED_STATEMENTS))
    return project


def add_statements(project: Project, texts: list[str], tmp_path: Path) -> None:
    source = tmp_path / "more.txt"
    source.write_text("\n".join(texts) + "\n", encoding="utf-8")
    with source.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(source)), file=str(source))


@pytest.fixture
def workbench(seeded: Project, settings: Settings, qtbot: QtBot) -> Iterator[Workbench]:
    """The window as the application builds it (gui/app.py), with its features."""
    from gui.app import compose

    bench = compose(seeded, settings, ANNOTATOR, check_integrity=False)
    win = bench.window
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.editor.setFocus()
    yield bench
    win.undo_stack.clear()


@pytest.fixture
def window(workbench: Workbench) -> MainWindow:
    return workbench.window


@pytest.fixture(autouse=True)
def _no_window_left_running() -> Iterator[None]:
    """Fail a test that leaves a main window running (set up first, so checked last).

    A window nobody closed keeps its time-flush timer, which would fire in a later test
    and write to a project that test closed long ago.
    """
    yield
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    app = QApplication.instance()
    if app is None:
        return
    app.processEvents()
    running = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.time_tracker.is_running()
    ]
    for w in running:
        w.close()
    assert not running, f"{len(running)} main window(s) left open by the test"
