"""The progress counters (store/progress.py) against a full recount, after every kind of write.

The oracle here counts from the rows themselves (GROUP BY, and "the next statement not
done" by walking the done seqs), the way the scanning queries did before the counters.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core.errors import EditRefused, InputError
from core.formats.registry import READERS
from core.model import GOLD
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from store.adjudicate import prefill_gold, prefill_statement
from store.importer import import_records
from store.merge import MergeConflict, merge_projects
from store.migrations import DONE_BLOCK, LATEST_VERSION, PROGRESS_VERSION
from store.project import DeletedSpan, Project
from store.review import copy_to_gold, remove_gold_copy, restore_gold_copy
from tests.store.older import as_version

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")
LABELS = ("ACTOR", "CLAIM")
# Two full blocks and a short last one: block edges, the last block and the wrap all get hit.
STATEMENTS = 2 * DONE_BLOCK + 52
EDGES = (1, 2, DONE_BLOCK - 1, DONE_BLOCK, DONE_BLOCK + 1, 2 * DONE_BLOCK, 2 * DONE_BLOCK + 1, STATEMENTS - 1,
         STATEMENTS)
ANNOTATORS = ("amal", "basil")
# Word bounds of every statement text below ("كلمةN ثانية ثالثة رابعة"): spans go on these.
SECOND_WORDS = ((6, 11), (12, 17), (6, 17), (12, 23))


def text_of(i: int) -> str:
    return f"كلمة{i:05d} ثانية ثالثة رابعة"


def import_lines(project: Project, lines: list[dict[str, Any]] | list[str], name: str = "in.jsonl") -> None:
    data = "".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    import_records(project, READERS["jsonl"](io.BytesIO(data.encode()), name), file=name)


def make_project(path: Path, statements: int = STATEMENTS) -> Project:
    project = Project.create(path, load_schema(DEFAULT_SCHEMA))
    data = "".join(text_of(i) + "\n" for i in range(1, statements + 1)).encode()
    import_records(project, READERS["txt"](io.BytesIO(data), "in.txt"), file="in.txt")
    return project


# ------------------------------------------------------------------------- the oracle


def recount_problems(conn: sqlite3.Connection) -> list[str]:
    """Where the stored counters differ from counting the rows (empty: none)."""
    problems = []
    done = dict(((a, b), c) for a, b, c in conn.execute(
        f"SELECT annotator, (statement - 1) / {DONE_BLOCK}, count(*) FROM statement_status"
        " WHERE status = 'done' GROUP BY 1, 2"))
    stored = dict(((a, b), c) for a, b, c in conn.execute(
        "SELECT annotator, block, done FROM done_blocks WHERE done != 0"))
    if done != stored:
        problems.append(f"done_blocks {stored} != recount {done}")
    spans = dict(((a, label), c) for a, label, c in conn.execute(
        "SELECT annotator, label, count(*) FROM spans GROUP BY 1, 2"))
    stored = dict(((a, label), c) for a, label, c in conn.execute(
        "SELECT annotator, label, spans FROM span_counts WHERE spans != 0"))
    if spans != stored:
        problems.append(f"span_counts {stored} != recount {spans}")
    return problems


def scanned_first_open(conn: sqlite3.Connection, name: str) -> list[int | None]:
    """answer[k] = the first seq after k not done by `name`, for every k in 0..N."""
    total = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    done = {r[0] for r in conn.execute(
        "SELECT st.statement FROM statement_status st JOIN annotators a ON a.id = st.annotator"
        " WHERE a.name = ? AND st.status = 'done'", (name,))}
    answers: list[int | None] = [None] * (total + 1)
    following: int | None = None
    for k in range(total, -1, -1):
        answers[k] = following
        if k and k not in done:
            following = k
    return answers


def check_counts(project: Project, names: tuple[str, ...]) -> None:
    assert recount_problems(project.conn) == []
    for name in names:
        aid = project.annotator_id(name, create=False)
        done = project.conn.execute(
            "SELECT count(*) FROM statement_status WHERE annotator = ? AND status = 'done'", (aid,)).fetchone()[0]
        assert project.done_count(name) == done
        per_label = dict(project.conn.execute(
            "SELECT label, count(*) FROM spans WHERE annotator = ? GROUP BY label", (aid,)).fetchall())
        assert project.label_counts(name) == {label: per_label.get(label, 0) for label in project.schema.label_names}


def check_first_open_everywhere(project: Project, names: tuple[str, ...]) -> None:
    for name in names:
        expected = scanned_first_open(project.conn, name)
        got = [project.first_open_statement(name, after=k) for k in range(len(expected))]
        assert got == expected, name


def triggers(conn: sqlite3.Connection) -> list[str]:
    return sorted(r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'progress%'"))


PROGRESS_TRIGGERS = ["progress_span_delete", "progress_span_insert", "progress_span_update",
                     "progress_status_delete", "progress_status_insert", "progress_status_update"]


# ---------------------------------------------------------------- the state machine

seqs = st.one_of(st.sampled_from(EDGES), st.integers(1, STATEMENTS))
annotators = st.sampled_from(ANNOTATORS)
statuses = st.sampled_from(("done", "todo", "skipped"))


class Counters(RuleBasedStateMachine):
    """Random writes of every kind; the counters equal a recount after each."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(__import__("tempfile").mkdtemp(prefix="bayan-progress-"))
        self.project = make_project(self.tmp / "p.bayan")
        self.deleted: list[DeletedSpan] = []
        self.copies: list[Any] = []
        self.sources = 0
        self.added_statements = 0

    @initialize(share=st.sampled_from((0.0, 0.5, 1.0)), name=annotators)
    def start(self, share: float, name: str) -> None:
        # Some examples start with whole blocks done (the "done project" of the benchmark).
        if share:
            step = round(1 / share)
            import_lines(self.project, [
                {"id": self.sid(seq), "text": text_of(seq), "annotator": name, "status": "done"}
                for seq in range(1, STATEMENTS + 1, step)])

    def sid(self, seq: int) -> str:
        row = self.project.statement(seq)
        assert row is not None
        return row.id

    def names(self) -> tuple[str, ...]:
        return (*ANNOTATORS, GOLD, "carim", "nobody")

    def span_ids(self) -> list[int]:
        return [r[0] for r in self.project.conn.execute("SELECT id FROM spans ORDER BY id")]

    # -------------------------------------------------------------- edits

    @rule(seq=seqs, name=st.sampled_from((*ANNOTATORS, GOLD)), status=statuses)
    def set_status(self, seq: int, name: str, status: str) -> None:
        self.project.set_status(statement=seq, annotator=name, status=status)

    @rule(seq=seqs, name=annotators, note=st.sampled_from(("", "ملاحظة")), seconds=st.sampled_from((0.0, 2.5)))
    def note_and_time(self, seq: int, name: str, note: str, seconds: float) -> None:
        self.project.set_note(statement=seq, annotator=name, note=note)
        self.project.add_seconds(statement=seq, annotator=name, seconds=seconds)

    @rule(seq=seqs, name=annotators, label=st.sampled_from(LABELS), bounds=st.sampled_from(SECOND_WORDS))
    def add_span(self, seq: int, name: str, label: str, bounds: tuple[int, int]) -> None:
        self.project.add_span(statement=seq, annotator=name, label=label, start=bounds[0], end=bounds[1])

    @rule(data=st.data())
    def delete_span(self, data: st.DataObject) -> None:
        ids = self.span_ids()
        if ids:
            deleted = self.project.delete_span(data.draw(st.sampled_from(ids)))
            if deleted is not None:
                self.deleted.append(deleted)

    @rule()
    def restore_span(self) -> None:
        if self.deleted:
            try:
                self.project.restore_span(self.deleted.pop())
            except EditRefused:
                pass  # the annotator has that span again

    @rule(data=st.data(), label=st.sampled_from(LABELS))
    def relabel(self, data: st.DataObject, label: str) -> None:
        ids = self.span_ids()
        if ids:
            try:
                self.project.set_span_label(data.draw(st.sampled_from(ids)), label)
            except EditRefused:
                pass

    # ------------------------------------------------------------- bulk writes

    @rule(first=seqs, length=st.sampled_from((1, 7, DONE_BLOCK, DONE_BLOCK + 60, STATEMENTS)), name=annotators,
          status=statuses, spans=st.booleans(), new=st.integers(0, 3))
    def import_records(self, first: int, length: int, name: str, status: str, spans: bool, new: int) -> None:
        lines: list[dict[str, Any]] = []
        for seq in range(first, min(STATEMENTS, first + length - 1) + 1):
            record: dict[str, Any] = {"id": self.sid(seq), "text": text_of(seq), "annotator": name, "status": status}
            if spans:
                record["spans"] = [{"start": 12, "end": 17, "label": "CLAIM"},
                                   {"start": 6, "end": 11, "label": "ACTOR"}]
            lines.append(record)
        for _ in range(new):  # statements the project lacks: the last block grows
            self.added_statements += 1
            lines.append({"text": f"جديد {self.added_statements}", "annotator": name, "status": status})
        import_lines(self.project, lines)

    @rule(seq=seqs, name=annotators)
    def failing_import(self, seq: int, name: str) -> None:
        lines: list[dict[str, Any] | str] = [
            {"id": self.sid(seq), "text": text_of(seq), "annotator": name, "status": "done",
             "spans": [{"start": 6, "end": 11, "label": "ACTOR"}]},
            "{not json\n",
        ]
        with pytest.raises(InputError):
            import_lines(self.project, lines)  # type: ignore[arg-type]
        assert triggers(self.project.conn) == PROGRESS_TRIGGERS

    @rule(first=seqs, name=st.sampled_from(("amal", "carim")), status=statuses,
          prefer=st.sampled_from((None, "newer")))
    def merge(self, first: int, name: str, status: str, prefer: str | None) -> None:
        self.sources += 1
        source = Project.create(self.tmp / f"src{self.sources}.bayan", load_schema(DEFAULT_SCHEMA))
        try:
            # Made after the review's records: with prefer="newer" they replace them whole.
            import_lines(source, [
                {"id": self.sid(seq), "text": text_of(seq), "annotator": name, "status": status,
                 "spans": [{"start": 6, "end": 17, "label": "CLAIM"}]}
                for seq in range(first, min(STATEMENTS, first + 40) + 1)
            ] + [{"text": f"من مصدر {self.sources}", "annotator": name, "status": status}])
        finally:
            source.close()
        try:
            merge_projects(self.project, [source.path], prefer=prefer)
        except MergeConflict:
            pass

    @rule(min_agree=st.sampled_from((1, 2)))
    def adjudicate(self, min_agree: int) -> None:
        try:
            prefill_gold(self.project, annotators=list(ANNOTATORS), min_agree=min_agree)
        except EditRefused:
            pass  # an annotator without any record yet

    @rule(seq=seqs)
    def adjudicate_one(self, seq: int) -> None:
        try:
            self.copies.append(prefill_statement(self.project, seq, annotators=list(ANNOTATORS), min_agree=1))
        except EditRefused:
            pass

    @rule(data=st.data())
    def copy_to_gold(self, data: st.DataObject) -> None:
        ids = self.span_ids()
        if ids:
            try:
                self.copies.append(copy_to_gold(self.project, [data.draw(st.sampled_from(ids))]))
            except EditRefused:
                pass

    @rule(redo=st.booleans())
    def undo_gold_copy(self, redo: bool) -> None:
        if self.copies:
            copy = self.copies.pop()
            remove_gold_copy(self.project, copy)
            if redo:
                try:
                    restore_gold_copy(self.project, copy)
                except EditRefused:
                    pass

    # -------------------------------------------------------------- checks

    @invariant()
    def counters_equal_a_recount(self) -> None:
        check_counts(self.project, self.names())

    @rule()
    def first_open_everywhere(self) -> None:
        check_first_open_everywhere(self.project, self.names())

    def teardown(self) -> None:
        try:
            check_first_open_everywhere(self.project, self.names())
        finally:
            self.project.close()
            for path in self.tmp.iterdir():
                path.unlink()
            self.tmp.rmdir()


Counters.TestCase.settings = settings(
    max_examples=20, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_counters_equal_a_recount_after_any_writes = Counters.TestCase


# ----------------------------------------------------------------- single cases


def test_first_open_skips_full_blocks_and_wraps_nowhere(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.bayan")
    open_ = {DONE_BLOCK + 5, STATEMENTS}
    import_lines(project, [{"id": project.statement(seq).id, "text": text_of(seq), "annotator": "amal",  # type: ignore[union-attr]
                            "status": "todo" if seq in open_ else "done"} for seq in range(1, STATEMENTS + 1)])
    assert project.done_count("amal") == STATEMENTS - 2
    assert project.first_open_statement("amal") == DONE_BLOCK + 5
    assert project.first_open_statement("amal", after=DONE_BLOCK + 5) == STATEMENTS
    assert project.first_open_statement("amal", after=STATEMENTS) is None
    project.set_status(statement=STATEMENTS, annotator="amal", status="done")
    assert project.first_open_statement("amal", after=DONE_BLOCK + 5) is None
    assert project.first_open_statement("nobody", after=3) == 4
    assert project.done_count("nobody") == 0
    assert project.label_counts("nobody") == {"ACTOR": 0, "CLAIM": 0}
    project.close()


def test_an_older_project_migrates_with_its_counters(tmp_path: Path) -> None:
    path = tmp_path / "old.bayan"
    project = make_project(path)
    import_lines(project, [{"id": project.statement(seq).id, "text": text_of(seq), "annotator": "amal",  # type: ignore[union-attr]
                            "status": "done" if seq % 3 else "skipped",
                            "spans": [{"start": 6, "end": 11, "label": "ACTOR"}]} for seq in range(1, 1500)])
    project.add_span(statement=7, annotator="basil", label="CLAIM", start=12, end=23)
    as_version(project.conn, PROGRESS_VERSION - 1)
    project.close()

    # Read-only, an older file stays as it is and is counted by scanning.
    with Project.open(path, read_only=True) as old:
        assert old.version == PROGRESS_VERSION - 1
        assert old.done_count("amal") == 1000
        assert old.first_open_statement("amal") == 3
        assert old.label_counts("amal") == {"ACTOR": 1499, "CLAIM": 0}

    with Project.open(path) as migrated:
        assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert triggers(migrated.conn) == PROGRESS_TRIGGERS
        check_counts(migrated, ("amal", "basil"))
        check_first_open_everywhere(migrated, ("amal", "basil"))
        assert migrated.done_count("amal") == 1000
        assert migrated.label_counts("basil") == {"ACTOR": 0, "CLAIM": 1}
        # And they go on being kept.
        migrated.set_status(statement=3, annotator="amal", status="done")
        assert migrated.done_count("amal") == 1001
        assert migrated.first_open_statement("amal") == 6
    assert list(tmp_path.glob(f"old.bayan.v{PROGRESS_VERSION - 1}-*.bak"))


def test_counters_are_kept_by_a_program_that_is_not_bayan(tmp_path: Path) -> None:
    """The triggers are in the file: plain sqlite3, without Bayan's connection setup, keeps them."""
    project = make_project(tmp_path / "p.bayan", statements=30)
    aid = project.annotator_id("amal")
    project.close()
    conn = sqlite3.connect(tmp_path / "p.bayan", isolation_level=None)
    conn.execute("INSERT INTO statement_status(statement, annotator, status, updated_at) VALUES (4, ?, 'done', 'x')",
                 (aid,))
    conn.execute("UPDATE statement_status SET statement = 5 WHERE statement = 4")
    conn.execute("INSERT INTO spans(statement, annotator, label, start, end, text) VALUES (5, ?, 'ACTOR', 6, 11, 'x')",
                 (aid,))
    conn.execute("UPDATE spans SET label = 'CLAIM'")
    assert recount_problems(conn) == []
    conn.close()
    with Project.open(tmp_path / "p.bayan") as reopened:
        assert reopened.first_open_statement("amal", after=4) == 6
        assert reopened.label_counts("amal") == {"ACTOR": 0, "CLAIM": 1}


# ------------------------------------------------------------------- processes

WRITER = textwrap.dedent(
    """
    import io, json, random, sys
    from pathlib import Path
    from core.errors import EditRefused, ProjectBusy
    from core.formats.registry import READERS
    from store.importer import import_records
    from store.project import Project

    path, name, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    project = Project.open(path, check=False)
    total = project.statement_count()
    ids = {seq: project.statement(seq).id for seq in range(1, total + 1)}
    for i in range(150):
        seq = rng.randint(1, total)
        try:
            if i % 25 == 0:   # a bulk write among the edits
                lines = "".join(json.dumps({"id": ids[s], "text": project.statement(s).text, "annotator": name,
                                            "status": rng.choice(("done", "todo")),
                                            "spans": [{"start": 6, "end": 11, "label": "ACTOR"}]},
                                           ensure_ascii=False) + "\\n"
                                for s in range(seq, min(total, seq + 300) + 1))
                import_records(project, READERS["jsonl"](io.BytesIO(lines.encode()), "w.jsonl"), file="w.jsonl")
            elif i % 3 == 0:
                project.add_span(statement=seq, annotator=name, label=rng.choice(("ACTOR", "CLAIM")), start=12, end=17)
            elif i % 7 == 0:
                spans = project.spans(seq, name)
                if spans:
                    project.delete_span(spans[0].id)
            else:
                project.set_status(statement=seq, annotator=rng.choice((name, "shared")),
                                   status=rng.choice(("done", "todo", "skipped")))
        except (EditRefused, ProjectBusy):
            pass
    project.close()
    print("finished", flush=True)
    """
)


def test_two_writer_processes_and_a_reader_agree_with_a_recount(tmp_path: Path) -> None:
    path = tmp_path / "p.bayan"
    make_project(path).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(seed)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, seed in (("amal", 1), ("basil", 2))
    ]
    reads = 0
    with Project.open(path, check=False) as reader:
        while any(w.poll() is None for w in writers):
            # One snapshot: the counters as another process committed them, and the rows.
            reader.conn.execute("BEGIN")
            try:
                assert recount_problems(reader.conn) == []
                reader.done_count("amal")
                reader.first_open_statement("basil", after=DONE_BLOCK)
            finally:
                reader.conn.execute("COMMIT")
            reads += 1
        outs = [w.communicate(timeout=120) for w in writers]
        assert [w.returncode for w in writers] == [0, 0], outs
        assert reads > 1
        check_counts(reader, ("amal", "basil", "shared"))
        check_first_open_everywhere(reader, ("amal", "basil", "shared"))
        assert reader.done_count("amal") + reader.done_count("shared") > 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_import_killed_mid_way_leaves_the_counters_right(tmp_path: Path) -> None:
    path = tmp_path / "p.bayan"
    project = make_project(path, statements=10)
    project.set_status(statement=3, annotator="amal", status="done")
    project.add_span(statement=3, annotator="amal", label="ACTOR", start=6, end=11)
    project.close()
    big = tmp_path / "big.jsonl"
    count = 120_000
    with big.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"text": f"بيان طويل رقم {i} عن الأسلحة", "annotator": "amal", "status": "done",
                                  "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}, ensure_ascii=False) + "\n")
    wal = path.with_name(path.name + "-wal")
    at_rest = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([sys.executable, MAIN, "import", str(path), str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    # Mid-way: the uncommitted transaction (triggers dropped, rows in) spills into the WAL.
    while (wal.stat().st_size if wal.exists() else 0) <= at_rest + 512 * 1024 and proc.poll() is None:
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    was_running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert was_running, "the import finished before it could be killed; make the file bigger"
    with Project.open(path) as reopened:
        assert triggers(reopened.conn) == PROGRESS_TRIGGERS
        assert reopened.statement_count() == 10
        check_counts(reopened, ("amal",))
        assert reopened.done_count("amal") == 1
        assert reopened.label_counts("amal") == {"ACTOR": 1, "CLAIM": 0}
        # The next write is counted as usual.
        reopened.set_status(statement=4, annotator="amal", status="done")
        assert reopened.done_count("amal") == 2
        check_counts(reopened, ("amal",))
