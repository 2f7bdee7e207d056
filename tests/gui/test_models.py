"""The Qt models: qtmodeltester on each, and the statement list reading windows by key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from gui.models import (
    CACHED_WINDOWS,
    WINDOW,
    RelationTableModel,
    SpanTableModel,
    StatementListModel,
    WindowedTableModel,
)
from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements


def test_statement_list_model_passes_the_model_tester(seeded: Project, qtmodeltester: Any) -> None:
    seeded.set_status(statement=2, annotator=ANNOTATOR, status="done")
    seeded.set_note(statement=3, annotator=ANNOTATOR, note="unsure about the actor")
    model = StatementListModel(seeded, ANNOTATOR)
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    assert model.index(1, StatementListModel.STATUS).data() == "✓"
    assert model.index(2, StatementListModel.NOTE).data() == "✎"
    assert model.index(0, StatementListModel.NOTE).data() == ""
    assert model.index(0, StatementListModel.PREVIEW).data().startswith("دعا الائتلاف")
    assert model.index(4, 0).data(StatementListModel.SeqRole) == 5


def test_span_and_relation_models_pass_the_model_tester(seeded: Project, qtmodeltester: Any) -> None:
    actor = seeded.add_span(statement=1, annotator=ANNOTATOR, label="ACTOR", start=4, end=12).id
    claim = seeded.add_span(
        statement=1, annotator=ANNOTATOR, label="CLAIM", start=28, end=60, attrs={"stance": "support"}
    ).id
    seeded.add_relation(head=actor, tail=claim, label="CLAIMANT")
    spans = seeded.spans(1, ANNOTATOR)
    span_model = SpanTableModel(seeded)
    span_model.set_spans(spans)
    qtmodeltester.check(span_model)
    assert span_model.index(1, SpanTableModel.ATTRS).data() == "stance=support"
    relation_model = RelationTableModel()
    relation_model.set_relations(seeded.relations(1, ANNOTATOR), spans)
    qtmodeltester.check(relation_model)
    assert relation_model.index(0, RelationTableModel.HEAD).data() == "الائتلاف"
    empty = SpanTableModel(seeded)
    qtmodeltester.check(empty)


def test_statement_list_reads_windows_and_keeps_only_a_few(
    project: Project, tmp_path: Path, monkeypatch: Any
) -> None:
    count = WINDOW * (CACHED_WINDOWS + 3) + 7
    add_statements(project, [f"بيان رقم {i}" for i in range(count)], tmp_path)
    calls: list[tuple[int, int]] = []
    real = project.statements_window

    def counting(first_seq: int, n: int, **kw: Any) -> Any:
        calls.append((first_seq, n))
        return real(first_seq, n, **kw)

    monkeypatch.setattr(project, "statements_window", counting)
    model = StatementListModel(project, ANNOTATOR)
    assert model.rowCount() == count
    assert model.index(count - 1, StatementListModel.PREVIEW).data() == f"بيان رقم {count - 1}"
    assert calls == [(WINDOW * (count // WINDOW) + 1, WINDOW)]
    for row in range(0, count, WINDOW):
        model.index(row, 0).data()
    assert model.cached_windows() == CACHED_WINDOWS
    assert all(n == WINDOW for _, n in calls)  # never the whole table
    before = len(calls)
    model.index(count - 1, 0).data(Qt.ItemDataRole.DisplayRole)
    assert len(calls) == before  # the last window read is still cached


def test_refresh_statement_rereads_its_window(seeded: Project, qtbot: Any) -> None:
    model = StatementListModel(seeded, ANNOTATOR)
    assert model.index(0, StatementListModel.STATUS).data() == "○"
    seeded.set_status(statement=1, annotator=ANNOTATOR, status="done")
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_statement(1)
    assert model.index(0, StatementListModel.STATUS).data() == "✓"


class Rows:
    """A stand-in for a store query: `count` rows, read by position, each read recorded."""

    def __init__(self, count: int) -> None:
        self.rows = [(i, f"row {i}") for i in range(count)]
        self.reads: list[tuple[int, int]] = []

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, first: int, n: int) -> list[tuple[int, str]]:
        self.reads.append((first, n))
        return self.rows[first : first + n]


class ScoreListModel(WindowedTableModel[tuple[int, str]]):
    """A list such as the review's (another order, other columns) on the same base."""

    def headers(self) -> tuple[str, ...]:
        return ("No.", "Text")

    def cell(self, row: tuple[int, str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row[column]
        return None


def test_windowed_base_passes_the_model_tester_and_reads_by_window(qtmodeltester: Any) -> None:
    rows = Rows(WINDOW * 3 + 5)
    model = ScoreListModel(rows.count, rows.fetch)
    qtmodeltester.check(model)
    assert model.rowCount() == WINDOW * 3 + 5
    assert model.index(WINDOW * 3 + 4, 1).data() == f"row {WINDOW * 3 + 4}"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Text"
    assert all(n == WINDOW and first % WINDOW == 0 for first, n in rows.reads)
    empty = Rows(0)
    qtmodeltester.check(ScoreListModel(empty.count, empty.fetch))


def test_windowed_base_refreshes_rows_and_changes_source(qtbot: Any) -> None:
    rows = Rows(WINDOW * 2)
    model = ScoreListModel(rows.count, rows.fetch)
    assert model.index(WINDOW + 1, 1).data() == f"row {WINDOW + 1}"
    rows.rows[WINDOW + 1] = (WINDOW + 1, "changed")
    assert model.index(WINDOW + 1, 1).data() == f"row {WINDOW + 1}"  # cached
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.refresh_row(WINDOW + 1)
    assert signal.args[0].row() == WINDOW + 1
    assert model.index(WINDOW + 1, 1).data() == "changed"
    rows.rows[0] = (0, "also changed")
    model.refresh_all()
    assert model.cached_windows() == 0 and model.index(0, 1).data() == "also changed"
    fewer = Rows(3)
    with qtbot.waitSignal(model.modelReset):
        model.set_source(fewer.count, fewer.fetch)
    assert model.rowCount() == 3 and model.index(2, 1).data() == "row 2"
    assert model.index(3, 1).data() is None
