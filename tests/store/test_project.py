"""The project store: opening and refusing files, migrations, and every write API."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import store.project as project_module
from core.errors import EditRefused, ProjectError
from core.formats.txt import read_txt
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema, parse_schema
from store.importer import import_records
from store.migrations import APPLICATION_ID, LATEST_VERSION, MIGRATIONS
from store.project import BUSY_TIMEOUT, Project

TEXT = "قال الوزير إن الهجوم 😀 مرفوض تماما"


def add_statements(project: Project, *texts: str) -> list[int]:
    data = "".join(t + "\n" for t in texts).encode("utf-8")
    import_records(project, read_txt(io.BytesIO(data), "t.txt"), file="t.txt")
    return [_seq(project, t) for t in texts]


def _seq(project: Project, text: str) -> int:
    row = project.conn.execute("SELECT seq FROM statements WHERE text = ?", (text,)).fetchone()
    assert row is not None, text
    return int(row[0])


def rows(path: Path, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read with a separate connection: what is on disk, not what one connection caches."""
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def pragma(path: Path, name: str) -> Any:
    return rows(path, f"PRAGMA {name}")[0][0]


# ------------------------------------------------------------------ create / open


def test_create_sets_up_a_wal_project_with_our_application_id(project_path: Path) -> None:
    with Project.create(project_path, load_schema(DEFAULT_SCHEMA), name="demo") as p:
        conn = p.conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == int(BUSY_TIMEOUT * 1000)
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert p.name == "demo"
        assert p.schema.label_names == ["ACTOR", "CLAIM"]
    assert pragma(project_path, "journal_mode") == "wal"
    assert pragma(project_path, "application_id") == APPLICATION_ID
    assert pragma(project_path, "user_version") == LATEST_VERSION == len(MIGRATIONS)
    assert rows(project_path, "SELECT name, from_label, to_label FROM relation_types") == [
        ("CLAIMANT", "ACTOR", "CLAIM")
    ]


def test_open_reopens_with_the_same_settings(project_path: Path) -> None:
    Project.create(project_path, load_schema(DEFAULT_SCHEMA)).close()
    with Project.open(project_path) as p:
        assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert p.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert p.conn.execute("PRAGMA busy_timeout").fetchone()[0] == int(BUSY_TIMEOUT * 1000)
        assert p.schema.relation("CLAIMANT") is not None
        # Foreign keys are enforced, not only switched on.
        with pytest.raises(sqlite3.IntegrityError):
            p.conn.execute(
                "INSERT INTO spans(statement, annotator, label, start, end, text)"
                " VALUES (99, 99, 'ACTOR', 0, 1, 'x')"
            )


def test_create_refuses_an_existing_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "x.bayan"
    path.write_bytes(b"precious")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path, load_schema(DEFAULT_SCHEMA))
    assert path.read_bytes() == b"precious"


def test_create_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.create(tmp_path / "nope" / "x.bayan", load_schema(DEFAULT_SCHEMA))
    assert not (tmp_path / "nope").exists()


def test_open_missing_file_or_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "missing.bayan")
    assert not (tmp_path / "missing.bayan").exists()
    with pytest.raises(ProjectError, match="folder"):
        Project.open(tmp_path)


def _assert_refused_untouched(path: Path, match: str) -> None:
    before = path.read_bytes()
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(ProjectError, match=match):
        Project.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings


def test_a_file_from_a_newer_bayan_is_refused_and_left_byte_identical(project_path: Path) -> None:
    with Project.create(project_path, load_schema(DEFAULT_SCHEMA)) as p:
        add_statements(p, TEXT)
        p.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    _assert_refused_untouched(project_path, "newer version")


def test_a_text_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "notes.bayan"
    path.write_text("قال الوزير\nhello\n", encoding="utf-8")
    _assert_refused_untouched(path, "not a Bayan project")


def test_an_empty_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "empty.bayan"
    path.write_bytes(b"")
    _assert_refused_untouched(path, "not a Bayan project")


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_an_sqlite_file_of_another_program_is_refused_and_left_byte_identical(
    tmp_path: Path, journal: str
) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE statements (id TEXT, text TEXT)")
    conn.execute("INSERT INTO statements VALUES ('1', 'x')")
    conn.commit()
    conn.close()
    _assert_refused_untouched(path, "another program")


def test_a_truncated_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.bayan"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 10)
    # An SQLite file whose header is cut short is damaged, whatever program it belonged to.
    _assert_refused_untouched(path, "damaged")


def _corrupt_copy(source: Path, target: Path) -> None:
    data = bytearray(source.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 6 * page
    # Scramble every page after the first: the header (application id, version) stays
    # readable, the b-trees do not.
    for offset in range(page, len(data), 7):
        data[offset] = (data[offset] * 31 + 17) % 256
    target.write_bytes(bytes(data))


def test_a_damaged_project_fails_the_integrity_check(project_path: Path, tmp_path: Path) -> None:
    with Project.create(project_path, load_schema(DEFAULT_SCHEMA)) as p:
        add_statements(p, *(f"{TEXT} {i} " + "نص" * 40 for i in range(400)))
    broken = tmp_path / "broken.bayan"
    _corrupt_copy(project_path, broken)
    with pytest.raises(ProjectError, match="damaged"):
        Project.open(broken)
    # The original is fine.
    with Project.open(project_path) as p:
        assert p.statement_count() == 400


def test_check_integrity_on_an_open_project(project: Project) -> None:
    project.check_integrity()  # a fresh project is fine: no exception


# ------------------------------------------------------------------ migrations


def _extra_migration(log: list[int]) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        log.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("CREATE TABLE future (x INTEGER)")

    return migrate


def test_a_backup_is_written_before_a_migration(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(project_path, load_schema(DEFAULT_SCHEMA)) as p:
        add_statements(p, TEXT, "ثاني")
    log: list[int] = []
    monkeypatch.setattr(project_module, "MIGRATIONS", [*MIGRATIONS, _extra_migration(log)])
    monkeypatch.setattr(project_module, "LATEST_VERSION", LATEST_VERSION + 1)

    with Project.open(project_path) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
        assert p.statement_count() == 2
    assert log == [LATEST_VERSION]
    assert rows(project_path, "SELECT count(*) FROM future") == [(0,)]

    backups = sorted(project_path.parent.glob(project_path.name + ".v*.bak"))
    assert len(backups) == 1
    assert backups[0].name.startswith(f"{project_path.name}.v{LATEST_VERSION}-")
    assert pragma(backups[0], "user_version") == LATEST_VERSION
    assert pragma(backups[0], "application_id") == APPLICATION_ID
    assert rows(backups[0], "SELECT text FROM statements ORDER BY seq") == [(TEXT,), ("ثاني",)]
    assert rows(backups[0], "SELECT name FROM sqlite_master WHERE name = 'future'") == []

    # Already migrated: opening again makes no second backup.
    Project.open(project_path).close()
    assert len(list(project_path.parent.glob("*.bak"))) == 1


def test_a_failed_migration_leaves_the_file_at_its_version(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(project_path, load_schema(DEFAULT_SCHEMA)) as p:
        add_statements(p, TEXT)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(project_module, "MIGRATIONS", [*MIGRATIONS, broken])
    monkeypatch.setattr(project_module, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(RuntimeError, match="migration bug"):
        Project.open(project_path)
    assert pragma(project_path, "user_version") == LATEST_VERSION
    assert rows(project_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []
    assert len(list(project_path.parent.glob("*.bak"))) == 1


# ------------------------------------------------------------------ write APIs


@pytest.fixture
def seqs(project: Project) -> list[int]:
    return add_statements(project, TEXT, "أعلنت منظمة حظر الأسلحة الكيميائية", "ثالث")


def span_rows(project: Project) -> list[tuple[Any, ...]]:
    return rows(
        project.path,
        "SELECT s.statement, a.name, s.label, s.start, s.end, s.text, s.attrs FROM spans s"
        " JOIN annotators a ON a.id = s.annotator ORDER BY s.id",
    )


def relation_rows(project: Project) -> list[tuple[Any, ...]]:
    return rows(project.path, "SELECT head, tail, label FROM relations ORDER BY id")


def status_rows(project: Project) -> list[tuple[Any, ...]]:
    return rows(
        project.path,
        "SELECT st.statement, a.name, st.status, st.note, st.seconds FROM statement_status st"
        " JOIN annotators a ON a.id = st.annotator ORDER BY st.statement, a.name",
    )


def test_add_span_stores_the_covered_text_and_touches_the_status(project: Project, seqs: list[int]) -> None:
    first = seqs[0]
    emoji_at = TEXT.index("😀")
    sid = project.add_span(statement=first, annotator="amal", label="CLAIM", start=emoji_at,
                           end=len(TEXT), attrs={"stance": "oppose"}).id
    assert span_rows(project) == [
        (first, "amal", "CLAIM", emoji_at, len(TEXT), TEXT[emoji_at:], '{"stance": "oppose"}')
    ]
    assert status_rows(project) == [(first, "amal", "todo", "", 0.0)]
    # The same span again is the same span.
    again = project.add_span(statement=first, annotator="amal", label="CLAIM", start=emoji_at, end=len(TEXT)).id
    assert again == sid
    assert len(span_rows(project)) == 1
    stored = project.span(sid)
    assert stored is not None and stored.attrs == {"stance": "oppose"} and stored.annotator == "amal"
    # Another annotator's identical span is a different span.
    other = project.add_span(statement=first, annotator="bilal", label="CLAIM", start=emoji_at, end=len(TEXT)).id
    assert other != sid
    assert [s.id for s in project.spans(first, "bilal")] == [other]


@pytest.mark.parametrize(
    ("start", "end", "label", "attrs", "match"),
    [
        (-1, 3, "ACTOR", None, "not within"),
        (3, 3, "ACTOR", None, "not within"),
        (4, 2, "ACTOR", None, "not within"),
        (0, len(TEXT) + 1, "ACTOR", None, "not within"),
        (0, 3, "PLACE", None, "unknown label"),
        (0, 3, "ACTOR", {"stance": "support"}, "stance"),
        (0, 3, "CLAIM", {"stance": "maybe"}, "maybe"),
    ],
)
def test_add_span_rejects_bad_spans_and_writes_nothing(
    project: Project, seqs: list[int], start: int, end: int, label: str, attrs: dict[str, str] | None, match: str
) -> None:
    with pytest.raises(EditRefused, match=match):
        project.add_span(statement=seqs[0], annotator="amal", label=label, start=start, end=end, attrs=attrs)
    assert span_rows(project) == []
    assert status_rows(project) == []


def test_add_span_on_a_missing_statement(project: Project, seqs: list[int]) -> None:
    with pytest.raises(EditRefused, match="no statement"):
        project.add_span(statement=999, annotator="amal", label="ACTOR", start=0, end=1)


def _actor_claim(project: Project, statement: int, annotator: str = "amal") -> tuple[int, int, int]:
    actor = project.add_span(statement=statement, annotator=annotator, label="ACTOR", start=0, end=3).id
    claim = project.add_span(statement=statement, annotator=annotator, label="CLAIM", start=4, end=10,
                             attrs={"stance": "support"}).id
    rel = project.add_relation(head=actor, tail=claim, label="CLAIMANT").id
    return actor, claim, rel


def test_delete_span_takes_its_relations_and_restore_brings_both_back(project: Project, seqs: list[int]) -> None:
    actor, claim, rel = _actor_claim(project, seqs[0])
    spans_before, relations_before = span_rows(project), relation_rows(project)
    deleted = project.delete_span(claim)
    assert deleted is not None
    assert deleted.span.id == claim and deleted.span.attrs == {"stance": "support"}
    assert [r.id for r in deleted.relations] == [rel]
    assert [r[2] for r in span_rows(project)] == ["ACTOR"]
    assert relation_rows(project) == []
    assert project.delete_span(claim) is None
    project.restore_span(deleted)
    assert span_rows(project) == spans_before
    assert relation_rows(project) == relations_before == [(actor, claim, "CLAIMANT")]
    assert project.span(claim) == deleted.span


def test_delete_head_span_removes_the_relation_too(project: Project, seqs: list[int]) -> None:
    actor, claim, _ = _actor_claim(project, seqs[0])
    deleted = project.delete_span(actor)
    assert deleted is not None and len(deleted.relations) == 1
    assert relation_rows(project) == []
    project.restore_span(deleted)
    assert relation_rows(project) == [(actor, claim, "CLAIMANT")]


def test_set_span_label_drops_relations_that_no_longer_fit(project: Project, seqs: list[int]) -> None:
    actor, claim, rel = _actor_claim(project, seqs[0])
    project.set_span_label(claim, "CLAIM")  # same label: the relation still fits
    assert relation_rows(project) == [(actor, claim, "CLAIMANT")]
    project.set_span_label(claim, "ACTOR")
    assert rows(project.path, "SELECT label FROM spans WHERE id = ?", (claim,)) == [("ACTOR",)]
    assert relation_rows(project) == []


def test_set_span_label_drops_attributes_the_new_label_lacks(project: Project, seqs: list[int]) -> None:
    _, claim, _ = _actor_claim(project, seqs[0])
    project.set_span_label(claim, "ACTOR")
    stored = project.span(claim)
    assert stored is not None and stored.label == "ACTOR" and stored.attrs == {}
    assert rows(project.path, "SELECT attrs FROM spans WHERE id = ?", (claim,)) == [(None,)]


def test_set_span_label_rejects_unknown_labels_and_duplicates(project: Project, seqs: list[int]) -> None:
    actor, claim, _ = _actor_claim(project, seqs[0])
    before = span_rows(project), relation_rows(project)
    with pytest.raises(EditRefused, match="unknown label"):
        project.set_span_label(actor, "PLACE")
    same_range = project.add_span(statement=seqs[0], annotator="amal", label="CLAIM", start=0, end=3).id
    with pytest.raises(EditRefused, match="already"):
        project.set_span_label(same_range, "ACTOR")
    assert project.span(same_range) is not None
    project.delete_span(same_range)
    assert (span_rows(project), relation_rows(project)) == before


def test_set_span_attrs(project: Project, seqs: list[int]) -> None:
    _, claim, _ = _actor_claim(project, seqs[0])
    project.set_span_attrs(claim, {"stance": "neutral"})
    assert rows(project.path, "SELECT attrs FROM spans WHERE id = ?", (claim,)) == [('{"stance": "neutral"}',)]
    project.set_span_attrs(claim, {})
    assert rows(project.path, "SELECT attrs FROM spans WHERE id = ?", (claim,)) == [(None,)]
    with pytest.raises(EditRefused):
        project.set_span_attrs(claim, {"stance": "maybe"})
    with pytest.raises(EditRefused):
        project.set_span_attrs(claim, {"mood": "happy"})
    assert rows(project.path, "SELECT attrs FROM spans WHERE id = ?", (claim,)) == [(None,)]


def test_add_relation_validates_its_ends(project: Project, seqs: list[int]) -> None:
    actor, claim, rel = _actor_claim(project, seqs[0])
    assert project.add_relation(head=actor, tail=claim, label="CLAIMANT").id == rel  # no duplicate
    with pytest.raises(EditRefused):
        project.add_relation(head=claim, tail=actor, label="CLAIMANT")  # wrong direction
    with pytest.raises(EditRefused):
        project.add_relation(head=actor, tail=claim, label="QUOTES")  # unknown type
    with pytest.raises(EditRefused, match="no span"):
        project.add_relation(head=actor, tail=12345, label="CLAIMANT")
    other_statement = project.add_span(statement=seqs[1], annotator="amal", label="CLAIM", start=0, end=4).id
    with pytest.raises(EditRefused, match="one statement"):
        project.add_relation(head=actor, tail=other_statement, label="CLAIMANT")
    other_annotator = project.add_span(statement=seqs[0], annotator="bilal", label="CLAIM", start=4, end=10).id
    with pytest.raises(EditRefused, match="one statement"):
        project.add_relation(head=actor, tail=other_annotator, label="CLAIMANT")
    assert relation_rows(project) == [(actor, claim, "CLAIMANT")]
    removed = project.delete_relation(rel)
    assert removed is not None and (removed.head, removed.tail, removed.label) == (actor, claim, "CLAIMANT")
    assert relation_rows(project) == []
    assert project.delete_relation(rel) is None
    # Undo of a delete puts it back under its old id.
    assert project.add_relation(head=actor, tail=claim, label="CLAIMANT", relation_id=rel).id == rel


def test_set_status_returns_the_previous_one(project: Project, seqs: list[int]) -> None:
    assert project.set_status(statement=seqs[1], annotator="amal", status="done") == "todo"
    assert project.set_status(statement=seqs[1], annotator="amal", status="skipped") == "done"
    assert status_rows(project) == [(seqs[1], "amal", "skipped", "", 0.0)]
    assert project.status(seqs[1], "amal").updated_at is not None
    with pytest.raises(EditRefused):
        project.set_status(statement=seqs[1], annotator="amal", status="finished")
    assert project.status(seqs[1], "amal").status == "skipped"
    assert project.status(seqs[1], "nobody").status == "todo"


def test_set_note_and_add_seconds(project: Project, seqs: list[int]) -> None:
    assert project.set_note(statement=seqs[0], annotator="amal", note="غامض") == ""
    assert project.set_note(statement=seqs[0], annotator="amal", note="clear now") == "غامض"
    project.add_seconds(statement=seqs[0], annotator="amal", seconds=2.5)
    project.add_seconds(statement=seqs[0], annotator="amal", seconds=1.25)
    project.add_seconds(statement=seqs[0], annotator="amal", seconds=0)
    for wrong in (-4, float("nan"), float("inf")):
        with pytest.raises(EditRefused, match="seconds"):
            project.add_seconds(statement=seqs[0], annotator="amal", seconds=wrong)
    project.add_seconds(statement=seqs[2], annotator="bilal", seconds=3)
    assert status_rows(project) == [
        (seqs[0], "amal", "todo", "clear now", 3.75),
        (seqs[2], "bilal", "todo", "", 3.0),
    ]


def test_first_open_statement(project: Project, seqs: list[int]) -> None:
    assert project.first_open_statement("amal") == seqs[0]  # unknown annotator: everything is open
    project.set_status(statement=seqs[0], annotator="amal", status="done")
    project.set_status(statement=seqs[1], annotator="amal", status="skipped")
    assert project.first_open_statement("amal") == seqs[1]
    assert project.first_open_statement("amal", after=seqs[1]) == seqs[2]
    assert project.first_open_statement("bilal") == seqs[0]
    project.set_status(statement=seqs[2], annotator="amal", status="done")
    assert project.first_open_statement("amal", after=seqs[1]) is None
    assert project.done_count("amal") == 2


def test_statements_window(project: Project, seqs: list[int]) -> None:
    long_text = "ب" * 300
    (long_seq,) = add_statements(project, long_text)
    project.set_status(statement=seqs[1], annotator="amal", status="done")
    project.set_note(statement=seqs[2], annotator="amal", note="x")
    window = project.statements_window(seqs[1], 10, annotator="amal")
    assert [r[0] for r in window] == [seqs[1], seqs[2], long_seq]
    assert window[0][2:] == ("أعلنت منظمة حظر الأسلحة الكيميائية", "done", False)
    assert window[1][3:] == ("todo", True)
    assert window[2][2] == long_text[:120]
    assert [r[3] for r in project.statements_window(1, 2)] == ["todo", "todo"]
    assert [r[3] for r in project.statements_window(1, 10, annotator="nobody")] == ["todo"] * 4
    assert project.statements_window(long_seq + 1, 10) == []


def test_a_failed_write_changes_nothing(project: Project, seqs: list[int]) -> None:
    _actor_claim(project, seqs[0])
    before = span_rows(project), relation_rows(project), status_rows(project)
    with pytest.raises(RuntimeError), project.atomic():
        project.add_span(statement=seqs[1], annotator="carol", label="ACTOR", start=0, end=2)
        project.set_status(statement=seqs[1], annotator="carol", status="done")
        raise RuntimeError("boom")
    assert (span_rows(project), relation_rows(project), status_rows(project)) == before
    assert "carol" not in project.annotators()
    # The annotator cache was reset with the rollback: carol can be created again.
    project.set_status(statement=seqs[1], annotator="carol", status="done")
    assert project.status(seqs[1], "carol").status == "done"


def test_extend_schema_adds_missing_labels(project: Project) -> None:
    extra = parse_schema({"labels": [{"name": "PLACE", "color": "#123456", "key": "p"}],
                          "relations": [{"name": "AT", "from": "PLACE", "to": "PLACE"}]})
    project.extend_schema(project.schema.with_label("PLACE").with_relation("AT", "PLACE", "PLACE"))
    assert project.schema.label_names == ["ACTOR", "CLAIM", "PLACE"]
    assert extra.label("PLACE") is not None
    reopened = Project.open(project.path)
    try:
        assert reopened.schema.relation("AT") is not None
    finally:
        reopened.close()
    stored = json.loads(rows(project.path, "SELECT attributes FROM labels WHERE name = 'CLAIM'")[0][0])
    assert [(a["name"], a["values"]) for a in stored] == [("stance", ["support", "oppose", "neutral"])]
    assert stored[0]["value_names"]["oppose"] == {"ar": "معارضة"}  # display names stored with the values


def test_a_foreign_database_with_a_hot_wal_is_refused_without_touching_either_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "crashed.db"
    # Another program wrote in WAL mode and died before checkpointing: the WAL is "hot".
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=wal')\n"
        "c.execute('CREATE TABLE t (x)'); c.execute('INSERT INTO t VALUES (1)'); c.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=30)
    wal = tmp_path / "crashed.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    before = path.read_bytes(), wal.read_bytes()
    with pytest.raises(ProjectError, match="another program"):
        Project.open(path)
    assert (path.read_bytes(), wal.read_bytes()) == before


def test_a_failed_commit_does_not_leave_the_transaction_open(project: Project, seqs: list[int]) -> None:
    # A deferred foreign key fails at COMMIT, like a disk-full error would.
    project.conn.execute("PRAGMA defer_foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError), project.atomic():
        project.conn.execute("PRAGMA defer_foreign_keys = ON")
        project.conn.execute(
            "INSERT INTO spans(statement, annotator, label, start, end, text) VALUES (999, 1, 'ACTOR', 0, 1, 'x')"
        )
    assert not project.conn.in_transaction
    project.set_status(statement=seqs[0], annotator="amal", status="done")
    assert status_rows(project) == [(seqs[0], "amal", "done", "", 0.0)]  # committed, visible to others


def test_a_failed_savepoint_forgets_cached_annotators(project: Project, seqs: list[int]) -> None:
    with project.atomic():
        with pytest.raises(RuntimeError), project.atomic():
            project.set_status(statement=seqs[0], annotator="carol", status="done")
            raise RuntimeError
        project.set_status(statement=seqs[1], annotator="carol", status="done")
    assert status_rows(project) == [(seqs[1], "carol", "done", "", 0.0)]


def test_add_relation_with_an_id_taken_meanwhile_gets_a_new_one(project: Project, seqs: list[int]) -> None:
    actor, claim, rel = _actor_claim(project, seqs[0])
    project.delete_relation(rel)
    other_actor = project.add_span(statement=seqs[0], annotator="amal", label="ACTOR", start=11, end=13).id
    taken = project.add_relation(head=other_actor, tail=claim, label="CLAIMANT").id
    assert taken == rel  # SQLite hands the freed id out again
    restored = project.add_relation(head=actor, tail=claim, label="CLAIMANT", relation_id=rel).id
    assert restored != rel
    assert sorted(relation_rows(project)) == sorted([(other_actor, claim, "CLAIMANT"), (actor, claim, "CLAIMANT")])


def test_set_span_bounds_keeps_label_attributes_and_links(project: Project, seqs: list[int]) -> None:
    actor, claim, rel = _actor_claim(project, seqs[0])
    assert project.set_span_bounds(claim, 4, 12) == (4, 10)
    moved = project.span(claim)
    assert moved is not None and (moved.start, moved.end, moved.text) == (4, 12, TEXT[4:12])
    assert moved.attrs == {"stance": "support"} and moved.label == "CLAIM"
    assert [r.id for r in project.relations(seqs[0], "amal")] == [rel]
    with pytest.raises(EditRefused, match="not within"):
        project.set_span_bounds(claim, 5, 5)
    project.add_span(statement=seqs[0], annotator="amal", label="ACTOR", start=20, end=25)
    with pytest.raises(EditRefused, match="already has"):
        project.set_span_bounds(actor, 20, 25)
