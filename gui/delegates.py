"""Item views that lay out each cell's text in its own direction."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from core.direction import is_right_to_left


class TextDirectionDelegate(QStyledItemDelegate):
    """Draws an Arabic cell right-to-left and right-aligned, a Latin one left-to-right.

    An item view lays out every cell in the view's own direction, so in an English UI an
    Arabic preview was aligned left and elided at the wrong end (its beginning cut off).
    The cell's text decides instead; eliding then drops the text's logical end and puts
    the ellipsis where that end is shown.
    """

    def __init__(self, parent: QWidget | None = None, *, bounded: bool = False) -> None:
        super().__init__(parent)
        # `bounded`: cut long texts to what the cell can show before Qt shapes and elides them
        # (the statement list; not where a subclass needs the whole text, as search hits do).
        self.bounded = bounded

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        # Shaping and eliding cost grows with the text, and a list page of 120-character
        # previews was most of a far Ctrl+Return's paint: keep a generous upper bound of what
        # the cell can show (a character is rarely narrower than 0.4 of the average), with an
        # ellipsis of our own should Qt have nothing left to elide.
        width = option.rect.width()
        room = int(width / max(1.0, option.fontMetrics.averageCharWidth() * 0.4)) + 4
        if self.bounded and width > 0 and len(text) > room:
            text = option.text = text[:room] + "…"
        vertical = option.displayAlignment & Qt.AlignmentFlag.AlignVertical_Mask
        if is_right_to_left(text):
            option.direction = Qt.LayoutDirection.RightToLeft
            side = Qt.AlignmentFlag.AlignRight
        else:
            option.direction = Qt.LayoutDirection.LeftToRight
            side = Qt.AlignmentFlag.AlignLeft
        if option.displayAlignment & Qt.AlignmentFlag.AlignHCenter:
            return  # centered marks (status, note) stay centered
        option.displayAlignment = side | Qt.AlignmentFlag.AlignAbsolute | vertical
