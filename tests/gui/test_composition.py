"""One composition root: features are placed and wired from gui/app.py, never patched onto the
window, and the gui modules import each other without a cycle."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR

GUI = Path(__file__).resolve().parents[2] / "gui"


def run_time_imports(path: Path) -> set[str]:
    """The gui.* modules `path` imports when it runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for inner in node.body for child in ast.walk(inner))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gui."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("gui."))
    return found


def test_gui_modules_import_each_other_without_a_cycle() -> None:
    graph = {f"gui.{p.stem}": run_time_imports(p) for p in GUI.glob("*.py")}
    assert "gui.app" not in graph["gui.main_window"]
    assert all("gui.app" not in imports for name, imports in graph.items() if name != "gui.app")

    def cycle_from(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        for imported in sorted(graph.get(module, ())):
            found = cycle_from(imported, [*path, module])
            if found:
                return found
        return None

    cycles = [c for c in (cycle_from(m, []) for m in sorted(graph)) if c]
    assert cycles == []


def test_composing_features_sets_no_attribute_on_the_window(
    seeded: Project, settings: Settings, qtbot: Any, qapp: Any
) -> None:
    from gui.app import compose
    from gui.i18n import UiLanguage
    from gui.main_window import MainWindow

    bare = MainWindow(seeded, settings, ANNOTATOR, check_integrity=False)
    qtbot.addWidget(bare)
    composed = compose(seeded, settings, ANNOTATOR, language=UiLanguage(qapp, settings), check_integrity=False)
    qtbot.addWidget(composed.window)
    assert set(vars(composed.window)) == set(vars(bare))
    # What the features added is reachable through the window's typed sections and docks.
    assert composed.search.dock.parent() is composed.window
    assert composed.window.dockWidgetArea(composed.search.dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_changing_annotator_switches_every_piece(workbench: Any, qtbot: Any) -> None:
    window = workbench.window
    project: Project = window.project
    project.set_status(statement=1, annotator="hana", status="done")
    window.add_span("ACTOR", 0, 3)
    window.time_tracker.min_write_seconds = 1000.0  # a glance: pending when the annotator changes
    qtbot.wait(30)
    window.set_annotator("hana")
    assert project.status(1, ANNOTATOR).seconds > 0  # written to the one who spent it
    assert window.undo_stack.count() == 0
    assert window.current_seq == 2  # hana's first statement not done
    assert window.list_model.index(0, window.list_model.STATUS).data() == "✓"
    assert window.editor.spans == []  # amal's span is not hana's
    assert "hana" in window.annotator_label.text()
    assert workbench.search.panel.filters()["annotator"] == "hana"
    assert Settings(window.settings.qsettings).annotator() == "hana"
    window.settings.set_marks_empty_done_unasked(project.path)  # hana's statement 2 has no spans: no question
    window.mark_done_and_next()
    assert project.status(2, "hana").status == "done" and project.status(2, ANNOTATOR).status == "todo"


def test_an_import_reloads_the_window_through_the_root(workbench: Any, qtbot: Any, tmp_path: Path) -> None:
    window = workbench.window
    source = tmp_path / "more.txt"
    source.write_text("بيان مستورد\n", encoding="utf-8")
    workbench.transfer.start_import([source])
    qtbot.waitUntil(lambda: not workbench.transfer.busy(), timeout=20_000)
    assert window.list_model.rowCount() == 11
    assert "/ 11" in window.position_label.text()
