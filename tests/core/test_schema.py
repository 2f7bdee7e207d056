"""The annotation schema: the default file, parsing, and every refusal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema, parse_schema


def test_the_default_schema_has_actor_claim_and_claimant() -> None:
    schema = load_schema(DEFAULT_SCHEMA)
    assert schema.label_names == ["ACTOR", "CLAIM"]
    actor, claim = schema.labels
    assert (actor.key, claim.key) == ("a", "c")
    assert actor.attributes == ()
    stance = claim.attribute("stance")
    assert stance is not None and stance.values == ("support", "oppose", "neutral")
    claimant = schema.relation("CLAIMANT")
    assert claimant is not None and (claimant.from_label, claimant.to_label) == ("ACTOR", "CLAIM")
    for described in (actor, claim, claimant):
        assert set(described.description) == {"ar", "en"}
        # The Arabic guideline is Arabic.
        assert any("\u0600" <= ch <= "\u06ff" for ch in described.description["ar"])


def test_to_dict_round_trips() -> None:
    schema = load_schema(DEFAULT_SCHEMA)
    assert parse_schema(schema.to_dict()) == schema
    assert parse_schema(json.loads(json.dumps(schema.to_dict()))) == schema


def test_minimal_schema_gets_defaults() -> None:
    schema = parse_schema({"labels": [{"name": "PLACE"}, {"name": "TIME", "description": "when"}]})
    place, time = schema.labels
    assert place.key == "" and place.color.startswith("#") and len(place.color) == 7
    assert place.color != time.color
    assert time.description == {"en": "when"}
    assert schema.relations == ()


def test_color_and_key_are_normalized_to_lower_case() -> None:
    schema = parse_schema({"labels": [{"name": "X", "color": "#ABCDEF", "key": "X"}]})
    assert (schema.labels[0].color, schema.labels[0].key) == ("#abcdef", "x")


def test_with_label_and_with_relation() -> None:
    schema = load_schema(DEFAULT_SCHEMA)
    grown = schema.with_label("PLACE").with_relation("AT", "CLAIM", "PLACE")
    assert grown.label_names == ["ACTOR", "CLAIM", "PLACE"]
    place = grown.label("PLACE")
    assert place is not None and place.color not in {lab.color for lab in schema.labels}
    assert grown.relation("AT") is not None
    assert schema.label("PLACE") is None  # schemas are values


def _label(**kw: Any) -> dict[str, Any]:
    return {"name": "X", "color": "#123456", **kw}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], "labels"),
        ({}, "labels"),
        ({"labels": {}}, "labels"),
        ({"labels": []}, "at least one label"),
        ({"labels": ["ACTOR"]}, "must be an object"),
        ({"labels": [{"color": "#123456"}]}, "name"),
        ({"labels": [_label(name="two words")]}, "name"),
        ({"labels": [_label(name=5)]}, "name"),
        ({"labels": [_label(), _label()]}, "defined twice"),
        ({"labels": [_label(color="blue")]}, "color"),
        ({"labels": [_label(color="#12345")]}, "color"),
        ({"labels": [_label(color=None)]}, "color"),
        ({"labels": [_label(key="ab")]}, "key"),
        ({"labels": [_label(key="!")]}, "key"),
        ({"labels": [_label(key="r")]}, "relations"),
        ({"labels": [_label(key="a"), _label(name="Y", key="A")]}, "used twice"),
        ({"labels": [_label(description=5)]}, "description"),
        ({"labels": [_label(attributes=5)]}, "attributes must be a list"),
        ({"labels": [_label(attributes=[{"name": "s"}])]}, "attribute"),
        ({"labels": [_label(attributes=[{"name": "s", "values": []}])]}, "attribute"),
        ({"labels": [_label(attributes=[{"name": "s", "values": [1]}])]}, "attribute"),
        ({"labels": [_label(attributes=[{"name": "s", "values": ["a"]}, {"name": "s", "values": ["b"]}])]},
         "defined twice"),
        ({"labels": [_label()], "relations": 5}, "must be a list"),
        ({"labels": [_label()], "relations": ["R"]}, "name"),
        ({"labels": [_label()], "relations": [{"name": "R R", "from": "X", "to": "X"}]}, "name"),
        ({"labels": [_label()], "relations": [{"name": "R", "from": "X", "to": "Y"}]}, "from and to"),
        ({"labels": [_label()], "relations": [{"name": "R", "from": [1], "to": "X"}]}, "from and to"),
        ({"labels": [_label()], "relations": [{"name": "R", "from": "X", "to": "X"}] * 2}, "defined twice"),
    ],
)
def test_bad_schemas_are_refused_with_a_reason(data: Any, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        parse_schema(data, "my.json")
    assert info.value.file == "my.json"
    assert str(info.value).startswith("my.json")


def test_load_schema_reports_invalid_json_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"labels": [\n  {"name": "X",}\n]}', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as info:
        load_schema(path)
    assert info.value.line == 2 and info.value.file == str(path)


def test_load_schema_other_failures(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(InputError, match="cannot read"):
        load_schema(missing)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"labels": [{"name": "X", "description": "caf\xe9"}]}')
    with pytest.raises(InputError, match="UTF-8"):
        load_schema(latin)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"labels": [{"name": "X"}]}')
    assert load_schema(bom).label_names == ["X"]


def test_a_name_with_a_trailing_newline_is_refused() -> None:
    with pytest.raises(InputError, match="name"):
        parse_schema({"labels": [{"name": "ACTOR\n"}]})


def test_a_schema_that_is_not_a_regular_file_is_refused_without_reading(tmp_path: Path) -> None:
    import os

    from core.errors import InputError

    fifo = tmp_path / "schema.fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(InputError, match="not a regular file"):
            load_schema(path)
    big = tmp_path / "big.json"
    big.write_text('{"labels": []}' + " " * (2 << 20), encoding="utf-8")
    with pytest.raises(InputError, match="small JSON file"):
        load_schema(big)
