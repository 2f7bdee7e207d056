"""Which statement is open, and how to get to the next one: the one place for the rules.

The navigator follows its session's project and annotator: "not done" means not marked done
by that annotator, so an annotator's window walks to their open work and a review mode with
a `gold` session walks to what is not adjudicated yet. Views listen to `opened` and show
the statement; they never compute where to go.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gui.session import EditSession
from store.project import Project


class StatementNavigator(QObject):
    """The current statement (a 1-based seq, or None) of one edit session."""

    opened = Signal(int)  # seq, also when the current statement is opened again (to re-read it)
    cleared = Signal()  # no statement is open (the project has none)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current: int | None = None
        # The statement shown belongs to the previous project or annotator: whoever switched
        # opens one again (nothing is shown in between).
        session.projectChanged.connect(self._forget)
        session.annotatorChanged.connect(self._forget)

    @property
    def current(self) -> int | None:
        return self._current

    @property
    def project(self) -> Project:
        return self.session.project

    def count(self) -> int:
        return self.project.statement_count()

    def _forget(self, *_: object) -> None:
        self._current = None

    # ------------------------------------------------------------- opening

    def open(self, seq: int) -> bool:
        """Make statement `seq` the current one; False (and nothing changes) if there is none."""
        if not 1 <= seq <= self.count():
            return False
        self._current = seq
        self.opened.emit(seq)
        return True

    def clear(self) -> None:
        self._current = None
        self.cleared.emit()

    def first_to_open(self) -> int | None:
        """Where work starts: the first statement not done, else the first one."""
        return self.first_open() or (1 if self.count() else None)

    def open_first(self) -> bool:
        seq = self.first_to_open()
        return seq is not None and self.open(seq)

    def reopen(self) -> bool:
        """Open the current statement again (re-read), else where work starts; False when there is none."""
        if self._current is not None and self.open(self._current):
            return True
        if self.open_first():
            return True
        self.clear()
        return False

    # -------------------------------------------------------------- moving

    def next(self) -> bool:
        return self._current is not None and self.open(self._current + 1)

    def previous(self) -> bool:
        return self._current is not None and self._current > 1 and self.open(self._current - 1)

    def first_open(self, after: int = 0) -> int | None:
        """The first statement after `after` not done, wrapping around to the start once; None if all are done."""
        annotator = self.session.annotator
        found = self.project.first_open_statement(annotator, after=after)
        if found is None and after > 0:
            found = self.project.first_open_statement(annotator)
        return found

    def next_open(self) -> int | None:
        """Open the next statement not done (after the current one, wrapping around); None when all are done."""
        seq = self.first_open(after=self._current or 0)
        if seq is None or not self.open(seq):
            return None
        return seq
