"""The edit session of one annotator on one project: who edits, what, and the undo stack,
with the rule that the stack only ever holds edits whose effect is on disk.

Every edit, undo and redo goes through `push`, `undo` and `redo` here. Each first writes
to the store (one transaction, gui/commands.py) and moves the QUndoStack only when the
write went through. A write that another process's lock keeps out (ProjectBusy, after a
short wait, so the window never freezes) or that a rule refuses (EditRefused) changes
nothing, on disk or on screen; `failed` tells the window, which shows it and can offer
to try again.

The session owns the project and the annotator it edits for; the annotator's window uses
one for its annotator, a review mode one for `gold`. Switching either clears the undo
history (its commands belong to the other project or annotator): `aboutToSwitch` lets the
session's companions write what they hold first (the time tracker), then
`projectChanged` or `annotatorChanged` says what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from core.errors import EditRefused, ProjectBusy, WriteFailed
from gui.commands import (
    AddRelationCommand,
    AddSpanCommand,
    DeleteRelationCommand,
    DeleteSpanCommand,
    RelabelSpanCommand,
    ResizeSpanCommand,
    SetAttrsCommand,
    SetNoteCommand,
    SetStatusCommand,
    StoreCommand,
)
from store.project import DeletedSpan, Project

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
    # (undo: True, redo: False; the statement; the command's text), just before `changed`.
    stepped = Signal(bool, int, str)
    # (message, retry): retry is set when trying again later may work (the project was busy).
    failed = Signal(str, object)
    succeeded = Signal()
    aboutToSwitch = Signal()  # the project or the annotator is about to change
    projectChanged = Signal(object)  # the new Project
    annotatorChanged = Signal(str)

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._project = project
        self._annotator = annotator
        project.set_busy_timeout(EDIT_WAIT_SECONDS)

    @property
    def project(self) -> Project:
        return self._project

    @property
    def annotator(self) -> str:
        return self._annotator

    def set_project(self, project: Project) -> None:
        """Edit `project` from now on; the caller closes the previous one (after this returns)."""
        self.aboutToSwitch.emit()
        self.stack.clear()
        self._project = project
        project.set_busy_timeout(EDIT_WAIT_SECONDS)
        self.projectChanged.emit(project)

    def set_annotator(self, annotator: str) -> None:
        if annotator == self._annotator:
            return
        self.aboutToSwitch.emit()
        self.stack.clear()
        self._annotator = annotator
        self.annotatorChanged.emit(annotator)

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
        self.stepped.emit(True, command.statement, command.text())
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
        self.stepped.emit(False, command.statement, command.text())
        self.changed.emit(command.statement)
        return True

    def clear(self) -> None:
        self.stack.clear()

    # ------------------------------------------------- the annotator's edits

    def add_span(self, seq: int, label: str, start: int, end: int) -> int | None:
        """Label [start, end) of statement `seq`; the span's id, or None when nothing was written."""
        command = AddSpanCommand(
            self._project, statement=seq, annotator=self._annotator, label=label, start=start, end=end,
            text=tr("Add {0}").replace("{0}", label),
        )
        self.push(command)
        return command.span_id

    def relabel_span(self, seq: int, span_id: int, old: str, new: str) -> RelabelSpanCommand | None:
        """The command when the relabel is on disk (its `removed` relations and `old_attrs` say what went)."""
        command = RelabelSpanCommand(
            self._project, statement=seq, span_id=span_id, old=old, new=new,
            text=tr("Relabel as {0}").replace("{0}", new),
        )
        return command if self.push(command) else None

    def resize_span(self, seq: int, span_id: int, start: int, end: int) -> bool:
        return self.push(ResizeSpanCommand(
            self._project, statement=seq, span_id=span_id, new=(start, end), text=tr("Move the span's boundaries"),
        ))

    def delete_span(self, seq: int, span_id: int) -> DeletedSpan | None:
        """What was deleted (the span and its relations) when it is on disk."""
        command = DeleteSpanCommand(self._project, statement=seq, span_id=span_id, text=tr("Delete span"))
        return command.deleted if self.push(command) else None

    def set_attrs(self, seq: int, span_id: int, old: dict[str, str], new: dict[str, str]) -> bool:
        return self.push(SetAttrsCommand(
            self._project, statement=seq, span_id=span_id, old=old, new=new, text=tr("Set attributes"),
        ))

    def add_relation(self, seq: int, head: int, tail: int, label: str) -> bool:
        return self.push(AddRelationCommand(
            self._project, statement=seq, head=head, tail=tail, label=label,
            text=tr("Link {0}").replace("{0}", label),
        ))

    def delete_relation(self, seq: int, relation_id: int) -> bool:
        return self.push(DeleteRelationCommand(
            self._project, statement=seq, relation_id=relation_id, text=tr("Delete relation"),
        ))

    def set_status(self, seq: int, status: str) -> bool:
        """Set the statement's status; True when it is on disk (also when it already was)."""
        if self._project.status(seq, self._annotator).status == status:
            return True
        text = {"done": tr("Mark done"), "skipped": tr("Mark skipped")}.get(status) or tr("Mark to do")
        return self.push(SetStatusCommand(
            self._project, statement=seq, annotator=self._annotator, status=status, text=text,
        ))

    def set_note(self, seq: int, note: str) -> bool:
        return self.push(SetNoteCommand(
            self._project, statement=seq, annotator=self._annotator, note=note, text=tr("Edit note"),
        ))

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
