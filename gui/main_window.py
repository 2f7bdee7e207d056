"""The annotator's main window: wires the statement list, the editor and the panels to a session.

The window composes and routes; it computes nothing itself. The session is three objects
that exist without it: the edit session (gui/session.py: project, annotator, undo stack;
every edit written through one store call, so there is no "save"), the navigator
(gui/navigator.py: which statement is open and where next is) and the time tracker
(gui/time_tracker.py). Features (search, import/export, languages, the shortcut overlay)
are built and wired by the composition root, gui/app.py, and placed here with
`add_feature`, in the menu sections of gui/features.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.errors import BayanError
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from gui.annotator import ask_annotator_name
from gui.delegates import TextDirectionDelegate
from gui.edit_report import EditReport
from gui.editor import StatementEditor
from gui.empty_done import EmptyDoneCheck
from gui.features import DockSide, Feature, Menu, Section, SectionedMenus, dock_area
from gui.models import RelationTableModel, SpanTableModel, StatementListModel
from gui.navigator import StatementNavigator
from gui.panels import AnnotationPanel, AttributeEditor, EditBanner, LabelPalette, NoteDialog
from gui.progress import ProgressIndicator
from gui.session import EditSession
from gui.settings import Settings
from gui.statement_list import StatementListView
from gui.time_tracker import TimeTracker
from store.project import Project, StoredRelation, StoredSpan


class IntegrityCheck(QThread):
    """PRAGMA integrity_check on its own connection, off the GUI thread (O(file size))."""

    failed = Signal(str)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            with Project.open(self.path, check=False, read_only=True) as project:
                project.check_integrity()
        except BayanError as exc:
            self.failed.emit(str(exc))


class MainWindow(QMainWindow):
    """One annotator's window on one project.

    `session`, `navigator` and `time_tracker` are the session objects; `statementOpened(seq)`
    says that a statement is shown (after the editor shows it), `closing` that the window
    is about to close (features end their background work).
    """

    statementOpened = Signal(int)
    closing = Signal()

    def __init__(
        self,
        project: Project,
        settings: Settings,
        annotator: str,
        *,
        font_family: str | None = None,
        check_integrity: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session = EditSession(project, annotator, self)
        self.navigator = StatementNavigator(self.session, self)
        self.time_tracker = TimeTracker(self.session, self)
        self.edit_report = EditReport(lambda: self.project.schema, self)
        self.empty_done = EmptyDoneCheck(settings, lambda text: self.show_message(text, 10000), self)
        # The stack, for views and tests; every change to it goes through the session.
        self.undo_stack = self.session.stack
        self._opening = False
        self._checks: list[IntegrityCheck] = []

        self.list_model = StatementListModel(project, annotator, self)
        self.span_model = SpanTableModel(project, self)
        self.relation_model = RelationTableModel(self, lambda: self.project.schema)
        self._build_widgets(font_family)
        self._build_actions()
        self._connect()

        self.editor.set_zoom(settings.zoom())
        self.settings.add_recent_project(project.path)
        self._update_title()
        self.resize(1280, 800)
        geometry, _state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        self.navigator.open_first()
        self._update_progress()
        if check_integrity:
            QTimer.singleShot(0, self.start_integrity_check)

    # The session's state, read here by views and tests; it changes through the session.
    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def annotator(self) -> str:
        return self.session.annotator

    @property
    def current_seq(self) -> int | None:
        return self.navigator.current

    @property
    def progress_label(self) -> QProgressBar:
        """The progress bar ("done / total"), under the name of the label it replaced (tests read its text)."""
        return self.progress.bar

    # ---------------------------------------------------------------- widgets

    def _build_widgets(self, font_family: str | None) -> None:
        self.list_view = StatementListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setItemDelegate(TextDirectionDelegate(self.list_view))
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(False)
        self.list_view.verticalHeader().hide()
        # Fixed sizes: sizing to contents would read every row of a million-row model.
        self.list_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list_view.verticalHeader().setDefaultSectionSize(24)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(StatementListModel.PREVIEW, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(StatementListModel.ID, 90)
        # At least as wide as the (translated) title: Arabic "ملاحظة" is wider than "Note".
        header.resizeSection(StatementListModel.STATUS, max(44, header.sectionSizeHint(StatementListModel.STATUS)))
        header.resizeSection(StatementListModel.NOTE, max(36, header.sectionSizeHint(StatementListModel.NOTE)))
        header.moveSection(StatementListModel.ID, StatementListModel.NOTE)  # the preview matters more
        self.position_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.position_label)
        left_layout.addWidget(self.list_view)

        self.editor = StatementEditor(self.project.schema, font_family=font_family)

        self.label_palette = LabelPalette(self.project.schema)
        self.annotations = AnnotationPanel(self.span_model, self.relation_model)
        self.attribute_editor = AttributeEditor(self.project.schema)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.label_palette)
        right_layout.addWidget(self.annotations, 1)
        right_layout.addWidget(self.attribute_editor)

        # The editor's column: the review mode puts its lanes under the editor (place_below_editor).
        self.editor_column = QSplitter(Qt.Orientation.Vertical)
        self.editor_column.setChildrenCollapsible(False)
        self.editor_column.addWidget(self.editor)
        self.statement_list_pane = left
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_column)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([330, 640, 310])
        # Edits that could not be written (another program holds the project) are said
        # here, above the work, without a modal dialog.
        self.banner = EditBanner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.progress = ProgressIndicator()
        self.annotator_label = QLabel()
        self.statusBar().addPermanentWidget(self.annotator_label)
        self.statusBar().addPermanentWidget(self.progress)
        self._hint = ""  # the editor's last hint in the status bar, cleared with its statement

    # ------------------------------------------------------- menus and docks

    def _action(self, text: str, shortcuts: list[str] | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.menus = SectionedMenus(self.menuBar(), {
            Menu.FILE: self.tr("&File"), Menu.EDIT: self.tr("&Edit"), Menu.VIEW: self.tr("&View"),
            Menu.REVIEW: self.tr("&Review"), Menu.HELP: self.tr("&Help"),
        })
        self.file_menu = self.menus.menu(Menu.FILE)
        self.edit_menu = self.menus.menu(Menu.EDIT)
        self.view_menu = self.menus.menu(Menu.VIEW)
        self.help_menu = self.menus.menu(Menu.HELP)

        self.new_action = self._action(self.tr("&New project…"), None, self.new_project)
        self.open_action = self._action(self.tr("&Open project…"), ["Ctrl+O"], self.choose_project)
        self.recent_menu = QMenu(self.tr("&Recent projects"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.annotator_action = self._action(self.tr("Change &annotator…"), None, self.ask_annotator)
        self.quit_action = self._action(self.tr("&Quit"), ["Ctrl+Q"], self.close)
        self.place_actions(Section.PROJECT, [self.new_action, self.open_action, self.recent_menu.menuAction()])
        self.place_actions(Section.ANNOTATOR, [self.annotator_action])
        self.place_actions(Section.QUIT, [self.quit_action])

        self.undo_action, self.redo_action = self.session.actions(self)
        self.done_action = self._action(
            self.tr("Mark &done and open the next"), ["Ctrl+Return", "Ctrl+Enter"], self.mark_done_and_next
        )
        self.skip_action = self._action(self.tr("Mark &skipped and open the next"), ["Ctrl+Shift+K"], self.skip)
        self.todo_action = self._action(self.tr("Mark &to do"), None, self.mark_todo)
        self.note_action = self._action(self.tr("&Note on this statement…"), ["Ctrl+N"], self.edit_note)
        self.delete_action = self._action(self.tr("De&lete the selected span"), ["Delete"], self.delete_selected_span)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the editor handles Delete
        self.place_actions(Section.HISTORY, [self.undo_action, self.redo_action])
        self.place_actions(
            Section.STATEMENT,
            [self.done_action, self.skip_action, self.todo_action, self.note_action, self.delete_action],
        )

        self.next_action = self._action(self.tr("&Next statement"), ["Alt+Right", "PgDown"], self.next_statement)
        self.previous_action = self._action(
            self.tr("&Previous statement"), ["Alt+Left", "PgUp"], self.previous_statement
        )
        self.next_open_action = self._action(
            self.tr("Next statement not &done"), ["Ctrl+PgDown"], self.next_open_statement
        )
        self.zoom_in_action = self._action(self.tr("Zoom &in"), ["Ctrl+=", "Ctrl++"], lambda: self.zoom(+1))
        self.zoom_out_action = self._action(self.tr("Zoom &out"), ["Ctrl+-"], lambda: self.zoom(-1))
        self.zoom_reset_action = self._action(self.tr("&Reset zoom"), ["Ctrl+0"], lambda: self.zoom(None))
        self.list_focus_action = self._action(self.tr("Go to the &statement list"), ["Ctrl+L"], self.list_view.setFocus)
        self.editor_focus_action = self._action(self.tr("Go to the &text"), ["Ctrl+E"], self.focus_editor)
        self.place_actions(Section.NAVIGATE, [self.next_action, self.previous_action, self.next_open_action])
        self.place_actions(Section.ZOOM, [self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        self.place_actions(Section.FOCUS, [self.list_focus_action, self.editor_focus_action])

        self.about_action = self._action(self.tr("&About Bayan"), None, self.about)
        self.place_actions(Section.ABOUT, [self.about_action])

    def place_actions(self, section: Section, actions: Sequence[QAction]) -> None:
        """Put `actions` at the end of `section` of its menu; their shortcuts work even when the menu bar is hidden."""
        for action in actions:
            if action.menu() is None:
                self.addAction(action)
        self.menus.place(section, actions)

    def section_actions(self, section: Section) -> list[QAction]:
        return self.menus.actions(section)

    def place_dock(self, dock: QDockWidget, side: DockSide) -> None:
        self.addDockWidget(dock_area(side, self.isRightToLeft()), dock)

    def place_below_editor(self, widget: QWidget, stretch: int = 1) -> None:
        """A widget under the statement's text, in the editor's column (the review lanes)."""
        self.editor_column.addWidget(widget)
        self.editor_column.setStretchFactor(self.editor_column.count() - 1, stretch)
        # The text keeps room for a statement of a few lines; the rest goes below.
        self.editor_column.setSizes([320, 320 * stretch])

    def set_statement_list_visible(self, visible: bool) -> None:
        """Show or hide the statement list (a feature with a list of its own shows that instead)."""
        self.statement_list_pane.setVisible(visible)

    def add_feature(self, feature: Feature) -> None:
        """Place a feature's actions in their menu sections and its docks on their sides."""
        for section, actions in feature.actions().items():
            self.place_actions(section, actions)
        for side, dock in feature.docks():
            self.place_dock(dock, side)

    def show_message(self, text: str, milliseconds: int = 8000) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def _show_hint(self, text: str) -> None:
        self._hint = text
        self.show_message(text, 6000)

    def _connect(self) -> None:
        self.list_view.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.list_view.activated.connect(lambda _index: self.focus_editor())  # Return in the list: back to work
        self.editor.labelRequested.connect(self.add_span)
        self.editor.relabelRequested.connect(self.relabel_span)
        self.editor.boundsRequested.connect(self.resize_span)
        self.editor.deleteRequested.connect(self.delete_span)
        self.editor.relationRequested.connect(self.add_relation)
        self.editor.attrsRequested.connect(self.set_attrs)
        self.editor.spanSelected.connect(self._span_selected)
        self.editor.message.connect(self._show_hint)
        self.label_palette.labelChosen.connect(self._palette_label)
        self.annotations.spanActivated.connect(self._span_activated)
        self.annotations.deleteSpan.connect(self.delete_span)
        self.annotations.deleteRelation.connect(self.delete_relation)
        self.attribute_editor.attrsChanged.connect(self.set_attrs)
        self.session.stepped.connect(self._stepped)
        self.session.changed.connect(self._changed)
        self.session.failed.connect(self.banner.show_failure)
        self.session.succeeded.connect(self.banner.hide)
        self.time_tracker.follow(self.navigator)  # first: the visit left is written before the next shows
        self.navigator.opened.connect(self._show_statement)
        self.navigator.cleared.connect(self._show_nothing)

    # ------------------------------------------------------------- statements

    def open_statement(self, seq: int) -> None:
        """Show statement `seq` (1-based position), with the focus in the editor."""
        self.navigator.open(seq)

    def _show_statement(self, seq: int) -> None:
        row = self.project.statement(seq)
        if row is None:
            return
        self._opening = True
        try:
            spans = self.project.spans(seq, self.annotator)
            relations = self.project.relations(seq, self.annotator)
            self.editor.show_statement(row.text, spans, relations)
            self._show_annotations(spans, relations)
            index = self.list_model.index(seq - 1, StatementListModel.PREVIEW)
            self.list_view.selectionModel().setCurrentIndex(
                index,
                self.list_view.selectionModel().SelectionFlag.ClearAndSelect
                | self.list_view.selectionModel().SelectionFlag.Rows,
            )
            self.list_view.scrollTo(index)
        finally:
            self._opening = False
        if self._hint and self.statusBar().currentMessage() == self._hint:
            self.statusBar().clearMessage()  # it was about the statement left
        self._hint = ""
        self._update_position()
        self.statementOpened.emit(seq)

    def _list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._opening or not current.isValid():
            return
        self.navigator.open(current.row() + 1)
        self.list_view.setFocus()  # keep walking the list with the arrows

    def next_statement(self) -> None:
        self.navigator.next()

    def previous_statement(self) -> None:
        self.navigator.previous()

    def next_open_statement(self) -> None:
        self._open_next_open(self.tr("Every statement is done."))

    def _open_next_open(self, all_done: str) -> None:
        """The next statement not done; say so when that meant going back to the start, or when none is left."""
        before = self.current_seq or 0
        seq = self.navigator.next_open()
        if seq is None:
            self.show_message(all_done, 8000)
        elif seq <= before:
            self.show_message(self.tr("Wrapped to the first statement not done: {0}").replace("{0}", f"{seq:,}"), 8000)

    def reload(self) -> None:
        """Re-read everything from the store (after an import, or a schema change)."""
        schema = self.project.reload_schema()
        self.editor.set_schema(schema)
        self.label_palette.set_schema(schema)
        self.attribute_editor.schema = schema
        self.list_model.reload()
        self.navigator.reopen()  # the current statement again, else where work starts, else none
        self._update_progress()

    def _show_nothing(self) -> None:
        """An empty project: no statement, no spans (File → Import adds statements)."""
        self.editor.show_statement("", [], [])
        self._show_annotations([], [])
        self._update_position()
        self.show_message(self.tr("This project has no statements yet: import some."), 8000)

    def _refresh_current(self) -> None:
        if self.current_seq is None:
            return
        spans = self.project.spans(self.current_seq, self.annotator)
        relations = self.project.relations(self.current_seq, self.annotator)
        self.editor.set_annotations(spans, relations)
        self._show_annotations(spans, relations)

    def _show_annotations(self, spans: list[StoredSpan], relations: list[StoredRelation]) -> None:
        self.span_model.set_spans(spans)
        self.relation_model.set_relations(relations, spans)
        selected = self.editor.selected_span
        self.attribute_editor.set_span(self.editor.span(selected) if selected is not None else None)
        if selected is not None:
            self.annotations.show_selected_span(selected)

    def _stepped(self, undo: bool, seq: int, text: str) -> None:
        """An undo or redo of an edit made on another statement: open it, and say so."""
        if seq == self.current_seq:
            return
        self.open_statement(seq)
        message = self.tr("Undo: back to statement {0} ({1})") if undo else self.tr("Redo: to statement {0} ({1})")
        self.show_message(message.replace("{0}", f"{seq:,}").replace("{1}", text), 8000)

    def _changed(self, seq: int) -> None:
        """Called by every command after it wrote to the store."""
        if seq != self.current_seq:
            self.open_statement(seq)  # undo/redo of an edit made on another statement
        else:
            self._refresh_current()
        self.list_model.refresh_statement(seq)
        self._update_progress()

    # ------------------------------------------------------------------ edits

    def add_span(self, label: str, start: int, end: int) -> None:
        seq = self.current_seq
        if seq is None:
            return
        existing = next(
            (s for s in self.editor.spans if (s.start, s.end, s.label) == (start, end, label)), None
        )
        if existing is not None:
            self.editor.select_span(existing.id)
            return
        span_id = self.session.add_span(seq, label, start, end)
        if span_id is not None:
            self.editor.select_span(span_id)
            added = self.editor.span(span_id)
            warning = self._overlap_warning(added) if added is not None else None
            if warning:
                self._say([warning])

    def resize_span(self, span_id: int, start: int, end: int) -> None:
        if self.current_seq is not None and self.editor.span(span_id) is not None:
            if self.session.resize_span(self.current_seq, span_id, start, end):
                moved = self.editor.span(span_id)
                warning = self._overlap_warning(moved) if moved is not None else None
                if warning:
                    self._say([warning])

    def relabel_span(self, span_id: int, label: str) -> None:
        span = self.editor.span(span_id)
        if span is None or self.current_seq is None or span.label == label:
            return
        command = self.session.relabel_span(self.current_seq, span_id, span.label, label)
        now = self.project.span(span_id) if command is not None else None
        if command is None or now is None:
            return
        dropped = {k: v for k, v in command.old_attrs.items() if now.attrs.get(k) != v}
        said = [self.edit_report.relabelled(span.label, label, dropped, command.removed), self._overlap_warning(now)]
        self._say([m for m in said if m])

    def delete_span(self, span_id: int) -> None:
        if self.current_seq is None or self.editor.span(span_id) is None:
            return
        deleted = self.session.delete_span(self.current_seq, span_id)
        if deleted is not None:
            self._say([self.edit_report.deleted(deleted)])

    def _overlap_warning(self, span: StoredSpan) -> str | None:
        return self.edit_report.overlap_warning(span, self.editor.spans)

    def _say(self, messages: list[str]) -> None:
        if messages:
            self.show_message("; ".join(messages), 10000)

    def delete_selected_span(self) -> None:
        if self.editor.selected_span is not None:
            self.delete_span(self.editor.selected_span)

    def set_attrs(self, span_id: int, attrs: dict[str, str]) -> None:
        span = self.editor.span(span_id)
        if span is None or self.current_seq is None:
            return
        self.session.set_attrs(self.current_seq, span_id, span.attrs, attrs)
        self.focus_editor()

    def add_relation(self, head: int, tail: int, label: str) -> None:
        if self.current_seq is None:
            return
        if any((r.head, r.tail, r.label) == (head, tail, label) for r in self.editor.relations):
            return
        self.session.add_relation(self.current_seq, head, tail, label)

    def delete_relation(self, relation_id: int) -> None:
        if self.current_seq is not None:
            self.session.delete_relation(self.current_seq, relation_id)

    def mark_done_and_next(self) -> None:
        seq = self.current_seq
        if seq is None or not self._may_mark_done(seq):
            return
        if not self.session.set_status(seq, "done"):
            return  # not on disk: stay, the banner says why
        self._open_next_open(self.tr("Every statement is done. Well done!"))

    def _may_mark_done(self, seq: int) -> bool:
        """A statement without spans is marked done as the schema's done_without_spans says (gui/empty_done.py)."""
        if self.editor.spans or self.project.status(seq, self.annotator).status == "done":
            return True
        if self.empty_done.may_mark_done(self.project):
            return True
        self.focus_editor()
        return False

    def skip(self) -> None:
        if self.current_seq is not None and self.session.set_status(self.current_seq, "skipped"):
            self.navigator.next()

    def mark_todo(self) -> None:
        if self.current_seq is not None:
            self.session.set_status(self.current_seq, "todo")

    def edit_note(self) -> None:
        if self.current_seq is None:
            return
        previous = self.project.status(self.current_seq, self.annotator).note
        dialog = NoteDialog(previous, self)
        if dialog.exec() and dialog.note() != previous:
            self.set_note(dialog.note())
        self.focus_editor()

    def set_note(self, note: str) -> None:
        if self.current_seq is not None:
            self.session.set_note(self.current_seq, note)

    # -------------------------------------------------------------- selection

    def _palette_label(self, label: str) -> None:
        self.focus_editor()
        self.editor.apply_label(label)

    def _span_activated(self, span_id: int) -> None:
        self.editor.pick_span(span_id)
        self.focus_editor()

    def _span_selected(self, span_id: int) -> None:
        span = self.editor.span(span_id) if span_id >= 0 else None
        self.attribute_editor.set_span(span)
        if span is None:
            self.annotations.span_view.clearSelection()
        else:
            self.annotations.show_selected_span(span.id)

    def focus_editor(self) -> None:
        self.editor.setFocus()

    # ------------------------------------------------------------- status bar

    def _update_position(self) -> None:
        total = self.project.statement_count()
        seq = self.current_seq or 0
        status = self.project.status(seq, self.annotator) if seq else None
        self.position_label.setText(
            self.tr("Statement {0} / {1}").replace("{0}", f"{seq:,}").replace("{1}", f"{total:,}")
            + (f"   ✎ {self.tr('note')}" if status and status.note else "")
        )

    def _update_progress(self) -> None:
        self.progress.show_progress(
            self.project.done_count(self.annotator), self.project.statement_count(),
            self.project.label_counts(self.annotator), self.project.schema,
        )
        self.annotator_label.setText(self.tr("Annotator: {0}").replace("{0}", self.annotator))
        self._update_position()

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("Bayan — {0} — {1}").replace("{0}", self.project.name).replace("{1}", self.annotator)
        )

    # ------------------------------------------------------------------- zoom

    def zoom(self, step: int | None) -> None:
        steps = 0 if step is None else self.settings.zoom() + step
        self.settings.set_zoom(steps)
        self.editor.set_zoom(self.settings.zoom())

    # ---------------------------------------------------------------- project

    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), str(Path.home()), self.tr("Bayan projects (*.bayan)")
        )
        if not name:
            return
        path = Path(name) if name.endswith(".bayan") else Path(name + ".bayan")
        try:
            project = Project.create(path, load_schema(DEFAULT_SCHEMA))
        except BayanError as exc:
            QMessageBox.warning(self, self.tr("Cannot create the project"), str(exc))
            return
        self.set_project(project)

    def choose_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), str(Path.home()), self.tr("Bayan projects (*.bayan);;All files (*)")
        )
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        try:
            project = Project.open(path, check=False)
        except BayanError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the project"), str(exc))
            return False
        self.set_project(project)
        self.start_integrity_check()
        return True

    def set_project(self, project: Project) -> None:
        """Work on `project` from now on (the previous one is closed)."""
        old = self.project
        self.session.set_project(project)  # time written to the old project first; features follow
        self.banner.hide()
        self.list_model.project = project
        self.span_model.project = project
        if old is not project:
            old.close()
        self.settings.add_recent_project(project.path)
        self._update_title()
        self.reload()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects():
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def ask_annotator(self) -> None:
        name = ask_annotator_name(self, self.annotator)
        if name:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        """Annotate as `name` from now on (time so far is written to the previous name)."""
        if name == self.annotator:
            return
        self.session.set_annotator(name)
        self.settings.set_annotator(name)
        self.list_model.set_annotator(name)
        self._update_title()
        self.reload()

    def start_integrity_check(self) -> None:
        """Check the file in the background; a large project opens without waiting for it."""
        check = IntegrityCheck(self.project.path, self)
        check.failed.connect(self._integrity_failed)
        check.finished.connect(partial(self._check_finished, check))
        check.finished.connect(check.deleteLater)
        self._checks.append(check)
        check.start()

    def _check_finished(self, check: IntegrityCheck) -> None:
        if check in self._checks:
            self._checks.remove(check)

    def integrity_checks_running(self) -> bool:
        return bool(self._checks)

    def _integrity_failed(self, message: str) -> None:
        QMessageBox.warning(
            self,
            self.tr("The project file is damaged"),
            self.tr("The integrity check failed:\n{0}\n\nKeep a copy of the file and restore a backup.")
            .replace("{0}", message),
        )

    # ------------------------------------------------------------------- help

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Bayan"),
            self.tr("Bayan: annotate actors and claims in Arabic statements. Every edit is saved when you make it."),
        )

    # ------------------------------------------------------------------ close

    def closeEvent(self, event: QCloseEvent) -> None:
        # Features' background jobs end first: a running import holds the write lock that
        # the last time write below needs.
        self.closing.emit()
        # A closed window writes no more time; its project may be closed after it.
        self.time_tracker.stop()
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        for check in list(self._checks):
            check.wait()  # a QThread destroyed while running would abort the process
        super().closeEvent(event)
