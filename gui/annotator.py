"""Asking who annotates: at the first start (gui/app.py) and from File → Change annotator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from core.rules import name_problem


def tr(text: str) -> str:
    return QCoreApplication.translate("AnnotatorName", text)


def ask_annotator_name(parent: QWidget | None, current: str = "") -> str:
    """Ask who is annotating; '' when the annotator cancels. Names the store refuses are asked again."""
    while True:
        name, ok = QInputDialog.getText(
            parent, tr("Annotator"), tr("Your name (your annotations are kept under it):"),
            QLineEdit.EchoMode.Normal, current,
        )
        if not ok:
            return ""
        problem = name_problem(name.strip(), tr("The name"))
        if problem is None:
            return name.strip()
        if name.strip():  # an empty answer just asks again
            QMessageBox.warning(parent, tr("Annotator"), problem)
