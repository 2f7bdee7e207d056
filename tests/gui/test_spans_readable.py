"""Spans and arcs you can read: label tags over spans, arcs routed between the lines, emoji drawn.

The spans and relations are made with the keys an annotator uses; what is checked is read
back from the editor: where its span layer puts tags and arcs (gui/spanlayer.py, routed by
gui/arcs.py), and pixels of the painted widget.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QRawFont

from gui.arcs import (
    Anchor,
    ArcRequest,
    Box,
    Channel,
    TagRequest,
    place_tags,
    polyline_points,
    route_arcs,
)
from gui.editor import StatementEditor
from gui.names import label_title, relation_title
from tests.gui.conftest import add_statements

LONG = (
    "أعلنت منظمة حظر الأسلحة الكيميائية أن مديرها العام، فرناندو أرياس، اجتمع مع مساعدة وزير الخارجية "
    "الأميركي لمكتب الحد من الأسلحة والردع والمراقبة، مالوري ستيوارت، وبحث معها سبل دعم عمل المنظمة "
    "في سوريا، وطالبت الشبكة السورية لحقوق الإنسان بمحاسبة النظام السوري على استخدام الأسلحة "
    "الكيميائية ضد المدنيين في الغوطة وخان شيخون واللطامنة، وأكدت أن العدالة لن تسقط بالتقادم."
)
EMOJI = "رفع المتظاهرون علم 🇸🇾 وصورة عائلة 👩‍👩‍👧 أمام مقر المنظمة"


# ---------------------------------------------------------------- helpers


def open_text(window: Any, text: str, tmp_path: Path) -> StatementEditor:
    add_statements(window.project, [text], tmp_path)
    window.reload()
    window.open_statement(window.project.statement_count())
    editor: StatementEditor = window.editor
    assert editor.text == text
    return editor


def label(qtbot: Any, editor: StatementEditor, text: str, sub: str, key: Qt.Key, occurrence: int = 0) -> int:
    """Select `sub` as the annotator would and press the label's key; the new span's id."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(sub, start + 1)
    before = {s.id for s in editor.spans}
    editor.select_text(start, start + len(sub))
    qtbot.keyClick(editor, key)
    (new,) = [s for s in editor.spans if s.id not in before]
    assert (new.start, new.end) == (start, start + len(sub))
    return new.id


def link(qtbot: Any, editor: StatementEditor, head: int, tail: int) -> None:
    """r on the head, Tab to the tail, Return."""
    before = len(editor.relations)
    editor.pick_span(head)
    qtbot.keyClick(editor, Qt.Key.Key_R)
    for _ in range(len(editor.spans)):
        if editor.selected_span == tail:
            break
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert len(editor.relations) == before + 1
    assert (editor.relations[-1].head, editor.relations[-1].tail) == (head, tail)


def links(editor: StatementEditor) -> list[tuple[int, int, str]]:
    return [(r.head, r.tail, relation_title(editor.schema, r.label)) for r in editor.relations]


def line_of(boxes: list[Box], y: float) -> int:
    """The line whose box or the room above it holds height `y`."""
    return next(i for i, b in enumerate(boxes) if y <= b.bottom)


# ------------------------------------------------------------------ tags


def test_each_span_has_a_tag_with_its_label_above_its_letters(window: Any, qtbot: Any, tmp_path: Path) -> None:
    editor = open_text(window, LONG, tmp_path)
    outer = label(qtbot, editor, LONG, "منظمة حظر الأسلحة الكيميائية", Qt.Key.Key_A)
    same_start = label(qtbot, editor, LONG, "منظمة حظر", Qt.Key.Key_A)
    inner = label(qtbot, editor, LONG, "الأسلحة الكيميائية", Qt.Key.Key_A)
    claim = label(qtbot, editor, LONG, "اجتمع مع مساعدة وزير الخارجية", Qt.Key.Key_C)
    boxes = editor.layer.line_boxes()
    tags = editor.layer.tag_boxes(boxes)
    assert set(tags) == {outer, same_start, inner, claim}
    for span_id, (box, text) in tags.items():
        span = editor.span(span_id)
        assert span is not None
        assert text == label_title(editor.schema, span.label)
        # Over the letters of its own line, never on them.
        for line in boxes:
            assert not (box.left < line.right and line.left < box.right and box.top < line.bottom
                        and line.top < box.bottom), f"tag {text} covers a line of text"
        first = editor.span_segments(span)[0]
        assert box.bottom <= first.top() and box.bottom > first.top() - editor.layer.line_gap()
        # Its reading side starts inside the span (Arabic: the right edge).
        assert first.left() <= box.right <= first.right() + 0.5
    # Nested spans' tags (two of them starting at the same word) do not collide.
    placed = [box for box, _ in tags.values()]
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not (a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom)


def test_tags_that_cannot_fit_stack_then_shorten() -> None:
    segment = Box(100, 100, 160, 140)
    requests = [TagRequest(k, 0, segment, 50, 20, rtl=True) for k in range(4)]
    placed = place_tags(requests, rows=2, height=12, bounds=(0, 400))
    rows = sorted({round(b.top) for b in placed.values()})
    assert len(rows) == 2, "stacked in the two rows"
    assert any(b.width == 20 for b in placed.values()), "the rest shortened"
    assert all(b.bottom <= segment.top for b in placed.values())


# ------------------------------------------------------------------ arcs


def test_arcs_between_first_and_last_lines_never_cross_the_letters(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    editor = open_text(window, LONG, tmp_path)
    first_actor = label(qtbot, editor, LONG, "منظمة حظر الأسلحة الكيميائية", Qt.Key.Key_A)
    second_actor = label(qtbot, editor, LONG, "فرناندو أرياس", Qt.Key.Key_A)
    last_claim = label(qtbot, editor, LONG, "العدالة لن تسقط بالتقادم", Qt.Key.Key_C)
    middle_claim = label(qtbot, editor, LONG, "بمحاسبة النظام السوري", Qt.Key.Key_C)
    link(qtbot, editor, first_actor, last_claim)
    link(qtbot, editor, second_actor, last_claim)
    link(qtbot, editor, first_actor, middle_claim)
    boxes = editor.layer.line_boxes()
    assert len(boxes) >= 3, "the statement runs over three lines or more"
    paths = editor.layer.arc_paths(links(editor))
    assert len(paths) == 3
    first_span, last_span = editor.span(first_actor), editor.span(last_claim)
    assert first_span is not None and last_span is not None
    head_line = line_of(boxes, editor.span_segments(first_span)[0].center().y())
    tail_line = line_of(boxes, editor.span_segments(last_span)[-1].center().y())
    assert head_line == 0 and tail_line == len(boxes) - 1
    for path in paths:
        for point in polyline_points(path.points, step=0.5):
            inside = [i for i, box in enumerate(boxes) if box.contains(point)]
            assert inside == [], f"arc point {point} crosses the letters of line {inside}"
        # It starts above its head's line and ends above its tail's, where the arrow points down.
        assert path.points[-2][0] == path.end[0] and path.points[-2][1] < path.end[1]
    # The relation's name sits on its arc, in the room between lines, clear of the others' names.
    metrics = QFontMetricsF(editor.layer.name_font())
    names = []
    for path in paths:
        assert not any(box.contains(path.label_at) for box in boxes)
        assert path.label_at in polyline_points(path.points, step=0.5) or any(
            a[1] == b[1] == path.label_at[1] and min(a[0], b[0]) <= path.label_at[0] <= max(a[0], b[0])
            for a, b in zip(path.points, path.points[1:], strict=False))
        name = links(editor)[int(path.key)][2]  # type: ignore[call-overload]
        width = metrics.horizontalAdvance(name) + 6
        names.append(Box(path.label_at[0] - width / 2, path.label_at[1] - metrics.height() / 2,
                         path.label_at[0] + width / 2, path.label_at[1] + metrics.height() / 2))
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not (a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom)
    editor.grab()  # painting them works


def test_nested_actors_arcs_start_at_different_points(window: Any, qtbot: Any, tmp_path: Path) -> None:
    editor = open_text(window, LONG, tmp_path)
    outer = label(qtbot, editor, LONG, "منظمة حظر الأسلحة الكيميائية", Qt.Key.Key_A)
    inner = label(qtbot, editor, LONG, "منظمة حظر", Qt.Key.Key_A)  # same label, same first word
    claim = label(qtbot, editor, LONG, "اجتمع مع مساعدة وزير الخارجية", Qt.Key.Key_C)
    link(qtbot, editor, outer, claim)
    link(qtbot, editor, inner, claim)
    tags = editor.layer.tag_boxes()
    paths = editor.layer.arc_paths(links(editor))
    starts = {editor.relations[int(p.key)].head: p.start for p in paths}
    assert math.dist(starts[outer], starts[inner]) > 10
    for head, start in starts.items():
        box, _text = tags[head]
        assert box.left <= start[0] <= box.right and start[1] == box.top, "each arc leaves its own tag"


def test_a_claim_over_two_lines_takes_the_arrow_on_the_piece_nearest_its_actor(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    editor = open_text(window, LONG, tmp_path)
    boxes = editor.layer.line_boxes()
    # A claim from the middle of line 0 to the middle of line 1, and an actor on line 1.
    ends = []
    for line in (0, 1):
        box = boxes[line]
        hit = editor.document().documentLayout().hitTest(QPointF(box.center_x, (box.top + box.bottom) / 2),
                                                         Qt.HitTestAccuracy.FuzzyHit)
        ends.append(editor.layer.map.from_utf16(hit))
    start = LONG.rfind(" ", 0, ends[0]) + 1
    end = LONG.find(" ", ends[1])
    claim = label(qtbot, editor, LONG, LONG[start:end], Qt.Key.Key_C)
    claim_span = editor.span(claim)
    assert claim_span is not None and len(editor.span_segments(claim_span)) == 2
    actor_text = LONG[end + 1:].split(" ")[1]
    actor = label(qtbot, editor, LONG, actor_text, Qt.Key.Key_A, occurrence=LONG[:end].count(actor_text))
    link(qtbot, editor, actor, claim)
    (path,) = editor.layer.arc_paths(links(editor))
    boxes = editor.layer.line_boxes()
    # The arrow lands on the claim's second piece, the actor's line: no trip to line 0.
    assert line_of(boxes, path.end[1]) == 1
    assert min(y for _x, y in path.points) > boxes[0].bottom
    second = editor.span_segments(claim_span)[1]
    assert second.left() <= path.end[0] <= second.right()


def test_arcs_share_a_channel_at_different_heights() -> None:
    lines = [Box(20, 60 + 100 * i, 620, 100 + 100 * i) for i in range(3)]
    channels = [Channel(b.top - 40, b.top - 20) for b in lines]
    head = [Anchor(0, Box(500, 45, 540, 58))]
    arcs = [ArcRequest(k, head, [Anchor(0, Box(100 + 40 * k, 45, 130 + 40 * k, 58))]) for k in range(3)]
    paths = route_arcs(arcs, channels, margins=(10, 630))
    heights = {p.points[1][1] for p in paths}
    assert len(heights) == 3, "overlapping arcs run at different heights"
    # Between lines, the vertical legs go down the margin, outside the text.
    far = route_arcs([ArcRequest("x", head, [Anchor(2, Box(100, 245, 140, 258))])], channels, margins=(10, 630))
    xs = {x for x, _y in far[0].points[2:4]}
    assert xs <= {10, 630}
    for point in polyline_points(far[0].points):
        assert not any(b.contains(point) for b in lines)


def test_review_lanes_still_draw_spans_and_arcs(window: Any, qtbot: Any) -> None:
    from core.review import AGREED, LaneSpan
    from gui.lanes import LaneView

    lane = LaneView("amal", window.project.schema, font=QFont(window.editor.font()))
    qtbot.addWidget(lane)
    lane.resize(600, 200)
    text = LONG
    spans = [LaneSpan(6, 35, "ACTOR", AGREED), LaneSpan(text.index("العدالة"), len(text) - 1, "CLAIM", AGREED)]
    lane.show_lane(text, spans, [((6, 35, "ACTOR"), (spans[1].start, spans[1].end, "CLAIM"))])
    lane.show()
    assert lane.layer.tag_boxes() == {}, "no tags in the lanes"
    (path,) = lane.layer.arc_paths(lane.relations)
    assert not any(b.contains(p) for b in lane.layer.line_boxes() for p in polyline_points(path.points))
    lane.grab()


# ----------------------------------------------------------------- emoji


def test_flags_and_emoji_are_drawn_in_colour(window: Any, tmp_path: Path) -> None:
    from gui.fonts import emoji_font_family

    editor = open_text(window, EMOJI, tmp_path)
    families = editor.font().families()
    emoji = emoji_font_family()
    assert emoji and emoji in families and families[0] != emoji, "the emoji face backs the Arabic one"
    raw = QRawFont.fromFont(QFont(emoji))
    assert all(raw.supportsCharacter(ord(ch)) for ch in "🇸🇾👩👧")
    # The flag's pixels are coloured: the Syrian flag's red band is there, not a grey box.
    start = EMOJI.index("🇸🇾")
    image = editor.viewport().grab().toImage()
    rect = editor.layer.segments(start, start + 1)[0]
    reds = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            c = image.pixelColor(x, y)
            if c.red() > 150 and c.green() < 80 and c.blue() < 80:
                reds += 1
    assert reds > 10, "the flag is drawn in colour"


def test_list_rows_fit_their_tallest_face(window: Any) -> None:
    font = window.list_view.font()
    assert len(font.families()) >= 2
    row = window.list_view.verticalHeader().defaultSectionSize()
    for family in font.families():
        face = QFont(font)
        face.setFamilies([family])
        assert row >= math.ceil(QFontMetricsF(face).height()), f"{family} would be clipped"
    assert window.list_view.verticalHeader().sectionResizeMode(0).name == "Fixed"


@pytest.mark.parametrize("steps", [-3, 6])
def test_zoom_keeps_tags_off_the_letters(window: Any, qtbot: Any, tmp_path: Path, steps: int) -> None:
    editor = open_text(window, LONG, tmp_path)
    label(qtbot, editor, LONG, "منظمة حظر الأسلحة الكيميائية", Qt.Key.Key_A)
    editor.set_zoom(steps)
    boxes = editor.layer.line_boxes()
    for box, _ in editor.layer.tag_boxes(boxes).values():
        assert not any(box.top < b.bottom and b.top < box.bottom for b in boxes)
        assert box.top >= 0 - editor.verticalScrollBar().value()


def test_an_arabic_statement_opening_with_a_flag_reads_right_to_left(window: Any, tmp_path: Path) -> None:
    # A flag's regional indicators are bidi class L; the statement is Arabic all the same.
    text = "🇸🇾 " + EMOJI
    editor = open_text(window, text, tmp_path)
    assert editor.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    (line, *_rest) = editor.layer.line_boxes()
    image = editor.viewport().grab().toImage()
    reds = [x for x in range(int(line.left), int(line.right))
            for y in range(int(line.top), int(line.bottom), 2)
            if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 80 and c.blue() < 80]
    assert reds and max(reds) > line.right - 6, "the flag opens the line, on its right"


def test_a_click_on_a_tag_selects_its_span_and_ends_a_relation(window: Any, qtbot: Any, tmp_path: Path) -> None:
    editor = open_text(window, LONG, tmp_path)
    outer = label(qtbot, editor, LONG, "منظمة حظر الأسلحة الكيميائية", Qt.Key.Key_A)
    inner = label(qtbot, editor, LONG, "الأسلحة الكيميائية", Qt.Key.Key_A)
    claim = label(qtbot, editor, LONG, "اجتمع مع مساعدة وزير الخارجية", Qt.Key.Key_C)
    window.show()
    qtbot.waitExposed(window)

    def click_tag(span_id: int) -> None:
        box, _text = editor.layer.tag_boxes()[span_id]
        point = QPointF((box.left + box.right) / 2, (box.top + box.bottom) / 2).toPoint()
        assert editor.spans_at(point) == []  # above the letters: only the tag is there
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)

    editor.select_span(None)
    click_tag(outer)
    assert editor.selected_span == outer
    click_tag(inner)  # the nested ACTOR's own tag picks it, not the one around it
    assert editor.selected_span == inner
    # While linking, the claim's tag is a target as good as its letters.
    qtbot.keyClick(editor, Qt.Key.Key_R)
    assert editor.picking_relation
    click_tag(claim)
    assert [(r.head, r.tail, r.label) for r in window.project.relations(window.current_seq, window.annotator)] == [
        (inner, claim, "CLAIMANT")
    ]
