"""Ownership: every change to a record (statement x annotator), by any path, moves its change
time; merge keeps a copied record's own time. `merge --prefer newer` and a future sync rely on it."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from pathlib import Path

from core.formats.native import read_native
from store.importer import import_records
from store.merge import merge_projects
from store.project import Project


def changed_at(path: Path, seq: int, annotator: str) -> str:
    conn = sqlite3.connect(str(path))
    try:
        row = conn.execute(
            "SELECT st.updated_at FROM statement_status st JOIN annotators a ON a.id = st.annotator"
            " WHERE st.statement = ? AND a.name = ?",
            (seq, annotator),
        ).fetchone()
        return str(row[0])
    finally:
        conn.close()


def _import_jsonl(project: Project, *records: dict[str, object]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    import_records(project, read_native(io.BytesIO(data), "x.jsonl"), file="x.jsonl")


def _text(project: Project, seq: int) -> str:
    row = project.statement(seq)
    assert row is not None
    return row.text


def test_every_kind_of_change_moves_the_record_time(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        project.set_status(statement=1, annotator="amal", status="done")
        steps = [
            lambda: project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=3),
            lambda: project.add_span(statement=1, annotator="amal", label="CLAIM", start=4, end=9),
            lambda: project.set_span_attrs(project.spans(1, "amal")[1].id, {"stance": "oppose"}),
            lambda: project.add_relation(head=project.spans(1, "amal")[0].id, tail=project.spans(1, "amal")[1].id,
                                         label="CLAIMANT"),
            lambda: project.delete_relation(project.relations(1, "amal")[0].id),
            lambda: project.set_span_label(project.spans(1, "amal")[0].id, "CLAIM"),
            lambda: project.delete_span(project.spans(1, "amal")[0].id),
            lambda: project.add_seconds(statement=1, annotator="amal", seconds=3.0),
            lambda: project.set_note(statement=1, annotator="amal", note="واضح"),
            # Outside the store's write API too, on a Bayan connection (a future sync, a repair).
            lambda: project.conn.execute("UPDATE spans SET attrs = NULL WHERE statement = 1"),
        ]
        before = changed_at(seeded_path, 1, "amal")
        for step in steps:
            time.sleep(0.002)
            step()
            after = changed_at(seeded_path, 1, "amal")
            assert after > before, step
            before = after


def test_a_record_another_annotator_changes_keeps_its_time(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        project.set_status(statement=1, annotator="amal", status="done")
        mine = changed_at(seeded_path, 1, "amal")
        time.sleep(0.002)
        project.add_span(statement=1, annotator="badr", label="ACTOR", start=0, end=3)
        project.set_status(statement=2, annotator="amal", status="done")
        assert changed_at(seeded_path, 1, "amal") == mine


def test_an_import_that_only_adds_a_span_makes_the_record_newer(seeded_path: Path, tmp_path: Path) -> None:
    with Project.open(seeded_path) as project:
        text = _text(project, 1)
        _import_jsonl(project, {"text": text, "annotator": "amal", "status": "done", "spans": []})
    review = tmp_path / "review.bayan"
    shutil.copyfile(seeded_path, review)
    before = changed_at(seeded_path, 1, "amal")
    time.sleep(0.002)
    with Project.open(seeded_path) as project:
        _import_jsonl(project, {"text": text, "annotator": "amal", "status": "done",
                                "spans": [{"start": 0, "end": 3, "label": "ACTOR"}]})
        assert changed_at(seeded_path, 1, "amal") > before
        # The same file again changes nothing, so the time stays.
        again = changed_at(seeded_path, 1, "amal")
        time.sleep(0.002)
        _import_jsonl(project, {"text": text, "annotator": "amal", "status": "done",
                                "spans": [{"start": 0, "end": 3, "label": "ACTOR"}]})
        assert changed_at(seeded_path, 1, "amal") == again
    with Project.open(review) as project:
        [report] = merge_projects(project, [seeded_path], prefer="newer")
        assert report.records_replaced == 1
        assert [(s.start, s.end) for s in project.spans(1, "amal")] == [(0, 3)]


def test_merge_keeps_the_copied_records_own_time(seeded_path: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.bayan"
    shutil.copyfile(seeded_path, review)
    with Project.open(seeded_path) as project:
        project.add_span(statement=3, annotator="amal", label="ACTOR", start=0, end=3)
        project.set_status(statement=3, annotator="amal", status="done")
    theirs = changed_at(seeded_path, 3, "amal")
    time.sleep(0.01)
    with Project.open(review) as project:
        merge_projects(project, [seeded_path])
    assert changed_at(review, 3, "amal") == theirs
