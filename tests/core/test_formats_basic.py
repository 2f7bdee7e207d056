"""The txt, csv and native JSONL readers, the native writer, detection, atomic writes."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from core.errors import InputError
from core.files import atomic_text_writer
from core.formats.csv import read_csv
from core.formats.detect import detect_format
from core.formats.native import dumps_native, read_native, record_from_object, write_native
from core.formats.registry import EXPORTS, READERS
from core.formats.txt import read_txt
from core.model import Record, Relation, Span
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema


def txt(data: bytes) -> list[tuple[int, str]]:
    return [(n, r.text) for n, r in read_txt(io.BytesIO(data), "a.txt")]


def csv_rows(data: bytes) -> list[tuple[int, Record]]:
    return list(read_csv(io.BytesIO(data), "a.csv"))


def native(data: bytes) -> list[tuple[int, Record]]:
    return list(read_native(io.BytesIO(data), "a.jsonl"))


def fails(reader: object, data: bytes, line: int | None, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        list(reader(io.BytesIO(data), "f"))  # type: ignore[operator]
    assert info.value.line == line, str(info.value)


# --------------------------------------------------------------------------- txt


def test_txt_lines_trimmed_and_blank_ones_skipped() -> None:
    data = "  أولى  \n\n \t \nثانية\n\u00a0\nthird".encode()
    assert txt(data) == [(1, "أولى"), (4, "ثانية"), (6, "third")]


def test_txt_bom_and_crlf() -> None:
    data = "\ufeffأولى\r\nثانية\r\n\r\n".encode()
    assert txt(data) == [(1, "أولى"), (2, "ثانية")]
    # Files joined with cat carry a BOM at the start of a later line: not part of the text.
    assert txt(b"\xef\xbb\xbf\r\n\xef\xbb\xbf x\n\xef\xbb\xbf\n") == [(2, "x")]
    assert txt("a\ufeffb\n".encode()) == [(1, "a\ufeffb")]


def test_txt_records_are_bare_statements() -> None:
    ((_, record),) = list(read_txt(io.BytesIO(b"x\n"), "a.txt"))
    assert (record.id, record.annotator, record.status, record.spans) == (None, None, "todo", [])


def test_txt_invalid_utf8_names_its_line() -> None:
    fails(read_txt, "أولى\nثانية\n".encode() + b"caf\xe9\n", 3, "not UTF-8")


# --------------------------------------------------------------------------- csv


def test_csv_text_id_and_meta_columns() -> None:
    data = '\ufeffsource,text,id\nBBC," نص أول ",s1\nAFP,"نص ""ثان""",\n'.encode()
    rows = csv_rows(data)
    assert [n for n, _ in rows] == [2, 3]
    first, second = rows[0][1], rows[1][1]
    assert (first.id, first.text, first.meta) == ("s1", "نص أول", {"source": "BBC"})
    assert (second.id, second.text, second.meta) == (None, 'نص "ثان"', {"source": "AFP"})
    assert first.status == "todo" and first.annotator is None


def test_csv_header_names_are_trimmed() -> None:
    ((_, record),) = csv_rows(b" id , text ,src\ns1,x,y\n")
    assert (record.id, record.text, record.meta) == ("s1", "x", {"src": "y"})


def test_csv_quoted_newlines_and_crlf_keep_line_numbers() -> None:
    data = 'text,n\r\n"سطر\r\nثان",1\r\n\r\nlast,2\r\n'.encode()
    rows = csv_rows(data)
    assert [(n, r.text, r.meta) for n, r in rows] == [(2, "سطر\r\nثان", {"n": "1"}), (5, "last", {"n": "2"})]


def test_csv_errors() -> None:
    fails(read_csv, b"id,body\n1,x\n", 1, 'no "text" column')
    fails(read_csv, b"text,text\nx,y\n", 1, "twice")
    fails(read_csv, b"text,n\nx,1\ny\n", 3, "1 columns where the header has 2")
    fails(read_csv, b"text,n\nx,1\ny,2,3\n", 3, "3 columns")
    fails(read_csv, b"text,n\nx,1\n  ,2\n", 3, "empty")
    # An unclosed quote would swallow the rest of the file into one field.
    fails(read_csv, b'text,n\n"open,1\nx,2\n', 2, "never closed")
    assert csv_rows(b"") == []


def test_csv_invalid_utf8_names_its_line_even_far_into_the_file() -> None:
    body = b"".join(b"row %d,%d\n" % (i, i) for i in range(5000))
    fails(read_csv, b"text,n\n" + body + b"caf\xe9,1\n", 5002, "not UTF-8")


# ------------------------------------------------------------------ native JSONL


def test_native_full_record() -> None:
    line = {
        "id": "s1", "text": "قال الوزير إن", "meta": {"src": "x", "n": 3}, "annotator": "amal",
        "status": "skipped", "note": "ملاحظة", "seconds": 2.5,
        "spans": [{"id": "a", "start": 4, "end": 10, "label": "ACTOR", "text": "الوزير"},
                  {"start": 11, "end": 13, "label": "CLAIM", "attrs": {"stance": "neutral"}}],
        "relations": [{"head": "a", "tail": "T2", "label": "CLAIMANT"}],
    }
    ((n, record),) = native(json.dumps(line, ensure_ascii=False).encode() + b"\n")
    assert n == 1
    assert record == Record(
        id="s1", text="قال الوزير إن", meta={"src": "x", "n": 3}, annotator="amal", status="skipped",
        note="ملاحظة", seconds=2.5,
        spans=[Span(4, 10, "ACTOR", "الوزير", {}, "a"), Span(11, 13, "CLAIM", "", {"stance": "neutral"}, "T2")],
        relations=[Relation("a", "T2", "CLAIMANT")],
    )


def test_native_defaults_and_blank_lines() -> None:
    rows = native(b'\n{"text": "x"}\r\n  \n{"text": "y", "id": 7, "meta": null, "note": null}\n')
    assert [n for n, _ in rows] == [2, 4]
    first, second = rows[0][1], rows[1][1]
    assert (first.id, first.status, first.annotator, first.meta, first.note) == (None, "done", None, {}, "")
    assert second.id == "7" and second.meta == {}


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ('"text"', "JSON object"),
        ("[1]", "JSON object"),
        ('{"id": "s"}', "text"),
        ('{"text": 5}', "text"),
        ('{"text": "x", "id": 1.5}', "id"),
        ('{"text": "x", "meta": []}', "meta"),
        ('{"text": "x", "annotator": 3}', "annotator"),
        ('{"text": "x", "note": 3}', "note"),
        ('{"text": "x", "spans": {}}', "spans"),
        ('{"text": "x", "spans": [3]}', "object"),
        ('{"text": "x", "spans": [{"start": true, "end": 1, "label": "A"}]}', "integers"),
        ('{"text": "x", "spans": [{"start": 0, "end": 1.0, "label": "A"}]}', "integers"),
        ('{"text": "x", "spans": [{"start": "0", "end": 1, "label": "A"}]}', "integers"),
        ('{"text": "x", "spans": [{"start": 0, "label": "A"}]}', "integers"),
        ('{"text": "x", "spans": [{"start": 0, "end": 1}]}', "label"),
        ('{"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "text": 1}]}', "text"),
        ('{"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "attrs": {"s": 1}}]}', "attrs"),
        ('{"text": "x", "spans": [{"start": 0, "end": 1, "label": "A", "id": []}]}', "id"),
        ('{"text": "x", "relations": {}}', "relations"),
        ('{"text": "x", "spans": 0}', "spans"),
        ('{"text": "x", "note": false}', "note"),
        ('{"text": "x", "seconds": false}', "seconds"),
        ('{"text": "x", "relations": [{"head": "a", "tail": "b"}]}', "relation 1"),
        ('{"text": "x", "seconds": -1}', "seconds"),
        ('{"text": "x", "seconds": "5"}', "seconds"),
        ('{"text": "x", "seconds": 1e300}', "seconds"),
        ('{"text": "x", "status": 1}', "status"),
        ('{"text": "x", "status": null}', "status"),
        ('{"text": "x", "relations": [{"head": "a", "tail": "b", "label": ""}]}', "relation 1"),
    ],
)
def test_native_shape_errors(obj: str, reason: str) -> None:
    fails(read_native, b'{"text": "ok"}\n' + obj.encode() + b"\n", 2, reason)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"text": "x"', "not valid JSON"),
        (b"{'text': 'x'}", "not valid JSON"),
        (b'{"text": "x", "seconds": NaN}', "NaN"),
        (b'{"text": "x", "meta": {"v": Infinity}}', "Infinity"),
        (b'{"text": "x", "meta": {"v": 1e999}}', "out of range"),
        (b'{"text": "ab\\ud800c"}', "surrogate"),
        (b'{"text": "x", "meta": {"k": "\\udc00"}}', "surrogate"),
        (b'{"text": "caf\xe9"}', "not UTF-8"),
        (b"[" * 100000 + b"]" * 100000, "nested|JSON object"),
    ],
)
def test_native_invalid_lines(raw: bytes, reason: str) -> None:
    fails(read_native, b'{"text": "ok"}\n' + raw + b"\n", 2, reason)


def test_native_escaped_surrogate_pairs_are_fine() -> None:
    ((_, record),) = native(b'{"text": "\\ud83d\\ude00 \\u0627\\\\ud800"}\n')
    assert record.text == "😀 ا\\ud800"


def test_record_from_object_leaves_values_to_the_validator() -> None:
    # Empty names and unknown statuses have the right type: the rules of core.rules judge them.
    record = record_from_object({"text": "x", "id": "", "annotator": "", "status": "finished"}, "f", 1)
    assert (record.id, record.annotator, record.status) == ("", "", "finished")


def test_write_native_round_trips_through_read_native() -> None:
    record = Record(
        id="s1", text="نص\u200f😀\n", meta={"k": [1, None]}, annotator="amal", status="done", note="n",
        spans=[Span(0, 2, "ACTOR", "نص", {}, "T1"), Span(3, 4, "CLAIM", "😀", {"stance": "support"}, "T2")],
        relations=[Relation("T1", "T2", "CLAIMANT")], seconds=1.5,
    )
    out = io.StringIO()
    assert write_native([record, record], out, load_schema(DEFAULT_SCHEMA)) == 2
    lines = out.getvalue().split("\n")
    assert lines[2] == "" and len(lines) == 3
    assert "😀" in lines[0]  # not escaped: readable UTF-8
    assert dumps_native(record) == lines[0]
    ((_, back), _) = native(out.getvalue().encode())
    assert back == record


def test_registry_names() -> None:
    assert set(READERS) >= {"txt", "csv", "jsonl"}
    assert "jsonl" in EXPORTS and EXPORTS["jsonl"].suffix == ".jsonl"


# --------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.txt", b"{}", "txt"),
        ("a.TXT", b"", "txt"),
        ("a.csv", b"", "csv"),
        ("a.jsonl", b"", "jsonl"),
        ("a.ndjson", b"", "jsonl"),
        ("a.data", b'{"text": "x", "spans": []}\n{"text"', "jsonl"),
        ("a", b'\xef\xbb\xbf  {"id": 1, "text": "x"}\r\n', "jsonl"),
    ],
)
def test_detect_format(name: str, head: bytes, fmt: str) -> None:
    assert detect_format(Path(name), head) == fmt


@pytest.mark.parametrize("head", [b"", b"plain text\n", b'{"body": "x"}\n', b"[1, 2]\n", b"{broken\n",
                                  b'"text"\n'])
def test_detect_refuses_to_guess(head: bytes) -> None:
    with pytest.raises(InputError, match="--format") as info:
        detect_format(Path("mystery.dat"), head)
    assert info.value.file == "mystery.dat"


# ------------------------------------------------------------------ atomic files


def test_atomic_text_writer_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with atomic_text_writer(str(target)) as stream:
        stream.write("new\n")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "new\n"
    with pytest.raises(RuntimeError), atomic_text_writer(str(target)) as stream:
        stream.write("half")
        raise RuntimeError
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_atomic_text_writer_gives_a_normal_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "fresh.jsonl"
    umask = os.umask(0o022)
    try:
        with atomic_text_writer(str(target)) as stream:
            stream.write("x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    with atomic_text_writer(str(target)) as stream:
        stream.write("y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_atomic_text_writer_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with atomic_text_writer("-") as stream:
        stream.write("سطر\n")
    assert capsys.readouterr().out == "سطر\n"


def test_native_lines_survive_readers_that_split_on_unicode_line_breaks() -> None:
    record = Record(id="s", text="أ\u2028ب\u2029ج\x85د\nه\r", note="\u2028")
    line = dumps_native(record)
    assert line.splitlines() == [line]
    ((_, back),) = native(line.encode() + b"\n")
    assert (back.text, back.note) == (record.text, record.note)


def test_lone_carriage_returns_end_lines_too() -> None:
    assert txt("أولى\rثانية\r\rثالثة\r\nرابعة".encode()) == [(1, "أولى"), (2, "ثانية"), (4, "ثالثة"),
                                                            (5, "رابعة")]
    rows = csv_rows(b'text,n\rx,1\r"a\rb",2\r')
    assert [(n, r.text, r.meta["n"]) for n, r in rows] == [(2, "x", "1"), (3, "a\rb", "2")]
    assert [r.text for _, r in native(b'{"text": "a"}\r{"text": "b"}\r')] == ["a", "b"]
