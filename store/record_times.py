"""Ownership: every change to a record (statement x annotator) moves its change time.

A record is one annotator's work on one statement: status, note, time spent, spans and
relations (DESIGN.md). `merge --prefer newer` and a future sync with a shared server move
whole records by their change time, so any change, by any path (the window, import, merge,
adjudication), must move it; an import that only added spans once did not.

The rule lives here once, as triggers that every connection of Bayan's creates (TEMP: they
live in the connection, not in the file, so a project keeps its file format and other
programs can still write it). Each changed span or relation row fires one small update,
about 7 µs (more when an upsert must prepare for the update trigger): nothing for an edit,
a third more time for a bulk import of annotated records. So `bulk_writes` lets an import
write without them and then moves the times of exactly the records it changed, set-based.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from store import progress

# A record's change time as store.project.now() writes it (UTC, milliseconds), so that times
# written by SQL and by Python compare as strings.
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"

# Trigger bodies may not name a schema; a TEMP trigger's unqualified names find main's
# tables first (merge's attached sources come after main).
_TOUCH = (
    "INSERT INTO statement_status(statement, annotator, updated_at)"
    " VALUES ({row}.statement, {row}.annotator, " + NOW_SQL + ")"
    " ON CONFLICT DO UPDATE SET updated_at = excluded.updated_at"
)


def _trigger_sql() -> dict[str, str]:
    triggers = {}
    for table in ("spans", "relations"):
        for event, row in (("insert", "NEW"), ("delete", "OLD")):
            triggers[f"{table}_{event}_changes_record"] = (
                f"AFTER {event.upper()} ON main.{table} BEGIN {_TOUCH.format(row=row)}; END"
            )
        # A row moved to another record (never done today) changes both.
        triggers[f"{table}_update_changes_record"] = (
            f"AFTER UPDATE ON main.{table} BEGIN {_TOUCH.format(row='OLD')}; {_TOUCH.format(row='NEW')}; END"
        )
    # Status, note or time spent written without a new change time (an import's upsert); a
    # write that sets the time itself (merge copying a record with its own time) is left be.
    triggers["statement_status_changes_record"] = (
        "AFTER UPDATE OF status, note, seconds ON main.statement_status"
        " WHEN (NEW.status IS NOT OLD.status OR NEW.note IS NOT OLD.note OR NEW.seconds IS NOT OLD.seconds)"
        " AND NEW.updated_at IS OLD.updated_at"
        " BEGIN UPDATE statement_status SET updated_at = " + NOW_SQL
        + " WHERE statement = NEW.statement AND annotator = NEW.annotator; END"
    )
    return triggers


_TRIGGERS = _trigger_sql()


def install(conn: sqlite3.Connection) -> None:
    """Create the triggers on this connection (once; they last as long as it does)."""
    for name, body in _TRIGGERS.items():
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {name} {body}")


class BulkChanges:
    """What a bulk writer reports (see `bulk_writes`): records it changed other than by adding
    rows, and status rows it wrote (for the progress counters, store/progress.py)."""

    def __init__(self) -> None:
        self.records: set[tuple[int, int]] = set()
        self.status_blocks: set[tuple[int, int]] = set()
        self.span_counts: dict[tuple[int, str], int] = {}
        self.spans_counted_through: int | None = None

    def changed(self, statement: int, annotator: int) -> None:
        self.records.add((statement, annotator))

    def spans_added(self, counts: dict[tuple[int, str], int], *, through: int) -> None:
        """The writer counted the spans it added, per (annotator, label), up to span id `through`
        (the rest, above it, are counted at the end by their ids)."""
        for key, count in counts.items():
            self.span_counts[key] = self.span_counts.get(key, 0) + count
        self.spans_counted_through = through

    def status_written(self, statement: int, annotator: int) -> None:
        """A status row inserted, updated or deleted: its done count is taken again at the end."""
        self.status_blocks.add((annotator, progress.block_of(statement)))


@contextmanager
def bulk_writes(conn: sqlite3.Connection) -> Iterator[BulkChanges]:
    """Inside a transaction: the triggers are off, and the writer keeps the rule itself.

    Rows added to spans and relations are found afterwards by their ids (ids only grow: a
    new row takes the largest + 1), and their records get a new change time in one
    set-based statement, with the records the writer reported through `changed`. The
    writer sets the time of status rows it changes itself.

    The progress counters' per-row triggers are off too (store/progress.py's BulkCounts):
    the spans added are counted by their ids (or by the writer, through `spans_added`), and
    the done counts are taken again where the writer reported status rows through `status_written`.
    """
    assert conn.in_transaction, "bulk_writes runs inside the caller's transaction"
    last_span, last_relation = conn.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM main.spans), (SELECT coalesce(max(id), 0) FROM main.relations)"
    ).fetchone()
    for name in _TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
    counts = progress.BulkCounts(conn, last_span=int(last_span))
    changes = BulkChanges()
    try:
        yield changes
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_changed_records (statement INTEGER, annotator INTEGER)")
        conn.executemany("INSERT INTO temp.bulk_changed_records VALUES (?, ?)", sorted(changes.records))
        # Driven by the changed rows (UPDATE ... FROM): it costs what was written, not the project's size.
        conn.execute(
            "UPDATE main.statement_status SET updated_at = " + NOW_SQL + " FROM"
            " (SELECT statement, annotator FROM main.spans WHERE id > ?"
            "  UNION SELECT statement, annotator FROM main.relations WHERE id > ?"
            "  UNION SELECT statement, annotator FROM temp.bulk_changed_records) AS c"
            " WHERE statement_status.statement = c.statement AND statement_status.annotator = c.annotator",
            (last_span, last_relation),
        )
        counts.catch_up(changes.status_blocks, changes.span_counts, counted_through=changes.spans_counted_through)
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.bulk_changed_records")
        counts.restore()
        install(conn)
