"""View → Guidelines (F2): the schema as the annotator's guide, in a dock beside the text.

Each label with its display name, colour, key and description, its attributes with their
values (the first attribute's values with the digit keys that set them), and each relation
type with its description; all in the UI language where the schema has it, else English,
else whatever language it has. The pane is a read-only rich text that the keyboard scrolls
(arrows, Page Up/Down, Home/End); Esc goes back to the text and F2 there too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSlider, QDockWidget, QTextBrowser, QWidget

from core.schema import Label, Schema, description_in
from gui.features import DockSide, Section
from gui.i18n import RIGHT_TO_LEFT, current_language
from gui.session import EditSession

SHORTCUT = "F2"
Slide = QAbstractSlider.SliderAction
# Keys that scroll the guide: the window's Page Up/Down (previous and next statement) wait
# while the guide has the focus. Home/End with or without Ctrl.
_SCROLL_KEYS = {
    Qt.Key.Key_Up: Slide.SliderSingleStepSub,
    Qt.Key.Key_Down: Slide.SliderSingleStepAdd,
    Qt.Key.Key_PageUp: Slide.SliderPageStepSub,
    Qt.Key.Key_PageDown: Slide.SliderPageStepAdd,
    Qt.Key.Key_Space: Slide.SliderPageStepAdd,
    Qt.Key.Key_Home: Slide.SliderToMinimum,
    Qt.Key.Key_End: Slide.SliderToMaximum,
}
# Wide enough for a description of a few lines beside the editor, narrow enough to leave
# the statement list and the text their room on a 1024 px screen.
MIN_WIDTH = 220
WIDTH = 280


def tr(text: str) -> str:
    return QCoreApplication.translate("Guidelines", text)


def guidelines_html(schema: Schema, language: str, used: frozenset[str] = frozenset()) -> str:
    """The guide to `schema` as Qt rich text, in `language`; labels in `used` are marked as
    used in the statement shown."""
    rtl = language in RIGHT_TO_LEFT
    direction = "rtl" if rtl else "ltr"
    # An arrow that points from the relation's head to its tail in the reading direction
    # (U+2192 is not mirrored by the bidi algorithm).
    arrow = "←" if rtl else "→"
    parts: list[str] = [f'<html><body dir="{direction}">']
    # Outside the f-strings below: lupdate does not read inside them.
    used_here = escape(tr("in this statement"))
    clears = escape(tr("clears"))

    def block(tag: str, content: str, style: str = "") -> None:
        style_attr = f' style="{style}"' if style else ""
        parts.append(f'<{tag} dir="{direction}"{style_attr}>{content}</{tag}>')

    block("h2", escape(tr("Labels")))
    for label in schema.labels:
        title = label.title(language)
        heading = (
            f'<span style="background-color:{label.color}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;'
            f"<b>{escape(title)}</b>"
        )
        if title != label.name:
            heading += f" <small>({escape(label.name)})</small>"
        if label.key:
            heading += f" &nbsp;<code>[{escape(label.key)}]</code>"
        if label.name in used:
            heading += f" &nbsp;<small>✓ {used_here}</small>"
        block("h3", heading, "margin-top:10px; margin-bottom:2px")
        description = description_in(label.description, language)
        if description:
            block("p", escape(description), "margin-top:0px")
        for n, attribute in enumerate(label.attributes):
            # The editor's digit keys set the first attribute only (gui/editor.py).
            values = [
                (f"<code>{i}</code>&nbsp;" if n == 0 else "") + escape(attribute.value_title(value, language))
                for i, value in enumerate(attribute.values, 1)
            ]
            if n == 0:
                values.append(f"<code>0</code>&nbsp;{clears}")
            block("p", f"<b>{escape(attribute.title(language))}</b>: " + " · ".join(values), "margin-top:0px")
    if schema.relations:
        block("h2", escape(tr("Relations")))
        for relation in schema.relations:
            ends = f"{escape(schema.label_title(relation.from_label, language))} {arrow} " \
                   f"{escape(schema.label_title(relation.to_label, language))}"
            block("h3", f"<b>{escape(relation.title(language))}</b>: {ends}", "margin-top:10px; margin-bottom:2px")
            description = description_in(relation.description, language)
            if description:
                block("p", escape(description), "margin-top:0px")
        block("p", escape(tr("Press r on a span to link it; Esc goes back to the text.")), "margin-top:10px")
    parts.append("</body></html>")
    return "".join(parts)


class GuidelinesView(QTextBrowser):
    """The guide: read-only, focusable, scrolled by the keyboard; Esc asks for the text again."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelines_view")
        self.setOpenLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # No text cursor for the keyboard: arrows and Page Up/Down scroll the pane.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMinimumWidth(MIN_WIDTH)
        escape_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape_key.activated.connect(self.dismissed)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, super().sizeHint().height())

    @staticmethod
    def _scroll_action(event: QKeyEvent) -> QAbstractSlider.SliderAction | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            return _SCROLL_KEYS[key]
        if mods == Qt.KeyboardModifier.NoModifier:
            return _SCROLL_KEYS.get(key)
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._scroll_action(event) is not None:
                event.accept()  # the key scrolls here; no window shortcut takes it
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._scroll_action(event)
        if action is None:
            super().keyPressEvent(event)
            return
        self.verticalScrollBar().triggerAction(action)
        event.accept()


class GuidelinesFeature(QObject):
    """View → Guidelines (F2) and its dock, for one edit session's schema.

    `show_pane` shows the dock and puts the focus in it (F2 there again, or Esc, emits
    `dismissed`: back to the text). `refresh` rebuilds the guide when the schema may have
    changed (an import that added labels, another project); `mark_used` marks the labels
    of the statement shown.
    """

    dismissed = Signal()

    def __init__(self, session: EditSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.language = current_language()
        self.view = GuidelinesView(parent)
        self.view.dismissed.connect(self.dismissed)
        self.dock = QDockWidget(tr("Guidelines"), parent)
        self.dock.setObjectName("guidelines_dock")
        self.dock.setWidget(self.view)
        self.dock.hide()
        self.action = QAction(tr("Show the &guidelines"), self)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(self.toggle_focus)
        self._shown: tuple[Schema, frozenset[str]] | None = None
        self._used: frozenset[str] = frozenset()
        session.projectChanged.connect(lambda _project: self.refresh())
        self.refresh()

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.FOCUS: [self.action]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return [(DockSide.TRAILING, self.dock)]  # beside the labels and attributes

    def html(self) -> str:
        return self.view.toHtml()

    def refresh(self) -> None:
        """Rebuild the guide if the schema (or the labels used) changed since it was built."""
        schema = self.session.project.schema
        if self._shown == (schema, self._used):
            return
        self._shown = (schema, self._used)
        position = self.view.verticalScrollBar().value()
        self.view.setHtml(guidelines_html(schema, self.language, self._used))
        self.view.verticalScrollBar().setValue(position)

    def mark_used(self, labels: Sequence[str]) -> None:
        """Mark the labels of the statement shown (only rebuilt while the pane is visible)."""
        self._used = frozenset(labels)
        if self.dock.isVisible():
            self.refresh()

    def show_pane(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_focus(self) -> None:
        """F2: into the guide; from the guide, back to the text (the pane stays open)."""
        if self.dock.isVisible() and self.view.hasFocus():
            self.dismissed.emit()
        else:
            self.show_pane()


def label_tooltip(label: Label, language: str) -> str:
    """A label's guideline as a rich-text tooltip, which Qt wraps (a plain-text tooltip is one
    line as wide as its text: a description became a strip across the screen)."""
    lines = [f"<b>{escape(label.title(language))}</b>" + (f" [{escape(label.key)}]" if label.key else "")]
    description = description_in(label.description, language)
    if description:
        lines.append(escape(description))
    for attribute in label.attributes:
        values = " · ".join(escape(attribute.value_title(v, language)) for v in attribute.values)
        lines.append(f"<i>{escape(attribute.title(language))}</i>: {values}")
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    return f"<qt><p dir='{direction}' style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p></qt>"
