"""The session objects without a window: the navigator, the edit session, the time tracker.

A review mode composes the same objects for `gold`; these tests build them the way it would.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gui.navigator import StatementNavigator
from gui.session import EditSession
from gui.time_tracker import TimeTracker
from store.project import Project
from tests.gui.conftest import ANNOTATOR


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def session(seeded: Project, qapp: Any) -> EditSession:
    return EditSession(seeded, ANNOTATOR)


@pytest.fixture
def navigator(session: EditSession) -> StatementNavigator:
    return StatementNavigator(session)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tracker(session: EditSession, clock: FakeClock) -> Iterator[TimeTracker]:
    tracker = TimeTracker(session, clock=clock)
    yield tracker
    tracker.stop()


def opened(navigator: StatementNavigator) -> list[int]:
    seen: list[int] = []
    navigator.opened.connect(seen.append)
    return seen


# ----------------------------------------------------------------- navigator


def test_navigator_moves_within_the_project_and_says_what_it_opened(navigator: StatementNavigator) -> None:
    seen = opened(navigator)
    assert navigator.current is None
    assert not navigator.next() and not navigator.previous()
    assert navigator.open(10) and navigator.current == 10
    assert not navigator.next()  # no wrap-around for plain next
    assert not navigator.open(11) and not navigator.open(0)
    assert navigator.previous() and navigator.current == 9
    assert navigator.open(1) and not navigator.previous()
    assert seen == [10, 9, 1]


def test_next_not_done_wraps_around_once_by_one_rule(navigator: StatementNavigator, seeded: Project) -> None:
    for seq in (1, 2, 3, 5, 6, 7, 8, 9, 10):
        seeded.set_status(statement=seq, annotator=ANNOTATOR, status="done")
    navigator.open(6)
    assert navigator.next_open() == 4  # past the end: from the start
    assert navigator.next_open() == 4  # the only one left: itself
    seeded.set_status(statement=4, annotator=ANNOTATOR, status="skipped")  # skipped is not done
    assert navigator.first_open(after=4) == 4
    seeded.set_status(statement=4, annotator=ANNOTATOR, status="done")
    assert navigator.next_open() is None and navigator.current == 4
    assert navigator.first_to_open() == 1  # all done: work starts at the first


def test_where_work_starts_and_reopening(navigator: StatementNavigator, seeded: Project, tmp_path: Any) -> None:
    from core.paths import DEFAULT_SCHEMA
    from core.schema import load_schema

    seeded.set_status(statement=1, annotator=ANNOTATOR, status="done")
    seen = opened(navigator)
    assert navigator.open_first() and navigator.current == 2
    assert navigator.reopen() and seen == [2, 2]  # the same statement again, to re-read it
    cleared: list[bool] = []
    navigator.cleared.connect(lambda: cleared.append(True))
    empty = Project.create(tmp_path / "empty.bayan", load_schema(DEFAULT_SCHEMA))
    try:
        navigator.session.set_project(empty)
        assert navigator.current is None  # forgotten with the project it belonged to
        assert not navigator.reopen() and cleared == [True]
    finally:
        empty.close()


def test_a_gold_navigator_walks_to_what_gold_has_not_done(seeded: Project, navigator: StatementNavigator) -> None:
    gold = StatementNavigator(EditSession(seeded, "gold"))
    seeded.set_status(statement=1, annotator="gold", status="done")
    seeded.set_status(statement=2, annotator=ANNOTATOR, status="done")
    assert gold.first_to_open() == 2
    assert navigator.first_to_open() == 1


def test_switching_annotator_forgets_the_statement(navigator: StatementNavigator, seeded: Project) -> None:
    navigator.open(3)
    navigator.session.set_annotator("hana")
    assert navigator.current is None


# ------------------------------------------------------------- edit session


def test_each_session_writes_for_its_own_annotator(seeded: Project, session: EditSession) -> None:
    gold = EditSession(seeded, "gold")
    changed: list[int] = []
    gold.changed.connect(changed.append)
    span = gold.add_span(3, "ACTOR", 0, 3)
    assert span is not None and changed == [3]
    assert [s.annotator for s in seeded.spans(3, "gold")] == ["gold"] and seeded.spans(3, ANNOTATOR) == []
    assert gold.set_status(3, "done") and seeded.status(3, "gold").status == "done"
    assert seeded.status(3, ANNOTATOR).status == "todo"
    assert gold.stack.count() == 2 and session.stack.count() == 0
    assert gold.undo() and gold.undo()
    assert seeded.spans(3, "gold") == [] and seeded.status(3, "gold").status == "todo"


def test_setting_the_status_it_already_has_adds_no_command(session: EditSession, seeded: Project) -> None:
    assert session.set_status(1, "todo")
    assert session.stack.count() == 0
    assert session.set_status(1, "skipped") and session.stack.count() == 1
    assert session.stack.undoText() == "Mark skipped"


def test_switching_annotator_writes_first_then_clears_the_history(session: EditSession) -> None:
    events: list[str] = []
    session.add_span(1, "ACTOR", 0, 3)
    session.aboutToSwitch.connect(lambda: events.append(f"about, {session.annotator}, {session.stack.count()}"))
    session.annotatorChanged.connect(lambda name: events.append(f"changed, {name}, {session.stack.count()}"))
    session.set_annotator("hana")
    session.set_annotator("hana")  # the same: nothing happens
    assert events == [f"about, {ANNOTATOR}, 1", "changed, hana, 0"]
    assert session.annotator == "hana"
    assert session.add_span(1, "ACTOR", 0, 3) is not None  # hana's own span: not the same as amal's
    assert session.project.spans(1, "hana")[0].annotator == "hana"


# ------------------------------------------------------------- time tracker


def test_time_is_written_when_leaving_a_visit_worth_writing(
    tracker: TimeTracker, clock: FakeClock, seeded: Project
) -> None:
    tracker.set_statement(1)
    clock.advance(4.0)
    tracker.set_statement(2)
    assert seeded.status(1, ANNOTATOR).seconds == 4.0
    clock.advance(0.5)  # a glance: kept for the next flush
    tracker.set_statement(3)
    assert seeded.status(2, ANNOTATOR).seconds == 0 and tracker.pending(2) == 0.5
    clock.advance(2.0)
    tracker.set_statement(3)  # opened again: the visit goes on
    assert tracker.pending(3) == 0
    tracker.flush()
    assert seeded.status(2, ANNOTATOR).seconds == 0.5 and seeded.status(3, ANNOTATOR).seconds == 2.0


def test_a_long_pause_counts_as_a_break(tracker: TimeTracker, clock: FakeClock, seeded: Project) -> None:
    tracker.set_statement(1)
    clock.advance(3600.0)
    tracker.flush()
    assert seeded.status(1, ANNOTATOR).seconds == tracker.idle_cap_seconds


def test_the_periodic_flush_writes_glances(session: EditSession, clock: FakeClock, seeded: Project, qtbot: Any) -> None:
    tracker = TimeTracker(session, clock=clock, flush_ms=20)
    try:
        tracker.set_statement(1)
        clock.advance(0.25)
        qtbot.waitUntil(lambda: seeded.status(1, ANNOTATOR).seconds == 0.25, timeout=2000)
    finally:
        tracker.stop()


def test_paused_tracker_counts_but_writes_nothing_until_resumed(
    tracker: TimeTracker, clock: FakeClock, seeded: Project
) -> None:
    tracker.set_statement(1)
    clock.advance(2.0)
    tracker.pause()  # the pause writes what is counted, before an import takes the lock
    assert seeded.status(1, ANNOTATOR).seconds == 2.0
    assert tracker.is_paused() and not tracker.is_running()
    clock.advance(5.0)
    tracker.set_statement(2)
    assert seeded.status(1, ANNOTATOR).seconds == 2.0 and tracker.pending(1) == 5.0
    tracker.resume()
    assert tracker.is_running()
    tracker.flush()
    assert seeded.status(1, ANNOTATOR).seconds == 7.0


def test_stopped_tracker_writes_once_and_never_again(tracker: TimeTracker, clock: FakeClock, seeded: Project) -> None:
    tracker.set_statement(1)
    clock.advance(3.0)
    tracker.stop()
    assert seeded.status(1, ANNOTATOR).seconds == 3.0 and not tracker.is_running()
    clock.advance(3.0)
    tracker.set_statement(2)
    tracker.resume()  # a job that ends after the window closed
    tracker.flush()
    assert not tracker.is_running()
    assert seeded.status(1, ANNOTATOR).seconds == 3.0 and seeded.status(2, ANNOTATOR).seconds == 0


def test_time_goes_to_the_annotator_who_spent_it(
    session: EditSession, tracker: TimeTracker, clock: FakeClock, seeded: Project
) -> None:
    tracker.set_statement(1)
    clock.advance(0.5)  # a glance, pending when the annotator changes
    session.set_annotator("hana")
    assert seeded.status(1, ANNOTATOR).seconds == 0.5
    clock.advance(9.0)  # between the switch and the next statement opened: nobody's visit
    tracker.set_statement(1)
    clock.advance(2.0)
    tracker.flush()
    assert seeded.status(1, "hana").seconds == 2.0 and seeded.status(1, ANNOTATOR).seconds == 0.5


def test_the_tracker_follows_a_navigator(
    navigator: StatementNavigator, tracker: TimeTracker, clock: FakeClock, seeded: Project
) -> None:
    tracker.follow(navigator)
    navigator.open(5)
    clock.advance(3.0)
    navigator.next()
    assert seeded.status(5, ANNOTATOR).seconds == 3.0
    clock.advance(2.0)
    navigator.clear()  # nothing open: the time since is nobody's
    clock.advance(50.0)
    tracker.flush()
    assert seeded.status(6, ANNOTATOR).seconds == 2.0
