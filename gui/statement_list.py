"""The statement list's view: Home and End go to the first and last statement, and the
preview keeps most of the width however narrow the pane is."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gui.models import StatementListModel

# The id column's share of the list's width at most, and its width on a wide pane.
ID_SHARE = 0.15
ID_WIDTH = 90
ID_MIN_WIDTH = 32


class StatementListView(QTableView):
    """A QTableView whose Home/End (and Ctrl+Home/End) move between statements, not columns.

    A table moves Home/End within the row; in a list of statements walked by the keyboard,
    the annotator means the first and the last statement.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Explicit: the default minimum is measured from the header's font, and with the colour
        # emoji face behind the Arabic one (gui/fonts.py) it came to 141 px for every column.
        self.horizontalHeader().setMinimumSectionSize(ID_MIN_WIDTH)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        if model is not None and cursorAction in (
            QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd
        ) and model.rowCount():
            current = self.currentIndex()
            column = current.column() if current.isValid() else StatementListModel.PREVIEW
            row = 0 if cursorAction == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
            return model.index(row, column)
        return super().moveCursor(cursorAction, modifiers)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_id_column()

    def fit_id_column(self) -> None:
        """The id column at most ID_SHARE of the width: on a 1024 px window its 90 px took the preview's room."""
        header = self.horizontalHeader()
        if header.count() <= StatementListModel.ID:
            return
        if header.sectionResizeMode(StatementListModel.ID) != QHeaderView.ResizeMode.Interactive:
            return
        # Never narrower than its (translated) title, within reason: "المعرّف" was cut off.
        least = max(ID_MIN_WIDTH, min(header.sectionSizeHint(StatementListModel.ID), ID_WIDTH // 2))
        width = max(least, min(ID_WIDTH, int(self.viewport().width() * ID_SHARE)))
        header.resizeSection(StatementListModel.ID, width)

