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
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit

from core.contrast import legible_alpha
from core.direction import is_right_to_left
from core.offsets import Utf16Map
from core.schema import Schema

BACKGROUND_ALPHA = 95
BAR_BACKGROUND_ALPHA = 40
SELECTED_ALPHA = 170
GHOST_ALPHA = 0
BAR_HEIGHT = 4
RELATION_COLOR = "#6a1b9a"
# Room above each line for the relation arcs and below it for the bars.
LINE_HEIGHT_PERCENT = 165
# Where glyphs start and end within a line's height, for arcs above and bars below the letters.
TEXT_TOP = 0.05
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
    rgb = (background.red(), background.green(), background.blue())
    alpha = legible_alpha(rgb, background.alpha(), (base.red(), base.green(), base.blue()),
                          (text.red(), text.green(), text.blue()))
    if alpha == background.alpha():
        return background
    adjusted = QColor(background)
    adjusted.setAlpha(alpha)
    return adjusted


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
    """A span to draw: `key` identifies it for relations and hit tests."""

    key: Hashable
    start: int
    end: int
    style: SpanStyle


def _x(value: object) -> float:
    """QTextLine.cursorToX's x, whether PySide returns it alone or with the position."""
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]


class SpanLayer:
    """Geometry and painting of spans over `edit`'s document (its text set by `set_text`)."""

    def __init__(self, edit: QTextEdit) -> None:
        self.edit = edit
        self.map = Utf16Map("")
        self.spans: list[Painted] = []
        self.lanes: dict[Hashable, int] = {}

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
        block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(edit.document())
        if edit.document().blockCount() > 1:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(block_format)
        else:
            cursor.setBlockFormat(block_format)  # one paragraph (most statements): no selection to build

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

    def anchor(self, start: int, end: int) -> QPointF:
        """Top middle of the span's first line, where a relation arc starts or ends."""
        segments = self.segments(start, end)
        if not segments:
            return QPointF()
        first = segments[0]
        return QPointF(first.center().x(), first.top() + first.height() * TEXT_TOP)

    # ------------------------------------------------------------ content

    def show(self, spans: Sequence[Painted], after: Sequence[QTextEdit.ExtraSelection] = ()) -> None:
        """Draw these spans (longest first, so a nested one paints over the one around it);
        `after` are further selections on top (search hits)."""
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
                fmt.setUnderlineColor(QColor(RELATION_COLOR))
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

    def paint(self, painter: QPainter, relations: Sequence[tuple[Hashable, Hashable]] = ()) -> None:
        """Bars, outlines and relation arcs (head key, tail key) on the viewport."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        by_key = {span.key: span for span in self.spans}
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
        pen = QPen(QColor(RELATION_COLOR))
        pen.setWidthF(1.8)
        for head_key, tail_key in relations:
            head, tail = by_key.get(head_key), by_key.get(tail_key)
            if head is None or tail is None:
                continue
            a, b = self.anchor(head.start, head.end), self.anchor(tail.start, tail.end)
            rise = min(26.0, 10.0 + abs(a.x() - b.x()) / 10)
            top = min(a.y(), b.y()) - rise
            path = QPainterPath(a)
            path.cubicTo(QPointF(a.x(), top), QPointF(b.x(), top), b)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(RELATION_COLOR))
            painter.drawEllipse(a, 3.0, 3.0)
            painter.drawPolygon(QPolygonF([b, QPointF(b.x() - 5, b.y() - 8), QPointF(b.x() + 5, b.y() - 8)]))

    def keys_at(self, point: QPointF) -> list[Hashable]:
        """The spans under a viewport point, innermost (shortest) first."""
        hits = [s for s in self.spans if any(r.contains(point) for r in self.segments(s.start, s.end))]
        return [s.key for s in sorted(hits, key=lambda s: (s.end - s.start, s.start))]
