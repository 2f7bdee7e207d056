"""Labels, attributes, values and relations by their display names in the UI language; the
stored values never change. Menu mnemonics are unique per menu in English and in Arabic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar

from gui.app import compose
from gui.i18n import UiLanguage
from gui.main_window import MainWindow
from gui.models import RelationTableModel, SpanTableModel
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR


@pytest.fixture
def language(qapp: QApplication, settings: Settings) -> Iterator[UiLanguage]:
    ui = UiLanguage(qapp, settings)
    yield ui
    ui.apply("en")  # the application outlives the test


def build(project: Project, settings: Settings, qtbot: Any, *, review: bool = False) -> Any:
    bench = compose(project, settings, ANNOTATOR, check_integrity=False, review=review)
    qtbot.addWidget(bench.window)
    bench.window.resize(1200, 760)
    bench.window.show()
    qtbot.waitExposed(bench.window)
    return bench


def close(window: MainWindow) -> None:
    window.undo_stack.clear()
    window.close()


def test_arabic_ui_shows_display_names_and_stores_the_names(
    language: UiLanguage, seeded: Project, settings: Settings, qtbot: Any
) -> None:
    language.apply("ar")
    bench = build(seeded, settings, qtbot)
    window = bench.window
    assert window.label_palette.buttons["ACTOR"].text() == "فاعل  [a]"
    assert window.label_palette.buttons["CLAIM"].text() == "ادعاء  [c]"

    window.editor.setFocus()
    window.editor.select_text(0, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_A)
    window.editor.select_text(4, 20)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)
    qtbot.keyClick(window.editor, Qt.Key.Key_2)  # the claim's stance: oppose
    spans = seeded.spans(1, ANNOTATOR)
    assert [s.label for s in spans] == ["ACTOR", "CLAIM"]
    assert spans[1].attrs == {"stance": "oppose"}  # stored by its name

    model = window.span_model
    labels = [model.index(r, SpanTableModel.LABEL).data() for r in range(model.rowCount())]
    assert labels == ["فاعل", "ادعاء"]
    assert model.index(1, SpanTableModel.ATTRS).data() == "الموقف=معارضة"

    # The attribute editor: the display name of the attribute, its values by display name and key.
    combo = window.attribute_editor.combos["stance"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["0  (لا شيء)", "1  تأييد", "2  معارضة", "3  محايد"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "support", "oppose", "neutral"]
    assert combo.currentData() == "oppose"
    combo.setCurrentIndex(1)
    assert seeded.spans(1, ANNOTATOR)[1].attrs == {"stance": "support"}

    # A relation by its display name.
    actor, claim = (s.id for s in seeded.spans(1, ANNOTATOR))
    window.add_relation(actor, claim, "CLAIMANT")
    assert window.relation_model.index(0, RelationTableModel.LABEL).data() == "صاحب الادعاء"
    assert seeded.relations(1, ANNOTATOR)[0].label == "CLAIMANT"

    # The help overlay's label rows and the search panel's label filter.
    rows = dict(bench.shortcuts.rows())
    assert "فاعل" in rows["a"] and "ادعاء" in rows["c"]
    search_labels = bench.search.panel.label_combo
    items = {search_labels.itemData(i): search_labels.itemText(i) for i in range(search_labels.count())}
    assert "فاعل" in items["ACTOR"] and "ادعاء" in items["CLAIM"]
    close(window)


def test_english_ui_keeps_the_names(workbench: Any, qtbot: Any) -> None:
    window = workbench.window
    assert window.label_palette.buttons["ACTOR"].text() == "ACTOR  [a]"
    window.editor.select_text(4, 20)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)
    combo = window.attribute_editor.combos["stance"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["0  (none)", "1  support", "2  oppose", "3  neutral"]


def mnemonic(text: str) -> str | None:
    """The character after a single & (&& is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def menus_of(window: MainWindow) -> list[tuple[str, list[str]]]:
    """The menu bar and every menu and submenu under it: (title, texts of its visible entries)."""
    found: list[tuple[str, list[str]]] = []

    def walk(title: str, menu: QMenu | QMenuBar) -> None:
        if isinstance(menu, QMenu):
            menu.aboutToShow.emit()  # menus filled when opened (Recent projects)
        entries = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        found.append((title, [a.text() for a in entries]))
        for action in entries:
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(action.text(), sub)

    walk("menu bar", window.menuBar())
    return found


@pytest.mark.parametrize("review", [False, True])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_mnemonics_are_unique_in_every_menu(
    code: str, review: bool, language: UiLanguage, seeded: Project, settings: Settings, qtbot: Any
) -> None:
    language.apply(code)
    bench = compose(seeded, settings, ANNOTATOR, check_integrity=False, review=review, language=language)
    window = bench.window
    qtbot.addWidget(window)
    window.show()
    menus = menus_of(window)
    assert len(menus) >= 6  # the bar, File, Edit, View (with Language and Theme), Help
    for title, texts in menus:
        keys = [m for m in map(mnemonic, texts) if m is not None]
        clashes = sorted({k for k in keys if keys.count(k) > 1})
        assert not clashes, f"{code}: {title}: {clashes} in {texts}"
    view = dict(menus)[window.view_menu.title()]
    assert all(mnemonic(text) for text in view)  # every View entry can be reached by its letter
    close(window)
    if bench.review is not None:
        bench.review.shutdown()
