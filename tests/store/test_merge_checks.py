"""Merge sources get the checks an import gets: a hostile or damaged file is refused with one
line naming it, and the review project is left exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.errors import InputError
from main import cli
from store.merge import merge_projects
from store.project import Project
from tests.dump import dump


@pytest.fixture
def source(seeded_path: Path, tmp_path: Path) -> Path:
    """An annotator's copy: an ACTOR linked to a CLAIM with a stance, marked done."""
    path = tmp_path / "amal.bayan"
    shutil.copyfile(seeded_path, path)
    with Project.open(path) as project:
        actor = project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=4).id
        claim = project.add_span(statement=1, annotator="amal", label="CLAIM", start=5, end=20,
                                 attrs={"stance": "support"}).id
        project.add_relation(head=actor, tail=claim, label="CLAIMANT")
        project.set_status(statement=1, annotator="amal", status="done")
        project.add_seconds(statement=1, annotator="amal", seconds=4.0)
    return path


@pytest.fixture
def review(seeded_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.bayan"
    shutil.copyfile(seeded_path, path)
    return path


def tamper(path: Path, *statements: str) -> None:
    """Change a project file behind Bayan's back, as another program (or a damaged disk) would."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


CASES = [
    ("UPDATE spans SET end = 100000 WHERE label = 'ACTOR'", "not within the text"),
    ("UPDATE spans SET start = '٠' WHERE label = 'ACTOR'", "offsets must be integers"),
    ("UPDATE spans SET text = 'غير هذا' WHERE label = 'ACTOR'", "differs from the statement's"),
    ("UPDATE spans SET attrs = '{\"stance\": \"maybe\"}' WHERE label = 'CLAIM'", "stance must be one of"),
    ("UPDATE spans SET attrs = '{not json' WHERE label = 'CLAIM'", "attrs"),
    ("UPDATE spans SET attrs = '{\"colour\": \"red\"}' WHERE label = 'CLAIM'", "no attribute 'colour'"),
    ("UPDATE spans SET label = 'GHOST' WHERE label = 'ACTOR'", "unknown label 'GHOST'"),
    ("UPDATE statement_status SET seconds = -5", "seconds must be between"),
    ("UPDATE statement_status SET seconds = 1e999", "seconds must be between"),
    ("UPDATE statement_status SET status = 'finished'", "status 'finished'"),
    ("UPDATE statement_status SET updated_at = '9999-12-31T00:00:00.000+00:00'", "not a past time"),
    ("UPDATE statement_status SET updated_at = 'yesterday'", "not an ISO date"),
    ("UPDATE annotators SET name = 'amal' || char(27) || '[2J'", "control character (U+001B)"),
    ("UPDATE statements SET meta = '[]' WHERE seq = 1", "meta must be an object"),
    ("UPDATE statements SET id = 'a' || char(10) || 'b' WHERE seq = 1", "control character (U+000A)"),
    ("UPDATE relations SET head = tail", "CLAIMANT goes from ACTOR to CLAIM"),
    ("UPDATE relations SET head = 99999", "links a span that is not there"),
    ("UPDATE relations SET label = 'QUOTES'", "unknown relation 'QUOTES'"),
    ("INSERT INTO spans(statement, annotator, label, start, end, text) VALUES (99, 1, 'ACTOR', 0, 1, 'x')",
     "its statement has no text"),
    ("UPDATE labels SET attributes = '[{\"name\": \"stance\", \"values\": [\"a\\nA1\"]}]' WHERE name = 'CLAIM'",
     "must be printable"),
    ("UPDATE labels SET description = 'not json' WHERE name = 'ACTOR'", "schema is damaged"),
]


@pytest.mark.parametrize(("change", "reason"), CASES, ids=[c[1] for c in CASES])
def test_a_source_that_breaks_a_rule_is_refused_and_the_review_unchanged(
    source: Path, review: Path, change: str, reason: str
) -> None:
    tamper(source, change)
    before = dump(review)
    with Project.open(review) as project, pytest.raises(InputError) as refused:
        merge_projects(project, [source], add_labels=True)
    assert str(refused.value).startswith(f"{source}: ")
    assert reason in str(refused.value)
    assert dump(review) == before


def test_the_cli_says_it_in_one_line_without_a_traceback(source: Path, review: Path) -> None:
    tamper(source, "UPDATE spans SET label = 'GHOST' WHERE label = 'ACTOR'")
    before = dump(review)
    result = CliRunner().invoke(cli, ["merge", str(review), str(source)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "unknown label 'GHOST'" in lines[0] and str(source) in lines[0]
    assert dump(review) == before


def test_a_clean_source_still_merges_with_its_own_times(source: Path, review: Path) -> None:
    with Project.open(review) as project:
        [report] = merge_projects(project, [source])
        assert (report.records_added, report.spans_added, report.relations_added) == (1, 2, 1)


def test_a_forged_text_hash_is_not_copied(source: Path, review: Path, tmp_path: Path) -> None:
    tamper(source, "INSERT INTO statements(id, text, hash) VALUES ('new1', 'نص جديد تماما', 42)")
    with Project.open(review) as project:
        merge_projects(project, [source])
    # An import of the same text finds the statement by its real hash: no duplicate.
    added = tmp_path / "same.txt"
    added.write_text("نص جديد تماما\n", encoding="utf-8")
    from store.transfer import import_files

    with Project.open(review) as project:
        [report] = import_files(project, [added], fmt="txt")
        assert report.statements_added == 0
