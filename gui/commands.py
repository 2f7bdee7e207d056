"""Undoable edits. Each command is a pair of store writes, `write()` (do, and redo) and
`unwrite()` (undo), each one transaction.

The EditSession (gui/session.py) calls them and moves the QUndoStack only when the write
succeeded, so the stack only ever holds edits whose effect is on disk: a write refused by
a rule (EditRefused) or by another process's lock (ProjectBusy) leaves the stack as it was.
QUndoStack's own redo()/undo() calls then find the work done and do nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from store.project import DeletedSpan, Project, StoredRelation
from store.review import GoldCopy, remove_gold_copy, restore_gold_copy


class StoreCommand(QUndoCommand):
    """An edit of one statement as two store writes that each command defines.

    `write()` makes (or makes again) the edit and returns False when it changed nothing
    (such an edit stays off the stack); `unwrite()` takes it back.
    """

    write: Callable[[], bool]
    unwrite: Callable[[], None]

    def __init__(self, project: Project, statement: int, text: str) -> None:
        super().__init__(text)
        self.project = project
        self.statement = statement

    # QUndoStack calls these after the session has written: nothing is left to do.
    def redo(self) -> None:
        return None

    def undo(self) -> None:
        return None


class AddSpanCommand(StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, annotator: str, label: str, start: int, end: int, text: str
    ) -> None:
        super().__init__(project, statement, text)
        self.annotator = annotator
        self.label = label
        self.start = start
        self.end = end
        self.span_id: int | None = None
        self.deleted: DeletedSpan | None = None

    def write(self) -> bool:
        if self.deleted is not None:
            # Put back the very row (same id), so later commands that name it still apply.
            self.project.restore_span(self.deleted)
            return True
        added = self.project.add_span(
            statement=self.statement, annotator=self.annotator, label=self.label, start=self.start, end=self.end
        )
        self.span_id = added.id
        return added.created

    def unwrite(self) -> None:
        assert self.span_id is not None
        self.deleted = self.project.delete_span(self.span_id)


class DeleteSpanCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, span_id: int, text: str) -> None:
        super().__init__(project, statement, text)
        self.span_id = span_id
        self.deleted: DeletedSpan | None = None

    def write(self) -> bool:
        self.deleted = self.project.delete_span(self.span_id)
        return self.deleted is not None

    def unwrite(self) -> None:
        if self.deleted is not None:
            self.project.restore_span(self.deleted)


class RelabelSpanCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, span_id: int, old: str, new: str, text: str) -> None:
        super().__init__(project, statement, text)
        self.span_id = span_id
        self.old = old
        self.new = new
        self.removed: tuple[StoredRelation, ...] = ()
        self.old_attrs: dict[str, str] = {}

    def write(self) -> bool:
        # The new label may not define the old one's attributes (stance): keep them for undo.
        span = self.project.span(self.span_id)
        self.old_attrs = dict(span.attrs) if span is not None else {}
        self.removed = self.project.set_span_label(self.span_id, self.new)
        return True

    def unwrite(self) -> None:
        self.project.set_span_label(self.span_id, self.old, restore=self.removed, attrs=self.old_attrs)


class ResizeSpanCommand(StoreCommand):
    """A span's boundaries moved; its label, attributes and relations stay."""

    def __init__(self, project: Project, *, statement: int, span_id: int, new: tuple[int, int], text: str) -> None:
        super().__init__(project, statement, text)
        self.span_id = span_id
        self.new = new
        self.old: tuple[int, int] | None = None

    def write(self) -> bool:
        self.old = self.project.set_span_bounds(self.span_id, *self.new)
        return self.old != self.new

    def unwrite(self) -> None:
        assert self.old is not None
        self.project.set_span_bounds(self.span_id, *self.old)


class SetAttrsCommand(StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, span_id: int, old: dict[str, str], new: dict[str, str], text: str
    ) -> None:
        super().__init__(project, statement, text)
        self.span_id = span_id
        self.old = dict(old)
        self.new = dict(new)

    def write(self) -> bool:
        self.old = self.project.set_span_attrs(self.span_id, self.new)
        return self.old != self.new

    def unwrite(self) -> None:
        self.project.set_span_attrs(self.span_id, self.old)


class AddRelationCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, head: int, tail: int, label: str, text: str) -> None:
        super().__init__(project, statement, text)
        self.head = head
        self.tail = tail
        self.label = label
        self.relation_id: int | None = None

    def write(self) -> bool:
        added = self.project.add_relation(head=self.head, tail=self.tail, label=self.label,
                                          relation_id=self.relation_id)
        self.relation_id = added.id
        return added.created

    def unwrite(self) -> None:
        assert self.relation_id is not None
        self.project.delete_relation(self.relation_id)


class DeleteRelationCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, relation_id: int, text: str) -> None:
        super().__init__(project, statement, text)
        self.relation_id = relation_id
        self.deleted: StoredRelation | None = None

    def write(self) -> bool:
        self.deleted = self.project.delete_relation(self.relation_id)
        return self.deleted is not None

    def unwrite(self) -> None:
        if self.deleted is not None:
            d = self.deleted
            self.project.add_relation(head=d.head, tail=d.tail, label=d.label, relation_id=d.id)


class SetStatusCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, annotator: str, status: str, text: str) -> None:
        super().__init__(project, statement, text)
        self.annotator = annotator
        self.status = status
        self.previous: str | None = None

    def write(self) -> bool:
        self.previous = self.project.set_status(statement=self.statement, annotator=self.annotator, status=self.status)
        return self.previous != self.status

    def unwrite(self) -> None:
        assert self.previous is not None
        self.project.set_status(statement=self.statement, annotator=self.annotator, status=self.previous)


class SetNoteCommand(StoreCommand):
    def __init__(self, project: Project, *, statement: int, annotator: str, note: str, text: str) -> None:
        super().__init__(project, statement, text)
        self.annotator = annotator
        self.note = note
        self.previous: str | None = None

    def write(self) -> bool:
        self.previous = self.project.set_note(statement=self.statement, annotator=self.annotator, note=self.note)
        return self.previous != self.note

    def unwrite(self) -> None:
        assert self.previous is not None
        self.project.set_note(statement=self.statement, annotator=self.annotator, note=self.previous)


class GoldCopyCommand(StoreCommand):
    """Spans (with their attributes and relations) copied into gold by a review action.

    `copy` is the store write that makes the copy the first time (accept a span, a lane,
    what enough annotators agree on); undo removes exactly the rows it created and redo
    puts those back (store/review.py). Annotators' own rows are only ever read.
    """

    def __init__(self, project: Project, *, statement: int, copy: Callable[[], GoldCopy], text: str) -> None:
        super().__init__(project, statement, text)
        self._first = copy
        self.made: GoldCopy | None = None
        self.undone = False

    def write(self) -> bool:
        if self.made is None:
            self.made = self._first()
            return self.made.created
        if self.undone:
            self.made = restore_gold_copy(self.project, self.made)
            self.undone = False
        return True

    def unwrite(self) -> None:
        assert self.made is not None
        remove_gold_copy(self.project, self.made)
        self.undone = True
