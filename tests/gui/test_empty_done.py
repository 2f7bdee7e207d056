"""Ctrl+Return on a statement without spans (the schema's done_without_spans), the end of the
list, and undo that goes back to another statement: each says what happened."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.paths import DEFAULT_SCHEMA
from core.schema import parse_schema
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def said(window: Any) -> str:
    return str(window.statusBar().currentMessage())


_pending: list[QTimer] = []


@pytest.fixture(autouse=True)
def _no_answer_outlives_its_test() -> Iterator[None]:
    yield
    while _pending:
        _pending.pop().stop()


def answer(button: str, *, tick: bool = False) -> list[str]:
    """Answer the next question box with `button` (ticking its check box first); its texts are returned."""
    seen: list[str] = []
    timer = QTimer()
    _pending.append(timer)

    def respond() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return  # not asked (yet)
        timer.stop()
        seen.append(box.text())
        check = box.checkBox()
        seen.append(check.text() if check else "")
        if tick and check is not None:
            check.setChecked(True)
        next(b for b in box.buttons() if b.text() == button).click()

    timer.timeout.connect(respond)
    timer.start(10)
    return seen


def done_key(qtbot: Any, window: Any) -> None:
    """Ctrl+Return in the text (the window made active again: a closed question box may leave it not)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Ctrl)


def status(window: Any, seq: int) -> str:
    return str(window.project.status(seq, ANNOTATOR).status)


def test_ask_asks_once_and_can_be_told_not_to_again(window: Any, qtbot: Any, settings: Settings) -> None:
    assert window.project.schema.empty_done == "ask"
    asked = answer("Stay")
    done_key(qtbot, window)
    assert asked == ["This statement has no spans. Mark it done anyway?", "Don't ask again for this project"]
    assert window.current_seq == 1 and status(window, 1) == "todo"
    assert not settings.marks_empty_done_unasked(window.project.path)
    asked = answer("Mark done", tick=True)
    done_key(qtbot, window)
    assert len(asked) == 2
    assert status(window, 1) == "done" and window.current_seq == 2
    assert settings.marks_empty_done_unasked(window.project.path)
    # Remembered for this project: statement 2, empty too, is marked done without a question.
    asked = answer("Stay")
    done_key(qtbot, window)
    assert status(window, 2) == "done" and window.current_seq == 3
    assert asked == []


def test_a_statement_with_spans_is_never_asked_about(window: Any, qtbot: Any) -> None:
    window.add_span("ACTOR", 4, 12)
    asked = answer("Stay")
    done_key(qtbot, window)
    assert asked == [] and status(window, 1) == "done"


def project_with(rule: str, tmp_path: Path) -> Project:
    schema = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
    schema["done_without_spans"] = rule
    project = Project.create(tmp_path / f"{rule}.bayan", parse_schema(schema))
    add_statements(project, ["قال الوزير إن الهجوم مرفوض", "دعت المنظمة إلى التحقيق"], tmp_path)
    return project


@pytest.fixture
def make_window(settings: Settings, qtbot: Any, tmp_path: Path) -> Iterator[Callable[[str], Any]]:
    from gui.main_window import MainWindow

    made: list[tuple[Any, Project]] = []

    def make(rule: str) -> Any:
        project = project_with(rule, tmp_path)
        win = MainWindow(project, settings, ANNOTATOR, check_integrity=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append((win, project))
        return win

    yield make
    for win, project in made:
        win.undo_stack.clear()
        win.close()
        project.close()


def test_allow_marks_done_without_a_word(make_window: Callable[[str], Any], qtbot: Any) -> None:
    window = make_window("allow")
    asked = answer("Stay")
    done_key(qtbot, window)
    assert asked == [] and status(window, 1) == "done" and window.current_seq == 2


def test_refuse_says_why_and_stays(make_window: Callable[[str], Any], qtbot: Any) -> None:
    window = make_window("refuse")
    asked = answer("Mark done")
    done_key(qtbot, window)
    assert asked == [] and status(window, 1) == "todo" and window.current_seq == 1
    assert said(window).startswith("Not marked done: this statement has no spans")
    assert "done_without_spans: refuse" in said(window)
    window.add_span("ACTOR", 4, 10)
    done_key(qtbot, window)
    assert status(window, 1) == "done" and window.current_seq == 2


def test_the_end_of_the_list_says_it_wrapped_then_that_all_is_done(window: Any, qtbot: Any) -> None:
    project = window.project
    for seq in range(1, 11):
        if seq not in (3, 10):
            project.set_status(statement=seq, annotator=ANNOTATOR, status="done")
    window.open_statement(10)
    window.add_span("ACTOR", 0, 3)
    done_key(qtbot, window)
    assert status(window, 10) == "done"
    assert window.current_seq == 3
    assert said(window) == "Wrapped to the first statement not done: 3"
    window.add_span("ACTOR", 0, 3)
    done_key(qtbot, window)
    assert window.current_seq == 3 and status(window, 3) == "done"
    assert said(window) == "Every statement is done. Well done!"


def test_next_not_done_says_it_wrapped(window: Any, qtbot: Any) -> None:
    window.open_statement(9)
    window.project.set_status(statement=10, annotator=ANNOTATOR, status="done")
    window.project.set_status(statement=9, annotator=ANNOTATOR, status="done")
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown, Ctrl)
    assert window.current_seq == 1
    assert said(window) == "Wrapped to the first statement not done: 1"


def test_undo_and_redo_on_another_statement_say_where_they_went(window: Any, qtbot: Any, tmp_path: Path) -> None:
    window.add_span("ACTOR", 4, 12)
    window.open_statement(4)
    window.statusBar().clearMessage()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
    assert window.current_seq == 1 and window.project.spans(1, ANNOTATOR) == []
    assert said(window) == "Undo: back to statement 1 (Add ACTOR)"
    window.open_statement(5)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl | Shift)
    assert window.current_seq == 1 and len(window.project.spans(1, ANNOTATOR)) == 1
    assert said(window) == "Redo: to statement 1 (Add ACTOR)"
    # On the statement of the edit, undo just undoes, without a word about where.
    window.statusBar().clearMessage()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.spans(1, ANNOTATOR) == [] and said(window) == ""
