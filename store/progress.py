"""An annotator's progress without scanning: done counts, the next statement not done, spans per label.

The counts live in two tables that persistent triggers keep (store/migrations.py, migration
`_m4_progress`), so every writer keeps them right inside its own transaction:

- `done_blocks(annotator, block, done)`: how many statements of each block of DONE_BLOCK seqs
  (block = (seq - 1) / DONE_BLOCK) the annotator marked done. A million statements are ~1,000
  blocks, so the done count sums at most that many rows, and "the next statement not done"
  skips full blocks without reading their statements;
- `span_counts(annotator, label, spans)`: the annotator's spans per label.

Statements are never deleted and seq runs 1..N, so block k holds min(DONE_BLOCK, N - k·DONE_BLOCK)
statements and is full when its count says so. A project of an older file format, opened
read-only (it is not migrated), has no counters: it is counted by scanning, as before.
"""

from __future__ import annotations

import sqlite3

from store.migrations import DONE_BLOCK


def done_count(conn: sqlite3.Connection, annotator: int | None) -> int:
    """Statements the annotator marked done."""
    if annotator is None:
        return 0
    row = conn.execute("SELECT coalesce(sum(done), 0) FROM done_blocks WHERE annotator = ?", (annotator,)).fetchone()
    return int(row[0])


def first_open(conn: sqlite3.Connection, annotator: int | None, *, after: int, total: int) -> int | None:
    """The first seq in (after, total] the annotator has not marked done, None if there is none.

    Walks the rest of `after`'s block through the status index, then takes the first block
    after it that is not full (a few hundred counter rows at most) and walks into it.
    """
    seq = max(after, 0) + 1
    if seq > total:
        return None
    if annotator is None:
        return seq
    block = (seq - 1) // DONE_BLOCK
    while True:
        found = _walk(conn, annotator, seq, min((block + 1) * DONE_BLOCK, total))
        if found is not None:
            return found
        following = _next_open_block(conn, annotator, block, total)
        if following is None:
            return None
        # A block that is not full has a statement not done; _walk finds it (were the counts
        # ever off, the loop would go on to the next block rather than answer wrongly).
        block, seq = following, following * DONE_BLOCK + 1


def _walk(conn: sqlite3.Connection, annotator: int, first: int, last: int) -> int | None:
    """The first seq in [first, last] not done: the first gap in the done seqs (index range scan)."""
    expected = first
    for (seq,) in conn.execute(
        "SELECT statement FROM statement_status WHERE annotator = ? AND status = 'done'"
        " AND statement BETWEEN ? AND ? ORDER BY statement",
        (annotator, first, last),
    ):
        if seq != expected:
            break
        expected += 1
    return expected if expected <= last else None


def _next_open_block(conn: sqlite3.Connection, annotator: int, block: int, total: int) -> int | None:
    """The first block after `block` that is not full, None when every one up to `total` is."""
    candidate = block + 1
    for stored, done in conn.execute(
        "SELECT block, done FROM done_blocks WHERE annotator = ? AND block > ? ORDER BY block",
        (annotator, block),
    ):
        if stored != candidate or done < _block_size(stored, total):
            break  # no row (nothing done there) or not full
        candidate += 1
    return candidate if candidate * DONE_BLOCK < total else None


def _block_size(block: int, total: int) -> int:
    return max(0, min(DONE_BLOCK, total - block * DONE_BLOCK))


def label_counts(conn: sqlite3.Connection, annotator: int | None, labels: list[str]) -> dict[str, int]:
    """The annotator's spans per label of `labels` (zeros included)."""
    counts = dict.fromkeys(labels, 0)
    if annotator is None:
        return counts
    for label, spans in conn.execute("SELECT label, spans FROM span_counts WHERE annotator = ?", (annotator,)):
        if label in counts:
            counts[label] = int(spans)
    return counts


# --------------------------------------------------- a project of an older format (read-only)


def scan_done_count(conn: sqlite3.Connection, annotator: int | None) -> int:
    row = conn.execute(
        "SELECT count(*) FROM statement_status WHERE annotator = ? AND status = 'done'", (annotator,)
    ).fetchone()
    return int(row[0])


def scan_first_open(conn: sqlite3.Connection, annotator: int | None, *, after: int) -> int | None:
    row = conn.execute(
        "SELECT s.seq FROM statements s WHERE s.seq > ? AND NOT EXISTS ("
        " SELECT 1 FROM statement_status st WHERE st.statement = s.seq"
        " AND st.annotator = ? AND st.status = 'done') ORDER BY s.seq LIMIT 1",
        (after, annotator),
    ).fetchone()
    return None if row is None else int(row[0])


def scan_label_counts(conn: sqlite3.Connection, annotator: int | None, labels: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(labels, 0)
    for label, spans in conn.execute(
        "SELECT label, count(*) FROM spans WHERE annotator = ? GROUP BY label", (annotator,)
    ):
        if label in counts:
            counts[label] = int(spans)
    return counts


# ------------------------------------------------------------------------ bulk writers

# The triggers that fire once per row a bulk writer adds; it keeps their counts itself
# (`BulkCounts`). The delete triggers stay on: they cost nothing unless rows go.
_PER_ROW_TRIGGERS = ("progress_status_insert", "progress_status_update", "progress_span_insert")


def block_of(statement: int) -> int:
    return (statement - 1) // DONE_BLOCK


class BulkCounts:
    """The counters' triggers off for one bulk write (store/record_times.py's `bulk_writes`).

    A trigger per row costs an import a quarter more time (bench/import_export.py: 200,000
    annotated records, 16.5 s without the triggers, 20-23 s with them), so inside a bulk
    write the writer's rows are counted at the end, in the same transaction: spans added
    are counted per annotator and label by the writer as it goes (the importer) or found by
    their ids (ids only grow), and each block of statements whose statuses were written is
    counted again from the status index (a block's count is absolute, so any mix of writes
    in it comes out right): about 0.15 s for those 200,000 records, most of it the importer's
    own counting.
    Rows added by the bulk writer must not be deleted or relabelled within it (no writer does).
    """

    def __init__(self, conn: sqlite3.Connection, *, last_span: int) -> None:
        self.conn = conn
        self.last_span = last_span
        self._triggers: list[tuple[str, str]] = [
            (str(name), str(sql))
            for name, sql in conn.execute(
                "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)",
                _PER_ROW_TRIGGERS,
            )
        ]
        # Dropped inside the writer's transaction: another connection never sees them gone,
        # and a rollback (or a killed process) leaves them as they were.
        for name, _ in self._triggers:
            conn.execute(f"DROP TRIGGER main.{name}")

    def catch_up(
        self,
        status_blocks: set[tuple[int, int]],
        span_counts: dict[tuple[int, str], int],
        *,
        counted_through: int | None,
    ) -> None:
        """Count what the writer wrote: the spans it counted itself (`span_counts` per annotator and
        label, ids up to `counted_through`) and those above, by their ids; and the done statements
        of the blocks in `status_blocks` ((annotator, block) pairs: where it wrote statuses).

        A status row written as 'todo' where there was none (adjudication making gold's
        records) changes no count and need not be reported; every other status write must be.
        """
        if not self._triggers:
            return  # a file without counters (not reached: writable projects are migrated)
        conn = self.conn
        add = (
            "INSERT INTO main.span_counts(annotator, label, spans) {}"
            " ON CONFLICT DO UPDATE SET spans = spans + excluded.spans"
        )
        conn.executemany(add.format("VALUES (?, ?, ?)"), [(a, label, n) for (a, label), n in span_counts.items()])
        conn.execute(
            add.format("SELECT annotator, label, count(*) FROM main.spans WHERE id > ? GROUP BY annotator, label"),
            (self.last_span if counted_through is None else counted_through,),
        )
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bulk_done_blocks"
            " (annotator INTEGER, block INTEGER, PRIMARY KEY (annotator, block)) WITHOUT ROWID"
        )
        try:
            conn.executemany("INSERT OR IGNORE INTO temp.bulk_done_blocks VALUES (?, ?)", sorted(status_blocks))
            conn.execute(
                "INSERT INTO main.done_blocks(annotator, block, done)"
                " SELECT b.annotator, b.block, (SELECT count(*) FROM main.statement_status s"
                "  WHERE s.annotator = b.annotator AND s.status = 'done'"
                f"  AND s.statement BETWEEN b.block * {DONE_BLOCK} + 1 AND (b.block + 1) * {DONE_BLOCK})"
                " FROM temp.bulk_done_blocks b WHERE true"
                " ON CONFLICT DO UPDATE SET done = excluded.done"
            )
        finally:
            conn.execute("DROP TABLE temp.bulk_done_blocks")

    def restore(self) -> None:
        """The triggers back (also after a failed write whose transaction an outer caller keeps)."""
        for name, sql in self._triggers:
            if self.conn.execute(
                "SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
            ).fetchone() is None:
                self.conn.execute(sql)
