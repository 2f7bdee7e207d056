"""Interchange codecs: doccano, Prodigy, CoNLL, brat, Label Studio, the network; pure, no store."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.bio import bio_tags
from core.errors import InputError
from core.formats import labelstudio as ls
from core.formats.brat import (
    ann_text,
    annotation_conf,
    hashed_name,
    name_value,
    read_brat,
    record_from_ann,
    safe_name,
    write_brat,
)
from core.formats.conll import write_conll
from core.formats.detect import detect_folder_format, detect_format
from core.formats.doccano import read_doccano, write_doccano
from core.formats.labelstudio import iter_json_array, read_labelstudio, write_labelstudio
from core.formats.lines import json_line
from core.formats.network import build_network, write_network, write_network_csv
from core.formats.prodigy import dumps_prodigy, read_prodigy, write_prodigy
from core.formats.report import Losses
from core.model import Record, Relation, Span
from core.paths import DEFAULT_SCHEMA
from core.schema import Schema, load_schema
from core.tokenize import tokenize
from tests.core.oracles import record_to_prodigy

TEXT = "دعا الائتلاف الوطني السوري، إلى «تحرك المجتمع الدولي» 😀 والنظام."


def sp(text: str, sub: str, label: str, sid: str, **attrs: str) -> Span:
    start = text.index(sub)
    return Span(start, start + len(sub), label, sub, dict(attrs), sid)


def record(annotator: str | None = "amal", sid: str = "s1", text: str = TEXT) -> Record:
    """The test statement with nested, clitic and related spans; another text has none."""
    if text != TEXT:
        return Record(id=sid, text=text, annotator=annotator, status="done" if annotator else "todo")
    spans = [
        sp(text, "الائتلاف الوطني السوري", "ACTOR", "T1"),
        sp(text, "الائتلاف", "ACTOR", "T2"),
        sp(text, "تحرك المجتمع الدولي", "CLAIM", "T3", stance="support"),
        sp(text, "لنظام", "ACTOR", "T4"),  # starts inside the token والنظام
    ]
    return Record(
        id=sid,
        text=text,
        meta={"source": "test"},
        annotator=annotator,
        status="done",
        spans=spans,
        relations=[Relation("T1", "T3", "CLAIMANT")],
    )


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(DEFAULT_SCHEMA)


def key(rec: Record) -> set[tuple[object, ...]]:
    spans = {s.id: (s.start, s.end, s.label) for s in rec.spans}
    return {(s.start, s.end, s.label, tuple(sorted(s.attrs.items()))) for s in rec.spans} | {
        ("rel", spans[r.head], spans[r.tail], r.label) for r in rec.relations
    }


def written(writer: object, records: list[Record], schema: Schema) -> str:
    out = io.StringIO()
    writer(records, out, schema)  # type: ignore[operator]
    return out.getvalue()


# ------------------------------------------------------------------- doccano


def test_doccano_relation_shape_and_back(schema: Schema) -> None:
    text = written(write_doccano, [record()], schema)
    obj = json.loads(text)
    assert set(obj) >= {"text", "entities", "relations", "id", "meta", "annotator"}
    first = obj["entities"][0]
    assert (first["label"], TEXT[first["start_offset"] : first["end_offset"]]) == ("ACTOR", "الائتلاف الوطني السوري")
    assert obj["relations"] == [{"id": 1, "from_id": 1, "to_id": 3, "type": "CLAIMANT"}]
    ((line, back),) = read_doccano(io.BytesIO(text.encode()), "f.jsonl")
    assert line == 1 and back.annotator == "amal" and back.id == "s1" and back.meta == {"source": "test"}
    assert key(back) == key(record())


def test_doccano_label_shape_without_relation_types(schema: Schema) -> None:
    bare = Schema(schema.labels)
    rec = record()
    rec.relations = []
    obj = json.loads(written(write_doccano, [rec], bare))
    assert "entities" not in obj
    assert obj["label"][0] == [4, 26, "ACTOR"]
    ((_, back),) = read_doccano(io.BytesIO(json.dumps(obj, ensure_ascii=False).encode()), "f")
    assert key(back) == key(rec)


def test_doccano_reads_doccanos_own_export_without_extras() -> None:
    line = json.dumps({"id": 7, "text": "روسيا والصين", "label": [[0, 5, "ACTOR"]], "Comments": []}, ensure_ascii=False)
    ((_, rec),) = read_doccano(io.BytesIO(line.encode()), "f")
    assert rec.id == "7" and rec.annotator is None
    assert [(s.start, s.end, s.label) for s in rec.spans] == [(0, 5, "ACTOR")]


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"text": "x y", "cats": [3]}, "cats 1: must be a category name"),
        ({"text": "x y", "labels": [[0, 1]]}, r'labels 1: must be \[start, end, "LABEL"\]'),
        ({"text": "x y", "annotations": [{"label": 2, "start_offset": 0, "end_offset": 1}]}, "label id without"),
        ({"text": "x y", "spanz": [{"start": 0, "end": 1, "label": "A"}]}, "'spanz' holds what look like annotations"),
        ({"text": "x y", "label": [[0, "1", "A"]]}, r'\[start, end, "LABEL"\]'),
        ({"text": "x y", "entities": [{"label": "A", "start_offset": 0}]}, "start_offset and end_offset"),
        ({"text": "x y", "entities": [], "relations": [{"from_id": 1, "type": "R"}]}, "from_id and to_id"),
        ({"text": ["x"]}, "must be a string"),
    ],
)
def test_doccano_bad_shapes_name_file_and_line(obj: dict[str, object], reason: str) -> None:
    data = b"\n" + json.dumps(obj).encode() + b"\n"
    with pytest.raises(InputError, match=reason) as info:
        list(read_doccano(io.BytesIO(data), "bad.jsonl"))
    assert (info.value.file, info.value.line) == ("bad.jsonl", 2)


# ------------------------------------------------------------------- prodigy


def test_prodigy_tokens_and_span_token_indices() -> None:
    obj = record_to_prodigy(record())
    tokens = obj["tokens"]
    assert [t["text"] for t in tokens] == [t.text for t in tokenize(TEXT)]
    assert all(TEXT[t["start"] : t["end"]] == t["text"] for t in tokens)
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    assert tokens[0]["ws"] is True and tokens[-1]["ws"] is False
    for span, out in zip(record().spans, obj["spans"], strict=True):
        assert (out["start"], out["end"], out["label"]) == (span.start, span.end, span.label)
        first, last = tokens[out["token_start"]], tokens[out["token_end"]]
        assert first["start"] <= span.start < first["end"] and last["start"] < span.end <= last["end"]
    clitic = obj["spans"][3]
    assert tokens[clitic["token_start"]]["text"] == "والنظام"
    (rel,) = obj["relations"]
    assert rel["head"] == obj["spans"][0]["token_end"] and rel["child_span"]["label"] == "CLAIM"
    assert obj["answer"] == "accept" and obj["_annotator_id"] == "amal" and isinstance(obj["_input_hash"], int)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30))
def test_prodigy_line_is_the_task_as_json(text: str) -> None:
    """The directly built JSON line says exactly what the task dict says."""
    rec = Record("i", text, annotator="a", spans=[Span(0, len(text), "ACTOR", text, {}, "T1")])
    assert json.loads(dumps_prodigy(rec)) == record_to_prodigy(rec)


_ODD = st.text(
    alphabet=st.sampled_from(["a", "ب", '"', "\\", "\u2028", "\x85", "\u2029", "\x00", " ", "😀"]), max_size=6
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30),
    sid=st.one_of(st.none(), _ODD),
    annotator=st.one_of(st.none(), _ODD),
    label=_ODD,
    attrs=st.dictionaries(_ODD, _ODD, max_size=2),
    meta=st.dictionaries(_ODD, st.one_of(_ODD, st.integers(), st.lists(st.floats(allow_nan=False))), max_size=2),
    status=st.sampled_from(["done", "skipped", "todo"]),
)
def test_prodigy_line_is_byte_for_byte_json_dumps(
    text: str, sid: str | None, annotator: str | None, label: str, attrs: dict[str, str], meta: dict[str, object],
    status: str,
) -> None:
    """The directly built line is exactly json.dumps of the task (and one JSONL line)."""
    spans = [Span(0, len(text), label, text, attrs, "T1"), Span(0, 1, "ACTOR", text[:1], {}, "T2")]
    rec = Record(sid, text, meta=meta, annotator=annotator, status=status, spans=spans,
                 relations=[Relation("T2", "T1", label)])
    line = dumps_prodigy(rec)
    assert line == json_line(json.dumps(record_to_prodigy(rec), ensure_ascii=False))
    assert len(line.splitlines()) == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["دعا", "السوري،", "سوريا.", 'قال"', '"لا', "2118", "٢٠١٣", "G7", "«", "x\u200by", "😀", "\\"]),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from([" ", "\n", "  ", " \t"]),
)
def test_prodigy_tokens_of_usual_statements_are_the_tokenizers(chunks: list[str], gap: str) -> None:
    """The one-pass token JSON of single-spaced texts says what `tokenize` says, to the byte."""
    for text in (" ".join(chunks), gap.join(chunks), " " + " ".join(chunks)):
        rec = Record("i", text, annotator="a", spans=[Span(0, len(text), "ACTOR", text, {}, "T1")])
        assert dumps_prodigy(rec) == json_line(json.dumps(record_to_prodigy(rec), ensure_ascii=False))


@pytest.mark.parametrize("n", [0, 1, 63, 64, 65, 129])
def test_prodigy_writes_one_line_per_record_across_batches(schema: Schema, n: int) -> None:
    records = [record("amal", f"s{i}") for i in range(n)]
    out = io.StringIO()
    assert write_prodigy(records, out, schema) == n
    assert out.getvalue() == "".join(dumps_prodigy(r) + "\n" for r in records)


@pytest.mark.parametrize("words", [600, 1100])
def test_prodigy_long_statements_are_exact_too(words: int) -> None:
    """Offsets past the ready-made number strings (4096) take the general path."""
    text = " ".join(["سوريا،", "دعا", '"لا'] * (words // 3))
    rec = Record("i", text, annotator="a", spans=[Span(len(text) - 3, len(text), "ACTOR", text[-3:], {}, "T1")])
    assert dumps_prodigy(rec) == json_line(json.dumps(record_to_prodigy(rec), ensure_ascii=False))


def test_prodigy_round_trip(schema: Schema) -> None:
    data = written(write_prodigy, [record(), record("badr", "s2")], schema).encode()
    back = [r for _, r in read_prodigy(io.BytesIO(data), "p.jsonl")]
    assert [r.annotator for r in back] == ["amal", "badr"]
    assert key(back[0]) == key(record())


def test_prodigy_answers_and_relations_by_token() -> None:
    task = {
        "text": "قال وزير الخارجية",
        "spans": [{"start": 4, "end": 17, "token_start": 1, "token_end": 2, "label": "ACTOR"},
                  {"start": 0, "end": 3, "token_start": 0, "token_end": 0, "label": "CLAIM"}],
        "relations": [{"head": 2, "child": 0, "label": "CLAIMANT"}],
        "answer": "ignore",
    }
    ((_, rec),) = read_prodigy(io.BytesIO(json.dumps(task).encode()), "p")
    assert rec.status == "skipped" and rec.annotator is None
    assert rec.relations == [Relation(rec.spans[0].id, rec.spans[1].id, "CLAIMANT")]
    task["relations"] = [{"head": 5, "child": 0, "label": "CLAIMANT"}]
    with pytest.raises(InputError, match="head is not one of the task's spans"):
        list(read_prodigy(io.BytesIO(json.dumps(task).encode()), "p"))


# --------------------------------------------------------------------- conll


def assert_valid_bio(tags: list[str], label: str) -> None:
    previous = "O"
    for tag in tags:
        assert tag in ("O", f"B-{label}", f"I-{label}")
        if tag.startswith("I-"):
            assert previous != "O"
        previous = tag


def test_conll_block_and_columns(schema: Schema) -> None:
    text = written(write_conll, [record(), record(None, "s2", "نص آخر")], schema)
    blocks = text.split("\n\n")
    assert blocks[0].startswith("# global.columns = TOKEN ACTOR CLAIM\n# id = s1\n# annotator = amal\n# text = ")
    assert "# annotator" not in blocks[1]
    rows = [line.split("\t") for line in blocks[0].splitlines() if not line.startswith("#")]
    assert [r[0] for r in rows] == [t.text for t in tokenize(TEXT)]
    by_token = {r[0]: r[1:] for r in rows}
    # Nested spans of one label merge; another label's column is independent.
    assert by_token["الائتلاف"] == ["B-ACTOR", "O"] and by_token["السوري"] == ["I-ACTOR", "O"]
    assert by_token["تحرك"] == ["O", "B-CLAIM"] and by_token["«"] == ["O", "O"]
    assert by_token["والنظام"] == ["B-ACTOR", "O"]
    for column, label in ((1, "ACTOR"), (2, "CLAIM")):
        assert_valid_bio([r[column] for r in rows], label)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=8))
def test_bio_tags_always_valid(ranges: list[tuple[int, int]]) -> None:
    text = "قال وزير الخارجية، إن «النظام» 2118 مرة 😀 لا."
    spans = [
        Span(a, min(a + n, len(text)), "ACTOR", "", {}, str(i)) for i, (a, n) in enumerate(ranges) if a < len(text)
    ]
    tokens = tokenize(text)
    tags = bio_tags([t.start for t in tokens], [t.end for t in tokens], [(s.start, s.end) for s in spans], "ACTOR")
    assert_valid_bio(tags, "ACTOR")
    for s in spans:
        touched = [i for i, t in enumerate(tokens) if t.start < s.end and s.start < t.end]
        assert all(tags[i] != "O" for i in touched)


# ---------------------------------------------------------------------- brat


@pytest.mark.parametrize("sid", ["../../etc/passwd", "/abs", "a/b\\c", ".", "..", "CON", "nul", "a:b", "é.txt", "x y"])
def test_safe_names_never_leave_the_folder(sid: str) -> None:
    name = safe_name(sid)
    assert "/" not in name and "\\" not in name and "." not in name and ":" not in name and " " not in name
    assert name.upper() not in {"CON", "NUL"}
    assert name_value(name) == sid


def test_safe_name_keeps_arabic_and_hashes_long_ids() -> None:
    assert safe_name("بيان-1_a") == "بيان-1_a"
    long = "ب" * 300
    name = safe_name(long)
    assert len(name.encode()) < 200 and "~" in name and name_value(name) is None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_safe_name_is_reversible(sid: str) -> None:
    name = safe_name(sid)
    assert all(ch.isalnum() or ch in "-_%~" for ch in name)
    if "~" not in name:
        assert name_value(name) == sid


def test_brat_folder_written_and_read_back(tmp_path: Path, schema: Schema) -> None:
    records = [record(), record("badr"), record(None, "s/../2", "نص لم يعلق عليه أحد")]
    assert write_brat(records, tmp_path, schema) == 3
    conf = (tmp_path / "annotation.conf").read_text()
    assert "CLAIMANT\tArg1:ACTOR, Arg2:CLAIM" in conf and "stance\tArg:CLAIM, Value:support|oppose|neutral" in conf
    txt = tmp_path / "amal" / "s1.txt"
    assert txt.read_text(encoding="utf-8") == TEXT
    for line in (tmp_path / "amal" / "s1.ann").read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            _, fields, covered = line.split("\t")
            _, start, end = fields.split()
            assert TEXT[int(start) : int(end)] == covered
    assert (tmp_path / f"{safe_name('s/../2')}.txt").exists()
    back = list(read_brat(tmp_path))
    assert [(d.record.id, d.record.annotator) for d in back] == [("s/../2", None), ("s1", "amal"), ("s1", "badr")]
    assert key(back[1].record) == key(record())
    assert back[1].file.endswith("s1.ann")
    # Bayan's own annotation.conf, read back, declares what the schema holds.
    assert back[1].conf is not None and back[1].conf.widen(schema) == schema


def test_safe_name_leaves_plain_ids_alone_but_not_reserved_or_long_ones() -> None:
    assert safe_name("h17d7ab440a7bff") == "h17d7ab440a7bff" and safe_name("a-b_C9") == "a-b_C9"
    assert safe_name("con") == "%63on" and safe_name("LPT1") == "%4CPT1"
    assert safe_name("x" * 180) == "x" * 180 and "~" in safe_name("x" * 181)


@pytest.mark.parametrize("threads", [0, 1, 2])
def test_brat_taken_name_gets_a_hashed_one_and_a_second_clash_is_an_error(
    tmp_path: Path, schema: Schema, threads: int
) -> None:
    """A name taken already (as on a case-insensitive disk) is never overwritten."""
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "s1.txt").write_text("other")
    assert write_brat([record(None)], first, schema, threads=threads) == 1
    assert (first / "s1.txt").read_text() == "other"
    assert (first / f"{hashed_name('s1')}.txt").read_text(encoding="utf-8") == TEXT
    (second / "s1.txt").write_text("other")
    (second / f"{hashed_name('s1')}.txt").write_text("other")
    with pytest.raises(InputError, match="two statements need the same file name"):
        write_brat([record(None, f"s{i}") for i in range(2, 700)] + [record(None)], second, schema, threads=threads)


def test_brat_writer_threads_end_when_the_records_fail(tmp_path: Path, schema: Schema) -> None:
    def records() -> Iterator[Record]:
        for i in range(1000):
            yield record("amal", f"s{i}")
        raise RuntimeError("the store went away")

    before = threading.active_count()
    with pytest.raises(RuntimeError, match="went away"):
        write_brat(records(), tmp_path, schema)
    assert threading.active_count() == before


@pytest.mark.parametrize("threads", [0, 2])
def test_brat_many_documents_all_written(tmp_path: Path, schema: Schema, threads: int) -> None:
    ids = [f"s{i}" for i in range(1500)]
    assert write_brat([record("amal", sid) for sid in ids], tmp_path, schema, threads=threads) == 1500
    assert sorted(p.stem for p in (tmp_path / "amal").glob("*.txt")) == sorted(ids)
    assert all((tmp_path / "amal" / f"{sid}.ann").read_text(encoding="utf-8") == ann_text(record("amal", sid))
               for sid in ids[::97])


def test_brat_ann_errors_point_at_the_line() -> None:
    text = "قال الوزير"
    with pytest.raises(InputError, match="differs") as info:
        record_from_ann(text, "T1\tACTOR 0 3\tقال\nT2\tACTOR 4 10\tالوزيز\n", "d.ann")
    assert info.value.line == 2
    with pytest.raises(InputError, match="not within the text"):
        record_from_ann(text, "T1\tACTOR 4 11\tالوزير\n", "d.ann")
    with pytest.raises(InputError, match="not in this file") as info:
        record_from_ann(text, "T1\tACTOR 0 3\tقال\nA1\tstance T9 oppose\n", "d.ann")
    assert info.value.line == 2
    with pytest.raises(InputError, match="T9") as info:
        record_from_ann(text, "T1\tACTOR 0 3\tقال\n\nR1\tCLAIMANT Arg1:T1 Arg2:T9\n", "d.ann")
    assert info.value.line == 3
    with pytest.raises(InputError, match="overlap") as info:
        record_from_ann(text, "T1\tACTOR 0 3;2 10\tقال الوزير\n", "d.ann")
    losses = Losses()
    doc = record_from_ann(text, "T1\tACTOR 0 3;4 10\tقال الوزير\n#1\tAnnotatorNotes T1\tnote\nE1\tSay:T1\n",
                          "d.ann", losses)
    assert [(s.start, s.end) for s in doc.spans] == [(0, 10)] and doc.relations == []
    assert doc.note == "T1 ACTOR «قال الوزير»: note"
    assert doc.fragments == {"ACTOR 0 10": [[0, 3], [4, 10]]}  # a space between them: not what export would write
    assert losses.summary() == (
        "kept 1 discontinuous span's fragments in statement meta (the span is their hull); dropped 1 event (E line); "
        "kept 1 annotator note (# line) in the statement note"
    )


def test_brat_line_breaks_in_span_text(schema: Schema) -> None:
    text = "قال\nالوزير"
    rec = Record("d", text, annotator="a", spans=[Span(0, len(text), "ACTOR", text, {}, "T1")])
    ann = ann_text(rec)
    assert ann == "T1\tACTOR 0 3;4 10\tقال الوزير\n"  # split at the line break (nlplab/brat#786)
    doc = record_from_ann(text, ann, "d.ann")
    assert [(s.start, s.end) for s in doc.spans] == [(0, 10)] and doc.fragments == {}
    assert "[attributes]" in annotation_conf(schema)


def test_brat_folder_needs_ann_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no .ann"):
        list(read_brat(tmp_path))
    with pytest.raises(InputError, match="--format"):
        detect_folder_format(tmp_path)
    (tmp_path / "x.ann").write_text("")
    assert detect_folder_format(tmp_path) == "brat"
    with pytest.raises(InputError, match="no text file"):
        list(read_brat(tmp_path))


# --------------------------------------------------------------- labelstudio


def test_labelstudio_task_per_statement_annotation_per_annotator(schema: Schema) -> None:
    text = written(write_labelstudio, [record(), record("badr"), record(None, "s2", "نص")], schema)
    tasks = json.loads(text)
    assert len(tasks) == 2 and [a["annotator"] for a in tasks[0]["annotations"]] == ["amal", "badr"]
    assert tasks[1]["annotations"] == [] and tasks[1]["data"]["id"] == "s2"
    results = tasks[0]["annotations"][0]["result"]
    labels = [r for r in results if r["type"] == "labels"]
    assert all(TEXT[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"] for r in labels)
    (choice,) = [r for r in results if r["type"] == "choices"]
    assert choice["value"]["choices"] == ["support"] and choice["id"] == labels[2]["id"]
    (rel,) = [r for r in results if r["type"] == "relation"]
    assert (rel["from_id"], rel["to_id"], rel["labels"]) == (labels[0]["id"], labels[2]["id"], ["CLAIMANT"])
    back = [r for _, r in read_labelstudio(io.BytesIO(text.encode()), "t.json")]
    assert [(r.id, r.annotator, r.status) for r in back] == [("s1", "amal", "done"), ("s1", "badr", "done"),
                                                             ("s2", None, "todo")]
    assert key(back[0]) == key(record())


def test_labelstudio_streams_in_small_chunks(monkeypatch: pytest.MonkeyPatch, schema: Schema) -> None:
    monkeypatch.setattr(ls, "_CHUNK", 5)
    text = json.dumps(json.loads(written(write_labelstudio, [record(), record("badr", "s2")], schema)),
                      ensure_ascii=False, indent=2)
    items = list(iter_json_array(io.BytesIO(("\ufeff" + text).encode()), "t.json"))
    assert [line for line, _ in items] == [2, text.splitlines().index('  {', 3) + 1]
    assert items[1][1]["data"]["id"] == "s2"


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b'{"data": {}}', 1, "holds no text"),
        (b'"tasks"', 1, "JSON list of tasks, or one task object"),
        (b'{"data": {"text": "x"}}\n{"data": {"text": "y"}}', 2, "more after the task object"),
        (b'[{"data": {"image": "https://x/y.jpg"}}]', 1, "is a URL"),
        (b'[{"data": {"a": "x", "b": "y"}}]', 1, "--ls-text-key"),
        (b'[\n{"data": {"text": "x"}}\n{"data": {}}]', 3, "expected , or ]"),
        (b'[\n{"data": {"text": "x"}},\n{"data": }]', 3, "not valid JSON"),
        (b'[{"data": {"text": "x"}}', 1, "not closed"),
        (b'[\n\n{"data": {"text": 5}}]', 3, "data.text"),
        (b'[{"data": {"text": "x y"}, "annotations": [{"result": [{"type": "rectanglelabels", "id": "a",'
         b' "value": {}}]}]}]', 1, "not a text span"),
        (b'[{"data": {"text": "\xff"}}]', 1, "UTF-8"),
    ],
)
def test_labelstudio_errors(data: bytes, line: int, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        list(read_labelstudio(io.BytesIO(data), "t.json"))
    assert (info.value.file, info.value.line) == ("t.json", line)


# ------------------------------------------------------------------- network


def test_network_weights_count_statements_not_annotators(schema: Schema) -> None:
    other = "قال الائتلاف الوطني السوري إن تحرك المجتمع الدولي ضروري"
    spans = [
        sp(other, "الائتلاف الوطني السوري", "ACTOR", "T1"),
        sp(other, "تحرك المجتمع الدولي", "CLAIM", "T3", stance="oppose"),
    ]
    third = Record("s3", other, annotator="amal", spans=spans, relations=[Relation("T1", "T3", "CLAIMANT")])
    net = build_network([record("amal"), record("badr"), third])
    assert net.records == 3
    (edge,) = net.edges.values()
    assert edge.weight == 2 and edge.values == {"stance": {"support": 1, "oppose": 1}}
    (actor,) = [n for n in net.nodes.values() if n.text == "الائتلاف الوطني السوري"]
    assert actor.statements == 2 and actor.label == "ACTOR"
    # Spelling variants (harakat, alef forms) are one node.
    variant = Record("s4", "أعلنت الائتلافُ الوطنيّ السوري", annotator="amal",
                     spans=[Span(6, 30, "ACTOR", "الائتلافُ الوطنيّ السوري", {}, "T1")])
    assert len(build_network([record(), variant]).nodes) == len(build_network([record()]).nodes)
    rows = list(csv.reader(io.StringIO(written(write_network_csv, [record(), third], schema))))
    assert rows[0][:4] == ["Source", "Target", "Type", "Weight"]
    assert rows[1][:5] == ["الائتلاف الوطني السوري", "تحرك المجتمع الدولي", "Directed", "2", "CLAIMANT"]
    assert rows[1][7:] == ["mixed", "1", "1", "0"]


def test_graphml_escapes_markup(schema: Schema) -> None:
    text = 'قال <b>"x" & y</b>\x01 كلام'
    rec = Record("s", text, annotator="a", spans=[Span(4, 22, "ACTOR", text[4:22], {}, "T1")])
    xml = written(write_network, [rec], schema)
    assert "&lt;b&gt;" in xml and "&amp;" in xml and "\x01" not in xml


# ----------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.jsonl", b'{"text": "x", "entities": []}\n', "doccano"),
        ("a.jsonl", b'{"text": "x", "label": [[0, 1, "A"]]}\n', "doccano"),
        ("a", b'{"text": "x", "tokens": [], "spans": []}\n', "prodigy"),
        ("a.jsonl", b'{"text": "x", "_input_hash": 1}\n', "prodigy"),
        ("a.jsonl", b'{"text": "x", "spans": [], "annotator": "a"}\n', "jsonl"),
        ("a.json", b"[\n", "labelstudio"),
        ("tasks", b'[{"data": {"text": "x"}, "annotations": []}]', "labelstudio"),
        ("a.jsonl", b'{"text": "' + b"x" * 5000, "jsonl"),
    ],
)
def test_detect_interchange_formats(name: str, head: bytes, fmt: str) -> None:
    assert detect_format(Path(name), head) == fmt


def test_jsonl_exports_keep_a_record_with_line_separators_on_one_line() -> None:
    """U+2028/U+2029/U+0085 are legal raw in JSON, but splitlines() readers break on them."""
    import io

    from core.formats.doccano import write_doccano
    from core.formats.native import write_native
    from core.formats.prodigy import write_prodigy
    from core.model import Record, Span
    from core.paths import DEFAULT_SCHEMA
    from core.schema import load_schema

    text = "قال\u2028الائتلاف\u2029إن\u0085"
    record = Record(id="s1", text=text, annotator="amal", spans=[Span(0, 3, "ACTOR", "قال", id="T1")])
    schema = load_schema(DEFAULT_SCHEMA)
    for write in (write_native, write_doccano, write_prodigy):
        out = io.StringIO()
        assert write([record], out, schema) == 1
        assert len(out.getvalue().splitlines()) == 1, write.__name__
        assert json.loads(out.getvalue())["text"] == text
