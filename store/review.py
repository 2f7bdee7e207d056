"""The reviewer's store operations: read every annotator's work on a statement, copy into `gold`.

A reviewer compares the annotators' records of one statement and adjudicates a `gold`
record (DESIGN.md, "Ownership": gold is the coordinator's, every other record its
annotator's). So every write here writes gold's rows and nothing else; an annotator's
spans, relations and statuses are only ever read. Each write is one transaction and says
exactly what it created, so the GUI's undo removes exactly that and a write that created
nothing can stay off the undo stack.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.errors import EditRefused
from core.model import GOLD
from store.project import Project, StatementRow, StatusRow, StoredRelation, StoredSpan

# A record nobody has started: what a lane of an annotator without one shows.
_NO_RECORD = StatusRow("todo", "", 0.0, None)


@dataclass(frozen=True, slots=True)
class Lane:
    """One annotator's record of a statement: status, spans (by start, longer first) and relations."""

    annotator: str
    status: StatusRow
    spans: tuple[StoredSpan, ...] = ()
    relations: tuple[StoredRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementReview:
    """A statement with every annotator's record of it, as one read saw them.

    `lanes` maps each annotator who has a record of the statement (and each one asked for,
    with an empty lane when they have none) to their lane; `gold` is one of them when asked
    for or when gold has a record.
    """

    statement: StatementRow
    lanes: dict[str, Lane]

    def lane(self, annotator: str) -> Lane:
        """The annotator's lane; an empty one when they have no record of this statement."""
        return self.lanes.get(annotator) or Lane(annotator, _NO_RECORD)

    def annotators(self) -> list[str]:
        """The lanes' annotators, gold first, then by name (the order the review shows them)."""
        return sorted(self.lanes, key=lambda name: (name != GOLD, name))


@dataclass(frozen=True, slots=True)
class GoldCopy:
    """What one copy into gold created: exactly these rows (undo removes them, redo restores them).

    `gold_of` maps each span asked for to the gold span that now has its start, end and label
    (created here or already there), so a caller can select it. A copy that created nothing
    (`created` is False) changed nothing.
    """

    spans: tuple[StoredSpan, ...] = ()
    relations: tuple[StoredRelation, ...] = ()
    gold_of: dict[int, int] = field(default_factory=dict)

    @property
    def created(self) -> bool:
        return bool(self.spans or self.relations)


# One compound SELECT, so the statement and all its records come from one snapshot: the
# lanes never mix a span from before another process's edit with a relation from after it.
# Columns: kind, then up to seven values whose meaning depends on the kind.
_REVIEW_SQL = """
SELECT 0, seq, id, text, meta, NULL, NULL, NULL FROM statements WHERE seq = :seq
UNION ALL
SELECT 1, a.name, st.status, st.note, st.seconds, st.updated_at, NULL, NULL
  FROM statement_status st JOIN annotators a ON a.id = st.annotator WHERE st.statement = :seq
UNION ALL
SELECT 2, a.name, s.id, s.label, s.start, s.end, s.text, s.attrs
  FROM spans s JOIN annotators a ON a.id = s.annotator WHERE s.statement = :seq
UNION ALL
SELECT 3, a.name, r.id, r.head, r.tail, r.label, NULL, NULL
  FROM relations r JOIN annotators a ON a.id = r.annotator WHERE r.statement = :seq
"""


def _by_start_longer_first(span: StoredSpan) -> tuple[int, int, str]:
    # The order Project.spans gives: lanes and the annotator's editor list spans alike.
    return span.start, -span.end, span.label


def statement_review(project: Project, seq: int, annotators: Iterable[str] = (GOLD,)) -> StatementReview | None:
    """Statement `seq` with every annotator's spans (with attributes), relations and status, in one read.

    Every annotator with a record of the statement gets a lane; so does each of
    `annotators` (by default gold, which the review always shows), empty when they have
    none. None when there is no such statement.
    """
    rows = project.conn.execute(_REVIEW_SQL, {"seq": seq}).fetchall()
    statement: StatementRow | None = None
    statuses: dict[str, StatusRow] = {}
    spans: dict[str, list[StoredSpan]] = {}
    relations: dict[str, list[StoredRelation]] = {}
    for kind, a, b, c, d, e, f, g in rows:
        if kind == 0:
            statement = StatementRow(a, b, c, json.loads(d or "{}"))
        elif kind == 1:
            statuses[a] = StatusRow(b, c, d, e)
        elif kind == 2:
            spans.setdefault(a, []).append(StoredSpan(b, seq, a, c, d, e, f, json.loads(g or "{}")))
        else:
            relations.setdefault(a, []).append(StoredRelation(b, seq, a, c, d, e))
    if statement is None:
        return None
    names = set(statuses) | set(spans) | set(relations) | set(annotators)
    lanes = {
        name: Lane(
            name,
            statuses.get(name, _NO_RECORD),
            tuple(sorted(spans.get(name, ()), key=_by_start_longer_first)),
            tuple(sorted(relations.get(name, ()), key=lambda r: r.id)),
        )
        for name in names
    }
    return StatementReview(statement, lanes)


def _spans_by_id(project: Project, span_ids: Sequence[int]) -> dict[int, StoredSpan]:
    found: dict[int, StoredSpan] = {}
    for span_id in span_ids:
        span = project.span(span_id)
        if span is None:
            raise EditRefused(f"no span {span_id} (deleted meanwhile?)")
        found[span_id] = span
    return found


def _gold_span_at(project: Project, gold: int, statement: int, start: int, end: int, label: str) -> int | None:
    row = project.conn.execute(
        "SELECT id FROM spans WHERE statement = ? AND annotator = ? AND start = ? AND end = ? AND label = ?",
        (statement, gold, start, end, label),
    ).fetchone()
    return None if row is None else int(row[0])


def copy_to_gold(project: Project, span_ids: Sequence[int]) -> GoldCopy:
    """Copy the spans `span_ids` (any annotators') into gold, in one transaction.

    Each becomes a gold span with its attributes, unless gold already has a span with its
    start, end and label (then that one is kept as it is: its attributes too). Of several
    chosen spans with the same start, end and label, the first in `span_ids` gives the
    attributes. The relations of a chosen span's annotator come along, remapped to gold's
    span ids, when both their ends are now gold spans: a chosen span's copy, or a gold span
    that already covers the other end's start, end and label. Returns exactly the rows it
    created; EditRefused (nothing written) when a span is gone or a rule refuses.
    """
    created_spans: list[StoredSpan] = []
    created_relations: list[StoredRelation] = []
    gold_of: dict[int, int] = {}
    if not span_ids:
        return GoldCopy()
    with project.atomic():
        sources = _spans_by_id(project, span_ids)
        for span_id in span_ids:
            span = sources[span_id]
            # add_span keeps the rules of every span write (bounds, label, attributes) and
            # finds the gold span already there.
            added = project.add_span(statement=span.statement, annotator=GOLD, label=span.label,
                                     start=span.start, end=span.end, attrs=span.attrs or None)
            gold_of[span_id] = added.id
            if added.created:
                created_spans.append(StoredSpan(added.id, span.statement, GOLD, span.label, span.start, span.end,
                                                span.text, dict(span.attrs)))
        gold = project.annotator_id(GOLD)
        assert gold is not None
        for head, tail, label in _relations_touching(project, sources):
            gold_head = gold_of.get(head.id) or _gold_span_at(project, gold, head.statement, head.start,
                                                               head.end, head.label)
            gold_tail = gold_of.get(tail.id) or _gold_span_at(project, gold, tail.statement, tail.start,
                                                               tail.end, tail.label)
            if gold_head is None or gold_tail is None or gold_head == gold_tail:
                continue
            added = project.add_relation(head=gold_head, tail=gold_tail, label=label)
            if added.created:
                created_relations.append(StoredRelation(added.id, head.statement, GOLD, gold_head, gold_tail, label))
    return GoldCopy(tuple(created_spans), tuple(created_relations), gold_of)


def _relations_touching(
    project: Project, sources: dict[int, StoredSpan]
) -> list[tuple[StoredSpan, StoredSpan, str]]:
    """The relations (head, tail, label) of the chosen spans' annotators with an end among them."""
    ids = list(sources)
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    out = []
    for head_id, tail_id, label in project.conn.execute(
        f"SELECT head, tail, label FROM relations WHERE head IN ({marks}) OR tail IN ({marks}) ORDER BY id",
        (*ids, *ids),
    ).fetchall():
        head = sources.get(head_id) or project.span(head_id)
        tail = sources.get(tail_id) or project.span(tail_id)
        if head is not None and tail is not None and head.annotator != GOLD:
            out.append((head, tail, label))
    return out


def remove_gold_copy(project: Project, copy: GoldCopy) -> None:
    """Undo a copy into gold: delete exactly the gold rows it created, in one transaction.

    A row is deleted only while it is still that gold row (same id, statement, offsets and
    label), so an undo that comes late never deletes anyone else's row that took its id.
    """
    with project.atomic():
        gold = project.annotator_id(GOLD, create=False)
        if gold is None:
            return
        project.conn.executemany(
            "DELETE FROM relations WHERE id = ? AND annotator = ? AND statement = ? AND head = ? AND tail = ?"
            " AND label = ?",
            [(r.id, gold, r.statement, r.head, r.tail, r.label) for r in copy.relations],
        )
        project.conn.executemany(
            "DELETE FROM spans WHERE id = ? AND annotator = ? AND statement = ? AND start = ? AND end = ?"
            " AND label = ?",
            [(s.id, gold, s.statement, s.start, s.end, s.label) for s in copy.spans],
        )


def restore_gold_copy(project: Project, copy: GoldCopy) -> GoldCopy:
    """Redo a copy that `remove_gold_copy` undid: put its rows back, with their ids where free.

    Returns what was restored (an id another row took meanwhile is replaced by a new one,
    and the relations follow it). EditRefused, nothing written, when gold has one of the
    spans again.
    """
    spans: list[StoredSpan] = []
    relations: list[StoredRelation] = []
    with project.atomic():
        gold = project.annotator_id(GOLD)
        new_id: dict[int, int] = {}
        for span in copy.spans:
            free = project.conn.execute("SELECT 1 FROM spans WHERE id = ?", (span.id,)).fetchone() is None
            try:
                cursor = project.conn.execute(
                    "INSERT INTO spans(id, statement, annotator, label, start, end, text, attrs)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (span.id if free else None, span.statement, gold, span.label, span.start, span.end, span.text,
                     json.dumps(span.attrs, ensure_ascii=False) if span.attrs else None),
                )
            except sqlite3.IntegrityError:
                raise EditRefused(f"the {span.label} span cannot come back to gold: gold has it again") from None
            new_id[span.id] = int(cursor.lastrowid or 0)
            spans.append(StoredSpan(new_id[span.id], span.statement, GOLD, span.label, span.start, span.end,
                                    span.text, dict(span.attrs)))
        for rel in copy.relations:
            head, tail = new_id.get(rel.head, rel.head), new_id.get(rel.tail, rel.tail)
            added = project.add_relation(head=head, tail=tail, label=rel.label, relation_id=rel.id)
            if added.created:
                relations.append(StoredRelation(added.id, rel.statement, GOLD, head, tail, rel.label))
    gold_of = {source: new_id.get(target, target) for source, target in copy.gold_of.items()}
    return GoldCopy(tuple(spans), tuple(relations), gold_of)


def set_gold_status(project: Project, statement: int, status: str) -> str:
    """Gold's status of a statement (`done`: adjudicated); returns the previous one (equal: nothing changed)."""
    return project.set_status(statement=statement, annotator=GOLD, status=status)

