"""Cells lay out in their own text's direction, whatever the view's direction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from gui.delegates import TextDirectionDelegate


def option_for(view: QTableView, text: str, align: Qt.AlignmentFlag | None = None) -> QStyleOptionViewItem:
    model = QStandardItemModel(1, 1)
    item = QStandardItem(text)
    if align is not None:
        item.setTextAlignment(align)
    model.setItem(0, 0, item)
    view.setModel(model)
    delegate = TextDirectionDelegate(view)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, 0))
    return option


def test_arabic_cell_is_right_to_left_in_a_left_to_right_view(qtbot: Any) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    option = option_for(view, "دعا الائتلاف الوطني السوري")
    assert option.direction == Qt.LayoutDirection.RightToLeft
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert option.displayAlignment & Qt.AlignmentFlag.AlignAbsolute


def test_latin_cell_is_left_to_right_in_a_right_to_left_view(qtbot: Any) -> None:
    view = QTableView()
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(view)
    option = option_for(view, "ha40a29871a71e6c7")
    assert option.direction == Qt.LayoutDirection.LeftToRight
    assert option.displayAlignment & Qt.AlignmentFlag.AlignLeft


def test_centered_marks_stay_centered(qtbot: Any) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    option = option_for(view, "✓", Qt.AlignmentFlag.AlignCenter)
    assert option.displayAlignment & Qt.AlignmentFlag.AlignHCenter


def test_a_bounded_delegate_cuts_a_long_text_to_its_cell_keeping_the_start(qtbot: Any) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    text = "دعا الائتلاف الوطني السوري إلى وقف إطلاق النار " * 6
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(text))
    view.setModel(model)
    for bounded, expect_cut in ((True, True), (False, False)):
        option = QStyleOptionViewItem()
        option.rect.setWidth(120)
        option.fontMetrics = view.fontMetrics()
        TextDirectionDelegate(view, bounded=bounded).initStyleOption(option, model.index(0, 0))
        if expect_cut:
            assert option.text.endswith("…") and text.startswith(option.text[:-1])
            # Still more than the cell shows, so Qt's own eliding decides where the text ends.
            assert view.fontMetrics().horizontalAdvance(option.text) > 120
        else:
            assert option.text == text
        assert option.direction == Qt.LayoutDirection.RightToLeft
