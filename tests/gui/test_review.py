"""The reviewer's desk on real widgets: lanes, the review list, accepting into gold, undo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.agreement import StatementDisagreement
from core.formats.registry import READERS
from core.model import GOLD
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from gui.app import Workbench, compose
from store.agreement import default_annotators, measure_project
from store.importer import import_records
from store.project import Project

# The second has an emoji before the spans: Qt counts it twice (UTF-16), Python once.
TEXTS = [
    "قال وزير الخارجية إن الحكومة سترد على الهجوم الكيميائي",
    "😀 أعلنت المنظمة 🇸🇾 أن التحقيق مستمر في الهجوم",
    "دعت الدول الأعضاء إلى محاسبة المسؤولين عن الهجوم",
]


def spans(text: str, words: list[tuple[str, str]]) -> list[dict[str, Any]]:
    out = []
    for word, label in words:
        start = text.index(word)
        out.append({"start": start, "end": start + len(word), "label": label})
    return out


WORK = {
    "amal": [[("وزير الخارجية", "ACTOR"), ("سترد على الهجوم", "CLAIM")],
             [("المنظمة", "ACTOR"), ("التحقيق مستمر", "CLAIM")],
             [("الدول الأعضاء", "ACTOR")]],
    "badr": [[("وزير الخارجية", "ACTOR"), ("سترد على", "CLAIM")],
             [("المنظمة", "ACTOR"), ("التحقيق مستمر", "CLAIM")],
             [("الدول الأعضاء", "ACTOR")]],
    "carla": [[("وزير", "ACTOR"), ("الحكومة", "ACTOR")],
              [("المنظمة", "CLAIM"), ("التحقيق مستمر", "CLAIM")],
              [("الدول الأعضاء", "ACTOR")]],
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.bayan"
    lines = [json.dumps({"id": f"s{k + 1}", "text": text, "annotator": who, "status": "done",
                         "spans": spans(text, WORK[who][k])}, ensure_ascii=False)
             for who in WORK for k, text in enumerate(TEXTS)]
    source = tmp_path / "team.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project, source.open("rb") as stream:
        import_records(project, READERS["jsonl"](stream, str(source)), file=str(source))
    return path


@pytest.fixture
def desk(team: Path, settings: Any, qtbot: Any) -> Iterator[Workbench]:
    project = Project.open(team, check=False)
    bench = compose(project, settings, "ignored", check_integrity=False, review=True)
    qtbot.addWidget(bench.window)
    bench.window.resize(1400, 900)
    bench.window.show()
    qtbot.waitExposed(bench.window)
    assert bench.review is not None
    qtbot.waitUntil(lambda: bench.review.order.count() == len(TEXTS), timeout=10_000)  # type: ignore[union-attr]
    yield bench
    bench.window.close()
    project.close()


def others_rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(
            "SELECT a.name, s.statement, s.start, s.end, s.label, s.attrs FROM spans s"
            " JOIN annotators a ON a.id = s.annotator WHERE a.name != 'gold' ORDER BY 1, 2, 3, 4, 5"
        ).fetchall() + conn.execute(
            "SELECT a.name, st.statement, st.status, st.note, st.updated_at, NULL FROM statement_status st"
            " JOIN annotators a ON a.id = st.annotator WHERE a.name != 'gold' ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()


def gold_spans(project: Project, seq: int) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in project.spans(seq, GOLD)]


def test_the_window_edits_gold_with_a_lane_per_annotator(desk: Workbench) -> None:
    assert desk.window.annotator == GOLD
    assert desk.review is not None
    assert list(desk.review.lanes.views) == ["amal", "badr", "carla"]
    assert not desk.window.statement_list_pane.isVisible()
    assert desk.review.review_list.isVisible()


def test_lanes_show_each_annotators_spans_on_the_right_letters(desk: Workbench) -> None:
    review = desk.review
    assert review is not None
    for seq in (1, 2):
        desk.window.open_statement(seq)
        text = TEXTS[seq - 1]
        for name, view in review.lanes.views.items():
            mine = {(s["start"], s["end"], s["label"]) for s in spans(text, WORK[name][seq - 1])}
            assert set(view.own_keys()) == mine
            for painted in view.layer.spans:
                # The letters Qt selects for the span are the span's text, emoji or not.
                selected = view.layer.cursor_for(painted.start, painted.end).selectedText()
                assert selected == text[painted.start:painted.end]
                assert view.layer.segments(painted.start, painted.end)


def test_accepting_a_span_from_a_lane_writes_gold_and_nothing_else(desk: Workbench, team: Path, qtbot: Any) -> None:
    review = desk.review
    assert review is not None
    project = desk.window.project
    before = others_rows(team)
    desk.window.open_statement(1)
    lane = review.lanes.views["badr"]
    lane.setFocus()
    qtbot.keyClick(lane, Qt.Key.Key_Tab)
    chosen = lane.selected
    assert chosen is not None
    qtbot.keyClick(lane, Qt.Key.Key_Return)
    assert gold_spans(project, 1) == [chosen]
    assert [(s.start, s.end, s.label) for s in desk.window.editor.spans] == [chosen]  # shown in the gold lane
    assert others_rows(team) == before
    desk.window.undo_action.trigger()
    assert gold_spans(project, 1) == []
    desk.window.redo_action.trigger()
    assert gold_spans(project, 1) == [chosen]
    # The whole lane: Shift+A.
    qtbot.keyClick(lane, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(gold_spans(project, 1)) == sorted(lane.own_keys())
    assert others_rows(team) == before


def test_ctrl_k_accepts_exactly_what_at_least_k_share(desk: Workbench) -> None:
    review = desk.review
    assert review is not None
    project = desk.window.project
    for seq, text in enumerate(TEXTS, 1):
        desk.window.open_statement(seq)
        review.review_list.min_agree.setValue(2)
        review.agreed_action.trigger()
        counts: dict[tuple[int, int, str], int] = {}
        for who in WORK:
            for span in spans(text, WORK[who][seq - 1]):
                key = (span["start"], span["end"], span["label"])
                counts[key] = counts.get(key, 0) + 1
        assert sorted(gold_spans(project, seq)) == sorted(k for k, n in counts.items() if n >= 2)
    desk.window.undo_action.trigger()  # the last statement's acceptance comes back out
    assert gold_spans(project, 3) == []


def test_the_list_is_in_the_agreement_reports_order_and_f8_follows_it(desk: Workbench, team: Path) -> None:
    review = desk.review
    assert review is not None
    rows: list[StatementDisagreement] = []
    with Project.open(team, read_only=True) as project:
        measure_project(project, default_annotators(project), project.schema.label_names, rows=rows.append)
    expected = [r.id for r in sorted(rows, key=lambda r: (-r.score, int(r.id[1:])))]
    model = review.review_list.model
    assert [model.row_data(i).id for i in range(model.rowCount())] == expected  # type: ignore[union-attr]
    worst_first = [r.id for r in sorted(rows, key=lambda r: (-r.score, int(r.id[1:]))) if r.score > 0]
    desk.window.open_statement(int(expected[-1][1:]))
    seen = []
    for _ in worst_first:
        review.next_action.trigger()
        seen.append(desk.window.project.statement(desk.window.current_seq).id)  # type: ignore[arg-type, union-attr]
    assert seen == worst_first


def test_adjudicated_statements_leave_the_open_filter(desk: Workbench) -> None:
    review = desk.review
    assert review is not None
    desk.window.open_statement(1)
    desk.window.settings.set_marks_empty_done_unasked(desk.window.project.path)  # no gold spans: no question
    desk.window.mark_done_and_next()  # gold marks statement 1 done
    assert desk.window.project.status(1, GOLD).status == "done"
    review.review_list.open_only.setChecked(True)
    model = review.review_list.model
    ids = [model.row_data(i).id for i in range(model.rowCount())]  # type: ignore[union-attr]
    assert "s1" not in ids and len(ids) == len(TEXTS) - 1


def test_closing_while_measuring_drops_the_result(team: Path, settings: Any, qtbot: Any) -> None:
    project = Project.open(team, check=False)
    bench = compose(project, settings, "gold", check_integrity=False, review=True)
    qtbot.addWidget(bench.window)
    bench.window.show()
    assert bench.review is not None
    bench.review.measure()  # a worker is measuring when the window closes
    bench.window.close()
    project.close()
    qtbot.wait(300)  # its result arrives after: nothing may touch the closed project (pytest-qt
    # fails the test on an exception in a slot)
    assert bench.review.agreement.report is None


def test_the_desks_export_offers_gold_first(desk: Workbench) -> None:
    from gui.transfer import ExportDialog

    desk.window.open_statement(1)
    desk.review.accept_agreed()  # type: ignore[union-attr]  (gold exists now)
    names = desk.window.project.annotators()
    dialog = ExportDialog(desk.window, names, preferred=GOLD)
    assert dialog.annotator() == GOLD
    assert ExportDialog(desk.window, names).annotator() is None  # every annotator, as before
