"""The actor–claim network of a project, aggregated in SQL and streamed.

core/formats/network.py defines the network (node identity by normalized text, ids by
first appearance, weights and attribute counts per statement); this module computes the
same in SQLite, in TEMP tables, so memory stays flat however many distinct nodes and
edges there are: GROUP BY and ORDER BY sort on disk (`temp_store = FILE`), and the
writer receives one node or edge at a time.

Which work goes in is chosen by the same RecordSelection as store/export.py's iter_records
(store/selection.py): the spans and relations of the selected records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from core.formats.network import Edge, Node, node_key, node_text
from store.project import Project
from store.selection import DONE_RECORDS, RecordSelection, compile_selection

KEY_FUNCTION = "bayan_network_key"
# SQLite virtual machine steps between two polls of `should_stop`.
POLL_STEPS = 100_000

_TABLES = ("net_occ", "net_nodes", "net_span_node", "net_rel", "net_edges", "net_values")


class Stopped(Exception):
    """should_stop() said yes while SQLite was aggregating."""


@dataclass(slots=True)
class NetworkRows:
    """The aggregated network, readable while the `aggregate` block is open."""

    conn: sqlite3.Connection
    records: int

    def nodes(self) -> Iterator[Node]:
        rows = self.conn.execute(
            "SELECT n.num, n.label, s.text, n.statements FROM net_nodes n"
            " JOIN spans s ON s.id = n.first_span ORDER BY n.num"
        )
        for num, label, text, statements in rows:
            yield Node(f"n{num}", label, node_text(text), statements)

    def edges(self) -> Iterator[Edge]:
        rows = self.conn.execute(
            "SELECT e.num, e.label, e.weight,"
            " h.num, h.label, hs.text, h.statements, t.num, t.label, ts.text, t.statements"
            " FROM net_edges e"
            " JOIN net_nodes h ON h.num = e.head JOIN spans hs ON hs.id = h.first_span"
            " JOIN net_nodes t ON t.num = e.tail JOIN spans ts ON ts.id = t.first_span"
            " ORDER BY e.num"
        )
        values = self.conn.execute("SELECT edge, name, value, n FROM net_values ORDER BY edge, rowid")
        pending: tuple[Any, ...] | None = next(values, None)
        for num, relation, weight, hn, hl, ht, hs, tn, tl, tt, ts in rows:
            counts: dict[str, dict[str, int]] = {}
            while pending is not None and pending[0] <= num:
                if pending[0] == num:
                    counts.setdefault(pending[1], {})[pending[2]] = pending[3]
                pending = next(values, None)
            head = Node(f"n{hn}", hl, node_text(ht), hs)
            tail = Node(f"n{tn}", tl, node_text(tt), ts)
            yield Edge(f"e{num}", head, tail, relation, weight, counts)


def _steps(where: str) -> list[str]:
    return [
        # Every span of the exported work, in iter_records' order: pos is first appearance.
        "CREATE TEMP TABLE net_occ (pos INTEGER PRIMARY KEY, span INTEGER NOT NULL,"
        " statement INTEGER NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL)",
        "INSERT INTO net_occ (span, statement, label, key)"
        f" SELECT s.id, s.statement, s.label, {KEY_FUNCTION}(s.text)"
        " FROM statement_status st JOIN spans s ON s.statement = st.statement AND s.annotator = st.annotator"
        + where
        + " ORDER BY s.statement, s.annotator, s.start, s.end DESC, s.label",
        # One node per (label, key), numbered by first appearance; first_span shows its text.
        "CREATE TEMP TABLE net_nodes (num INTEGER PRIMARY KEY, label TEXT NOT NULL, key TEXT NOT NULL,"
        " first INTEGER NOT NULL, first_span INTEGER NOT NULL, statements INTEGER NOT NULL)",
        # A bare column (span) next to min() takes the value of the row holding the minimum.
        "INSERT INTO net_nodes (label, key, first, first_span, statements)"
        " SELECT label, key, min(pos), span, count(DISTINCT statement) FROM net_occ"
        " GROUP BY label, key ORDER BY 3",
        "CREATE UNIQUE INDEX temp.net_nodes_key ON net_nodes(label, key)",
        "CREATE TEMP TABLE net_span_node (span INTEGER PRIMARY KEY, node INTEGER NOT NULL)",
        "INSERT INTO net_span_node (span, node) SELECT o.span, n.num FROM net_occ o"
        " JOIN net_nodes n ON n.label = o.label AND n.key = o.key ORDER BY o.span",
        "DELETE FROM net_occ",
        # Every relation of the exported work, in iter_records' order.
        "CREATE TEMP TABLE net_rel (pos INTEGER PRIMARY KEY, statement INTEGER NOT NULL,"
        " head INTEGER NOT NULL, tail INTEGER NOT NULL, label TEXT NOT NULL, tail_span INTEGER NOT NULL)",
        "INSERT INTO net_rel (statement, head, tail, label, tail_span)"
        " SELECT r.statement, h.node, t.node, r.label, r.tail"
        " FROM statement_status st JOIN relations r ON r.statement = st.statement AND r.annotator = st.annotator"
        " JOIN net_span_node h ON h.span = r.head JOIN net_span_node t ON t.span = r.tail"
        + where
        + " ORDER BY r.statement, r.annotator, r.id",
        "CREATE TEMP TABLE net_edges (num INTEGER PRIMARY KEY, head INTEGER NOT NULL, tail INTEGER NOT NULL,"
        " label TEXT NOT NULL, weight INTEGER NOT NULL)",
        "INSERT INTO net_edges (head, tail, label, weight)"
        " SELECT head, tail, label, count(DISTINCT statement) FROM net_rel GROUP BY head, tail, label"
        " ORDER BY min(pos)",
        "CREATE UNIQUE INDEX temp.net_edges_key ON net_edges(head, tail, label)",
        # Per edge, attribute and value of the tail: the statements making the link with it.
        "CREATE TEMP TABLE net_values (edge INTEGER NOT NULL, name TEXT NOT NULL, value NOT NULL,"
        " n INTEGER NOT NULL)",
        "INSERT INTO net_values (edge, name, value, n)"
        " SELECT e.num, a.key, a.value, count(DISTINCT r.statement)"
        " FROM net_rel r JOIN spans s ON s.id = r.tail_span, json_each(coalesce(nullif(s.attrs, ''), '{}')) a"
        " JOIN net_edges e ON e.head = r.head AND e.tail = r.tail AND e.label = r.label"
        " GROUP BY e.num, a.key, a.value ORDER BY e.num",
        "DELETE FROM net_rel",
    ]


def _record_count(conn: sqlite3.Connection, where: str, args: tuple[Any, ...], with_untouched: bool) -> int:
    """How many records iter_records would yield for the same selection."""
    count = int(conn.execute("SELECT count(*) FROM statement_status st" + where, args).fetchone()[0])
    if with_untouched:
        inner = "SELECT st.statement FROM statement_status st" + where
        count += int(
            conn.execute(f"SELECT count(*) FROM statements WHERE seq NOT IN ({inner})", args).fetchone()[0]
        )
    return count


@contextmanager
def aggregate(
    project: Project,
    *,
    selection: RecordSelection = DONE_RECORDS,
    progress: Callable[[float], None] = lambda _: None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[NetworkRows]:
    """The network of the project's work, in TEMP tables dropped when the block ends.

    Raises Stopped when should_stop() returns True during the aggregation.
    """
    conn = project.conn
    chosen = compile_selection(conn, selection)
    where, args = chosen.where, chosen.args
    began = not conn.in_transaction
    temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    if began:
        # Sorts and TEMP tables go to disk: their size is the project's, not bounded.
        # (SQLite refuses to switch inside a transaction; a caller's keeps its setting.)
        conn.execute("PRAGMA temp_store = FILE")
    conn.create_function(KEY_FUNCTION, 1, node_key, deterministic=True)
    stopped = False

    def poll() -> int:
        nonlocal stopped
        stopped = stopped or should_stop()
        return int(stopped)

    try:
        if began:
            # One snapshot for every step and for reading the result.
            conn.execute("BEGIN")
        conn.set_progress_handler(poll, POLL_STEPS)
        steps = _steps(where)
        try:
            for done, sql in enumerate(steps, 1):
                if poll():
                    raise Stopped
                conn.execute(sql, args if "?" in sql else ())
                progress(0.9 * done / len(steps))
            records = _record_count(conn, where, args, selection.with_untouched)
        except sqlite3.OperationalError:
            if stopped:
                raise Stopped from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
        yield NetworkRows(conn, records)
    finally:
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        if began and conn.in_transaction:
            conn.execute("COMMIT")
        conn.create_function(KEY_FUNCTION, 1, None)
        if began:
            conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
