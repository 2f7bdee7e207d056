"""Relabel and delete say in the status bar exactly what went with them; the store agrees; Ctrl+Z brings it back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from core.schema import parse_schema
from gui.i18n import LANGUAGE_PROPERTY
from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements

Ctrl = Qt.KeyboardModifier.ControlModifier


def offsets_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def said(window: Any) -> str:
    return str(window.statusBar().currentMessage())


def make(window: Any, label: str, word: str) -> int:
    window.add_span(label, *offsets_of(window.editor.text, word))
    return next(s.id for s in window.editor.spans if s.text == word and s.label == label)


@pytest.fixture
def claim_with_stance_and_claimant(window: Any) -> tuple[int, int]:
    actor = make(window, "ACTOR", "الائتلاف الوطني السوري")
    claim = make(window, "CLAIM", "إلى تحرك المجتمع الدولي")
    window.add_relation(actor, claim, "CLAIMANT")
    window.set_attrs(claim, {"stance": "support"})
    return actor, claim


def test_relabel_says_it_dropped_the_stance_and_the_link(window: Any, qtbot: Any,
                                                         claim_with_stance_and_claimant: tuple[int, int]) -> None:
    _actor, claim = claim_with_stance_and_claimant
    editor = window.editor
    editor.select_span(claim)
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert said(window) == (
        "CLAIM → ACTOR: its stance (support) and 1 CLAIMANT link were removed — Ctrl+Z brings them back"
    )
    span = window.project.span(claim)
    assert (span.label, span.attrs) == ("ACTOR", {})
    assert window.project.relations(1, ANNOTATOR) == []
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    span = window.project.span(claim)
    assert (span.label, span.attrs) == ("CLAIM", {"stance": "support"})
    assert len(window.project.relations(1, ANNOTATOR)) == 1


def test_relabel_that_drops_nothing_says_nothing(window: Any, qtbot: Any) -> None:
    actor = make(window, "ACTOR", "المجتمع الدولي")
    window.statusBar().clearMessage()
    window.editor.select_span(actor)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)
    assert window.project.span(actor).label == "CLAIM"
    assert said(window) == ""


def test_relabel_names_labels_and_values_in_the_ui_language(window: Any, qtbot: Any,
                                                            claim_with_stance_and_claimant: tuple[int, int]) -> None:
    app = QCoreApplication.instance()
    app.setProperty(LANGUAGE_PROPERTY, "ar")  # the schema's Arabic display names (no translator: English words)
    try:
        window.editor.select_span(claim_with_stance_and_claimant[1])
        qtbot.keyClick(window.editor, Qt.Key.Key_A)
    finally:
        app.setProperty(LANGUAGE_PROPERTY, "en")
    assert said(window) == (
        "ادعاء → فاعل: its الموقف (تأييد) and 1 صاحب الادعاء link were removed — Ctrl+Z brings them back"
    )


def test_the_messages_in_arabic(window: Any, qtbot: Any, qapp: Any, settings: Any,
                                claim_with_stance_and_claimant: tuple[int, int]) -> None:
    from gui.i18n import UiLanguage

    language = UiLanguage(qapp, settings)
    assert language.apply("ar")
    try:
        actor, claim = claim_with_stance_and_claimant
        window.editor.select_span(claim)
        qtbot.keyClick(window.editor, Qt.Key.Key_A)
        assert said(window) == "ادعاء ← فاعل: أُزيل الموقف (تأييد) ورابط صاحب الادعاء واحد — يعيدها Ctrl+Z"
        qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
        window.editor.select_span(actor)
        qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
        assert said(window) == "حُذف فاعل «الائتلاف الوطني السوري» ومعه رابط صاحب الادعاء واحد — يعيدها Ctrl+Z"
    finally:
        language.apply("en")  # the application outlives the test


def test_delete_says_which_span_and_how_many_links_went(window: Any, qtbot: Any) -> None:
    actor = make(window, "ACTOR", "الائتلاف الوطني السوري")
    claims = [make(window, "CLAIM", "إلى تحرك المجتمع الدولي"), make(window, "CLAIM", "لمحاسبة النظام السوري")]
    for claim in claims:
        window.add_relation(actor, claim, "CLAIMANT")
    window.editor.select_span(actor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert said(window) == (
        "Deleted ACTOR «الائتلاف الوطني السوري» and its 2 CLAIMANT links — Ctrl+Z brings them back"
    )
    assert window.project.span(actor) is None and window.project.relations(1, ANNOTATOR) == []
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
    assert sorted(r.tail for r in window.project.relations(1, ANNOTATOR)) == sorted(claims)
    window.editor.select_span(claims[0])
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert said(window) == "Deleted CLAIM «إلى تحرك المجتمع الدولي» and its 1 CLAIMANT link — Ctrl+Z brings them back"
    window.editor.select_span(claims[1])
    window.delete_span(actor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert said(window) == "Deleted CLAIM «لمحاسبة النظام السوري» — Ctrl+Z brings it back"


SHARED_ATTRIBUTE = {
    "labels": [
        {"name": "ACTOR", "color": "#1e88e5", "key": "a",
         "attributes": [{"name": "stance", "values": ["support", "oppose"]}]},
        {"name": "CLAIM", "color": "#f9a825", "key": "c",
         "attributes": [{"name": "stance", "values": ["support", "oppose", "neutral"]},
                        {"name": "certainty", "values": ["high", "low"]}]},
    ],
    "relations": [{"name": "CLAIMANT", "from": "ACTOR", "to": "CLAIM"}],
}


@pytest.fixture
def shared(tmp_path: Path, settings: Any, qtbot: Any) -> Iterator[Any]:
    from gui.main_window import MainWindow

    with Project.create(tmp_path / "shared.bayan", parse_schema(SHARED_ATTRIBUTE)) as project:
        add_statements(project, ["دعا الائتلاف الوطني السوري إلى تحرك المجتمع الدولي"], tmp_path)
        win = MainWindow(project, settings, ANNOTATOR, check_integrity=False)
        qtbot.addWidget(win)
        win.show()
        yield win
        win.undo_stack.clear()


def test_attributes_that_fit_the_new_label_stay(shared: Any, qtbot: Any) -> None:
    kept = make(shared, "CLAIM", "الائتلاف الوطني السوري")
    dropped = make(shared, "CLAIM", "المجتمع الدولي")
    shared.set_attrs(kept, {"stance": "oppose", "certainty": "high"})
    shared.set_attrs(dropped, {"stance": "neutral"})
    shared.editor.select_span(kept)
    qtbot.keyClick(shared.editor, Qt.Key.Key_A)
    assert shared.project.span(kept).attrs == {"stance": "oppose"}  # ACTOR has stance oppose, no certainty
    assert said(shared) == "CLAIM → ACTOR: its certainty (high) was removed — Ctrl+Z brings it back"
    shared.editor.select_span(dropped)
    qtbot.keyClick(shared.editor, Qt.Key.Key_A)
    assert shared.project.span(dropped).attrs == {}  # neutral is no value of ACTOR's stance
    assert said(shared) == "CLAIM → ACTOR: its stance (neutral) was removed — Ctrl+Z brings it back"
    qtbot.keyClick(shared.editor, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(shared.editor, Qt.Key.Key_Z, Ctrl)
    assert shared.project.span(kept).attrs == {"stance": "oppose", "certainty": "high"}
    assert shared.project.span(dropped).attrs == {"stance": "neutral"}
