"""The Qt models: qtmodeltester on each, and the statement list reading windows by key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from gui.models import CACHED_WINDOWS, WINDOW, RelationTableModel, SpanTableModel, StatementListModel
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
    assert len(model._windows) == CACHED_WINDOWS
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
