"""Merging annotators' copies of the seed project into one review project."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.formats.registry import READERS
from core.model import Record
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema, parse_schema
from store.export import iter_records
from store.importer import import_records
from store.merge import MergeConflict, merge_projects
from store.project import Project
from store.selection import ALL_RECORDS

# (statement, annotator) -> (status, note, spans, relations); spans and relations by content.
Snapshot = dict[tuple[str, str], tuple[str, str, frozenset[Any], frozenset[Any]]]


def snapshot(project: Project) -> Snapshot:
    """Every annotator's record of every statement, by content (ids left out)."""
    out: Snapshot = {}
    for record in iter_records(project, ALL_RECORDS):
        if record.annotator is None:
            continue
        spans = {s.id: (s.label, s.start, s.end, s.text, tuple(sorted(s.attrs.items()))) for s in record.spans}
        relations = frozenset((spans[r.head], spans[r.tail], r.label) for r in record.relations)
        assert record.id is not None
        out[(record.id, record.annotator)] = (record.status, record.note, frozenset(spans.values()), relations)
    return out


def statements(project: Project) -> list[tuple[str, str, dict[str, Any]]]:
    rows = []
    for seq in range(1, project.statement_count() + 1):
        row = project.statement(seq)
        assert row is not None
        rows.append((row.id, row.text, row.meta))
    return rows


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The seed project, closed (so a plain file copy is complete)."""
    path = tmp_path / "base.bayan"
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project, SEED_STATEMENTS.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(SEED_STATEMENTS)), file="seeds")
    return path


@pytest.fixture
def copy_of(base: Path, tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        target = tmp_path / f"{name}.bayan"
        shutil.copyfile(base, target)
        return target

    return make


def annotate(path: Path, annotator: str, work: Callable[[Project, str], None]) -> None:
    with Project.open(path) as project:
        work(project, annotator)


def claim_pair(project: Project, annotator: str, seq: int, actor: tuple[int, int], claim: tuple[int, int],
               stance: str | None = None) -> None:
    a = project.add_span(statement=seq, annotator=annotator, label="ACTOR", start=actor[0], end=actor[1]).id
    c = project.add_span(
        statement=seq, annotator=annotator, label="CLAIM", start=claim[0], end=claim[1],
        attrs={"stance": stance} if stance else None,
    ).id
    project.add_relation(head=a, tail=c, label="CLAIMANT")


def amal(project: Project, who: str) -> None:
    for seq in (1, 2, 3, 4):
        claim_pair(project, who, seq, (5, 25), (26, 80), "support")
        # Nested: an ACTOR inside the CLAIM.
        project.add_span(statement=seq, annotator=who, label="ACTOR", start=30, end=40)
        project.set_status(statement=seq, annotator=who, status="done")
    project.set_note(statement=2, annotator=who, note="هل هذه مطالبة؟")
    project.add_seconds(statement=1, annotator=who, seconds=12.5)


def badr(project: Project, who: str) -> None:
    for seq in (3, 4, 5, 6):
        claim_pair(project, who, seq, (0, 12), (13, 70), "oppose")
        project.set_status(statement=seq, annotator=who, status="done")
    # Same label nested twice, and a CLAIM without a relation.
    project.add_span(statement=5, annotator=who, label="CLAIM", start=20, end=40)
    project.add_span(statement=5, annotator=who, label="CLAIM", start=25, end=35, attrs={"stance": "neutral"})
    project.set_status(statement=7, annotator=who, status="skipped")


def carla(project: Project, who: str) -> None:
    for seq in range(1, 11):
        claim_pair(project, who, seq, (2, 15), (2, 60))  # overlapping ACTOR and CLAIM
        project.set_status(statement=seq, annotator=who, status="done" if seq % 3 else "skipped")
    project.set_note(statement=10, annotator=who, note="long statement")


WORK = {"amal": amal, "badr": badr, "carla": carla}


@pytest.fixture
def annotated(copy_of: Callable[[str], Path]) -> dict[str, Path]:
    """Three annotators' copies of the seed project, annotated differently."""
    files = {}
    for name, work in WORK.items():
        files[name] = copy_of(name)
        annotate(files[name], name, work)
    return files


@pytest.fixture
def review(copy_of: Callable[[str], Path]) -> Iterator[Project]:
    project = Project.open(copy_of("review"))
    yield project
    project.close()


def expected(files: dict[str, Path]) -> Snapshot:
    out: Snapshot = {}
    for path in files.values():
        with Project.open(path) as project:
            out.update(snapshot(project))
    return out


def test_three_annotators_merge_into_one(review: Project, annotated: dict[str, Path]) -> None:
    before = {name: digest(path) for name, path in annotated.items()}
    want = expected(annotated)
    seeds = statements(review)

    reports = merge_projects(review, list(annotated.values()))

    assert snapshot(review) == want
    assert statements(review) == seeds
    stats = review.stats()
    per = {a["name"]: a for a in stats["annotators"]}
    assert set(per) == {"amal", "badr", "carla"}
    assert per["amal"]["spans"] == 4 * 3 and per["amal"]["relations"] == 4 and per["amal"]["done"] == 4
    assert per["badr"]["spans"] == 4 * 2 + 2 and per["badr"]["relations"] == 4 and per["badr"]["skipped"] == 1
    assert per["carla"]["spans"] == 10 * 2 and per["carla"]["relations"] == 10 and per["carla"]["skipped"] == 3
    assert per["amal"]["seconds"] == 12.5
    assert stats["spans"] == 12 + 10 + 20 and stats["relations"] == 18
    assert [r.spans_added for r in reports] == [12, 10, 20]
    assert [r.relations_added for r in reports] == [4, 4, 10]
    assert [r.records_added for r in reports] == [4, 5, 10]
    assert all(r.statements_added == 0 for r in reports)
    # Relations point at the review's own span ids, within one statement and annotator.
    for rel in review.relations(1, "amal"):
        head, tail = review.span(rel.head), review.span(rel.tail)
        assert head is not None and tail is not None
        assert (head.statement, head.annotator, head.label) == (1, "amal", "ACTOR")
        assert (tail.statement, tail.annotator, tail.label, tail.attrs) == (1, "amal", "CLAIM", {"stance": "support"})
    assert review.status(2, "amal").note == "هل هذه مطالبة؟"
    # The sources were only read.
    assert {name: digest(path) for name, path in annotated.items()} == before


def test_remerge_adds_nothing(review: Project, annotated: dict[str, Path]) -> None:
    merge_projects(review, list(annotated.values()))
    once = snapshot(review)
    stats = review.stats()

    again = merge_projects(review, list(annotated.values()))

    assert snapshot(review) == once
    assert review.stats() == stats
    assert all(r.spans_added == r.relations_added == r.records_added == r.statements_added == 0 for r in again)
    assert [r.records_unchanged for r in again] == [4, 5, 10]


def test_merge_into_an_empty_project_adds_statements_with_ids_and_meta(
    tmp_path: Path, base: Path, annotated: dict[str, Path]
) -> None:
    extra = Record(id="extra-1", text="بيان إضافي لم يكن في المشروع الأصلي.", meta={"source": "field notes"},
                   annotator=None, status="todo")
    with Project.open(annotated["badr"]) as project:
        import_records(project, [(1, extra)], file="extra")
        seq = project.statement_seq("extra-1")
        assert seq is not None
        project.add_span(statement=seq, annotator="badr", label="ACTOR", start=0, end=4)
    with Project.open(base) as project:
        seeds = statements(project)
    want = expected(annotated)

    with Project.create(tmp_path / "empty.bayan", load_schema(DEFAULT_SCHEMA)) as review:
        reports = merge_projects(review, [annotated["amal"], annotated["badr"], annotated["carla"]])
        assert statements(review) == seeds + [("extra-1", extra.text, {"source": "field notes"})]
        assert snapshot(review) == want
        assert [r.statements_added for r in reports] == [10, 1, 0]


def test_conflict_is_reported_and_nothing_merged(review: Project, annotated: dict[str, Path], tmp_path: Path) -> None:
    merge_projects(review, [annotated["amal"]])
    # Amal goes on working on her copy: one statement's spans change, another's status.
    later = tmp_path / "amal-later.bayan"
    shutil.copyfile(annotated["amal"], later)
    with Project.open(later) as project:
        project.add_span(statement=3, annotator="amal", label="CLAIM", start=50, end=60)
        project.set_status(statement=4, annotator="amal", status="skipped")
        project.set_status(statement=9, annotator="amal", status="done")  # new work: no conflict
    state = snapshot(review)
    stats = review.stats()
    ids = {seq: review.statement(seq).id for seq in (3, 4)}  # type: ignore[union-attr]

    with pytest.raises(MergeConflict) as caught:
        merge_projects(review, [annotated["badr"], later])

    conflicts = caught.value.conflicts
    assert [(c.file, c.annotator, c.statements) for c in conflicts] == [(str(later), "amal", (ids[3], ids[4]))]
    message = str(caught.value)
    assert "amal" in message and ids[3] in message and ids[4] in message and "nothing was merged" in message
    # Not even badr's file, which had no conflict, went in.
    assert snapshot(review) == state
    assert review.stats() == stats


def test_same_annotator_differing_in_two_source_files_conflicts(
    tmp_path: Path, copy_of: Callable[[str], Path], review: Project
) -> None:
    one, two = copy_of("amal-laptop"), copy_of("amal-desktop")
    annotate(one, "amal", amal)
    annotate(two, "amal", lambda p, who: p.add_span(statement=2, annotator=who, label="ACTOR", start=0, end=3))

    with pytest.raises(MergeConflict) as caught:
        merge_projects(review, [one, two])

    assert [(c.file, c.annotator, c.statements) for c in caught.value.conflicts] == [
        (str(two), "amal", (review.statement(2).id,))  # type: ignore[union-attr]
    ]
    assert snapshot(review) == {}


def test_prefer_newer_replaces_the_older_record_whole(
    review: Project, annotated: dict[str, Path], tmp_path: Path
) -> None:
    merge_projects(review, [annotated["amal"], annotated["badr"]])
    later = tmp_path / "amal-later.bayan"
    shutil.copyfile(annotated["amal"], later)
    time.sleep(0.01)
    with Project.open(later) as project:
        victim = project.spans(3, "amal")[0]
        project.delete_span(victim.id)  # its relation goes with it
        project.add_span(statement=3, annotator="amal", label="CLAIM", start=50, end=60)
        project.set_note(statement=3, annotator="amal", note="corrected")
        want_3 = snapshot(project)[(project.statement(3).id, "amal")]  # type: ignore[union-attr]
        project.set_status(statement=4, annotator="amal", status="skipped")
    time.sleep(0.01)
    # Meanwhile the reviewer touched amal's statement 4 in the review: that one is newer.
    review.set_status(statement=4, annotator="amal", status="done")
    review.set_note(statement=4, annotator="amal", note="checked by the reviewer")
    before = snapshot(review)
    sid3, sid4 = review.statement(3).id, review.statement(4).id  # type: ignore[union-attr]

    [report] = merge_projects(review, [later], prefer="newer")

    after = snapshot(review)
    assert after[(sid3, "amal")] == want_3
    assert after[(sid3, "amal")][1] == "corrected"
    assert after[(sid4, "amal")] == before[(sid4, "amal")]
    assert {k: v for k, v in after.items() if k[0] != sid3} == {k: v for k, v in before.items() if k[0] != sid3}
    assert (report.records_replaced, report.records_kept, report.records_added) == (1, 1, 0)
    # The replaced record's relations were rebuilt on the new span ids.
    assert len(review.relations(3, "amal")) == 0
    assert len(review.spans(3, "amal")) == 3


def test_schema_mismatch_is_refused_unless_add_labels(review: Project, tmp_path: Path) -> None:
    schema = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
    schema["labels"].append({"name": "PLACE", "color": "#43a047", "key": "p"})
    schema["labels"][1]["attributes"][0]["values"].append("unclear")
    other = tmp_path / "other.bayan"
    with Project.create(other, parse_schema(schema)) as project:
        import_records(project, [(1, Record(id=None, text=review.statement(1).text, status="todo"))],  # type: ignore[union-attr]
                       file="x")
        project.add_span(statement=1, annotator="dina", label="PLACE", start=0, end=4)
        project.add_span(statement=1, annotator="dina", label="CLAIM", start=5, end=9, attrs={"stance": "unclear"})
    state, labels = snapshot(review), review.schema

    with pytest.raises(InputError, match="CLAIM stance value\\(s\\) unclear; label PLACE: not in"):
        merge_projects(review, [other])
    assert (snapshot(review), review.schema) == (state, labels)

    [report] = merge_projects(review, [other], add_labels=True)
    assert report.labels_added == ("PLACE",)
    assert review.schema.label_names == ["ACTOR", "CLAIM", "PLACE"]
    stance = review.schema.label("CLAIM").attribute("stance")  # type: ignore[union-attr]
    assert stance is not None and stance.values == ("support", "oppose", "neutral", "unclear")
    assert {s.label for s in review.spans(1, "dina")} == {"PLACE", "CLAIM"}


def test_relation_with_other_ends_is_always_refused(review: Project, tmp_path: Path) -> None:
    schema = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
    schema["relations"][0].update({"from": "CLAIM", "to": "ACTOR"})
    other = tmp_path / "other.bayan"
    Project.create(other, parse_schema(schema)).close()
    state = snapshot(review)

    with pytest.raises(InputError, match="CLAIMANT goes from CLAIM to ACTOR"):
        merge_projects(review, [other], add_labels=True)
    assert snapshot(review) == state


def test_same_id_with_another_text_is_refused(review: Project, tmp_path: Path) -> None:
    other = tmp_path / "other.bayan"
    sid = review.statement(1).id  # type: ignore[union-attr]
    with Project.create(other, load_schema(DEFAULT_SCHEMA)) as project:
        # import refuses a derived id with another text; an older Bayan or another tool may not.
        project.conn.execute("INSERT INTO statements(id, text, hash) VALUES (?, 'نص آخر', 0)", (sid,))
    count = review.statement_count()

    with pytest.raises(InputError, match=f"{sid}.*different text"):
        merge_projects(review, [other])
    assert review.statement_count() == count


def test_unusable_sources_are_refused(review: Project, tmp_path: Path, annotated: dict[str, Path]) -> None:
    text = tmp_path / "notes.bayan"
    text.write_text("not a project", encoding="utf-8")
    state = snapshot(review)
    with pytest.raises(InputError, match="no such file"):
        merge_projects(review, [annotated["amal"], tmp_path / "missing.bayan"])
    with pytest.raises(InputError, match="review project itself"):
        merge_projects(review, [review.path])
    with pytest.raises(Exception, match="not a Bayan project"):
        merge_projects(review, [annotated["amal"], text])
    assert snapshot(review) == state


def test_a_bad_second_file_leaves_out_the_first_one_too(
    review: Project, annotated: dict[str, Path], tmp_path: Path
) -> None:
    other = tmp_path / "other.bayan"
    sid = review.statement(5).id  # type: ignore[union-attr]
    with Project.create(other, load_schema(DEFAULT_SCHEMA)) as project:
        project.conn.execute("INSERT INTO statements(id, text, hash) VALUES (?, 'نص آخر تماماً', 0)", (sid,))
    state, count, annotators = snapshot(review), review.statement_count(), review.annotators()

    with pytest.raises(InputError, match="different text"):
        merge_projects(review, [annotated["amal"], annotated["badr"], other])

    assert (snapshot(review), review.statement_count(), review.annotators()) == (state, count, annotators)


def test_a_later_span_edit_alone_makes_a_record_newer(
    review: Project, annotated: dict[str, Path], tmp_path: Path
) -> None:
    merge_projects(review, [annotated["amal"]])
    later = tmp_path / "amal-later.bayan"
    shutil.copyfile(annotated["amal"], later)
    time.sleep(0.01)
    with Project.open(later) as project:
        # Only span work, no status or note: each must still count as a change of the record.
        project.add_span(statement=1, annotator="amal", label="CLAIM", start=50, end=60)
        relation = project.relations(2, "amal")[0]
        project.delete_relation(relation.id)
        project.set_span_attrs(relation.tail, {"stance": "neutral"})
        want = snapshot(project)

    [report] = merge_projects(review, [later], prefer="newer")

    assert report.records_replaced == 2
    assert snapshot(review) == want
