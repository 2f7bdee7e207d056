"""A whole project's content, to prove that a failed command changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def dump(path: Path) -> dict[str, Any]:
    """Every row of every table, and the file's version: equal dumps mean an unchanged project."""
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )]
        out: dict[str, Any] = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
        out["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        return out
    finally:
        conn.close()
