"""Undoable edits. Each command's redo() and undo() call one store operation, so every
edit, undo and redo is committed to the project file the moment it happens.

`changed(seq)` is called after each redo/undo with the statement it touched; the main
window uses it to show that statement and refresh the views (undo works across statements).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from store.project import DeletedSpan, Project, StoredRelation

Changed = Callable[[int], None]


class _StoreCommand(QUndoCommand):
    def __init__(self, project: Project, statement: int, changed: Changed, text: str) -> None:
        super().__init__(text)
        self.project = project
        self.statement = statement
        self.changed = changed


class AddSpanCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, annotator: str, label: str, start: int, end: int,
        changed: Changed, text: str,
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.annotator = annotator
        self.label = label
        self.start = start
        self.end = end
        self.span_id: int | None = None
        self.deleted: DeletedSpan | None = None

    def redo(self) -> None:
        if self.deleted is None:
            self.span_id = self.project.add_span(
                statement=self.statement, annotator=self.annotator, label=self.label, start=self.start, end=self.end
            )
        else:
            # Put back the very row (same id), so later commands that name it still apply.
            self.project.restore_span(self.deleted)
        self.changed(self.statement)

    def undo(self) -> None:
        assert self.span_id is not None
        self.deleted = self.project.delete_span(self.span_id)
        self.changed(self.statement)


class DeleteSpanCommand(_StoreCommand):
    def __init__(self, project: Project, *, statement: int, span_id: int, changed: Changed, text: str) -> None:
        super().__init__(project, statement, changed, text)
        self.span_id = span_id
        self.deleted: DeletedSpan | None = None

    def redo(self) -> None:
        self.deleted = self.project.delete_span(self.span_id)
        self.changed(self.statement)

    def undo(self) -> None:
        if self.deleted is not None:
            self.project.restore_span(self.deleted)
        self.changed(self.statement)


class RelabelSpanCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, span_id: int, old: str, new: str, changed: Changed, text: str
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.span_id = span_id
        self.old = old
        self.new = new
        self.removed: tuple[StoredRelation, ...] = ()
        self.old_attrs: dict[str, str] = {}

    def redo(self) -> None:
        # The new label may not define the old one's attributes (stance): keep them for undo.
        span = self.project.span(self.span_id)
        self.old_attrs = dict(span.attrs) if span is not None else {}
        self.removed = self.project.set_span_label(self.span_id, self.new)
        self.changed(self.statement)

    def undo(self) -> None:
        self.project.set_span_label(self.span_id, self.old, restore=self.removed, attrs=self.old_attrs)
        self.changed(self.statement)


class SetAttrsCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, span_id: int, old: dict[str, str], new: dict[str, str],
        changed: Changed, text: str,
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.span_id = span_id
        self.old = dict(old)
        self.new = dict(new)

    def redo(self) -> None:
        self.project.set_span_attrs(self.span_id, self.new)
        self.changed(self.statement)

    def undo(self) -> None:
        self.project.set_span_attrs(self.span_id, self.old)
        self.changed(self.statement)


class AddRelationCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, head: int, tail: int, label: str, changed: Changed, text: str
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.head = head
        self.tail = tail
        self.label = label
        self.relation_id: int | None = None

    def redo(self) -> None:
        self.relation_id = self.project.add_relation(
            head=self.head, tail=self.tail, label=self.label, relation_id=self.relation_id
        )
        self.changed(self.statement)

    def undo(self) -> None:
        assert self.relation_id is not None
        self.project.delete_relation(self.relation_id)
        self.changed(self.statement)


class DeleteRelationCommand(_StoreCommand):
    def __init__(self, project: Project, *, statement: int, relation_id: int, changed: Changed, text: str) -> None:
        super().__init__(project, statement, changed, text)
        self.relation_id = relation_id
        self.deleted: StoredRelation | None = None

    def redo(self) -> None:
        self.deleted = self.project.delete_relation(self.relation_id)
        self.changed(self.statement)

    def undo(self) -> None:
        if self.deleted is not None:
            d = self.deleted
            self.project.add_relation(head=d.head, tail=d.tail, label=d.label, relation_id=d.id)
        self.changed(self.statement)


class SetStatusCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, annotator: str, status: str, changed: Changed, text: str
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.annotator = annotator
        self.status = status
        self.previous: str | None = None

    def redo(self) -> None:
        self.previous = self.project.set_status(statement=self.statement, annotator=self.annotator, status=self.status)
        self.changed(self.statement)

    def undo(self) -> None:
        assert self.previous is not None
        self.project.set_status(statement=self.statement, annotator=self.annotator, status=self.previous)
        self.changed(self.statement)


class SetNoteCommand(_StoreCommand):
    def __init__(
        self, project: Project, *, statement: int, annotator: str, note: str, changed: Changed, text: str
    ) -> None:
        super().__init__(project, statement, changed, text)
        self.annotator = annotator
        self.note = note
        self.previous: str | None = None

    def redo(self) -> None:
        self.previous = self.project.set_note(statement=self.statement, annotator=self.annotator, note=self.note)
        self.changed(self.statement)

    def undo(self) -> None:
        assert self.previous is not None
        self.project.set_note(statement=self.statement, annotator=self.annotator, note=self.previous)
        self.changed(self.statement)
