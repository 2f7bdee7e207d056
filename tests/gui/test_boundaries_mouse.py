"""Dragging an edge of the selected span with the mouse: one undoable edit, read back from the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt

from tests.gui.conftest import ANNOTATOR, add_statements

Left = Qt.MouseButton.LeftButton
NoMod = Qt.KeyboardModifier.NoModifier
Alt = Qt.KeyboardModifier.AltModifier
Ctrl = Qt.KeyboardModifier.ControlModifier


def offsets_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def point(p: QPointF) -> QPoint:
    return QPoint(round(p.x()), round(p.y()))


def middle_of(editor: Any, start: int, end: int) -> QPoint:
    """The middle of the text [start, end) on screen (its first line)."""
    return point(editor.layer.segments(start, end)[0].center())


def grip(editor: Any, span: Any, edge: str) -> QPoint:
    offset = span.start if edge == "start" else span.end
    return point(editor.edge_rect(offset, end=edge == "end").center())


def drag(qtbot: Any, editor: Any, start: QPoint, to: QPoint, modifiers: Any = NoMod, png: str | None = None) -> None:
    viewport = editor.viewport()
    qtbot.mouseMove(viewport, start)
    qtbot.mousePress(viewport, Left, modifiers, start)
    middle = QPoint((start.x() + to.x()) // 2, (start.y() + to.y()) // 2)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, to)
    if png:
        editor.grab().save(png)
    qtbot.mouseRelease(viewport, Left, modifiers, to)


def label_span(window: Any, label: str, start: int, end: int) -> Any:
    window.add_span(label, start, end)
    span = next(s for s in window.editor.spans if (s.label, s.start, s.end) == (label, start, end))
    window.editor.select_span(span.id)
    return span


def test_dragging_the_end_of_an_arabic_span_snaps_to_words_keeps_links_and_undoes(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    actor = label_span(window, "ACTOR", *offsets_of(text, "الائتلاف"))
    claim = label_span(window, "CLAIM", *offsets_of(text, "إلى تحرك المجتمع الدولي"))
    window.add_relation(actor.id, claim.id, "CLAIMANT")
    editor.select_span(actor.id)
    # Over the end (in Arabic: the left side of the span), the pointer offers to resize.
    qtbot.mouseMove(editor.viewport(), grip(editor, actor, "end"))
    assert editor.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
    qtbot.mouseMove(editor.viewport(), middle_of(editor, actor.start, actor.end))
    assert editor.viewport().cursor().shape() != Qt.CursorShape.SizeHorCursor
    # Let go inside «السوري»: the span takes the whole word, not the comma after it.
    target = offsets_of(text, "السوري")
    before = window.undo_stack.count()
    drag(qtbot, editor, grip(editor, actor, "end"), middle_of(editor, target[0] + 2, target[0] + 4),
         png="/tmp/drag.png")
    stored = window.project.span(actor.id)
    assert (stored.start, stored.end, stored.text) == (actor.start, target[1], "الائتلاف الوطني السوري")
    assert window.undo_stack.count() == before + 1  # one edit for the whole drag
    assert [(r.head, r.tail) for r in window.project.relations(1, ANNOTATOR)] == [(actor.id, claim.id)]
    assert editor.selected_span == actor.id and not editor.textCursor().hasSelection()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    stored = window.project.span(actor.id)
    assert (stored.start, stored.end) == (actor.start, actor.end)
    assert len(window.project.relations(1, ANNOTATOR)) == 1


def test_the_outline_shows_the_span_to_be_while_dragging(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    actor = label_span(window, "ACTOR", *offsets_of(text, "الوطني"))
    viewport = editor.viewport()
    target = offsets_of(text, "الائتلاف")
    qtbot.mousePress(viewport, Left, NoMod, grip(editor, actor, "start"))
    qtbot.mouseMove(viewport, middle_of(editor, *target))
    assert editor.dragging_edge and editor.drag_preview == (target[0], actor.end)
    assert window.project.span(actor.id).start == actor.start  # nothing written before the release
    qtbot.mouseRelease(viewport, Left, NoMod, middle_of(editor, *target))
    assert not editor.dragging_edge and editor.drag_preview is None
    assert window.project.span(actor.id).text == "الائتلاف الوطني"


def test_emoji_before_the_span_start_dragged_by_word_and_end_by_character(window: Any, qtbot: Any,
                                                                           tmp_path: Path) -> None:
    text = "قال 👩‍👩‍👧 و🇸🇾 إن المنظمة 😀 ترفض الهجوم"
    add_statements(window.project, [text], tmp_path)
    window.reload()
    seq = window.project.statement_count()
    window.open_statement(seq)
    editor = window.editor
    span = label_span(window, "ACTOR", *offsets_of(text, "المنظمة"))
    word = offsets_of(text, "إن")
    drag(qtbot, editor, grip(editor, span, "start"), middle_of(editor, *word))
    stored = window.project.span(span.id)
    assert (stored.start, stored.end, stored.text) == (word[0], span.end, "إن المنظمة")
    # With Alt, by a character: let go between the 3rd and 4th letters of «المنظمة».
    cut = span.start + 3
    between = QPointF(editor.edge_rect(cut, end=True).center())
    drag(qtbot, editor, grip(editor, stored, "end"), point(between), Alt)
    stored = window.project.span(span.id)
    assert (stored.start, stored.end, stored.text) == (word[0], cut, text[word[0]:cut])
    assert [(s.start, s.end) for s in window.project.spans(seq, ANNOTATOR)] == [(word[0], cut)]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    stored = window.project.span(span.id)
    assert (stored.start, stored.end, stored.text) == (span.start, span.end, "المنظمة")


def test_esc_during_a_drag_leaves_the_span_as_it_was(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    actor = label_span(window, "ACTOR", *offsets_of(text, "الوطني"))
    before = window.undo_stack.count()
    viewport = editor.viewport()
    target = middle_of(editor, *offsets_of(text, "الائتلاف"))
    qtbot.mousePress(viewport, Left, NoMod, grip(editor, actor, "start"))
    qtbot.mouseMove(viewport, target)
    assert editor.drag_preview is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.drag_preview is None and not editor.dragging_edge
    qtbot.mouseRelease(viewport, Left, NoMod, target)
    stored = window.project.span(actor.id)
    assert (stored.start, stored.end) == (actor.start, actor.end)
    assert window.undo_stack.count() == before and editor.selected_span == actor.id


def test_a_drag_past_the_other_edge_stops_at_one_letter(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    actor = label_span(window, "ACTOR", *offsets_of(text, "الوطني السوري"))
    drag(qtbot, editor, grip(editor, actor, "end"), middle_of(editor, *offsets_of(text, "دعا")))
    stored = window.project.span(actor.id)
    assert (stored.start, stored.end) == (actor.start, actor.start + 1)


def test_the_end_of_a_span_wrapped_over_two_lines_is_grabbed_on_its_second_line(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    # «النظام السوري، وعدم» runs from the end of the first line onto the second (1200 px window).
    start = text.index("النظام")
    end = text.index("وعدم") + len("وعدم")
    claim = label_span(window, "CLAIM", start, end)
    lines = editor.span_segments(claim)
    assert len(lines) >= 2
    end_grip = editor.edge_rect(claim.end, end=True)
    assert lines[-1].top() <= end_grip.center().y() <= lines[-1].bottom()
    assert abs(end_grip.center().x() - lines[-1].left()) < 1  # the left side: right-to-left text
    start_grip = editor.edge_rect(claim.start, end=False)
    assert abs(start_grip.center().x() - lines[0].right()) < 1
    target = offsets_of(text, "إفلاته")
    drag(qtbot, editor, point(end_grip.center()), middle_of(editor, *target), png="/tmp/drag-wrapped.png")
    assert window.project.span(claim.id).end == target[1]


def test_dragging_elsewhere_still_selects_text(window: Any, qtbot: Any) -> None:
    editor = window.editor
    text = editor.text
    actor = label_span(window, "ACTOR", *offsets_of(text, "الائتلاف"))
    words = offsets_of(text, "المجتمع الدولي")
    drag(qtbot, editor, middle_of(editor, words[0], words[0] + 1), middle_of(editor, words[1] - 1, words[1]))
    start, end = editor.selection_offsets()
    assert start < end and words[0] <= start and end <= words[1]
    stored = window.project.span(actor.id)
    assert (stored.start, stored.end) == (actor.start, actor.end)
