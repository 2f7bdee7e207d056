"""Bayan's doccano export, parsed by doccano's own label classes (doccano 1.8.4,
`backend/data_import/pipeline/label.py`: SpanLabel and RelationLabel, which its importer
runs on every `entities`, `label` and `relations` item and silently drops the ones that fail).

doccano's importer as a whole needs its Django app and database; the label classes only
import its models, which they use to store (not to parse), so the harness stands in for
those modules. doccano is looked for in $BAYAN_DOCCANO_PYTHON (a throwaway venv:
`pip install --no-deps doccano==1.8.4 "pydantic>=2.0.3,<3"`); the test is skipped without it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.paths import DEFAULT_SCHEMA
from main import cli

TEXT = "قال المتحدث 👨‍👩‍👧 إن «روسيا» ترفض القرار 2118 🇸🇾."

HARNESS = """
import json, sys, types, uuid
for name in ("examples.models", "label_types.models", "labels.models", "projects.models"):
    module = types.ModuleType(name)
    for cls in ("Example", "CategoryType", "LabelType", "RelationType", "SpanType", "Category", "Label",
                "Relation", "Span", "TextLabel", "Project"):
        setattr(module, cls, type(cls, (), {}))
    sys.modules[name] = module
    sys.modules.setdefault(name.split(".")[0], types.ModuleType(name.split(".")[0]))
from backend.data_import.pipeline.label import RelationLabel, SpanLabel
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    example = uuid.uuid4()
    spans = [SpanLabel.parse(example, item) for item in obj.get("entities", obj.get("label", []))]
    relations = [RelationLabel.parse(example, item) for item in obj.get("relations", [])]
    out.append({"text": obj["text"],
                "spans": [[s.id, s.start_offset, s.end_offset, s.label] for s in spans],
                "relations": [[r.from_id, r.to_id, r.type] for r in relations]})
print(json.dumps(out, ensure_ascii=False))
"""


def doccano_python() -> str | None:
    named = os.environ.get("BAYAN_DOCCANO_PYTHON")
    probe = [named or "", "-c", "import backend.data_import.pipeline"]
    if named and subprocess.run(probe, capture_output=True).returncode == 0:
        return named
    return None


@pytest.mark.parametrize("with_relations", [True, False])
def test_doccano_export_is_parsed_by_doccanos_label_classes(tmp_path: Path, with_relations: bool) -> None:
    python = doccano_python()
    if python is None:
        pytest.skip("$BAYAN_DOCCANO_PYTHON names no interpreter with doccano's backend (pip install --no-deps doccano)")
    schema = json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))
    if not with_relations:
        schema["relations"] = []  # the label shape, for sequence labeling without relations
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    runner = CliRunner()
    project = tmp_path / "p.bayan"
    assert runner.invoke(cli, ["init", str(project), "--schema", str(schema_file)]).exit_code == 0
    actor, claim = TEXT.index("روسيا"), TEXT.index("ترفض")
    record = {"text": TEXT, "annotator": "amal",
              "spans": [{"id": "a", "start": actor, "end": actor + 5, "label": "ACTOR"},
                        {"id": "c", "start": claim, "end": len(TEXT) - 1, "label": "CLAIM"}],
              "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}] if with_relations else []}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["import", str(project), str(source)]).exit_code == 0
    export = tmp_path / "doccano.jsonl"
    assert runner.invoke(cli, ["export", str(project), str(export), "--format", "doccano"]).exit_code == 0

    done = subprocess.run([python, "-c", HARNESS, str(export)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    (parsed,) = json.loads(done.stdout)
    assert [tuple(s[1:]) for s in parsed["spans"]] == [(actor, actor + 5, "ACTOR"), (claim, len(TEXT) - 1, "CLAIM")]
    assert TEXT[actor : actor + 5] == "روسيا"  # doccano's offsets are Python's: code points
    if with_relations:
        ids = {s[0]: s[3] for s in parsed["spans"]}
        ((head, tail, kind),) = parsed["relations"]
        assert (ids[head], ids[tail], kind) == ("ACTOR", "CLAIM", "CLAIMANT")
    else:
        assert parsed["relations"] == []
