"""`bayan adjudicate`: majority pre-fill of gold from the command line, its messages and exit
codes, and `export --annotator gold` of the result in every format."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from core.formats.registry import EXPORTS, FOLDER_READERS, READERS
from core.formats.report import Losses
from core.model import GOLD, Record
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from core.tokenize import tokenize
from main import cli
from store.importer import import_records
from store.project import Project
from store.review import set_gold_status
from tests.dump import dump

SEED_TEXTS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def word(text: str, n: int) -> tuple[int, int]:
    token = [t for t in tokenize(text) if t.text.isalpha()][n]
    return token.start, token.end


def record(text: str, who: str, k: int) -> dict[str, Any]:
    """amal and badr agree on an ACTOR, a CLAIM (stance support) and their CLAIMANT; carla marks
    the ACTOR and another CLAIM, with stance oppose, and has not finished the last statement."""
    actor = word(text, 1)
    claim = (word(text, 3)[0], word(text, 6 if who != "carla" else 5)[1])
    spans = [{"id": "A", "start": actor[0], "end": actor[1], "label": "ACTOR"},
             {"id": "C", "start": claim[0], "end": claim[1], "label": "CLAIM",
              "attrs": {"stance": "oppose" if who == "carla" else "support"}}]
    status = "todo" if who == "carla" and k == len(SEED_TEXTS) - 1 else "done"
    return {"text": text, "annotator": who, "status": status, "spans": spans,
            "relations": [{"head": "A", "tail": "C", "label": "CLAIMANT"}]}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.bayan"
    work = tmp_path / "work.jsonl"
    work.write_text("".join(json.dumps(record(text, who, k), ensure_ascii=False) + "\n"
                            for who in ("amal", "badr", "carla") for k, text in enumerate(SEED_TEXTS)),
                    encoding="utf-8")
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project, work.open("rb") as source:
        import_records(project, READERS["jsonl"](source, str(work)), file=str(work))
    return path


def run(*args: object) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def gold_spans(path: Path) -> list[tuple[int, int, int, str, dict[str, str]]]:
    with Project.open(path, read_only=True) as project:
        return [(s.statement, s.start, s.end, s.label, s.attrs)
                for seq in range(1, project.statement_count() + 1) for s in project.spans(seq, GOLD)]


def test_adjudicate_prints_what_it_added_and_adds_nothing_again(team: Path) -> None:
    result = run("adjudicate", team, "--min-agree", "2")
    assert result.exit_code == 0, result.output
    n = len(SEED_TEXTS)
    # Every statement but the last (carla did not finish it): the ACTOR all three share and
    # amal's and badr's CLAIM with their stance, linked.
    assert result.stdout == (f"gold: {2 * (n - 1)} spans and {n - 1} relations added on {n - 1} statements "
                             f"(at least 2 of amal, badr, carla, on the {n - 1} statements they all marked done)\n")
    spans = gold_spans(team)
    assert len(spans) == 2 * (n - 1) and n not in {s[0] for s in spans}
    assert {s[3]: s[4] for s in spans} == {"ACTOR": {}, "CLAIM": {"stance": "support"}}
    before = dump(team)
    again = run("adjudicate", team, "--min-agree", "2")
    assert again.exit_code == 0
    assert again.stdout.startswith("gold: 0 spans and 0 relations added on 0 statements")
    assert dump(team) == before


def test_chosen_annotators(team: Path) -> None:
    result = run("adjudicate", team, "--min-agree", "2", "--annotators", "amal, carla")
    assert result.exit_code == 0, result.output
    assert "at least 2 of amal, carla, on the 9 statements" in result.stdout
    assert {s[3] for s in gold_spans(team)} == {"ACTOR"}  # their CLAIMs differ


@pytest.mark.parametrize(("args", "message"), [
    (["--min-agree", "0"], "between 1 and 3 (the annotators chosen), not 0"),
    (["--min-agree", "4"], "between 1 and 3 (the annotators chosen), not 4"),
    (["--min-agree", "-1"], "not -1"),
    (["--min-agree", "1", "--annotators", "amal,zaid"], "no annotator 'zaid'"),
    (["--min-agree", "1", "--annotators", "amal"], "two annotators or more; 1 chosen"),
    (["--min-agree", "1", "--annotators", "amal,amal"], "twice"),
])
def test_bad_input_is_one_line_and_status_2(team: Path, args: list[str], message: str) -> None:
    before = dump(team)
    result = run("adjudicate", team, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert result.stderr.startswith("bayan: ")
    assert dump(team) == before


def test_gold_cannot_be_one_of_the_annotators(team: Path) -> None:
    run("adjudicate", team, "--min-agree", "2")
    result = run("adjudicate", team, "--min-agree", "1", "--annotators", "amal,gold")
    assert result.exit_code == 2 and "cannot be one of the annotators" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_project_without_annotators(tmp_path: Path) -> None:
    path = tmp_path / "one.bayan"
    Project.create(path, load_schema(DEFAULT_SCHEMA)).close()
    result = run("adjudicate", path, "--min-agree", "1")
    assert result.exit_code == 2 and "two annotators or more; 0 chosen" in result.stderr
    missing = run("adjudicate", tmp_path / "none.bayan", "--min-agree", "1")
    assert missing.exit_code == 2 and "no such project" in missing.stderr


def test_names_from_the_project_are_printed_inert(team: Path) -> None:
    conn = sqlite3.connect(str(team))
    with conn:
        conn.execute("UPDATE annotators SET name = 'badr\x1b[2J' WHERE name = 'badr'")
    conn.close()
    result = run("adjudicate", team, "--min-agree", "3")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "badr\\x1b[2J" in result.stdout


def reread(fmt: str, out: Path) -> dict[str, set[tuple[int, int, str]]]:
    """The spans an export holds, read back by Bayan's reader of that format, by statement text."""
    got: dict[str, set[tuple[int, int, str]]] = {}
    items: Iterator[tuple[str | None, Record]]
    if fmt in FOLDER_READERS:
        items = ((doc.record.annotator, doc.record) for doc in FOLDER_READERS[fmt](out, Losses()))
    else:
        with out.open("rb") as stream:
            items = iter([(rec.annotator, rec) for _, rec in READERS[fmt](stream, str(out))])
    for annotator, rec in items:
        assert annotator == GOLD
        got.setdefault(rec.text, set()).update((s.start, s.end, s.label) for s in rec.spans)
    return got


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_export_of_gold_in_every_format(team: Path, tmp_path: Path, fmt: str) -> None:
    assert run("adjudicate", team, "--min-agree", "2").exit_code == 0
    with Project.open(team) as project:
        for seq in (1, 2, 3):
            set_gold_status(project, seq, "done")  # adjudicated: what export takes by default
        expected = {project.statement(seq).text: {(s.start, s.end, s.label)  # type: ignore[union-attr]
                                                  for s in project.spans(seq, GOLD)} for seq in (1, 2, 3)}
    out = tmp_path / f"gold.{fmt}"
    result = run("export", team, out, "--format", fmt, "--annotator", GOLD)
    assert result.exit_code == 0, result.output
    assert "wrote 3 records" in result.stderr
    if fmt in READERS or fmt in FOLDER_READERS:
        assert reread(fmt, out) == expected
    elif fmt == "conll":
        text = out.read_text(encoding="utf-8")
        assert text.count("# annotator = gold") == 3 and "B-ACTOR" in text and "B-CLAIM" in text
    elif fmt == "network-csv":  # gold's links, one per statement, with gold's stance (carla's oppose is out)
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert [(r["Relation"], r["Weight"], r["stance"], r["stance_oppose"]) for r in rows] == [
            ("CLAIMANT", "1", "support", "0")] * 3
    else:
        assert fmt == "network"
        text = out.read_text(encoding="utf-8")
        assert text.count("<edge ") == 3 and text.count(">support<") == 3 and ">oppose<" not in text
