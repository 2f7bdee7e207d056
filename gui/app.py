"""The composition root: starting the Qt application, and building the window with its features.

`compose` is the one place that makes a window and its features (search, import/export,
the shortcut overlay, View → Language) and wires them with signals: features never reach
into the window, and the window never imports this module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from core.model import GOLD
from core.paths import RESOURCES
from core.rules import name_problem
from gui.annotator import ask_annotator_name
from gui.fonts import emoji_font_family, set_list_font, with_fallbacks
from gui.guidelines import GuidelinesFeature
from gui.help import ShortcutHelp
from gui.i18n import LanguageFeature, LanguageHost, UiLanguage, current_language
from gui.main_window import MainWindow
from gui.review import ReviewFeature
from gui.search import SearchFeature
from gui.settings import Settings
from gui.theme import ThemeFeature
from gui.transfer import Transfer
from store.project import Project

BUNDLED_FONT = RESOURCES / "fonts" / "Amiri-Regular.ttf"
# The window's icon in the sizes the desktop asks for (PNGs rendered from bayan.svg by
# packaging/make_icons.py: no Qt SVG module needed at run time).
ICONS = RESOURCES / "icons"
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


def app_icon() -> QIcon:
    """Bayan's icon, for every window (the same one the desktop entry shows)."""
    icon = QIcon()
    for png in sorted(ICONS.glob("bayan-*.png")):
        icon.addFile(str(png))
    return icon


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


@dataclass(frozen=True)
class Workbench:
    """A window and the features composed into it (the features live as long as the window)."""

    window: MainWindow
    search: SearchFeature
    transfer: Transfer
    shortcuts: ShortcutHelp
    language: LanguageFeature | None
    review: ReviewFeature | None = None
    guidelines: GuidelinesFeature | None = None
    theme: ThemeFeature | None = None


def compose(
    project: Project,
    settings: Settings,
    annotator: str,
    *,
    language: UiLanguage | None = None,
    check_integrity: bool = True,
    font_family: str | None = None,
    review: bool = False,
) -> Workbench:
    """The annotator's window on `project` with every feature placed and wired.

    With `language`, View → Language switches the UI language (the host rebuilds the window).
    With `review`, the window is the reviewer's desk: it edits `gold` (whatever `annotator`
    says), with the annotators' lanes under the text, the review list and the agreement panel.
    """
    if review:
        annotator = GOLD
    arabic = font_family or arabic_font_family()
    window = MainWindow(project, settings, annotator, font_family=arabic or None, check_integrity=check_integrity)
    session = window.session
    # Emoji and flags in the statements: a colour emoji face behind the Arabic one, in the
    # editor (and so the lanes, which copy its font) and the lists, whose rows fit both faces.
    emoji = emoji_font_family()
    window.editor.setFont(with_fallbacks(window.editor.font(), [arabic, emoji]))
    # The lists keep the interface's face (the system's fallback draws Arabic it lacks):
    # Amiri, a book face with rich contextual shaping, took twice as long to paint a list
    # page (17 against 8.7 ms for 27 rows here), which a far Ctrl+Return waits for.
    # QFontInfo: the face an alias such as "Sans Serif" resolves to (an alias in a family
    # list made each paint slower still).
    interface = window.list_view.font()
    list_font = with_fallbacks(interface, [QFontInfo(interface).family(), emoji])
    set_list_font(window.list_view, list_font)

    # Ctrl+F: results open in the window; matches are highlighted in every statement it shows.
    search = SearchFeature(session, window.editor, window, settings=settings)
    set_list_font(search.panel.results, list_font)
    window.add_feature(search)
    search.statementRequested.connect(window.open_statement)
    search.dismissed.connect(window.focus_editor)
    window.statementOpened.connect(search.highlight)
    window.closing.connect(search.shutdown)
    # A window rebuilt in another language shows the search of the one it replaces.
    search.restore_state()

    # File → Import…/Export…: the time tracker's writes pause while a job holds the project.
    transfer = Transfer(session, window)
    window.add_feature(transfer)
    transfer.busyChanged.connect(window.time_tracker.set_paused)
    transfer.imported.connect(window.reload)
    transfer.message.connect(window.show_message)
    window.closing.connect(transfer.shutdown)

    # F2: the schema as a guide in a dock; it marks the labels of the statement shown.
    guidelines = GuidelinesFeature(session, window)
    window.add_feature(guidelines)
    guidelines.dismissed.connect(window.focus_editor)
    window.statementOpened.connect(lambda _seq: guidelines.mark_used([s.label for s in window.editor.spans]))
    session.changed.connect(lambda _seq: guidelines.mark_used([s.label for s in window.editor.spans]))
    transfer.imported.connect(guidelines.refresh)  # an import may have added labels

    # F1 and the editor's "?": the keys of every action placed so far and of the labels.
    language_code = current_language()
    shortcuts = ShortcutHelp(
        window,
        lambda: [(label.key, label.title(language_code)) for label in session.project.schema.labels if label.key],
    )
    window.add_feature(shortcuts)
    window.editor.helpRequested.connect(shortcuts.toggle)
    shortcuts.closed.connect(window.focus_editor)

    review_feature = None
    if review:
        # The lanes in a smaller size than the gold text: several fit on screen, and each
        # paints faster (moving to the next disagreement repaints every lane).
        lane_font = QFont(window.editor.font())
        lane_font.setPointSize(max(8, lane_font.pointSize() - 4))
        review_feature = ReviewFeature(session, lane_font, window)
        window.add_feature(review_feature)
        window.place_below_editor(review_feature.lanes, 2)
        window.set_statement_list_visible(False)  # the review list stands in its place
        window.statementOpened.connect(review_feature.show_statement)
        review_feature.statementRequested.connect(window.open_statement)
        review_feature.message.connect(window.show_message)
        review_feature.goldChanged.connect(window.reload)
        transfer.imported.connect(review_feature.measure)
        window.closing.connect(review_feature.shutdown)
        if window.current_seq is not None:
            review_feature.show_statement(window.current_seq)
        # Measured off the GUI thread once the window is up; the list fills when it is done.
        QTimer.singleShot(0, review_feature.measure)

    language_feature = None
    if language is not None:
        language_feature = LanguageFeature(language, window)
        window.add_feature(language_feature)

    # View → Theme: the application's palette; span fills are drawn again for it.
    theme = None
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        theme = ThemeFeature(app, settings, window)
        window.add_feature(theme)
        theme.changed.connect(lambda _dark: window.navigator.reopen())
    return Workbench(window, search, transfer, shortcuts, language_feature, review_feature, guidelines, theme)


def make_window(
    project: Project, settings: Settings, annotator: str, *, check_integrity: bool = True
) -> MainWindow:
    """`compose`'s window (what the benchmarks and start-up need)."""
    return compose(project, settings, annotator, check_integrity=check_integrity).window


def run(
    project: Project, *, annotator: str | None = None, settings: Settings | None = None, review: bool = False
) -> int:
    """Open the annotation window on `project` and run until it closes.

    main.py opens the project without the O(size) integrity check; the window runs it
    in the background once it shows.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Bayan")
    app.setOrganizationName("Bayan")
    QApplication.setWindowIcon(app_icon())  # static: every window of the app
    settings = settings or Settings()
    settings.clear_search_state()  # a search is carried across a language switch, not across runs
    # The UI language goes in before any widget is made (strings translate when made);
    # switching it rebuilds the window (gui/i18n.py).
    language = UiLanguage(app, settings)
    language.apply_saved()
    # The reviewer edits gold: no name to ask (and the annotator's remembered name stays).
    name = GOLD if review else resolve_annotator(settings, annotator, lambda: ask_annotator_name(None))
    if not name:
        project.close()
        return 1
    host = LanguageHost(
        language,
        lambda p, a, check: compose(p, settings, a, language=language, check_integrity=check, review=review).window,
    )
    window = host.open(project, name)
    window.show()
    code = int(app.exec())
    (host.window or window).project.close()
    return code
