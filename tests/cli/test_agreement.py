"""`bayan agreement` on the seeds annotated by several annotators, as a reviewer runs it."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from core.formats.registry import READERS
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from core.tokenize import tokenize
from main import cli
from store.agreement import iter_work
from store.export import iter_records
from store.importer import import_records
from store.project import Project
from store.selection import RecordSelection

SEED_TEXTS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def word(text: str, n: int) -> tuple[int, int]:
    token = [t for t in tokenize(text) if t.text.isalpha()][n]
    return token.start, token.end


def spans_of(text: str, who: str, k: int) -> list[dict[str, Any]]:
    """amal and badr agree on the ACTOR; their CLAIMs differ in boundary; carla labels differently."""
    actor = word(text, 1)
    claim = (word(text, 3)[0], word(text, 6 + (k % 2 if who == "badr" else 0))[1])
    if who == "carla":
        return [{"start": actor[0], "end": actor[1], "label": "CLAIM"}]
    return [{"start": actor[0], "end": actor[1], "label": "ACTOR"},
            {"start": claim[0], "end": claim[1], "label": "CLAIM"}]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.bayan"
    lines = []
    for who in ("amal", "badr", "carla", "gold"):
        for k, text in enumerate(SEED_TEXTS):
            # carla has not finished the last statement; gold is never measured by default.
            status = "todo" if (who == "carla" and k == len(SEED_TEXTS) - 1) else "done"
            lines.append(json.dumps({"text": text, "annotator": who, "status": status,
                                     "spans": spans_of(text, who, k)}, ensure_ascii=False))
    work = tmp_path / "work.jsonl"
    work.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project, SEED_STATEMENTS.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(SEED_STATEMENTS)), file="seeds")
        with work.open("rb") as source:
            import_records(project, READERS["jsonl"](source, str(work)), file=str(work))
    return path


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_the_json_report_has_every_figure(team: Path) -> None:
    result = run("agreement", str(team), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["annotators"] == ["amal", "badr", "carla"]  # gold is not measured by default
    assert report["labels"] == ["ACTOR", "CLAIM"]
    assert report["statements"] == len(SEED_TEXTS) - 1  # carla did not finish the last one
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    assert set(pairs) == {("amal", "badr"), ("amal", "carla"), ("badr", "carla")}
    assert pairs[("amal", "badr")]["statements"] == len(SEED_TEXTS)
    assert pairs[("amal", "carla")]["statements"] == len(SEED_TEXTS) - 1
    amal_badr = pairs[("amal", "badr")]["span_f1"]
    assert amal_badr["strict"]["ACTOR"] == 1.0 and amal_badr["overlap"]["CLAIM"] == 1.0
    assert 0 < amal_badr["strict"]["CLAIM"] < 1  # half the CLAIMs differ in their end
    assert pairs[("amal", "carla")]["span_f1"]["strict"]["ACTOR"] == 0.0
    assert set(report["fleiss_kappa"]) == set(report["krippendorff_alpha"]) == {"ACTOR", "CLAIM"}
    assert set(report["unitizing_alpha"]) == {"ACTOR", "CLAIM", "overall"}
    assert 0 < len(report["worst_statements"]) <= 10
    assert all(set(w) == {"id", "score"} for w in report["worst_statements"])
    assert "NaN" not in result.output and "Infinity" not in result.output


def test_a_chosen_pair_and_label(team: Path) -> None:
    report = json.loads(run("agreement", str(team), "--json", "--annotators", "amal,badr",
                            "--labels", "ACTOR").output)
    assert report["annotators"] == ["amal", "badr"] and report["labels"] == ["ACTOR"]
    [pair] = report["pairs"]
    assert pair["span_f1"]["strict"] == {"ACTOR": 1.0, "micro": 1.0}
    # Every ACTOR tag the same for both: kappa is 1 where tags vary, and the alphas follow.
    assert pair["cohen_kappa"]["ACTOR"] == 1.0
    assert report["unitizing_alpha"]["ACTOR"] == 1.0


def test_mistakes_get_one_line_and_status_2(team: Path) -> None:
    for args, message in (
        (["--annotators", "amal,zaid"], "no annotator 'zaid'"),
        (["--annotators", "amal"], "two annotators or more"),
        (["--labels", "PLACE"], "no label 'PLACE'"),
        (["--annotators", "amal,amal"], "twice"),
    ):
        result = run("agreement", str(team), *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output


def test_the_statement_table_and_the_text_report(team: Path, tmp_path: Path) -> None:
    table = tmp_path / "statements.csv"
    result = run("agreement", str(team), "--statements-csv", str(table), "--bidi", "off")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [Project.open(team).statement(k + 1).id  # type: ignore[union-attr]
                                       for k in range(len(SEED_TEXTS))]
    assert set(rows[0]) == {"id", "annotators", "score", "missing", "extra", "boundary", "label"}
    assert "span F1" in result.output and "Fleiss' kappa" in result.output and "unitizing alpha" in result.output
    worst = max(rows, key=lambda r: float(r["score"]))["id"]
    assert worst in result.output
    # Without --bidi the Arabic is printed as it is stored (logical order, unshaped letters);
    # with it, shaped into presentation forms for a terminal that cannot do that itself.
    assert any(text[:20] in result.output for text in SEED_TEXTS)
    shaped = run("agreement", str(team), "--bidi", "on").output
    assert not any(text[:20] in shaped for text in SEED_TEXTS)
    assert any("\ufe70" <= ch <= "\ufeff" for ch in shaped)


def test_it_measures_exactly_what_export_selects(team: Path) -> None:
    with Project.open(team, read_only=True) as project:
        measured = {(w.id, who): sorted(spans) for w in iter_work(project, ["amal", "carla"])
                    for who, spans in w.spans.items()}
        exported = {
            (r.id, r.annotator): sorted((s.start, s.end, s.label) for s in r.spans)
            for who in ("amal", "carla")
            for r in iter_records(project, RecordSelection.for_export(who, "done"))
        }
    assert measured == exported
