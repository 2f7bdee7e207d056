"""Marking a statement without spans done: the schema's `done_without_spans` (ask, allow, refuse).

`ask` asks once per Ctrl+Return, with a check box that stops the question for this project
(remembered in the settings, on this computer); `refuse` says why in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from gui.settings import Settings
from store.project import Project


class EmptyDoneCheck(QObject):
    """Whether Ctrl+Return may mark a statement without spans done, asking `parent` when the schema says so."""

    def __init__(self, settings: Settings, say: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.say = say
        self.parent_widget = parent

    def may_mark_done(self, project: Project) -> bool:
        rule = project.schema.empty_done
        if rule == "allow" or (rule == "ask" and self.settings.marks_empty_done_unasked(project.path)):
            return True
        if rule == "refuse":
            self.say(self.tr(
                "Not marked done: this statement has no spans, and this project does not mark such statements "
                "done (done_without_spans: refuse). Label something, or skip it with Ctrl+Shift+K."
            ))
            return False
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("No spans"),
                          self.tr("This statement has no spans. Mark it done anyway?"), parent=self.parent_widget)
        done = box.addButton(self.tr("Mark done"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(done)  # Ctrl+Return, then Return: the annotator meant it
        remember = QCheckBox(self.tr("Don't ask again for this project"))
        remember.setToolTip(self.tr("Ctrl+Return will mark statements without spans done without asking"))
        box.setCheckBox(remember)
        box.exec()
        if box.clickedButton() is not done:
            return False  # "Stay" (or Esc): the check box only ever remembers a yes
        if remember.isChecked():
            self.settings.set_marks_empty_done_unasked(project.path)
        return True
