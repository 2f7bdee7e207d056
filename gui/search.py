"""Ctrl+F: search every statement, Arabic-normalized, filtered by status and label.

The panel is a dock beside the editor. Results are a thin model that reads pages of hits
from `store.search` by key as the view scrolls (never all of them). While a search is
active, the statement shown has its matches highlighted at their original offsets.
When many statements are not indexed yet (after a large import), the index is built on
a worker thread with its own connection, with progress in the panel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.direction import is_right_to_left
from core.errors import BayanError
from core.normalize import find_all
from core.offsets import Utf16Map
from gui.colors import SEARCH_HIT_ALPHA, SEARCH_HIT_BACKGROUND, SEARCH_HIT_TEXT, apply_selection_colors
from gui.delegates import TextDirectionDelegate
from gui.features import DockSide, Section
from gui.names import label_title
from gui.session import EditSession
from gui.settings import Settings
from store.project import Project, StoredSpan
from store.search import SearchHit, SearchIndex, matches_inside

Index = QModelIndex | QPersistentModelIndex

# Hits read per page from the store; the view asks for the next page when it scrolls there.
PAGE = 100
# Rows the result list keeps at most; past that, the annotator refines the search.
MAX_ROWS = 20_000
# More unindexed statements than this are indexed on a worker thread (with progress);
# fewer are indexed in the search call itself (a fraction of a second).
BACKGROUND_INDEX_MIN = 20_000
# Typing pauses this long before the search runs.
TYPING_DELAY_MS = 250
# Characters of context shown before a match in a result's excerpt.
EXCERPT_BEFORE = 24
EXCERPT_LENGTH = 110
COUNT_CAP = 10_000
# Wide enough for a useful excerpt beside the editor.
MIN_WIDTH = 340


class MatchView(Protocol):
    """What the search highlights in: the statement editor (gui/editor.py)."""

    @property
    def text(self) -> str: ...

    @property
    def search_matches(self) -> list[tuple[int, int]]: ...

    @property
    def spans(self) -> list[StoredSpan]: ...

    def set_search_matches(self, ranges: list[tuple[int, int]]) -> None: ...


# The label filter's entries: a label alone selects statements with a span of it; with this
# prefix, the hits inside such spans (label names never hold a colon).
INSIDE = "inside:"
LEADING_ELLIPSIS = "… "


def _excerpt_start(hit: SearchHit) -> int:
    if hit.matches and hit.matches[0][0] > EXCERPT_BEFORE:
        # Begin at a word: the first space after the point EXCERPT_BEFORE before the match.
        space = hit.text.replace("\n", " ").find(" ", hit.matches[0][0] - EXCERPT_BEFORE, hit.matches[0][0])
        return space + 1 if space != -1 else hit.matches[0][0]
    return 0


def excerpt(hit: SearchHit) -> str:
    """A one-line excerpt of the statement from a word or so before its first match."""
    text = hit.text.replace("\n", " ")
    start = _excerpt_start(hit)
    piece = text[start : start + EXCERPT_LENGTH]
    return (LEADING_ELLIPSIS if start > 0 else "") + piece + ("…" if start + EXCERPT_LENGTH < len(text) else "")


def excerpt_matches(hit: SearchHit) -> tuple[tuple[int, int], ...]:
    """The hit's matches as code-point ranges of `excerpt(hit)` (those it shows, cut to it)."""
    start = _excerpt_start(hit)
    shift = (len(LEADING_ELLIPSIS) if start > 0 else 0) - start
    end = start + EXCERPT_LENGTH
    return tuple((max(a, start) + shift, min(b, end) + shift) for a, b in hit.matches if a < end and b > start)


class SearchResultModel(QAbstractTableModel):
    """The hits of one search, read page by page by key (`seq > last`), as the view scrolls.

    Two columns: the statement's number with this annotator's status, and an excerpt
    aligned by its own direction (an Arabic excerpt is right-aligned in either UI).
    """

    NUMBER, EXCERPT = range(2)
    SeqRole = Qt.ItemDataRole.UserRole + 1
    MatchesRole = Qt.ItemDataRole.UserRole + 2
    StatusRole = Qt.ItemDataRole.UserRole + 3
    ExcerptMatchesRole = Qt.ItemDataRole.UserRole + 4  # the matches in the excerpt shown (code points)

    STATUS_MARKS = {"todo": "○", "done": "✓", "skipped": "–"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._query = ""
        self._filters: dict[str, Any] = {}
        # (seq, status, excerpt, matches, matches in the excerpt): not the whole text, so rows stay small.
        self._rows: list[tuple[int, str, str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]] = []
        self._exhausted = True

    def set_search(self, index: SearchIndex | None, query: str, **filters: Any) -> None:
        """Start a new search (None: no search, an empty list); reads the first page."""
        self.beginResetModel()
        self._index = index
        self._query = query
        self._filters = filters
        self._rows = []
        self._exhausted = index is None
        self.endResetModel()
        if index is not None:
            self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.set_search(None, "")

    # ------------------------------------------------------------ structure

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.NUMBER:
                return self.tr("No.")
            if section == self.EXCERPT:
                return self.tr("Statement")
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._index is None:
            return
        after = self._rows[-1][0] if self._rows else 0
        limit = min(PAGE, MAX_ROWS - len(self._rows))
        hits = self._index.search(self._query, after_seq=after, limit=limit, **self._filters)
        if len(hits) < limit or len(self._rows) + len(hits) >= MAX_ROWS:
            self._exhausted = True
        if not hits:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self._rows.extend((h.seq, h.status, excerpt(h), h.matches, excerpt_matches(h)) for h in hits)
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        seq, status, text, matches, shown = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return f"{self.STATUS_MARKS.get(status, '')} {seq:,}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole and column == self.EXCERPT:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.EXCERPT:
            rtl = is_right_to_left(text)
            side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SeqRole:
            return seq
        if role == self.MatchesRole:
            return [list(m) for m in matches]
        if role == self.StatusRole:
            return status
        if role == self.ExcerptMatchesRole and column == self.EXCERPT:
            return [list(m) for m in shown]
        return None

    def seq_at(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None


class HitDelegate(TextDirectionDelegate):
    """Draws each excerpt with its matches highlighted as in the editor (gui/colors.py).

    The excerpt is laid out in its own direction (right-to-left for Arabic) by a
    QTextLayout, whose format ranges mark the matches; an excerpt wider than its cell is
    cut at its logical end, on the side that end is shown.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        shown = index.data(SearchResultModel.ExcerptMatchesRole)
        if not shown:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Background, selection and focus as the style draws them, without the text.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(3, 0, -3, 0)
        layout = hit_layout(text, [(a, b) for a, b in shown], opt.font, opt.displayAlignment, rect.width())
        line = layout.lineAt(0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(role))
        line_height = line.height()
        layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - line_height) / 2))
        painter.restore()


def hit_layout(
    text: str, matches: list[tuple[int, int]], font: QFont, alignment: Qt.AlignmentFlag, width: float
) -> QTextLayout:
    """`text` laid out as one line of `width` in its own direction and `alignment`, with
    `matches` (code points) in the search hit's colours."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setAlignment(alignment & Qt.AlignmentFlag.AlignHorizontal_Mask)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if is_right_to_left(text) else Qt.LayoutDirection.LeftToRight
    )
    layout.setTextOption(option)
    background = QColor(SEARCH_HIT_BACKGROUND)
    background.setAlpha(SEARCH_HIT_ALPHA)
    utf16 = Utf16Map(text)  # format ranges count UTF-16 units: emoji before a match count two
    ranges = []
    for start, end in matches:
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(background))
        fmt.setForeground(QBrush(QColor(SEARCH_HIT_TEXT)))
        item = QTextLayout.FormatRange()
        item.start = utf16.to_utf16(start)
        item.length = utf16.to_utf16(end) - item.start
        item.format = fmt
        ranges.append(item)
    layout.setFormats(ranges)
    layout.beginLayout()
    layout.createLine().setLineWidth(width)
    layout.endLayout()
    return layout


class IndexWorker(QThread):
    """Brings the search index up to date on its own connection (sqlite3 connections
    stay in the thread that made them)."""

    progressed = Signal(int, int)  # statements indexed so far, statements to index
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            with Project.open(self.path, check=False) as project:
                SearchIndex(project).update(
                    progress=lambda done, total: self.progressed.emit(done, total),
                    should_stop=self.isInterruptionRequested,
                )
        except (BayanError, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 (a database error must reach the panel, not vanish)
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class SearchPanel(QWidget):
    """Query, filters, result list; emits the statement the annotator chose."""

    statementRequested = Signal(int)  # seq
    dismissed = Signal()  # Esc: back to the text, the results stay
    searched = Signal()  # a new search ran (the highlights of the shown statement may change)

    STATUS_CHOICES = ("", "todo", "done", "skipped")

    def __init__(self, project: Project, annotator: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.index = SearchIndex(project)
        self.worker: IndexWorker | None = None
        self._active_query = ""

        self.query_edit = QLineEdit()
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(self.tr("Search all statements"))
        self.query_edit.setToolTip(
            self.tr("Alef forms, ة/ه and ى/ي match each other; harakat and tatweel are ignored.")
        )
        self.status_combo = QComboBox()
        for code, text in zip(
            self.STATUS_CHOICES,
            (self.tr("Any status"), self.tr("To do"), self.tr("Done"), self.tr("Skipped")),
            strict=True,
        ):
            self.status_combo.addItem(text, code)
        self.label_combo = QComboBox()
        self.summary = QLabel()
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Indexing for search… %p%"))
        self.progress.hide()
        self.model = SearchResultModel(self)
        self.results = QTableView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        apply_selection_colors(self.results)  # hits read on a selected row too (gui/colors.py)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(False)
        self.results.setShowGrid(False)
        self.results.verticalHeader().hide()
        # Fixed row heights and column widths: sizing to contents would read every row.
        self.results.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.results.verticalHeader().setDefaultSectionSize(24)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(SearchResultModel.NUMBER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SearchResultModel.NUMBER, 70)
        header.setSectionResizeMode(SearchResultModel.EXCERPT, QHeaderView.ResizeMode.Stretch)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(MIN_WIDTH)

        filters = QHBoxLayout()
        filters.addWidget(self.status_combo)
        filters.addWidget(self.label_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query_edit)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self._return_pressed)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.label_combo.currentIndexChanged.connect(lambda _i: self.run_search())
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.dismissed)
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)
        self._fill_labels()

    # --------------------------------------------------------------- context

    def set_project(self, project: Project) -> None:
        """Search `project` from now on (after File → Open)."""
        self.stop_indexing()
        self.project = project
        self.index = SearchIndex(project)
        self._fill_labels()
        self.model.clear()
        self.summary.clear()
        self._active_query = ""

    def _fill_labels(self) -> None:
        """Two entries per label, for the two things a label filter can mean: the statements
        that have a span of it, or only the hits that lie inside one of its spans."""
        current = self.label_combo.currentData()
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        self.label_combo.addItem(self.tr("Any label"), "")
        schema = self.project.schema
        for label in schema.labels:
            title = label_title(schema, label.name)
            self.label_combo.addItem(self.tr("Statements with a {0} span").replace("{0}", title), label.name)
        for label in schema.labels:
            title = label_title(schema, label.name)
            self.label_combo.addItem(self.tr("Hits inside a {0} span").replace("{0}", title), INSIDE + label.name)
        found = self.label_combo.findData(current)
        self.label_combo.setCurrentIndex(max(found, 0))
        self.label_combo.setToolTip(self.tr(
            "Filter by label: the statements in which you marked a span of it, or only the hits inside such spans"
        ))
        self.label_combo.blockSignals(False)

    def active_query(self) -> str:
        """The query of the results shown ('' when there is none)."""
        return self._active_query

    def matches_in(self, text: str, spans: Sequence[StoredSpan] = ()) -> list[tuple[int, int]]:
        """Where the active query matches `text`, in code points (for the editor); with a
        "hits inside" filter, only the matches inside `spans` of that label."""
        if not self._active_query:
            return []
        matches = find_all(text, self._active_query)
        label, inside = self._label_filter()
        if inside:
            matches = matches_inside(matches, [(s.start, s.end) for s in spans if s.label == label])
        return matches

    def _label_filter(self) -> tuple[str | None, bool]:
        """The label filter chosen (None: any) and whether it keeps only hits inside its spans."""
        data = str(self.label_combo.currentData() or "")
        if data.startswith(INSIDE):
            return data[len(INSIDE):], True
        return data or None, False

    # ---------------------------------------------------------------- search

    def filters(self) -> dict[str, Any]:
        status = self.status_combo.currentData() or None
        label, inside = self._label_filter()
        annotator = self.annotator()
        return {"annotator": annotator or None, "status": status, "label": label, "inside": inside}

    # ----------------------------------------------------------------- state

    def state(self) -> dict[str, str]:
        """What the panel shows, to carry into a rebuilt window (a language switch)."""
        return {
            "query": self.query_edit.text(),
            "status": str(self.status_combo.currentData() or ""),
            "label": str(self.label_combo.currentData() or ""),
        }

    def restore(self, state: Mapping[str, str]) -> None:
        """Show `state` (from `state()`) and run its search."""
        for combo, key in ((self.status_combo, "status"), (self.label_combo, "label")):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(state.get(key, "")), 0))
            combo.blockSignals(False)
        self.query_edit.blockSignals(True)
        self.query_edit.setText(state.get("query", ""))
        self.query_edit.blockSignals(False)
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text().strip()
        filters = self.filters()
        if not query and filters["status"] is None and filters["label"] is None:
            self.model.clear()
            self.summary.clear()
            self._active_query = ""
            self.searched.emit()
            return
        if self.index.pending() > BACKGROUND_INDEX_MIN:
            self.start_indexing()
            return
        self._active_query = query
        self.model.set_search(self.index, query, **filters)
        count = self.index.count(query, cap=COUNT_CAP, **filters)
        # Plural forms come from the translation (Arabic has six).
        if count >= COUNT_CAP:
            text = self.tr("More than %Ln statements", "", COUNT_CAP)
        elif count == 1:
            text = self.tr("1 statement")
        else:
            text = self.tr("%Ln statements", "", count)
        self.summary.setText(text)
        self.searched.emit()

    def _return_pressed(self) -> None:
        if self._timer.isActive() or self.query_edit.text().strip() != self._active_query:
            self.run_search()
        elif self.model.rowCount():
            self.results.setFocus()
            self.results.selectRow(0)
            self._activated(self.model.index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        seq = self.model.seq_at(index.row())
        if seq is not None:
            self.statementRequested.emit(seq)

    # -------------------------------------------------------------- indexing

    def start_indexing(self) -> None:
        """Index what is missing on a worker thread; the search runs when it is done."""
        if self.worker is not None:
            return
        self.summary.setText(self.tr("Preparing the search index…"))
        self.progress.setValue(0)
        self.progress.show()
        worker = IndexWorker(self.project.path, self)
        worker.progressed.connect(self._indexing_progressed)
        worker.failed.connect(self._indexing_failed)
        worker.finished.connect(self._indexing_finished)
        self.worker = worker
        worker.start()

    def _indexing_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _indexing_failed(self, message: str) -> None:
        self.summary.setText(self.tr("The search index could not be built: {0}").replace("{0}", message))

    def _indexing_finished(self) -> None:
        worker, self.worker = self.worker, None
        self.progress.hide()
        if worker is not None:
            worker.deleteLater()
            if not worker.isInterruptionRequested() and self.index.pending() <= BACKGROUND_INDEX_MIN:
                self.run_search()

    def stop_indexing(self) -> None:
        if self.worker is not None:
            self.worker.requestInterruption()
            self.worker.wait()
            self._indexing_finished()

    def is_indexing(self) -> bool:
        return self.worker is not None


class SearchFeature(QObject):
    """Edit → Find (Ctrl+F) and the search dock, for one edit session's project and annotator.

    The matches of the active query are highlighted in `editor` in every statement shown
    (`highlight`, wired to the window's statementOpened by the composition root);
    `statementRequested` asks for a result to be opened, `dismissed` for the text again.
    """

    statementRequested = Signal(int)  # seq
    dismissed = Signal()

    def __init__(
        self, session: EditSession, editor: MatchView, parent: QWidget, *, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.editor = editor
        # Where the panel's state is recorded as it changes, for a window rebuilt in another
        # language (gui/i18n.py) to show the same search (`restore_state`).
        self.settings = settings
        self.panel = SearchPanel(session.project, lambda: session.annotator, parent)
        self.dock = QDockWidget(QCoreApplication.translate("SearchPanel", "Search"), parent)
        self.dock.setObjectName("search_dock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        self.find_action = QAction(QCoreApplication.translate("SearchPanel", "&Find in all statements…"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.show_panel)
        self.panel.statementRequested.connect(self.statementRequested)
        self.panel.dismissed.connect(self.dismissed)
        self.panel.searched.connect(self.highlight)
        session.projectChanged.connect(self.panel.set_project)
        self.panel.searched.connect(self._record_state)
        # Shown or closed by the user (not hidden along with a closing window).
        self.dock.toggleViewAction().toggled.connect(self._record_state)

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.FIND: [self.find_action]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return [(DockSide.LEADING, self.dock)]  # beside the statement list

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.query_edit.setFocus()
        self.panel.query_edit.selectAll()
        if self.panel.index.pending() > BACKGROUND_INDEX_MIN:
            self.panel.start_indexing()

    def _record_state(self) -> None:
        if self.settings is not None:
            state = self.panel.state()
            state["visible"] = "1" if self.dock.toggleViewAction().isChecked() else ""
            self.settings.set_search_state(state)

    def restore_state(self) -> None:
        """Show the search recorded in the settings (that of the window this one replaces)."""
        if self.settings is None:
            return
        state = self.settings.search_state()
        if state.get("visible"):
            self.dock.show()
        if state.get("query") or state.get("status") or state.get("label"):
            self.panel.restore(state)

    def highlight(self, _seq: int = 0) -> None:
        """Mark the active query's matches in the statement the editor shows."""
        matches = self.panel.matches_in(self.editor.text, self.editor.spans)
        if matches or self.editor.search_matches:  # no redraw on every statement when idle
            self.editor.set_search_matches(matches)

    def shutdown(self) -> None:
        """The window is closing: a running index worker ends first (its thread object goes with the window)."""
        self.panel.stop_indexing()
