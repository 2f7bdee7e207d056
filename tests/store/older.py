"""Turn a fresh project file into one of an older file format, to test its migration."""

from __future__ import annotations

import sqlite3

from store.migrations import PROGRESS_VERSION


def as_version(conn: sqlite3.Connection, version: int) -> None:
    """Drop what the migrations after `version` made (data they filled goes with it)."""
    if version < PROGRESS_VERSION:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'progress\\_%' ESCAPE '\\'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE done_blocks")
        conn.execute("DROP TABLE span_counts")
    if version < 3:
        conn.execute("ALTER TABLE labels DROP COLUMN options")
        conn.execute("ALTER TABLE relation_types DROP COLUMN options")
        conn.execute("DELETE FROM meta WHERE key = 'schema_settings'")
    if version < 2:
        conn.execute("DROP TABLE search_index")
        conn.execute("DELETE FROM meta WHERE key = 'search_indexed_seq'")
    conn.execute(f"PRAGMA user_version = {version}")
