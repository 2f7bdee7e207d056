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


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1_initial, _m2_search_index, _m3_schema_options]
LATEST_VERSION = len(MIGRATIONS)
