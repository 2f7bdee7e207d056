"""Numbered schema migrations, tracked in `PRAGMA user_version`; never edit an old one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# 'BYN1' in the SQLite header's application_id marks a file as a Bayan project.
APPLICATION_ID = 0x42594E31


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first and break the migration's transaction, so
    # statements run one by one (none of ours contains ";" followed by a newline).
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _m1_initial(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE labels (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            color TEXT NOT NULL,
            key TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '{}',
            attributes TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE relation_types (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            from_label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            to_label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            description TEXT NOT NULL DEFAULT '{}'
        );
        -- seq is the position in import order; statements are never deleted, so it
        -- runs 1..N without gaps and a list model can page by it.
        CREATE TABLE statements (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            hash INTEGER NOT NULL,
            meta TEXT
        );
        CREATE INDEX statements_hash ON statements(hash);
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE statement_status (
            statement INTEGER NOT NULL REFERENCES statements(seq),
            annotator INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'done', 'skipped')),
            note TEXT NOT NULL DEFAULT '',
            seconds REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (statement, annotator)
        ) WITHOUT ROWID;
        CREATE INDEX statement_status_annotator ON statement_status(annotator, status, statement);
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            statement INTEGER NOT NULL REFERENCES statements(seq),
            annotator INTEGER NOT NULL REFERENCES annotators(id),
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            attrs TEXT,
            CHECK (0 <= start AND start < end),
            UNIQUE (statement, annotator, start, end, label)
        );
        CREATE INDEX spans_label ON spans(label);
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            statement INTEGER NOT NULL REFERENCES statements(seq),
            annotator INTEGER NOT NULL REFERENCES annotators(id),
            head INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            tail INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            label TEXT NOT NULL REFERENCES relation_types(name) ON UPDATE CASCADE,
            UNIQUE (head, tail, label)
        );
        CREATE INDEX relations_statement ON relations(statement, annotator);
        CREATE INDEX relations_tail ON relations(tail);
        """,
    )


def _m2_search_index(conn: sqlite3.Connection) -> None:
    # The search form of each statement (core.normalize), rowid = statements.seq, filled
    # lazily by store/search.py after imports; `search_indexed_seq` in meta marks how far.
    # Trigram, because word tokenizers miss a query inside a word with clitics;
    # detail=none keeps the index ~40% smaller, and GLOB queries check the text anyway.
    _run(
        conn,
        """
        CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'trigram', detail = 'none');
        INSERT INTO meta(key, value) VALUES ('search_indexed_seq', '0')
        """,
    )


# A record's change time as Python's store.project.now() writes it (UTC, milliseconds), so
# that times written by SQL and by Python compare as strings.
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"


def _m3_record_change_times(conn: sqlite3.Connection) -> None:
    # Ownership (DESIGN.md): every change to a record (statement x annotator), by any path
    # (the GUI, import, merge, a future sync, the sqlite3 shell), moves its change time.
    # Triggers make that one rule in one place instead of a call in every writer that a new
    # writer can forget (an import that only added spans once left the time unchanged, so
    # `merge --prefer newer` kept older work). The record's status row is created if needed.
    touch = (
        "INSERT INTO statement_status(statement, annotator, updated_at) VALUES ({row}.statement, {row}.annotator, "
        + NOW_SQL
        + ") ON CONFLICT DO UPDATE SET updated_at = excluded.updated_at"
    )
    statements = []
    for table in ("spans", "relations"):
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_changes_record AFTER {event} ON {table}"
                f" BEGIN {touch.format(row=row)}; END"
            )
        # A change that moves a span or relation to another record changes both records.
        statements.append(
            f"CREATE TRIGGER {table}_update_changes_record AFTER UPDATE ON {table}"
            f" BEGIN {touch.format(row='OLD')}; {touch.format(row='NEW')}; END"
        )
    # Status, note and time spent written without a new change time (an import's upsert).
    # A write that sets updated_at itself (merge copying a record's own time) is left alone.
    statements.append(
        "CREATE TRIGGER statement_status_changes_record AFTER UPDATE OF status, note, seconds ON statement_status"
        " WHEN (NEW.status IS NOT OLD.status OR NEW.note IS NOT OLD.note OR NEW.seconds IS NOT OLD.seconds)"
        " AND NEW.updated_at IS OLD.updated_at"
        " BEGIN UPDATE statement_status SET updated_at = " + NOW_SQL +
        " WHERE statement = NEW.statement AND annotator = NEW.annotator; END"
    )
    for statement in statements:
        conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1_initial, _m2_search_index, _m3_record_change_times]
LATEST_VERSION = len(MIGRATIONS)
