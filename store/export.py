"""Streaming reads of whole projects as Records, in statement order.

Statements, statuses, spans and relations are read by four cursors, each in
(statement, annotator) order, and merged here: four sequential scans instead of
a query per statement, and never more than one statement in memory.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from typing import Any

from core.model import Record, Relation, Span
from store.project import Project

_EMPTY: tuple[Any, ...] = ()


class _Cursor:
    """A cursor over rows whose first two columns are (statement, annotator)."""

    def __init__(self, rows: Iterator[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.row: tuple[Any, ...] | None = next(rows, None)

    def take(self, statement: int, annotator: int) -> list[tuple[Any, ...]]:
        """Rows for this (statement, annotator); skips rows that sort before it."""
        out: list[tuple[Any, ...]] = []
        while self.row is not None and (self.row[0], self.row[1]) <= (statement, annotator):
            if self.row[0] == statement and self.row[1] == annotator:
                out.append(self.row)
            self.row = next(self.rows, None)
        return out


def iter_records(
    project: Project, *, annotator: str | None = None, status: str = "done"
) -> Generator[Record, None, None]:
    """One Record per statement and annotator, in statement order.

    status="done": the (statement, annotator) pairs marked done. status="all": every
    pair the project has, and every statement without any as a record with
    annotator None and status "todo". `annotator` restricts to one annotator.
    """
    conn = project.conn
    names = dict(conn.execute("SELECT id, name FROM annotators").fetchall())
    aid: int | None = None
    if annotator is not None:
        aid = next((i for i, n in names.items() if n == annotator), None)
        if aid is None and status == "done":
            return
    where = " WHERE annotator = ?" if annotator is not None else ""
    args: tuple[Any, ...] = (aid,) if annotator is not None else ()
    status_where = where
    if status == "done":
        status_where = (where + " AND" if where else " WHERE") + " status = 'done'"
    # Cursors on one connection see one consistent snapshot inside a transaction.
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        statuses = _Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, status, note, seconds FROM statement_status"
                    + status_where
                    + " ORDER BY statement, annotator",
                    args,
                )
            )
        )
        spans = _Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, id, label, start, end, text, attrs FROM spans"
                    + where
                    + " ORDER BY statement, annotator, start, end DESC, label",
                    args,
                )
            )
        )
        relations = _Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, head, tail, label FROM relations"
                    + where
                    + " ORDER BY statement, annotator, id",
                    args,
                )
            )
        )
        if status == "done":
            # Only statements someone finished: walk the status rows, fetch their text.
            statement_rows: Iterator[tuple[Any, ...]] = iter(
                conn.execute(
                    "SELECT seq, id, text, meta FROM statements WHERE seq IN"
                    " (SELECT statement FROM statement_status" + status_where + ") ORDER BY seq",
                    args,
                )
            )
        else:
            statement_rows = iter(conn.execute("SELECT seq, id, text, meta FROM statements ORDER BY seq"))
        for seq, sid, text, meta_json in statement_rows:
            meta = json.loads(meta_json) if meta_json else {}
            emitted = False
            while statuses.row is not None and statuses.row[0] < seq:
                statuses.row = next(statuses.rows, None)
            while statuses.row is not None and statuses.row[0] == seq:
                _, annotator_id, state, note, seconds = statuses.row
                statuses.row = next(statuses.rows, None)
                record_spans = [
                    Span(
                        start=r[4],
                        end=r[5],
                        label=r[3],
                        text=r[6],
                        attrs=json.loads(r[7]) if r[7] else {},
                        id=f"T{r[2]}",
                    )
                    for r in spans.take(seq, annotator_id)
                ]
                record_relations = [
                    Relation(head=f"T{r[2]}", tail=f"T{r[3]}", label=r[4])
                    for r in relations.take(seq, annotator_id)
                ]
                yield Record(
                    id=sid,
                    text=text,
                    meta=meta,
                    annotator=names[annotator_id],
                    status=state,
                    note=note,
                    spans=record_spans,
                    relations=record_relations,
                    seconds=seconds,
                )
                emitted = True
            if not emitted and status == "all":
                yield Record(id=sid, text=text, meta=meta, annotator=None, status="todo")
    finally:
        # Only end the snapshot this generator began; a caller's transaction is theirs.
        if began and conn.in_transaction:
            conn.execute("COMMIT")
