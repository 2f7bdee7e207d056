"""The window never blocks and never lies: an edit another process keeps out, or a rule
refuses, is not shown, says why, and never leaves a command on the undo stack."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from store.project import Project
from tests.gui.conftest import ANNOTATOR

# Holds the project's write lock until told to stop (an import or merge of a large file).
LOCKER = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "c.execute('ROLLBACK')\n"
)


@pytest.fixture
def locker(seeded: Project) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(seeded.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "locked\n"
    yield process
    release(process)


def release(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.close()
        process.wait(timeout=30)


def stored_spans(project: Project, seq: int) -> list[tuple[str, int, int]]:
    return [(s.label, s.start, s.end) for s in project.spans(seq, ANNOTATOR)]


def label_first_word(window: Any, qtbot: Any) -> None:
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_A)


def test_a_label_key_while_another_process_writes_is_refused_quickly_and_can_be_retried(
    window: Any, qtbot: Any, locker: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    label_first_word(window, qtbot)
    assert time.monotonic() - started < 5  # not the 60 s busy wait of a command-line writer
    assert window.banner.isVisible()
    assert "busy" in window.banner.message.text() and window.banner.retry_button.isVisible()
    assert stored_spans(window.project, 1) == [] and window.editor.spans == []
    assert window.undo_stack.count() == 0
    window.undo_action.trigger()  # nothing to undo, and no phantom command to trip over
    assert window.undo_stack.count() == 0

    release(locker)
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    assert [label for label, _, _ in stored_spans(window.project, 1)] == ["ACTOR"]
    assert len(window.editor.spans) == 1
    assert window.undo_stack.count() == 1
    assert not window.banner.isVisible()


def test_undo_while_busy_keeps_the_stack_and_the_span(window: Any, qtbot: Any, seeded: Project) -> None:
    label_first_word(window, qtbot)
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 1
    process = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(seeded.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "locked\n"
        window.undo_action.trigger()
        assert window.undo_stack.index() == 1  # the span is still on disk, so still undoable
        assert len(stored_spans(seeded, 1)) == 1 and len(window.editor.spans) == 1
        assert window.banner.isVisible()
    finally:
        release(process)
    window.undo_action.trigger()
    assert window.undo_stack.index() == 0 and stored_spans(seeded, 1) == []
    window.redo_action.trigger()
    assert window.undo_stack.index() == 1 and len(stored_spans(seeded, 1)) == 1


def test_marking_done_while_busy_stays_on_the_statement(
    window: Any, qtbot: Any, locker: subprocess.Popen[str]
) -> None:
    window.settings.set_marks_empty_done_unasked(window.project.path)  # no spans: no question, straight to the write
    window.mark_done_and_next()
    assert window.current_seq == 1
    assert window.project.status(1, ANNOTATOR).status == "todo"
    assert window.banner.isVisible()


def test_a_refused_relabel_leaves_no_phantom_command(window: Any, qtbot: Any, seeded: Project) -> None:
    window.add_span("ACTOR", 0, 3)
    window.add_span("CLAIM", 0, 3)
    claim = next(s for s in window.editor.spans if s.label == "CLAIM")
    assert window.undo_stack.count() == 2
    window.relabel_span(claim.id, "ACTOR")  # the annotator already has an ACTOR there
    assert window.undo_stack.count() == 2
    assert "Not done" in window.banner.message.text() and not window.banner.retry_button.isVisible()
    assert sorted(stored_spans(seeded, 1)) == [("ACTOR", 0, 3), ("CLAIM", 0, 3)]
    window.undo_action.trigger()  # undoes the CLAIM, not a phantom relabel
    assert stored_spans(seeded, 1) == [("ACTOR", 0, 3)]


def test_an_edit_that_changes_nothing_stays_off_the_stack(window: Any, seeded: Project) -> None:
    window.add_span("ACTOR", 0, 3)
    span = window.editor.spans[0]
    window.delete_span(span.id)
    window.add_span("ACTOR", 0, 3)
    count = window.undo_stack.count()
    # Deleted by another process meanwhile: deleting it here changes nothing.
    other = Project.open(seeded.path)
    try:
        other.delete_span(window.editor.spans[0].id)
    finally:
        other.close()
    window.delete_span(window.editor.spans[0].id)
    assert window.undo_stack.count() == count


def test_time_spent_while_busy_is_kept_for_the_next_flush(
    window: Any, locker: subprocess.Popen[str], seeded: Project
) -> None:
    from gui.time_tracker import TimeTracker

    now = [100.0]
    tracker = TimeTracker(window.session, window, clock=lambda: now[0])
    tracker.set_statement(1)
    now[0] += 12.0
    tracker.flush()
    assert tracker.pending(1) == 12.0
    release(locker)
    tracker.flush()
    assert tracker.pending(1) == 0
    assert seeded.status(1, ANNOTATOR).seconds == 12.0
    tracker.stop()


def test_a_full_disk_refuses_the_edit_visibly_and_loses_nothing(window: Any, qtbot: Any, seeded: Project) -> None:
    window.add_span("ACTOR", 0, 3)
    # SQLite answers "database or disk is full" once the file may grow no more pages.
    pages = seeded.conn.execute("PRAGMA page_count").fetchone()[0]
    seeded.conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "ملاحظة طويلة " * 2000  # needs new pages
    window.set_note(big)
    assert window.banner.isVisible() and "could not be saved" in window.banner.message.text()
    assert window.project.status(1, ANNOTATOR).note == ""
    assert window.undo_stack.count() == 1  # only the span, which is on disk
    seeded.conn.execute("PRAGMA max_page_count = 1073741823")
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    assert window.project.status(1, ANNOTATOR).note == big
    assert window.undo_stack.count() == 2 and not window.banner.isVisible()
