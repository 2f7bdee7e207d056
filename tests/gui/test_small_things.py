"""Small things: hints that outlive their statement, the stance's keys, the GUI's remedy for a
record without annotator, Home/End in the statement list, the list's columns at 1024 px."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.errors import NoAnnotator
from gui.models import StatementListModel
from tests.gui.conftest import ANNOTATOR

Ctrl = Qt.KeyboardModifier.ControlModifier


def test_an_editor_hint_goes_when_another_statement_opens(window: Any, qtbot: Any) -> None:
    bar = window.statusBar()
    qtbot.keyClick(window.editor, Qt.Key.Key_R)  # no span selected: a hint
    assert bar.currentMessage().startswith("Select a span first")
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)
    assert window.current_seq == 2
    assert bar.currentMessage() == ""

    # Other messages are not the editor's to clear: they stay for their time.
    window.show_message("Exported 10 records.")
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)
    assert bar.currentMessage() == "Exported 10 records."


def test_the_stance_control_shows_the_digit_keys(window: Any, qtbot: Any) -> None:
    window.editor.select_text(4, 20)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)
    combo = window.attribute_editor.combos["stance"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["0  (none)", "1  support", "2  oppose", "3  neutral"]
    qtbot.keyClick(window.editor, Qt.Key.Key_3)  # the key the control names
    assert combo.currentText() == "3  neutral"
    assert window.project.spans(1, ANNOTATOR)[0].attrs == {"stance": "neutral"}
    qtbot.keyClick(window.editor, Qt.Key.Key_0)
    assert combo.currentText() == "0  (none)"
    assert window.project.spans(1, ANNOTATOR)[0].attrs == {}


def test_the_import_dialog_says_what_to_do_in_the_gui(workbench: Any, qtbot: Any, tmp_path: Path) -> None:
    transfer, project = workbench.transfer, workbench.window.project
    source = tmp_path / "nameless.jsonl"
    record = {"text": "بيان بلا موسم", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    before = project.statement_count()

    transfer.start_import([source])  # no annotator chosen in the dialog
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)

    box = transfer.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith(f"{source}:1: the record has annotations but no annotator; ")
    assert "choose the annotator in the import dialog" in box.text()
    assert "--annotator" not in box.text()
    assert project.statement_count() == before

    # With the annotator chosen, the same file goes in; the command line keeps its own remedy.
    transfer.start_import([source], annotator="amal")
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)
    assert project.statement_count() == before + 1
    cli = str(NoAnnotator("f.jsonl", 3))
    assert cli == "f.jsonl:3: the record has annotations but no annotator; give --annotator NAME"


def test_home_and_end_in_the_list_go_to_the_first_and_last_statement(window: Any, qtbot: Any) -> None:
    view = window.list_view
    window.open_statement(5)
    view.setFocus()
    for key, modifiers, seq in (
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier, 10),
        (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier, 1),
        (Qt.Key.Key_End, Ctrl, 10),
        (Qt.Key.Key_Home, Ctrl, 1),
    ):
        qtbot.keyClick(view, key, modifiers)
        assert view.currentIndex().row() == seq - 1, (key, modifiers)
        assert window.current_seq == seq
    assert view.hasFocus()


def test_the_preview_keeps_most_of_the_list_at_1024_px(workbench: Any, qtbot: Any) -> None:
    window = workbench.window
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    view = window.list_view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(StatementListModel.PREVIEW) >= 0.5 * view.viewport().width())
    width = view.viewport().width()
    preview = header.sectionSize(StatementListModel.PREVIEW)
    assert preview >= 0.5 * width, (preview, width)
    assert 32 <= header.sectionSize(StatementListModel.ID) <= 0.2 * width  # still there, elided
    for column in (StatementListModel.STATUS, StatementListModel.NOTE):  # about as wide as their titles
        assert header.sectionSize(column) <= 60
