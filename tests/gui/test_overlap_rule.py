"""The schema's overlap rule as the annotator meets it: refused with the reason, or a warning."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.schema import OVERLAP_RULES, parse_schema
from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements

TEXT = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"


def offsets_of(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def label_with_key(qtbot: Any, window: Any, key: Qt.Key, word: str) -> None:
    window.editor.select_text(*offsets_of(word, window.editor.text))
    qtbot.keyClick(window.editor, key)


def spans(window: Any) -> list[tuple[str, str]]:
    return sorted((s.label, s.text) for s in window.project.spans(window.current_seq, ANNOTATOR))


@pytest.fixture(params=OVERLAP_RULES)
def ruled(request: pytest.FixtureRequest, tmp_path: Path, settings: Any, qtbot: Any) -> Iterator[tuple[str, Any]]:
    from gui.main_window import MainWindow

    schema = parse_schema({"labels": [
        {"name": "ACTOR", "color": "#1e88e5", "key": "a", "overlap": request.param},
        {"name": "CLAIM", "color": "#f9a825", "key": "c"},
    ]})
    with Project.create(tmp_path / "ruled.bayan", schema) as project:
        add_statements(project, [TEXT], tmp_path)
        win = MainWindow(project, settings, ANNOTATOR, check_integrity=False)
        qtbot.addWidget(win)
        win.show()
        yield str(request.param), win
        win.undo_stack.clear()


def test_every_rule_from_the_keyboard(ruled: tuple[str, Any], qtbot: Any) -> None:
    rule, window = ruled
    label_with_key(qtbot, window, Qt.Key.Key_A, "الائتلاف الوطني السوري")
    window.statusBar().clearMessage()
    # Inside the first: refused only by `refuse`.
    label_with_key(qtbot, window, Qt.Key.Key_A, "الوطني")
    inner = ("ACTOR", "الوطني") in spans(window)
    assert inner == (rule != "refuse")
    assert window.banner.isVisibleTo(window) == (rule == "refuse")
    if rule == "refuse":
        assert window.banner.message.text() == (
            "Not done: ACTOR spans may not overlap (overlap: refuse); this one overlaps «الائتلاف الوطني السوري»"
        )
    warning = "This ACTOR overlaps another ACTOR, «الائتلاف الوطني السوري»: allowed, but check that both are meant"
    assert (window.statusBar().currentMessage() == warning) == (rule == "warn")
    # Crossing it: refused by `nested` and `refuse`.
    window.statusBar().clearMessage()
    label_with_key(qtbot, window, Qt.Key.Key_A, "السوري إلى")
    assert (("ACTOR", "السوري إلى") in spans(window)) == (rule in ("allow", "warn"))
    if rule == "nested":
        assert window.banner.message.text() == (
            "Not done: ACTOR spans may lie inside one another but not cross (overlap: nested); "
            "this one crosses «الائتلاف الوطني السوري»"
        )
    assert (window.statusBar().currentMessage() == warning) == (rule == "warn")
    # A refused edit is not on the undo stack.
    assert window.undo_stack.count() == 1 + inner + (rule in ("allow", "warn"))


def test_moving_a_boundary_across_another_span_is_refused_under_nested(window: Any, qtbot: Any) -> None:
    editor = window.editor
    label_with_key(qtbot, window, Qt.Key.Key_A, "الائتلاف الوطني السوري")
    label_with_key(qtbot, window, Qt.Key.Key_A, "إلى تحرك")
    moving = next(s for s in editor.spans if s.text == "إلى تحرك")
    editor.select_span(moving.id)
    qtbot.keyClick(editor, Qt.Key.Key_B)
    qtbot.keyClick(editor, Qt.Key.Key_Up)  # the start a word earlier: into «السوري»
    assert window.project.span(moving.id).text == "إلى تحرك"
    assert "not cross (overlap: nested)" in window.banner.message.text()


def test_a_claim_overlapping_a_claim_is_kept_with_a_warning(window: Any, qtbot: Any) -> None:
    label_with_key(qtbot, window, Qt.Key.Key_C, "إلى تحرك المجتمع الدولي")
    label_with_key(qtbot, window, Qt.Key.Key_C, "المجتمع الدولي لمحاسبة")
    assert len(window.project.spans(1, ANNOTATOR)) == 2
    assert window.statusBar().currentMessage() == (
        "This CLAIM overlaps another CLAIM, «إلى تحرك المجتمع الدولي»: allowed, but check that both are meant"
    )
