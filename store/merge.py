"""Merging annotators' project files into a review project: all or nothing.

Each source file is ATTACHed read-only and merged with set-based SQL (a few
INSERT ... SELECT over the attached tables), never row by row in Python. The
unit of work compared and copied is a *record*: one statement as one annotator
left it (status, note, spans with their attributes, relations).

- Statements are matched by id; one missing from the review is added with its
  id, text and meta. The same id with another text is an error.
- A record whose annotator has no record of that statement in the review is
  copied, spans getting new ids (relations follow them).
- A record that is already in the review unchanged adds nothing, so merging a
  file twice is harmless.
- A record that differs from the review's record of the same statement and
  annotator is a conflict. Unless `prefer="newer"`, conflicts are reported
  (annotator and statement ids) and nothing at all is merged; with it, the
  record with the later `updated_at` wins whole (the review's on a tie).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.errors import BayanError, InputError
from core.schema import Label, attributes_json
from store.checks import first_problem
from store.checks import register as register_rules
from store.files import probe, read_only_uris, unreadable
from store.migrations import APPLICATION_ID, LATEST_VERSION
from store.project import Project, read_schema

PREFER_CHOICES = ("newer",)
# The oldest file format merge reads as a source: the tables it reads (statements, labels,
# relation_types, annotators, statement_status, spans, relations) are those of migration 1,
# so an annotator's file from an older Bayan merges without being migrated (it is only read).
# A migration that changes one of those tables must raise this.
OLDEST_SOURCE_VERSION = 1
# Conflicting statement ids named per annotator in the message (all are on the exception).
SHOWN_CONFLICTS = 10

# `src.` in the queries below names the attached source file being merged.
_SOURCE = re.compile(r"\bsrc\.")
# Record states in temp.merge_records.
_NEW, _SAME, _CONFLICT, _REPLACE, _KEEP = 0, 1, 2, 3, 4


@dataclass(slots=True)
class MergeReport:
    """What merging one source file added to the review project."""

    file: str
    annotators: tuple[str, ...] = ()
    records: int = 0
    statements_added: int = 0
    records_added: int = 0
    records_replaced: int = 0
    records_unchanged: int = 0
    records_kept: int = 0
    spans_added: int = 0
    relations_added: int = 0
    labels_added: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """One annotator whose records differ between the review (so far) and `file`."""

    file: str
    annotator: str
    statements: tuple[str, ...]


class MergeConflict(BayanError):
    """Records that differ for the same annotator; nothing was merged."""

    def __init__(self, review: str, conflicts: Sequence[Conflict]) -> None:
        self.review = review
        self.conflicts = tuple(conflicts)
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        for c in self.conflicts:
            shown = ", ".join(c.statements[:SHOWN_CONFLICTS])
            more = f" and {len(c.statements) - SHOWN_CONFLICTS} more" if len(c.statements) > SHOWN_CONFLICTS else ""
            parts.append(
                f"{c.file}: annotator {c.annotator!r} has different work than in {self.review} "
                f"on {len(c.statements)} statement(s): {shown}{more}"
            )
        return (
            "; ".join(parts)
            + "; nothing was merged (use --prefer newer to keep the more recently changed record)"
        )


def _attach(conn: sqlite3.Connection, path: Path, alias: str) -> str:
    """ATTACH `path` read-only as `alias` (read-only media included); returns the alias.

    Sources are only ever read: a read-only URI (every connection of ours takes URIs,
    store/files.py) cannot write them, not even a checkpoint of their WAL.
    """
    last: sqlite3.Error | None = None
    for address in read_only_uris(path):
        try:
            conn.execute("ATTACH DATABASE ? AS " + alias, (address,))
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            # The first read opens its WAL and -shm: fail here, while another URI may still work.
            conn.execute(f"SELECT count(*) FROM {alias}.sqlite_schema").fetchone()
        except sqlite3.Error as exc:
            last = exc
            conn.execute(f"DETACH DATABASE {alias}")
            continue
        attached = conn.execute("SELECT file FROM pragma_database_list WHERE name = ?", (alias,)).fetchone()
        if attached is None or not attached[0] or not os.path.samefile(attached[0], path):
            conn.execute(f"DETACH DATABASE {alias}")
            raise InputError(str(path), None, "could not be attached for reading")
        return alias
    assert last is not None
    raise unreadable(path, last)


class _Merger:
    def __init__(
        self,
        review: Project,
        *,
        prefer: str | None,
        add_labels: bool,
        progress: Callable[[str], None] | None,
    ) -> None:
        self.review = review
        self.conn = review.conn
        self.prefer = prefer
        self.add_labels = add_labels
        self.progress = progress
        self.conflicts: list[Conflict] = []
        self.alias = "src"

    def sql(self, query: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run `query` with `src.` naming the source file being merged."""
        return self.conn.execute(_SOURCE.sub(self.alias + ".", query), params)

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    # ------------------------------------------------------------- checks

    def check_source(self, file: str) -> None:
        """The attached file is a Bayan project of this version, and intact."""
        try:
            app_id = self.sql("PRAGMA src.application_id").fetchone()[0]
            version = self.sql("PRAGMA src.user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InputError(file, None, f"not a Bayan project ({exc})") from None
        if app_id != APPLICATION_ID:
            raise InputError(file, None, "not a Bayan project (an SQLite file of another program)")
        if version > LATEST_VERSION:
            raise InputError(file, None, f"made by a newer version of Bayan (file format {version}); update Bayan")
        if version < OLDEST_SOURCE_VERSION:
            raise InputError(
                file, None, f"made by an older version of Bayan (file format {version}); open it once to update it"
            )
        rows = self.sql("PRAGMA src.quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise InputError(file, None, f"damaged (integrity check: {rows[0][0]})")

    def merge_schema(self, file: str, report: MergeReport) -> None:
        """Refuse a source whose labels or relation types the review lacks (unless add_labels)."""
        ours = self.review.schema
        theirs = read_schema(self.conn, self.alias, file)
        labels = list(ours.labels)
        added: list[str] = []
        widened: list[Label] = []
        keys = {lab.key for lab in ours.labels if lab.key}
        missing_parts: list[str] = []
        for label in theirs.labels:
            mine = ours.label(label.name)
            if mine is None:
                missing_parts.append(f"label {label.name}")
                key = label.key if label.key not in keys else ""
                keys.add(key)
                labels.append(replace(label, key=key))
                added.append(label.name)
                continue
            attributes = list(mine.attributes)
            changed = False
            for attribute in label.attributes:
                known = mine.attribute(attribute.name)
                missing = [v for v in attribute.values if known is None or v not in known.values]
                if not missing:
                    continue
                missing_parts.append(f"{label.name} {attribute.name} value(s) {', '.join(missing)}")
                changed = True
                if known is None:
                    attributes.append(attribute)
                else:
                    attributes[attributes.index(known)] = replace(known, values=known.values + tuple(missing))
            if changed:
                widened.append(replace(mine, attributes=tuple(attributes)))
        relations = list(ours.relations)
        for rel in theirs.relations:
            mine_rel = ours.relation(rel.name)
            if mine_rel is None:
                missing_parts.append(f"relation {rel.name}")
                relations.append(rel)
                added.append(rel.name)
            elif not set(rel.pairs) <= set(mine_rel.pairs):
                # Another pair is another meaning of the type: refused even with --add-labels.
                # Fewer pairs than the review's are fine: each of its relations fits ours.
                raise InputError(
                    file,
                    None,
                    f"relation {rel.name} goes from {rel.ends()} here but from {mine_rel.ends()} in the review project",
                )
        if missing_parts and not self.add_labels:
            raise InputError(
                file,
                None,
                f"{'; '.join(missing_parts)}: not in the review project's schema (use --add-labels to add)",
            )
        if added:
            self.review._write_schema(replace(ours, labels=tuple(labels), relations=tuple(relations)))
        for label in widened:
            self.sql(
                "UPDATE main.labels SET attributes = ? WHERE name = ?",
                (json.dumps(attributes_json(label.attributes), ensure_ascii=False), label.name),
            )
        if widened:
            self.review._schema = None
        report.labels_added = tuple(added)

    # ---------------------------------------------------------- statements

    def merge_statements(self, file: str, report: MergeReport) -> None:
        clash = [
            r[0]
            for r in self.sql(
                "SELECT s.id FROM src.statements s JOIN main.statements m ON m.id = s.id"
                " WHERE m.text != s.text ORDER BY s.seq LIMIT ?",
                (SHOWN_CONFLICTS + 1,),
            )
        ]
        if clash:
            shown = ", ".join(clash[:SHOWN_CONFLICTS]) + (" and more" if len(clash) > SHOWN_CONFLICTS else "")
            raise InputError(
                file, None, f"statement(s) {shown} have a different text than in the review project"
            )
        before = self.conn.total_changes
        self.sql(
            "INSERT INTO main.statements(id, text, hash, meta)"
            " SELECT s.id, s.text, bayan_text_hash(s.text), s.meta FROM src.statements s"
            " WHERE NOT EXISTS (SELECT 1 FROM main.statements m WHERE m.id = s.id) ORDER BY s.seq"
        )
        report.statements_added = self.conn.total_changes - before

    # ------------------------------------------------------------- records

    def map_records(self, report: MergeReport) -> None:
        """temp.merge_records: each source record with its statement and annotator in the review."""
        self.sql("DELETE FROM temp.merge_annotators")
        self.sql("DELETE FROM temp.merge_records")
        names: list[str] = []
        for src_id, name in self.sql("SELECT id, name FROM src.annotators ORDER BY name").fetchall():
            dst_id = self.review.annotator_id(name)
            self.sql("INSERT INTO temp.merge_annotators(src, dst, name) VALUES (?, ?, ?)", (src_id, dst_id, name))
            names.append(name)
        report.annotators = tuple(names)
        # Spans always come with a status row; the UNION also covers a file where they do not.
        self.sql(
            "INSERT INTO temp.merge_records(src_stmt, src_ann, dst_stmt, dst_ann, updated_at, state)"
            " SELECT r.statement, r.annotator, m.seq, a.dst, max(r.updated_at), ?"
            " FROM (SELECT statement, annotator, updated_at FROM src.statement_status"
            "       UNION ALL SELECT DISTINCT statement, annotator, '' FROM src.spans) r"
            " JOIN src.statements s ON s.seq = r.statement"
            " JOIN main.statements m ON m.id = s.id"
            " JOIN temp.merge_annotators a ON a.src = r.annotator"
            " GROUP BY r.statement, r.annotator",
            (_NEW,),
        )
        report.records = self.sql("SELECT count(*) FROM temp.merge_records").fetchone()[0]
        self.sql(
            "UPDATE temp.merge_records SET state = ? WHERE"
            " EXISTS (SELECT 1 FROM main.statement_status m WHERE m.statement = dst_stmt AND m.annotator = dst_ann)"
            " OR EXISTS (SELECT 1 FROM main.spans m WHERE m.statement = dst_stmt AND m.annotator = dst_ann)",
            (_SAME,),
        )

    def find_differences(self) -> int:
        """Mark the records present on both sides whose content differs; returns how many."""
        if not self.sql("SELECT 1 FROM temp.merge_records WHERE state = ? LIMIT 1", (_SAME,)).fetchone():
            return 0
        self.sql("DELETE FROM temp.merge_differ")
        both = "FROM temp.merge_records p {join} WHERE p.state = " + str(_SAME)
        src_spans = both.format(join="JOIN src.spans x ON x.statement = p.src_stmt AND x.annotator = p.src_ann")
        dst_spans = both.format(join="JOIN main.spans x ON x.statement = p.dst_stmt AND x.annotator = p.dst_ann")
        span_cols = "SELECT p.dst_stmt, p.dst_ann, x.label, x.start, x.end, coalesce(x.attrs, '') "
        rel_cols = (
            "SELECT p.dst_stmt, p.dst_ann, h.label, h.start, h.end, t.label, t.start, t.end, x.label "
        )
        src_rels = both.format(
            join="JOIN src.relations x ON x.statement = p.src_stmt AND x.annotator = p.src_ann"
            " JOIN src.spans h ON h.id = x.head JOIN src.spans t ON t.id = x.tail"
        )
        dst_rels = both.format(
            join="JOIN main.relations x ON x.statement = p.dst_stmt AND x.annotator = p.dst_ann"
            " JOIN main.spans h ON h.id = x.head JOIN main.spans t ON t.id = x.tail"
        )
        status_cols = "SELECT p.dst_stmt, p.dst_ann, coalesce(x.status, 'todo'), coalesce(x.note, '') "
        src_status = both.format(
            join="LEFT JOIN src.statement_status x ON x.statement = p.src_stmt AND x.annotator = p.src_ann"
        )
        dst_status = both.format(
            join="LEFT JOIN main.statement_status x ON x.statement = p.dst_stmt AND x.annotator = p.dst_ann"
        )
        for cols, one, other in (
            (span_cols, src_spans, dst_spans),
            (span_cols, dst_spans, src_spans),
            (rel_cols, src_rels, dst_rels),
            (rel_cols, dst_rels, src_rels),
            (status_cols, src_status, dst_status),
        ):
            self.sql(
                "INSERT OR IGNORE INTO temp.merge_differ(dst_stmt, dst_ann)"
                f" SELECT DISTINCT d.dst_stmt, d.dst_ann FROM ({cols}{one} EXCEPT {cols}{other}) d"
            )
        return self.sql(
            "UPDATE temp.merge_records SET state = ? WHERE state = ? AND EXISTS"
            " (SELECT 1 FROM temp.merge_differ d WHERE d.dst_stmt = merge_records.dst_stmt"
            " AND d.dst_ann = merge_records.dst_ann)",
            (_CONFLICT, _SAME),
        ).rowcount

    def record_conflicts(self, file: str) -> None:
        by_annotator: dict[str, list[str]] = {}
        for name, sid in self.sql(
            "SELECT a.name, s.id FROM temp.merge_records p JOIN temp.merge_annotators a ON a.dst = p.dst_ann"
            " JOIN main.statements s ON s.seq = p.dst_stmt WHERE p.state = ? ORDER BY a.name, p.dst_stmt",
            (_CONFLICT,),
        ):
            by_annotator.setdefault(name, []).append(sid)
        for name, ids in by_annotator.items():
            self.conflicts.append(Conflict(file, name, tuple(ids)))

    def resolve_newer(self, report: MergeReport) -> None:
        """The later-updated record wins; the review's loses only to a strictly newer one."""
        self.sql(
            "UPDATE temp.merge_records SET state = CASE WHEN updated_at >"
            " coalesce((SELECT m.updated_at FROM main.statement_status m"
            "           WHERE m.statement = dst_stmt AND m.annotator = dst_ann), '')"
            " THEN ? ELSE ? END WHERE state = ?",
            (_REPLACE, _KEEP, _CONFLICT),
        )
        replaced = f"(SELECT dst_stmt, dst_ann FROM temp.merge_records WHERE state = {_REPLACE})"
        for table in ("relations", "spans", "statement_status"):
            self.sql(f"DELETE FROM main.{table} WHERE (statement, annotator) IN {replaced}")
        report.records_replaced = self.sql(
            "UPDATE temp.merge_records SET state = ? WHERE state = ?", (_NEW, _REPLACE)
        ).rowcount

    def copy_records(self, report: MergeReport) -> None:
        new = (
            "FROM temp.merge_records p JOIN src.{table} x ON x.statement = p.src_stmt AND x.annotator = p.src_ann"
            " WHERE p.state = " + str(_NEW)
        )
        self.sql(
            "INSERT INTO main.statement_status(statement, annotator, status, note, seconds, updated_at)"
            " SELECT p.dst_stmt, p.dst_ann, x.status, x.note, x.seconds, x.updated_at "
            + new.format(table="statement_status")
        )
        report.records_added = self.sql(
            "SELECT count(*) FROM temp.merge_records WHERE state = ?", (_NEW,)
        ).fetchone()[0] - report.records_replaced
        # Span ids move past the review's largest, all by one offset, so relations follow by arithmetic.
        offset = self.sql("SELECT coalesce(max(id), 0) FROM main.spans").fetchone()[0]
        low = self.sql("SELECT coalesce(min(id), 1) FROM src.spans").fetchone()[0]
        shift = offset - low + 1
        report.spans_added = self.sql(
            "INSERT INTO main.spans(id, statement, annotator, label, start, end, text, attrs)"
            " SELECT x.id + ?, p.dst_stmt, p.dst_ann, x.label, x.start, x.end, x.text, x.attrs "
            + new.format(table="spans")
            + " ORDER BY x.id",
            (shift,),
        ).rowcount
        report.relations_added = self.sql(
            "INSERT INTO main.relations(statement, annotator, head, tail, label)"
            " SELECT p.dst_stmt, p.dst_ann, x.head + ?, x.tail + ?, x.label "
            + new.format(table="relations")
            + " ORDER BY x.id",
            (shift, shift),
        ).rowcount
        # A copied record keeps its own change time (the file's), which the connection's triggers
        # (store/record_times.py) moved to now as its spans and relations went in: `--prefer newer` and sync compare it.
        self.sql(
            "UPDATE main.statement_status SET updated_at = p.updated_at FROM temp.merge_records p"
            " WHERE p.state = ? AND p.updated_at != '' AND statement = p.dst_stmt AND annotator = p.dst_ann",
            (_NEW,),
        )
        counts = dict(
            self.sql("SELECT state, count(*) FROM temp.merge_records GROUP BY state").fetchall()
        )
        report.records_unchanged = counts.get(_SAME, 0)
        report.records_kept = counts.get(_KEEP, 0)

    # ---------------------------------------------------------------- one file

    def merge_one(self, file: str) -> MergeReport:
        report = MergeReport(file=file)
        self.check_source(file)
        self.say(f"{file}: schema")
        self.merge_schema(file, report)
        self.say(f"{file}: checking records")
        # The same rules as an import, over every row of the source, before anything is copied.
        register_rules(self.conn, self.review.schema)
        problem = first_problem(self.sql)
        if problem is not None:
            raise InputError(file, None, problem)
        self.say(f"{file}: statements")
        self.merge_statements(file, report)
        self.say(f"{file}: comparing records")
        self.map_records(report)
        if self.find_differences():
            if self.prefer is None:
                self.record_conflicts(file)
                return report
            self.resolve_newer(report)
        if self.conflicts:
            # Nothing will be merged; copying more would only cost time.
            return report
        self.say(f"{file}: copying records")
        self.copy_records(report)
        return report


_TEMP_TABLES = (
    "CREATE TEMP TABLE merge_annotators (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, name TEXT NOT NULL)",
    "CREATE TEMP TABLE merge_records (src_stmt INTEGER NOT NULL, src_ann INTEGER NOT NULL,"
    " dst_stmt INTEGER NOT NULL, dst_ann INTEGER NOT NULL, updated_at TEXT NOT NULL, state INTEGER NOT NULL,"
    " PRIMARY KEY (src_stmt, src_ann)) WITHOUT ROWID",
    "CREATE INDEX temp.merge_records_dst ON merge_records(dst_stmt, dst_ann)",
    "CREATE TEMP TABLE merge_differ (dst_stmt INTEGER NOT NULL, dst_ann INTEGER NOT NULL,"
    " PRIMARY KEY (dst_stmt, dst_ann)) WITHOUT ROWID",
)


def merge_projects(
    review: Project,
    sources: Sequence[Path],
    *,
    prefer: str | None = None,
    add_labels: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[MergeReport]:
    """Merge every source project file into `review` in one transaction, or nothing.

    Raises InputError for an unusable source (not a project, other schema, a
    statement id with another text) and MergeConflict for differing records; in
    both cases the review project is unchanged. Sources are only read.
    """
    if prefer is not None and prefer not in PREFER_CHOICES:
        raise ValueError(f"prefer must be one of {PREFER_CHOICES}")
    paths = [Path(p) for p in sources]
    review_path = review.path.resolve()
    for path in paths:
        name = str(path)
        if not path.exists():
            raise InputError(name, None, "no such file")
        if path.is_dir():
            raise InputError(name, None, "is a folder, not a project file")
        if path.resolve() == review_path or os.path.samefile(path, review_path):
            raise InputError(name, None, "is the review project itself")
        probe(path)
    limit = review.conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)
    if len(paths) > limit:
        raise InputError(str(paths[limit]), None, f"merge at most {limit} files at once; merge the rest after")
    merger = _Merger(review, prefer=prefer, add_labels=add_labels, progress=progress)
    conn = review.conn
    reports: list[MergeReport] = []
    aliases: list[str] = []
    try:
        # ATTACH and DETACH are refused inside a transaction, so every source is attached first.
        for n, path in enumerate(paths):
            aliases.append(_attach(conn, path, f"merge_src{n}"))
        for statement in _TEMP_TABLES:
            conn.execute(statement)
        with review.atomic():
            for alias, path in zip(aliases, paths, strict=True):
                merger.alias = alias
                try:
                    reports.append(merger.merge_one(str(path)))
                except sqlite3.DatabaseError as exc:
                    if isinstance(exc, sqlite3.IntegrityError):
                        raise
                    raise InputError(str(path), None, f"cannot read it as a Bayan project ({exc})") from None
            if merger.conflicts:
                raise MergeConflict(str(review.path), merger.conflicts)
    finally:
        for table in ("merge_annotators", "merge_records", "merge_differ"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        for alias in aliases:
            conn.execute(f"DETACH DATABASE {alias}")
        review._schema = None
        review._annotator_ids.clear()
    return reports
