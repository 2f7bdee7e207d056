"""Every export format through `main.py`, checked by the tools that read it.

The native and Prodigy exports load with Hugging Face `datasets` and their spans map to a
`spacy.blank("ar")` doc; doccano, Prodigy, Label Studio and brat exports re-import into a
fresh project with identical spans; brat offsets cover their text; CoNLL is valid BIO;
the GraphML parses with networkx.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from core.paths import SEED_STATEMENTS
from main import cli

SEEDS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
EMOJI = "قال المتحدث 👨‍👩‍👧 إن «روسيا» ترفض القرار 2118 🇸🇾."


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: object) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def span(text: str, sub: str, label: str, **attrs: str) -> dict[str, Any]:
    start = text.index(sub)
    return {"id": f"{label}{start}", "start": start, "end": start + len(sub), "label": label, "attrs": attrs}


def claimant(actor: dict[str, Any], claim: dict[str, Any]) -> dict[str, str]:
    return {"head": actor["id"], "tail": claim["id"], "label": "CLAIMANT"}


def annotations() -> list[dict[str, Any]]:
    s0, s6 = SEEDS[0], SEEDS[6]
    a0, c0 = span(s0, "الائتلاف الوطني السوري", "ACTOR"), span(s0, "تحرك المجتمع الدولي", "CLAIM", stance="support")
    a6, c6 = span(s6, "روبرت وود", "ACTOR"), span(s6, "يواصل الاستهزاء الصارخ", "CLAIM", stance="oppose")
    ae, ce = span(EMOJI, "روسيا", "ACTOR"), span(EMOJI, "ترفض القرار 2118 🇸🇾", "CLAIM", stance="oppose")
    return [
        {"text": s0, "annotator": "amal", "spans": [a0, c0, span(s0, "لمحاسبة النظام", "CLAIM")],
         "relations": [claimant(a0, c0)]},
        {"text": s0, "annotator": "badr", "spans": [span(s0, "الائتلاف الوطني", "ACTOR"), span(s0, "النظام", "ACTOR")]},
        {"text": s6, "annotator": "amal", "spans": [a6, c6], "relations": [claimant(a6, c6)]},
        {"id": "emoji/../1", "text": EMOJI, "annotator": "amal", "spans": [ae, ce], "relations": [claimant(ae, ce)]},
        {"text": SEEDS[2], "annotator": "badr", "status": "skipped",
         "spans": [span(SEEDS[2], "فرناندو أرياس", "ACTOR")]},
    ]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formats")
    path = folder / "seeds.bayan"
    ok("init", path)
    ok("import", path, SEED_STATEMENTS)
    source = folder / "annotations.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in annotations()), encoding="utf-8")
    ok("import", path, source)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def span_set(native: Path) -> set[tuple[Any, ...]]:
    """(statement, annotator, start, end, label, attrs) and relations by span content."""
    out: set[tuple[Any, ...]] = set()
    for r in read_jsonl(native):
        by_id = {s["id"]: (s["start"], s["end"], s["label"]) for s in r["spans"]}
        out |= {(r["id"], r["annotator"], s["start"], s["end"], s["label"], json.dumps(s["attrs"], sort_keys=True))
                for s in r["spans"]}
        out |= {(r["id"], r["annotator"], by_id[x["head"]], by_id[x["tail"]], x["label"]) for x in r["relations"]}
    return out


@pytest.fixture(scope="module")
def native(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("native") / "native.jsonl"
    ok("export", project, out)
    return out


# ------------------------------------------------------------- the consumers


def test_native_and_prodigy_load_in_datasets_and_spans_map_to_spacy(
    project: Path, native: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets
    import spacy

    prodigy = tmp_path / "prodigy.jsonl"
    ok("export", project, prodigy, "--format", "prodigy")
    nlp = spacy.blank("ar")
    for path in (native, prodigy):
        rows = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
        assert rows.num_rows == 4
        mapped = 0
        for row in rows:
            doc = nlp(row["text"])
            for s in row["spans"]:
                covered = row["text"][s["start"] : s["end"]]
                if path == native:
                    assert s["text"] == covered
                piece = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
                assert piece is not None, (row["text"], s)
                assert piece.start_char <= s["start"] and s["end"] <= piece.end_char
                assert covered in piece.text
                mapped += 1
        assert mapped == 9
    prodigy_rows = read_jsonl(prodigy)
    assert {r["_annotator_id"] for r in prodigy_rows} == {"amal", "badr"}
    assert all(r["answer"] == "accept" for r in prodigy_rows)


@pytest.mark.parametrize(("fmt", "suffix"), [("doccano", ".jsonl"), ("prodigy", ".jsonl"), ("labelstudio", ".json"),
                                             ("brat", "")])
def test_export_reimports_into_a_fresh_project_with_identical_spans(
    project: Path, native: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"export{suffix or '-brat'}"
    ok("export", project, out, "--format", fmt)
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    result = ok("import", fresh, out)  # the format is detected from name and content
    assert "4 records" in result.output and "9 new spans" in result.output
    back = tmp_path / "back.jsonl"
    ok("export", fresh, back)
    assert span_set(back) == span_set(native)
    assert len(span_set(native)) == 12
    # Re-importing the same export adds nothing.
    assert "0 new spans, 0 new relations" in ok("import", fresh, out).output


def test_doccano_shape_and_extra_keys(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "doccano.jsonl"
    ok("export", project, out, "--format", "doccano", "--annotator", "badr", "--status", "all")
    # --status all: badr's work (done and skipped), and the statements badr has not touched, once.
    everything = read_jsonl(out)
    assert len(everything) == 11 and {r.get("annotator") for r in everything} == {"badr", None}
    rows = [r for r in everything if r.get("annotator")]
    assert [r["status"] for r in rows] == ["done", "skipped"]
    first = next(r for r in rows if r["status"] == "done")
    assert [(e["label"], first["text"][e["start_offset"] : e["end_offset"]]) for e in first["entities"]] == [
        ("ACTOR", "الائتلاف الوطني"),
        ("ACTOR", "النظام"),
    ]
    assert first["relations"] == [] and first["meta"] == {}


def test_brat_offsets_cover_their_text(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    result = ok("export", project, out, "--format", "brat")
    assert "wrote 4 records" in result.output
    # .bayan-export lists what Bayan wrote (core/files.py), so a later export replaces only that.
    assert sorted(p.name for p in out.iterdir()) == [".bayan-export", "amal", "annotation.conf", "badr", "visual.conf"]
    anns = sorted(out.glob("*/*.ann"))
    assert len(anns) == 4
    assert any(p.name == "emoji%2F%2E%2E%2F1.ann" for p in anns)  # the id's slashes never became folders
    checked = 0
    for ann in anns:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                _, fields, covered = line.split("\t")
                _, start, end = fields.split(" ")
                assert text[int(start) : int(end)] == covered
                checked += 1
    assert checked == 9
    # A second export replaces the first one whole.
    ok("export", project, out, "--format", "brat", "--annotator", "badr")
    assert sorted(p.name for p in out.iterdir()) == [".bayan-export", "annotation.conf", "badr", "visual.conf"]


def test_conll_has_valid_bio_in_every_column(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    ok("export", project, out, "--format", "conll")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# global.columns = TOKEN ACTOR CLAIM\n")
    assert text.count("\n\n") == 3 and text.count("# id = ") == 4
    tagged = 0
    for block in text.split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
        assert rows and all(len(r) == 3 for r in rows)
        for column, label in ((1, "ACTOR"), (2, "CLAIM")):
            previous = "O"
            for r in rows:
                assert re.fullmatch(f"O|[BI]-{label}", r[column])
                assert not (r[column].startswith("I-") and previous == "O")
                previous = r[column]
                tagged += r[column] != "O"
    assert tagged > 0
    assert "👨\u200d👩\u200d👧\tO\tO" in text and "🇸🇾\tO\tI-CLAIM" in text


def test_graphml_parses_with_the_expected_network(project: Path, tmp_path: Path) -> None:
    import networkx

    out = tmp_path / "net.graphml"
    ok("export", project, out, "--format", "network")
    graph = networkx.read_graphml(out)
    assert graph.is_directed()
    texts = {data["text"]: data for _, data in graph.nodes(data=True)}
    assert texts["روسيا"]["type"] == "ACTOR" and texts["تحرك المجتمع الدولي"]["type"] == "CLAIM"
    # Spans of both annotators are nodes; skipped work is not exported.
    assert "فرناندو أرياس" not in texts and "النظام" in texts
    edges = {(graph.nodes[a]["text"], graph.nodes[b]["text"]): d for a, b, d in graph.edges(data=True)}
    assert set(edges) == {
        ("الائتلاف الوطني السوري", "تحرك المجتمع الدولي"),
        ("روبرت وود", "يواصل الاستهزاء الصارخ"),
        ("روسيا", "ترفض القرار 2118 🇸🇾"),
    }
    edge = edges[("روبرت وود", "يواصل الاستهزاء الصارخ")]
    assert (edge["weight"], edge["relation"], edge["stance"], edge["stance_oppose"]) == (1, "CLAIMANT", "oppose", 1)
    rows = list(csv.DictReader(_export_text(project, tmp_path)))
    assert {(r["Source"], r["Target"], r["Weight"], r["stance"]) for r in rows} == {
        (a, b, "1", d["stance"]) for (a, b), d in edges.items()
    }


def _export_text(project: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "edges.csv"
    ok("export", project, out, "--format", "network-csv")
    return out.read_text(encoding="utf-8").splitlines()


def test_labelstudio_is_one_task_per_statement(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "ls.json"
    ok("export", project, out, "--format", "labelstudio", "--status", "all")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len(tasks) == 11
    by_text = {t["data"]["text"]: t for t in tasks}
    assert [a["annotator"] for a in by_text[SEEDS[0]]["annotations"]] == ["amal", "badr"]
    assert [a["was_cancelled"] for a in by_text[SEEDS[2]]["annotations"]] == [True]
    assert by_text[SEEDS[9]]["annotations"] == []


# ------------------------------------------------------------------ mistakes


def counts(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as conn:
        tables = ("statements", "spans", "relations")
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_bad_doccano_line_is_reported_and_changes_nothing(project: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    good = json.dumps({"text": SEEDS[0], "label": [[4, 26, "ACTOR"]]}, ensure_ascii=False)
    bad = json.dumps({"text": SEEDS[1], "label": [[0, 5, "PLACE"]]}, ensure_ascii=False)
    source = tmp_path / "in.jsonl"
    source.write_text(f"{good}\n{bad}\n", encoding="utf-8")
    result = run("import", fresh, source, "--annotator", "amal")
    assert result.exit_code == 2
    assert f"{source}:2: label 1" not in result.output  # spans are numbered as spans
    assert f"{source}:2: span 1: unknown label 'PLACE'" in result.output
    assert "Traceback" not in result.output
    assert counts(fresh) == (0, 0, 0)
    assert "2 new spans" in ok("import", fresh, source, "--annotator", "amal", "--add-labels").output


def test_doccano_spans_without_annotator_need_one(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": SEEDS[0], "label": [[4, 26, "ACTOR"]]}, ensure_ascii=False) + "\n")
    result = run("import", fresh, source, "--format", "doccano")
    assert result.exit_code == 2 and "--annotator" in result.output


def test_bad_brat_document_names_the_ann_file_and_line(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    ok("export", project, out, "--format", "brat")
    ann = out / "amal" / "emoji%2F%2E%2E%2F1.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("\tترفض", "\tتقبل")
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    result = run("import", fresh, out)
    assert result.exit_code == 2
    assert f"{ann}:2: text 'تقبل" in result.output
    assert counts(fresh) == (0, 0, 0)


def test_folder_and_file_formats_are_not_mixed(project: Path, native: Path, tmp_path: Path) -> None:
    result = run("import", project, native, "--format", "brat")
    assert result.exit_code == 2 and "brat reads a folder" in result.output
    result = run("import", project, tmp_path, "--format", "doccano")
    assert result.exit_code == 2 and "is a folder" in result.output
    result = run("import", project, tmp_path)
    assert result.exit_code == 2 and "no .ann files" in result.output
    result = run("export", project, "-", "--format", "brat")
    assert result.exit_code == 2 and "writes a folder" in result.output
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "thesis.txt").write_text("precious")
    result = run("export", project, keep, "--format", "brat")
    assert result.exit_code == 2 and "not empty" in result.output
    assert (keep / "thesis.txt").read_text() == "precious"


def test_text_exports_to_standard_output(project: Path) -> None:
    result = ok("export", project, "-", "--format", "prodigy", "--annotator", "badr")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["_annotator_id"] for r in rows] == ["badr"]


@pytest.mark.parametrize(("fmt", "suffix"), [("doccano", ".jsonl"), ("prodigy", ".jsonl"), ("labelstudio", ".json"),
                                             ("brat", "")])
def test_status_all_read_back_with_an_annotator_keeps_untouched_statements_todo(
    project: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"all{suffix or '-brat'}"
    ok("export", project, out, "--format", fmt, "--annotator", "amal", "--status", "all")
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    ok("import", fresh, out, "--annotator", "zaid")
    stats = json.loads(ok("stats", fresh, "--json").output)
    assert stats["statements"] == 11
    assert {a["name"]: a["done"] for a in stats["annotators"]} == {"amal": 3}


def test_a_foreign_flat_brat_folder_takes_the_annotator_given(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "قالت الخارجية الروسية إن\nالقرار غير مقبول"
    (corpus / "doc-1.txt").write_text(text, encoding="utf-8")
    (corpus / "doc-1.ann").write_text(
        "T1\tACTOR 5 21\tالخارجية الروسية\nT2\tCLAIM 22 24;25 41\tإن القرار غير مقبول\n#1\tAnnotatorNotes T1\tok\n"
        "R1\tCLAIMANT Arg1:T1 Arg2:T2\n",
        encoding="utf-8",
    )
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    result = run("import", fresh, corpus)
    assert result.exit_code == 2 and "--annotator" in result.output
    assert "2 new spans, 1 new relations" in ok("import", fresh, corpus, "--annotator", "zaid").output
    back = tmp_path / "back.jsonl"
    ok("export", fresh, back)
    (row,) = read_jsonl(back)
    assert row["id"] == "doc-1" and row["annotator"] == "zaid"
    assert [(s["text"], s["label"]) for s in row["spans"]] == [("الخارجية الروسية", "ACTOR"),
                                                                ("إن\nالقرار غير مقبول", "CLAIM")]


def test_labelstudio_own_export_with_user_numbers(tmp_path: Path) -> None:
    text = SEEDS[5]
    start = text.index("النظام السوري")
    task = {"id": 3, "data": {"text": text}, "annotations": [
        {"id": 9, "completed_by": 10, "result": [
            {"id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": start, "end": start + 13, "text": "النظام السوري", "labels": ["ACTOR"]}}]},
        {"id": 10, "completed_by": 11, "result": []},
    ]}
    source = tmp_path / "project-1-at-2026.json"
    source.write_text(json.dumps([task], ensure_ascii=False, indent=2), encoding="utf-8")
    fresh = tmp_path / "fresh.bayan"
    ok("init", fresh)
    assert "2 records, 1 new statements, 1 new spans" in ok("import", fresh, source).output
    stats = json.loads(ok("stats", fresh, "--json").output)
    assert {a["name"]: a["spans"] for a in stats["annotators"]} == {"labelstudio-user-10": 1, "labelstudio-user-11": 0}
