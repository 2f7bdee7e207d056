"""Streaming import of records into a project: one transaction per file, all or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.errors import InputError
from core.ids import hash_and_id
from core.model import Record
from core.validate import RecordValidator
from store.project import Project, now

# Rows of bare statements written per executemany; bounds memory, not atomicity.
BATCH = 5000
# Page cache during an import, in KiB as PRAGMA cache_size takes it when negative.
IMPORT_CACHE_KIB = -65536


@dataclass(slots=True)
class ImportReport:
    file: str
    records: int = 0
    statements_added: int = 0
    spans_added: int = 0
    relations_added: int = 0
    labels_added: tuple[str, ...] = ()


class _Importer:
    def __init__(self, project: Project, validator: RecordValidator, report: ImportReport) -> None:
        self.project = project
        self.conn = project.conn
        self.validator = validator
        self.report = report
        self.pending: list[tuple[int, str, str, str | None]] = []
        self.schema_written = validator.schema

    def bare(self, record: Record) -> None:
        """A statement without annotations and without an id: batched."""
        text_hash, sid = hash_and_id(record.text)
        meta = json.dumps(record.meta, ensure_ascii=False) if record.meta else None
        self.pending.append((text_hash, sid, record.text, meta))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Store the pending bare statements that are new, in file order."""
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        first: dict[str, tuple[int, str, str, str | None]] = {}
        for row in rows:
            first.setdefault(row[1], row)  # the id derives from the text: a repeat within the batch
        # Same text already stored (under any id) means the same statement. One lookup
        # per batch, not a subquery per row.
        hashes = json.dumps(sorted({row[0] for row in first.values()}))
        stored = set(
            self.conn.execute(
                "SELECT s.hash, s.text FROM json_each(?) j JOIN statements s ON s.hash = j.value", (hashes,)
            )
        )
        new = [(sid, text, text_hash, meta) for text_hash, sid, text, meta in first.values()
               if (text_hash, text) not in stored]
        if new:
            self.report.statements_added += self.conn.executemany(
                "INSERT INTO statements(id, text, hash, meta) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING", new
            ).rowcount

    def statement_seq(self, record: Record, line: int) -> int:
        text_hash, derived = hash_and_id(record.text)
        if record.id is not None:
            row = self.conn.execute(
                "SELECT seq, text FROM statements WHERE id = ?", (record.id,)
            ).fetchone()
            if row is not None:
                if row[1] != record.text:
                    raise InputError(
                        self.report.file,
                        line,
                        f"statement {record.id!r} is already in the project with a different text",
                    )
                return int(row[0])
        else:
            row = self.conn.execute(
                "SELECT seq FROM statements WHERE hash = ? AND text = ? LIMIT 1",
                (text_hash, record.text),
            ).fetchone()
            if row is not None:
                return int(row[0])
        meta = json.dumps(record.meta, ensure_ascii=False) if record.meta else None
        cursor = self.conn.execute(
            "INSERT INTO statements(id, text, hash, meta) VALUES (?, ?, ?, ?)",
            (record.id if record.id is not None else derived, record.text, text_hash, meta),
        )
        self.report.statements_added += 1
        return int(cursor.lastrowid or 0)

    def annotated(self, record: Record, line: int) -> None:
        self.flush()
        if self.validator.schema is not self.schema_written:
            self.project._write_schema(self.validator.schema)
            self.schema_written = self.validator.schema
        seq = self.statement_seq(record, line)
        if record.annotator is None:
            return
        aid = self.project.annotator_id(record.annotator)
        stamp = now()
        self.conn.execute(
            "INSERT INTO statement_status(statement, annotator, status, note, seconds, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
            " status = excluded.status,"
            " note = CASE WHEN excluded.note != '' THEN excluded.note ELSE note END,"
            " seconds = max(seconds, excluded.seconds),"
            " updated_at = CASE WHEN status != excluded.status OR (excluded.note != '' AND"
            " note != excluded.note) THEN excluded.updated_at ELSE updated_at END",
            (seq, aid, record.status, record.note, record.seconds, stamp),
        )
        span_ids: dict[str, int] = {}
        for span in record.spans:
            attrs = json.dumps(span.attrs, ensure_ascii=False) if span.attrs else None
            cursor = self.conn.execute(
                "INSERT INTO spans(statement, annotator, label, start, end, text, attrs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (seq, aid, span.label, span.start, span.end, span.text, attrs),
            )
            if cursor.rowcount == 1:
                self.report.spans_added += 1
                span_ids[span.id] = int(cursor.lastrowid or 0)
                continue
            row = self.conn.execute(
                "SELECT id, attrs FROM spans WHERE statement = ? AND annotator = ? AND start = ?"
                " AND end = ? AND label = ?",
                (seq, aid, span.start, span.end, span.label),
            ).fetchone()
            span_ids[span.id] = int(row[0])
            if attrs is not None and row[1] != attrs:
                self.conn.execute("UPDATE spans SET attrs = ? WHERE id = ?", (attrs, row[0]))
        for rel in record.relations:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO relations(statement, annotator, head, tail, label)"
                " VALUES (?, ?, ?, ?, ?)",
                (seq, aid, span_ids[rel.head], span_ids[rel.tail], rel.label),
            )
            self.report.relations_added += cursor.rowcount


def import_records(
    project: Project,
    records: Iterable[tuple[int, Record]],
    *,
    file: str,
    annotator: str | None = None,
    add_labels: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate and store every record of one file, or nothing if any record is bad.

    `records` is consumed lazily (memory does not grow with the file); `progress`
    is called now and then with the number of records read so far.
    """
    validator = RecordValidator(
        project.schema, file=file, default_annotator=annotator, add_labels=add_labels
    )
    report = ImportReport(file=file)
    importer = _Importer(project, validator, report)
    # A large import inserts into two indexes at random places; a bigger page cache
    # (64 MB, only for this call) keeps their pages in memory (bench/import_export.py).
    cache_size = project.conn.execute("PRAGMA cache_size").fetchone()[0]
    project.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        with project.atomic():
            _import_all(project, records, validator, importer, report, progress)
    finally:
        project.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    report.labels_added = tuple(validator.added_labels)
    if progress is not None:
        progress(report.records)
    return report


def _import_all(
    project: Project,
    records: Iterable[tuple[int, Record]],
    validator: RecordValidator,
    importer: _Importer,
    report: ImportReport,
    progress: Callable[[int], None] | None,
) -> None:
    for line, raw in records:
        if (
            raw.id is None
            and raw.annotator is None
            and raw.status == "todo"
            and not (raw.spans or raw.relations or raw.note)
            and isinstance(raw.text, str)
            and raw.text.strip()
        ):
            # A bare statement (txt, csv): the validator would return it unchanged.
            record = raw
        else:
            record = validator.check(raw, line)
        report.records += 1
        if record.annotator is None and record.id is None:
            importer.bare(record)
        else:
            importer.annotated(record, line)
        if progress is not None and report.records % 1000 == 0:
            progress(report.records)
    importer.flush()
    if validator.schema is not importer.schema_written:
        project._write_schema(validator.schema)
