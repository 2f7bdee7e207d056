"""View → Language: Arabic translates the window and mirrors it at once, and is remembered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMenu

from gui.app import compose, make_window
from gui.features import Section
from gui.i18n import LanguageHost, UiLanguage
from gui.main_window import MainWindow
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR


@pytest.fixture
def language(qapp: QApplication, settings: Settings) -> Iterator[UiLanguage]:
    ui = UiLanguage(qapp, settings)
    yield ui
    ui.apply("en")  # the application outlives the test: leave it English and left-to-right


@pytest.fixture
def host(language: UiLanguage, seeded: Project, settings: Settings, qtbot: Any) -> Iterator[LanguageHost]:
    def factory(project: Project, annotator: str, check: bool) -> MainWindow:
        window = compose(project, settings, annotator, language=language, check_integrity=False).window
        qtbot.addWidget(window)
        return window

    host = LanguageHost(language, factory)
    window = host.open(seeded, ANNOTATOR, check_integrity=False)
    window.show()
    qtbot.waitExposed(window)
    yield host
    # The language outlives the test (it belongs to the application): without this, the
    # `language` fixture's switch back to English would build a window nobody closes,
    # whose time flush would later write to a closed project.
    language.changed.disconnect(host._rebuild)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.undo_stack.clear()


def language_menu(window: MainWindow) -> QMenu:
    (entry,) = window.section_actions(Section.LANGUAGE)
    menu = entry.menu()
    assert isinstance(menu, QMenu)
    return menu


def choose(window: MainWindow, code: str) -> None:
    action = next(a for a in language_menu(window).actions() if a.data() == code)
    action.trigger()


def test_switching_to_arabic_translates_and_mirrors_at_once(
    host: LanguageHost, qapp: QApplication, settings: Settings
) -> None:
    first = host.window
    assert first is not None
    first.open_statement(4)
    assert first.file_menu.title() == "&File"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    choose(first, "ar")

    window = host.window
    assert window is not None and window is not first
    assert window.file_menu.title() == "&ملف"
    assert window.edit_menu.title() == "&تحرير"
    assert window.view_menu.title() == "&عرض"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isVisible() and not first.isVisible()
    # Same project, same statement, and the other modules' strings are Arabic too.
    assert window.project is first.project and window.current_seq == 4
    assert window.section_actions(Section.FIND)[0].text() == "ال&بحث في كل البيانات…"
    assert window.section_actions(Section.TRANSFER)[0].text() == "ا&ستيراد…"
    assert language_menu(window).title() == "ال&لغة"
    # The menus keep their order in Arabic: View ends with Language after a separator.
    view = window.view_menu.actions()
    assert view[-2].isSeparator() and view[-1].menu() is language_menu(window)
    assert QCoreApplication.translate("ShortcutOverlay", "Select words") == "تحديد كلمات"
    # Arabic plurals: two, a few, many, a hundred.
    plural = [QCoreApplication.translate("SearchPanel", "%Ln statements", "", n) for n in (2, 5, 15, 100)]
    assert plural == ["بيانان", "5 بيانات", "15 بيانًا", "100 بيان"]
    # The statement text keeps its own direction: Arabic right-aligned whatever the UI.
    assert "Bayan" not in window.windowTitle() and "بيان" in window.windowTitle()

    # Remembered: a new start reads Arabic from the settings.
    assert UiLanguage(qapp, settings).saved() == "ar"

    choose(window, "en")
    back = host.window
    assert back is not None
    assert back.file_menu.title() == "&File"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert UiLanguage(qapp, settings).saved() == "en"


def test_saved_language_applies_before_the_window_is_made(
    language: UiLanguage, seeded: Project, settings: Settings, qtbot: Any, qapp: QApplication
) -> None:
    settings.set_value("ui/language", "ar")
    assert language.apply_saved() == "ar"
    window = make_window(seeded, settings, ANNOTATOR, check_integrity=False)
    qtbot.addWidget(window)
    assert window.file_menu.title() == "&ملف"
    assert window.isRightToLeft()


def test_unknown_saved_language_falls_back_to_english(language: UiLanguage, settings: Settings) -> None:
    settings.set_value("ui/language", "tlh")
    assert language.saved() == "en"
    with pytest.raises(ValueError):
        language.apply("tlh")


def test_every_ui_string_has_arabic() -> None:
    """The compiled catalogue covers the sources (resources/translations/update.py fills it)."""
    import xml.etree.ElementTree as ET

    from core.paths import RESOURCES

    root = ET.parse(RESOURCES / "translations" / "bayan_ar.ts").getroot()
    untranslated = []
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        texts = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") == "unfinished" or not all((t or "").strip() for t in texts):
            untranslated.append(message.findtext("source"))
    assert untranslated == []
    assert (RESOURCES / "translations" / "bayan_ar.qm").stat().st_size > 1000
