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
from store.selection import DONE_RECORDS, RecordSelection, compile_selection

_EMPTY: tuple[Any, ...] = ()


class Cursor:
    """A cursor over rows whose first two columns are (statement, annotator), in that order."""

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

    def take_statement(self, statement: int) -> list[tuple[Any, ...]]:
        """Every row of this statement (any annotator); skips rows that sort before it."""
        out: list[tuple[Any, ...]] = []
        while self.row is not None and self.row[0] <= statement:
            if self.row[0] == statement:
                out.append(self.row)
            self.row = next(self.rows, None)
        return out


def iter_records(
    project: Project, selection: RecordSelection = DONE_RECORDS
) -> Generator[Record, None, None]:
    """One Record per selected (statement, annotator) record, in statement order.

    With `selection.with_untouched`, every statement without a selected record comes too,
    as a record with annotator None and status "todo" (store/selection.py).
    """
    conn = project.conn
    chosen = compile_selection(conn, selection)
    names = chosen.names
    owned, owned_args = chosen.owned_by("annotator")
    # Cursors on one connection see one consistent snapshot inside a transaction.
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        statuses = Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, status, note, seconds FROM statement_status st"
                    + chosen.where
                    + " ORDER BY statement, annotator",
                    chosen.args,
                )
            )
        )
        spans = Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, id, label, start, end, text, attrs FROM spans"
                    + owned
                    + " ORDER BY statement, annotator, start, end DESC, label",
                    owned_args,
                )
            )
        )
        relations = Cursor(
            iter(
                conn.execute(
                    "SELECT statement, annotator, head, tail, label FROM relations"
                    + owned
                    + " ORDER BY statement, annotator, id",
                    owned_args,
                )
            )
        )
        if selection.with_untouched:
            statement_rows: Iterator[tuple[Any, ...]] = iter(
                conn.execute("SELECT seq, id, text, meta FROM statements ORDER BY seq")
            )
        else:
            # Only statements with a selected record: walk those, fetch their text.
            statement_rows = iter(
                conn.execute(
                    "SELECT seq, id, text, meta FROM statements WHERE seq IN"
                    " (SELECT statement FROM statement_status st" + chosen.where + ") ORDER BY seq",
                    chosen.args,
                )
            )
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
            if not emitted and selection.with_untouched:
                yield Record(id=sid, text=text, meta=meta, annotator=None, status="todo")
    finally:
        # Only end the snapshot this generator began; a caller's transaction is theirs.
        if began and conn.in_transaction:
            conn.execute("COMMIT")
