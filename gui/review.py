"""The reviewer's desk: the window composed for `gold`, with the annotators' lanes under the text.

`gui PROJECT --review` opens the annotator's window as the annotator `gold` (the composition
root, gui/app.py): the editor on top is the gold lane, edited with every key of the annotator's
editor (boundaries, labels, relations, stance, Ctrl+Return). This feature adds:

- one lane per annotator under it (gui/lanes.py), their spans on the same letters, each
  difference from the other annotators framed by kind, missing spans as dashed ghosts;
- the review list (a dock in place of the statement list): statements by disagreement,
  worst first, or in order; only where annotators disagree; only not yet adjudicated;
- F8 / Shift+F8: the next / previous disagreement in that list;
- accepting into gold: a lane's selected span (Return or a double click), everything one
  annotator did on the statement (Shift+A in their lane), what at least k of them agree on
  (Ctrl+K), and the same project-wide (Review → Pre-fill gold…);
- the agreement panel (a dock): the figures of `bayan agreement`, computed off the GUI thread;
  clicking a pair lists the statements where that pair disagrees.

Every acceptance is one undoable command on the gold session (gui/commands.py GoldCopyCommand):
on disk when made, undone exactly; annotators' work is only ever read (store/review.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.agreement import AgreementReport
from core.errors import BayanError
from core.model import GOLD
from core.review import BOUNDARY, EXTRA, LABEL, MISSING, lanes
from gui.agreement_panel import AgreementPanel
from gui.commands import GoldCopyCommand
from gui.delegates import TextDirectionDelegate
from gui.features import DockSide, Section
from gui.lanes import KIND_ORDER, LaneView, SpanKey
from gui.models import WindowedTableModel
from gui.session import EditSession
from store.adjudicate import PrefillReport, prefill_gold, prefill_statement
from store.agreement import StatementScores, default_annotators, measure_scores
from store.project import Project
from store.review import copy_to_gold, statement_review
from store.review_order import BY_SCORE, BY_SEQ, ReviewOrder, ReviewRow


def tr(text: str) -> str:
    return QCoreApplication.translate("Review", text)


def kind_name(kind: str) -> str:
    """A kind of difference (core/review.py), in the UI language."""
    return {
        BOUNDARY: tr("boundary"), LABEL: tr("label"), EXTRA: tr("extra"), MISSING: tr("missing"),
    }.get(kind, kind)


def isolated(name: str) -> str:
    """A name kept whole in a line of the other direction (FSI … PDI): "amal" in Arabic, or the reverse."""
    return f"\u2068{name}\u2069"


# ------------------------------------------------------------------- lanes


class ReviewLanes(QWidget):
    """The lanes of one statement, one per annotator (gold is the editor above them)."""

    acceptRequested = Signal(str, list)  # annotator, the ids of the spans to accept

    def __init__(self, session: EditSession, annotators: Sequence[str], font: QFont,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.annotators = list(annotators)
        self.seq: int | None = None
        # Per annotator, the span ids by (start, end, label): a lane shows keys, gold copies ids.
        self.ids: dict[str, dict[SpanKey, int]] = {}
        self.headers: dict[str, QLabel] = {}
        self.views: dict[str, LaneView] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 4, 4)
        for name in self.annotators:
            header = QLabel()
            header.setTextFormat(Qt.TextFormat.PlainText)
            view = LaneView(name, session.project.schema, font=font)
            view.acceptRequested.connect(self._accept_one)
            view.acceptAllRequested.connect(self._accept_all)
            view.moveRequested.connect(lambda step, name=name: self.focus_lane(name, step))
            column.addWidget(header)
            column.addWidget(view)
            self.headers[name], self.views[name] = header, view
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_statement(self, seq: int) -> None:
        review = statement_review(self.session.project, seq, self.annotators)
        if review is None:
            return
        self.seq = seq
        text = review.statement.text
        spans = {name: [(s.start, s.end, s.label) for s in review.lane(name).spans] for name in self.annotators}
        shown = lanes(spans)
        for name in self.annotators:
            lane = review.lane(name)
            self.ids[name] = {(s.start, s.end, s.label): s.id for s in lane.spans}
            by_id = {s.id: (s.start, s.end, s.label) for s in lane.spans}
            relations = [(by_id[r.head], by_id[r.tail]) for r in lane.relations if r.head in by_id and r.tail in by_id]
            view = self.views[name]
            view.show_lane(text, shown[name], relations)
            counts = view.counts()
            comma = "، " if self.isRightToLeft() else ", "
            kinds = comma.join(f"{counts[k]} {kind_name(k)}" for k in KIND_ORDER if counts[k])
            status = {"done": tr("done"), "skipped": tr("skipped")}.get(lane.status.status, tr("not done"))
            self.headers[name].setText(
                f"{isolated(name)} · {status} · " + tr("{0} spans").replace("{0}", str(len(lane.spans)))
                + (f" · {kinds}" if kinds else "")
            )

    def focus_lane(self, name: str | None, step: int = 0) -> None:
        if not self.annotators:
            return
        i = self.annotators.index(name) + step if name in self.annotators else 0
        self.views[self.annotators[max(0, min(i, len(self.annotators) - 1))]].setFocus()

    def _accept_one(self, annotator: str, key: object) -> None:
        span_id = self.ids.get(annotator, {}).get(key)  # type: ignore[call-overload]
        if span_id is not None:
            self.acceptRequested.emit(annotator, [span_id])

    def _accept_all(self, annotator: str) -> None:
        ids = list(self.ids.get(annotator, {}).values())
        if ids:
            self.acceptRequested.emit(annotator, ids)


# -------------------------------------------------------------- the list


class ReviewListModel(WindowedTableModel[ReviewRow]):
    """The review list: score, gold's status, annotators done, preview, by rank of a ReviewOrder."""

    SCORE, GOLD_STATUS, DONE, PREVIEW, ID = range(5)

    def __init__(self, order: ReviewOrder, parent: QObject | None = None) -> None:
        self.order = order
        super().__init__(order.count, lambda first, n: order.window(first + 1, n), parent)

    def headers(self) -> tuple[str, ...]:
        return (tr("Disagreement"), tr("Gold"), tr("Done by"), tr("Statement"), tr("Id"))

    def cell(self, row: ReviewRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.SCORE:
                return "" if row.score is None else f"{row.score:.2f}"
            if column == self.GOLD_STATUS:
                return "✓" if row.gold == "done" else "○"
            if column == self.DONE:
                return f"{row.done}/{len(self.order.annotators)}"
            if column == self.PREVIEW:
                return " ".join(row.preview.split())
            if column == self.ID:
                return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SCORE and row.score is not None:
            return tr("missing {0}, extra {1}, boundary {2}, label {3}").replace("{0}", str(row.missing)) \
                .replace("{1}", str(row.extra)).replace("{2}", str(row.boundary)).replace("{3}", str(row.label))
        return None

    def seq_at(self, row: int) -> int | None:
        item = self.row_data(row)
        return None if item is None else item.seq


class ReviewList(QWidget):
    """The review list with its order and filters; `statementRequested(seq)` when a row is chosen."""

    statementRequested = Signal(int)
    filterChanged = Signal()

    def __init__(self, order: ReviewOrder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = order
        self.status = QLabel(tr("Measuring the disagreements…"))
        self.status.setWordWrap(True)
        self.sort = QComboBox()
        self.sort.addItem(tr("Most disagreement first"), BY_SCORE)
        self.sort.addItem(tr("Statement order"), BY_SEQ)
        self.disagree_only = QCheckBox(tr("Annotators disagree"))
        self.open_only = QCheckBox(tr("Not yet adjudicated"))
        self.min_agree = QSpinBox()
        self.min_agree.setRange(1, max(1, len(order.annotators)))
        self.min_agree.setValue(max(1, len(order.annotators) // 2 + 1))
        self.min_agree.setToolTip(tr("Ctrl+K accepts into gold the spans at least this many annotators agree on"))
        for control in (self.sort,):
            control.currentIndexChanged.connect(self.filterChanged)
        for box in (self.disagree_only, self.open_only):
            box.toggled.connect(self.filterChanged)
        self.model = ReviewListModel(order, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(TextDirectionDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ReviewListModel.PREVIEW, QHeaderView.ResizeMode.Stretch)
        for column in (ReviewListModel.SCORE, ReviewListModel.GOLD_STATUS, ReviewListModel.DONE):
            header.resizeSection(column, max(48, header.sectionSizeHint(column)))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self._choosing = False
        filters = QHBoxLayout()
        filters.addWidget(self.disagree_only)
        filters.addWidget(self.open_only)
        agree = QHBoxLayout()
        agree.addWidget(QLabel(tr("Accept when at least")))
        agree.addWidget(self.min_agree)
        agree.addWidget(QLabel(tr("agree (Ctrl+K)")))
        agree.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.sort)
        layout.addLayout(filters)
        layout.addLayout(agree)
        layout.addWidget(self.view, 1)

    def by(self) -> str:
        return str(self.sort.currentData())

    def show_statement(self, seq: int) -> None:
        """Select the statement's row, if the list holds it, without opening it again."""
        rank = self.order.rank_of(seq)
        self._choosing = True
        try:
            if rank is None:
                self.view.clearSelection()
                return
            index = self.model.index(rank - 1, ReviewListModel.SCORE)
            flags = self.view.selectionModel().SelectionFlag
            self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.view.scrollTo(index)  # the score's column: the row comes into view, the columns stay
        finally:
            self._choosing = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._choosing or not current.isValid():
            return
        seq = self.model.seq_at(current.row())
        if seq is not None:
            self.statementRequested.emit(seq)


# ------------------------------------------------------------ workers


class BackgroundJob(QThread):
    """One piece of work off the GUI thread; exactly one of `succeeded`/`failed` arrives.

    The work opens its own connection (sqlite3 connections stay in their thread).
    """

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except (BayanError, ValueError, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 (a database error must reach the reviewer, not vanish)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)


def _measure_scores(path: Path, annotators: list[str], labels: list[str]) -> tuple[AgreementReport, StatementScores]:
    with Project.open(path, check=False, read_only=True) as project:
        return measure_scores(project, annotators, labels)


def _prefill(path: Path, annotators: list[str], min_agree: int) -> PrefillReport:
    with Project.open(path, check=False) as project:
        return prefill_gold(project, annotators=annotators, min_agree=min_agree)


# ------------------------------------------------------------- feature


class ReviewFeature(QObject):
    """The review mode's lanes, list, agreement panel and actions, for one window on `gold`.

    Wired by the composition root: `statementOpened` of the window goes to `show_statement`;
    `statementRequested(seq)` asks the window to open a statement; `message` is for its status bar.
    """

    statementRequested = Signal(int)
    message = Signal(str)
    goldChanged = Signal()  # gold changed outside the session (a project-wide pre-fill)

    def __init__(self, session: EditSession, font: QFont, parent: QWidget) -> None:
        super().__init__(parent)
        assert session.annotator == GOLD, "the review mode edits gold"
        self.session = session
        self.parent_widget = parent
        project = session.project
        self.annotators = default_annotators(project)
        self.current: int | None = None
        self.order = ReviewOrder(project, self.annotators)
        self.pair: tuple[str, str] | None = None
        self.lanes = ReviewLanes(session, self.annotators, font)
        self.lanes.acceptRequested.connect(self.accept_spans)
        self.review_list = ReviewList(self.order)
        self.review_list.statementRequested.connect(self.statementRequested)
        self.review_list.filterChanged.connect(self.rematerialize)
        self.agreement = AgreementPanel()
        self.agreement.refreshRequested.connect(self.measure)
        self.agreement.pairChosen.connect(self.show_pair)
        self._workers: list[QThread] = []
        self._measuring: QThread | None = None
        self._closed = False
        self._list_dock = QDockWidget(tr("Review list"), parent)
        self._list_dock.setObjectName("review_list_dock")
        self._list_dock.setWidget(self.review_list)
        self._agreement_dock = QDockWidget(tr("Agreement"), parent)
        self._agreement_dock.setObjectName("agreement_dock")
        self._agreement_dock.setWidget(self.agreement)
        self.next_action = self._action(tr("&Next disagreement"), ["F8"], lambda: self.next_disagreement(+1))
        self.previous_action = self._action(tr("&Previous disagreement"), ["Shift+F8"],
                                            lambda: self.next_disagreement(-1))
        self.lanes_action = self._action(tr("Go to the &lanes"), ["Ctrl+Shift+L"], lambda: self.lanes.focus_lane(None))
        self.measure_action = self._action(tr("&Measure agreement"), ["F5"], self.measure)
        self.agreed_action = self._action(tr("Accept what at least &k agree on"), ["Ctrl+K"], self.accept_agreed)
        self.prefill_action = self._action(tr("Pre-&fill gold from the majority…"), None, self.prefill_project)
        session.changed.connect(self._gold_changed)

    def _action(self, text: str, keys: list[str] | None, slot: Any) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------ Feature

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {
            Section.DISAGREEMENTS: [self.next_action, self.previous_action, self.lanes_action, self.measure_action],
            Section.ADJUDICATE: [self.agreed_action],
            Section.PREFILL: [self.prefill_action],
        }

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return [(DockSide.LEADING, self._list_dock), (DockSide.TRAILING, self._agreement_dock)]

    # ------------------------------------------------------------ statements

    def show_statement(self, seq: int) -> None:
        self.current = seq
        self.lanes.show_statement(seq)
        self.review_list.show_statement(seq)

    def _gold_changed(self, seq: int) -> None:
        row = self.order.rank_of(seq)
        if row is not None:
            self.review_list.model.refresh_row(row - 1)

    def next_disagreement(self, step: int) -> None:
        after = self.current or 0
        found = self.order.next_disagreement(after, backward=step < 0)
        if found is None:
            self.message.emit(tr("No other statement where the annotators disagree."))
            return
        self.statementRequested.emit(found.seq)

    # ------------------------------------------------------------ measuring

    def measure(self) -> None:
        """Compute every statement's disagreement and the agreement figures off the GUI thread."""
        if self._measuring is not None and self._measuring.isRunning():
            return
        labels = self.session.project.schema.label_names
        annotators = list(self.pair) if self.pair else self.annotators
        if len(annotators) < 2:
            self.review_list.status.setText(tr("Review needs two annotators or more."))
            return
        worker = BackgroundJob(partial(_measure_scores, self.session.project.path, annotators, labels), self)
        worker.succeeded.connect(self._measured)
        worker.failed.connect(self._measure_failed)
        self._measuring = worker
        self._start(worker)
        self.agreement.set_busy()
        self.review_list.status.setText(tr("Measuring the disagreements…"))

    def _start(self, worker: QThread) -> None:
        self._workers.append(worker)
        worker.finished.connect(lambda: self._workers.remove(worker) if worker in self._workers else None)
        worker.finished.connect(worker.deleteLater)
        worker.start()

    def _measured(self, result: tuple[AgreementReport, StatementScores]) -> None:
        if self._closed:
            return  # the window closed while the worker measured: its project is closed too
        report, scores = result
        self.order.load_scores(scores.rows())
        if self.pair is None:
            self.agreement.set_report(report)
        self.rematerialize()

    def _measure_failed(self, message: str) -> None:
        if self._closed:
            return
        self.agreement.set_failed(message)
        self.review_list.status.setText(tr("Could not measure: {0}").replace("{0}", message))

    def rematerialize(self) -> None:
        count = self.order.materialize(by=self.review_list.by(), disagree_only=self.review_list.disagree_only
                                       .isChecked() or self.pair is not None,
                                       open_only=self.review_list.open_only.isChecked())
        self.review_list.model.reload()
        who = f"{self.pair[0]} · {self.pair[1]}" if self.pair else ", ".join(self.annotators)
        self.review_list.status.setText(
            tr("{0} statements ({1})").replace("{0}", f"{count:,}").replace("{1}", who)
        )
        if self.current is not None:
            self.review_list.show_statement(self.current)

    def show_pair(self, a: str, b: str) -> None:
        """List the statements where this pair disagrees (the same measure, over the two)."""
        self.pair = None if self.pair == (a, b) else (a, b)
        self.measure()

    # ------------------------------------------------------------ adjudicating

    def accept_spans(self, annotator: str, span_ids: list[int]) -> None:
        seq = self.current
        if seq is None:
            return
        project = self.session.project
        text = tr("Accept from {0}").replace("{0}", annotator)
        self.session.push(GoldCopyCommand(project, statement=seq, copy=lambda: copy_to_gold(project, span_ids),
                                          text=text))

    def accept_agreed(self) -> None:
        """The spans at least k annotators marked alike on this statement, into gold (store/adjudicate.py)."""
        seq = self.current
        if seq is None:
            return
        project = self.session.project
        k = self.review_list.min_agree.value()
        pushed = self.session.push(GoldCopyCommand(
            project, statement=seq,
            copy=lambda: prefill_statement(project, seq, annotators=self.annotators, min_agree=k),
            text=tr("Accept what {0} agree on").replace("{0}", str(k)),
        ))
        if not pushed:
            self.message.emit(tr("Nothing new: gold has every span at least {0} agree on.").replace("{0}", str(k)))

    def prefill_project(self) -> None:
        k, ok = QInputDialog.getInt(
            self.parent_widget, tr("Pre-fill gold"),
            tr("Copy into gold every span at least this many annotators marked alike, on the statements "
               "all of them marked done (gold's own spans stay):"),
            self.review_list.min_agree.value(), 1, max(1, len(self.annotators)),
        )
        if not ok:
            return
        worker = BackgroundJob(partial(_prefill, self.session.project.path, self.annotators, k), self)
        worker.succeeded.connect(self._prefilled)
        worker.failed.connect(lambda message: self.message.emit(tr("Pre-fill failed: {0}").replace("{0}", message)))
        self._start(worker)
        self.message.emit(tr("Pre-filling gold…"))

    def _prefilled(self, report: PrefillReport) -> None:
        if self._closed:
            return
        self.message.emit(
            tr("Gold pre-filled: {0} spans and {1} relations on {2} statements.")
            .replace("{0}", str(report.spans)).replace("{1}", str(report.relations))
            .replace("{2}", str(report.touched))
        )
        self.goldChanged.emit()

    def shutdown(self) -> None:
        """Wait for the workers (a QThread destroyed while running would abort the process);
        what they report after this is dropped (the window and its project are closing)."""
        self._closed = True
        for worker in list(self._workers):
            worker.wait()
