"""Statement identity: an id never joins two different texts, in any order, in any batch."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.formats.native import read_native
from core.ids import derived_id
from store.importer import import_records
from store.project import Project
from tests.dump import dump

FIRST, SECOND = "قال الوزير إن الهجوم مرفوض", "أعلنت المنظمة نتائج التحقيق"


def _import(project: Project, *records: dict[str, Any]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    import_records(project, read_native(io.BytesIO(data), "x.jsonl"), file="x.jsonl")


def _span(label: str = "ACTOR") -> dict[str, Any]:
    return {"start": 0, "end": 3, "label": label}


@pytest.mark.parametrize("together", [True, False])
def test_a_given_id_that_is_another_texts_derived_id_is_refused_in_either_order(
    project: Project, together: bool
) -> None:
    taken = derived_id(SECOND)
    plain = {"text": SECOND, "annotator": "amal", "spans": [_span()]}
    forged = {"id": taken, "text": FIRST, "annotator": "badr", "spans": [_span("CLAIM")]}
    for first, second in ((plain, forged), (forged, plain)):
        before = dump(project.path)
        with pytest.raises(InputError, match=r"x.jsonl:\d: .*(derived|different text)"):
            if together:
                _import(project, first, second)
            else:
                _import(project, first)
                _import(project, second)
        if together:
            assert dump(project.path) == before
        # Whatever went in, no span sits on a text it was not made for.
        for seq in range(1, project.statement_count() + 1):
            row = project.statement(seq)
            assert row is not None
            for who in ("amal", "badr"):
                for span in project.spans(seq, who):
                    assert span.text == row.text[span.start:span.end]
                    assert (who, row.text) in (("amal", SECOND), ("badr", FIRST))


def test_a_derived_id_that_an_older_file_gave_another_text_is_refused(project: Project) -> None:
    # Written before such ids were reserved (or by another tool): SECOND's id on FIRST's text.
    project.conn.execute(
        "INSERT INTO statements(id, text, hash) VALUES (?, ?, 0)", (derived_id(SECOND), FIRST)
    )
    before = dump(project.path)
    with pytest.raises(InputError, match="x.jsonl:1: the id derived from this text"):
        _import(project, {"text": SECOND, "annotator": "amal", "spans": [_span()]})
    assert dump(project.path) == before


def test_the_texts_own_derived_id_is_kept(project: Project) -> None:
    _import(project, {"id": derived_id(FIRST), "text": FIRST, "annotator": "amal", "spans": [_span()]})
    _import(project, {"text": FIRST, "annotator": "badr", "spans": [_span()]})
    assert project.statement_count() == 1
    assert len(project.spans(1, "amal")) == len(project.spans(1, "badr")) == 1


@pytest.mark.parametrize("bad_id", ["s\x001", "s\x1b[2J", "s\n1", "s\u202e1", "s\u20281"])
def test_an_id_with_a_control_character_is_refused_whole(project: Project, bad_id: str) -> None:
    before = dump(project.path)
    with pytest.raises(InputError, match="x.jsonl:1: the statement id .* holds"):
        _import(project, {"id": bad_id, "text": FIRST, "annotator": "amal", "spans": [_span()]})
    assert dump(project.path) == before


def test_a_nul_in_an_id_no_longer_drops_spans_through_the_cli(tmp_path: Path, project: Project) -> None:
    from click.testing import CliRunner

    from main import cli

    source = tmp_path / "nul.jsonl"
    source.write_text(json.dumps({"id": "a\u0000b", "text": FIRST, "annotator": "amal", "spans": [_span()]}) + "\n")
    project.close()
    result = CliRunner().invoke(cli, ["import", str(project.path), str(source)])
    assert result.exit_code == 2, result.output
    assert "nul.jsonl:1:" in result.output and "control character (U+0000)" in result.output
