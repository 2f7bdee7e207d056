"""The review list: disagreement scores loaded into the GUI's connection, an order materialized
as rank -> seq, windows by rank, and the next disagreement; the order is the agreement report's."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.agreement import StatementDisagreement
from core.formats.registry import READERS
from core.model import GOLD
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from store.agreement import measure_project, measure_scores
from store.importer import import_records
from store.project import Project
from store.review import set_gold_status
from store.review_order import BY_SCORE, BY_SEQ, ReviewOrder, ReviewRow
from tests.dump import dump

SEEDS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
WHO = ["amal", "badr", "carla"]
LABELS = ["ACTOR", "CLAIM"]


def texts(n: int) -> list[str]:
    return [f"{SEEDS[i % len(SEEDS)]} {i}" for i in range(n)]


def build(path: Path, n: int = 60) -> Path:
    """n statements; a shared base of spans per statement that each annotator keeps or varies;
    some statements not done by everyone, a few by nobody, some adjudicated."""
    rng = random.Random(9)
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project:
        data = ("\n".join(texts(n)) + "\n").encode("utf-8")
        import_records(project, READERS["txt"](io.BytesIO(data), "in.txt"), file="in.txt")
        for seq in range(1, n + 1):
            text = project.statement(seq).text  # type: ignore[union-attr]
            words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
            base = [(words[1][0], words[2][1], "ACTOR"), (words[4][0], words[7][1], "CLAIM")]
            # Some statements alike for all (score 0); the others with a few recurring slips, so
            # that equal positive scores occur (the order among them is the statements' order).
            slip = rng.choice([None, None, "drop", "relabel", "boundary"])
            for k, who in enumerate(WHO):
                spans = list(base)
                if slip is not None and k == seq % 3:
                    start, end, label = spans.pop()
                    if slip == "relabel":
                        spans.append((start, end, "ACTOR"))
                    elif slip == "boundary":
                        spans.append((start, words[8][1], label))
                for start, end, label in spans:
                    project.add_span(statement=seq, annotator=who, label=label, start=start, end=end)
                done = not (seq % 11 == 0 and who == "carla") and not (seq % 17 == 0 and who != "amal")
                project.set_status(statement=seq, annotator=who, status="done" if done else "todo")
            if seq % 5 == 0:
                set_gold_status(project, seq, "done")
    return path


@pytest.fixture(scope="module")
def team_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("review") / "team.bayan")


@pytest.fixture
def project(team_file: Path, tmp_path: Path) -> Iterator[Project]:
    copy = tmp_path / "team.bayan"
    copy.write_bytes(team_file.read_bytes())
    with Project.open(copy) as opened:
        yield opened


@pytest.fixture
def order(project: Project) -> ReviewOrder:
    _, scores = measure_scores(project, WHO, LABELS)
    listed = ReviewOrder(project, WHO)
    listed.load_scores(scores.rows())
    return listed


def everything(order: ReviewOrder) -> list[ReviewRow]:
    rows = order.window(1, order.count() + 5)
    assert [r.rank for r in rows] == list(range(1, order.count() + 1))
    return rows


def test_the_score_order_is_the_agreement_reports(project: Project) -> None:
    measured: list[StatementDisagreement] = []
    report = measure_project(project, WHO, LABELS, rows=measured.append)
    again, scores = measure_scores(project, WHO, LABELS)
    assert again == report  # the same figures as the agreement command's
    order = ReviewOrder(project, WHO)
    assert order.load_scores(scores.rows()) == len(measured)
    order.materialize(by=BY_SCORE)
    rows = everything(order)
    assert len(rows) == project.statement_count()
    # Worst first as the report lists them; then, as the statements CSV sorted by score, every
    # measured statement (equal scores in statement order); then the unmeasured ones by seq.
    assert [r.id for r in rows[:len(report.worst_statements)]] == [w.id for w in report.worst_statements]
    position = {row.id: k for k, row in enumerate(measured)}
    by_score = sorted(measured, key=lambda row: (-row.score, position[row.id]))
    assert [(r.id, r.score) for r in rows[:len(measured)]] == [(row.id, row.score) for row in by_score]
    assert [(r.missing, r.extra, r.boundary, r.label) for r in rows[:len(measured)]] == [
        (row.missing, row.extra, row.boundary, row.label) for row in by_score]
    unmeasured = rows[len(measured):]
    assert unmeasured and all(r.score is None for r in unmeasured)
    assert [r.seq for r in unmeasured] == sorted(r.seq for r in unmeasured)
    # The data holds what makes the order worth checking: ties among positive scores, zeros.
    positive = [row.score for row in measured if row.score > 0]
    assert len(set(positive)) < len(positive) and any(row.score == 0 for row in measured)


def test_scores_are_kept_by_the_statement_they_belong_to(project: Project) -> None:
    measured: list[StatementDisagreement] = []
    _, scores = measure_scores(project, WHO, LABELS, rows=measured.append)
    assert len(scores) == len(measured)
    for (seq, score, missing, extra, boundary, label), row in zip(scores.rows(), measured, strict=True):
        assert project.statement(seq).id == row.id  # type: ignore[union-attr]
        assert (score, missing, extra, boundary, label) == (row.score, row.missing, row.extra, row.boundary, row.label)


def test_filters_disagreeing_and_not_adjudicated(order: ReviewOrder, project: Project) -> None:
    gold_done = {seq for seq in range(1, project.statement_count() + 1) if project.status(seq, GOLD).status == "done"}
    assert gold_done
    order.materialize(by=BY_SCORE)
    full = everything(order)
    for disagree_only, open_only in ((True, False), (False, True), (True, True)):
        count = order.materialize(by=BY_SCORE, disagree_only=disagree_only, open_only=open_only)
        expected = [r.seq for r in full if (not disagree_only or (r.score or 0) > 0)
                    and (not open_only or r.seq not in gold_done)]
        assert count == order.count() == len(expected)
        assert [r.seq for r in everything(order)] == expected
    order.materialize(by=BY_SEQ, open_only=True)
    assert [r.seq for r in everything(order)] == [s for s in range(1, project.statement_count() + 1)
                                                  if s not in gold_done]


def test_a_row_shows_live_gold_status_and_who_finished(order: ReviewOrder, project: Project) -> None:
    order.materialize(by=BY_SEQ, open_only=True)
    [row] = order.window(1, 1)
    assert (row.seq, row.gold, row.done) == (1, "todo", 3)
    set_gold_status(project, 1, "done")
    [row] = order.window(1, 1)
    assert (row.seq, row.gold) == (1, "done")  # read now; the filter holds until the next materialize
    assert order.materialize(by=BY_SEQ, open_only=True) and order.rank_of(1) is None
    by_seq = {r.seq: r for r in (order.materialize(by=BY_SEQ), everything(order))[1]}
    assert by_seq[11].done == 2 and by_seq[17].done == 1  # carla left 11 open; only amal did 17
    assert by_seq[17].score is None and by_seq[11].score is not None
    assert by_seq[1].preview == project.statement(1).text[:120]  # type: ignore[union-attr]


def test_windows_page_through_by_rank(order: ReviewOrder) -> None:
    order.materialize(by=BY_SCORE)
    full = everything(order)
    pages = [row for first in range(1, len(full) + 1, 7) for row in order.window(first, 7)]
    assert pages == full
    assert order.window(len(full) + 1, 10) == [] and order.window(len(full), 10) == full[-1:]
    assert all(order.rank_of(row.seq) == row.rank for row in full)
    # By primary key: a window deep in the list costs what one at the top does (no OFFSET scan).
    plan = " ".join(str(r) for r in order.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT seq FROM temp.{order._order} WHERE rank >= 40 AND rank < 50"))
    assert "INTEGER PRIMARY KEY" in plan and "SCAN" not in plan


def sort_key(by: str, seq: int, score: float | None) -> tuple[float, int]:
    """Where a statement sorts: by seq, or by score (highest first, unmeasured last), then seq."""
    return (0.0 if by == BY_SEQ else -score if score is not None else 1.0), seq


def brute_next(rows: list[ReviewRow], by: str, key: tuple[float, int], backward: bool, wrap: bool) -> int | None:
    """The seq the next disagreement should be, by walking the whole list."""
    keyed = [(*sort_key(by, r.seq, r.score), r) for r in rows]
    after = [r for k0, s, r in keyed if (k0, s) > key and (r.score or 0) > 0]
    before = [r for k0, s, r in keyed if (k0, s) < key and (r.score or 0) > 0]
    ahead = list(reversed(before)) if backward else after
    if ahead:
        return ahead[0].seq
    if not wrap:
        return None
    every = [r for r in rows if (r.score or 0) > 0]
    first = (every[-1] if backward else every[0]) if every else None
    return None if first is None or first.seq == key[1] else first.seq


@pytest.mark.parametrize("by", [BY_SCORE, BY_SEQ])
@pytest.mark.parametrize("open_only", [False, True])
def test_the_next_disagreement_from_anywhere(order: ReviewOrder, project: Project, by: str, open_only: bool) -> None:
    order.materialize(by=BY_SEQ)
    scores = {r.seq: r.score for r in everything(order)}
    order.materialize(by=by, open_only=open_only)
    rows = everything(order)
    assert any((r.score or 0) == 0 for r in rows) and any((r.score or 0) > 0 for r in rows)
    for seq in range(1, project.statement_count() + 1):  # in the order or left out by the filter
        key = sort_key(by, seq, scores[seq])
        for backward in (False, True):
            for wrap in (False, True):
                found = order.next_disagreement(seq, backward=backward, wrap=wrap)
                expected = brute_next(rows, by, key, backward, wrap)
                assert (found.seq if found else None) == expected, (seq, backward, wrap)
                if found is not None:
                    assert found.score is not None and found.score > 0 and found.rank == order.rank_of(found.seq)


def test_no_other_disagreement(order: ReviewOrder) -> None:
    order.load_scores([(3, 0.5, 1, 0, 0, 0), (4, 0.0, 0, 0, 0, 0)])
    order.materialize(by=BY_SCORE)
    assert order.next_disagreement(3) is None  # only itself
    assert order.next_disagreement(4).seq == 3  # type: ignore[union-attr]
    assert order.next_disagreement(4, wrap=False) is None  # 3 sorts before 4
    order.load_scores([])
    order.materialize(by=BY_SCORE)
    assert order.next_disagreement(1) is None


def test_loading_scores_empties_the_order_until_it_is_materialized(order: ReviewOrder) -> None:
    assert order.materialize() > 0
    order.load_scores([(2, 1.0, 0, 0, 0, 1)])
    assert order.count() == 0 and order.window(1, 5) == []
    order.materialize(disagree_only=True)
    assert [(r.seq, r.score) for r in everything(order)] == [(2, 1.0)]


def test_two_lists_on_one_connection_and_a_read_only_project(team_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ro.bayan"
    copy.write_bytes(team_file.read_bytes())
    before = dump(copy)
    with Project.open(copy, read_only=True) as project:
        _, scores = measure_scores(project, WHO, LABELS)
        one, two = ReviewOrder(project, WHO), ReviewOrder(project, ["amal", "badr"])
        one.load_scores(scores.rows())
        two.load_scores([(5, 0.25, 1, 0, 0, 0)])
        assert one.materialize(disagree_only=True) > 1 and two.materialize(disagree_only=True) == 1
        assert two.window(1, 1)[0].seq == 5 and two.window(1, 1)[0].done == 2
        assert one.count() > 1
        one.close()
        assert two.count() == 1
    assert dump(copy) == before  # the lists live in the connection, never in the file
