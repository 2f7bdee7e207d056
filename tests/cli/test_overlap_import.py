"""`import` refuses a record whose spans of one annotator break a label's nested or refuse rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import main
from core.schema import OVERLAP_RULES
from store.project import Project
from tests.dump import dump
from tests.store.test_overlap import APART, CROSSING, INNER, OUTER, TEXT, schema_with


def run(*args: Any) -> Any:
    return CliRunner().invoke(main.cli, [str(a) for a in args], catch_exceptions=True)


@pytest.mark.parametrize("rule", OVERLAP_RULES)
def test_import_refuses_a_record_that_breaks_a_refuse_or_nested_rule(rule: str, tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(schema_with(rule)), encoding="utf-8")
    proj = tmp_path / "p.bayan"
    assert run("init", proj, "--schema", schema).exit_code == 0
    good = {"id": "s0", "text": TEXT, "annotator": "amal",
            "spans": [{"id": "T1", "start": 4, "end": 26, "label": "ACTOR"}]}
    record = {"id": "s1", "text": TEXT, "annotator": "amal", "spans": [
        {"id": "T1", "start": OUTER[0], "end": OUTER[1], "label": "ACTOR"},
        {"id": "T2", "start": APART[0], "end": APART[1], "label": "ACTOR"},
        {"id": "T3", "start": CROSSING[0], "end": CROSSING[1], "label": "ACTOR"},
        {"id": "T4", "start": CROSSING[0], "end": CROSSING[1], "label": "CLAIM"},
    ]}
    other = {"id": "s1", "text": TEXT, "annotator": "omar",
             "spans": [{"id": "T1", "start": INNER[0], "end": INNER[1], "label": "ACTOR"}]}
    data = tmp_path / "a.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (good, record, other)),
                    encoding="utf-8")
    before = dump(proj)
    result = run("import", proj, data)
    if rule in ("nested", "refuse"):
        assert result.exit_code == 2, result.output
        reason = "may lie inside one another but not cross" if rule == "nested" else "may not overlap"
        assert result.stderr.strip() == f"bayan: {data}:2: span 3: ACTOR spans {reason} (overlap: {rule}); this one " \
            f"{'crosses' if rule == 'nested' else 'overlaps'} [{OUTER[0]}, {OUTER[1]})"
        assert dump(proj) == before
    else:
        assert result.exit_code == 0, result.output
        with Project.open(proj) as project:
            assert len(project.spans(2, "amal")) == 4
