"""The edit session of one annotator on one project: the undo stack and the rule that it
only ever holds edits whose effect is on disk.

Every edit, undo and redo goes through `push`, `undo` and `redo` here. Each first writes
to the store (one transaction, gui/commands.py) and moves the QUndoStack only when the
write went through. A write that another process's lock keeps out (ProjectBusy, after a
short wait, so the window never freezes) or that a rule refuses (EditRefused) changes
nothing, on disk or on screen; `failed` tells the window, which shows it and can offer
to try again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from core.errors import EditRefused, ProjectBusy, WriteFailed
from gui.commands import StoreCommand
from store.project import Project

# How long an edit waits for another process's write transaction before it is reported as
# busy: longer than a colleague's edit or a batch of the search index takes (tens of ms),
# short enough that a key press never feels stuck.
EDIT_WAIT_SECONDS = 0.5

Retry = Callable[[], bool]


def tr(text: str) -> str:
    return QCoreApplication.translate("EditSession", text)


class EditSession(QObject):
    """Edits of `annotator` on `project`; `changed(seq)` after every write that went through."""

    changed = Signal(int)
    # (message, retry): retry is set when trying again later may work (the project was busy).
    failed = Signal(str, object)
    succeeded = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.project = project
        project.set_busy_timeout(EDIT_WAIT_SECONDS)

    def set_project(self, project: Project) -> None:
        self.stack.clear()
        self.project = project
        project.set_busy_timeout(EDIT_WAIT_SECONDS)

    def _attempt(self, write: Callable[[], object], retry: Retry) -> bool:
        try:
            write()
        except ProjectBusy:
            self.failed.emit(
                tr("The project is busy: another program is writing to it (an import or a merge?). "
                   "Your edit was not saved and is not shown."),
                retry,
            )
            return False
        except WriteFailed as exc:  # disk full, an I/O error: nothing was written
            self.failed.emit(
                tr("Your edit could not be saved and is not shown: {0}").replace("{0}", str(exc)), retry
            )
            return False
        except EditRefused as exc:
            self.failed.emit(tr("Not done: {0}").replace("{0}", str(exc)), None)
            return False
        return True

    def push(self, command: StoreCommand) -> bool:
        """Write the edit and put it on the stack; False when it failed or changed nothing."""
        result: list[bool] = []
        if not self._attempt(lambda: result.append(command.write()), lambda: self.push(command)):
            return False
        self.succeeded.emit()
        if result[0]:
            self.stack.push(command)  # QUndoStack calls command.redo(): nothing left to do
            self.changed.emit(command.statement)
        return result[0]

    def undo(self) -> bool:
        if not self.stack.canUndo():
            return False
        command = self.stack.command(self.stack.index() - 1)
        assert isinstance(command, StoreCommand)
        if not self._attempt(command.unwrite, self.undo):
            return False
        self.succeeded.emit()
        self.stack.undo()
        self.changed.emit(command.statement)
        return True

    def redo(self) -> bool:
        if not self.stack.canRedo():
            return False
        command = self.stack.command(self.stack.index())
        assert isinstance(command, StoreCommand)
        if not self._attempt(command.write, self.redo):
            return False
        self.succeeded.emit()
        self.stack.redo()
        self.changed.emit(command.statement)
        return True

    def clear(self) -> None:
        self.stack.clear()

    def actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo and Redo actions, named and enabled by the stack, that go through the session."""
        undo = self.stack.createUndoAction(parent, tr("&Undo"))
        redo = self.stack.createRedoAction(parent, tr("&Redo"))
        for action, step in ((undo, self.undo), (redo, self.redo)):
            action.triggered.disconnect()  # Qt's own connection would move the stack without writing
            action.triggered.connect(step)
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        return undo, redo
