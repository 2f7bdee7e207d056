"""Starting the Qt application on an open project: fonts, the annotator's name, the window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from core.paths import RESOURCES
from core.rules import name_problem
from gui.i18n import LanguageHost, UiLanguage
from gui.main_window import MainWindow
from gui.search import install_search
from gui.settings import Settings
from gui.transfer import install_transfer
from store.project import Project

BUNDLED_FONT = RESOURCES / "fonts" / "Amiri-Regular.ttf"
# Arabic faces we prefer when the system has them, best first.
PREFERRED_ARABIC = ("Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", "Scheherazade New", "Arial")


def arabic_font_family(database: type[QFontDatabase] = QFontDatabase) -> str:
    """A font family that has Arabic: a preferred system one, else the bundled Amiri."""
    families = database.families(QFontDatabase.WritingSystem.Arabic)
    for name in PREFERRED_ARABIC:
        if name in families:
            return name
    font_id = database.addApplicationFont(str(BUNDLED_FONT))
    loaded = database.applicationFontFamilies(font_id) if font_id >= 0 else []
    if loaded:
        return str(loaded[0])
    return families[0] if families else ""


def ask_annotator_name(parent: QWidget | None, current: str = "") -> str:
    """Ask who is annotating (asked once; the answer is remembered in the settings)."""
    while True:
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("App", "Annotator"),
            QCoreApplication.translate("App", "Your name (your annotations are kept under it):"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        if not ok:
            return ""
        problem = name_problem(name.strip(), QCoreApplication.translate("App", "The name"))
        if problem is None:
            return name.strip()
        if name.strip():  # an empty answer just asks again
            QMessageBox.warning(parent, QCoreApplication.translate("App", "Annotator"), problem)


def resolve_annotator(settings: Settings, given: str | None, ask: Callable[[], str]) -> str:
    """The annotator's name: the one given, else the remembered one, else asked (once) and remembered."""
    name = (given or "").strip() or settings.annotator()
    if name and name_problem(name, "") is not None:
        name = ""  # a remembered name from before names were checked: ask again
    if not name:
        name = ask().strip()
    if name:
        settings.set_annotator(name)
        settings.sync()
    return name


def make_window(
    project: Project, settings: Settings, annotator: str, *, check_integrity: bool = True
) -> MainWindow:
    window = MainWindow(
        project, settings, annotator, font_family=arabic_font_family() or None, check_integrity=check_integrity
    )
    # Ctrl+F search and File → Import…/Export… (gui/search.py, gui/transfer.py).
    install_search(window)
    install_transfer(window)
    return window


def run(project: Project, *, annotator: str | None = None, settings: Settings | None = None) -> int:
    """Open the annotation window on `project` and run until it closes.

    main.py opens the project without the O(size) integrity check; the window runs it
    in the background once it shows.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Bayan")
    app.setOrganizationName("Bayan")
    settings = settings or Settings()
    # The UI language goes in before any widget is made (strings translate when made);
    # switching it rebuilds the window (gui/i18n.py).
    language = UiLanguage(app, settings)
    language.apply_saved()
    name = resolve_annotator(settings, annotator, lambda: ask_annotator_name(None))
    if not name:
        project.close()
        return 1
    host = LanguageHost(language, lambda p, a, check: make_window(p, settings, a, check_integrity=check))
    window = host.open(project, name)
    window.show()
    code = int(app.exec())
    (host.window or window).project.close()
    return code
