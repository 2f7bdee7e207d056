"""Files written by doccano, Label Studio and Prodigy themselves (tests/data/real/, sources in
each folder's SOURCE.md), imported through `main.py`: each test checks the spans Bayan stores
against the spans the source file gives, or the one clear refusal that leaves the project as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from main import cli
from tests.dump import dump

REAL = Path(__file__).resolve().parent.parent / "data" / "real"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: object) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(project: Path, *args: object) -> str:
    """The one line on stderr of an import that must change nothing in `project`."""
    before = dump(project)
    result = run("import", project, *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert dump(project) == before
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.bayan"
    ok("init", path)
    return path


def exported(project: Path, fmt: str = "jsonl") -> list[dict[str, Any]]:
    result = ok("export", project, "-", "--format", fmt, "--status", "all")
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def stored_spans(project: Path) -> dict[tuple[str, str | None], list[tuple[int, int, str, str]]]:
    """(text, annotator) -> its spans as (start, end, label, covered text), from the native export."""
    return {
        (row["text"], row["annotator"]): sorted((s["start"], s["end"], s["label"], s["text"]) for s in row["spans"])
        for row in exported(project)
    }


def source_lines(path: Path, first: int = 1, last: int | None = None) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[first - 1 : last]]


def excerpt(tmp_path: Path, path: Path, first: int, last: int) -> Path:
    """Lines first..last of a real file, unchanged, as a file of their own."""
    lines = path.read_bytes().splitlines(keepends=True)[first - 1 : last]
    out = tmp_path / f"{path.stem}-{first}-{last}{path.suffix}"
    out.write_bytes(b"".join(lines))
    return out


# ------------------------------------------------------------------- doccano


def test_doccano_1x_labels_are_read(project: Path, tmp_path: Path) -> None:
    """doccano 1.0-1.5's `labels` (issue 12: it used to import with zero spans)."""
    source = REAL / "doccano" / "example_text.jsonl"
    # Line 1 of doccano's own example has offsets past its text, cut short to "EU rejects ...".
    assert refused(project, source, "--annotator", "amal", "--add-labels").endswith(
        "example_text.jsonl:1: span 2: offsets [11, 17) are not within the text (0 ≤ start < end ≤ 14)"
    )
    part = excerpt(tmp_path, source, 2, 3)
    ok("import", project, part, "--annotator", "amal", "--add-labels")
    expected = {
        (row["text"], "amal"): sorted((s, e, label, row["text"][s:e]) for s, e, label in row["labels"])
        for row in source_lines(source, 2, 3)
    }
    assert stored_spans(project) == expected
    assert expected[("President Obama", "amal")] == [(10, 15, "PERSON", "Obama")]


def test_doccano_intent_entities_as_lists_and_cats_in_meta(project: Path, tmp_path: Path) -> None:
    source = REAL / "doccano" / "intent_example.jsonl"
    # doccano's own test file: line 5 has no text, and doccano refuses that line too.
    assert refused(project, source, "--annotator", "amal", "--add-labels").endswith(
        'intent_example.jsonl:5: "text" must be a string'
    )
    result = ok("import", project, excerpt(tmp_path, source, 1, 4), "--annotator", "amal", "--add-labels")
    assert "kept 2 text categories in statement meta" in result.output
    rows = {row["text"]: row for row in exported(project)}
    for obj in source_lines(source, 1, 4):
        row = rows[obj["text"]]
        assert [(s["start"], s["end"], s["label"]) for s in row["spans"]] == [tuple(e) for e in obj.get("entities", [])]
        assert row["meta"].get("cats") == obj.get("cats")


def test_doccano_relation_extraction_example(project: Path) -> None:
    source = REAL / "doccano" / "relation_extraction_example.jsonl"
    ok("import", project, source, "--annotator", "amal", "--add-labels")
    (obj,) = source_lines(source)
    (row,) = exported(project)
    by_id = {e["id"]: (e["start_offset"], e["end_offset"], e["label"]) for e in obj["entities"]}
    assert sorted((s["start"], s["end"], s["label"]) for s in row["spans"]) == sorted(by_id.values())
    spans = {s["id"]: (s["start"], s["end"], s["label"]) for s in row["spans"]}
    assert sorted((spans[r["head"]], spans[r["tail"]], r["label"]) for r in row["relations"]) == sorted(
        (by_id[r["from_id"]], by_id[r["to_id"]], r["type"]) for r in obj["relations"]
    )


def test_doccano_label_ids_without_names_are_refused(project: Path) -> None:
    line = refused(project, REAL / "doccano" / "sequence_labeling_example.jsonl", "--annotator", "amal")
    assert line.endswith(
        "sequence_labeling_example.jsonl:1: annotation 1: label 2 is a label id without its name "
        "(doccano 1.0's export); export the project again as JSONL, which names the labels"
    )


def test_a_later_records_differing_meta_is_reported_not_merged(project: Path, tmp_path: Path) -> None:
    lines = [{"text": "exampleA", "cats": ["positive"], "annotator": "amal"},
             {"text": "exampleA", "cats": ["positive"], "annotator": "badr"},
             {"text": "exampleA", "cats": ["negative"], "annotator": "carl"}]
    source = tmp_path / "cats.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert refused(project, source, "--strict").endswith(
        "cats.jsonl:3: dropped 1 differing meta of a statement already there; --strict refuses any loss"
    )
    result = ok("import", project, source)
    assert "kept 3 text categories in statement meta; dropped 1 differing meta of a statement already there" in (
        result.output
    )
    assert {row["meta"]["cats"][0] for row in exported(project)} == {"positive"}


# ------------------------------------------------------------------- Prodigy


def test_prodigy_ner_manual_file_spans_hashes_and_tokens(project: Path) -> None:
    source = REAL / "prodigy" / "ner_tweets_test_head.jsonl"
    ok("import", project, source, "--annotator", "amal", "--add-labels")
    tasks = source_lines(source)
    expected = {
        (t["text"], "amal"): sorted((s["start"], s["end"], s["label"], t["text"][s["start"] : s["end"]])
                                    for s in t["spans"])
        for t in tasks
    }
    assert stored_spans(project) == expected
    statuses = {row["text"]: row["status"] for row in exported(project)}
    assert [statuses[t["text"]] for t in tasks] == ["done", "skipped", "done"]  # line 2 is answered ignore
    # Prodigy's dedupe and exclude depend on the hashes; the tokens are Prodigy's, not re-made.
    written = {row["text"]: row for row in exported(project, "prodigy")}
    for task in tasks:
        row = written[task["text"]]
        assert (row["_input_hash"], row["_task_hash"]) == (task["_input_hash"], task["_task_hash"])
        assert row["tokens"] == task["tokens"]
        assert [(s["token_start"], s["token_end"]) for s in row["spans"]] == [
            (s["token_start"], s["token_end"]) for s in task["spans"]
        ]


def test_prodigy_file_without_ws_keeps_its_tokens(project: Path) -> None:
    source = REAL / "prodigy" / "drugs_training_head.jsonl"
    ok("import", project, source, "--annotator", "amal", "--add-labels")
    tasks = source_lines(source)
    assert stored_spans(project)[(tasks[2]["text"], "amal")] == [(20, 21, "DRUG", "H")]
    written = {row["text"]: row for row in exported(project, "prodigy")}
    for task in tasks:
        row = written[task["text"]]
        assert row["meta"] == task["meta"]  # what Bayan keeps of the task is not written into it
        assert row["_input_hash"] == task["_input_hash"] and row["_task_hash"] == task["_task_hash"]
        # `ws` was not in the file: it is told from the text.
        assert [{k: t[k] for k in ("text", "start", "end", "id")} for t in row["tokens"]] == task["tokens"]


def test_prodigy_binary_textcat_keeps_accepted_categories_only(project: Path) -> None:
    source = REAL / "prodigy" / "github_docs_textcat_head.jsonl"
    line = refused(project, source, "--strict")
    assert line.endswith("github_docs_textcat_head.jsonl:1: dropped 1 rejected suggestion; --strict refuses any loss")
    result = ok("import", project, source, "--annotator", "amal")
    assert "dropped 3 rejected suggestions; kept 2 text categories in statement meta" in result.output
    rows = {row["text"]: row for row in exported(project)}
    for task in source_lines(source):
        row = rows[task["text"]]
        accepted = task["answer"] == "accept"
        assert row["meta"].get("cats") == (["DOCUMENTATION"] if accepted else None)
        # One binary decision per text: done when accepted; a text with only rejections is still to do
        # (a todo record without work is no record: the statement stays untouched).
        assert (row["annotator"], row["status"]) == (("amal", "done") if accepted else (None, "todo"))
        assert row["meta"]["prodigy"]["_input_hash"] == task["_input_hash"]


def test_prodigy_choice_view_keeps_the_mention_and_the_accepted_option(project: Path) -> None:
    """Entity linking (a choice view): the mention's span, and the option chosen in meta `accept`."""
    source = REAL / "prodigy" / "emerson_nel_head.jsonl"
    result = ok("import", project, source, "--annotator", "amal", "--add-labels")
    assert "kept 3 document choices in statement meta" in result.output
    rows = {row["text"]: row for row in exported(project)}
    for task in source_lines(source):
        row = rows[task["text"]]
        assert [(s["start"], s["end"], s["label"]) for s in row["spans"]] == [
            (s["start"], s["end"], s["label"]) for s in task["spans"]
        ]
        assert row["meta"]["accept"] == task["accept"] and row["meta"]["score"] == task["meta"]["score"]


# -------------------------------------------------------------- Label Studio


def test_labelstudio_document_choices_of_two_models(project: Path) -> None:
    source = REAL / "labelstudio" / "text_with_2_predictions.json"
    result = ok("import", project, source)
    assert "kept 2 document choices in statement meta" in result.output
    rows = exported(project)
    assert [(r["annotator"], r["status"], r["spans"]) for r in rows] == [
        ("model_version_A", "done", []), ("model_version_B", "done", []),
    ]
    assert rows[0]["meta"]["choices"] == [
        {"from_name": "text_class", "choices": ["class_A"], "annotator": "model_version_A"},
        {"from_name": "text_class", "choices": ["class_B"], "annotator": "model_version_B"},
    ]
    # What is kept elsewhere is reported but lost nowhere: --strict lets it in.
    ok("import", project, source, "--strict")


def test_labelstudio_annotations_beside_predictions(project: Path) -> None:
    source = REAL / "labelstudio" / "tasks_annotations_predictions.json"
    line = refused(project, source, "--annotator", "amal", "--strict")
    assert line.endswith("tasks_annotations_predictions.json:2: dropped 1 prediction of an annotated task; "
                         "--strict refuses any loss")
    result = ok("import", project, source, "--annotator", "amal")
    assert "dropped 2 predictions of annotated tasks; kept 5 document choices in statement meta" in result.output
    rows = exported(project)
    tasks = json.loads(source.read_text(encoding="utf-8"))
    texts = [task.get("data", task)["text"] for task in tasks]
    assert [row["text"] for row in rows] == ["Test example phrase 1", "x2", "yoyo", "zzz", "vivi", "opop"] == texts
    by_text = {row["text"]: row for row in rows}
    # Annotations name nobody here: they are --annotator's, as is the one prediction of "opop".
    assert [(by_text[t]["annotator"], by_text[t]["status"]) for t in texts] == [
        ("amal", "done"), ("amal", "done"), ("amal", "done"), (None, "todo"), (None, "todo"), ("amal", "done")
    ]
    assert [c["choices"] for c in by_text["x2"]["meta"]["choices"]] == [["class_A"], ["class_A"]]
    assert by_text["yoyo"]["meta"]["labelstudio"] == {"data": {"int_field": "99"}}
    # The extra data field goes back into the task's data on export.
    exported_tasks = {t["data"]["text"]: t for t in json.loads(ok("export", project, "-", "--format", "labelstudio",
                                                                   "--status", "all").output)}
    assert exported_tasks["opop"]["data"]["int_field"] == 42


@pytest.mark.parametrize("name", ["humor_dataset_0_annotations.json", "text_with_2_tasks.json"])
def test_labelstudio_tasks_without_annotations(project: Path, name: str) -> None:
    source = REAL / "labelstudio" / name
    ok("import", project, source)
    tasks = json.loads(source.read_text(encoding="utf-8"))
    texts = [task.get("data", task)["text"] for task in tasks]
    assert [(r["text"], r["status"], r["annotator"]) for r in exported(project)] == [(t, "todo", None) for t in texts]


def test_labelstudio_one_task_object_of_an_image_is_refused(project: Path) -> None:
    """One task object is read (as a list of one); this one's data is an image URL, not text."""
    line = refused(project, REAL / "labelstudio" / "previous_export.json")
    assert line.endswith(
        'previous_export.json:1: "data.image" is a URL: Label Studio loads that file, and Bayan reads only text '
        "given in the task"
    )


def test_ls_text_key_names_the_text_and_is_only_for_label_studio(project: Path) -> None:
    ok("import", project, REAL / "labelstudio" / "humor_dataset_0_annotations.json", "--ls-text-key", "text")
    line = refused(project, REAL / "doccano" / "relation_extraction_example.jsonl", "--ls-text-key", "text")
    assert line.endswith("relation_extraction_example.jsonl: --ls-text-key is for Label Studio files, and this is "
                         "read as doccano")
