"""Starting the Qt application on an open project."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from store.project import Project


def run(project: Project, *, annotator: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle(f"Bayan — {project.name}")
    window.setCentralWidget(QLabel(f"{project.statement_count()} statements"))
    window.show()
    return int(app.exec())
