"""View → Guidelines (F2): the schema as a guide in a dock, by keyboard, in the UI language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from core.schema import parse_schema
from gui.app import compose
from gui.guidelines import guidelines_html, label_tooltip
from gui.i18n import UiLanguage
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR


@pytest.fixture
def arabic(qapp: QApplication, settings: Settings) -> Iterator[UiLanguage]:
    ui = UiLanguage(qapp, settings)
    ui.apply("ar")
    yield ui
    ui.apply("en")  # the application outlives the test


def test_f2_shows_the_guide_with_the_focus_in_it_and_esc_goes_back(workbench: Any, qtbot: Any) -> None:
    window, guidelines = workbench.window, workbench.guidelines
    assert not guidelines.dock.isVisible()
    qtbot.keyClick(window.editor, Qt.Key.Key_F2)
    assert guidelines.dock.isVisible()
    qtbot.waitUntil(lambda: guidelines.view.hasFocus())
    text = guidelines.view.toPlainText()
    # Every label: name, key, description; the attribute with its values and their keys; the relation.
    for part in ("ACTOR", "[a]", "CLAIM", "[c]", "Who makes a claim", "What the actor demands",
                 "stance", "1 support", "2 oppose", "3 neutral", "0 clears",
                 "CLAIMANT", "ACTOR → CLAIM", "Links an actor to the claim"):
        assert part in text.replace("\xa0", " "), part
    assert "#1e88e5" in guidelines.view.toHtml()  # the colour swatch

    qtbot.keyClick(guidelines.view, Qt.Key.Key_Escape)
    assert window.editor.hasFocus()
    assert guidelines.dock.isVisible()  # Esc goes back to the text; the guide stays open

    # F2 from the text goes into the guide, F2 in the guide goes back to the text.
    qtbot.keyClick(window.editor, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: guidelines.view.hasFocus())
    qtbot.keyClick(guidelines.view, Qt.Key.Key_F2)
    assert window.editor.hasFocus()


def test_the_guide_scrolls_by_keyboard(workbench: Any, qtbot: Any) -> None:
    window, guidelines = workbench.window, workbench.guidelines
    guidelines.show_pane()
    guidelines.dock.setFloating(True)
    guidelines.dock.resize(320, 140)
    qtbot.waitUntil(lambda: guidelines.view.verticalScrollBar().maximum() > 0)
    bar = guidelines.view.verticalScrollBar()
    assert bar.value() == 0
    qtbot.keyClick(guidelines.view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(guidelines.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(guidelines.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0
    qtbot.keyClick(guidelines.view, Qt.Key.Key_Down)
    assert bar.value() > 0
    assert window.current_seq == 1  # scrolling the guide never moves the statement


def test_f2_clashes_with_no_other_shortcut(workbench: Any) -> None:
    window = workbench.window
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen or seen[key] == action.text(), (key, seen.get(key), action.text())
            seen[key] = action.text()
    assert seen["F2"] == "Show the &guidelines"


def test_the_guide_marks_the_labels_of_the_statement_shown(workbench: Any, qtbot: Any) -> None:
    window, guidelines = workbench.window, workbench.guidelines
    guidelines.show_pane()
    assert "in this statement" not in guidelines.view.toPlainText()
    window.editor.setFocus()
    window.editor.select_text(0, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_A)
    assert [s.label for s in window.project.spans(1, ANNOTATOR)] == ["ACTOR"]
    assert guidelines.view.toPlainText().count("in this statement") == 1
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)
    assert window.current_seq == 2
    assert "in this statement" not in guidelines.view.toPlainText()


def test_arabic_ui_shows_the_guide_in_arabic_right_to_left(
    arabic: UiLanguage, seeded: Project, settings: Settings, qtbot: Any
) -> None:
    bench = compose(seeded, settings, ANNOTATOR, check_integrity=False)
    window = bench.window
    qtbot.addWidget(window)
    window.show()
    bench.guidelines.show_pane()
    text = bench.guidelines.view.toPlainText().replace("\xa0", " ")
    for part in ("فاعل", "ادعاء", "الجهة التي تطرح المطالبة", "الموقف", "1 تأييد", "2 معارضة", "3 محايد",
                 "صاحب الادعاء", "فاعل ← ادعاء", "يربط الجهة بالمطالبة"):
        assert part in text, part
    assert "Who makes a claim" not in text
    assert bench.guidelines.dock.windowTitle() == "الإرشادات"
    assert bench.guidelines.view.isRightToLeft()
    # Each paragraph is laid out right-to-left, so Arabic lines are right-aligned.
    block = bench.guidelines.view.document().firstBlock()
    while block.isValid():
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
        block = block.next()
    # The guide is on the trailing side: left in Arabic.
    assert window.dockWidgetArea(bench.guidelines.dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.undo_stack.clear()
    window.close()


def test_descriptions_fall_back_to_english_then_any_language() -> None:
    schema = parse_schema({
        "labels": [
            {"name": "ACTOR", "color": "#1e88e5", "description": {"en": "In English", "fr": "En français"}},
            {"name": "PLACE", "color": "#43a047", "description": {"fr": "Seulement en français"}},
        ],
    })
    arabic = guidelines_html(schema, "ar")
    assert "In English" in arabic and "En français" not in arabic
    assert "Seulement en français" in arabic
    assert 'dir="rtl"' in arabic and 'dir="rtl"' not in guidelines_html(schema, "en")


def test_the_palette_tooltip_wraps(workbench: Any, qtbot: Any) -> None:
    window = workbench.window
    button = window.label_palette.buttons["ACTOR"]
    tip = button.toolTip()
    assert tip.startswith("<qt>") and "Who makes a claim" in tip
    assert tip == label_tooltip(window.project.schema.labels[0], "en")
    QToolTip.showText(button.mapToGlobal(QPoint(4, 4)), tip, button)
    label = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel) and w.isVisible()
                 and "Who makes a claim" in w.text())
    assert label.wordWrap()
    assert label.width() < 700  # it was one line of about 1,000 px
    QToolTip.hideText()
