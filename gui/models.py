"""Thin Qt item models over the project store: they read what they show, by key, in windows."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.schema import Schema
from gui.i18n import current_language
from store.project import Project, StoredRelation, StoredSpan

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

# Rows fetched per read from the store and how many such windows stay cached: a view
# shows a few dozen rows, so memory stays flat however many rows the list has.
WINDOW = 200
CACHED_WINDOWS = 8

STATUS_MARKS = {"todo": "○", "done": "✓", "skipped": "–"}
NOTE_MARK = "✎"

# Combined once: views ask for every cell's flags as they paint.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

CountFn = Callable[[], int]
# (first row, number of rows) -> those rows, in order: row positions are 0-based.
FetchFn = Callable[[int, int], Sequence[Row]]


class WindowedTableModel(QAbstractTableModel, Generic[Row]):
    """A long flat list read in windows of WINDOW rows, keeping CACHED_WINDOWS of them.

    The rows come from two functions: `count()` and `fetch(first, n)`, which reads the rows
    at positions first .. first + n - 1 (by key, never OFFSET: see PITFALLS.md). Subclasses
    name their columns (`headers`) and say what a cell shows (`cell`); they hold no rows.
    """

    def __init__(self, count: CountFn, fetch: FetchFn[Row], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count_rows = count
        self._fetch_rows = fetch
        self._count = count()
        self._windows: OrderedDict[int, Sequence[Row]] = OrderedDict()
        # Views ask for the column count constantly; the titles are translated once, like
        # every widget's strings (a language switch builds new models).
        self._titles: tuple[str, ...] | None = None

    def headers(self) -> tuple[str, ...]:
        """The column titles (translated)."""
        return ()

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What `row` shows in `column` for `role` (None: nothing)."""
        return None

    # ------------------------------------------------------------ structure

    def _column_titles(self) -> tuple[str, ...]:
        if self._titles is None:
            self._titles = tuple(self.headers())
        return self._titles

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._column_titles())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = self._column_titles()
            return titles[section] if 0 <= section < len(titles) else None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1:,}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.row_data(index.row())
        return None if item is None else self.cell(item, index.column(), role)

    # ----------------------------------------------------------------- rows

    def row_data(self, row: int) -> Row | None:
        """The row at position `row`, from its cached window or read with it."""
        if not 0 <= row < self._count:
            return None
        key = row // WINDOW
        window = self._windows.get(key)
        if window is None:
            window = self._fetch_rows(key * WINDOW, WINDOW)
            self._windows[key] = window
            while len(self._windows) > CACHED_WINDOWS:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(key)
        offset = row - key * WINDOW
        return window[offset] if offset < len(window) else None

    def cached_windows(self) -> int:
        return len(self._windows)

    # ------------------------------------------------------------- updates

    def refresh_row(self, row: int) -> None:
        """Re-read the window holding `row` (what it shows changed, not its position)."""
        self._windows.pop(row // WINDOW, None)
        if 0 <= row < self._count:
            self.dataChanged.emit(self.index(row, 0), self.index(row, max(self.columnCount() - 1, 0)))

    def refresh_all(self) -> None:
        """Re-read every row when next shown, keeping the count and the views' selection."""
        self._windows.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, max(self.columnCount() - 1, 0)))

    def reload(self) -> None:
        """Start over: count again and forget every window (rows were added, or reordered)."""
        self.beginResetModel()
        self._windows.clear()
        self._count = self._count_rows()
        self.endResetModel()

    def set_source(self, count: CountFn, fetch: FetchFn[Row]) -> None:
        """Read other rows from now on (another filter or order)."""
        self._count_rows = count
        self._fetch_rows = fetch
        self.reload()


StatementRowData = tuple[int, str, str, str, bool]  # seq, id, preview, status, has_note


class StatementListModel(WindowedTableModel[StatementRowData]):
    """Every statement of the project, one row per seq (1..N without gaps), with one annotator's status."""

    ID, PREVIEW, STATUS, NOTE = range(4)
    SeqRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        self.project = project
        self.annotator = annotator
        # Row r is statement r + 1: a window is one read by key (`seq >= ?`).
        super().__init__(
            lambda: self.project.statement_count(),
            lambda first, n: self.project.statements_window(first + 1, n, annotator=self.annotator),
            parent,
        )

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Id"), self.tr("Statement"), self.tr("Status"), self.tr("Note"))

    def cell(self, row: StatementRowData, column: int, role: int) -> Any:
        seq, sid, preview, status, has_note = row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ID:
                return sid
            if column == self.PREVIEW:
                return preview.replace("\n", " ")
            if column == self.STATUS:
                return STATUS_MARKS.get(status, status)
            if column == self.NOTE:
                return NOTE_MARK if has_note else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS:
                return {"todo": self.tr("to do"), "done": self.tr("done"), "skipped": self.tr("skipped")}.get(status)
            if column == self.NOTE and has_note:
                return self.tr("has a note")
            if column == self.PREVIEW:
                return preview
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor("#2e7d32") if status == "done" else None
        elif role == self.SeqRole:
            return seq
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (self.STATUS, self.NOTE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def refresh_statement(self, seq: int) -> None:
        """Re-read the window holding statement `seq` (its status or note changed)."""
        self.refresh_row(seq - 1)

    def set_project(self, project: Project) -> None:
        self.project = project
        self.reload()

    def set_annotator(self, annotator: str) -> None:
        self.annotator = annotator
        self.reload()


class _CurrentStatementModel(QAbstractTableModel):
    """A short table about the current statement: its rows held in a list, fixed columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._titles: tuple[str, ...] | None = None

    def headers(self) -> tuple[str, ...]:
        """The column titles (translated); each model names its own."""
        return ()

    def _column_titles(self) -> tuple[str, ...]:
        # Translated once, like the windowed models' titles: views ask on every paint.
        if self._titles is None:
            self._titles = tuple(self.headers())
        return self._titles

    def _reset(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._column_titles())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        headers = self._column_titles()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def item(self, index: Index) -> Any:
        """The row's item, or None for an index that is not one of this model's cells."""
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self._items[index.row()]


def attrs_text(schema: Schema, label: str, attrs: dict[str, str], language: str) -> str:
    """A span's attributes by their display names (`الموقف=تأييد`), in the attributes' order."""
    found = schema.label(label)
    parts = []
    for name, value in sorted(attrs.items()):
        attribute = found.attribute(name) if found else None
        if attribute is None:
            parts.append(f"{name}={value}")
        else:
            parts.append(f"{attribute.title(language)}={attribute.value_title(value, language)}")
    return ", ".join(parts)


class SpanTableModel(_CurrentStatementModel):
    """The current statement's spans (one annotator): label, text, attributes, by display names."""

    LABEL, TEXT, ATTRS = range(3)
    SpanIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.language = current_language()  # a language switch builds new models

    @property
    def spans(self) -> list[StoredSpan]:
        return self._items

    def set_spans(self, spans: list[StoredSpan]) -> None:
        self._reset(spans)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Label"), self.tr("Text"), self.tr("Attributes"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        span: StoredSpan | None = self.item(index)
        if span is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.LABEL:
                return self.project.schema.label_title(span.label, self.language)
            if index.column() == self.TEXT:
                return span.text
            if index.column() == self.ATTRS:
                return attrs_text(self.project.schema, span.label, span.attrs, self.language)
        elif role == Qt.ItemDataRole.DecorationRole and index.column() == self.LABEL:
            label = self.project.schema.label(span.label)
            return QColor(label.color) if label else None
        elif role == self.SpanIdRole:
            return span.id
        elif role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.project.schema.label_title(span.label, self.language)} [{span.start}, {span.end})"
        return None

    def row_of(self, span_id: int) -> int:
        return next((i for i, s in enumerate(self.spans) if s.id == span_id), -1)


class RelationTableModel(_CurrentStatementModel):
    """The current statement's relations: head span → label → tail span."""

    HEAD, LABEL, TAIL = range(3)
    RelationIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None, schema: Callable[[], Schema] | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[int, str] = {}
        # The relation types' display names (the stored name when no schema is given).
        self._schema = schema
        self.language = current_language()

    @property
    def relations(self) -> list[StoredRelation]:
        return self._items

    def set_relations(self, relations: list[StoredRelation], spans: list[StoredSpan]) -> None:
        self._texts = {s.id: s.text for s in spans}
        self._reset(relations)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("From"), self.tr("Relation"), self.tr("To"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rel: StoredRelation | None = self.item(index)
        if rel is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.HEAD:
                return self._texts.get(rel.head, str(rel.head))
            if index.column() == self.LABEL:
                return self._schema().relation_title(rel.label, self.language) if self._schema else rel.label
            if index.column() == self.TAIL:
                return self._texts.get(rel.tail, str(rel.tail))
        elif role == self.RelationIdRole:
            return rel.id
        return None
