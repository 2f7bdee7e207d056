"""Annotating with the keyboard and the mouse on real widgets; every check reads the store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier


def offsets_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def spans(window: Any) -> list[tuple[str, int, int, str]]:
    return [(s.label, s.start, s.end, s.text) for s in window.project.spans(window.current_seq, ANNOTATOR)]


def click_span(qtbot: Any, window: Any, span_id: int) -> None:
    span = window.editor.span(span_id)
    rect = window.editor.span_segments(span)[0]
    # Inside the span's first line, away from its edges (and from nested spans' edges).
    point = QPoint(int(rect.center().x()), int(rect.center().y()))
    qtbot.mouseClick(window.editor.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_opens_on_first_statement_not_done_with_focus_in_editor(seeded: Project, settings: Any, qtbot: Any) -> None:
    from gui.main_window import MainWindow

    seeded.set_status(statement=1, annotator=ANNOTATOR, status="done")
    seeded.set_status(statement=2, annotator=ANNOTATOR, status="done")
    win = MainWindow(seeded, settings, ANNOTATOR, check_integrity=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.current_seq == 3
    assert win.editor.toPlainText() == seeded.statement(3).text  # type: ignore[union-attr]
    assert "Bayan" in win.windowTitle() and seeded.name in win.windowTitle()
    assert win.position_label.text().startswith("Statement 3 / 10")
    assert "2 / 10" in win.progress_label.text()
    qtbot.waitUntil(lambda: win.editor.hasFocus())


def test_keyboard_selection_and_label_key_make_a_span(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    # In right-to-left text Ctrl+Shift+Left moves forward: it selects the first word.
    qtbot.keyClick(editor, Qt.Key.Key_Home, Ctrl)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Ctrl | Shift)
    assert editor.textCursor().hasSelection()
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert spans(window) == [("ACTOR", 0, 3, text[:3])]
    assert window.span_model.rowCount() == 1
    assert window.undo_stack.count() == 1  # handled once, not again by the layout fallback shortcut


def test_alt_letters_other_than_label_keys_stay_menu_mnemonics(window: Any) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for key, claimed in ((Qt.Key.Key_F, False), (Qt.Key.Key_A, True), (Qt.Key.Key_C, True)):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Alt)
        event.ignore()
        window.editor.event(event)
        assert event.isAccepted() is claimed, key


def test_selection_snaps_to_whole_words_dropping_spaces_and_punctuation(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text  # دعا الائتلاف الوطني السوري، إلى ...
    start, end = offsets_of(text, "الائتلاف الوطني السوري")
    # From inside the first word to just after the comma and the space that follows it.
    editor.select_text(start + 3, end + 2)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert spans(window) == [("ACTOR", start, end, "الائتلاف الوطني السوري")]


def test_alt_key_keeps_the_exact_characters(window: Any, qtbot: Any) -> None:
    editor = window.editor
    start, _ = offsets_of(editor.text, "الائتلاف")
    editor.select_text(start + 2, start + 5)
    qtbot.keyClick(editor, Qt.Key.Key_A, Alt)
    assert spans(window) == [("ACTOR", start + 2, start + 5, editor.text[start + 2 : start + 5])]


def test_click_selects_a_span_another_key_relabels_delete_removes(window: Any, qtbot: Any) -> None:
    editor = window.editor
    start, end = offsets_of(editor.text, "المجتمع الدولي")
    editor.select_text(start, end)
    qtbot.keyClick(editor, Qt.Key.Key_C)
    span_id = window.project.spans(1, ANNOTATOR)[0].id
    editor.select_span(None)
    click_span(qtbot, window, span_id)
    assert editor.selected_span == span_id
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert spans(window) == [("ACTOR", start, end, "المجتمع الدولي")]
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert spans(window) == []
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert [s.id for s in window.project.spans(1, ANNOTATOR)] == [span_id]


def test_nested_spans_stay_visible_and_clickable(window: Any, qtbot: Any) -> None:
    editor = window.editor
    c_start, c_end = offsets_of(editor.text, "إلى تحرك المجتمع الدولي")
    a_start, a_end = offsets_of(editor.text, "المجتمع الدولي")
    editor.select_text(c_start, c_end)
    qtbot.keyClick(editor, Qt.Key.Key_C)
    editor.select_text(a_start, a_end)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    by_label = {s.label: s.id for s in window.project.spans(1, ANNOTATOR)}
    assert set(by_label) == {"ACTOR", "CLAIM"}
    # Both are drawn: two extra selections, the nested one after (over) the outer one.
    extras = editor.extraSelections()
    assert [(x.cursor.selectionStart(), x.cursor.selectionEnd()) for x in extras] == [
        (c_start, c_end), (a_start, a_end)
    ]
    editor.select_span(None)
    click_span(qtbot, window, by_label["ACTOR"])
    assert editor.selected_span == by_label["ACTOR"]
    click_span(qtbot, window, by_label["ACTOR"])  # a second click reaches the span around it
    assert editor.selected_span == by_label["CLAIM"]


def test_relation_by_key_r_then_click(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف الوطني السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    by_label = {s.label: s.id for s in window.project.spans(1, ANNOTATOR)}
    editor.select_span(by_label["ACTOR"])
    qtbot.keyClick(editor, Qt.Key.Key_R)
    assert editor.picking_relation
    click_span(qtbot, window, by_label["CLAIM"])
    rels = window.project.relations(1, ANNOTATOR)
    assert [(r.head, r.tail, r.label) for r in rels] == [(by_label["ACTOR"], by_label["CLAIM"], "CLAIMANT")]
    assert window.relation_model.rowCount() == 1
    assert window.relation_model.index(0, 1).data() == "CLAIMANT"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.relations(1, ANNOTATOR) == []
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl | Shift)
    assert [r.id for r in window.project.relations(1, ANNOTATOR)] == [rels[0].id]


def test_relation_by_keyboard_only(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف الوطني السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # first span in reading order: the actor
    assert editor.span(editor.selected_span).label == "ACTOR"
    qtbot.keyClick(editor, Qt.Key.Key_R)  # only one claim: it is preselected
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert len(window.project.relations(1, ANNOTATOR)) == 1


def test_relation_target_picked_in_the_spans_list(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف الوطني السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    editor.select_text(*offsets_of(editor.text, "النظام السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    by_text = {s.text: s.id for s in window.project.spans(1, ANNOTATOR)}
    editor.select_span(by_text["الائتلاف الوطني السوري"])
    qtbot.keyClick(editor, Qt.Key.Key_R)  # two claims: nothing is preselected
    assert editor.picking_relation and editor.selected_span is None
    view = window.annotations.span_view
    row = window.span_model.row_of(by_text["النظام السوري"])
    cell = view.visualRect(view.model().index(row, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    rels = window.project.relations(1, ANNOTATOR)
    assert [(r.head, r.tail) for r in rels] == [(by_text["الائتلاف الوطني السوري"], by_text["النظام السوري"])]


def test_relabel_that_breaks_a_relation_is_undone_with_it(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف الوطني السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    by_label = {s.label: s.id for s in window.project.spans(1, ANNOTATOR)}
    window.add_relation(by_label["ACTOR"], by_label["CLAIM"], "CLAIMANT")
    editor.select_span(by_label["ACTOR"])
    qtbot.keyClick(editor, Qt.Key.Key_C)  # an ACTOR relabelled CLAIM can no longer be a claimant
    assert window.project.relations(1, ANNOTATOR) == []
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.span(by_label["ACTOR"]).label == "ACTOR"
    assert len(window.project.relations(1, ANNOTATOR)) == 1


def test_undo_and_redo_reach_the_store_across_statements(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Ctrl)
    assert window.current_seq == 2
    assert window.project.status(1, ANNOTATOR).status == "done"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)  # undo "done": back on statement 1
    assert window.current_seq == 1
    assert window.project.status(1, ANNOTATOR).status == "todo"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.spans(1, ANNOTATOR) == []
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl | Shift)
    assert [s.text for s in window.project.spans(1, ANNOTATOR)] == ["الائتلاف"]
    assert window.undo_action.isEnabled() and window.redo_action.isEnabled()


def test_ctrl_return_marks_done_and_opens_the_next_open_statement(window: Any, qtbot: Any) -> None:
    window.project.set_status(statement=2, annotator=ANNOTATOR, status="done")
    window.settings.set_marks_empty_done_unasked(window.project.path)  # statement 1 has no spans: no question
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Ctrl)
    assert window.project.status(1, ANNOTATOR).status == "done"
    assert window.current_seq == 3
    assert window.list_model.index(0, 0).siblingAtColumn(2).data() == "✓"
    assert "2 / 10" in window.progress_label.text()
    qtbot.waitUntil(lambda: window.editor.hasFocus())


def test_moving_between_statements(window: Any, qtbot: Any) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, Alt)
    assert window.current_seq == 2
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)
    assert window.current_seq == 3
    qtbot.keyClick(window.editor, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.editor, Qt.Key.Key_Left, Alt)
    assert window.current_seq == 1
    assert window.list_view.currentIndex().row() == 0


def test_keyboard_selection_keys_work_in_the_read_only_text(window: Any, qtbot: Any) -> None:
    editor = window.editor
    n = len(editor.text)
    qtbot.keyClick(editor, Qt.Key.Key_A, Ctrl)
    assert editor.selection_offsets() == (0, n)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Ctrl)
    qtbot.keyClick(editor, Qt.Key.Key_End, Ctrl | Shift)
    assert editor.selection_offsets() == (0, n)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Ctrl)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Left, Shift)  # visual order: leftwards is forwards here
    assert editor.selection_offsets()[1] - editor.selection_offsets()[0] == 3


def test_spans_in_emoji_text_convert_exactly(window: Any, qtbot: Any, tmp_path: Path) -> None:
    text = "قال 👩‍👩‍👧 و🇸🇾 إن 𝕏 المنظمة 😀 ترفض"
    add_statements(window.project, [text], tmp_path)
    window.reload()
    seq = window.project.statement_count()
    window.open_statement(seq)
    editor = window.editor
    start, end = offsets_of(text, "المنظمة")
    editor.select_text(start, end)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    stored = window.project.spans(seq, ANNOTATOR)
    assert [(s.start, s.end, s.text) for s in stored] == [(start, end, "المنظمة")]
    from core.offsets import utf16_from_index

    extras = editor.extraSelections()
    cursor = extras[0].cursor
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        utf16_from_index(text, start), utf16_from_index(text, end)
    )
    assert cursor.selectedText() == "المنظمة"
    # A span over the flag, exact: both regional indicators, and the letter before them.
    flag = text.index("🇸🇾")
    editor.select_text(flag - 1, flag + 2)
    qtbot.keyClick(editor, Qt.Key.Key_C, Alt)
    claim = next(s for s in window.project.spans(seq, ANNOTATOR) if s.label == "CLAIM")
    assert claim.text == "و🇸🇾"
    extras = editor.extraSelections()
    claim_cursor = next(x.cursor for x in extras if x.cursor.selectedText() == "و🇸🇾")
    assert claim_cursor.selectionStart() == utf16_from_index(text, flag - 1)


def test_keyboard_selection_over_emoji_stores_code_points(window: Any, qtbot: Any, tmp_path: Path) -> None:
    text = "𝕏𝕏 abc 😀 الجيش"  # starts with a Latin-class letter: a left-to-right paragraph
    add_statements(window.project, [text], tmp_path)
    window.reload()
    window.open_statement(window.project.statement_count())
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_Home, Ctrl)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Ctrl | Shift)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    emoji = text.index("😀")
    editor.select_text(emoji, emoji)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Shift)  # one keypress: both UTF-16 units of the emoji
    qtbot.keyClick(editor, Qt.Key.Key_C, Alt)
    stored = window.project.spans(window.current_seq, ANNOTATOR)
    assert sorted((s.label, s.start, s.end, s.text) for s in stored) == [
        ("ACTOR", 0, 2, "𝕏𝕏"), ("CLAIM", emoji, emoji + 1, "😀")
    ]


def test_undo_of_a_relabel_brings_back_the_claims_stance(window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    (claim,) = window.project.spans(1, ANNOTATOR)
    window.project.set_span_attrs(claim.id, {"stance": "support"})
    editor.select_span(claim.id)
    qtbot.keyClick(editor, Qt.Key.Key_A)  # ACTOR has no stance: the relabel drops it
    assert window.project.span(claim.id).label == "ACTOR"
    assert window.project.span(claim.id).attrs == {}
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.span(claim.id).label == "CLAIM"
    assert window.project.span(claim.id).attrs == {"stance": "support"}


def actor_bounds(window: Any) -> tuple[str, int, int]:
    return next(s[:3] for s in spans(window) if s[0] == "ACTOR")


def test_b_then_arrows_move_a_spans_boundaries_keeping_its_links(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    words = text.split()
    first = (0, len(words[0]))
    second = (len(words[0]) + 1, len(words[0]) + 1 + len(words[1]))
    window.add_span("ACTOR", *first)
    window.add_span("CLAIM", second[0], len(text) - 1)
    actor = next(s for s in editor.spans if s.label == "ACTOR")
    claim = next(s for s in editor.spans if s.label == "CLAIM")
    window.add_relation(actor.id, claim.id, "CLAIMANT")
    editor.setFocus()
    editor.select_span(actor.id)
    qtbot.keyClick(editor, Qt.Key.Key_B)
    assert editor.moving_bounds
    # Arabic: Left moves the end forward, by a word; Alt+Right takes a character back.
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert actor_bounds(window) == ("ACTOR", 0, second[1])
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert actor_bounds(window) == ("ACTOR", 0, second[1] - 1)
    assert window.current_seq == 1  # Alt+Right moved a boundary, not to the next statement
    # Down moves the start later by a word (here: to the second word).
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert actor_bounds(window) == ("ACTOR", second[0], second[1] - 1)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not editor.moving_bounds
    moved = window.project.span(actor.id)
    assert moved is not None and moved.text == text[second[0]:second[1] - 1]
    assert [(r.head, r.tail) for r in window.project.relations(1, ANNOTATOR)] == [(actor.id, claim.id)]
    for _ in range(3):
        window.undo_action.trigger()
    assert actor_bounds(window) == ("ACTOR", *first)


@pytest.fixture
def claimant_both_ways(seeded: Project) -> None:
    """CLAIMANT allowed from a CLAIM to an ACTOR too (a second pair), before the window opens."""
    schema = seeded.schema
    wider = replace(schema, relations=tuple(r.with_pairs((("CLAIM", "ACTOR"),)) for r in schema.relations))
    seeded.extend_schema(wider)


def test_relation_by_key_r_from_a_second_pair(claimant_both_ways: None, window: Any, qtbot: Any) -> None:
    editor = window.editor
    editor.select_text(*offsets_of(editor.text, "الائتلاف الوطني السوري"))
    qtbot.keyClick(editor, Qt.Key.Key_A)
    editor.select_text(*offsets_of(editor.text, "إلى تحرك المجتمع الدولي"))
    qtbot.keyClick(editor, Qt.Key.Key_C)
    by_label = {s.label: s.id for s in window.project.spans(1, ANNOTATOR)}
    editor.select_span(by_label["CLAIM"])
    qtbot.keyClick(editor, Qt.Key.Key_R)  # CLAIMANT's second pair starts at a CLAIM; one ACTOR: preselected
    assert editor.picking_relation and editor.selected_span == by_label["ACTOR"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    rels = window.project.relations(1, ANNOTATOR)
    assert [(r.head, r.tail, r.label) for r in rels] == [(by_label["CLAIM"], by_label["ACTOR"], "CLAIMANT")]
