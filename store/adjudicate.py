"""Majority pre-fill of `gold`: what at least K annotators agree on, copied in by set-based SQL.

The rule (`adjudicate PROJECT --min-agree K`, and the review's "accept what K agree on"):
among the chosen annotators, on the statements that all of them marked done (the selection
agreement uses for its all-annotator figures, store/selection.py), gold gets

- every span (same statement, start, end and label) that at least K of them made;
- on each such span, each attribute whose most common value among those annotators' spans
  is shared by at least K of them and by more than any other value (a tie adds nothing);
- every relation (same label between spans of the same start, end and label) that at least
  K of them made; its ends are majority spans, since K annotators made both.

Gold's spans and relations already there are kept as they are (attributes too), so
running it again adds nothing. Each of these is one INSERT ... SELECT over GROUP BY ...
HAVING count(*) >= K: the work is SQLite's, not a Python loop over statements. A span's
annotator cannot have it twice (a unique key), so count(*) counts annotators.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from core.errors import EditRefused
from core.model import GOLD
from store import record_times
from store.project import Project, StoredRelation, StoredSpan
from store.review import GoldCopy
from store.selection import RecordSelection, compile_selection


@dataclass(frozen=True, slots=True)
class PrefillReport:
    """What a pre-fill added to gold; `statements` were done by all the annotators, `touched` got rows."""

    annotators: tuple[str, ...]
    min_agree: int
    statements: int
    touched: int
    spans: int
    relations: int


def check_choice(annotators: Sequence[str], min_agree: int) -> None:
    """The rule for a choice of annotators and K; EditRefused says what is wrong."""
    if GOLD in annotators:
        raise EditRefused(f"{GOLD} is what adjudication writes; it cannot be one of the annotators compared")
    if len(set(annotators)) != len(annotators):
        raise EditRefused("each annotator may be chosen once")
    if len(annotators) < 2:
        raise EditRefused(f"adjudication needs two annotators or more; {len(annotators)} chosen")
    if not 1 <= min_agree <= len(annotators):
        raise EditRefused(
            f"the minimum agreement must be between 1 and {len(annotators)} (the annotators chosen), not {min_agree}"
        )


# Step by step, in TEMP tables of this connection (dropped at the end). {ids} is the chosen
# annotators' ids (integers the project gave them, written into the SQL); :k is K.
_MAJORITY = (
    # The chosen annotators' spans on those statements, grouped by what makes a span the same.
    "CREATE TEMP TABLE adj_spans AS"
    " SELECT s.statement, s.start, s.end, s.label, min(s.text) AS text, NULL AS attrs,"
    " max(s.attrs IS NOT NULL) AS with_attrs"
    " FROM temp.adj_done d JOIN main.spans s ON s.statement = d.seq AND s.annotator IN ({ids})"
    " GROUP BY s.statement, s.start, s.end, s.label HAVING count(*) >= :k",
    "CREATE UNIQUE INDEX temp.adj_spans_key ON adj_spans(statement, start, end, label)",
    # Each attribute value of those spans that at least K share (spans without any are not
    # looked at again: a project's ACTORs, say).
    "CREATE TEMP TABLE adj_values AS"
    " SELECT m.statement, m.start, m.end, m.label, j.key AS name, j.value AS value, count(*) AS n"
    " FROM temp.adj_spans m JOIN main.spans s ON s.statement = m.statement AND s.annotator IN ({ids})"
    "  AND s.start = m.start AND s.end = m.end AND s.label = m.label, json_each(s.attrs) j"
    " WHERE m.with_attrs AND s.attrs IS NOT NULL"
    " GROUP BY m.statement, m.start, m.end, m.label, j.key, j.value HAVING count(*) >= :k",
    "CREATE INDEX temp.adj_values_key ON adj_values(statement, start, end, label, name)",
    # The winning value of each attribute (no other value as common), gathered per span into
    # attributes as store.project writes them (json.dumps: `{"name": "value", ...}`, here by
    # name), so gold's attributes compare like attributes written any other way. Names and
    # values are printable without spaces (core/schema.py), where json_quote and json.dumps agree.
    "UPDATE temp.adj_spans SET attrs = w.attrs FROM ("
    " SELECT statement, start, end, label,"
    "  '{' || group_concat(json_quote(name) || ': ' || json_quote(value), ', ') || '}' AS attrs"
    " FROM (SELECT v.statement, v.start, v.end, v.label, v.name, v.value FROM temp.adj_values v"
    "  WHERE NOT EXISTS (SELECT 1 FROM temp.adj_values o"
    "  WHERE o.statement = v.statement AND o.start = v.start AND o.end = v.end AND o.label = v.label"
    "  AND o.name = v.name AND o.value != v.value AND o.n >= v.n)"
    "  ORDER BY v.statement, v.start, v.end, v.label, v.name)"
    " GROUP BY statement, start, end, label) AS w"
    " WHERE adj_spans.statement = w.statement AND adj_spans.start = w.start AND adj_spans.end = w.end"
    " AND adj_spans.label = w.label",
    # Relations that at least K made, by the start, end and label of both ends.
    "CREATE TEMP TABLE adj_relations AS"
    " SELECT r.statement, h.start AS hs, h.end AS he, h.label AS hl, t.start AS ts, t.end AS te, t.label AS tl,"
    " r.label AS label"
    " FROM temp.adj_done d JOIN main.relations r ON r.statement = d.seq AND r.annotator IN ({ids})"
    " JOIN main.spans h ON h.id = r.head JOIN main.spans t ON t.id = r.tail"
    " GROUP BY r.statement, h.start, h.end, h.label, t.start, t.end, t.label, r.label HAVING count(*) >= :k",
)
# Into gold (:gold is its id); a span or relation gold has already stays as it is.
_INTO_GOLD = (
    "INSERT INTO main.spans(statement, annotator, label, start, end, text, attrs)"
    " SELECT statement, :gold, label, start, end, text, attrs FROM temp.adj_spans WHERE true"
    " ORDER BY statement, start, end DESC, label"
    " ON CONFLICT DO NOTHING",
    "INSERT INTO main.relations(statement, annotator, head, tail, label)"
    " SELECT m.statement, :gold, gh.id, gt.id, m.label FROM temp.adj_relations m"
    " JOIN main.spans gh ON gh.statement = m.statement AND gh.annotator = :gold AND gh.start = m.hs"
    "  AND gh.end = m.he AND gh.label = m.hl"
    " JOIN main.spans gt ON gt.statement = m.statement AND gt.annotator = :gold AND gt.start = m.ts"
    "  AND gt.end = m.te AND gt.label = m.tl"
    " WHERE true ORDER BY m.statement"
    " ON CONFLICT DO NOTHING",
)
_TEMPS = ("adj_done", "adj_spans", "adj_values", "adj_relations")


@dataclass(frozen=True, slots=True)
class _Run:
    """Where a pre-fill stands inside its transaction."""

    done: int  # statements all the annotators marked done (and asked about)
    gold: int | None  # gold's annotator id; None when there was nothing to add (and no gold yet)
    last_span: int  # the largest span and relation ids before: rows above them are new
    last_relation: int


def _prefill(project: Project, annotators: Sequence[str], min_agree: int, statement: int | None) -> _Run:
    """The pre-fill's writes, inside the caller's transaction (and bulk_writes)."""
    conn = project.conn
    check_choice(annotators, min_agree)
    missing = [name for name in annotators if project.annotator_id(name, create=False) is None]
    if missing:
        raise EditRefused(f"no annotator {missing[0]!r} in the project")
    chosen = compile_selection(conn, RecordSelection(annotators=tuple(annotators), done_by_all=True))
    assert chosen.annotator_ids is not None
    ids = ", ".join(str(int(aid)) for aid in chosen.annotator_ids)
    _drop_temps(conn)
    conn.execute("CREATE TEMP TABLE adj_done (seq INTEGER PRIMARY KEY)")
    only = "" if statement is None else " AND st.statement = ?"
    conn.execute(
        "INSERT INTO temp.adj_done SELECT DISTINCT st.statement FROM statement_status st" + chosen.where + only,
        chosen.args + (() if statement is None else (statement,)),
    )
    done = int(conn.execute("SELECT count(*) FROM temp.adj_done").fetchone()[0])
    last_span, last_relation = conn.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM main.spans), (SELECT coalesce(max(id), 0) FROM main.relations)"
    ).fetchone()
    for step in _MAJORITY:
        sql = step.replace("{ids}", ids)
        conn.execute(sql, {"k": min_agree} if ":k" in sql else {})
    gold = project.annotator_id(GOLD, create=False)
    if conn.execute("SELECT 1 FROM temp.adj_spans LIMIT 1").fetchone() is not None:
        gold = project.annotator_id(GOLD)  # made only when there is something to add
        for sql in _INTO_GOLD:
            conn.execute(sql, {"gold": gold})
    return _Run(done, gold, int(last_span), int(last_relation))


def _drop_temps(conn: sqlite3.Connection) -> None:
    for name in _TEMPS:
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


def prefill_gold(project: Project, *, annotators: Sequence[str], min_agree: int) -> PrefillReport:
    """Majority pre-fill of gold over the whole project (module docstring), one transaction.

    Gold's records that get rows have their change time moved (record_times.bulk_writes:
    the rows go in set-based, without a trigger per row); a record gold did not have is
    made, with status todo: the reviewer marks what they adjudicated done.
    """
    conn = project.conn
    with project.atomic(), record_times.bulk_writes(conn):
        try:
            run = _prefill(project, annotators, min_agree, None)
            spans, relations, touched = _gold_records(conn, run)
        finally:
            _drop_temps(conn)
    return PrefillReport(tuple(annotators), min_agree, run.done, touched, spans, relations)


def _gold_records(conn: sqlite3.Connection, run: _Run) -> tuple[int, int, int]:
    """Gold's records of the rows added, made when missing (bulk_writes then moves the time of
    every record that got rows); returns (spans added, relations added, statements touched)."""
    if run.gold is None:
        return 0, 0, 0
    new_rows = {"gold": run.gold, "span": run.last_span, "relation": run.last_relation}
    conn.execute(
        "INSERT INTO main.statement_status(statement, annotator, updated_at)"
        " SELECT statement, :gold, " + record_times.NOW_SQL + " FROM ("
        " SELECT statement FROM main.spans WHERE id > :span AND annotator = :gold"
        " UNION SELECT statement FROM main.relations WHERE id > :relation AND annotator = :gold)"
        " WHERE true ON CONFLICT DO NOTHING",
        new_rows,
    )
    spans, relations, touched = conn.execute(
        "SELECT (SELECT count(*) FROM main.spans WHERE id > :span AND annotator = :gold),"
        " (SELECT count(*) FROM main.relations WHERE id > :relation AND annotator = :gold),"
        " (SELECT count(*) FROM (SELECT statement FROM main.spans WHERE id > :span AND annotator = :gold"
        "  UNION SELECT statement FROM main.relations WHERE id > :relation AND annotator = :gold))",
        new_rows,
    ).fetchone()
    return int(spans), int(relations), int(touched)


def prefill_statement(project: Project, statement: int, *, annotators: Sequence[str], min_agree: int) -> GoldCopy:
    """The pre-fill of one statement (the review's "accept what K agree on"); returns exactly
    what it created, for undo (store/review.py's remove_gold_copy).

    EditRefused, nothing written, when not all of `annotators` marked the statement done:
    the rule counts only statements they all finished.
    """
    conn = project.conn
    if project.statement(statement) is None:
        raise EditRefused(f"no statement {statement}")
    with project.atomic(), record_times.bulk_writes(conn):
        try:
            run = _prefill(project, annotators, min_agree, statement)
            if not run.done:
                open_ = [name for name in annotators if project.status(statement, name).status != "done"]
                raise EditRefused(f"not every annotator marked this statement done ({', '.join(open_)} did not)")
            _gold_records(conn, run)
            spans = tuple(
                StoredSpan(r[0], r[1], GOLD, r[2], r[3], r[4], r[5], json.loads(r[6] or "{}"))
                for r in conn.execute(
                    "SELECT id, statement, label, start, end, text, attrs FROM main.spans"
                    " WHERE id > ? AND annotator = ? ORDER BY id",
                    (run.last_span, run.gold),
                )
            )
            relations = tuple(
                StoredRelation(r[0], r[1], GOLD, r[2], r[3], r[4])
                for r in conn.execute(
                    "SELECT id, statement, head, tail, label FROM main.relations WHERE id > ? AND annotator = ?"
                    " ORDER BY id",
                    (run.last_relation, run.gold),
                )
            )
        finally:
            _drop_temps(conn)
    return GoldCopy(spans, relations)
