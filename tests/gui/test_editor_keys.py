"""Small keyboard things in the editor: keys that cannot act say why; ؟ opens the help; proclitics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ANNOTATOR, add_statements

Alt = Qt.KeyboardModifier.AltModifier


def said(window: Any) -> str:
    return str(window.statusBar().currentMessage())


def test_delete_without_a_selected_span_says_why(window: Any, qtbot: Any) -> None:
    window.add_span("ACTOR", 4, 12)
    window.editor.select_span(None)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert said(window) == "Nothing to delete: select a span first (click it or press Tab)"
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert len(window.project.spans(1, ANNOTATOR)) == 1


def test_digits_without_a_span_with_attributes_say_why(window: Any, qtbot: Any) -> None:
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_1)
    assert said(window) == (
        "Digits set the selected span's attribute (a claim's stance): select a span first (click it or press Tab)"
    )
    window.add_span("ACTOR", 4, 12)
    qtbot.keyClick(editor, Qt.Key.Key_2)
    assert said(window) == "A ACTOR span has no attribute to set with digits"
    window.add_span("CLAIM", 28, 51)
    claim = next(s.id for s in editor.spans if s.label == "CLAIM")
    qtbot.keyClick(editor, Qt.Key.Key_7)
    assert said(window) == "stance has 3 values: press 1 to 3, or 0 to clear it"
    assert window.project.span(claim).attrs == {}
    qtbot.keyClick(editor, Qt.Key.Key_2)
    assert window.project.span(claim).attrs == {"stance": "oppose"}


def test_the_arabic_question_mark_opens_the_help(workbench: Any, qtbot: Any) -> None:
    window, overlay = workbench.window, workbench.shortcuts.overlay
    window.editor.setFocus()
    # What the ? key of an Arabic layout sends: the character ؟ (U+061F). (QTest's key
    # clicks only type ASCII, so the event is made here.)
    press = QKeyEvent(QEvent.Type.KeyPress, 0x061F, Qt.KeyboardModifier.NoModifier, "\u061f")
    QApplication.sendEvent(window.editor, press)
    assert overlay.isVisible()
    assert any("؟" in keys for keys, _ in overlay.rows)


def test_a_label_key_leaves_out_a_proclitic_before_the_article(window: Any, qtbot: Any, tmp_path: Path) -> None:
    text = "قالت والحكومة ترفض، وزارة الخارجية تؤيد"
    add_statements(window.project, [text], tmp_path)
    window.reload()
    seq = window.project.statement_count()
    window.open_statement(seq)
    editor = window.editor
    start = text.index("والحكومة")
    editor.select_text(start, start + len("والحكومة"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(text.index("وزارة"), text.index("وزارة") + 2)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    stored = sorted((s.start, s.text) for s in window.project.spans(seq, ANNOTATOR))
    assert stored == [(start + 1, "الحكومة"), (text.index("وزارة"), "وزارة")]
    # Alt keeps the exact selection, proclitic included.
    editor.select_text(start, start + len("والحكومة"))
    qtbot.keyClick(editor, Qt.Key.Key_C, Alt)
    assert any(s.label == "CLAIM" and s.text == "والحكومة" for s in window.project.spans(seq, ANNOTATOR))
