"""`merge` on the command line: the team workflow of the README, conflicts, schema checks."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from main import cli

SEEDS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def span(text: str, word: str, label: str, **attrs: str) -> dict[str, Any]:
    start = text.index(word)
    return {"id": f"{label}{start}", "start": start, "end": start + len(word), "label": label, "attrs": attrs}


def annotation_file(path: Path, annotator: str, picks: dict[int, list[dict[str, Any]]], status: str = "done") -> Path:
    """A native JSONL file with one record per picked seed statement (matched by text)."""
    with path.open("w", encoding="utf-8") as out:
        for index, spans in picks.items():
            actors = [s for s in spans if s["label"] == "ACTOR"]
            claims = [s for s in spans if s["label"] == "CLAIM"]
            relations = [
                {"head": a["id"], "tail": c["id"], "label": "CLAIMANT"} for a in actors[:1] for c in claims[:1]
            ]
            record = {"text": SEEDS[index], "annotator": annotator, "status": status, "spans": spans,
                      "relations": relations}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def export_all(project: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "export.jsonl"
    ok("export", project, out, "--status", "all")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def content(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """Records by content, span ids (which differ between files) left out."""
    out = set()
    for r in records:
        by_id = {s["id"]: (s["label"], s["start"], s["end"]) for s in r["spans"]}
        out.add((
            r["id"], r["annotator"], r["status"], r["note"],
            frozenset((s["label"], s["start"], s["end"], s["text"], json.dumps(s["attrs"])) for s in r["spans"]),
            frozenset((by_id[x["head"]], by_id[x["tail"]], x["label"]) for x in r["relations"]),
        ))
    return out


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    """The README's team workflow up to the merge: a project, copied to three annotators who annotate."""
    ok("init", tmp_path / "seeds.bayan")
    ok("import", tmp_path / "seeds.bayan", SEED_STATEMENTS)
    files = {"review": tmp_path / "review.bayan"}
    shutil.copyfile(tmp_path / "seeds.bayan", files["review"])
    t = SEEDS
    work = {
        "amal": {0: [span(t[0], "الائتلاف الوطني السوري", "ACTOR"),
                     span(t[0], "تحرك المجتمع الدولي لمحاسبة النظام السوري", "CLAIM", stance="support"),
                     span(t[0], "المجتمع الدولي", "ACTOR")],  # nested in the CLAIM
                 2: [span(t[2], "منظمة حظر الأسلحة الكيميائية", "ACTOR")]},
        "badr": {0: [span(t[0], "الائتلاف الوطني", "ACTOR"),
                     span(t[0], "محاسبة النظام السوري", "CLAIM", stance="oppose")],
                 1: [span(t[1], "الدول الأعضاء", "ACTOR"), span(t[1], "حظر الأسلحة", "ACTOR")]},
        "carla": {i: [span(t[i], t[i][:6], "ACTOR"), span(t[i], t[i][:20], "CLAIM")] for i in range(len(t))},
    }
    for name, picks in work.items():
        files[name] = tmp_path / f"{name}.bayan"
        shutil.copyfile(tmp_path / "seeds.bayan", files[name])
        jsonl = annotation_file(tmp_path / f"{name}.jsonl", name, picks)
        ok("import", files[name], jsonl)
    return files


def test_team_workflow_merges_every_annotators_work(team: dict[str, Path], tmp_path: Path) -> None:
    want: set[tuple[Any, ...]] = set()
    for name in ("amal", "badr", "carla"):
        want |= {r for r in content(export_all(team[name], tmp_path)) if r[1] == name}

    result = ok("merge", team["review"], team["amal"], team["badr"], team["carla"])

    assert "amal.bayan: annotators amal; 2 new records" in result.stdout
    assert "carla.bayan: annotators carla; 10 new records" in result.stdout
    merged = export_all(team["review"], tmp_path)
    assert {r for r in content(merged) if r[1] is not None} == want
    stats = json.loads(ok("stats", team["review"], "--json").stdout)
    assert stats["statements"] == len(SEEDS)
    assert {a["name"]: a["spans"] for a in stats["annotators"]} == {"amal": 4, "badr": 4, "carla": 20}
    assert stats["relations"] == 1 + 1 + 10

    again = ok("merge", team["review"], team["amal"], team["badr"], team["carla"])
    lines = again.stdout.splitlines()
    assert len(lines) == 3
    assert all(" 0 new records" in line and "0 new spans, 0 new relations" in line for line in lines)
    assert export_all(team["review"], tmp_path) == merged


def test_conflict_exits_2_names_statements_and_changes_nothing(team: dict[str, Path], tmp_path: Path) -> None:
    ok("merge", team["review"], team["amal"])
    before = export_all(team["review"], tmp_path)
    # Amal's second laptop: the same name, other spans on statement 3.
    laptop = tmp_path / "amal-laptop.bayan"
    shutil.copyfile(tmp_path / "seeds.bayan", laptop)
    ok("import", laptop, annotation_file(tmp_path / "laptop.jsonl", "amal", {2: [span(SEEDS[2], "سوريا", "ACTOR")]}))
    statement_id = export_all(laptop, tmp_path)[2]["id"]

    result = run("merge", team["review"], team["badr"], laptop)

    assert result.exit_code == 2
    assert "amal" in result.stderr and statement_id in result.stderr and "--prefer newer" in result.stderr
    assert "Traceback" not in result.output
    assert export_all(team["review"], tmp_path) == before


def test_prefer_newer_takes_the_later_record(team: dict[str, Path], tmp_path: Path) -> None:
    ok("merge", team["review"], team["amal"])
    time.sleep(0.01)
    laptop = tmp_path / "amal-laptop.bayan"
    shutil.copyfile(tmp_path / "seeds.bayan", laptop)
    ok("import", laptop, annotation_file(tmp_path / "laptop.jsonl", "amal", {2: [span(SEEDS[2], "سوريا", "ACTOR")]}))

    result = ok("merge", team["review"], laptop, "--prefer", "newer")

    assert "1 replaced by newer" in result.stdout
    records = [r for r in export_all(team["review"], tmp_path) if r["annotator"] == "amal"]
    by_text = {r["text"]: r for r in records}
    assert [(s["label"], s["text"]) for s in by_text[SEEDS[2]]["spans"]] == [("ACTOR", "سوريا")]
    assert len(by_text[SEEDS[0]]["spans"]) == 3  # amal's other statement is untouched


def test_schema_mismatch_exits_2_unless_add_labels(team: dict[str, Path], tmp_path: Path) -> None:
    schema = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
    schema["labels"].append({"name": "PLACE", "color": "#43a047", "key": "p"})
    (tmp_path / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    other = tmp_path / "dina.bayan"
    ok("init", other, "--schema", tmp_path / "schema.json")
    ok("import", other, annotation_file(tmp_path / "dina.jsonl", "dina", {2: [span(SEEDS[2], "سوريا", "PLACE")]}))
    before = export_all(team["review"], tmp_path)

    result = run("merge", team["review"], other)
    assert result.exit_code == 2
    assert "dina.bayan" in result.stderr and "label PLACE" in result.stderr and "--add-labels" in result.stderr
    assert export_all(team["review"], tmp_path) == before

    result = ok("merge", team["review"], other, "--add-labels")
    assert "new labels PLACE" in result.stdout
    stats = json.loads(ok("stats", team["review"], "--json").stdout)
    assert stats["labels"]["PLACE"] == 1


def test_bad_sources_exit_2_without_traceback(team: dict[str, Path], tmp_path: Path) -> None:
    junk = tmp_path / "junk.bayan"
    junk.write_text("hello", encoding="utf-8")
    for args in ((team["review"], junk), (team["review"], tmp_path / "missing.bayan"),
                 (tmp_path / "missing.bayan", team["amal"]), (team["review"], team["review"])):
        result = run("merge", *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("bayan: ") and "Traceback" not in result.output
