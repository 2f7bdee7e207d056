"""Spans drawn over the text of a QTextEdit: one layer for the annotator's editor and the review lanes.

The document is never modified: backgrounds are ExtraSelections; bars under the text, outlines
and relation arcs are painted on the viewport from the text layout's geometry. Offsets come in
as code points and are converted to Qt's UTF-16 positions here and only here (core/offsets.py).
Each span comes with an explicit `SpanStyle`, so the editor and a review lane draw the same
spans the same way and differ only in the styles they ask for.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QTextEdit

from core.contrast import contrast_ratio, legible_alpha
from core.direction import is_right_to_left
from core.offsets import Utf16Map
from core.schema import Schema
from gui.arcs import (
    CHANNEL_STEP,
    TAG_GAP,
    Anchor,
    ArcPath,
    ArcRequest,
    Box,
    Channel,
    TagRequest,
    place_names,
    place_tags,
    route_arcs,
)

BACKGROUND_ALPHA = 95
BAR_BACKGROUND_ALPHA = 40
SELECTED_ALPHA = 170
GHOST_ALPHA = 0
BAR_HEIGHT = 4
RELATION_COLOR = "#6a1b9a"
RELATION_COLOR_ON_DARK = "#ce93d8"  # the same purple, light enough for a dark theme's base
# Room above each line for the relation arcs and below it for the bars (the review lanes;
# the editor, which draws label tags too, computes its room from its fonts: `line_gap`).
LINE_HEIGHT_PERCENT = 165
# Rows of label tags above a line: nested spans stack their tags, a third shortens them.
TAG_ROWS = 2
# A tag's text size relative to the text's line height (the tags zoom with the text).
TAG_SIZE = 0.25
# Arcs that fit side by side in a channel before they share its topmost level.
CHANNEL_LEVELS = 3
# Where a relation arc's vertical leg runs in the side margin, from the text's edge.
LEG_INSET = 9.0
# Where glyphs end within a line's height, for the bars below the letters.
TEXT_BOTTOM = 1.0


class Fill(Enum):
    """How a span is drawn: a translucent background, or a bar under the letters (with a
    faint background), so that a span nested in one of the other kind stays visible."""

    BACKGROUND = "background"
    BAR = "bar"


def label_fill(schema: Schema, label: str) -> Fill:
    """The fill of a label: the schema's labels alternate, in order (ACTOR background, CLAIM bar).

    Actors sit inside claims, so the two default labels never share a fill; this is the one
    place that decides it.
    """
    index = next((i for i, lab in enumerate(schema.labels) if lab.name == label), 0)
    return Fill.BAR if index % 2 == 1 else Fill.BACKGROUND


def legible_background(background: QColor, palette: QPalette) -> QColor:
    """`background` (a label colour at a span's alpha) with the alpha lowered where the palette's
    text over it, on the palette's base, would fall under WCAG AA: a dark theme's light text
    on a strong yellow. The light theme's dark text passes at every alpha, so it is unchanged."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    alpha = legible_alpha(background.name(), background.alpha(), base.name(), text.name())
    if alpha == background.alpha():
        return background
    adjusted = QColor(background)
    adjusted.setAlpha(alpha)
    return adjusted


def relation_color(palette: QPalette) -> QColor:
    """The arcs' and relation names' colour: whichever purple stands out more from the base
    (on the dark theme's base #1f1f1f the dark purple has 1.8:1, the light one 7.0:1)."""
    base = palette.color(QPalette.ColorRole.Base).name()
    best = max((RELATION_COLOR, RELATION_COLOR_ON_DARK), key=lambda color: contrast_ratio(color, base))
    return QColor(best)


def label_color(schema: Schema, label: str) -> str:
    found = schema.label(label)
    return found.color if found else "#9e9e9e"


@dataclass(frozen=True, slots=True)
class SpanStyle:
    """How one span looks: its label's color and fill, and what this view adds to it.

    `selected` strengthens it; `candidate` dashes an underline (a relation's possible end);
    `ghost` draws only a dashed outline, no fill (a span someone else marked);
    `outline` draws a frame in that color (a difference a reviewer should see).
    """

    color: str
    fill: Fill
    selected: bool = False
    candidate: bool = False
    ghost: bool = False
    outline: str | None = None


@dataclass(frozen=True, slots=True)
class Painted:
    """A span to draw: `key` identifies it for relations and hit tests; `tag` is the
    label's name as shown in a small tag above the span ("" for none)."""

    key: Hashable
    start: int
    end: int
    style: SpanStyle
    tag: str = ""


# A relation to draw: head key, tail key and, optionally, its name to write on the arc.
Link = tuple[Hashable, Hashable] | tuple[Hashable, Hashable, str]


def tag_text_color(background: str) -> str:
    """Black or white, whichever reads better on a tag of `background`."""
    return "#000000" if contrast_ratio("#000000", background) >= contrast_ratio("#ffffff", background) else "#ffffff"


def _x(value: object) -> float:
    """QTextLine.cursorToX's x, whether PySide returns it alone or with the position."""
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]


class SpanLayer:
    """Geometry and painting of spans over `edit`'s document (its text set by `set_text`)."""

    def __init__(self, edit: QTextEdit, *, tags: bool = False) -> None:
        self.edit = edit
        self.tags = tags
        self.map = Utf16Map("")
        self.spans: list[Painted] = []
        self.lanes: dict[Hashable, int] = {}
        self._spaced_for: tuple[str, float] | None = None  # the font the line spacing was computed for

    def set_text(self, text: str) -> None:
        """Show `text` in the edit, right-aligned right-to-left if it is Arabic, left-to-right otherwise."""
        self.map = Utf16Map(text)
        self.spans = []
        self.lanes = {}
        edit = self.edit
        edit.setPlainText(text)
        rtl = is_right_to_left(text)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        # AlignAbsolute: an Arabic statement is right-aligned whatever the UI's direction.
        align = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute
        option = edit.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(align)
        edit.document().setDefaultTextOption(option)
        block_format = QTextBlockFormat()
        block_format.setLayoutDirection(direction)
        block_format.setAlignment(align)
        self._set_line_spacing(block_format)
        cursor = QTextCursor(edit.document())
        if edit.document().blockCount() > 1:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(block_format)
        else:
            cursor.setBlockFormat(block_format)  # one paragraph (most statements): no selection to build

    # ------------------------------------------------------------ spacing

    def tag_font(self) -> QFont:
        """The tags' and relation names' font: the UI's face (plainer than a Naskh at small
        sizes, and of modest height), sized from the text so that it zooms with it."""
        font = QFont(QApplication.font())
        font.setPixelSize(max(9, round(QFontMetricsF(self.edit.font()).height() * TAG_SIZE)))
        font.setBold(True)
        return font

    def tag_height(self) -> float:
        return QFontMetricsF(self.tag_font()).height() + 2

    def line_gap(self) -> float:
        """The room above a line of the editor: the previous line's bars (one lane), the arcs'
        channel with their names, and the rows of tags."""
        tag = self.tag_height()
        bars = 2 + BAR_HEIGHT + 4
        channel = tag / 2 + (CHANNEL_LEVELS - 1) * CHANNEL_STEP + tag / 2 + 1
        return bars + channel + TAG_ROWS * (tag + TAG_GAP) + TAG_GAP

    def _set_line_spacing(self, block_format: QTextBlockFormat) -> None:
        if not self.tags:
            block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            return
        gap = self.line_gap()
        block_format.setLineHeight(gap, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
        # The first line needs the same room above it as the others.
        root = self.edit.document().rootFrame()
        frame_format = root.frameFormat()
        frame_format.setTopMargin(max(self.edit.document().documentMargin(), gap))
        root.setFrameFormat(frame_format)
        font = self.edit.font()
        self._spaced_for = (font.family(), font.pointSizeF())

    def _respace_if_zoomed(self) -> None:
        """The editor's font changed size (zoom): the room above the lines follows."""
        font = self.edit.font()
        if not self.tags or self._spaced_for in (None, (font.family(), font.pointSizeF())):
            return
        block_format = QTextBlockFormat()
        self._set_line_spacing(block_format)
        cursor = QTextCursor(self.edit.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block_format)

    # ------------------------------------------------------------ geometry

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting code points [start, end)."""
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(self.map.to_utf16(start))
        cursor.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def segments(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering [start, end), one per visual line (bidi runs joined per line)."""
        start16, end16 = self.map.to_utf16(start), self.map.to_utf16(end)
        edit = self.edit
        offset = QPointF(-edit.horizontalScrollBar().value(), -edit.verticalScrollBar().value())
        rects: list[QRectF] = []
        block = edit.document().findBlock(start16)
        while block.isValid() and block.position() < end16:
            layout = block.layout()
            base = block.position()
            origin = layout.position() + offset
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = base + line.textStart()
                line_end = line_start + line.textLength()
                s, e = max(start16, line_start), min(end16, line_end)
                if s >= e:
                    continue
                x1, x2 = _x(line.cursorToX(s - base)), _x(line.cursorToX(e - base))
                rects.append(QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height()).translated(origin))
            block = block.next()
        return rects

    # ------------------------------------------------------------ content

    def show(self, spans: Sequence[Painted], after: Sequence[QTextEdit.ExtraSelection] = ()) -> None:
        """Draw these spans (longest first, so a nested one paints over the one around it);
        `after` are further selections on top (search hits)."""
        self._respace_if_zoomed()
        self.spans = list(spans)
        self.lanes = self._bar_lanes()
        selections: list[QTextEdit.ExtraSelection] = []
        for span in sorted(self.spans, key=lambda s: (-(s.end - s.start), s.start)):
            style = span.style
            fmt = QTextCharFormat()
            background = QColor(style.color)
            if style.ghost:
                background.setAlpha(GHOST_ALPHA)
            elif style.selected:
                background.setAlpha(SELECTED_ALPHA)
            else:
                background.setAlpha(BAR_BACKGROUND_ALPHA if style.fill is Fill.BAR else BACKGROUND_ALPHA)
            fmt.setBackground(QBrush(legible_background(background, self.edit.palette())))
            if style.candidate:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(relation_color(self.edit.palette()))
            extra = QTextEdit.ExtraSelection()
            extra.cursor = self.cursor_for(span.start, span.end)
            extra.format = fmt
            selections.append(extra)
        self.edit.setExtraSelections(selections + list(after))
        self.edit.viewport().update()

    def _bar_lanes(self) -> dict[Hashable, int]:
        """A lane (0, 1, …) per bar span so that overlapping bars never draw on each other."""
        lanes: dict[Hashable, int] = {}
        placed: list[tuple[int, int, int]] = []  # start, end, lane
        bars = sorted((s for s in self.spans if s.style.fill is Fill.BAR and not s.style.ghost),
                      key=lambda s: (s.start, -s.end))
        for span in bars:
            taken = {lane for start, end, lane in placed if start < span.end and span.start < end}
            lane = next(i for i in range(len(placed) + 1) if i not in taken)
            lanes[span.key] = lane
            placed.append((span.start, span.end, lane))
        return lanes

    def line_boxes(self) -> list[Box]:
        """One box per visual line of the text, across the text's whole width: where letters are."""
        edit = self.edit
        offset = QPointF(-edit.horizontalScrollBar().value(), -edit.verticalScrollBar().value())
        boxes: list[Box] = []
        block = edit.document().begin()
        while block.isValid():
            layout = block.layout()
            origin = layout.position() + offset
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                rect = line.rect().translated(origin)
                boxes.append(Box(rect.left(), rect.top(), rect.right(), rect.bottom()))
            block = block.next()
        return boxes

    def _line_of(self, boxes: list[Box], rect: QRectF) -> int:
        middle = rect.center().y()
        return next((i for i, b in enumerate(boxes) if b.top <= middle <= b.bottom), 0)

    def _channels(self, boxes: list[Box]) -> list[Channel]:
        """The band above each line where arcs run, between the previous line's bars and the tags."""
        tags = self.tag_height() if self.tags else 0.0
        above_tags = (TAG_ROWS * (tags + TAG_GAP) + tags / 2 + 1) if self.tags else TAG_GAP + 1
        channels: list[Channel] = []
        for i, box in enumerate(boxes):
            ceiling = boxes[i - 1].bottom + 2 + BAR_HEIGHT + 4 if i else box.top - self.line_gap()
            if not self.tags and i == 0:
                ceiling = max(0.0, box.top - self.edit.document().documentMargin())
            bottom = box.top - above_tags
            top = min(ceiling + (tags / 2 if self.tags else 0.0), bottom)
            channels.append(Channel(top, bottom))
        return channels

    def tag_boxes(self, boxes: list[Box] | None = None) -> dict[Hashable, tuple[Box, str]]:
        """Where each span's tag goes and the text it shows (shortened when space is short)."""
        if not self.tags:
            return {}
        boxes = self.line_boxes() if boxes is None else boxes
        font = self.tag_font()
        metrics = QFontMetricsF(font)
        height = self.tag_height()
        rtl = is_right_to_left(self.map.text)
        requests: list[TagRequest] = []
        texts: dict[Hashable, tuple[str, str]] = {}
        for span in self.spans:
            if not span.tag or span.style.ghost:
                continue
            segments = self.segments(span.start, span.end)
            if not segments:
                continue
            first = segments[0]
            short = span.tag if len(span.tag) <= 4 else span.tag[:3] + "…"
            texts[span.key] = (span.tag, short)
            requests.append(TagRequest(
                span.key, self._line_of(boxes, first), Box(first.left(), first.top(), first.right(), first.bottom()),
                metrics.horizontalAdvance(span.tag) + 8, metrics.horizontalAdvance(short) + 8, rtl,
            ))
        if not boxes:
            return {}
        bounds = (min(b.left for b in boxes), max(b.right for b in boxes))
        placed = place_tags(requests, rows=TAG_ROWS, height=height, bounds=bounds)
        result: dict[Hashable, tuple[Box, str]] = {}
        for request in requests:
            box = placed[request.key]
            full, short = texts[request.key]
            result[request.key] = (box, full if box.width >= request.width - 0.5 else short)
        return result

    def arc_paths(
        self,
        relations: Sequence[Link],
        boxes: list[Box] | None = None,
        tags: dict[Hashable, tuple[Box, str]] | None = None,
    ) -> list[ArcPath]:
        """The relations' arcs routed between the lines (gui/arcs.py), keyed by their index
        (`boxes` and `tags` when the caller has them already)."""
        by_key = {span.key: span for span in self.spans}
        boxes = self.line_boxes() if boxes is None else boxes
        if not boxes:
            return []
        tags = self.tag_boxes(boxes) if tags is None else tags
        requests: list[ArcRequest] = []
        for index, link in enumerate(relations):
            head, tail = by_key.get(link[0]), by_key.get(link[1])
            if head is None or tail is None:
                continue
            requests.append(ArcRequest(index, self._anchors(head, boxes, tags), self._anchors(tail, boxes, tags)))
        left = min(b.left for b in boxes) - LEG_INSET
        right = max(b.right for b in boxes) + LEG_INSET
        paths = route_arcs(requests, self._channels(boxes), margins=(left, right))
        metrics = QFontMetricsF(self.name_font())
        sizes: dict[Hashable, tuple[float, float]] = {
            i: (metrics.horizontalAdvance(link[2]) + 6, metrics.height())
            for i, link in enumerate(relations) if len(link) > 2 and link[2]
        }
        return place_names(paths, sizes)

    def name_font(self) -> QFont:
        """The font of the relations' names on their arcs."""
        font = self.tag_font()
        font.setBold(False)
        return font

    def _anchors(self, span: Painted, boxes: list[Box], tags: dict[Hashable, tuple[Box, str]]) -> list[Anchor]:
        """Where an arc may meet a span: its tag, else the top of each of its line pieces."""
        anchors: list[Anchor] = []
        tagged = tags.get(span.key)
        for i, rect in enumerate(self.segments(span.start, span.end)):
            line = self._line_of(boxes, rect)
            if i == 0 and tagged is not None:
                anchors.append(Anchor(line, tagged[0]))
            else:
                anchors.append(Anchor(line, Box(rect.left() + 2, rect.top() - TAG_GAP, rect.right() - 2, rect.top())))
        return anchors

    def paint(self, painter: QPainter, relations: Sequence[Link] = ()) -> None:
        """Bars, outlines, tags and relation arcs (head key, tail key[, name]) on the viewport."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for span in self.spans:
            style = span.style
            lane = self.lanes.get(span.key)
            rects = self.segments(span.start, span.end) if (lane is not None or style.ghost or style.outline) else []
            if lane is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(style.color))
                thick = BAR_HEIGHT + (2 if style.selected else 0)
                for rect in rects:
                    y = rect.top() + rect.height() * TEXT_BOTTOM + 2 + lane * (BAR_HEIGHT + 2)
                    painter.drawRect(QRectF(rect.left(), y, rect.width(), thick))
            if style.ghost or style.outline:
                pen = QPen(QColor(style.outline or style.color))
                pen.setWidthF(2.0)
                if style.ghost:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in rects:
                    painter.drawRoundedRect(rect.adjusted(1, 2, -1, -2), 3, 3)
        boxes = self.line_boxes()
        tags = self.tag_boxes(boxes)
        self._paint_tags(painter, tags)
        self._paint_arcs(painter, relations, self.arc_paths(relations, boxes, tags) if relations else [])

    def _paint_tags(self, painter: QPainter, tags: dict[Hashable, tuple[Box, str]]) -> None:
        if not tags:
            return
        painter.setFont(self.tag_font())
        by_key = {span.key: span for span in self.spans}
        for key, (box, text) in tags.items():
            style = by_key[key].style
            rect = QRectF(box.left, box.top, box.width, box.height)
            painter.setPen(QPen(QColor("#202020"), 1.5) if style.selected else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(style.color))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor(tag_text_color(style.color)))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_arcs(self, painter: QPainter, relations: Sequence[Link], paths: list[ArcPath]) -> None:
        color = relation_color(self.edit.palette())
        pen = QPen(color)
        pen.setWidthF(1.6)
        font = self.name_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        halo = QColor(self.edit.palette().base().color())
        halo.setAlpha(225)
        for arc in paths:
            points = [QPointF(x, y) for x, y in arc.points]
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_rounded(points, 4.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            a, b = points[0], points[-1]
            painter.drawEllipse(a, 2.5, 2.5)
            painter.drawPolygon(QPolygonF([b, QPointF(b.x() - 4, b.y() - 7), QPointF(b.x() + 4, b.y() - 7)]))
            link = relations[int(arc.key)]  # type: ignore[call-overload]
            name = link[2] if len(link) > 2 else ""
            if name:
                x, y = arc.label_at
                width = metrics.horizontalAdvance(name) + 6
                rect = QRectF(x - width / 2, y - metrics.height() / 2, width, metrics.height())
                painter.setBrush(halo)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(color)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), name)

    def tag_at(self, point: QPointF) -> Hashable | None:
        """The span whose label tag is under a viewport point (a tag stands for its span)."""
        return next(
            (key for key, (box, _text) in self.tag_boxes().items()
             if box.left <= point.x() <= box.right and box.top <= point.y() <= box.bottom),
            None,
        )

    def keys_at(self, point: QPointF) -> list[Hashable]:
        """The spans under a viewport point, innermost (shortest) first."""
        hits = [s for s in self.spans if any(r.contains(point) for r in self.segments(s.start, s.end))]
        return [s.key for s in sorted(hits, key=lambda s: (s.end - s.start, s.start))]


def _rounded(points: list[QPointF], radius: float) -> QPainterPath:
    """A polyline with its corners rounded (arcs read as curves, as in brat)."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        before, corner, after = points[i - 1], points[i], points[i + 1]
        r1 = min(radius, _length(before, corner) / 2)
        r2 = min(radius, _length(corner, after) / 2)
        path.lineTo(_toward(corner, before, r1))
        path.quadTo(corner, _toward(corner, after, r2))
    path.lineTo(points[-1])
    return path


def _length(a: QPointF, b: QPointF) -> float:
    return float(((a.x() - b.x()) ** 2 + (a.y() - b.y()) ** 2) ** 0.5)


def _toward(origin: QPointF, target: QPointF, distance: float) -> QPointF:
    length = _length(origin, target)
    if length == 0:
        return QPointF(origin)
    return origin + (target - origin) * (distance / length)
