"""brat's annotation.conf read into types, and the schema they widen (core/formats/brat_conf.py)."""

from __future__ import annotations

import pytest

from core.errors import InputError
from core.formats.brat import NORMALIZATIONS, record_from_ann
from core.formats.brat_conf import parse_annotation_conf
from core.formats.report import Losses
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema

CONF = """\
# a comment
[entities]
!Agent
\tPerson
\tOrganization|Org
Place
-----
[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
Located\tArg1:Person|Organization, Arg2:Place
Member  Arg1:Agent, Arg2:Organization
Linked  Arg1:<ENTITY>, Arg2:Say
[events]
<W>=Person|Place
Say\tSpeaker-Arg:Person, Where-Arg?:<W>
!Hidden\tX:Person
[attributes]
Negated     Arg:<EVENT>
Kind        Arg:<ENTITY>, Value:a|b
Bad.Name    Arg:Person
[visual]
ignored here
"""


def test_types_wildcards_alternatives_groupings_and_macros() -> None:
    conf = parse_annotation_conf(CONF, "annotation.conf")
    # The grouping !Agent is no label; its children are. Event types are labels (their triggers).
    assert conf.labels == ("Person", "Organization", "Place", "Say")
    relations = dict(conf.relations)
    assert "<OVERLAP>" not in relations
    assert relations["Located"] == (("Person", "Place"), ("Organization", "Place"))
    assert relations["Member"] == (("Person", "Organization"), ("Organization", "Organization"))
    assert relations["Linked"] == (("Person", "Say"), ("Organization", "Say"), ("Place", "Say"))
    attributes = {name: (targets, values) for name, targets, values in conf.attributes}
    assert attributes == {"Negated": (("Say",), ("true",)), "Kind": (("Person", "Organization", "Place"), ("a", "b"))}


def test_widen_adds_what_the_schema_lacks_and_keeps_what_it_has() -> None:
    schema = load_schema(DEFAULT_SCHEMA)
    wider = parse_annotation_conf(CONF, "annotation.conf").widen(schema)
    assert wider.label_names == ["ACTOR", "CLAIM", "Person", "Organization", "Place", "Say"]
    assert wider.relation("CLAIMANT") == schema.relation("CLAIMANT")
    located = wider.relation("Located")
    assert located is not None and located.allows("Organization", "Place") and located.allows("Person", "Place")
    kind = wider.label("Place").attribute("Kind")  # type: ignore[union-attr]
    assert kind is not None and kind.values == ("a", "b")
    assert parse_annotation_conf(CONF, "annotation.conf").widen(wider) == wider


def test_bayan_writes_a_conf_it_reads_back() -> None:
    from core.formats.brat import annotation_conf

    schema = load_schema(DEFAULT_SCHEMA)
    conf = parse_annotation_conf(annotation_conf(schema), "annotation.conf")
    assert conf.widen(schema) == schema
    assert conf.labels == ("ACTOR", "CLAIM") and dict(conf.relations) == {"CLAIMANT": (("ACTOR", "CLAIM"),)}


@pytest.mark.parametrize(
    ("text", "line"),
    [("[relations]\nLocated\tArg1 Person, Arg2:Place\n", 2), ("[entities]\n\n\tPerson\n", 3)],
)
def test_a_line_brat_cannot_read_is_refused_at_its_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_annotation_conf(text, "annotation.conf")
    assert info.value.line == line


def test_normalizations_are_counted() -> None:
    losses = Losses()
    ann = "T1\tPerson 0 12\tBarack Obama\nN1\tReference T1 Wikipedia:534366\tBarack Obama\n"
    doc = record_from_ann("Barack Obama", ann, "d.ann", losses)
    assert len(doc.spans) == 1 and losses.count(NORMALIZATIONS) == 1


def test_several_pairs_are_written_as_brat_reads_them() -> None:
    from core.formats.brat import annotation_conf
    from core.schema import parse_schema

    schema = parse_schema({
        "labels": [{"name": "PERSON"}, {"name": "ORG"}, {"name": "PLACE"}],
        "relations": [{"name": "IN", "pairs": [["PERSON", "PLACE"], ["ORG", "PLACE"], ["ORG", "ORG"]]}],
    })
    text = annotation_conf(schema)
    # One line per group of pairs that is a product of its Arg1 and Arg2 lists: no pair added.
    assert [line for line in text.splitlines() if line.startswith("IN\t")] == [
        "IN\tArg1:PERSON, Arg2:PLACE", "IN\tArg1:ORG, Arg2:PLACE|ORG",
    ]
    back = dict(parse_annotation_conf(text, "annotation.conf").relations)
    assert set(back["IN"]) == {("PERSON", "PLACE"), ("ORG", "PLACE"), ("ORG", "ORG")}
