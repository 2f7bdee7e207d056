"""Hostile input to every reader, to format detection and to the schema file: one InputError, never a crash.

Each reader checks the type of every field it reads and leaves the domain rules to
core.rules (through the validator, or called directly for a field only one format has).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from core.errors import InputError
from core.formats.csv import quote_state, read_csv
from core.formats.detect import detect_format
from core.formats.doccano import read_doccano
from core.formats.labelstudio import read_labelstudio
from core.formats.lines import MAX_JSON_DEPTH, JSONRefused, json_depth, parse_json
from core.formats.native import read_native
from core.formats.network import Edge, Node, csv_cell, write_edge_csv
from core.formats.prodigy import read_prodigy
from core.formats.report import Losses
from core.formats.txt import read_txt
from core.model import Record, Relation
from core.paths import DEFAULT_SCHEMA
from core.rules import meta_problem, text_problem
from core.schema import Schema, is_valid_value, load_schema, parse_schema
from core.validate import RecordValidator

Reader = Callable[[BinaryIO, str], Iterator[tuple[int, Record]]]
TEXT = "قال الوزير إن الهجوم مرفوض"
SCHEMA = load_schema(DEFAULT_SCHEMA)


def records(reader: Reader, data: bytes, file: str = "f") -> list[tuple[int, Record]]:
    return list(reader(io.BytesIO(data), file))


def refused(reader: Reader, data: bytes, line: int | None, reason: str) -> InputError:
    with pytest.raises(InputError, match=reason) as info:
        records(reader, data)
    assert (info.value.file, info.value.line) == ("f", line), str(info.value)
    return info.value


def checked(reader: Reader, data: bytes, schema: Schema = SCHEMA) -> list[Record]:
    """Read and validate, as an import does."""
    validator = RecordValidator(schema, file="f", default_annotator="amal")
    return [validator.check(record, line) for line, record in records(reader, data)]


def jsonl(*objs: Any) -> bytes:
    return b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objs)


def ls_task(annotations: list[Any] | None = None, **data: Any) -> dict[str, Any]:
    task: dict[str, Any] = {"data": {"text": TEXT, **data}}
    if annotations is not None:
        task["annotations"] = annotations
    return task


def ls_file(*tasks: Any) -> bytes:
    return ("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]\n").encode()


# --------------------------------------------------------------------------- CSV


def test_an_unclosed_quote_is_refused_at_the_line_where_the_field_opened() -> None:
    # One column: nothing else notices that lines 3-5 became part of line 2's statement.
    refused(read_csv, b'text\nfirst\n"second\nthird\nfourth\n', 3, "never closed")
    # A record with a closed multi-line field, then a field that opens and never closes.
    refused(read_csv, b'text,n\n"a\nb","c\nd\ne\n', 3, "never closed")
    refused(read_csv, b'"text\nx\n', 1, "never closed")


def test_an_unclosed_quote_in_a_long_file_names_its_line_not_the_field_limit() -> None:
    body = b"".join(b"row %d\n" % i for i in range(20000))
    refused(read_csv, b'text\nok\n"open\n' + body, 3, "quoted field")


def test_quotes_that_csv_reads_literally_are_not_taken_for_open_fields() -> None:
    data = b'text,n\n"a ""quoted"" word",1\n"closed"then more,2\nmid"dle,3\n"two\nlines",4\n'
    rows = [(n, r.text, r.meta["n"]) for n, r in records(read_csv, data)]
    assert rows == [(2, 'a "quoted" word', "1"), (3, "closedthen more", "2"), (4, 'mid"dle', "3"),
                    (5, "two\nlines", "4")]


@pytest.mark.parametrize(
    ("line", "before", "after"),
    [
        ("plain,row\n", False, (False, False)),
        ('"open,row\n', False, (True, True)),
        ('a,"b""c\n', False, (True, True)),
        ('still inside\n', True, (True, False)),
        ('end of it",x\n', True, (False, False)),
        ('end",x,"new\n', True, (True, True)),
        ('x"y,"z"\n', False, (False, False)),
        ('""\n', False, (False, False)),
        ('""""\n', True, (True, False)),
    ],
)
def test_quote_state_follows_csv(line: str, before: bool, after: tuple[bool, bool]) -> None:
    assert quote_state(line, before) == after
    # csv agrees: a line left inside a quote gives no row until more text closes it.
    if not before:
        rows = list(csv.reader(io.StringIO(line + ('"\n' if after[0] else ""))))
        assert len(rows) == 1


def test_a_repeated_header_row_is_refused() -> None:
    # Two CSV files joined with cat: the second header would become a statement "text".
    refused(read_csv, b"id,text\n1,first\nid,text\n2,second\n", 3, "header row again")
    refused(read_csv, b"text\nfirst\n text \nsecond\n", 3, "header row again")


# ------------------------------------------------------------------ Label Studio


def _region(rid: str, sub: str, label: str) -> dict[str, Any]:
    start = TEXT.index(sub)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": start + len(sub), "text": sub, "labels": [label]}}


def _link(**kw: Any) -> dict[str, Any]:
    return {"from_id": "a", "to_id": "c", "type": "relation", "direction": "right", **kw}


def _annotation(*result: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"annotator": "amal", "result": [_region("a", "الوزير", "ACTOR"), _region("c", "الهجوم مرفوض", "CLAIM"),
                                            *result], **kw}


@pytest.mark.parametrize("link", [_link(), _link(labels=[]), _link(labels=None)])
def test_labelstudio_relation_without_labels_gets_the_one_type_that_fits(link: dict[str, Any]) -> None:
    (record,) = checked(read_labelstudio, ls_file(ls_task([_annotation(link)])))
    assert record.relations == [Relation("a", "c", "CLAIMANT")]


def test_labelstudio_relation_without_labels_reversed_by_direction() -> None:
    link = {"from_id": "c", "to_id": "a", "type": "relation", "direction": "left"}
    (record,) = checked(read_labelstudio, ls_file(ls_task([_annotation(link)])))
    assert record.relations == [Relation("a", "c", "CLAIMANT")]


def test_labelstudio_relation_without_labels_and_no_fitting_type_is_refused() -> None:
    # CLAIM -> ACTOR: no relation type goes that way.
    data = ls_file(ls_task([_annotation(_link(from_id="c", to_id="a"))]))
    with pytest.raises(InputError, match="no label, and no relation type .* from CLAIM to ACTOR") as info:
        checked(read_labelstudio, data)
    assert info.value.line == 2


def test_labelstudio_relation_without_labels_and_several_fitting_types_is_refused() -> None:
    schema = SCHEMA.with_relation("QUOTES", "ACTOR", "CLAIM")
    with pytest.raises(InputError, match=r"several relation types \(CLAIMANT, QUOTES\)"):
        checked(read_labelstudio, ls_file(ls_task([_annotation(_link())])), schema)


def test_labelstudio_relation_labels_still_name_the_type() -> None:
    (record,) = checked(read_labelstudio, ls_file(ls_task([_annotation(_link(labels=["CLAIMANT"]))])))
    assert record.relations == [Relation("a", "c", "CLAIMANT")]


@pytest.mark.parametrize(
    ("lead_time", "reason"),
    [
        ("-5", "lead_time: seconds must be between 0 and"),
        ("-0.5", "lead_time: seconds must be between 0 and"),
        ("1e300", "lead_time: seconds must be between 0 and"),
        ("NaN", "NaN is not valid JSON"),
        ("Infinity", "Infinity is not valid JSON"),
        ("-Infinity", "-Infinity is not valid JSON"),
        ("1e999", "out of range"),
        ("1" + "0" * 400, "out of range"),
        ('"12"', "lead_time: seconds must be a number"),
        ("true", "lead_time: seconds must be a number"),
        ("[]", "lead_time: seconds must be a number"),
    ],
)
def test_labelstudio_bad_lead_times_are_refused(lead_time: str, reason: str) -> None:
    task = '{"data": {"text": "x"}, "annotations": [{"annotator": "a", "lead_time": ' + lead_time + ', "result": []}]}'
    refused(read_labelstudio, f"[\n{task}\n]".encode(), 2, reason)


def test_labelstudio_good_lead_times() -> None:
    data = ls_file(ls_task([{"annotator": "a", "lead_time": 3, "result": []},
                            {"annotator": "b", "lead_time": None, "result": []},
                            {"annotator": "c", "lead_time": 2.5, "result": []}]))
    assert [r.seconds for _, r in records(read_labelstudio, data)] == [3.0, 0.0, 2.5]


# ------------------------------------------------------------- meta everywhere

META_CASES: list[tuple[Reader, Callable[[Any], bytes]]] = [
    (read_native, lambda meta: jsonl({"text": TEXT, "meta": meta})),
    (read_doccano, lambda meta: jsonl({"text": TEXT, "label": [], "meta": meta})),
    (read_prodigy, lambda meta: jsonl({"text": TEXT, "answer": "accept", "meta": meta})),
    (read_labelstudio, lambda meta: ls_file(ls_task(meta=meta))),
]


@pytest.mark.parametrize(("reader", "make"), META_CASES)
@pytest.mark.parametrize("meta", [[], [1, 2], "source", 5, True, 0, "", False])
def test_meta_must_be_an_object_in_every_reader(reader: Reader, make: Callable[[Any], bytes], meta: Any) -> None:
    error = refused(reader, make(meta), 2 if reader is read_labelstudio else 1, "meta")
    # One rule, one message.
    assert error.reason == meta_problem(meta)


@pytest.mark.parametrize(("reader", "make"), META_CASES)
def test_meta_null_or_missing_is_empty_and_an_object_is_kept(reader: Reader, make: Callable[[Any], bytes]) -> None:
    assert [r.meta for _, r in records(reader, make(None))] == [{}]
    assert [r.meta for _, r in records(reader, make({"k": [1, {"n": None}]}))] == [{"k": [1, {"n": None}]}]


TEXT_CASES: list[tuple[Reader, Callable[[Any], bytes]]] = [
    (read_native, lambda text: jsonl({"text": text, "annotator": "amal"})),
    (read_doccano, lambda text: jsonl({"text": text, "label": [], "annotator": "amal"})),
    (read_prodigy, lambda text: jsonl({"text": text, "answer": "accept", "_annotator_id": "amal"})),
    (read_labelstudio, lambda text: ls_file({"data": {"text": text}, "annotations": [{"annotator": "amal"}]})),
]


@pytest.mark.parametrize(("reader", "make"), [case for case in TEXT_CASES if case[0] is not read_prodigy])
@pytest.mark.parametrize("text", ["", "  \n\t"])
def test_an_empty_text_is_refused_by_the_one_rule(reader: Reader, make: Callable[[Any], bytes], text: str) -> None:
    with pytest.raises(InputError) as info:
        checked(reader, make(text))
    assert info.value.reason == text_problem(text)


@pytest.mark.parametrize("text", ["", "  \n\t"])
def test_prodigy_skips_a_blank_text_and_reports_it(text: str) -> None:
    """Prodigy exports hold whitespace-only tasks (issue 12): skipped and counted, or refused by --strict."""
    data = jsonl({"text": text, "answer": "accept"}) + jsonl({"text": TEXT, "answer": "accept"})
    losses = Losses()
    assert [r.text for _, r in read_prodigy(io.BytesIO(data), "p.jsonl", losses)] == [TEXT]
    assert losses.summary() == "skipped 1 blank text"
    with pytest.raises(InputError) as info:
        list(read_prodigy(io.BytesIO(data), "p.jsonl", Losses(strict=True)))
    assert str(info.value) == "p.jsonl:1: skipped 1 blank text; --strict refuses any loss"


@pytest.mark.parametrize(("reader", "make"), TEXT_CASES)
@pytest.mark.parametrize("text", [None, 5, ["x"], {"ar": "x"}])
def test_a_text_that_is_not_a_string_is_refused_by_the_reader(
    reader: Reader, make: Callable[[Any], bytes], text: Any
) -> None:
    refused(reader, make(text), 2 if reader is read_labelstudio else 1, "must be a string")


# ------------------------------------------------------------ JSON under limits

JSON_READERS: list[tuple[Reader, Callable[[str], bytes]]] = [
    # Each puts a raw JSON value into the meta of a record that is otherwise fine.
    (read_native, lambda raw: b'{"text": "x", "meta": {"k": %s}}\n' % raw.encode()),
    (read_doccano, lambda raw: b'{"text": "x", "label": [], "meta": {"k": %s}}\n' % raw.encode()),
    (read_prodigy, lambda raw: b'{"text": "x", "answer": "accept", "meta": {"k": %s}}\n' % raw.encode()),
    (read_labelstudio, lambda raw: b'[{"data": {"text": "x", "meta": {"k": %s}}}]' % raw.encode()),
]
HOSTILE_VALUES = [
    ("[" * 5000 + "]" * 5000, f"nested deeper than {MAX_JSON_DEPTH}"),
    # Deeper than the limit but within Python's recursion limit: parsed, then refused,
    # so that no later json.dumps of the value (the store, an export) can overflow.
    ("[" * 600 + "]" * 600, f"nested deeper than {MAX_JSON_DEPTH}"),
    ('{"a": ' * 300 + "1" + "}" * 300, f"nested deeper than {MAX_JSON_DEPTH}"),
    ("1" + "0" * 400, "out of range"),
    ("1" + "0" * 5000, "out of range"),
    (str(2**63), "out of range"),
    (str(-(2**63) - 1), "out of range"),
    ("NaN", "NaN"),
    ("-Infinity", "Infinity"),
    ("1e400", "out of range"),
    ('"\\ud800"', "surrogate"),
    ('{"\\udfff": 1}', "surrogate"),
    ('["ok", {"x": "a\\udc00b"}]', "surrogate"),
]


@pytest.mark.parametrize(("reader", "make"), JSON_READERS)
@pytest.mark.parametrize(("raw", "reason"), HOSTILE_VALUES)
def test_json_beyond_the_limits_is_refused_by_every_reader(
    reader: Reader, make: Callable[[str], bytes], raw: str, reason: str
) -> None:
    refused(reader, make(raw), 1, reason)


@pytest.mark.parametrize(("reader", "make"), JSON_READERS)
def test_json_within_the_limits_is_read(reader: Reader, make: Callable[[str], bytes]) -> None:
    deep = "[" * (MAX_JSON_DEPTH - 8) + "]" * (MAX_JSON_DEPTH - 8)
    value = f'[{2**63 - 1}, {-(2**63)}, "\\ud83d\\ude00", "[[[{{{{", {deep}]'
    ((_, record),) = records(reader, make(value))
    assert record.meta["k"][:4] == [2**63 - 1, -(2**63), "😀", "[[[{{"]


def test_json_depth_counts_containers_not_brackets_in_strings() -> None:
    assert json_depth(json.loads('{"a": "[[[[", "b": [{"c": "}}]]\\"[["}], "d": [[[]]]}')) == 4
    assert json_depth([]) == 1 and json_depth("x") == 0 and json_depth([[], {"a": [1]}]) == 3
    # A line with many brackets but little depth (a Prodigy task's tokens) is read.
    wide = json.dumps({"tokens": [{"text": "[{", "id": n} for n in range(MAX_JSON_DEPTH * 3)]})
    assert len(parse_json(wide)["tokens"]) == MAX_JSON_DEPTH * 3


def test_parse_json_line_numbers_and_kinds() -> None:
    with pytest.raises(JSONRefused) as info:
        parse_json('{\n"a": 1,\n}')
    assert info.value.syntax and info.value.line == 3
    with pytest.raises(JSONRefused) as info:
        parse_json("[NaN]")
    assert not info.value.syntax


def test_non_ascii_digits_are_not_numbers() -> None:
    # json's own regex \d would match them in its pure-Python scanner; the C one must not.
    refused(read_native, '{"text": "x", "spans": [{"start": ١, "end": 2, "label": "A"}]}\n'.encode(), 1,
            "not valid JSON")
    refused(read_native, '{"text": "x", "spans": [{"start": "١", "end": 2, "label": "A"}]}\n'.encode(), 1,
            "integers")
    refused(read_labelstudio, '[{"data": {"text": "x"}, "annotations": [{"lead_time": ٣}]}]'.encode(), 1,
            "not valid JSON")


# ---------------------------------------------------------- wrong type anywhere

WRONG = [None, True, 0, 1.5, "s", [], {}, [1], {"k": 1}]


def _swap(obj: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of obj with the value at path replaced."""
    copy = json.loads(json.dumps(obj))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside obj (keys of objects, indices of lists)."""
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


CLAIM_START = TEXT.index("الهجوم")
GOOD: list[tuple[Reader, Any]] = [
    (read_native, {"id": "s1", "text": TEXT, "meta": {"k": "v"}, "annotator": "amal", "status": "done", "note": "n",
                   "seconds": 1.5,
                   "spans": [{"id": "a", "start": 4, "end": 10, "label": "ACTOR", "text": "الوزير", "attrs": {}},
                             {"id": "c", "start": CLAIM_START, "end": len(TEXT), "label": "CLAIM",
                              "attrs": {"stance": "oppose"}}],
                   "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}]}),
    (read_doccano, {"id": "s1", "text": TEXT, "meta": {"k": "v"}, "annotator": "amal", "status": "done",
                    "entities": [{"id": 1, "label": "ACTOR", "start_offset": 4, "end_offset": 10},
                                 {"id": 2, "label": "CLAIM", "start_offset": CLAIM_START, "end_offset": len(TEXT)}],
                    "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "CLAIMANT"}],
                    "attrs": {"2": {"stance": "oppose"}}}),
    (read_doccano, {"text": TEXT, "label": [[4, 10, "ACTOR"]], "attrs": {"1": {}}, "annotator": "amal"}),
    (read_prodigy, {"id": "s1", "text": TEXT, "meta": {"k": "v"}, "_annotator_id": "amal", "answer": "accept",
                    "spans": [{"start": 4, "end": 10, "token_start": 1, "token_end": 1, "label": "ACTOR",
                               "text": "الوزير"},
                              {"start": CLAIM_START, "end": len(TEXT), "token_end": 4, "label": "CLAIM",
                               "attrs": {"stance": "oppose"}}],
                    "relations": [{"head": 1, "child": 4, "label": "CLAIMANT",
                                   "head_span": {"start": 4, "end": 10, "label": "ACTOR"},
                                   "child_span": {"start": CLAIM_START, "end": len(TEXT), "label": "CLAIM"}}]}),
    (read_labelstudio, [{"data": {"text": TEXT, "id": "s1", "meta": {"k": "v"}},
                         "annotations": [{"annotator": "amal", "was_cancelled": False, "lead_time": 2,
                                          "completed_by": {"email": "a@b"},
                                          "result": [_region("a", "الوزير", "ACTOR"),
                                                     _region("c", "الهجوم مرفوض", "CLAIM"),
                                                     {"id": "c", "from_name": "stance", "to_name": "text",
                                                      "type": "choices", "value": {"choices": ["oppose"]}},
                                                     _link(labels=["CLAIMANT"])]}]}]),
]


def _encode(reader: Reader, obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


@pytest.mark.parametrize(("reader", "good"), GOOD)
def test_the_good_records_are_good(reader: Reader, good: Any) -> None:
    assert checked(reader, _encode(reader, good))


@pytest.mark.parametrize(("reader", "good"), GOOD)
def test_a_wrong_type_in_any_field_is_refused_or_read_never_a_crash(reader: Reader, good: Any) -> None:
    """Every field (and every key and item inside it) replaced by a value of every other JSON type."""
    outcomes = {"refused": 0, "read": 0}
    for path in _paths(good):
        for value in WRONG:
            data = _encode(reader, _swap(good, path, value))
            try:
                checked(reader, data)
            except InputError as exc:
                assert exc.file == "f" and exc.line == 1, str(exc)
                assert "\n" not in str(exc)
                outcomes["refused"] += 1
            else:
                outcomes["read"] += 1
    assert outcomes["refused"] > outcomes["read"]


@pytest.mark.parametrize(
    ("reader", "obj", "reason"),
    [
        (read_native, {"text": "x", "status": ["done"]}, "status"),
        (read_native, {"text": "x", "annotator": {"name": "a"}}, "annotator"),
        (read_native, {"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "attrs": {"s": ["x"]}}]}, "attrs"),
        (read_doccano, {"text": "x", "label": [], "attrs": []}, "attrs"),
        (read_doccano, {"text": "x", "label": [], "attrs": {"3": {}}}, "entity '3'"),
        (read_doccano, {"text": "x", "label": [], "status": 1}, "status"),
        (read_doccano, {"text": "x", "label": [], "relations": 0}, "relations"),
        (read_doccano, {"text": "x", "entities": [], "relations": 0}, "relations"),
        (read_doccano, {"text": "x", "entities": {}}, "entities"),
        (read_prodigy, {"text": "x", "answer": ["accept"]}, "answer"),
        (read_prodigy, {"text": "x", "answer": {"a": 1}}, "answer"),
        (read_prodigy, {"text": "x", "spans": 0}, "spans"),
        (read_prodigy, {"text": "x", "spans": ""}, "spans"),
        (read_prodigy, {"text": "x", "relations": False}, "relations"),
        (read_prodigy, {"text": "x", "_annotator_id": 5}, "_annotator_id"),
        (read_prodigy, {"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "text": 3}]}, "text"),
        (read_prodigy, {"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "token_end": "1"}]}, "token_end"),
        (read_prodigy, {"text": "x", "relations": [{"label": "", "head": 0, "child": 0}]}, "label"),
    ],
)
def test_wrong_types_that_were_taken_for_missing_values(reader: Reader, obj: Any, reason: str) -> None:
    refused(reader, _encode(reader, obj), 1, reason)


@pytest.mark.parametrize(
    ("annotation", "reason"),
    [
        ({"was_cancelled": "yes", "result": []}, "was_cancelled"),
        ({"annotator": 5, "result": []}, "annotator"),
        ({"completed_by": [1], "result": []}, "completed_by"),
        ({"completed_by": {"email": ["a"]}, "result": []}, "completed_by"),
        ({"result": [{"type": ["labels"], "id": "a", "value": {}}]}, "type must be a string"),
        ({"result": [_region("a", "الوزير", "ACTOR") | {"value": {"start": 4, "end": 10, "text": 7,
                                                                "labels": ["ACTOR"]}}]}, "value.text"),
        ({"result": [_link(labels="CLAIMANT")]}, "labels"),
        ({"result": [_link(labels=[""])]}, "labels"),
        ({"result": [_link(direction="up")]}, "direction"),
        ({"result": [_link(from_id=1)]}, "from_id"),
    ],
)
def test_labelstudio_wrong_types_are_refused(annotation: dict[str, Any], reason: str) -> None:
    refused(read_labelstudio, ls_file(ls_task([annotation])), 2, reason)


@pytest.mark.parametrize("key", ["annotations", "predictions"])
def test_labelstudio_annotations_of_the_wrong_type_are_refused(key: str) -> None:
    refused(read_labelstudio, ls_file({"data": {"text": "x"}, key: {"result": []}}), 2, f'"{key}" must be a list')


# ----------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b'{"text": "x", "meta": ' + b"[" * 5000 + b"\n", "nested"),
        (b'{"text": "x", "meta": ' + b"[" * 500 + b"]" * 500 + b"}\n", "nested"),
        (b'{"text": "\\ud800"}\n', "surrogate"),
        (b'{"text": "x", "n": 1' + b"0" * 5000 + b"}\n", "out of range"),
        (b'[{"data": {"text": "x", "meta": ' + b"[" * 5000, "nested"),
        (b'[{"data": {"text": "x", "n": ' + b"9" * 30 + b"}}]", "out of range"),
    ],
)
def test_detection_reports_refused_json_instead_of_crashing(head: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        detect_format(Path("upload"), head)
    assert info.value.file == "upload"
    # With a name that says the format, the reader reports it, with its line.
    assert detect_format(Path("upload.jsonl"), head) in ("jsonl", "labelstudio")


def test_detection_of_lines_ending_in_a_lone_cr() -> None:
    assert detect_format(Path("upload"), b'{"text": "x", "entities": []}\r{"text": "y"}\r') == "doccano"


def test_txt_takes_any_characters_but_not_broken_utf8() -> None:
    assert [r.text for _, r in records(read_txt, b"a\x00b\n\x1b[2J\n")] == ["a\x00b", "\x1b[2J"]
    refused(read_txt, b"ok\n\xed\xa0\x80\n", 2, "not UTF-8")  # a surrogate encoded in UTF-8 bytes


# -------------------------------------------------------------- schema files


def _schema(**attribute: Any) -> dict[str, Any]:
    return {"labels": [{"name": "CLAIM", "attributes": [{"name": "stance", "values": ["support"], **attribute}]}]}


@pytest.mark.parametrize(
    "name", ["two words", "line\nbreak", "tab\there", "", "1st", "ستانس", "a|b", "\u202eevil", "x\x00"]
)
def test_schema_attribute_names_follow_the_label_name_rule(name: str) -> None:
    with pytest.raises(InputError, match="name must be letters"):
        parse_schema(_schema(name=name), "s.json")


@pytest.mark.parametrize(
    "value", ["", "two words", "line\nbreak", "x\r", "tab\t", "nbsp\u00a0", "a|b", "a,b", "\x1b[2J", "\u202eevil",
              "zw\u200bsp", "\ud800"]
)
def test_schema_attribute_values_cannot_break_brat_lines(value: str) -> None:
    with pytest.raises(InputError, match="value .* must be printable") as info:
        parse_schema(_schema(values=["ok", value]), "s.json")
    assert "\n" not in str(info.value).replace("\\n", "")


@pytest.mark.parametrize("value", ["مؤيد", "pro-regime", "3", "Ja_nein", "😀"])
def test_schema_attribute_values_may_be_arabic_and_punctuated(value: str) -> None:
    schema = parse_schema(_schema(values=[value]), "s.json")
    assert schema.labels[0].attributes[0].values == (value,)
    assert is_valid_value(value)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"labels": [{"name": "X", "attributes": 0}]}, "attributes must be a list"),
        ({"labels": [{"name": "X", "attributes": ""}]}, "attributes must be a list"),
        ({"labels": [{"name": "X"}], "relations": False}, "must be a list"),
        ({"labels": [{"name": "X"}], "relations": {}}, "must be a list"),
    ],
)
def test_schema_wrong_types_are_not_taken_for_nothing(data: Any, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_schema(data, "s.json")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"labels": ' + "[" * 5000 + "]" * 5000 + "}", "nested"),
        ('{"labels": [{"name": "X", "description": ' + "[" * 400 + "]" * 400 + "}]}", "nested"),
        ('{"labels": [{"name": "X", "n": 1' + "0" * 5000 + "}]}", "out of range"),
        ('{"labels": [{"name": "X", "n": 1' + "0" * 400 + "}]}", "out of range"),
        ('{"labels": [{"name": "X", "n": NaN}]}', "NaN"),
        ('{"labels": [{"name": "X", "description": "\\ud800"}]}', "surrogate"),
        ('{"labels": [{"name": "X", "description": {"\\udc00": "x"}}]}', "surrogate"),
    ],
)
def test_schema_files_under_the_json_limits(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as info:
        load_schema(path)
    assert info.value.file == str(path)


def test_the_default_schema_passes_the_rules() -> None:
    assert [a.values for a in SCHEMA.labels[1].attributes] == [("support", "oppose", "neutral")]


# -------------------------------------------------------------- CSV injection


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("قال =1", "قال =1"),
        ("a-b", "a-b"),
        ("'quoted", "'quoted"),
    ],
)
def test_csv_cell_neutralises_formulas(value: str, cell: str) -> None:
    assert csv_cell(value) == cell


def test_edge_csv_cells_cannot_be_formulas_and_counts_stay_numbers() -> None:
    schema = parse_schema({"labels": [{"name": "ACTOR"}, {"name": "CLAIM", "attributes": [
        {"name": "stance", "values": ["=cmd", "+1", "ok"]}]}],
        "relations": [{"name": "CLAIMANT", "from": "ACTOR", "to": "CLAIM"}]})
    head, tail = Node("n1", "ACTOR", "=1+1", 1), Node("n2", "CLAIM", '@cmd|"/c calc"!A0', 1)
    edge = Edge("e1", head, tail, "CLAIMANT", 3, {"stance": {"=cmd": 2, "+1": 1}})
    out = io.StringIO()
    write_edge_csv(iter(()), iter([edge]), out, schema)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    # Attribute names are names (core.schema.is_valid_name), so headers start with a letter.
    assert rows[0][7:] == ["stance", "stance_=cmd", "stance_+1", "stance_ok"]
    assert rows[1] == ["'=1+1", '\'@cmd|"/c calc"!A0', "Directed", "3", "CLAIMANT", "ACTOR", "CLAIM", "mixed",
                       "2", "1", "0"]
    # The counts are bare numbers in the file, not text cells.
    assert out.getvalue().splitlines()[1].endswith(",Directed,3,CLAIMANT,ACTOR,CLAIM,mixed,2,1,0")
    single = Edge("e1", head, tail, "CLAIMANT", 1, {"stance": {"=cmd": 1}})
    out = io.StringIO()
    write_edge_csv(iter(()), iter([single]), out, schema)
    assert list(csv.reader(io.StringIO(out.getvalue())))[1][7] == "'=cmd"
