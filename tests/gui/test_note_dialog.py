"""The note dialog: Ctrl+Return saves, Tab leaves the text, Arabic is right-aligned as typed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from gui.i18n import UiLanguage
from gui.panels import NoteDialog
from gui.settings import Settings
from tests.gui.conftest import ANNOTATOR

Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot: Any) -> NoteDialog:
    note = NoteDialog("")
    qtbot.addWidget(note)
    note.show()
    qtbot.waitExposed(note)
    return note


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_return_saves(dialog: NoteDialog, qtbot: Any, key: Qt.Key) -> None:
    qtbot.keyClicks(dialog.edit, "first line")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # Return alone: a new line
    qtbot.keyClicks(dialog.edit, "second")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.edit, key, Ctrl)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.note() == "first line\nsecond"


def test_tab_moves_the_focus_instead_of_typing_a_tab(dialog: NoteDialog, qtbot: Any) -> None:
    dialog.edit.setFocus()
    qtbot.keyClicks(dialog.edit, "doubt")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.edit.toPlainText()
    focused = QApplication.focusWidget()
    assert focused is not dialog.edit
    assert isinstance(focused.parent(), QDialogButtonBox)


def alignment(dialog: NoteDialog) -> Qt.AlignmentFlag:
    sides = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight
    return dialog.edit.document().defaultTextOption().alignment() & sides


def test_the_text_direction_follows_what_is_typed(dialog: NoteDialog, qtbot: Any) -> None:
    assert not dialog.right_to_left()  # empty, English UI
    # QTest types ASCII only: Arabic goes in as an input method would, at the cursor.
    dialog.edit.insertPlainText("هل هذا فاعل؟")
    assert dialog.right_to_left()
    assert alignment(dialog) == Qt.AlignmentFlag.AlignRight
    # Laid out from the right edge: the cursor, after the last letter, is on the right half...
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Home)
    assert dialog.edit.cursorRect().x() > dialog.edit.viewport().width() / 2
    dialog.edit.selectAll()
    qtbot.keyClicks(dialog.edit, "is this an actor?")
    assert not dialog.right_to_left()
    assert alignment(dialog) == Qt.AlignmentFlag.AlignLeft


@pytest.fixture
def arabic(qapp: QApplication, settings: Settings) -> Iterator[None]:
    ui = UiLanguage(qapp, settings)
    ui.apply("ar")
    yield
    ui.apply("en")


def test_an_empty_note_in_the_arabic_ui_is_right_to_left(arabic: None, qtbot: Any) -> None:
    note = NoteDialog("")
    qtbot.addWidget(note)
    assert note.right_to_left() and alignment(note) == Qt.AlignmentFlag.AlignRight
    note.edit.setPlainText("123")  # no letters: still the UI's direction
    assert note.right_to_left()
    note.edit.setPlainText("note")
    assert not note.right_to_left()


def when_note_dialog_opens(act: Any) -> None:
    """Run `act(dialog)` once the note dialog is up (it runs its own event loop); give up after 5 s."""
    tries = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # Active: its shortcuts (Ctrl+Return) work only in the active window.
        if isinstance(dialog, NoteDialog) and dialog.isVisible() and dialog.isActiveWindow():
            act(dialog)
        elif tries[0] < 500:
            tries[0] += 1
            QTimer.singleShot(10, poll)
        elif dialog is not None:
            dialog.close()  # never hang the suite on a dialog that went wrong

    QTimer.singleShot(0, poll)


def test_ctrl_n_then_ctrl_return_stores_the_note(window: Any, qtbot: Any) -> None:
    def type_and_save(dialog: NoteDialog) -> None:
        dialog.edit.insertPlainText("ملاحظة للمراجع")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Ctrl)

    when_note_dialog_opens(type_and_save)
    qtbot.keyClick(window.editor, Qt.Key.Key_N, Ctrl)
    assert window.project.status(1, ANNOTATOR).note == "ملاحظة للمراجع"
    assert window.current_seq == 1  # Ctrl+Return saved the note; it did not mark the statement done
    assert window.project.status(1, ANNOTATOR).status == "todo"
