"""The annotator's progress in the status bar: statements done of all, and spans per label."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from core.schema import Schema
from gui.i18n import current_language

# Wide enough for "1,000,000 / 1,000,000" in the bar.
BAR_WIDTH = 170


class ProgressIndicator(QWidget):
    """A bar "done / total" and a line "ACTOR 1,204 · CLAIM 1,190" (display names in the UI language).

    `show_progress` only sets texts and values: it runs after every edit, so what it shows
    must be counted cheaply by the caller (Project.done_count, Project.label_counts).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = current_language()
        self.counts = QLabel()
        self.counts.setToolTip(self.tr("Your spans, per label"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFixedWidth(BAR_WIDTH)
        self.bar.setMaximumHeight(18)
        self.bar.setToolTip(self.tr("Statements you marked done, of all"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)  # apart from the annotator's name before it
        layout.setSpacing(10)
        layout.addWidget(self.counts)
        layout.addWidget(self.bar)

    def show_progress(self, done: int, total: int, counts: Mapping[str, int], schema: Schema) -> None:
        self.bar.setRange(0, max(total, 1))  # an empty project: an empty bar, not a busy one
        self.bar.setValue(min(done, max(total, 1)))
        # `%` would start a placeholder of QProgressBar's format; numbers have none.
        self.bar.setFormat(f"{done:,} / {total:,}")
        self.counts.setText(
            " · ".join(f"{schema.label_title(name, self.language)} {count:,}" for name, count in counts.items())
        )

    def text(self) -> str:
        """What the indicator says: the counts and the bar's text."""
        return f"{self.counts.text()}  {self.bar.text()}"
