"""The schema's options beyond the first format: display names, overlap, proclitics, empty statements."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.paths import DEFAULT_SCHEMA
from core.schema import Proclitics, load_schema, parse_schema
from store.merge import merge_projects
from store.project import Project
from tests.store.older import as_version


def schema_dict(**label_options: Any) -> dict[str, Any]:
    return {
        "labels": [
            {"name": "ACTOR", "color": "#1e88e5", "key": "a", **label_options},
            {
                "name": "CLAIM", "color": "#f9a825", "key": "c",
                "attributes": [{
                    "name": "stance", "values": ["support", "oppose"], "names": {"ar": "الموقف"},
                    "value_names": {"support": {"ar": "تأييد"}},
                }],
            },
        ],
        "relations": [{"name": "CLAIMANT", "from": "ACTOR", "to": "CLAIM", "names": {"ar": "صاحب الادعاء"}}],
        "done_without_spans": "refuse",
    }


def test_the_default_schema_names_labels_values_and_relations_in_arabic() -> None:
    schema = load_schema(DEFAULT_SCHEMA)
    assert schema.label_title("ACTOR", "ar") == "فاعل"
    assert schema.label_title("ACTOR", "en") == "ACTOR"  # no English display name: the name
    assert schema.label_title("UNKNOWN", "ar") == "UNKNOWN"
    assert schema.relation_title("CLAIMANT", "ar") == "صاحب الادعاء"
    claim = schema.label("CLAIM")
    assert claim is not None
    stance = claim.attribute("stance")
    assert stance is not None
    assert stance.title("ar") == "الموقف"
    assert [stance.value_title(v, "ar") for v in stance.values] == ["تأييد", "معارضة", "محايد"]
    assert stance.value_title("support", "en") == "support"
    actor = schema.label("ACTOR")
    assert actor is not None
    assert actor.overlap == "nested" and claim.overlap == "warn"
    assert actor.proclitics == Proclitics("وفبكل", "before-article")
    assert schema.empty_done == "ask"


def test_options_round_trip_through_the_schema_file_form() -> None:
    schema = parse_schema(schema_dict(names={"ar": "فاعل"}, overlap="refuse",
                                      proclitics={"letters": "وف", "when": "always"}))
    again = parse_schema(json.loads(json.dumps(schema.to_dict())))
    assert again == schema
    assert again.empty_done == "refuse"


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"overlap": "sometimes"}, "overlap must be one of allow, nested, warn, refuse"),
        ({"names": {"ar": 3}}, "names must be an object of language"),
        ({"names": {"ar": "سطر\nآخر"}}, "names must be an object of language"),
        ({"proclitics": {"letters": "وx"}}, "proclitics letter 'x' is not one of"),
        ({"proclitics": {"letters": "و", "when": "never"}}, "proclitics when must be one of"),
        ({"proclitics": "و"}, "proclitics must be an object"),
    ],
)
def test_bad_options_are_refused_with_the_reason(options: dict[str, Any], reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_schema(schema_dict(**options))


def test_bad_settings_and_value_names_are_refused() -> None:
    data = schema_dict()
    data["done_without_spans"] = "maybe"
    with pytest.raises(InputError, match="done_without_spans"):
        parse_schema(data)
    data = schema_dict()
    data["labels"][1]["attributes"][0]["value_names"] = {"unknown": {"ar": "س"}}
    with pytest.raises(InputError, match="value_names must name its values"):
        parse_schema(data)


def test_a_project_keeps_its_schema_options(tmp_path: Path) -> None:
    schema = parse_schema(schema_dict(names={"ar": "فاعل"}, overlap="refuse",
                                      proclitics={"letters": "وف", "when": "always"}))
    path = tmp_path / "p.bayan"
    Project.create(path, schema).close()
    with Project.open(path) as project:
        assert project.schema == schema
    with Project.open(path, read_only=True) as project:
        assert project.schema == schema


def older(path: Path) -> None:
    """Make a current project look as format 2 wrote it (no options anywhere, no progress counters)."""
    conn = sqlite3.connect(path)
    as_version(conn, 2)
    conn.commit()
    conn.close()


def test_an_older_project_reads_without_options_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.bayan"
    Project.create(path, load_schema(DEFAULT_SCHEMA)).close()
    older(path)
    with Project.open(path, read_only=True) as project:  # read as it is, not migrated
        assert project.schema.label_names == ["ACTOR", "CLAIM"]
        assert project.schema.label_title("ACTOR", "ar") == "ACTOR"
        assert project.schema.empty_done == "ask"
    with Project.open(path) as project:  # migrated (after a backup)
        actor = project.schema.label("ACTOR")
        assert actor is not None and actor.overlap == "allow"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 3
    conn.close()


def test_merge_adds_a_label_with_its_options(tmp_path: Path) -> None:
    review = tmp_path / "review.bayan"
    Project.create(review, load_schema(DEFAULT_SCHEMA)).close()
    data = load_schema(DEFAULT_SCHEMA).to_dict()
    data["labels"].append({"name": "PLACE", "color": "#43a047", "names": {"ar": "مكان"}, "overlap": "refuse"})
    source = tmp_path / "amal.bayan"
    Project.create(source, parse_schema(data)).close()
    with Project.open(review) as project:
        merge_projects(project, [source], add_labels=True)
        place = project.reload_schema().label("PLACE")
        assert place is not None
        assert (place.title("ar"), place.overlap) == ("مكان", "refuse")
        # The review's own labels keep their options.
        assert project.schema.label_title("ACTOR", "ar") == "فاعل"
