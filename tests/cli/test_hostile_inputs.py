"""Mutated files of every format through `import`: a good import or one clean refusal, nothing between.

A valid file of each format (txt, csv, native JSONL, doccano, Prodigy, Label Studio and a
brat folder) is mutated (bytes flipped, cut or inserted, hostile snippets dropped in, JSON
values swapped for hostile ones) and imported through the CLI in-process, with `--format
auto` and with the format named. Either the import succeeds and the project is sound, or
it exits 2 with one line `bayan: path[:line]: reason` on stderr and the project is exactly
as before. An uncaught exception (a traceback) fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from core.formats.brat import write_brat
from core.formats.doccano import write_doccano
from core.formats.labelstudio import write_labelstudio
from core.formats.native import write_native
from core.formats.prodigy import write_prodigy
from core.model import Record, Relation, Span
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from tests.dump import dump

SCHEMA = load_schema(DEFAULT_SCHEMA)
T1 = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"
T2 = "أعلنت المنظمة 😀 أن مديرها رفض القرار 2118"


def _span(text: str, sub: str, label: str, sid: str, **attrs: str) -> Span:
    start = text.index(sub)
    return Span(start, start + len(sub), label, sub, dict(attrs), sid)


RECORDS = [
    Record("s1", T1, {"source": "bbc", "n": 3}, "amal", "done", "", [
        _span(T1, "الائتلاف الوطني السوري", "ACTOR", "T1"),
        _span(T1, "محاسبة النظام", "CLAIM", "T2", stance="support"),
    ], [Relation("T1", "T2", "CLAIMANT")], 12.5),
    Record("s1", T1, {"source": "bbc", "n": 3}, "badr", "skipped", "", [_span(T1, "النظام", "ACTOR", "T1")]),
    Record(None, T2, {}, "amal", "done", "", [_span(T2, "المنظمة", "ACTOR", "T1")]),
    Record("s3", "بيان لم يعلَّم بعد", {}, None, "todo"),
]


def _written(write: Callable[[Any, Any, Any], int]) -> bytes:
    out = io.StringIO()
    write(iter(RECORDS), out, SCHEMA)
    return out.getvalue().encode("utf-8")


# (format name, file name, valid content)
FILES: list[tuple[str, str, bytes]] = [
    ("txt", "in.txt", f"{T1}\n\n{T2}\n".encode()),
    ("csv", "in.csv", f'id,text,source\ns1,"{T1}",bbc\n,"{T2}","a ""quoted"" one"\n'.encode()),
    ("jsonl", "in.jsonl", _written(write_native)),
    ("doccano", "in.jsonl", _written(write_doccano)),
    ("prodigy", "in.jsonl", _written(write_prodigy)),
    ("labelstudio", "in.json", _written(write_labelstudio)),
]

# Raw bytes dropped anywhere: structure breakers, encodings, controls, numbers.
SNIPPETS = [
    b"[" * 3000, b"{" * 3000, b'{"a": ' * 3000, b"]" * 50, b'"', b'\\"', b",", b":", b"\\", b"\t", b"\r", b"\n",
    b"\r\n", b"\x00", b"\x1b[2J", b"\x85", "\u2028".encode(), "\u202e".encode(), b"\xef\xbb\xbf", b"\xff",
    b"\xc3", b"\xed\xa0\x80", b"\\ud800", b"\\udfff", b"\\u0000", b"1" + b"0" * 400, b"9" * 5000, b"-1",
    b"NaN", b"Infinity", b"-Infinity", b"1e999", "١٢".encode(), "²".encode(), "٣".encode(), b"null", b"true",
    b"[]", b"{}", b'""', b" ", b"T9\tACTOR 0 1\tx\n", b"R9\tCLAIMANT Arg1:T1 Arg2:T9\n", b"A9\tstance T1 maybe\n",
]
# Whole JSON values put in place of a value of the file: every other type, and the limits.
VALUES = [
    b"null", b"true", b"false", b"0", b"-1", b"1.5", b"-0.0", b"1e300", b'""', b'" "', b'"x"', b"[]", b"[1]",
    b'["x"]', b"{}", b'{"k": 1}', b'{"k": []}', b"[" * 3000 + b"]" * 3000, b"[" * 600 + b"]" * 600,
    b'{"a": ' * 200 + b"1" + b"}" * 200, b"1" + b"0" * 400, b"1" + b"0" * 5000, b"9223372036854775808",
    b"-9223372036854775809", b"9223372036854775807", b"NaN", b"Infinity", b"-Infinity", b"1e999", b'"\\ud800"',
    b'"a\\udc00"', b'{"\\ud800": 1}', b'"\\u0000"', b'"\\u001b[2J"', '"١٢"'.encode(), '"٣"'.encode(), b'"12"',
    b'"T1"', b'"CLAIMANT"', b'"ACTOR"', b'"done"', b'"h0123456789abcdef"', b'"gold"', b'"\\u202e"',
]
# Tokens of the line formats (brat's ids, labels, offsets; words of txt and csv) put in
# place of a token: numbers that are not plain numbers, empty, huge, controls.
TOKENS = [
    b"", b"-1", b"1.5", b"0x10", "²".encode(), "١٢".encode(), "٣".encode(), "𝟙".encode(), b"1" + b"0" * 400,
    b"9" * 5000, b"99999999999999999999", b"\x1b]0;x\x07", b"a\tb", b"T1", b"Arg1:T9", b"CLAIMANT", b"=1+1",
]
# The values of a JSON text (strings, numbers, literals; not keys), which a swap replaces.
_JSON_VALUE = re.compile(
    rb'(?<=[:\[,])\s*("(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null)(?!\s*:)'
)
_TOKEN = re.compile(rb"([^\t\n\r ]+)")

position = st.integers(min_value=0, max_value=1 << 20)
mutation = st.one_of(
    st.tuples(st.just("flip"), position, st.integers(0, 7)),
    st.tuples(st.just("delete"), position, st.integers(1, 40)),
    st.tuples(st.just("insert"), position, st.sampled_from(SNIPPETS)),
    st.tuples(st.just("swap"), position, st.sampled_from(VALUES)),
    st.tuples(st.just("swap"), position, st.sampled_from(TOKENS)),
)
mutations = st.lists(mutation, min_size=1, max_size=3)


def mutate(data: bytes, changes: list[tuple[Any, ...]]) -> bytes:
    for kind, where, what in changes:
        if kind == "swap":
            pattern = _JSON_VALUE if data.lstrip()[:1] in (b"{", b"[") else _TOKEN
            found = [m.span(1) for m in pattern.finditer(data)]
            if found:
                start, end = found[where % len(found)]
                data = data[:start] + what + data[end:]
                continue
            kind = "insert"
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << what)]) + data[at + 1:]
        elif kind == "delete":
            data = data[:at] + data[at + what:]
        elif kind == "insert":
            data = data[:at] + what + data[at:]
    return data


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty project, copied for each example (closed, so a file copy is a whole project)."""
    path = tmp_path_factory.mktemp("template") / "p.bayan"
    result = CliRunner().invoke(main.cli, ["init", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def brat_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brat") / "in"
    folder.mkdir()
    write_brat(iter(RECORDS), folder, SCHEMA, threads=0)
    return folder


def _workspace() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _integrity(project: Path) -> str:
    conn = sqlite3.connect(project)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def check_import(template: Path, work: Path, target: Path, fmt: str) -> Result:
    """Import `target` into a copy of the template; assert the all-or-nothing, one-line contract."""
    project = work / "p.bayan"
    shutil.copyfile(template, project)
    before = dump(project)
    runner = CliRunner()
    result = runner.invoke(main.cli, ["import", str(project), str(target), "--format", fmt, "--annotator", "amal"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"uncaught exception (exit {result.exit_code}):\n{trace}")
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert _integrity(project) == "ok"
        # What went in comes back out: every record the project holds can be exported.
        out = work / "out.jsonl"
        exported = runner.invoke(main.cli, ["export", str(project), str(out), "--status", "all"])
        assert exported.exit_code == 0, (exported.output, exported.exception)
        return result
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    # The file (or, for a folder, a file inside it), an optional line number, a reason.
    where = re.escape(str(target))
    assert re.fullmatch(rf"bayan: {where}(/[^\n]*?)?(:[0-9]+)?: \S[^\n]*", lines[0]), lines[0]
    assert dump(project) == before
    return result


HYPOTHESIS = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("fmt", "name", "valid"), FILES, ids=[f[0] for f in FILES])
def test_the_valid_files_import(template: Path, fmt: str, name: str, valid: bytes) -> None:
    for work in _workspace():
        for given_fmt in ("auto", fmt):
            target = work / name
            target.write_bytes(valid)
            assert check_import(template, work, target, given_fmt).exit_code == 0


@pytest.mark.parametrize(("fmt", "name", "valid"), FILES, ids=[f[0] for f in FILES])
@HYPOTHESIS
@given(changes=mutations, auto=st.booleans())
def test_mutated_files_are_imported_or_refused_cleanly(
    template: Path, fmt: str, name: str, valid: bytes, changes: list[tuple[Any, ...]], auto: bool
) -> None:
    for work in _workspace():
        target = work / name
        target.write_bytes(mutate(valid, changes))
        check_import(template, work, target, "auto" if auto else fmt)


def test_the_valid_brat_folder_imports(template: Path, brat_folder: Path) -> None:
    for work in _workspace():
        for given_fmt in ("auto", "brat"):
            folder = work / "in"
            shutil.copytree(brat_folder, folder)
            assert check_import(template, work, folder, given_fmt).exit_code == 0
            shutil.rmtree(folder)


@HYPOTHESIS
@given(which=st.integers(min_value=0), changes=mutations, auto=st.booleans())
def test_mutated_brat_folders_are_imported_or_refused_cleanly(
    template: Path, brat_folder: Path, which: int, changes: list[tuple[Any, ...]], auto: bool
) -> None:
    for work in _workspace():
        folder = work / "in"
        shutil.copytree(brat_folder, folder)
        # Mostly the .ann files, where the reader parses the most.
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        anns = [p for p in files if p.suffix == ".ann"]
        victim = anns[which % len(anns)] if which % 4 else files[which // 4 % len(files)]
        victim.write_bytes(mutate(victim.read_bytes(), changes))
        check_import(template, work, folder, "auto" if auto else "brat")


# Found by the test above: the brat reader took offsets with str.isdigit() and int(), so a
# superscript digit or more than 4300 digits raised ValueError (a traceback), and
# Arabic-Indic or mathematical digits were read as numbers.
@pytest.mark.parametrize("offset", ["²", "𝟙", "١", "1" + "0" * 5000])
def test_brat_offsets_that_are_not_plain_numbers_are_refused(template: Path, offset: str) -> None:
    for work in _workspace():
        folder = work / "in" / "amal"
        folder.mkdir(parents=True)
        (folder / "s1.txt").write_text("abcdef", encoding="utf-8")
        (folder / "s1.ann").write_text(f"T1\tACTOR {offset} 5\tbcde\n", encoding="utf-8")
        result = check_import(template, work, folder.parent, "brat")
        assert result.exit_code == 2 and "s1.ann:1: " in result.stderr


# ------------------------------------------------------------- through the CLI


def _run(*args: object) -> Result:
    return CliRunner().invoke(main.cli, [str(a) for a in args])


def _one_line_error(result: Result, start: str) -> str:
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), (result.output, result.exception)
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"bayan: {start}"), line
    return line


def test_a_label_studio_link_without_labels_is_stored_as_the_fitting_type(template: Path) -> None:
    task = {"data": {"text": T1, "id": "s1"}, "annotations": [{"annotator": "amal", "result": [
        {"id": "a", "type": "labels", "value": {"start": 4, "end": 26, "labels": ["ACTOR"]}},
        {"id": "c", "type": "labels", "value": {"start": 31, "end": 44, "labels": ["CLAIM"]}},
        {"from_id": "a", "to_id": "c", "type": "relation", "direction": "right"}]}]}
    for work in _workspace():
        source = work / "ls.json"
        source.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
        assert check_import(template, work, source, "auto").exit_code == 0
        conn = sqlite3.connect(work / "p.bayan")
        try:
            assert conn.execute("SELECT label FROM relations").fetchall() == [("CLAIMANT",)]
        finally:
            conn.close()
        # Reversed, no type fits: refused, not dropped.
        task["annotations"][0]["result"][2]["direction"] = "left"
        source.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
        result = check_import(template, work, source, "labelstudio")
        assert "ls.json:1: relation 1: it has no label, and no relation type" in _one_line_error(result, str(source))


def test_an_unclosed_csv_quote_names_its_line_and_changes_nothing(template: Path) -> None:
    for work in _workspace():
        source = work / "in.csv"
        source.write_text(f'text\n{T1}\n"{T2}\nثالث\nرابع\n', encoding="utf-8")
        result = check_import(template, work, source, "auto")
        assert f"{source}:3: " in _one_line_error(result, str(source))


def test_a_schema_with_an_attribute_value_that_breaks_brat_lines_is_refused(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"labels": [{"name": "CLAIM", "attributes": [
        {"name": "stance", "values": ["support", "oppose\nT9\tACTOR 0 1\tx"]}]}]}), encoding="utf-8")
    _one_line_error(_run("init", tmp_path / "p.bayan", "--schema", schema), f"{schema}: label 1 (CLAIM)")
    assert not (tmp_path / "p.bayan").exists()
    schema.write_text('{"labels": [{"name": "X", "description": ' + "[" * 5000 + "]" * 5000 + "}]}", encoding="utf-8")
    assert "nested deeper" in _one_line_error(_run("init", tmp_path / "p.bayan", "--schema", schema), str(schema))


def test_network_csv_cells_never_start_a_formula(template: Path) -> None:
    text = "=HYPERLINK(\"http://x\") قال -ان الهجوم مرفوض"
    actor, claim = text.index("=HYPERLINK"), text.index("-ان")
    record = {"id": "s1", "text": text, "annotator": "amal", "spans": [
        {"id": "a", "start": actor, "end": text.index(" قال"), "label": "ACTOR"},
        {"id": "c", "start": claim, "end": len(text), "label": "CLAIM", "attrs": {"stance": "oppose"}}],
        "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}]}
    for work in _workspace():
        source = work / "in.jsonl"
        source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert check_import(template, work, source, "jsonl").exit_code == 0
        out = work / "edges.csv"
        assert _run("export", work / "p.bayan", out, "--format", "network-csv").exit_code == 0
        rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
        assert rows[1][:4] == ["'=HYPERLINK(\"http://x\")", "'-ان الهجوم مرفوض", "Directed", "1"]
        assert out.read_text(encoding="utf-8").splitlines()[1].split(",")[-4:] == ["oppose", "0", "1", "0"]
