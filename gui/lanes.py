"""A review lane: one annotator's spans on the statement's text, differences marked by kind.

Read-only; the same text layout and span layer as the annotator's editor (gui/spanlayer.py),
so a span sits on the same letters in every lane. The lane only emits what the reviewer asked
for (accept this span, accept everything of this annotator); the review mode turns that into
undoable writes to `gold`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

from core.review import AGREED, BOUNDARY, EXTRA, LABEL, MISSING, LaneSpan
from core.schema import Schema
from gui.spanlayer import Painted, SpanLayer, SpanStyle, label_color, label_fill

# The frame around a span that differs, by kind (missing ones are dashed ghosts in their label's color).
KIND_OUTLINES = {BOUNDARY: "#fb8c00", LABEL: "#e53935", EXTRA: "#6d4c41"}
KIND_ORDER = (BOUNDARY, LABEL, EXTRA, MISSING)

SpanKey = tuple[int, int, str]


class LaneView(QTextEdit):
    """One annotator's lane. `key` of a span is (start, end, label)."""

    acceptRequested = Signal(str, object)  # annotator, span key
    acceptAllRequested = Signal(str)  # annotator
    spanSelected = Signal(str, object)  # annotator, span key or None
    moveRequested = Signal(int)  # -1: the lane above, +1: the lane below

    def __init__(self, annotator: str, schema: Schema, *, font: QFont | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotator = annotator
        self.schema = schema
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if font is not None:
            self.setFont(font)
        self.document().setDocumentMargin(14)
        self.layer = SpanLayer(self)
        self.text = ""
        self.spans: list[LaneSpan] = []
        self.relations: list[tuple[SpanKey, SpanKey]] = []
        self.selected: SpanKey | None = None

    # ------------------------------------------------------------ content

    def show_lane(self, text: str, spans: list[LaneSpan], relations: list[tuple[SpanKey, SpanKey]]) -> None:
        if text != self.text:
            self.text = text
            self.layer.set_text(text)
        self.spans = spans
        self.relations = relations
        if self.selected is not None and self.selected not in self.own_keys():
            self.selected = None
        self._refresh()
        self._fit_height()

    def _fit_height(self) -> None:
        # As tall as its text at the current width, so no line of the statement is cut off.
        # (The width is set only when it changed: setting it lays the text out again.)
        width = self.viewport().width()
        if self.document().textWidth() != width:
            self.document().setTextWidth(width)
        self.setFixedHeight(self.sizeHint().height())

    def own_keys(self) -> list[SpanKey]:
        """This annotator's spans (not the ghosts of others'), in text order."""
        return [(s.start, s.end, s.label) for s in sorted(self.spans, key=lambda s: (s.start, -s.end))
                if s.kind != MISSING]

    def counts(self) -> dict[str, int]:
        """How many spans of each kind of difference the lane shows."""
        return {kind: sum(1 for s in self.spans if s.kind == kind) for kind in KIND_ORDER}

    def _refresh(self) -> None:
        painted = []
        for span in self.spans:
            key = (span.start, span.end, span.label)
            ghost = span.kind == MISSING
            painted.append(Painted(
                ("ghost", *key) if ghost else key, span.start, span.end,
                SpanStyle(label_color(self.schema, span.label), label_fill(self.schema, span.label),
                          selected=not ghost and key == self.selected, ghost=ghost,
                          outline=None if span.kind in (AGREED, MISSING) else KIND_OUTLINES[span.kind]),
            ))
        self.layer.show(painted)

    def select(self, key: SpanKey | None) -> None:
        self.selected = key
        self._refresh()
        self.spanSelected.emit(self.annotator, key)

    # ------------------------------------------------------------- size

    def sizeHint(self) -> QSize:
        # As tall as its text: lanes stack without scroll bars of their own.
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        return QSize(super().sizeHint().width(), max(height, 40))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    # --------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        self.layer.paint(painter, self.relations)
        painter.end()

    # --------------------------------------------------------- keyboard

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                backwards = event.key() == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._cycle(-1 if backwards else 1)
                return True
        return super().event(event)

    def _cycle(self, step: int) -> None:
        keys = self.own_keys()
        if not keys:
            return
        i = (keys.index(self.selected) + step) % len(keys) if self.selected in keys else (0 if step > 0 else -1)
        self.select(keys[i])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            if self.selected is not None:
                self.acceptRequested.emit(self.annotator, self.selected)
            return
        if key == Qt.Key.Key_A and mods == Qt.KeyboardModifier.ShiftModifier:
            self.acceptAllRequested.emit(self.annotator)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.ControlModifier:
            self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.select(None)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        hits = [k for k in self.layer.keys_at(QPointF(event.position())) if isinstance(k, tuple) and k[0] != "ghost"]
        self.select(hits[0] if hits else None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hits = [k for k in self.layer.keys_at(QPointF(event.position())) if isinstance(k, tuple) and k[0] != "ghost"]
        if hits:
            self.select(hits[0])
            self.acceptRequested.emit(self.annotator, hits[0])
