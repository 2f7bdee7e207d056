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


def _m3_schema_options(conn: sqlite3.Connection) -> None:
    # What a schema says beyond the first format (display names, overlap and proclitics
    # rules): one JSON object per label and relation type, and one for the schema's settings
    # (core/schema.py: Label.options, Schema.settings). Attribute display names travel in
    # the attributes JSON that was there already.
    _run(
        conn,
        """
        ALTER TABLE labels ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE relation_types ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        INSERT INTO meta(key, value) VALUES ('schema_settings', '{}')
        """,
    )


# Statements per block of done_blocks (migration 4). Part of the file format: the triggers
# and the stored counts use it, so changing it takes a migration that recounts.
DONE_BLOCK = 1024


# Migration 4's triggers, kept here as written then (bulk writers re-create them from
# sqlite_master, not from here). The update trigger takes a done row off its old block and
# puts it on its new one, so a status moved to another statement or annotator counts too.
_PROGRESS_TRIGGERS = (
    f"""
    CREATE TRIGGER progress_status_insert AFTER INSERT ON statement_status
    WHEN NEW.status = 'done' BEGIN
        INSERT INTO done_blocks(annotator, block, done)
            VALUES (NEW.annotator, (NEW.statement - 1) / {DONE_BLOCK}, 1)
            ON CONFLICT DO UPDATE SET done = done + 1;
    END
    """,
    f"""
    CREATE TRIGGER progress_status_delete AFTER DELETE ON statement_status
    WHEN OLD.status = 'done' BEGIN
        UPDATE done_blocks SET done = done - 1
            WHERE annotator = OLD.annotator AND block = (OLD.statement - 1) / {DONE_BLOCK};
    END
    """,
    f"""
    CREATE TRIGGER progress_status_update AFTER UPDATE OF status, statement, annotator ON statement_status
    WHEN OLD.status = 'done' OR NEW.status = 'done' BEGIN
        UPDATE done_blocks SET done = done - 1
            WHERE OLD.status = 'done' AND annotator = OLD.annotator
            AND block = (OLD.statement - 1) / {DONE_BLOCK};
        INSERT INTO done_blocks(annotator, block, done)
            SELECT NEW.annotator, (NEW.statement - 1) / {DONE_BLOCK}, 1 WHERE NEW.status = 'done'
            ON CONFLICT DO UPDATE SET done = done + 1;
    END
    """,
    """
    CREATE TRIGGER progress_span_insert AFTER INSERT ON spans BEGIN
        INSERT INTO span_counts(annotator, label, spans) VALUES (NEW.annotator, NEW.label, 1)
            ON CONFLICT DO UPDATE SET spans = spans + 1;
    END
    """,
    """
    CREATE TRIGGER progress_span_delete AFTER DELETE ON spans BEGIN
        UPDATE span_counts SET spans = spans - 1 WHERE annotator = OLD.annotator AND label = OLD.label;
    END
    """,
    """
    CREATE TRIGGER progress_span_update AFTER UPDATE OF label, annotator ON spans
    WHEN OLD.label IS NOT NEW.label OR OLD.annotator IS NOT NEW.annotator BEGIN
        UPDATE span_counts SET spans = spans - 1 WHERE annotator = OLD.annotator AND label = OLD.label;
        INSERT INTO span_counts(annotator, label, spans) VALUES (NEW.annotator, NEW.label, 1)
            ON CONFLICT DO UPDATE SET spans = spans + 1;
    END
    """,
)


def _m4_progress(conn: sqlite3.Connection) -> None:
    # Counters for the window's progress and "next not done" (store/progress.py), so that
    # neither scans a million rows after every edit. Persistent triggers keep them, in the
    # writer's own transaction, whatever program or connection writes: GUI edits, imports,
    # merge, adjudication, another process. (REPLACE conflict resolution deletes rows
    # without firing delete triggers unless recursive_triggers is on: no Bayan writer
    # uses it on these tables.)
    # done_blocks: per annotator, how many statements of each block of DONE_BLOCK seqs
    # (block = (seq - 1) / DONE_BLOCK) they marked done. A block without a row has none.
    # span_counts: per annotator and label, how many spans. No foreign keys: a count is
    # not annotation, and labels are never renamed.
    _run(
        conn,
        f"""
        CREATE TABLE done_blocks (
            annotator INTEGER NOT NULL,
            block INTEGER NOT NULL,
            done INTEGER NOT NULL,
            PRIMARY KEY (annotator, block)
        ) WITHOUT ROWID;
        CREATE TABLE span_counts (
            annotator INTEGER NOT NULL,
            label TEXT NOT NULL,
            spans INTEGER NOT NULL,
            PRIMARY KEY (annotator, label)
        ) WITHOUT ROWID;
        INSERT INTO done_blocks(annotator, block, done)
            SELECT annotator, (statement - 1) / {DONE_BLOCK}, count(*) FROM statement_status
            WHERE status = 'done' GROUP BY 1, 2;
        INSERT INTO span_counts(annotator, label, spans)
            SELECT annotator, label, count(*) FROM spans GROUP BY 1, 2
        """,
    )
    # One execute per trigger: their bodies hold ";" and a newline, which _run splits on.
    for trigger in _PROGRESS_TRIGGERS:
        conn.execute(trigger)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m1_initial, _m2_search_index, _m3_schema_options, _m4_progress
]
LATEST_VERSION = len(MIGRATIONS)
# The first file format with the progress counters (older ones, opened read-only, are counted by scanning).
PROGRESS_VERSION = MIGRATIONS.index(_m4_progress) + 1
