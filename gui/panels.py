"""Side panels: label palette, spans and relations of the statement, attribute editor, note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.direction import strong_direction
from core.schema import Schema
from gui.delegates import TextDirectionDelegate
from gui.guidelines import label_tooltip
from gui.i18n import RIGHT_TO_LEFT, current_language
from gui.models import RelationTableModel, SpanTableModel
from store.project import StoredSpan


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelPalette(QGroupBox):
    """One button per label of the schema, in its color, with its key."""

    labelChosen = Signal(str)

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Labels"))
        self.language = current_language()
        self._layout = QVBoxLayout(self)
        self.buttons: dict[str, QPushButton] = {}
        self.set_schema(schema)

    def set_schema(self, schema: Schema) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        for label in schema.labels:
            title = label.title(self.language)
            text = f"{title}  [{label.key}]" if label.key else title
            button = QPushButton(swatch(label.color), text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor keeps the keyboard
            button.setProperty("labelColor", label.color)
            self._style(button)
            button.setToolTip(label_tooltip(label, self.language))
            button.clicked.connect(lambda _=False, name=label.name: self.labelChosen.emit(name))
            self._layout.addWidget(button)
            self.buttons[label.name] = button


    @staticmethod
    def _style(button: QPushButton) -> None:
        # `left` follows the layout direction in a style sheet: right in an Arabic UI.
        # A style sheet draws the button itself, its colours taken from the palette when the
        # sheet is set: changeEvent sets it again when the theme changes the palette.
        button.setStyleSheet(
            f"text-align: left; padding: 4px; border-left: 6px solid {button.property('labelColor')};"
            " background: palette(button); color: palette(button-text);"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for button in self.buttons.values():
                self._style(button)


class AnnotationPanel(QWidget):
    """The statement's spans and relations; a click selects, Delete on a row removes."""

    spanActivated = Signal(int)
    deleteSpan = Signal(int)
    deleteRelation = Signal(int)

    def __init__(self, spans: SpanTableModel, relations: RelationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.span_model = spans
        self.relation_model = relations
        self.span_view = self._table(spans)
        self.relation_view = self._table(relations)
        self.span_title = QLabel(self.tr("Spans"))
        self.relation_title = QLabel(self.tr("Relations"))
        layout.addWidget(self.span_title)
        layout.addWidget(self.span_view, 3)
        row = QHBoxLayout()
        self.delete_span_button = QPushButton(self.tr("Delete span"))
        self.delete_span_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_span_button.clicked.connect(self._delete_selected_span)
        row.addWidget(self.delete_span_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.relation_title)
        layout.addWidget(self.relation_view, 2)
        row = QHBoxLayout()
        self.delete_relation_button = QPushButton(self.tr("Delete relation"))
        self.delete_relation_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_relation_button.clicked.connect(self._delete_selected_relation)
        row.addWidget(self.delete_relation_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.span_view.clicked.connect(self._span_clicked)

    @staticmethod
    def _table(model: SpanTableModel | RelationTableModel) -> QTableView:
        """A compact table whose text columns share the width (no horizontal scrolling)."""
        view = QTableView()
        view.setModel(model)
        view.setItemDelegate(TextDirectionDelegate(view))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        stretch = (SpanTableModel.TEXT,) if isinstance(model, SpanTableModel) else (
            RelationTableModel.HEAD, RelationTableModel.TAIL)
        for column in range(model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view

    def _span_clicked(self, index: QModelIndex) -> None:
        span_id = index.data(SpanTableModel.SpanIdRole)
        if span_id is not None:
            self.spanActivated.emit(int(span_id))

    def show_selected_span(self, span_id: int) -> None:
        row = self.span_model.row_of(span_id)
        if row < 0:
            self.span_view.clearSelection()
        else:
            self.span_view.selectRow(row)

    def _delete_selected_span(self) -> None:
        rows = self.span_view.selectionModel().selectedRows()
        if rows:
            self.deleteSpan.emit(int(rows[0].data(SpanTableModel.SpanIdRole)))

    def _delete_selected_relation(self) -> None:
        rows = self.relation_view.selectionModel().selectedRows()
        if rows:
            self.deleteRelation.emit(int(rows[0].data(RelationTableModel.RelationIdRole)))


class AttributeEditor(QGroupBox):
    """The attributes of the selected span's label (e.g. a CLAIM's stance), one combo box each."""

    attrsChanged = Signal(int, dict)  # span id, the new attributes

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Attributes"))
        self.schema = schema
        self.language = current_language()
        self._form = QFormLayout(self)
        self._span: StoredSpan | None = None
        self.combos: dict[str, QComboBox] = {}
        self._empty = QLabel(self.tr("Select a span to edit its attributes."))
        self._empty.setWordWrap(True)
        self._form.addRow(self._empty)

    def set_span(self, span: StoredSpan | None) -> None:
        previous, self._span = self._span, span
        if span is not None and previous is not None and (previous.id, previous.label) == (span.id, span.label) \
                and set(self.combos) == {a.name for a in getattr(self.schema.label(span.label), "attributes", ())}:
            # Same span (its attributes changed, maybe from one of these combos): update in place,
            # never delete a combo box while its own signal is being delivered.
            for name, combo in self.combos.items():
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(span.attrs.get(name, ""))))
                combo.blockSignals(False)
            return
        while self._form.rowCount():
            self._form.removeRow(0)
        self.combos.clear()
        label = self.schema.label(span.label) if span is not None else None
        if span is None or label is None or not label.attributes:
            self._empty = QLabel(
                self.tr("Select a span to edit its attributes.") if span is None
                else self.tr("{0} has no attributes.").replace(
                    "{0}", self.schema.label_title(span.label, self.language))
            )
            self._empty.setWordWrap(True)
            self._form.addRow(self._empty)
            return
        for n, attribute in enumerate(label.attributes):
            combo = QComboBox()
            # The first attribute's values show the editor's digit keys (1, 2, … set; 0 clears);
            # the items hold the stored values, the text is the display name.
            keyed = n == 0
            combo.addItem(("0  " if keyed else "") + self.tr("(none)"), "")
            for i, value in enumerate(attribute.values, 1):
                title = attribute.value_title(value, self.language)
                combo.addItem(f"{i}  {title}" if keyed and i <= 9 else title, value)
            current = span.attrs.get(attribute.name, "")
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(lambda _i, name=attribute.name: self._changed(name))
            self._form.addRow(attribute.title(self.language), combo)
            self.combos[attribute.name] = combo

    def _changed(self, name: str) -> None:
        if self._span is None:
            return
        attrs = dict(self._span.attrs)
        value = str(self.combos[name].currentData() or "")
        if value:
            attrs[name] = value
        else:
            attrs.pop(name, None)
        if attrs != self._span.attrs:
            self.attrsChanged.emit(self._span.id, attrs)


class NoteDialog(QDialog):
    """The annotator's note on a statement: doubts for the reviewer."""

    def __init__(self, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Note on this statement"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("A note for the reviewer (saved with your annotations):")))
        self.edit = QPlainTextEdit(note)
        self.edit.setTabChangesFocus(True)  # a note needs no tab characters; Tab reaches the buttons
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+Return)"))
        layout.addWidget(buttons)
        # Ctrl+Return saves, as it marks a statement done in the window; Return alone is a new line.
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self.accept)
        self._ui_right_to_left = current_language() in RIGHT_TO_LEFT
        self.edit.textChanged.connect(self._follow_direction)
        self._follow_direction()
        self.resize(460, 220)
        self.edit.setFocus()

    def _follow_direction(self) -> None:
        """Lay the note out in its own direction (an empty or neutral note: the UI's), right-aligned
        when right-to-left: QPlainTextEdit does not align right-to-left blocks itself (PITFALLS.md)."""
        direction = strong_direction(self.edit.toPlainText())
        rtl = self._ui_right_to_left if direction is None else direction
        document = self.edit.document()
        option = document.defaultTextOption()
        wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        if option.textDirection() == wanted and option.alignment() & Qt.AlignmentFlag.AlignAbsolute:
            return  # typing within one direction: no relayout per key
        option.setTextDirection(wanted)
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)

    def right_to_left(self) -> bool:
        return self.edit.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft

    def note(self) -> str:
        return self.edit.toPlainText().strip()


class EditBanner(QFrame):
    """A non-modal strip above the work: an edit that could not be written, and why.

    With `retry` (the project was busy), Try again writes the same edit again; the banner
    goes away when an edit succeeds or when closed. The window stays usable throughout.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("edit_banner")
        self.setStyleSheet("#edit_banner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }")
        self.message = QLabel()
        # Its own dark text on its own light background: a dark theme's light text would vanish there.
        self.message.setStyleSheet("color: #3b2f00;")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self._retry)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(close)
        self._retry_edit: Callable[[], bool] | None = None
        self.hide()

    def show_failure(self, message: str, retry: object) -> None:
        self.message.setText(message)
        self._retry_edit = retry if callable(retry) else None
        self.retry_button.setVisible(self._retry_edit is not None)
        self.show()

    def _retry(self) -> None:
        if self._retry_edit is not None:
            self._retry_edit()  # success hides the banner; another failure shows it again
