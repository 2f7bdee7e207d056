"""Streaming import of records into a project: one transaction per file, all or nothing."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from core.errors import InputError
from core.formats.report import OTHER_META, Losses
from core.ids import hash_and_id
from core.model import ItemLines, Record
from core.validate import RecordValidator
from store import record_times
from store.project import Project, now

# Records stored per batch (a few executemany each); bounds memory, not atomicity.
BATCH = 5000
# Annotated records hold spans too: a batch closes after this many of them.
ANNOTATED_BATCH = 2000
# Allocations between young-generation collections during an import (Python's default is 700).
IMPORT_GC_THRESHOLD = 50_000
# Distinct attribute combinations whose JSON is remembered during one import.
ATTRS_CACHE = 1024
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
    # What the reader left out or kept elsewhere (core/formats/report.py).
    losses: Losses = field(default_factory=Losses)


class _Importer:
    """Stores checked records in batches, keeping file order.

    A batch is resolved with a few set-based statements (existing statements looked
    up through json_each, new ones inserted with one executemany, then statuses,
    spans and relations each with one executemany) instead of several queries per
    record, which is what a large import's time went to.
    """

    def __init__(self, project: Project, validator: RecordValidator, report: ImportReport) -> None:
        self.project = project
        self.conn = project.conn
        self.validator = validator
        self.report = report
        # (line, record, text hash, derived id), in file order.
        self.pending: list[tuple[int, Record, int, str]] = []
        self.annotated_count = 0
        self.schema_written = validator.schema
        self._attrs_json: dict[tuple[tuple[str, str], ...], str] = {}
        # Records changed other than by new rows (store/record_times.py), set by import_records.
        self.changes = record_times.BulkChanges()

    def attrs_json(self, attrs: dict[str, str]) -> str:
        """Attributes as stored; the few combinations a file uses are encoded once."""
        key = tuple(attrs.items())
        encoded = self._attrs_json.get(key)
        if encoded is None:
            encoded = json.dumps(attrs, ensure_ascii=False)
            if len(self._attrs_json) < ATTRS_CACHE:
                self._attrs_json[key] = encoded
        return encoded

    def add(self, record: Record, line: int) -> None:
        text_hash, derived = hash_and_id(record.text)
        self.pending.append((line, record, text_hash, derived))
        if record.annotator is not None:
            self.annotated_count += 1
        if len(self.pending) >= BATCH or self.annotated_count >= ANNOTATED_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        self.annotated_count = 0
        if self.validator.schema is not self.schema_written:
            self.project._write_schema(self.validator.schema)
            self.schema_written = self.validator.schema
        seqs = self._statements(batch)
        annotated = [(seq, rec) for seq, (_, rec, _, _) in zip(seqs, batch, strict=True) if rec.annotator is not None]
        if annotated:
            self._annotations(annotated)

    def _statements(self, batch: list[tuple[int, Record, int, str]]) -> list[int | None]:
        """The seq of each record's statement (inserting new ones in order); None for a repeat we skip."""
        ids = json.dumps(sorted({rec.id for _, rec, _, _ in batch if rec.id is not None}))
        by_id: dict[str, tuple[int | str, str]] = {}
        # The meta of each statement a record may land on: stored (JSON text, or None) by seq,
        # or made by an earlier record of this batch by id.
        metas: dict[int | str, Any] = {}
        for sid, seq, text, meta in self.conn.execute(
            "SELECT s.id, s.seq, s.text, s.meta FROM json_each(?) j JOIN statements s ON s.id = j.value", (ids,)
        ):
            by_id[sid] = (seq, text)
            metas[seq] = meta
        hashes = json.dumps(sorted({h for _, rec, h, _ in batch if rec.id is None}))
        by_text: dict[tuple[int, str], int | str] = {}
        for h, text, seq, meta in self.conn.execute(
            "SELECT s.hash, s.text, s.seq, s.meta FROM json_each(?) j JOIN statements s ON s.hash = j.value", (hashes,)
        ):
            by_text[(h, text)] = seq
            metas[seq] = meta
        # Each record's statement: a seq already stored, or the id of a row inserted below.
        keys: list[int | str] = []
        new: list[tuple[str, str, int, str | None]] = []
        # Each new id with the line that asked for it, to name it if the id is taken.
        new_ids: dict[str, int] = {}
        for line, rec, text_hash, derived in batch:
            if rec.id is not None:
                known = by_id.get(rec.id)
                if known is not None:
                    if known[1] != rec.text:
                        raise InputError(
                            self.report.file, line,
                            f"statement {rec.id!r} is already in the project with a different text",
                        )
                    keys.append(known[0])
                    if rec.meta:
                        self._other_meta(rec, line, metas[known[0]])
                    continue
                sid = rec.id
            else:
                seq = by_text.get((text_hash, rec.text))
                if seq is not None:
                    keys.append(seq)
                    if rec.meta:
                        self._other_meta(rec, line, metas[seq])
                    continue
                sid = derived
            keys.append(sid)
            if sid in new_ids:
                if rec.meta:
                    self._other_meta(rec, line, metas[sid])
            else:
                metas[sid] = rec.meta
                new_ids[sid] = line
                new.append((sid, rec.text, text_hash, json.dumps(rec.meta, ensure_ascii=False) if rec.meta else None))
            # Later records of this batch find it as if stored.
            if rec.id is not None:
                by_id[sid] = (sid, rec.text)
                by_text.setdefault((text_hash, rec.text), sid)
            else:
                by_text[(text_hash, rec.text)] = sid
        if not new:
            return [k if isinstance(k, int) else None for k in keys]
        self.report.statements_added += self.conn.executemany(
            "INSERT INTO statements(id, text, hash, meta) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING", new
        ).rowcount
        wanted = {sid: text for sid, text, _, _ in new}
        inserted: dict[str, int] = {}
        for sid, seq, text in self.conn.execute(
            "SELECT s.id, s.seq, s.text FROM json_each(?) j JOIN statements s ON s.id = j.value",
            (json.dumps(sorted(new_ids)),),
        ):
            if text != wanted[sid]:
                # Only a derived id can get here (a given one was looked up above): another
                # statement holds it, from a file made before ids of that form were reserved
                # (core.rules.statement_id_problem) or by a 64-bit hash collision. Its
                # annotations must not land on that other text.
                raise InputError(
                    self.report.file, new_ids[sid],
                    f"the id derived from this text ({sid}) is already the id of another statement; "
                    "give this record an id of its own",
                )
            inserted[sid] = seq
        return [key if isinstance(key, int) else inserted[key] for key in keys]

    def _other_meta(self, rec: Record, line: int, stored: Any) -> None:
        """A record's meta for a statement already there is not merged into it (the statement's
        meta is the coordinator's, set when it first comes in): when it differs, that is a loss."""
        if isinstance(stored, str):
            stored = json.loads(stored)
        if rec.meta != (stored or {}):
            self.report.losses.add(OTHER_META, self.report.file, line)

    def _annotations(self, records: list[tuple[int | None, Record]]) -> None:
        stamp = now()
        statuses = []
        spans: list[tuple[int, int, str, int, int, str, str | None]] = []
        # Each relation as (statement, annotator, label, head's index in `spans`, tail's index).
        relations: list[tuple[int, int, str, int, int]] = []
        attrs_json = self.attrs_json
        for seq, rec in records:
            if seq is None:
                continue
            assert rec.annotator is not None
            aid = self.project.annotator_id(rec.annotator)
            assert aid is not None
            statuses.append((seq, aid, rec.status, rec.note, rec.seconds, stamp))
            index = {}
            for span in rec.spans:
                index[span.id] = len(spans)
                spans.append((seq, aid, span.label, span.start, span.end, span.text,
                              attrs_json(span.attrs) if span.attrs else None))
            for rel in rec.relations:
                relations.append((seq, aid, rel.label, index[rel.head], index[rel.tail]))
        self.conn.executemany(
            "INSERT INTO statement_status(statement, annotator, status, note, seconds, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
            " status = excluded.status,"
            " note = CASE WHEN excluded.note != '' THEN excluded.note ELSE note END,"
            " seconds = max(seconds, excluded.seconds),"
            # The bulk form of the rule of store/record_times.py: a changed record is newer.
            # (Records that get spans or relations get their time when the import ends.)
            " updated_at = CASE WHEN status IS NOT excluded.status"
            " OR (excluded.note != '' AND note IS NOT excluded.note) OR excluded.seconds > seconds"
            " THEN excluded.updated_at ELSE updated_at END",
            statuses,
        )
        last = self.conn.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]
        added = 0
        if spans:
            # A span already there keeps its id (and gets the file's attributes, below).
            self.conn.executemany(
                "INSERT OR IGNORE INTO spans(statement, annotator, label, start, end, text, attrs)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                spans,
            )
            added = self.conn.execute("SELECT count(*) FROM spans WHERE id > ?", (last,)).fetchone()[0]
            self.report.spans_added += added
            if added < len(spans):
                self._replace_attrs(spans)
        if not relations:
            return
        if added == len(spans):
            # Every span was new, so each got the next id in turn: no lookups needed.
            self.report.relations_added += self.conn.executemany(
                "INSERT OR IGNORE INTO relations(statement, annotator, head, tail, label) VALUES (?, ?, ?, ?, ?)",
                [(seq, aid, last + 1 + head, last + 1 + tail, label) for seq, aid, label, head, tail in relations],
            ).rowcount
            return
        self.report.relations_added += self.conn.executemany(
            "INSERT OR IGNORE INTO relations(statement, annotator, head, tail, label)"
            " SELECT ?, ?, h.id, t.id, ? FROM spans h, spans t"
            " WHERE h.statement = ? AND h.annotator = ? AND h.start = ? AND h.end = ? AND h.label = ?"
            " AND t.statement = ? AND t.annotator = ? AND t.start = ? AND t.end = ? AND t.label = ?",
            [
                (seq, aid, label, *spans[head][:2], *spans[head][3:5], spans[head][2],
                 *spans[tail][:2], *spans[tail][3:5], spans[tail][2])
                for seq, aid, label, head, tail in relations
            ],
        ).rowcount


    def _replace_attrs(self, spans: list[tuple[int, int, str, int, int, str, str | None]]) -> None:
        """Attributes given in the file replace those of spans that were already there (a re-import)."""
        for seq, aid, label, start, end, _text, attrs in spans:
            if attrs is not None and self.conn.execute(
                "UPDATE spans SET attrs = ? WHERE statement = ? AND annotator = ? AND start = ? AND end = ?"
                " AND label = ? AND attrs IS NOT ?",
                (attrs, seq, aid, start, end, label, attrs),
            ).rowcount:
                self.changes.changed(seq, aid)


def import_records(
    project: Project,
    records: Iterable[tuple[int, Record]],
    *,
    file: str,
    annotator: str | None = None,
    add_labels: bool = False,
    progress: Callable[[int], None] | None = None,
    losses: Losses | None = None,
    lines: ItemLines | None = None,
) -> ImportReport:
    """Validate and store every record of one file, or nothing if any record is bad.

    `records` is consumed lazily (memory does not grow with the file); `progress`
    is called now and then with the number of records read so far. `losses` is the
    counter the reader of `records` reports to; the report keeps it. `lines`, for a file
    of one record (a brat document), is the line of each of its spans and relations.
    """
    validator = RecordValidator(
        project.schema, file=file, default_annotator=annotator, add_labels=add_labels
    )
    report = ImportReport(file=file, losses=losses if losses is not None else Losses())
    importer = _Importer(project, validator, report)
    # A large import inserts into two indexes at random places; a bigger page cache
    # (64 MB, only for this call) keeps their pages in memory (bench/import_export.py).
    cache_size = project.conn.execute("PRAGMA cache_size").fetchone()[0]
    project.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    # Every record is a few dicts and dataclasses that live until their batch is
    # stored, so the cyclic collector would run over and over finding nothing to
    # free (5-10% of a large import); it runs less often until this call returns.
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], IMPORT_GC_THRESHOLD), *thresholds[1:])
    try:
        with project.atomic(), record_times.bulk_writes(project.conn) as importer.changes:
            _import_all(project, records, validator, importer, report, progress, lines)
    finally:
        gc.set_threshold(*thresholds)
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
    lines: ItemLines | None = None,
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
            record = validator.check(raw, line, lines)
        report.records += 1
        importer.add(record, line)
        if progress is not None and report.records % 1000 == 0:
            progress(report.records)
    importer.flush()
    if validator.schema is not importer.schema_written:
        project._write_schema(validator.schema)
