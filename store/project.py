"""One project file: opening, migrating, the schema, and every write (each one transaction)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from core.errors import EditRefused, InputError, ProjectBusy, ProjectError, WriteFailed
from core.formats.lines import JSONRefused, parse_json
from core.rules import (
    attrs_problem,
    name_problem,
    overlap_problem,
    relation_problem,
    seconds_problem,
    span_problem,
    status_problem,
)
from core.schema import Label, Schema, attributes_json, parse_schema
from store import record_times
from store.files import connect, create_file, probe, uri
from store.migrations import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 60.0


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class StoredSpan:
    """A span as stored: its row id, the statement's seq and the annotator's name."""

    id: int
    statement: int
    annotator: str
    label: str
    start: int
    end: int
    text: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredRelation:
    id: int
    statement: int
    annotator: str
    head: int
    tail: int
    label: str


@dataclass(frozen=True, slots=True)
class Added:
    """What an add wrote: the row's id, and whether it is new (False: it was already there)."""

    id: int
    created: bool


@dataclass(frozen=True, slots=True)
class DeletedSpan:
    """What delete_span removed, so that undo can put it back (relations included)."""

    span: StoredSpan
    relations: tuple[StoredRelation, ...]


@dataclass(frozen=True, slots=True)
class StatementRow:
    seq: int
    id: str
    text: str
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StatusRow:
    status: str
    note: str
    seconds: float
    updated_at: str | None


def _is_write_failure(exc: sqlite3.OperationalError) -> bool:
    """The disk or the file refused a write (full, I/O error, read-only): not a bug of ours."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_BUSY"))


def _check_version(path: Path, version: int) -> None:
    if version > LATEST_VERSION:
        raise ProjectError(
            f"{path}: made by a newer version of Bayan (file format {version}; "
            f"this version reads up to {LATEST_VERSION}); update Bayan to open it"
        )


def read_schema(conn: sqlite3.Connection, database: str = "main", file: str | None = None) -> Schema:
    """The schema stored in `database` (an attached project's alias, or main).

    It goes through parse_schema, the checks of a schema file: a project written by another
    program (a merge source) may hold names or values no schema file could.
    """
    where = file or database

    def stored_json(value: object) -> object:
        if not isinstance(value, str):
            raise InputError(where, None, "its schema is damaged (a description or attribute list is not text)")
        try:
            return parse_json(value)
        except JSONRefused as exc:
            raise InputError(where, None, f"its schema is damaged ({exc.reason})") from None

    # A project before format 3 (read without migrating: a merge source, a read-only open)
    # has no options; its labels read as the first format's.
    has_options = any(
        row[1] == "options" for row in conn.execute(f"PRAGMA {database}.table_info(labels)").fetchall()
    )
    options = "options" if has_options else "'{}'"

    def stored_object(value: object) -> dict[str, object]:
        found = stored_json(value)
        if not isinstance(found, dict):
            raise InputError(where, None, "its schema is damaged (a label's options are not an object)")
        return found

    labels = [
        {"name": name, "color": color, "key": key, "description": stored_json(description),
         "attributes": stored_json(attrs), **stored_object(label_options)}
        for name, color, key, description, attrs, label_options in conn.execute(
            f"SELECT name, color, key, description, attributes, {options} FROM {database}.labels ORDER BY position"
        ).fetchall()
    ]
    relations = [
        {"name": name, "from": from_label, "to": to_label, "description": stored_json(description),
         **stored_object(relation_options)}
        for name, from_label, to_label, description, relation_options in conn.execute(
            f"SELECT name, from_label, to_label, description, {options} FROM {database}.relation_types"
            " ORDER BY position"
        ).fetchall()
    ]
    settings: dict[str, object] = {}
    if has_options:
        row = conn.execute(f"SELECT value FROM {database}.meta WHERE key = 'schema_settings'").fetchone()
        settings = stored_object(row[0]) if row else {}
    return parse_schema({"labels": labels, "relations": relations, **settings}, where)


class Project:
    """An open project file. Construct with `Project.open` or `Project.create`."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False, version: int = LATEST_VERSION
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        # The file format as opened; a read-only project of an older format stays at it.
        self.version = version
        self.db = sqlite_utils.Database(conn)
        self._schema: Schema | None = None
        self._annotator_ids: dict[str, int] = {}

    # ----------------------------------------------------------------- opening

    @classmethod
    def create(
        cls,
        path: Path,
        schema: Schema,
        *,
        name: str | None = None,
        fill: Callable[[Project], object] | None = None,
    ) -> Project:
        """A new project file at `path` (which must not exist) with `schema`, then opened.

        `fill` adds content (the default project's seed statements) before the file
        appears: the project is made whole in a temporary file first (store/files.py), so
        a create killed at any moment leaves no file or a complete one, and of two creates
        of one path at once one wins and the other gets ProjectExists.
        """
        path = Path(path)

        def build(tmp: Path) -> None:
            conn = sqlite3.connect(uri(tmp), uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute("PRAGMA journal_mode = WAL")
                project = cls(tmp, conn)
                project._migrate(from_version=0)
                with project.atomic():
                    project._write_schema(schema)
                    conn.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [("name", name or path.stem), ("created_at", now())],
                    )
                project._configure()
                if fill is not None:
                    fill(project)
                # Everything into the main file before it is linked into place.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()

        create_file(path, build)
        return cls.open(path, check=False)

    @classmethod
    def open(
        cls, path: Path, *, check: bool = True, read_only: bool = False, busy_timeout: float = BUSY_TIMEOUT
    ) -> Project:
        """Open an existing project, migrating it (after a backup) if it is older.

        `check` runs `PRAGMA integrity_check` first; a caller that checks in the
        background (the GUI on a large project) passes False and calls `check_integrity`.
        `read_only` never writes (stats, export, merge sources): it reads projects on
        read-only media, and older projects without migrating them. `busy_timeout` is how
        long a write waits for another process's transaction before ProjectBusy (the GUI
        waits briefly and tells the annotator).
        """
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such project; create one with `init`")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        _check_version(path, probe(path))
        conn = connect(path, read_only=read_only, timeout=busy_timeout)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            try:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                raise ProjectError(f"{path}: damaged ({exc})") from None
            if app_id != APPLICATION_ID:
                raise ProjectError(f"{path}: not a Bayan project (an SQLite file of another program)")
            _check_version(path, version)
            project = cls(path, conn, read_only=read_only, version=version)
            if check or (version < LATEST_VERSION and not read_only):
                project.check_integrity()
            if not read_only:
                if version < LATEST_VERSION:
                    project._backup(version)
                    project._migrate(from_version=version)
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            project._configure()
        except BaseException:
            conn.close()
            raise
        return project

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another process's transaction before ProjectBusy."""
        self.conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def _configure(self) -> None:
        # FULL: a committed edit survives power loss too, not only a killed process;
        # bench/edits.py measures what that costs per edit.
        self.conn.execute("PRAGMA synchronous = FULL")
        record_times.install(self.conn)

    def check_integrity(self) -> None:
        try:
            rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{self.path}: damaged ({exc})") from None
        if [r[0] for r in rows] != ["ok"]:
            problems = "; ".join(str(r[0]) for r in rows[:3])
            raise ProjectError(f"{self.path}: damaged (integrity check: {problems})")

    def _backup(self, version: int) -> Path:
        """A copy of the file as it is, next to it, before a migration changes it."""
        target = self.path.with_name(f"{self.path.name}.v{version}-{datetime.now():%Y%m%d%H%M%S}.bak")
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        shutil.copymode(self.path, target)
        return target

    def _migrate(self, *, from_version: int) -> None:
        for number in range(from_version, LATEST_VERSION):
            with self.atomic():
                MIGRATIONS[number](self.conn)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested).

        BEGIN IMMEDIATE takes the write lock up front, so a second process waits
        for it (busy timeout) instead of failing when a read turns into a write; when
        the wait runs out, ProjectBusy says so and nothing was written.
        """
        if self.conn.in_transaction:
            try:
                with self.db.atomic():
                    yield
            except BaseException:
                self._forget_cached()  # ids and labels read inside the savepoint may be gone
                raise
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if str(getattr(exc, "sqlite_errorname", "")).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise ProjectBusy(
                    f"{self.path}: another program is writing to the project (an import or a merge?); "
                    "nothing was written"
                ) from None
            raise
        try:
            yield
            # Inside the try: a COMMIT that fails (disk full, I/O error) must not leave the
            # transaction open, or every later write would silently join it and be lost.
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._forget_cached()
            if isinstance(exc, sqlite3.OperationalError) and _is_write_failure(exc):
                raise WriteFailed(f"{self.path}: could not be written ({exc}); nothing was written") from None
            raise

    def _forget_cached(self) -> None:
        self._schema = None
        self._annotator_ids.clear()

    # ------------------------------------------------------------------ schema

    @property
    def name(self) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'name'").fetchone()
        return row[0] if row else self.path.stem

    @property
    def schema(self) -> Schema:
        if self._schema is None:
            self._schema = self._read_schema()
        return self._schema

    def _read_schema(self) -> Schema:
        return read_schema(self.conn)

    def _write_schema(self, schema: Schema) -> None:
        """Insert the labels and relation types of `schema` that are not stored yet.

        A new project takes the schema's settings too; an existing one keeps its own (an
        import that adds a label does not change how the project's annotators work).
        """
        known = {r[0] for r in self.conn.execute("SELECT name FROM labels")}
        if not known:
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_settings', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (json.dumps(schema.settings(), ensure_ascii=False),),
            )
        for position, label in enumerate(schema.labels):
            if label.name in known:
                continue
            self.conn.execute(
                "INSERT INTO labels(name, position, color, key, description, attributes, options)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    label.name,
                    position,
                    label.color,
                    label.key,
                    json.dumps(label.description, ensure_ascii=False),
                    json.dumps(attributes_json(label.attributes), ensure_ascii=False),
                    json.dumps(label.options(), ensure_ascii=False),
                ),
            )
        known = {r[0] for r in self.conn.execute("SELECT name FROM relation_types")}
        for position, rel in enumerate(schema.relations):
            if rel.name in known:
                continue
            self.conn.execute(
                "INSERT INTO relation_types(name, position, from_label, to_label, description, options)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    rel.name, position, rel.from_label, rel.to_label,
                    json.dumps(rel.description, ensure_ascii=False),
                    json.dumps(rel.options(), ensure_ascii=False),
                ),
            )
        self._widen(schema)
        self._schema = None

    def _widen(self, schema: Schema) -> None:
        """Give stored labels and relation types what `schema` adds to them: attributes and
        their values, relation pairs. Never narrows: what `schema` lacks stays."""
        stored = read_schema(self.conn)
        for label in schema.labels:
            mine = stored.label(label.name)
            if mine is None:
                continue
            attributes = list(mine.attributes)
            for attribute in label.attributes:
                known = next((a for a in attributes if a.name == attribute.name), None)
                if known is None:
                    attributes.append(attribute)
                elif missing := tuple(v for v in attribute.values if v not in known.values):
                    attributes[attributes.index(known)] = replace(known, values=known.values + missing)
            if attributes != list(mine.attributes):
                self.conn.execute(
                    "UPDATE labels SET attributes = ? WHERE name = ?",
                    (json.dumps(attributes_json(tuple(attributes)), ensure_ascii=False), label.name),
                )
        for rel in schema.relations:
            mine_rel = stored.relation(rel.name)
            if mine_rel is None or set(rel.pairs) <= set(mine_rel.pairs):
                continue
            self.conn.execute(
                "UPDATE relation_types SET options = ? WHERE name = ?",
                (json.dumps(mine_rel.with_pairs(rel.pairs).options(), ensure_ascii=False), rel.name),
            )

    def reload_schema(self) -> Schema:
        """Read the schema again (another connection, e.g. an import, may have added labels)."""
        self._schema = None
        return self.schema

    def extend_schema(self, schema: Schema) -> None:
        """Add the labels and relation types of `schema` that the project lacks."""
        with self.atomic():
            self._write_schema(schema)

    # -------------------------------------------------------------- annotators

    def annotator_id(self, name: str, *, create: bool = True) -> int | None:
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                return None
            self._refuse(name_problem(name, "the annotator's name"))
            with self.atomic():
                row = (self.conn.execute("INSERT INTO annotators(name) VALUES (?)", (name,)).lastrowid,)
        self._annotator_ids[name] = row[0]
        return int(row[0])

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM annotators ORDER BY name")]

    # --------------------------------------------------------------- statements

    def statement_count(self) -> int:
        # max(seq) equals the count (seq has no gaps) and reads one index entry.
        row = self.conn.execute("SELECT max(seq) FROM statements").fetchone()
        return int(row[0] or 0)

    def statement(self, seq: int) -> StatementRow | None:
        row = self.conn.execute(
            "SELECT seq, id, text, meta FROM statements WHERE seq = ?", (seq,)
        ).fetchone()
        return None if row is None else StatementRow(row[0], row[1], row[2], json.loads(row[3] or "{}"))

    def statement_seq(self, statement_id: str) -> int | None:
        row = self.conn.execute("SELECT seq FROM statements WHERE id = ?", (statement_id,)).fetchone()
        return None if row is None else int(row[0])

    def statements_window(
        self, first_seq: int, count: int, *, annotator: str | None = None
    ) -> list[tuple[int, str, str, str, bool]]:
        """Rows (seq, id, preview, status, has_note) from `first_seq` on, read by key.

        The preview is the first 120 characters; status is this annotator's ('todo'
        when there is none).
        """
        aid = self.annotator_id(annotator, create=False) if annotator else None
        rows = self.conn.execute(
            "SELECT s.seq, s.id, substr(s.text, 1, 120), coalesce(st.status, 'todo'),"
            " coalesce(st.note, '') != ''"
            " FROM statements s LEFT JOIN statement_status st"
            " ON st.statement = s.seq AND st.annotator = ?"
            " WHERE s.seq >= ? ORDER BY s.seq LIMIT ?",
            (aid, first_seq, count),
        ).fetchall()
        return [(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    # ------------------------------------------------------------ annotations

    def status(self, statement: int, annotator: str) -> StatusRow:
        aid = self.annotator_id(annotator, create=False)
        row = self.conn.execute(
            "SELECT status, note, seconds, updated_at FROM statement_status"
            " WHERE statement = ? AND annotator = ?",
            (statement, aid),
        ).fetchone()
        if row is None:
            return StatusRow("todo", "", 0.0, None)
        return StatusRow(row[0], row[1], row[2], row[3])

    def spans(self, statement: int, annotator: str) -> list[StoredSpan]:
        aid = self.annotator_id(annotator, create=False)
        return [
            StoredSpan(r[0], statement, annotator, r[1], r[2], r[3], r[4], json.loads(r[5] or "{}"))
            for r in self.conn.execute(
                "SELECT id, label, start, end, text, attrs FROM spans"
                " WHERE statement = ? AND annotator = ? ORDER BY start, end DESC, label",
                (statement, aid),
            )
        ]

    def span(self, span_id: int) -> StoredSpan | None:
        row = self.conn.execute(
            "SELECT s.id, s.statement, a.name, s.label, s.start, s.end, s.text, s.attrs"
            " FROM spans s JOIN annotators a ON a.id = s.annotator WHERE s.id = ?",
            (span_id,),
        ).fetchone()
        if row is None:
            return None
        return StoredSpan(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], json.loads(row[7] or "{}")
        )

    def relations(self, statement: int, annotator: str) -> list[StoredRelation]:
        aid = self.annotator_id(annotator, create=False)
        return [
            StoredRelation(r[0], statement, annotator, r[1], r[2], r[3])
            for r in self.conn.execute(
                "SELECT id, head, tail, label FROM relations"
                " WHERE statement = ? AND annotator = ? ORDER BY id",
                (statement, aid),
            )
        ]

    # Every write below changes one record (statement x annotator); the connection's
    # triggers move that record's change time, whatever the path (store/record_times.py).

    def _statement_text(self, statement: int) -> str:
        row = self.conn.execute("SELECT text FROM statements WHERE seq = ?", (statement,)).fetchone()
        if row is None:
            raise EditRefused(f"no statement {statement}")
        return str(row[0])

    def _label(self, name: str) -> Label:
        found = self.schema.label(name)
        if found is None:
            raise EditRefused(f"unknown label {name!r}")
        return found

    def _span_or_refuse(self, span_id: int) -> StoredSpan:
        span = self.span(span_id)
        if span is None:
            raise EditRefused(f"no span {span_id} (deleted meanwhile?)")
        return span

    @staticmethod
    def _refuse(problem: str | None) -> None:
        if problem is not None:
            raise EditRefused(problem)

    def _refuse_overlap(
        self, *, statement: int, annotator: int | None, label: Label, start: int, end: int, text: str,
        span_id: int | None = None,
    ) -> None:
        """The label's overlap rule (core/rules.py) against the annotator's other spans of it there."""
        if label.overlap == "allow":
            return  # no query: nothing could be refused
        others = [
            (int(a), int(b))
            for a, b in self.conn.execute(
                "SELECT start, end FROM spans WHERE statement = ? AND annotator = ? AND label = ? AND id IS NOT ?",
                (statement, annotator, label.name, span_id),
            )
        ]
        self._refuse(overlap_problem(label, others, start, end, text)[0])

    @staticmethod
    def _attrs_json(attrs: dict[str, str] | None) -> str | None:
        return json.dumps(attrs, ensure_ascii=False) if attrs else None

    def add_span(
        self,
        *,
        statement: int,
        annotator: str,
        label: str,
        start: int,
        end: int,
        attrs: dict[str, str] | None = None,
    ) -> Added:
        """Store a span; `created` is False when the annotator already had exactly this one."""
        with self.atomic():
            text = self._statement_text(statement)
            found = self._label(label)
            self._refuse(span_problem(len(text), start, end))
            self._refuse(attrs_problem(found, attrs or {}))
            aid = self.annotator_id(annotator)
            self._refuse_overlap(statement=statement, annotator=aid, label=found, start=start, end=end, text=text)
            row = self.conn.execute(
                "INSERT INTO spans(statement, annotator, label, start, end, text, attrs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (statement, aid, label, start, end, text[start:end], self._attrs_json(attrs)),
            ).fetchone()
            if row is not None:
                return Added(int(row[0]), created=True)
            row = self.conn.execute(
                "SELECT id FROM spans WHERE statement = ? AND annotator = ? AND start = ?"
                " AND end = ? AND label = ?",
                (statement, aid, start, end, label),
            ).fetchone()
            return Added(int(row[0]), created=False)

    def delete_span(self, span_id: int) -> DeletedSpan | None:
        """Remove a span and its relations; return them for undo (None if already gone)."""
        with self.atomic():
            span = self.span(span_id)
            if span is None:
                return None
            relations = tuple(
                StoredRelation(r[0], span.statement, span.annotator, r[1], r[2], r[3])
                for r in self.conn.execute(
                    "SELECT id, head, tail, label FROM relations WHERE head = ? OR tail = ?",
                    (span_id, span_id),
                )
            )
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            return DeletedSpan(span, relations)

    def restore_span(self, deleted: DeletedSpan) -> None:
        """Put back a deleted span with its id, and the relations it had."""
        span = deleted.span
        with self.atomic():
            aid = self.annotator_id(span.annotator)
            try:
                self.conn.execute(
                    "INSERT INTO spans(id, statement, annotator, label, start, end, text, attrs)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        span.id, span.statement, aid, span.label, span.start, span.end, span.text,
                        self._attrs_json(span.attrs),
                    ),
                )
            except sqlite3.IntegrityError:
                raise EditRefused(f"the {span.label} span cannot come back: the annotator has it again") from None
            for rel in deleted.relations:
                self.conn.execute(
                    "INSERT OR IGNORE INTO relations(id, statement, annotator, head, tail, label)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (rel.id, rel.statement, aid, rel.head, rel.tail, rel.label),
                )

    def set_span_label(
        self,
        span_id: int,
        label: str,
        *,
        restore: tuple[StoredRelation, ...] = (),
        attrs: dict[str, str] | None = None,
    ) -> tuple[StoredRelation, ...]:
        """Relabel a span; relations that no longer fit their type are removed and returned.

        `restore` puts back relations and `attrs` the attributes that an earlier relabel
        removed (the GUI's undo), in the same transaction.
        """
        removed: list[StoredRelation] = []
        with self.atomic():
            new_label = self._label(label)
            span = self._span_or_refuse(span_id)
            if label != span.label:
                self._refuse_overlap(
                    statement=span.statement, annotator=self.annotator_id(span.annotator, create=False),
                    label=new_label, start=span.start, end=span.end,
                    text=self._statement_text(span.statement), span_id=span_id,
                )
            try:
                self.conn.execute("UPDATE spans SET label = ? WHERE id = ?", (label, span_id))
            except sqlite3.IntegrityError:
                raise EditRefused(f"the annotator already has a {label} span there") from None
            # Attributes the new label does not define would make the export unreadable.
            kept = {k: v for k, v in span.attrs.items() if attrs_problem(new_label, {k: v}) is None}
            if attrs is not None:
                self._refuse(attrs_problem(new_label, attrs))
                kept = attrs
            if kept != span.attrs:
                self.conn.execute("UPDATE spans SET attrs = ? WHERE id = ?", (self._attrs_json(kept), span_id))
            for rel_id, statement, annotator, head, tail, head_label, tail_label, rel_label in self.conn.execute(
                "SELECT r.id, r.statement, a.name, r.head, r.tail, h.label, t.label, r.label FROM relations r"
                " JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail"
                " JOIN annotators a ON a.id = r.annotator"
                " WHERE r.head = ? OR r.tail = ?",
                (span_id, span_id),
            ).fetchall():
                if relation_problem(self.schema, rel_label, head_label, tail_label) is not None:
                    self.conn.execute("DELETE FROM relations WHERE id = ?", (rel_id,))
                    removed.append(StoredRelation(rel_id, statement, annotator, head, tail, rel_label))
            for rel in restore:
                self.conn.execute(
                    "INSERT OR IGNORE INTO relations(id, statement, annotator, head, tail, label)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (rel.id, rel.statement, self.annotator_id(rel.annotator), rel.head, rel.tail, rel.label),
                )
        return tuple(removed)

    def set_span_bounds(self, span_id: int, start: int, end: int) -> tuple[int, int]:
        """Move a span's boundaries; its label, attributes and relations stay. Returns the old (start, end)."""
        with self.atomic():
            span = self._span_or_refuse(span_id)
            text = self._statement_text(span.statement)
            self._refuse(span_problem(len(text), start, end))
            if (start, end) != (span.start, span.end):
                self._refuse_overlap(
                    statement=span.statement, annotator=self.annotator_id(span.annotator, create=False),
                    label=self._label(span.label), start=start, end=end, text=text, span_id=span_id,
                )
                try:
                    self.conn.execute(
                        "UPDATE spans SET start = ?, end = ?, text = ? WHERE id = ?",
                        (start, end, text[start:end], span_id),
                    )
                except sqlite3.IntegrityError:
                    raise EditRefused(f"the annotator already has a {span.label} span there") from None
            return span.start, span.end

    def set_span_attrs(self, span_id: int, attrs: dict[str, str]) -> dict[str, str]:
        """Set a span's attributes; returns the previous ones (equal to `attrs`: nothing changed)."""
        with self.atomic():
            span = self._span_or_refuse(span_id)
            self._refuse(attrs_problem(self._label(span.label), attrs))
            if attrs != span.attrs:
                self.conn.execute("UPDATE spans SET attrs = ? WHERE id = ?", (self._attrs_json(attrs), span_id))
            return dict(span.attrs)

    def add_relation(self, *, head: int, tail: int, label: str, relation_id: int | None = None) -> Added:
        """Link two spans of one statement and annotator; `created` is False when the link was there."""
        with self.atomic():
            h, t = self._span_or_refuse(head), self._span_or_refuse(tail)
            if (h.statement, h.annotator) != (t.statement, t.annotator):
                raise EditRefused("a relation links spans of one statement and annotator")
            self._refuse(relation_problem(self.schema, label, h.label, t.label))
            aid = self.annotator_id(h.annotator)
            row = self.conn.execute(
                "SELECT id FROM relations WHERE head = ? AND tail = ? AND label = ?",
                (head, tail, label),
            ).fetchone()
            if row is not None:
                return Added(int(row[0]), created=False)
            if relation_id is not None and self.conn.execute(
                "SELECT 1 FROM relations WHERE id = ?", (relation_id,)
            ).fetchone():
                relation_id = None  # the old id went to another relation meanwhile: take a new one
            cursor = self.conn.execute(
                "INSERT INTO relations(id, statement, annotator, head, tail, label) VALUES (?, ?, ?, ?, ?, ?)",
                (relation_id, h.statement, aid, head, tail, label),
            )
            return Added(int(cursor.lastrowid or 0), created=True)

    def delete_relation(self, relation_id: int) -> StoredRelation | None:
        """Remove a relation; returns it for undo (None if it was already gone)."""
        with self.atomic():
            row = self.conn.execute(
                "SELECT r.id, r.statement, a.name, r.head, r.tail, r.label FROM relations r"
                " JOIN annotators a ON a.id = r.annotator WHERE r.id = ?",
                (relation_id,),
            ).fetchone()
            if row is None:
                return None
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
            return StoredRelation(*row)

    def set_status(self, *, statement: int, annotator: str, status: str) -> str:
        """Set the annotator's status of a statement; returns the previous one (equal: nothing changed)."""
        self._refuse(status_problem(status))
        with self.atomic():
            self._statement_text(statement)
            previous = self.status(statement, annotator).status
            if previous == status:
                return previous
            aid = self.annotator_id(annotator)
            self.conn.execute(
                "INSERT INTO statement_status(statement, annotator, status, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE"
                " SET status = excluded.status, updated_at = excluded.updated_at",
                (statement, aid, status, now()),
            )
            return previous

    def set_note(self, *, statement: int, annotator: str, note: str) -> str:
        """Set the annotator's note on a statement; returns the previous one (equal: nothing changed)."""
        with self.atomic():
            self._statement_text(statement)
            previous = self.status(statement, annotator).note
            if previous == note:
                return previous
            aid = self.annotator_id(annotator)
            self.conn.execute(
                "INSERT INTO statement_status(statement, annotator, note, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE"
                " SET note = excluded.note, updated_at = excluded.updated_at",
                (statement, aid, note, now()),
            )
            return previous

    def add_seconds(self, *, statement: int, annotator: str, seconds: float) -> None:
        """Add time spent on a statement (recorded by the GUI as the annotator works)."""
        self._refuse(seconds_problem(seconds))
        if seconds == 0:
            return
        with self.atomic():
            aid = self.annotator_id(annotator)
            self.conn.execute(
                "INSERT INTO statement_status(statement, annotator, seconds, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET seconds = seconds + excluded.seconds",
                (statement, aid, seconds, now()),
            )

    def first_open_statement(self, annotator: str, *, after: int = 0) -> int | None:
        """The first statement after seq `after` that the annotator has not marked done."""
        aid = self.annotator_id(annotator, create=False)
        row = self.conn.execute(
            "SELECT s.seq FROM statements s WHERE s.seq > ? AND NOT EXISTS ("
            " SELECT 1 FROM statement_status st WHERE st.statement = s.seq"
            " AND st.annotator = ? AND st.status = 'done') ORDER BY s.seq LIMIT 1",
            (after, aid),
        ).fetchone()
        return None if row is None else int(row[0])

    def done_count(self, annotator: str) -> int:
        aid = self.annotator_id(annotator, create=False)
        row = self.conn.execute(
            "SELECT count(*) FROM statement_status WHERE annotator = ? AND status = 'done'", (aid,)
        ).fetchone()
        return int(row[0])

    def label_counts(self, annotator: str) -> dict[str, int]:
        """How many spans `annotator` has of each label of the schema (zeros included)."""
        counts = dict.fromkeys(self.schema.label_names, 0)
        aid = self.annotator_id(annotator, create=False)
        if aid is None:
            return counts
        for label, count in self.conn.execute(
            "SELECT label, count(*) FROM spans WHERE annotator = ? GROUP BY label", (aid,)
        ):
            counts[label] = int(count)
        return counts

    # ------------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        """Counts for `stats`: statements, spans, per annotator and per label."""
        annotators = []
        for name, aid in self.conn.execute("SELECT name, id FROM annotators ORDER BY name").fetchall():
            counts = dict(
                self.conn.execute(
                    "SELECT status, count(*) FROM statement_status WHERE annotator = ? GROUP BY status",
                    (aid,),
                ).fetchall()
            )
            spans, seconds = self.conn.execute(
                "SELECT (SELECT count(*) FROM spans WHERE annotator = ?),"
                " (SELECT coalesce(sum(seconds), 0) FROM statement_status WHERE annotator = ?)",
                (aid, aid),
            ).fetchone()
            annotators.append(
                {
                    "name": name,
                    "done": counts.get("done", 0),
                    "skipped": counts.get("skipped", 0),
                    "spans": spans,
                    "relations": self.conn.execute(
                        "SELECT count(*) FROM relations WHERE annotator = ?", (aid,)
                    ).fetchone()[0],
                    "seconds": round(float(seconds), 1),
                }
            )
        per_label = dict(self.conn.execute("SELECT label, count(*) FROM spans GROUP BY label").fetchall())
        return {
            "project": self.name,
            "statements": self.statement_count(),
            "spans": self.conn.execute("SELECT count(*) FROM spans").fetchone()[0],
            "relations": self.conn.execute("SELECT count(*) FROM relations").fetchone()[0],
            "annotators": annotators,
            "labels": {name: per_label.get(name, 0) for name in self.schema.label_names},
            "seconds": round(sum(a["seconds"] for a in annotators), 1),
        }
