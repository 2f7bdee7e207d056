"""Time spent on each statement, written to the store as the session's annotator works.

The tracker is told which statement is open (`set_statement`, or `follow` a navigator)
and counts the time until the next one. A visit worth writing is written when it ends; a
glance (paging through statements) waits for the periodic flush, because each write is an
fsync'd transaction that would slow paging. Seconds that cannot be written now (another
program holds the project, the disk is full) are kept for the next flush. While another
job of this process writes to the project (an import), the tracker is paused: it keeps
counting but writes nothing, since the write would only wait for that job's lock on the
GUI thread. Once stopped (its window closed) it writes nothing more: the project may be
closed after the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from core.errors import WriteFailed
from gui.navigator import StatementNavigator
from gui.session import EditSession

# Time on a statement is written to the store at least this often, so a crash loses little.
TIME_FLUSH_MS = 30_000
# Longer stretches without a key or click count as a break, not as work on the statement.
IDLE_CAP_SECONDS = 300.0
# A visit shorter than this (paging through statements) is written by the periodic flush
# rather than at once.
MIN_WRITE_SECONDS = 1.0

Clock = Callable[[], float]


class TimeTracker(QObject):
    """Seconds per statement for the session's annotator; `flush` writes what is pending."""

    def __init__(
        self,
        session: EditSession,
        parent: QObject | None = None,
        *,
        clock: Clock = time.monotonic,
        flush_ms: int = TIME_FLUSH_MS,
        min_write_seconds: float = MIN_WRITE_SECONDS,
        idle_cap_seconds: float = IDLE_CAP_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.min_write_seconds = min_write_seconds
        self.idle_cap_seconds = idle_cap_seconds
        self._current: int | None = None
        self._since: float | None = None  # when the time not yet accounted started
        # Keyed by annotator too: seconds kept after a failed write stay with whoever spent them.
        self._pending: dict[tuple[str, int], float] = {}
        self._paused = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(flush_ms)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        session.aboutToSwitch.connect(self._before_switch)
        session.projectChanged.connect(self._project_changed)

    # ---------------------------------------------------------------- state

    def is_running(self) -> bool:
        """Whether the periodic flush runs (not paused, not stopped)."""
        return self._timer.isActive()

    def is_paused(self) -> bool:
        return self._paused

    def pending(self, seq: int) -> float:
        """Seconds on statement `seq` counted but not written yet (the open visit not included)."""
        return self._pending.get((self.session.annotator, seq), 0.0)

    # ------------------------------------------------------------- counting

    def follow(self, navigator: StatementNavigator) -> None:
        """Count the statements `navigator` opens. Call it before views connect to the
        navigator, so the visit being left is written before the next statement shows."""
        navigator.opened.connect(self.set_statement)
        navigator.cleared.connect(lambda: self.set_statement(None))

    def set_statement(self, seq: int | None) -> None:
        """Statement `seq` is open from now on (None: none is); the visit being left is accounted."""
        if self._stopped or seq == self._current:
            return
        left = self._current
        self._account()
        self._current = seq
        if left is not None and not self._paused and self.pending(left) >= self.min_write_seconds:
            self._write(self.session.annotator, left)

    def _account(self) -> None:
        now = self.clock()
        if self._since is not None and self._current is not None:
            seconds = min(now - self._since, self.idle_cap_seconds)
            if seconds > 0:
                key = (self.session.annotator, self._current)
                self._pending[key] = self._pending.get(key, 0.0) + seconds
        self._since = now

    def _write(self, annotator: str, seq: int) -> None:
        seconds = self._pending.pop((annotator, seq), 0.0)
        if seconds <= 0:
            return
        try:
            self.session.project.add_seconds(statement=seq, annotator=annotator, seconds=seconds)
        except WriteFailed:  # ProjectBusy included: another process is writing, or the disk is full
            self._pending[(annotator, seq)] = self._pending.get((annotator, seq), 0.0) + seconds

    def flush(self) -> None:
        """Write all time counted so far (periodically, when switching, when the window closes)."""
        if self._stopped:
            return
        self._account()
        for annotator, seq in list(self._pending):
            self._write(annotator, seq)

    # ------------------------------------------------------------- control

    def set_paused(self, paused: bool) -> None:
        """Pause writing while another job of this process holds the project (an import)."""
        if self._stopped or paused == self._paused:
            return
        if paused:
            self.flush()  # before the job takes the lock
            self._timer.stop()
        else:
            self._timer.start()
        self._paused = paused

    def pause(self) -> None:
        self.set_paused(True)

    def resume(self) -> None:
        self.set_paused(False)

    def stop(self) -> None:
        """Write what is counted and nothing more (the window is closing)."""
        self.flush()
        self._stopped = True
        self._timer.stop()

    def _before_switch(self) -> None:
        self.flush()
        self._current = None  # no visit continues into the other project or annotator

    def _project_changed(self, _project: object) -> None:
        # Seconds the previous project would not take (it was busy) cannot go into another
        # project: they are dropped with it.
        self._pending.clear()
