"""A relation type allowed between several label pairs: the schema file, the store, the rules, merge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.errors import EditRefused, InputError
from core.rules import fitting_relation, relation_problem
from core.schema import parse_schema
from store.merge import merge_projects
from store.project import Project

LABELS = [{"name": "PERSON"}, {"name": "ORG"}, {"name": "PLACE"}]


def schema(*relations: dict[str, Any]) -> Any:
    return parse_schema({"labels": LABELS, "relations": list(relations)})


@pytest.mark.parametrize(
    "relation",
    [
        {"name": "IN", "from": ["PERSON", "ORG"], "to": "PLACE"},
        {"name": "IN", "pairs": [["PERSON", "PLACE"], ["ORG", "PLACE"]]},
        {"name": "IN", "pairs": [{"from": "PERSON", "to": "PLACE"}, {"from": "ORG", "to": "PLACE"}]},
        {"name": "IN", "from": "PERSON", "to": "PLACE", "pairs": [["ORG", "PLACE"]]},
    ],
)
def test_every_form_of_the_schema_file_gives_the_same_pairs(relation: dict[str, Any]) -> None:
    found = schema(relation).relation("IN")
    assert found is not None
    assert found.pairs == (("PERSON", "PLACE"), ("ORG", "PLACE"))
    assert (found.from_label, found.to_label) == ("PERSON", "PLACE")  # the first pair, for older code
    assert parse_schema(schema(relation).to_dict()) == schema(relation)


def test_one_pair_is_written_as_before() -> None:
    out = schema({"name": "IN", "from": "PERSON", "to": "PLACE"}).to_dict()["relations"]
    assert out == [{"name": "IN", "from": "PERSON", "to": "PLACE"}]


@pytest.mark.parametrize(
    "relation",
    [
        {"name": "IN", "from": ["PERSON", "NOPE"], "to": "PLACE"},
        {"name": "IN", "from": [], "to": "PLACE"},
        {"name": "IN", "pairs": [["PERSON"]]},
        {"name": "IN", "pairs": "PERSON PLACE"},
        {"name": "IN", "pairs": []},
    ],
)
def test_bad_pairs_are_refused(relation: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="relation 1 \\(IN\\)"):
        schema(relation)


def test_the_rules_take_every_pair() -> None:
    s = schema({"name": "IN", "from": ["PERSON", "ORG"], "to": "PLACE"},
               {"name": "KNOWS", "from": "PERSON", "to": "PERSON"})
    assert relation_problem(s, "IN", "ORG", "PLACE") is None
    assert relation_problem(s, "IN", "PERSON", "PLACE") is None
    assert relation_problem(s, "IN", "PLACE", "ORG") == (
        "IN goes from PERSON to PLACE or ORG to PLACE, not from PLACE to ORG"
    )
    assert fitting_relation(s, "ORG", "PLACE") == ("IN", None)
    assert fitting_relation(s, "PERSON", "PERSON") == ("KNOWS", None)


def test_the_store_keeps_the_pairs_and_its_writes_use_them(tmp_path: Path) -> None:
    s = schema({"name": "IN", "from": ["PERSON", "ORG"], "to": "PLACE"})
    path = tmp_path / "p.bayan"
    Project.create(path, s).close()
    with Project.open(path) as project:
        assert project.schema == s
        row = project.conn.execute("SELECT from_label, to_label, options FROM relation_types").fetchone()
        assert row[:2] == ("PERSON", "PLACE") and "ORG" in row[2]
        project.conn.execute("INSERT INTO statements(id, text, hash) VALUES ('s', 'Acme in Paris', 0)")
        org = project.add_span(statement=1, annotator="amal", label="ORG", start=0, end=4).id
        place = project.add_span(statement=1, annotator="amal", label="PLACE", start=8, end=13).id
        assert project.add_relation(head=org, tail=place, label="IN").created
        with pytest.raises(EditRefused, match="IN goes from"):
            project.add_relation(head=place, tail=org, label="IN")


def test_extend_schema_widens_pairs_and_attributes_never_narrows(tmp_path: Path) -> None:
    path = tmp_path / "p.bayan"
    Project.create(path, schema({"name": "IN", "from": "PERSON", "to": "PLACE"})).close()
    wider = parse_schema({
        "labels": [{"name": "PERSON", "attributes": [{"name": "role", "values": ["chief"]}]}, *LABELS[1:]],
        "relations": [{"name": "IN", "from": ["ORG"], "to": "PLACE"}],
    })
    with Project.open(path) as project:
        project.extend_schema(wider)
        kind = project.schema.relation("IN")
        assert kind is not None and kind.pairs == (("PERSON", "PLACE"), ("ORG", "PLACE"))
        role = project.schema.label("PERSON").attribute("role")  # type: ignore[union-attr]
        assert role is not None and role.values == ("chief",)
        project.extend_schema(schema({"name": "IN", "from": "PERSON", "to": "PLACE"}))
        assert project.schema.relation("IN").pairs == kind.pairs  # type: ignore[union-attr]
        assert project.schema.label("PERSON").attribute("role") is not None  # type: ignore[union-attr]


def test_merge_compares_pairs(tmp_path: Path) -> None:
    review, narrow, other = tmp_path / "review.bayan", tmp_path / "narrow.bayan", tmp_path / "other.bayan"
    Project.create(review, schema({"name": "IN", "from": ["PERSON", "ORG"], "to": "PLACE"})).close()
    Project.create(narrow, schema({"name": "IN", "from": "ORG", "to": "PLACE"})).close()
    Project.create(other, schema({"name": "IN", "from": "PLACE", "to": "ORG"})).close()
    with Project.open(review) as project:
        merge_projects(project, [narrow])  # fewer pairs: each of its relations fits the review's
        with pytest.raises(InputError, match="IN goes from PLACE to ORG here but from PERSON to PLACE or ORG"):
            merge_projects(project, [other], add_labels=True)
