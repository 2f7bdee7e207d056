"""The annotator's progress: a bar "done / total", spans per label, the name in the title."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressBar

from gui.app import compose
from gui.i18n import UiLanguage
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR

Ctrl = Qt.KeyboardModifier.ControlModifier


def test_the_status_bar_shows_progress_and_counts_after_each_edit(workbench: Any, qtbot: Any) -> None:
    window = workbench.window
    bar = window.progress.bar
    assert isinstance(bar, QProgressBar)
    assert window.statusBar().isAncestorOf(bar)
    assert bar.text() == "0 / 10" and bar.value() == 0 and bar.maximum() == 10
    assert window.progress.counts.text() == "ACTOR 0 · CLAIM 0"

    window.editor.select_text(0, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_A)
    assert window.progress.counts.text() == "ACTOR 1 · CLAIM 0"
    window.editor.select_text(4, 20)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)
    assert window.progress.counts.text() == "ACTOR 1 · CLAIM 1"

    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Ctrl)  # done, and on to the next
    assert window.project.status(1, ANNOTATOR).status == "done"
    assert bar.text() == "1 / 10" and bar.value() == 1

    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)  # undo: not done again
    assert bar.text() == "0 / 10"


def test_the_title_names_project_and_annotator(workbench: Any) -> None:
    window = workbench.window
    assert window.windowTitle() == f"Bayan — {window.project.name} — {ANNOTATOR}"
    window.set_annotator("hana")
    assert window.windowTitle() == f"Bayan — {window.project.name} — hana"
    assert window.progress.counts.text() == "ACTOR 0 · CLAIM 0"  # hana has no spans


def test_large_counts_are_grouped(workbench: Any) -> None:
    window = workbench.window
    window.progress.show_progress(1_204, 1_000_000, {"ACTOR": 1_204, "CLAIM": 1_190}, window.project.schema)
    assert window.progress.bar.text() == "1,204 / 1,000,000"
    assert window.progress.counts.text() == "ACTOR 1,204 · CLAIM 1,190"


@pytest.fixture
def arabic(qapp: QApplication, settings: Settings) -> Iterator[None]:
    ui = UiLanguage(qapp, settings)
    ui.apply("ar")
    yield
    ui.apply("en")


def test_counts_by_display_name_in_arabic(arabic: None, seeded: Project, settings: Settings, qtbot: Any) -> None:
    window = compose(seeded, settings, ANNOTATOR, check_integrity=False).window
    qtbot.addWidget(window)
    window.show()
    window.editor.select_text(0, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_A)
    assert window.progress.counts.text() == "فاعل 1 · ادعاء 0"
    assert window.windowTitle() == f"بيان — {seeded.name} — {ANNOTATOR}"
    window.undo_stack.clear()
    window.close()
