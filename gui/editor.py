"""The statement editor: read-only text, keyboard selection, spans drawn over the text.

The widget only emits what the annotator asked for (a span, a relabel, a deletion, a
relation); the main window turns those into undoable store operations. Offsets leave
this widget as code points: `Utf16Map` converts Qt's UTF-16 positions at the boundary.
The document is never modified to show spans: they are `ExtraSelection`s over it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from core.direction import is_right_to_left
from core.schema import Schema
from core.snap import dragged_bounds, exact_span, moved_bounds, snap_to_words
from gui.colors import SEARCH_HIT_ALPHA, SEARCH_HIT_BACKGROUND, SEARCH_HIT_TEXT, apply_selection_colors
from gui.i18n import current_language
from gui.names import label_title, relation_title
from gui.spanlayer import Painted, SpanLayer, SpanStyle, label_color, label_fill
from gui.spanlayer import _x as x_of  # PySide's cursorToX return shape, handled there once
from store.project import StoredRelation, StoredSpan

BASE_POINT_SIZE = 18
_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
# How near (in pixels, either side) the pointer must be to an edge of the selected span to drag it.
EDGE_GRIP = 4
_MODIFIER_KEYS = (Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta)


class StatementEditor(QTextEdit):
    labelRequested = Signal(str, int, int)  # label, start, end (code points, end exclusive)
    relabelRequested = Signal(int, str)  # span id, new label
    boundsRequested = Signal(int, int, int)  # span id, new start, new end
    deleteRequested = Signal(int)  # span id
    relationRequested = Signal(int, int, str)  # head span id, tail span id, relation label
    attrsRequested = Signal(int, dict)  # span id, its new attributes
    spanSelected = Signal(int)  # span id, or -1 for none
    helpRequested = Signal()
    message = Signal(str)  # a hint for the status bar

    def __init__(self, schema: Schema, parent: QWidget | None = None, *, font_family: str | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        font = QFont(font_family) if font_family else QFont()
        font.setPointSize(BASE_POINT_SIZE)
        self.setFont(font)
        self._base_point_size = BASE_POINT_SIZE
        self.document().setDocumentMargin(28)
        apply_selection_colors(self)  # a selection unlike any label colour (gui/colors.py)
        self.text = ""
        # Span geometry and painting (gui/spanlayer.py), shared with the review lanes.
        self.layer = SpanLayer(self, tags=True)
        self.spans: list[StoredSpan] = []
        self.relations: list[StoredRelation] = []
        self.selected_span: int | None = None
        self._relation_from: int | None = None  # head span while picking a relation's tail
        self._relation_type: str | None = None
        self._press_pos: QPoint | None = None
        # A drag of the selected span's edge: which edge ("start"/"end"), and the bounds it would give.
        self._drag_edge: str | None = None
        self._drag_bounds: tuple[int, int] | None = None
        self._drag_cancelled = False  # Esc during a drag: its release does nothing
        self.viewport().setMouseTracking(True)  # the resize cursor over an edge, before any press
        self._text_pointer = self.viewport().cursor().shape()  # what the pointer is elsewhere over the text
        # `b` on a selected span: the arrows move its boundaries until Return, Esc or `b`.
        self._bounds_mode = False
        self._layout_shortcuts: list[QShortcut] = []
        self._install_layout_shortcuts()
        self.search_matches: list[tuple[int, int]] = []  # gui/search.py: the active query's hits

    # --------------------------------------------------------------- content

    def set_schema(self, schema: Schema) -> None:
        self.schema = schema
        self._install_layout_shortcuts()
        self._refresh()

    def _install_layout_shortcuts(self) -> None:
        """The label keys and `r` once more as widget shortcuts.

        keyPressEvent handles them on a Latin keyboard (and claims them, so these never
        fire twice). On an Arabic layout the `a` key arrives as ش, which keyPressEvent
        does not know; Qt's shortcut matching falls back to the key's Latin meaning.
        """
        for shortcut in getattr(self, "_layout_shortcuts", []):
            shortcut.setParent(None)
            shortcut.deleteLater()
        shortcuts: list[QShortcut] = []

        def add(sequence: str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)

        for label in self.schema.labels:
            if label.key:
                add(label.key.upper(), partial(self.apply_label, label.name))
                add(f"Alt+{label.key.upper()}", partial(self.apply_label, label.name, exact=True))
        add("R", self.start_relation)
        add("B", self.toggle_bounds_mode)
        self._layout_shortcuts = shortcuts

    def show_statement(self, text: str, spans: list[StoredSpan], relations: list[StoredRelation]) -> None:
        """Show a statement (right-aligned RTL if Arabic, LTR otherwise) and give it the focus."""
        self.text = text
        self.layer.set_text(text)
        self.selected_span = None
        self.spans, self.relations = [], []  # the previous statement's offsets mean nothing here
        self._cancel_relation()
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        self.search_matches = []
        self.set_annotations(spans, relations)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_annotations(self, spans: list[StoredSpan], relations: list[StoredRelation]) -> None:
        """New spans and relations for the statement shown (after an edit, undo or redo)."""
        self.spans = list(spans)
        self.relations = list(relations)
        if self.selected_span is not None and self.span(self.selected_span) is None:
            self.selected_span = None
        if self._relation_from is not None and self.span(self._relation_from) is None:
            self._cancel_relation()
        self._refresh()

    def set_search_matches(self, ranges: list[tuple[int, int]]) -> None:
        """Highlight search hits, code-point ranges of the statement shown (gui/search.py)."""
        self.search_matches = [(a, b) for a, b in ranges if 0 <= a < b <= len(self.text)]
        self._refresh()

    def _search_selections(self) -> list[QTextEdit.ExtraSelection]:
        # Last in the list, so the hit's text color wins; the background is translucent,
        # so a span under a hit still shows its color.
        selections = []
        background = QColor(SEARCH_HIT_BACKGROUND)
        background.setAlpha(SEARCH_HIT_ALPHA)
        for start, end in self.search_matches:
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(background))
            fmt.setForeground(QBrush(QColor(SEARCH_HIT_TEXT)))
            extra = QTextEdit.ExtraSelection()
            extra.cursor = self.cursor_for(start, end)
            extra.format = fmt
            selections.append(extra)
        return selections

    def span(self, span_id: int) -> StoredSpan | None:
        return next((s for s in self.spans if s.id == span_id), None)

    # ------------------------------------------------------------ selection

    def selection_offsets(self) -> tuple[int, int]:
        """The text selection in code points (start == end when nothing is selected)."""
        cursor = self.textCursor()
        return self.layer.map.from_utf16(cursor.selectionStart()), self.layer.map.from_utf16(cursor.selectionEnd())

    def select_text(self, start: int, end: int) -> None:
        """Select code points [start, end) as if the annotator had (tests, search hits)."""
        cursor = self.textCursor()
        cursor.setPosition(self.layer.map.to_utf16(start))
        cursor.setPosition(self.layer.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_span(self, span_id: int | None) -> None:
        if span_id is not None and self.span(span_id) is None:
            span_id = None
        if span_id != self.selected_span:
            self._end_bounds_mode()
        if span_id == self.selected_span:
            return
        self.selected_span = span_id
        self._refresh()
        self.spanSelected.emit(-1 if span_id is None else span_id)

    def _clear_text_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    # -------------------------------------------------------------- drawing

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting code points [start, end), for an ExtraSelection."""
        return self.layer.cursor_for(start, end)

    def _refresh(self) -> None:
        candidates = set(self._relation_candidates())
        painted = [
            Painted(
                span.id,
                span.start,
                span.end,
                SpanStyle(
                    label_color(self.schema, span.label),
                    label_fill(self.schema, span.label),
                    selected=span.id == self.selected_span or span.id == self._relation_from,
                    candidate=span.id in candidates,
                ),
                tag=label_title(self.schema, span.label),
            )
            for span in self.spans
        ]
        self.layer.show(painted, self._search_selections())

    def span_segments(self, span: StoredSpan) -> list[QRectF]:
        """Viewport rectangles covering the span, one per visual line it occupies."""
        return self.layer.segments(span.start, span.end)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        self.layer.paint(painter, [(rel.head, rel.tail, relation_title(self.schema, rel.label))
                                   for rel in self.relations])
        self._paint_drag(painter)
        painter.end()

    def _paint_drag(self, painter: QPainter) -> None:
        """While an edge is dragged: the span it would give, outlined in its label's color."""
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if self._drag_bounds is None or span is None:
            return
        pen = QPen(QColor(label_color(self.schema, span.label)))
        pen.setWidthF(2.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.layer.segments(*self._drag_bounds):
            painter.drawRect(rect.adjusted(0, 1, 0, -1))

    def span_rect(self, span: StoredSpan) -> QRect:
        """Viewport rectangle of a span's first character (tests click there)."""
        cursor = self.cursor_for(span.start, span.start)
        rect = self.cursorRect(cursor)
        after = QTextCursor(self.document())
        after.setPosition(self.layer.map.to_utf16(span.start + 1))
        return rect.united(self.cursorRect(after))

    # ----------------------------------------------------------------- zoom

    def set_zoom(self, steps: int) -> None:
        font = self.font()
        font.setPointSize(max(6, self._base_point_size + steps))
        self.setFont(font)
        self._refresh()

    # ------------------------------------------------------------- keyboard

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab walk through the spans instead of moving the focus away.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                backwards = event.key() == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                self._cycle_span(-1 if backwards else 1)
                return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._claims_key(event):
                event.accept()
                return True
        return super().event(event)

    def _claims_key(self, event: QKeyEvent) -> bool:
        """Keys this widget handles itself even if a window shortcut uses them."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self._bounds_mode and event.key() in _ARROWS:
            return True  # Alt+arrows move a boundary here, not to another statement
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Escape):
            return mods == Qt.KeyboardModifier.NoModifier
        letter = self._letter(event)
        if letter is None:
            return False
        if mods & Qt.KeyboardModifier.AltModifier:
            # Only Alt+label key: other Alt+letters stay menu mnemonics (Alt+F opens File).
            return any(lab.key == letter for lab in self.schema.labels)
        return True

    @staticmethod
    def _letter(event: QKeyEvent) -> str | None:
        """The letter or digit of a plain or Alt key press (what label keys and `r` use)."""
        mods = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier):
            return None
        key = event.key()
        if Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
            return chr(key).lower()
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._drag_edge is not None:
            if key == Qt.Key.Key_Escape:
                self._drag_edge = self._drag_bounds = None
                self._drag_cancelled = True
                self.viewport().update()
            return  # keys wait while an edge is being dragged
        letter = self._letter(event)
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if self._bounds_mode:
            if key in _ARROWS:
                self._move_bound(key, by_word=not alt)
                return
            if key in _MODIFIER_KEYS:
                return  # Alt pressed on its way to Alt+arrow
            self._end_bounds_mode()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) or letter == "b":
                return
        if self._relation_from is not None:
            if key == Qt.Key.Key_Escape:
                self._cancel_relation()
                self.message.emit(self.tr("Relation cancelled"))
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_span in self._relation_candidates():
                self._finish_relation(self.selected_span)
                return
        if letter is not None:
            if letter == "r" and not alt:
                self.start_relation()
                return
            if letter == "b" and not alt:
                self.toggle_bounds_mode()
                return
            label = next((lab for lab in self.schema.labels if lab.key and lab.key == letter), None)
            if label is not None:
                self.apply_label(label.name, exact=alt)
                return
            if letter.isdigit() and not alt:
                self._set_attribute_by_digit(int(letter))
                return
            if not alt:
                return  # a read-only text: stray letters do nothing
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not alt:
            if self.selected_span is not None:
                self.deleteRequested.emit(self.selected_span)
            else:
                self.message.emit(self.tr("Nothing to delete: select a span first (click it or press Tab)"))
            return
        if key == Qt.Key.Key_Escape:
            self._clear_text_selection()
            self.select_span(None)
            return
        if event.text() in ("?", "\u061f"):  # ؟, what the ? key gives on an Arabic layout
            self.helpRequested.emit()
            return
        super().keyPressEvent(event)

    # ----------------------------------------------------------- boundaries

    def toggle_bounds_mode(self) -> None:
        """`b`: move the selected span's boundaries with the arrows (again `b`, Return or Esc: done)."""
        if self._bounds_mode:
            self._end_bounds_mode()
            return
        if self.selected_span is None:
            self.message.emit(self.tr("Select a span first (click it or press Tab), then press b"))
            return
        self._bounds_mode = True
        self.message.emit(self.tr(
            "Boundaries: ← → move the end, ↑ ↓ the start, by a word (with Alt, by a character); "
            "Return or Esc when done"
        ))

    def _end_bounds_mode(self) -> None:
        if self._bounds_mode:
            self._bounds_mode = False
            self.message.emit("")

    @property
    def moving_bounds(self) -> bool:
        return self._bounds_mode

    def _move_bound(self, key: int, *, by_word: bool) -> None:
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if span is None:
            self._end_bounds_mode()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # The arrow that moves the text cursor forward moves the end later: Left in Arabic.
            forward = (key == Qt.Key.Key_Right) != is_right_to_left(self.text)
            moved = moved_bounds(self.text, span.start, span.end, edge="end", by_word=by_word, forward=forward)
        else:
            moved = moved_bounds(self.text, span.start, span.end, edge="start", by_word=by_word,
                                 forward=key == Qt.Key.Key_Down)
        if moved is not None:
            self.boundsRequested.emit(span.id, moved[0], moved[1])

    def apply_label(self, label: str, *, exact: bool = False) -> None:
        """Label the text selection (snapped to words unless `exact`), or relabel the selected span."""
        start, end = self.selection_offsets()
        if start != end:
            found = self.schema.label(label)
            bounds = (
                exact_span(self.text, start, end) if exact
                else snap_to_words(self.text, start, end, found.proclitics if found else None)
            )
            if bounds is None:
                self.message.emit(self.tr("Nothing to label: the selection holds only spaces or punctuation"))
                return
            self._clear_text_selection()
            self.labelRequested.emit(label, bounds[0], bounds[1])
            return
        if self.selected_span is not None:
            span = self.span(self.selected_span)
            if span is not None and span.label != label:
                self.relabelRequested.emit(span.id, label)
            return
        self.message.emit(self.tr("Select some text first (Shift+arrows or the mouse)"))

    def _set_attribute_by_digit(self, digit: int) -> None:
        """1–9 pick a value of the selected span's first attribute (a CLAIM's stance); 0 clears it.

        A digit that cannot do that says why, instead of doing nothing.
        """
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if span is None:
            self.message.emit(self.tr(
                "Digits set the selected span's attribute (a claim's stance): select a span first "
                "(click it or press Tab)"
            ))
            return
        language = current_language()
        label = self.schema.label(span.label)
        if label is None or not label.attributes:
            self.message.emit(self.tr("A {0} span has no attribute to set with digits")
                              .replace("{0}", label_title(self.schema, span.label)))
            return
        attribute = label.attributes[0]
        attrs = dict(span.attrs)
        if digit == 0:
            attrs.pop(attribute.name, None)
        elif digit <= len(attribute.values):
            attrs[attribute.name] = attribute.values[digit - 1]
        else:
            self.message.emit(
                self.tr("{0} has {1} values: press 1 to {1}, or 0 to clear it")
                .replace("{0}", attribute.title(language)).replace("{1}", str(len(attribute.values)))
            )
            return
        if attrs != span.attrs:
            self.attrsRequested.emit(span.id, attrs)

    def _cycle_span(self, step: int) -> None:
        pool = self._relation_candidates() if self._relation_from is not None else None
        ordered = sorted(self.spans, key=lambda s: (s.start, -s.end))
        ids = [s.id for s in ordered if pool is None or s.id in pool]
        if not ids:
            return
        if self.selected_span in ids:
            i = (ids.index(self.selected_span) + step) % len(ids)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self._clear_text_selection()
        self.select_span(ids[i])

    # ------------------------------------------------------------ relations

    def _relation_candidates(self) -> list[int]:
        if self._relation_from is None or self._relation_type is None:
            return []
        kind = self.schema.relation(self._relation_type)
        head = self.span(self._relation_from)
        if kind is None or head is None:
            return []
        targets = kind.targets(head.label)
        return [s.id for s in self.spans if s.label in targets and s.id != self._relation_from]

    def start_relation(self) -> None:
        """`r`: link the selected span to another (the first relation type that starts at its label)."""
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if span is None:
            self.message.emit(self.tr("Select a span first (click it or press Tab), then press r"))
            return
        kind = next((r for r in self.schema.relations if r.targets(span.label)), None)
        if kind is None:
            self.message.emit(self.tr("No relation starts at a {0} span").replace("{0}", span.label))
            return
        self._relation_from = span.id
        self._relation_type = kind.name
        candidates = self._relation_candidates()
        if not candidates:
            self._cancel_relation()
            self.message.emit(self.tr("No {0} span to link to").replace("{0}", " / ".join(kind.targets(span.label))))
            return
        self.selected_span = candidates[0] if len(candidates) == 1 else None
        self._refresh()
        self.message.emit(
            self.tr("{0}: click the {1} (or Tab to it and press Return); Esc cancels")
            .replace("{0}", kind.name)
            .replace("{1}", " / ".join(kind.targets(span.label)))
        )

    def _finish_relation(self, tail: int | None) -> None:
        head, kind = self._relation_from, self._relation_type
        self._cancel_relation()
        if head is not None and tail is not None and kind is not None:
            self.selected_span = head
            self.relationRequested.emit(head, tail, kind)
        self._refresh()

    def _cancel_relation(self) -> None:
        self._relation_from = None
        self._relation_type = None
        self._refresh()

    def pick_span(self, span_id: int) -> None:
        """A span chosen outside the text (the spans list): the relation's target while linking."""
        if self._relation_from is not None:
            if span_id in self._relation_candidates():
                self._finish_relation(span_id)
            return
        self._clear_text_selection()
        self.select_span(span_id)

    @property
    def picking_relation(self) -> bool:
        return self._relation_from is not None

    # ---------------------------------------------------------------- mouse

    def edge_rect(self, offset: int, *, end: bool) -> QRectF:
        """Viewport rectangle where the pointer grabs a span's edge at `offset`: a few pixels
        either side of that edge, on the line of the character next to it inside the span
        (so the end of a span wrapped over two lines is grabbed on its second line). Qt's
        cursorToX puts it on the right visual side: the left of the last letter in Arabic."""
        inside = max(0, offset - 1) if end else offset
        probe = self.layer.map.to_utf16(min(inside, max(0, len(self.text) - 1)))
        block = self.document().findBlock(probe)
        layout = block.layout()
        if not block.isValid() or layout is None or layout.lineCount() == 0:
            return QRectF()
        line = layout.lineForTextPosition(probe - block.position())
        if not line.isValid():
            return QRectF()
        x = x_of(line.cursorToX(self.layer.map.to_utf16(offset) - block.position()))
        origin = layout.position() - QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return QRectF(x - EDGE_GRIP, line.y(), 2 * EDGE_GRIP, line.height()).translated(origin)

    def edge_at(self, pos: QPoint) -> str | None:
        """"start" or "end" when `pos` is on that edge of the selected span (the nearer one if both)."""
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if span is None or self._relation_from is not None:
            return None
        point = QPointF(pos)
        found = []
        for edge, offset in (("start", span.start), ("end", span.end)):
            rect = self.edge_rect(offset, end=edge == "end")
            if rect.contains(point):
                found.append((abs(rect.center().x() - point.x()), edge))
        return min(found)[1] if found else None

    def _offset_at(self, pos: QPoint) -> int:
        """The code-point offset of the cursor position nearest viewport point `pos`."""
        position = self.document().documentLayout().hitTest(
            QPointF(pos) + QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value()),
            Qt.HitTestAccuracy.FuzzyHit,
        )
        return self.layer.map.from_utf16(max(0, position))

    @property
    def dragging_edge(self) -> bool:
        return self._drag_edge is not None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        edge = self.edge_at(self._press_pos) if event.button() == Qt.MouseButton.LeftButton else None
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if edge is not None and span is not None:
            # A press on the selected span's edge moves that edge; anywhere else the press
            # selects text as usual.
            self._end_bounds_mode()
            self._drag_cancelled = False
            self._drag_edge = edge
            self._drag_bounds = (span.start, span.end)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        span = self.span(self.selected_span) if self.selected_span is not None else None
        if self._drag_edge is not None and span is not None:
            self._drag_to(span, event)
            event.accept()
            return
        super().mouseMoveEvent(event)
        if not event.buttons():
            shape = Qt.CursorShape.SizeHorCursor if self.edge_at(pos) is not None else self._text_pointer
            if self.viewport().cursor().shape() != shape:
                self.viewport().setCursor(shape)

    def _drag_to(self, span: StoredSpan, event: QMouseEvent) -> None:
        """The dragged edge at the pointer: snapped to words, or with Alt to a character."""
        if self._drag_edge is None:
            return
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        label = self.schema.label(span.label)
        self._drag_bounds = dragged_bounds(
            self.text, span.start, span.end, edge=self._drag_edge, at=self._offset_at(event.position().toPoint()),
            by_word=not alt, proclitics=label.proclitics if label else None,
        )
        self.viewport().update()

    @property
    def drag_preview(self) -> tuple[int, int] | None:
        """The bounds the span would get if the edge dragged now were let go (None: no drag)."""
        return self._drag_bounds

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_cancelled:
            self._drag_cancelled = False
            event.accept()
            return
        if self._drag_edge is not None:
            span_id = self.selected_span
            span = self.span(span_id) if span_id is not None else None
            if span is not None:
                self._drag_to(span, event)  # where it is let go counts, with the modifiers then
            bounds = self._drag_bounds
            self._drag_edge = self._drag_bounds = None
            self.viewport().update()
            event.accept()
            if span is not None and bounds is not None and bounds != (span.start, span.end):
                self.boundsRequested.emit(span.id, bounds[0], bounds[1])  # one edit for the whole drag
            return
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        moved = self._press_pos is not None and (pos - self._press_pos).manhattanLength() > 3
        if moved and self.textCursor().hasSelection():
            return
        hits = self.spans_at(pos)
        if not hits:
            tagged = self.layer.tag_at(QPointF(pos))  # a click on a span's label tag picks that span
            hits = [tagged] if isinstance(tagged, int) else []
        if self._relation_from is not None:
            targets = [h for h in hits if h in self._relation_candidates()]
            if targets:
                self._finish_relation(targets[0])
            return
        if not hits:
            self.select_span(None)
            return
        self._clear_text_selection()
        # Repeated clicks on nested spans cycle from the innermost outwards.
        if self.selected_span in hits:
            self.select_span(hits[(hits.index(self.selected_span) + 1) % len(hits)])
        else:
            self.select_span(hits[0])

    def spans_at(self, pos: QPoint) -> list[int]:
        """Ids of the spans under viewport point `pos`, innermost first."""
        position = self.document().documentLayout().hitTest(
            QPointF(pos) + QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value()),
            Qt.HitTestAccuracy.ExactHit,
        )
        if position < 0:
            return []
        index = self.layer.map.from_utf16(position)
        # hitTest gives the nearer edge of a character: take the spans around that edge.
        inside = [s for s in self.spans if s.start <= index < s.end]
        if not inside:
            inside = [s for s in self.spans if s.start < index <= s.end]
        return [s.id for s in sorted(inside, key=lambda s: (s.end - s.start, s.start))]
