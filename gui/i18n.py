"""The UI language: English or Arabic, chosen in View → Language and remembered.

Arabic installs Bayan's translation (`resources/translations/bayan_ar.qm`, made with
pyside6-lupdate/lrelease from gui/*.py) and Qt's own (standard buttons and dialogs),
and turns the application right-to-left, so the whole layout mirrors.

A switch applies at once: the window is rebuilt in the new language on the same project
and statement (every edit is already in the project, so nothing is lost; the undo
history starts afresh). Widgets translate their strings when they are made, so a fresh
window is the one way every string, including those of other modules, changes together.
The rebuild calls the composition root (gui/app.py) again, which adds View → Language
(`LanguageFeature`) to each window it builds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, Qt, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from core.paths import RESOURCES
from gui.features import DockSide, Section
from gui.settings import Settings
from store.project import Project

if TYPE_CHECKING:  # for the annotations only: the window is built by gui/app.py, not here
    from gui.main_window import MainWindow

TRANSLATIONS = RESOURCES / "translations"
SETTINGS_KEY = "ui/language"
DEFAULT_LANGUAGE = "en"
# Each language by its own name, as language menus show them.
LANGUAGES = {"en": "English", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})


# The application property that holds the UI language's code (set by UiLanguage.apply).
LANGUAGE_PROPERTY = "bayanLanguage"


def current_language() -> str:
    """The UI language of the widgets being built ("en" or "ar"): what schema display names
    (Schema.label_title and the like) are asked in. English when no language was applied."""
    app = QCoreApplication.instance()
    code = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return code if isinstance(code, str) and code in LANGUAGES else DEFAULT_LANGUAGE


class UiLanguage(QObject):
    """Installs the translators and the layout direction of one language at a time."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, settings: Settings) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.language = DEFAULT_LANGUAGE
        self._translators: list[QTranslator] = []

    def saved(self) -> str:
        value = str(self.settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    def apply(self, code: str) -> bool:
        """Make `code` the UI language of new widgets; False if its translation is missing."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators.clear()
        ok = True
        if code != DEFAULT_LANGUAGE:
            ours = QTranslator(self)
            ok = ours.load(f"bayan_{code}", str(TRANSLATIONS))
            qt = QTranslator(self)
            # Qt's own strings (OK, Cancel, file dialogs); optional, as not every Qt ships them.
            if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._translators.append(qt)
            if ok:
                self._translators.append(ours)
        for translator in self._translators:
            self.app.installTranslator(translator)
        if isinstance(self.app, QGuiApplication):
            rtl = code in RIGHT_TO_LEFT
            self.app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.language = code
        self.app.setProperty(LANGUAGE_PROPERTY, code)
        return ok

    def apply_saved(self) -> str:
        code = self.saved()
        self.apply(code)
        return code

    def choose(self, code: str) -> None:
        """Remember `code` and apply it; `changed` tells the window to rebuild itself."""
        self.settings.set_value(SETTINGS_KEY, code)
        if code != self.language:
            self.apply(code)
            self.changed.emit(code)

    def menu(self, parent: QWidget) -> QMenu:
        """A Language menu with one checkable entry per language."""
        menu = QMenu(QCoreApplication.translate("UiLanguage", "&Language"), parent)
        group = QActionGroup(menu)
        group.setExclusive(True)
        for code, name in LANGUAGES.items():
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            group.addAction(action)
            menu.addAction(action)
        return menu


class LanguageFeature(QObject):
    """View → Language of one window."""

    def __init__(self, language: UiLanguage, parent: QWidget) -> None:
        super().__init__(parent)
        self.menu = language.menu(parent)

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.LANGUAGE: [self.menu.menuAction()]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return []


WindowFactory = Callable[[Project, str, bool], "MainWindow"]


class LanguageHost(QObject):
    """Keeps the main window, and rebuilds it in the new language when the user switches.

    `make_window(project, annotator, check_integrity)` builds a whole window, features and
    View → Language included (gui/app.py's composition).
    """

    windowReplaced = Signal(object)

    def __init__(self, language: UiLanguage, make_window: WindowFactory) -> None:
        super().__init__(language)
        self.language = language
        self.make_window = make_window
        self.window: MainWindow | None = None
        language.changed.connect(self._rebuild)

    def open(self, project: Project, annotator: str, *, check_integrity: bool = True) -> MainWindow:
        self.window = self.make_window(project, annotator, check_integrity)
        return self.window

    def _rebuild(self, _code: str) -> None:
        old = self.window
        if old is None:
            return
        old.time_tracker.flush()
        seq = old.current_seq
        new = self.open(old.project, old.annotator, check_integrity=False)
        new.restoreGeometry(old.saveGeometry())
        if seq is not None and seq != new.current_seq:
            new.open_statement(seq)
        if old.isVisible():
            new.show()  # before the old one closes, so the application does not quit
        # The old window's project is the new one's: closing the window leaves it open.
        old.close()
        old.deleteLater()
        self.windowReplaced.emit(new)
