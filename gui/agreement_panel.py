"""The agreement panel of the review mode: the figures of `bayan agreement`.

The review mode measures them off the GUI thread (gui/review.py) and hands the report here;
the panel shows the pairwise table and the figures over all annotators, per label, and asks
for a new measure on demand. Clicking a pair asks the review mode to show the statements
where that pair disagrees.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from core.agreement import MICRO, OVERALL, AgreementReport
from core.agreement_report import figure


def tr(text: str) -> str:
    return QCoreApplication.translate("AgreementPanel", text)


class AgreementPanel(QWidget):
    """Pairwise span F1 and kappa per label, and the all-annotator figures; `pairChosen(a, b)` on a click."""

    pairChosen = Signal(str, str)
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: AgreementReport | None = None
        self.status = QLabel(tr("Not measured yet."))
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(tr("Measure agreement"))
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.pairs = QStandardItemModel(self)
        self.pair_view = QTableView()
        self.pair_view.setModel(self.pairs)
        self.pair_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.pair_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.pair_view.verticalHeader().hide()
        self.pair_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pair_view.activated.connect(self._pair_activated)
        self.pair_view.clicked.connect(self._pair_activated)
        self.overall = QStandardItemModel(self)
        self.overall_view = QTableView()
        self.overall_view.setModel(self.overall)
        self.overall_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.overall_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(tr("Pairs (overlap F1, Cohen's kappa); click one to list where it disagrees")))
        layout.addWidget(self.pair_view, 2)
        layout.addWidget(QLabel(tr("All annotators")))
        layout.addWidget(self.overall_view, 1)

    def set_busy(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setText(tr("Measuring…"))

    def set_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(tr("Could not measure: {0}").replace("{0}", message))

    def set_report(self, report: AgreementReport) -> None:
        self.report = report
        self.refresh_button.setEnabled(True)
        self.status.setText(
            tr("{0} annotators; {1} statements done by all.")
            .replace("{0}", str(len(report.annotators))).replace("{1}", f"{report.statements:,}")
        )
        labels = list(report.labels)
        self.pairs.clear()
        self.pairs.setHorizontalHeaderLabels(
            [tr("Pair"), tr("Statements"), *(f"F1 {k}" for k in (*labels, MICRO)), *(f"κ {k}" for k in labels)]
        )
        for pair in report.pairs:
            cells = [f"{pair.a} · {pair.b}", f"{pair.statements:,}",
                     *(figure(pair.overlap_f1.get(k)) for k in (*labels, MICRO)),
                     *(figure(pair.cohen_kappa.get(k)) for k in labels)]
            items = [QStandardItem(cell) for cell in cells]
            items[0].setData((pair.a, pair.b), Qt.ItemDataRole.UserRole)
            self.pairs.appendRow(items)
        self.overall.clear()
        self.overall.setHorizontalHeaderLabels([*labels, OVERALL])
        rows = [
            [figure(report.fleiss_kappa.get(k)) for k in labels] + [""],
            [figure(report.krippendorff_alpha.get(k)) for k in labels] + [""],
            [figure(report.unitizing[k].alpha if k in report.unitizing else None) for k in (*labels, OVERALL)],
        ]
        for cells in rows:
            self.overall.appendRow([QStandardItem(cell) for cell in cells])
        # After the rows: labels set first would name rows that appendRow then adds after them.
        self.overall.setVerticalHeaderLabels([tr("Fleiss' kappa"), tr("Krippendorff's alpha"), tr("Unitizing alpha")])

    def _pair_activated(self, index: QModelIndex) -> None:
        pair = self.pairs.item(index.row(), 0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if pair:
            self.pairChosen.emit(pair[0], pair[1])
