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

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget


class Menu(Enum):
    """The window's menus, in menu-bar order."""

    FILE = "file"
    EDIT = "edit"
    VIEW = "view"
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
    LANGUAGE = "language"  # View
    SHORTCUTS = "shortcuts"  # Help
    ABOUT = "about"  # Help


# Each menu's sections, in order; a separator stands between two groups that both have actions.
MENU_LAYOUT: Mapping[Menu, tuple[tuple[Section, ...], ...]] = {
    Menu.FILE: ((Section.PROJECT,), (Section.TRANSFER,), (Section.ANNOTATOR,), (Section.QUIT,)),
    Menu.EDIT: ((Section.HISTORY,), (Section.STATEMENT,), (Section.FIND,)),
    Menu.VIEW: ((Section.NAVIGATE,), (Section.ZOOM,), (Section.FOCUS,), (Section.LANGUAGE,)),
    Menu.HELP: ((Section.SHORTCUTS, Section.ABOUT),),
}


def menu_of(section: Section) -> Menu:
    return next(menu for menu, groups in MENU_LAYOUT.items() if any(section in group for group in groups))


class DockSide(Enum):
    """A dock's side relative to the reading direction (dock areas do not mirror by themselves)."""

    LEADING = "leading"  # where reading starts: left in English, right in Arabic
    TRAILING = "trailing"


class Feature(Protocol):
    """What the window places; the feature's signals are wired by whoever composed it."""

    def actions(self) -> Mapping[Section, Sequence[QAction]]: ...

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]: ...
