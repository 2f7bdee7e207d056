"""The rules of core/rules.py over a whole attached project file, in SQL.

Merge copies records from annotators' files with set-based SQL and never builds Records in
Python, so it cannot go through the import's validator. Instead the same rule functions are
registered on the connection as SQL functions and every table of the source is scanned once
for the first row that breaks one: a source gets exactly the checks an import gets, and a
hostile or damaged one is refused with one line before anything is copied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from core.formats.lines import JSONRefused, parse_json
from core.ids import text_hash
from core.rules import (
    attrs_problem,
    meta_problem,
    name_problem,
    relation_problem,
    seconds_problem,
    span_problem,
    span_text_problem,
    status_problem,
    text_problem,
)
from core.schema import Schema


def _stored_json(value: Any, what: str) -> tuple[Any, str | None]:
    """A stored JSON value (NULL: an empty object), or why it cannot be read."""
    if value is None:
        return {}, None
    if not isinstance(value, str):
        return None, f"{what} is not JSON text"
    try:
        return parse_json(value), None
    except JSONRefused as exc:
        return None, f"{what}: {exc.reason}"


def _statement(sid: Any, text: Any, meta: Any) -> str | None:
    meta_value, problem = _stored_json(meta, "meta")
    return name_problem(sid, "the statement id") or text_problem(text) or problem or meta_problem(meta_value)


def _change_time(value: Any) -> str | None:
    # Merge --prefer newer and a future sync compare these times as strings: a forged one
    # ("9999") would win every comparison.
    if not isinstance(value, str):
        return "the change time is not text"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return f"the change time {value!r} is not an ISO date and time"
    if parsed.utcoffset() is None or parsed > datetime.now(parsed.tzinfo):
        return f"the change time {value!r} is not a past time with a time zone"
    return None


def _status_row(status: Any, note: Any, seconds: Any, changed_at: Any) -> str | None:
    return (
        status_problem(status)
        or (None if isinstance(note, str) else "the note is not text")
        or seconds_problem(seconds)
        or _change_time(changed_at)
    )


def _span_row(schema: Schema) -> Callable[..., str | None]:
    def check(text: Any, start: Any, end: Any, covered: Any, label: Any, attrs: Any) -> str | None:
        if not isinstance(text, str):
            return "its statement has no text"
        problem = span_problem(len(text), start, end)
        if problem is None:
            problem = span_text_problem(text, start, end, covered) if isinstance(covered, str) else "no text"
        if problem is not None:
            return problem
        found = schema.label(label) if isinstance(label, str) else None
        if found is None:
            return f"unknown label {label!r}"
        values, problem = _stored_json(attrs, "attrs")
        if problem is not None:
            return problem
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            return "attrs must be an object of strings"
        return attrs_problem(found, values)

    return check


def _relation_row(schema: Schema) -> Callable[..., str | None]:
    def check(kind: Any, head_label: Any, tail_label: Any) -> str | None:
        if head_label is None or tail_label is None:
            return "it links a span that is not there"
        if not isinstance(kind, str):
            return "its type is not text"
        return relation_problem(schema, kind, head_label, tail_label)

    return check


def register(conn: sqlite3.Connection, schema: Schema) -> None:
    """Make the rules callable from SQL on `conn`, spans and relations checked against `schema`."""
    conn.create_function("bayan_statement_problem", 3, _statement, deterministic=True)
    conn.create_function("bayan_name_problem", 1, lambda v: name_problem(v, "the annotator's name"),
                         deterministic=True)
    conn.create_function("bayan_status_problem", 4, _status_row)
    conn.create_function("bayan_span_problem", 6, _span_row(schema), deterministic=True)
    conn.create_function("bayan_relation_problem", 3, _relation_row(schema), deterministic=True)
    # The text hash a statement is found by (core.ids): recomputed, never copied from a file.
    conn.create_function("bayan_text_hash", 1, lambda t: text_hash(t) if isinstance(t, str) else 0,
                         deterministic=True)


# Each query finds the first row of the attached project `src` that breaks a rule, and
# says where: (statement id or None, annotator name or None, what, problem).
_QUERIES = (
    "SELECT id, NULL, NULL, bayan_statement_problem(id, text, meta) AS p FROM src.statements"
    " WHERE p IS NOT NULL LIMIT 1",
    "SELECT NULL, name, NULL, bayan_name_problem(name) AS p FROM src.annotators WHERE p IS NOT NULL LIMIT 1",
    "SELECT s.id, a.name, 'status', bayan_status_problem(x.status, x.note, x.seconds, x.updated_at) AS p"
    " FROM src.statement_status x"
    " LEFT JOIN src.statements s ON s.seq = x.statement LEFT JOIN src.annotators a ON a.id = x.annotator"
    " WHERE p IS NOT NULL OR s.seq IS NULL OR a.id IS NULL LIMIT 1",
    "SELECT s.id, a.name, 'span [' || x.start || ', ' || x.end || ')',"
    " bayan_span_problem(s.text, x.start, x.end, x.text, x.label, x.attrs) AS p FROM src.spans x"
    " LEFT JOIN src.statements s ON s.seq = x.statement LEFT JOIN src.annotators a ON a.id = x.annotator"
    " WHERE p IS NOT NULL OR a.id IS NULL LIMIT 1",
    "SELECT s.id, a.name, 'relation ' || x.label,"
    " coalesce(bayan_relation_problem(x.label, h.label, t.label), 'it links spans of another statement or annotator')"
    " AS p FROM src.relations x"
    " LEFT JOIN src.spans h ON h.id = x.head LEFT JOIN src.spans t ON t.id = x.tail"
    " LEFT JOIN src.statements s ON s.seq = x.statement LEFT JOIN src.annotators a ON a.id = x.annotator"
    " WHERE bayan_relation_problem(x.label, h.label, t.label) IS NOT NULL"
    " OR (h.statement, h.annotator) IS NOT (x.statement, x.annotator)"
    " OR (t.statement, t.annotator) IS NOT (x.statement, x.annotator) OR a.id IS NULL LIMIT 1",
)


def first_problem(sql: Callable[[str], sqlite3.Cursor]) -> str | None:
    """The first rule a row of the attached source breaks, worded for the user; None if none.

    `sql` runs a query with `src.` naming the source (store/merge.py). The functions of
    `register` must be on the connection.
    """
    for query in _QUERIES:
        row = sql(query).fetchone()
        if row is not None:
            sid, annotator, what, problem = row
            where = []
            if sid is not None:
                where.append(f"statement {sid!r}")
            if annotator is not None:
                where.append(f"annotator {annotator!r}")
            if what is not None:
                where.append(str(what))
            return f"{', '.join(where)}: {problem or 'it belongs to no statement or annotator'}"
    return None
