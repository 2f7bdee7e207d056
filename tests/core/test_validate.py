"""RecordValidator: the format-independent checks every imported record passes."""

from __future__ import annotations

import pytest

from core.errors import InputError
from core.model import Record, Relation, Span
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from core.validate import RecordValidator

TEXT = "قالت الوزارة 🇸🇾 إن الهجوم مرفوض"
ACTOR = (5, 12)  # الوزارة
CLAIM = (19, len(TEXT))  # الهجوم مرفوض


def validator(**kw: object) -> RecordValidator:
    return RecordValidator(load_schema(DEFAULT_SCHEMA), file="in.jsonl", **kw)  # type: ignore[arg-type]


def span(start: int, end: int, label: str, *, text: str = "", sid: str = "T1", **attrs: str) -> Span:
    return Span(start=start, end=end, label=label, text=text, attrs=dict(attrs), id=sid)


def record(*spans: Span, relations: tuple[Relation, ...] = (), **kw: object) -> Record:
    return Record(id="s1", text=kw.pop("text", TEXT), spans=list(spans), relations=list(relations),  # type: ignore[arg-type]
                  **kw)  # type: ignore[arg-type]


def test_a_good_record_gets_span_texts_and_the_default_annotator() -> None:
    checked = validator(default_annotator="amal").check(
        record(
            span(*ACTOR, "ACTOR", sid="a"),
            span(*CLAIM, "CLAIM", text=TEXT[CLAIM[0]:], sid="c", stance="oppose"),
            relations=(Relation("a", "c", "CLAIMANT"),),
        ),
        7,
    )
    assert checked.annotator == "amal"
    assert [s.text for s in checked.spans] == ["الوزارة", "الهجوم مرفوض"]
    assert checked.spans[1].attrs == {"stance": "oppose"}
    assert checked.relations == [Relation("a", "c", "CLAIMANT")]


def test_an_explicit_annotator_wins_over_the_default() -> None:
    checked = validator(default_annotator="amal").check(record(span(*ACTOR, "ACTOR"), annotator="bilal"), 1)
    assert checked.annotator == "bilal"


def test_a_bare_todo_record_belongs_to_nobody() -> None:
    checked = validator(default_annotator="amal").check(record(status="todo"), 1)
    assert checked.annotator is None
    # A done record without work goes to --annotator when there is one, else to nobody.
    assert validator(default_annotator="amal").check(record(), 1).annotator == "amal"
    assert validator().check(record(), 1).annotator is None


def test_spans_without_any_annotator_are_an_error() -> None:
    with pytest.raises(InputError, match="no annotator") as info:
        validator().check(record(span(*ACTOR, "ACTOR")), 3)
    assert (info.value.file, info.value.line) == ("in.jsonl", 3)


def test_a_duplicate_span_is_kept_once_and_relations_follow_it() -> None:
    checked = validator(default_annotator="amal").check(
        record(
            span(*ACTOR, "ACTOR", sid="a"),
            span(*ACTOR, "ACTOR", sid="a2"),
            span(*CLAIM, "CLAIM", sid="c"),
            relations=(Relation("a2", "c", "CLAIMANT"),),
        ),
        1,
    )
    assert [s.id for s in checked.spans] == ["a", "c"]
    assert checked.relations == [Relation("a", "c", "CLAIMANT")]


@pytest.mark.parametrize(
    ("rec", "reason"),
    [
        (record(text=""), "empty"),
        (record(text=" \t\n"), "empty"),
        (record(status="finished"), "status"),
        (record(span(-1, 3, "ACTOR")), "not within"),
        (record(span(3, 3, "ACTOR")), "not within"),
        (record(span(5, 2, "ACTOR")), "not within"),
        (record(span(0, len(TEXT) + 1, "ACTOR")), "not within"),
        (record(span(*ACTOR, "ACTOR", text="الوزار")), "differs"),
        (record(span(*ACTOR, "PLACE")), "unknown label"),
        (record(span(*ACTOR, "ACTOR", stance="oppose")), "no attribute"),
        (record(span(*CLAIM, "CLAIM", stance="maybe")), "must be one of"),
        (record(span(*ACTOR, "ACTOR", sid="x"), span(*CLAIM, "CLAIM", sid="x")), "used twice"),
        (record(span(*ACTOR, "ACTOR", sid="a"), relations=(Relation("a", "zz", "CLAIMANT"),)), "no span"),
        (record(span(*ACTOR, "ACTOR", sid="a"), span(*CLAIM, "CLAIM", sid="c"),
                relations=(Relation("a", "c", "QUOTES"),)), "unknown relation"),
        (record(span(*ACTOR, "ACTOR", sid="a"), span(*CLAIM, "CLAIM", sid="c"),
                relations=(Relation("c", "a", "CLAIMANT"),)), "goes from ACTOR to CLAIM"),
    ],
)
def test_bad_records_name_the_file_line_and_reason(rec: Record, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        validator(default_annotator="amal").check(rec, 42)
    assert (info.value.file, info.value.line) == ("in.jsonl", 42)
    assert str(info.value).startswith("in.jsonl:42: ")
    assert "\n" not in str(info.value)


def test_offsets_count_code_points_not_utf16_units() -> None:
    text = "🇸🇾 سوريا"  # the flag is two code points (four UTF-16 units)
    checked = validator(default_annotator="amal").check(record(span(3, 8, "ACTOR"), text=text), 1)
    assert checked.spans[0].text == "سوريا"
    with pytest.raises(InputError):
        validator(default_annotator="amal").check(record(span(5, 10, "ACTOR"), text=text), 1)


def test_add_labels_grows_the_schema_once() -> None:
    v = validator(default_annotator="amal", add_labels=True)
    v.check(record(span(*ACTOR, "PLACE", sid="p"), span(*CLAIM, "CLAIM", sid="c"),
                   relations=(Relation("p", "c", "LOCATES"),)), 1)
    v.check(record(span(*ACTOR, "PLACE", sid="p")), 2)
    assert v.added_labels == ["PLACE"]
    assert v.added_relations == ["LOCATES"]
    kind = v.schema.relation("LOCATES")
    assert kind is not None and (kind.from_label, kind.to_label) == ("PLACE", "CLAIM")
    # A relation type learnt from one record binds the next ones.
    with pytest.raises(InputError, match="goes from PLACE to CLAIM"):
        v.check(record(span(*ACTOR, "ACTOR", sid="a"), span(*CLAIM, "CLAIM", sid="c"),
                       relations=(Relation("a", "c", "LOCATES"),)), 3)


@pytest.mark.parametrize("name", ["two words", "A\n", "", "1ST", "فاعل"])
def test_add_labels_only_adds_names_a_schema_file_could_hold(name: str) -> None:
    v = validator(default_annotator="amal", add_labels=True)
    with pytest.raises(InputError, match="cannot be added|unknown label"):
        v.check(record(span(*ACTOR, name)), 1)
    with pytest.raises(InputError, match="cannot be added"):
        v.check(record(span(*ACTOR, "ACTOR", sid="a"), span(*CLAIM, "CLAIM", sid="c"),
                       relations=(Relation("a", "c", name or " "),)), 1)
    assert v.added_labels == [] and v.added_relations == []
