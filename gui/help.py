"""The shortcut overlay (F1 or ?): every key the workbench knows, over the window."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QDockWidget, QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.features import DockSide, Section


def tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutOverlay", text)


def editor_shortcuts(label_keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keys handled by the statement editor itself (label keys come from the schema)."""
    rows = [(key, tr("Label the selection as {0} (snapped to whole words)").replace("{0}", name))
            for key, name in label_keys]
    rows += [(f"Alt+{key}", tr("Label exactly the selected characters as {0}").replace("{0}", name))
             for key, name in label_keys]
    rows += [
        (tr("Shift+Arrows"), tr("Select characters")),
        (tr("Ctrl+Shift+Arrows"), tr("Select words")),
        (tr("Shift+Home / Shift+End"), tr("Select to the start / end of the line")),
        (tr("Ctrl+Shift+Home / End"), tr("Select to the start / end of the statement")),
        (tr("Ctrl+A"), tr("Select the whole statement")),
        (tr("Tab / Shift+Tab"), tr("Select the next / previous span")),
        (tr("Click"), tr("Select a span (click again for the span around it)")),
        (tr("Another label's key"), tr("Relabel the selected span")),
        (tr("Delete"), tr("Delete the selected span")),
        (tr("1 … 9, 0"), tr("Set the selected span's first attribute (a claim's stance) to value 1…9; 0 clears")),
        ("r", tr("Link the selected ACTOR to a CLAIM: then click the claim, or Tab to it and Return")),
        ("b", tr("Move the selected span's boundaries: ← → the end, ↑ ↓ the start, by a word (Alt: a character)")),
        (tr("Drag a span's edge"),
         tr("Move that end of the selected span, snapped to words (Alt: a character); one undoable edit; Esc cancels")),
        (tr("Esc"), tr("Clear the selection; cancel linking")),
    ]
    return rows


def shortcut_rows(label_keys: list[tuple[str, str]], actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """The editor's keys, then every action that has a shortcut, each (keys, what) once."""
    rows = editor_shortcuts(label_keys)
    for action in actions:
        if action.shortcuts():
            text = action.text().replace("&", "").rstrip("…")
            if text:
                keys_text = " / ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
                rows.append((keys_text, text))
    rows.append(("? / ؟", tr("This list")))
    return list(dict.fromkeys(rows))


class ShortcutOverlay(QWidget):
    """A translucent sheet over its parent listing shortcuts; any key or click closes it."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        self.title = QLabel()
        self.title.setStyleSheet("color: white; font-size: 20px; font-weight: bold;")
        outer.addWidget(self.title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.footer = QLabel()
        self.footer.setStyleSheet("color: #dddddd;")
        outer.addWidget(self.footer)
        self.rows: list[tuple[str, str]] = []
        parent.installEventFilter(self)
        self.hide()

    def set_shortcuts(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        half = (len(rows) + 1) // 2
        for i, (keys, what) in enumerate(rows):
            column = 0 if i < half else 2
            key_label = QLabel(keys)
            key_label.setStyleSheet("color: #ffe082; font-family: monospace; font-weight: bold;")
            text_label = QLabel(what)
            text_label.setStyleSheet("color: white;")
            text_label.setWordWrap(True)
            self.grid.addWidget(key_label, i % half, column)
            self.grid.addWidget(text_label, i % half, column + 1)
        self.title.setText(tr("Keyboard shortcuts"))
        self.footer.setText(tr("Press any key or click to close."))

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.host.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 30, 242))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event: object) -> None:
        self.hide()

    def hideEvent(self, event: object) -> None:
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.host.rect())
        return False


class ShortcutHelp(QObject):
    """Help → Keyboard shortcuts (F1): the overlay over `host`, listing the keys of every
    action under it and the editor's own keys for the labels that `label_keys` gives."""

    closed = Signal()  # the overlay went away: back to the work

    def __init__(self, host: QWidget, label_keys: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__(host)
        self.host = host
        self.label_keys = label_keys
        self.overlay = ShortcutOverlay(host)
        self.overlay.closed.connect(self.closed)
        self.action = QAction(tr("&Keyboard shortcuts"), self)
        self.action.setShortcut(QKeySequence("F1"))
        self.action.triggered.connect(self.toggle)

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.SHORTCUTS: [self.action]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return []

    def rows(self) -> list[tuple[str, str]]:
        return shortcut_rows(self.label_keys(), self.host.findChildren(QAction))

    def toggle(self) -> None:
        if not self.overlay.isVisible():
            self.overlay.set_shortcuts(self.rows())
        self.overlay.toggle()
