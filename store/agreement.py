"""The work agreement measures, read from a project statement by statement.

core/agreement.py computes every figure; this module only supplies it: for each statement
that at least one chosen annotator marked done, its text and the spans of the chosen
annotators who marked it done. The records are chosen by the same rule as export's
(store/selection.py), so what is measured is exactly what `export --annotator A` of each
annotator writes. Three sequential scans (statements, statuses, spans) merged here, one
statement in memory at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from core.agreement import AgreementReport, StatementDisagreement, StatementWork, measure
from core.model import GOLD
from store.export import Cursor
from store.project import Project
from store.selection import RecordSelection, compile_selection


def default_annotators(project: Project) -> list[str]:
    """Everyone but `gold` (the adjudicated version is what agreement is measured against, not in)."""
    return [name for name in project.annotators() if name != GOLD]


def iter_work(project: Project, annotators: Sequence[str]) -> Iterator[StatementWork]:
    """Each statement with a done record of one of `annotators`, with their spans, in statement order."""
    for _, work in _iter_work(project, annotators):
        yield work


def _iter_work(project: Project, annotators: Sequence[str]) -> Iterator[tuple[int, StatementWork]]:
    """iter_work's statements with their seq."""
    conn = project.conn
    chosen = compile_selection(conn, RecordSelection(annotators=tuple(annotators), finished_only=True))
    owned, owned_args = chosen.owned_by("annotator")
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")  # one snapshot for the three cursors
    try:
        statuses = Cursor(iter(conn.execute(
            "SELECT statement, annotator FROM statement_status st" + chosen.where + " ORDER BY statement, annotator",
            chosen.args,
        )))
        spans = Cursor(iter(conn.execute(
            "SELECT statement, annotator, start, end, label FROM spans" + owned
            + " ORDER BY statement, annotator, start, end DESC, label",
            owned_args,
        )))
        statements = conn.execute(
            "SELECT seq, id, text FROM statements WHERE seq IN"
            " (SELECT statement FROM statement_status st" + chosen.where + ") ORDER BY seq",
            chosen.args,
        )
        names = chosen.names
        for seq, sid, text in statements:
            work: dict[str, list[tuple[int, int, str]]] = {}
            for _, annotator in statuses.take_statement(seq):
                work[names[annotator]] = [(r[2], r[3], r[4]) for r in spans.take(seq, annotator)]
            yield seq, StatementWork(sid, text, work)
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def measure_project(
    project: Project,
    annotators: Sequence[str],
    labels: Sequence[str],
    *,
    progress: Callable[[int], None] | None = None,
    rows: Callable[[StatementDisagreement], None] | None = None,
) -> AgreementReport:
    """Every agreement figure of `annotators` on `labels` in `project` (core/agreement.py)."""
    return measure(iter_work(project, annotators), annotators, labels, progress=progress, rows=rows)


def texts_of(project: Project, ids: Sequence[str]) -> dict[str, str]:
    """The texts of a few statements by id (the worst ones, for a report)."""
    out: dict[str, str] = {}
    for sid in ids:
        seq = project.statement_seq(sid)
        row = project.statement(seq) if seq is not None else None
        if row is not None:
            out[sid] = row.text
    return out


@dataclass(slots=True)
class StatementScores:
    """Each measured statement's disagreement (core/agreement.py's StatementDisagreement) by its seq.

    Kept in typed arrays, about 40 bytes a statement, so a worker thread can hand a whole
    project's scores to the GUI (store/review_order.py loads them) without a Python object
    per statement.
    """

    seq: array[int] = field(default_factory=lambda: array("q"))
    score: array[float] = field(default_factory=lambda: array("d"))
    missing: array[int] = field(default_factory=lambda: array("l"))
    extra: array[int] = field(default_factory=lambda: array("l"))
    boundary: array[int] = field(default_factory=lambda: array("l"))
    label: array[int] = field(default_factory=lambda: array("l"))

    def add(self, seq: int, row: StatementDisagreement) -> None:
        self.seq.append(seq)
        self.score.append(row.score)
        self.missing.append(row.missing)
        self.extra.append(row.extra)
        self.boundary.append(row.boundary)
        self.label.append(row.label)

    def __len__(self) -> int:
        return len(self.seq)

    def rows(self) -> Iterator[tuple[int, float, int, int, int, int]]:
        """(seq, score, missing, extra, boundary, label) per statement, in statement order."""
        return zip(self.seq, self.score, self.missing, self.extra, self.boundary, self.label, strict=True)


def measure_scores(
    project: Project,
    annotators: Sequence[str],
    labels: Sequence[str],
    *,
    progress: Callable[[int], None] | None = None,
    rows: Callable[[StatementDisagreement], None] | None = None,
) -> tuple[AgreementReport, StatementScores]:
    """measure_project, and every measured statement's disagreement by seq (for the review list).

    For a worker thread with its own connection; the GUI's connection then loads the scores
    (store/review_order.py). `rows` gets each statement's row too, as measure_project's does.
    """
    scores = StatementScores()
    current: list[tuple[int, str]] = [(0, "")]

    def statements() -> Iterator[StatementWork]:
        for seq, work in _iter_work(project, annotators):
            current[0] = (seq, work.id)
            yield work

    def keep(row: StatementDisagreement) -> None:
        seq, statement_id = current[0]
        # measure() reports a statement's row right after taking it in, before the next one.
        assert row.id == statement_id, "a disagreement row for another statement than the one just read"
        scores.add(seq, row)
        if rows is not None:
            rows(row)

    report = measure(statements(), annotators, labels, progress=progress, rows=keep)
    return report, scores
