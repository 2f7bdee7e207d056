"""What a feature hands the window: its actions, by menu section, and its docks.

A feature (search, import/export, languages, the shortcut overlay) is an object built by
the composition root (gui/app.py) around the pieces it needs (the session, a widget to
parent its dialogs). The window places what the feature exposes through one typed call,
`MainWindow.add_feature`; nothing sets attributes on the window. Where each action goes
is a named section below, so the menus' order is written down in one place instead of
depending on which module happened to add its actions first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar


class Menu(Enum):
    """The window's menus, in menu-bar order."""

    FILE = "file"
    EDIT = "edit"
    VIEW = "view"
    REVIEW = "review"  # only in the review mode: empty menus are hidden
    HELP = "help"


class Section(Enum):
    """A group of actions within one menu."""

    PROJECT = "project"  # File: new, open, recent
    TRANSFER = "transfer"  # File: import, export
    ANNOTATOR = "annotator"  # File: change annotator
    QUIT = "quit"  # File
    HISTORY = "history"  # Edit: undo, redo
    STATEMENT = "statement"  # Edit: done, skipped, to do, note, delete span
    FIND = "find"  # Edit
    NAVIGATE = "navigate"  # View: next, previous, next not done
    ZOOM = "zoom"  # View
    FOCUS = "focus"  # View: the list, the text
    THEME = "theme"  # View
    LANGUAGE = "language"  # View
    DISAGREEMENTS = "disagreements"  # Review: next and previous disagreement, the agreement figures
    ADJUDICATE = "adjudicate"  # Review: accept spans into gold
    PREFILL = "prefill"  # Review: pre-fill gold from the majority, project-wide
    SHORTCUTS = "shortcuts"  # Help
    ABOUT = "about"  # Help


# Each menu's sections, in order; a separator stands between two groups that both have actions.
MENU_LAYOUT: Mapping[Menu, tuple[tuple[Section, ...], ...]] = {
    Menu.FILE: ((Section.PROJECT,), (Section.TRANSFER,), (Section.ANNOTATOR,), (Section.QUIT,)),
    Menu.EDIT: ((Section.HISTORY,), (Section.STATEMENT,), (Section.FIND,)),
    Menu.VIEW: ((Section.NAVIGATE,), (Section.ZOOM,), (Section.FOCUS,), (Section.THEME,), (Section.LANGUAGE,)),
    Menu.REVIEW: ((Section.DISAGREEMENTS,), (Section.ADJUDICATE,), (Section.PREFILL,)),
    Menu.HELP: ((Section.SHORTCUTS, Section.ABOUT),),
}


def menu_of(section: Section) -> Menu:
    return next(menu for menu, groups in MENU_LAYOUT.items() if any(section in group for group in groups))


class DockSide(Enum):
    """A dock's side relative to the reading direction (dock areas do not mirror by themselves)."""

    LEADING = "leading"  # where reading starts: left in English, right in Arabic
    TRAILING = "trailing"


def dock_area(side: DockSide, right_to_left: bool) -> Qt.DockWidgetArea:
    if (side is DockSide.LEADING) == right_to_left:
        return Qt.DockWidgetArea.RightDockWidgetArea
    return Qt.DockWidgetArea.LeftDockWidgetArea


class SectionedMenus:
    """A menu bar's menus, filled section by section in MENU_LAYOUT's order.

    Actions are appended to their section whenever they come (the window's own first, then
    each feature's); the menu is laid out again from the sections, so the order never
    depends on who came first. The actions stay owned by whoever made them.
    """

    def __init__(self, bar: QMenuBar, titles: Mapping[Menu, str]) -> None:
        self.menus = {menu: bar.addMenu(titles[menu]) for menu in MENU_LAYOUT}
        for qmenu in self.menus.values():
            qmenu.menuAction().setVisible(False)  # until something is placed in it (_lay_out)
        self._sections: dict[Section, list[QAction]] = {section: [] for section in Section}

    def menu(self, menu: Menu) -> QMenu:
        return self.menus[menu]

    def actions(self, section: Section) -> list[QAction]:
        return list(self._sections[section])

    def place(self, section: Section, actions: Sequence[QAction]) -> None:
        self._sections[section].extend(actions)
        self._lay_out(menu_of(section))

    def _lay_out(self, menu: Menu) -> None:
        qmenu = self.menus[menu]
        # Not QMenu.clear(): in PySide it deletes the actions too; only the menu's own separators go.
        for action in qmenu.actions():
            qmenu.removeAction(action)
            if action.isSeparator():
                action.deleteLater()
        for group in MENU_LAYOUT[menu]:
            actions = [action for section in group for action in self._sections[section]]
            if actions and not qmenu.isEmpty():
                qmenu.addSeparator()
            qmenu.addActions(actions)
        # A menu with nothing in it (Review, outside the review mode) is not shown.
        qmenu.menuAction().setVisible(not qmenu.isEmpty())


class Feature(Protocol):
    """What a window places (MainWindow.add_feature); the feature's signals are wired by
    whoever composed it."""

    def actions(self) -> Mapping[Section, Sequence[QAction]]: ...

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]: ...
