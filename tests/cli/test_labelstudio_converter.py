"""Bayan's Label Studio export, read by Label Studio's own converter (label-studio-converter).

The converter is not one of Bayan's dependencies: it is looked for in the interpreter that
runs the tests, else in the one named by $BAYAN_LS_CONVERTER_PYTHON (a throwaway venv:
`python -m venv /tmp/lsc && /tmp/lsc/bin/pip install label-studio-converter`), else the test
is skipped with that reason. Without a task `id` the converter stops with KeyError: 'id'.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from main import cli

TEXT = "قال المتحدث 👨‍👩‍👧 إن «روسيا» ترفض القرار 2118 🇸🇾."
OTHER = "أعلنت الوزارة أمس أن التحقيق مستمر"

# The labeling config the README gives for Bayan's export (the default schema).
CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="ACTOR"/>
    <Label value="CLAIM"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Relations><Relation value="CLAIMANT"/></Relations>
  <Choices name="stance" toName="text" perRegion="true">
    <Choice value="support"/><Choice value="oppose"/><Choice value="neutral"/>
  </Choices>
</View>
"""

SCRIPT = """
import json, sys
from label_studio_converter import Converter
source, config, out = sys.argv[1:4]
converter = Converter(config=open(config, encoding="utf-8").read(), project_dir=None, download_resources=False)
converter.convert_to_json_min(source, out, is_dir=False)
converter.convert_to_conll2003(source, out, is_dir=False)
"""


def converter_python() -> str | None:
    if importlib.util.find_spec("label_studio_converter") is not None:
        return sys.executable
    named = os.environ.get("BAYAN_LS_CONVERTER_PYTHON")
    if named and subprocess.run([named, "-c", "import label_studio_converter"], capture_output=True).returncode == 0:
        return named
    return None


def span(text: str, sub: str, label: str, sid: str, **attrs: str) -> dict[str, object]:
    start = text.index(sub)
    return {"id": sid, "start": start, "end": start + len(sub), "label": label, "attrs": attrs}


def test_labelstudio_export_is_read_by_label_studio_converter(tmp_path: Path) -> None:
    python = converter_python()
    if python is None:
        pytest.skip("label-studio-converter is not installed here and $BAYAN_LS_CONVERTER_PYTHON names no "
                    "interpreter that has it")
    runner = CliRunner()
    project = tmp_path / "p.bayan"
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    records = [
        {"id": "s1", "text": TEXT, "annotator": "amal",
         "spans": [span(TEXT, "روسيا", "ACTOR", "a"), span(TEXT, "ترفض القرار 2118 🇸🇾", "CLAIM", "c", stance="oppose")],
         "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}]},
        {"id": "s1", "text": TEXT, "annotator": "badr", "spans": [span(TEXT, "المتحدث", "ACTOR", "a")]},
        {"id": "s2", "text": OTHER, "annotator": "badr", "spans": [span(OTHER, "الوزارة", "ACTOR", "a")]},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert runner.invoke(cli, ["import", str(project), str(source)]).exit_code == 0
    export = tmp_path / "ls.json"
    assert runner.invoke(cli, ["export", str(project), str(export), "--format", "labelstudio"]).exit_code == 0
    config = tmp_path / "config.xml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "converted"
    done = subprocess.run([python, "-c", SCRIPT, str(export), str(config), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    rows = json.loads((out / "result.json").read_text(encoding="utf-8"))
    # One row per annotation, with the task's integer id and who annotated (completed_by).
    got = sorted(
        (row["id"], row["annotator"], row["text"],
         sorted((s["start"], s["end"], s["text"], tuple(s["labels"])) for s in row.get("label", [])))
        for row in rows
    )
    expected = sorted(
        (1 if r["id"] == "s1" else 2, r["annotator"], r["text"],
         sorted((s["start"], s["end"], r["text"][s["start"]:s["end"]], (s["label"],)) for s in r["spans"]))
        for r in records
    )
    assert got == expected
    # The per-region choice comes out as the converter prints a single choice.
    assert [(row["annotator"], row["stance"]) for row in rows if "stance" in row] == [("amal", "oppose")]
    conll = (out / "result.conll").read_text(encoding="utf-8")
    assert "روسيا -X- _ B-ACTOR" in conll or "«روسيا» -X- _ B-ACTOR" in conll
    assert "الوزارة -X- _ B-ACTOR" in conll
