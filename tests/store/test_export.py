"""Export: iter_records order and filters, the `export` command, streaming, and a round trip."""

from __future__ import annotations

import inspect
import io
import json
import tempfile
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from core.formats.native import write_native
from core.formats.registry import EXPORTS, READERS, ExportFormat
from core.model import Record
from core.paths import DEFAULT_SCHEMA
from core.rules import overlap_conflict
from core.schema import load_schema
from store.export import iter_records
from store.importer import import_records
from store.project import Project
from store.selection import ALL_RECORDS, RecordSelection

S = ["قال الوزير إن الهجوم مرفوض", "أعلنت المنظمة 😀 عن تحقيق", "ثالث بلا عمل", "رابع"]


def load(project: Project, fmt: str, data: str, **kw: Any) -> None:
    import_records(project, READERS[fmt](io.BytesIO(data.encode("utf-8")), f"in.{fmt}"), file=f"in.{fmt}", **kw)


def jsonl(*objs: dict[str, Any]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


@pytest.fixture
def filled(project: Project) -> Project:
    """Four statements; amal finished 1 and 2, bilal finished 2 and skipped 1, nobody touched 3 and 4."""
    load(project, "txt", "\n".join(S))
    load(project, "jsonl", jsonl(
        {"text": S[1], "annotator": "bilal", "spans": [{"start": 0, "end": 5, "label": "ACTOR"}]},
        {"text": S[0], "annotator": "bilal", "status": "skipped", "note": "لاحقا"},
        {"text": S[0], "annotator": "amal", "spans": [
            {"id": "a", "start": 4, "end": 10, "label": "ACTOR"},
            {"id": "c", "start": 14, "end": len(S[0]), "label": "CLAIM", "attrs": {"stance": "oppose"}}],
         "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}]},
        {"text": S[1], "annotator": "amal"},
    ))
    return project


def pairs(records: list[Record]) -> list[tuple[str, str | None, str]]:
    return [(r.text, r.annotator, r.status) for r in records]


def test_export_done_in_statement_order(filled: Project) -> None:
    records = list(iter_records(filled))
    assert pairs(records) == [(S[0], "amal", "done"), (S[1], "bilal", "done"), (S[1], "amal", "done")]
    amal = records[0]
    assert [(s.label, s.start, s.end, s.text, s.attrs) for s in amal.spans] == [
        ("ACTOR", 4, 10, S[0][4:10], {}), ("CLAIM", 14, len(S[0]), S[0][14:], {"stance": "oppose"})]
    ((head, tail, label),) = [(r.head, r.tail, r.label) for r in amal.relations]
    assert (head, tail, label) == (amal.spans[0].id, amal.spans[1].id, "CLAIMANT")


def test_export_all_writes_every_statement_at_least_once(filled: Project) -> None:
    records = list(iter_records(filled, ALL_RECORDS))
    assert pairs(records) == [
        (S[0], "bilal", "skipped"), (S[0], "amal", "done"), (S[1], "bilal", "done"), (S[1], "amal", "done"),
        (S[2], None, "todo"), (S[3], None, "todo"),
    ]
    untouched = records[4]
    assert (untouched.spans, untouched.relations, untouched.note) == ([], [], "")
    assert records[0].note == "لاحقا"


def test_export_one_annotator(filled: Project) -> None:
    assert pairs(list(iter_records(filled, RecordSelection.for_export("bilal", "done")))) == [(S[1], "bilal", "done")]
    assert pairs(list(iter_records(filled, RecordSelection.for_export("bilal", "all")))) == [
        (S[0], "bilal", "skipped"), (S[1], "bilal", "done"), (S[2], None, "todo"), (S[3], None, "todo")]
    assert list(iter_records(filled, RecordSelection.for_export("nobody", "done"))) == []


def test_iter_records_leaves_a_callers_transaction_open(filled: Project) -> None:
    with filled.atomic():
        filled.set_note(statement=3, annotator="carol", note="x")
        assert len(list(iter_records(filled, ALL_RECORDS))) == 6
        assert filled.conn.in_transaction
    assert not filled.conn.in_transaction
    assert filled.status(3, "carol").note == "x"


def run(*args: str) -> Any:
    return CliRunner().invoke(main.cli, list(args), catch_exceptions=True)


def test_export_command_writes_jsonl(filled: Project, tmp_path: Path) -> None:
    filled.close()
    out = tmp_path / "out.jsonl"
    result = run("export", str(filled.path), str(out), "--status", "all")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(o["text"], o["annotator"], o["status"]) for o in lines] == pairs(
        list(iter_records(Project.open(filled.path), ALL_RECORDS)))
    assert lines[-1] == {"id": lines[-1]["id"], "text": S[3], "meta": {}, "annotator": None, "status": "todo",
                         "note": "", "seconds": 0.0, "spans": [], "relations": []}
    assert "wrote 6 records" in result.stderr


def test_export_to_stdout(filled: Project) -> None:
    filled.close()
    result = run("export", str(filled.path), "-", "--annotator", "amal")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [S[0], S[1]]


def _failing_writer(records: Any, out: Any, schema: Any) -> int:
    count = write_native((r for i, r in enumerate(records) if i < 2), out, schema)
    raise OSError(28, "No space left on device", "out.jsonl")
    return count


def test_a_failing_export_leaves_no_partial_file(filled: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    filled.close()
    monkeypatch.setitem(EXPORTS, "jsonl", ExportFormat("jsonl", "broken", _failing_writer, ".jsonl"))
    folder = tmp_path / "exports"
    folder.mkdir()
    fresh = folder / "fresh.jsonl"
    result = run("export", str(filled.path), str(fresh), "--status", "all")
    assert result.exit_code == 2
    assert "No space left" in result.stderr and "Traceback" not in result.output
    assert list(folder.iterdir()) == []
    existing = folder / "old.jsonl"
    existing.write_bytes(b"old contents\n")
    result = run("export", str(filled.path), str(existing))
    assert result.exit_code == 2
    assert existing.read_bytes() == b"old contents\n"
    assert [p.name for p in folder.iterdir()] == ["old.jsonl"]


def test_export_into_a_missing_folder_fails_cleanly(filled: Project, tmp_path: Path) -> None:
    filled.close()
    result = run("export", str(filled.path), str(tmp_path / "missing" / "out.jsonl"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()


def test_export_is_streamed(project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    count = 20_000
    load(project, "jsonl", "".join(
        json.dumps({"id": f"s{i}", "text": f"بيان {i} " + "كلمة " * 60, "annotator": "amal",
                    "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}, ensure_ascii=False) + "\n"
        for i in range(count)))
    records = iter_records(project)
    assert inspect.isgenerator(records)
    tracemalloc.start()
    try:
        seen = sum(1 for _ in records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    # All records at once would be well over 10 MB (20,000 texts of 300+ characters).
    assert peak < 3 * 1024 * 1024, peak

    # The command hands the writer an iterator, never a list of everything.
    kinds: list[type] = []

    def spy(recs: Any, out: Any, schema: Any) -> int:
        kinds.append(type(recs))
        return write_native(recs, out, schema)

    monkeypatch.setitem(EXPORTS, "jsonl", ExportFormat("jsonl", "spy", spy, ".jsonl"))
    project.close()
    result = run("export", str(project.path), str(tmp_path / "o.jsonl"))
    assert result.exit_code == 0, result.output
    assert kinds and not issubclass(kinds[0], list | tuple)


# ------------------------------------------------------------- round trip property

_PIECES = [
    "ا", "ب", "ت", "ة", "ى", "أ", "إ", "ؤ", "ئ", "لا", " ", "،", "؟", "٣",
    "\u064e", "\u0651", "\u0670",  # harakat (combining marks)
    "\u200f", "\u200e", "\u061c", "\u202b", "\u202c",  # RLM, LRM, ALM, embeddings
    "😀", "🇸🇾", "🇵🇸", "👩\u200d👩\u200d👧", "👍🏽", "e\u0301", "𝕏", "\u200d", "x", "A", "1",
    "\n", "\t", "\u2028", "\u00a0", "\\", '"', "\x00",
]
_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.characters(exclude_categories=("Cs",))),
                 min_size=1, max_size=30).map("".join).filter(lambda t: bool(t.strip()))
_json = st.recursive(
    # 64-bit integers: JSON readers refuse larger ones (core/formats/lines.py).
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def _work(draw: st.DrawFn, text: str) -> dict[str, Any]:
    n = len(text)
    bounds = st.tuples(st.integers(0, n - 1), st.integers(1, n)).filter(lambda b: b[0] < b[1])
    drawn = draw(st.lists(st.tuples(bounds, st.sampled_from(["ACTOR", "CLAIM"])), max_size=5,
                          unique_by=lambda k: k))
    # Only what the default schema's overlap rules accept (ACTORs nest, never cross): an import
    # refuses the rest, which tests/core/test_overlap_rule.py covers.
    schema = load_schema(DEFAULT_SCHEMA)
    keys: list[tuple[tuple[int, int], str]] = []
    for (start, end), label in drawn:
        rule = schema.label(label)
        assert rule is not None
        if overlap_conflict(rule, [b for b, other in keys if other == label], start, end) is None:
            keys.append(((start, end), label))
    spans = []
    for i, ((start, end), label) in enumerate(keys):
        span: dict[str, Any] = {"id": f"s{i}", "start": start, "end": end, "label": label}
        if draw(st.booleans()):
            span["text"] = text[start:end]
        if label == "CLAIM" and draw(st.booleans()):
            span["attrs"] = {"stance": draw(st.sampled_from(["support", "oppose", "neutral"]))}
        spans.append(span)
    actors = [s["id"] for s in spans if s["label"] == "ACTOR"]
    claims = [s["id"] for s in spans if s["label"] == "CLAIM"]
    links = draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(claims)), unique=True, max_size=3)
                 ) if actors and claims else []
    return {
        "annotator": draw(st.sampled_from(["amal", "bilal", "gold", "مريم"])),
        "status": draw(st.sampled_from(["todo", "done", "skipped"])),
        "note": draw(st.one_of(st.just(""), _text)),
        "seconds": draw(st.integers(0, 10**7)) / 1000,
        "spans": spans,
        "relations": [{"head": h, "tail": t, "label": "CLAIMANT"} for h, t in links],
    }


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    texts = draw(st.lists(_text, min_size=1, max_size=3, unique=True))
    out = []
    for i, text in enumerate(texts):
        sid = draw(st.one_of(st.none(), st.just(f"id-{i}"), st.just(str(i))))
        meta = draw(st.dictionaries(st.text(max_size=5), _json, max_size=3))
        works = draw(st.lists(_work(text), min_size=1, max_size=2, unique_by=lambda w: w["annotator"]))
        for work in works:
            out.append({"id": sid, "text": text, "meta": meta, **work})
    return out


def _canonical(obj: dict[str, Any]) -> tuple[Any, ...]:
    spans = {s["id"]: (s["start"], s["end"], s["label"], s["text"], s.get("attrs") or {}) for s in obj["spans"]}
    return (
        obj["text"], obj["annotator"], obj["status"], obj["note"], obj["seconds"], json.dumps(obj["meta"]),
        sorted(json.dumps(s, ensure_ascii=False) for s in spans.values()),
        sorted(json.dumps([spans[r["head"]], spans[r["tail"]], r["label"]], ensure_ascii=False)
               for r in obj["relations"]),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records())
def test_native_import_then_export_gives_back_the_records(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.bayan"
        # Any spans, crossing ones too: this is about the format, not the schema's overlap rule.
        schema = load_schema(DEFAULT_SCHEMA)
        schema = replace(schema, labels=tuple(replace(label, overlap="allow") for label in schema.labels))
        with Project.create(path, schema) as project:
            load(project, "jsonl", jsonl(*records))
            out = io.StringIO()
            write_native(iter_records(project, ALL_RECORDS), out, project.schema)
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    for obj in records:
        for span in obj["spans"]:
            span["text"] = obj["text"][span["start"]:span["end"]]
    assert sorted(map(_canonical, exported)) == sorted(map(_canonical, records))
    # Statement order is import order.
    order = list(dict.fromkeys(r["text"] for r in records))
    assert list(dict.fromkeys(o["text"] for o in exported)) == order
    for obj in exported:
        assert obj["id"] is not None


def test_exporting_over_the_project_itself_is_refused(filled: Project) -> None:
    filled.close()
    before = filled.path.read_bytes()
    result = run("export", str(filled.path), str(filled.path))
    assert result.exit_code == 2 and "project itself" in result.stderr
    assert filled.path.read_bytes() == before
    with Project.open(filled.path) as again:
        assert again.statement_count() == 4


def test_exporting_an_unknown_annotator_is_an_error(filled: Project, tmp_path: Path) -> None:
    filled.close()
    out = tmp_path / "o.jsonl"
    result = run("export", str(filled.path), str(out), "--annotator", "amaal")
    assert result.exit_code == 2
    assert "no annotator 'amaal'" in result.stderr and "amal, bilal" in result.stderr
    assert not out.exists()
