"""The search dock on the real main window: Ctrl+F, normalized matches, filters, highlights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from core.normalize import normalize
from gui.search import SearchPanel, SearchResultModel
from store.project import Project
from store.search import SearchIndex
from tests.gui.conftest import ANNOTATOR, add_statements


@pytest.fixture
def panel(workbench: Any, qtbot: Any) -> SearchPanel:
    window = workbench.window
    # Window shortcuts need the window to be the active one.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: workbench.search.dock.isVisible())
    return workbench.search.panel


def type_text(widget: QWidget, text: str) -> None:
    """Key presses that carry Arabic text (QTest.keyClicks only knows ASCII keys)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def search(qtbot: Any, panel: SearchPanel, text: str) -> None:
    panel.query_edit.clear()
    type_text(panel.query_edit, text)
    assert panel.query_edit.text() == text
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.active_query() == text.strip())


def hit_seqs(panel: SearchPanel) -> list[int]:
    return [panel.model.seq_at(r) for r in range(panel.model.rowCount())]  # type: ignore[misc]


def test_ctrl_f_focuses_the_query_and_esc_goes_back_to_the_text(
    workbench: Any, panel: SearchPanel, qtbot: Any
) -> None:
    window = workbench.window
    assert panel.query_edit.hasFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    assert window.editor.hasFocus()
    assert workbench.search.dock.isVisible(), "the results stay"
    # Beside the statement list, where reading starts.
    assert window.dockWidgetArea(workbench.search.dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_typing_without_hamza_finds_the_statement_with_it(window: Any, panel: SearchPanel, qtbot: Any) -> None:
    search(qtbot, panel, "الاسلحة")
    seqs = hit_seqs(panel)
    assert seqs, "nothing found"
    for seq in seqs:
        assert "الأسلحة" in window.project.statement(seq).text or "الاسلحة" in window.project.statement(seq).text
    with_hamza = [s for s in range(1, window.project.statement_count() + 1)
                  if "الاسلحه" in normalize(window.project.statement(s).text)]
    assert seqs == with_hamza
    assert panel.summary.text() == f"{len(seqs)} statements"


def test_activating_a_hit_opens_it_with_matches_highlighted(window: Any, panel: SearchPanel, qtbot: Any) -> None:
    search(qtbot, panel, "الاسلحة")
    row = panel.model.rowCount() - 1
    seq = panel.model.seq_at(row)
    panel.results.setCurrentIndex(panel.model.index(row, 0))
    panel.results.activated.emit(panel.model.index(row, 0))
    assert window.current_seq == seq
    editor = window.editor
    assert editor.search_matches
    assert all(normalize(editor.text[a:b]) == "الاسلحه" for a, b in editor.search_matches)
    # The highlights are in the editor, on those letters.
    painted = [e.cursor.selectedText() for e in editor.extraSelections()][-len(editor.search_matches):]
    assert painted == [editor.text[a:b] for a, b in editor.search_matches]
    # Other statements opened while the search is active are highlighted too; a cleared search clears.
    window.open_statement(1)
    assert [editor.text[a:b] for a, b in editor.search_matches] == [
        editor.text[a:b] for a, b in panel.matches_in(editor.text)
    ]
    panel.query_edit.clear()
    panel.run_search()
    assert editor.search_matches == []


def test_highlights_land_on_the_letters_after_emoji(
    window: Any, panel: SearchPanel, qtbot: Any, tmp_path: Path
) -> None:
    add_statements(window.project, ["😀👨‍👩‍👧 قال 𝕏 إن الأسلحة محظورة"], tmp_path)
    window.reload()
    search(qtbot, panel, "الاسلحه")
    seq = window.project.statement_count()
    assert seq in hit_seqs(panel)
    panel.statementRequested.emit(seq)
    editor = window.editor
    (start, end), = editor.search_matches
    assert editor.text[start:end] == "الأسلحة"
    assert editor.extraSelections()[-1].cursor.selectedText() == "الأسلحة"


def test_status_and_label_filters_are_the_annotators(window: Any, panel: SearchPanel, qtbot: Any) -> None:
    project: Project = window.project
    search(qtbot, panel, "الاسلحة")
    all_hits = hit_seqs(panel)
    assert len(all_hits) >= 3
    project.set_status(statement=all_hits[1], annotator=ANNOTATOR, status="done")
    project.set_status(statement=all_hits[2], annotator="someone else", status="done")
    text = project.statement(all_hits[2]).text
    project.add_span(statement=all_hits[2], annotator=ANNOTATOR, label="ACTOR", start=0, end=3)
    project.add_span(statement=all_hits[0], annotator="someone else", label="ACTOR", start=0, end=len(text[:3]))

    panel.status_combo.setCurrentIndex(panel.status_combo.findData("done"))
    assert hit_seqs(panel) == [all_hits[1]]
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("todo"))
    assert hit_seqs(panel) == [s for s in all_hits if s != all_hits[1]]
    panel.status_combo.setCurrentIndex(panel.status_combo.findData(""))
    panel.label_combo.setCurrentIndex(panel.label_combo.findData("ACTOR"))
    assert hit_seqs(panel) == [all_hits[2]]
    # A filter alone lists the statements it selects.
    panel.query_edit.clear()
    panel.run_search()
    assert hit_seqs(panel) == [all_hits[2]]


def test_results_are_read_page_by_page(window: Any, panel: SearchPanel, qtbot: Any, tmp_path: Path) -> None:
    add_statements(window.project, [f"البيان رقم {i} عن مُنَظَّمة الحظر" for i in range(250)], tmp_path)
    window.reload()
    search(qtbot, panel, "منظمه")
    model = panel.model
    assert model.rowCount() == 100
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
    seqs = hit_seqs(panel)
    assert seqs == sorted(set(seqs)) and len(seqs) == panel.index.count("منظمه")


def test_a_large_backlog_is_indexed_on_a_worker(
    window: Any, panel: SearchPanel, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gui.search.BACKGROUND_INDEX_MIN", 0)
    panel.index.reset()
    assert panel.index.pending() == window.project.statement_count()
    panel.query_edit.setText("الاسلحة")
    panel.run_search()
    assert panel.is_indexing() or panel.index.pending() == 0
    qtbot.waitUntil(lambda: not panel.is_indexing() and panel.model.rowCount() > 0, timeout=10_000)
    assert panel.index.pending() == 0
    assert panel.active_query() == "الاسلحة"


def test_search_follows_the_window_to_another_project(
    window: Any, panel: SearchPanel, qtbot: Any, tmp_path: Path
) -> None:
    from core.paths import DEFAULT_SCHEMA
    from core.schema import load_schema

    search(qtbot, panel, "الاسلحة")
    assert hit_seqs(panel)
    other = Project.create(tmp_path / "other.bayan", load_schema(DEFAULT_SCHEMA))
    add_statements(other, ["لا شيء هنا", "الأسلحة المحظورة"], tmp_path)
    window.set_project(other)
    assert panel.project is other and hit_seqs(panel) == []
    search(qtbot, panel, "الاسلحه")
    assert hit_seqs(panel) == [2]


def test_result_model_passes_qtmodeltester(seeded: Project, qtmodeltester: Any) -> None:
    model = SearchResultModel()
    model.set_search(SearchIndex(seeded), "ال")
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)
