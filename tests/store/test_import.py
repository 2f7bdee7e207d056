"""Importing txt, csv and native JSONL into a project: what the database holds afterwards."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from core.errors import InputError
from core.formats.registry import READERS
from core.ids import derived_id
from store.importer import ImportReport, import_records
from store.project import Project
from tests.dump import dump


def load(project: Project, fmt: str, data: bytes | str, *, name: str = "in", **kw: Any) -> ImportReport:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    file = f"{name}.{fmt}"
    return import_records(project, READERS[fmt](io.BytesIO(raw), file), file=file, **kw)


def jsonl(*objs: dict[str, Any]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


def q(project: Project, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return project.conn.execute(sql, args).fetchall()


S1 = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"
S2 = "أعلنت منظمة حظر الأسلحة الكيميائية 😀 أن مديرها اجتمع"
S3 = "صوتت الدول الأعضاء على قرار"


# --------------------------------------------------------------------------- txt


def test_txt_statements_in_order(project: Project) -> None:
    report = load(project, "txt", f"\ufeff  {S1}  \r\n\r\n   \r\n{S2}\r\n{S3}")
    assert (report.records, report.statements_added) == (3, 3)
    assert q(project, "SELECT seq, id, text, meta FROM statements ORDER BY seq") == [
        (1, derived_id(S1), S1, None), (2, derived_id(S2), S2, None), (3, derived_id(S3), S3, None)
    ]
    assert q(project, "SELECT count(*) FROM statement_status") == [(0,)]
    assert project.statement_count() == 3


def test_txt_duplicates_in_one_file_and_across_files(project: Project) -> None:
    load(project, "txt", f"{S1}\n{S2}\n {S1}\n")
    report = load(project, "txt", f"{S3}\n{S2}\n")
    assert report.statements_added == 1
    assert [r[0] for r in q(project, "SELECT text FROM statements ORDER BY seq")] == [S1, S2, S3]


def test_many_bare_statements_cross_the_batch_boundary(project: Project) -> None:
    lines = "".join(f"سطر رقم {i % 7000}\n" for i in range(12000))  # 7000 distinct, repeats after
    report = load(project, "txt", lines)
    assert (report.records, report.statements_added) == (12000, 7000)
    assert q(project, "SELECT min(seq), max(seq), count(*) FROM statements") == [(1, 7000, 7000)]
    assert q(project, "SELECT text FROM statements WHERE seq = 7000") == [("سطر رقم 6999",)]


# --------------------------------------------------------------------------- csv


def test_csv_ids_and_meta(project: Project) -> None:
    data = f'id,text,source,date\ns1,"{S1}",BBC,2020\n,"{S2}\nسطر ثان",AFP,\ns1,"{S1}",BBC,2020\n'
    report = load(project, "csv", data)
    assert (report.records, report.statements_added) == (3, 2)
    rows = q(project, "SELECT id, text, meta FROM statements ORDER BY seq")
    assert rows[0] == ("s1", S1, json.dumps({"source": "BBC", "date": "2020"}))
    assert rows[1][1] == S2 + "\nسطر ثان" and rows[1][0] == derived_id(rows[1][1])
    assert json.loads(rows[1][2]) == {"source": "AFP", "date": ""}


def test_csv_errors_roll_back(project: Project) -> None:
    load(project, "txt", S3)
    before = dump(project.path)
    with pytest.raises(InputError, match="columns") as info:
        load(project, "csv", f"text,x\n{S1},1\n{S2}\n")
    assert (info.value.file, info.value.line) == ("in.csv", 3)
    with pytest.raises(InputError, match='no "text" column'):
        load(project, "csv", f"body\n{S1}\n")
    assert dump(project.path) == before


# ------------------------------------------------------------------ native JSONL


def annotated(annotator: str | None = "amal", **kw: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": "s1", "text": S1, "meta": {"source": "SANA"}, "note": "واضح", "status": "done",
        "spans": [
            {"id": "a", "start": 4, "end": 26, "label": "ACTOR", "text": S1[4:26]},
            {"id": "c", "start": 27, "end": len(S1), "label": "CLAIM", "attrs": {"stance": "support"}},
        ],
        "relations": [{"head": "a", "tail": "c", "label": "CLAIMANT"}],
    }
    if annotator is not None:
        obj["annotator"] = annotator
    obj.update(kw)
    return obj


def test_native_stores_spans_relations_status_note_meta(project: Project) -> None:
    report = load(project, "jsonl", jsonl(annotated(seconds=12.5)))
    assert (report.statements_added, report.spans_added, report.relations_added) == (1, 2, 1)
    assert q(project, "SELECT seq, id, text, meta FROM statements") == [(1, "s1", S1, '{"source": "SANA"}')]
    assert q(project, "SELECT a.name, st.status, st.note, st.seconds FROM statement_status st"
                      " JOIN annotators a ON a.id = st.annotator") == [("amal", "done", "واضح", 12.5)]
    spans = q(project, "SELECT id, label, start, end, text, attrs FROM spans ORDER BY start")
    assert [s[1:] for s in spans] == [
        ("ACTOR", 4, 26, S1[4:26], None),
        ("CLAIM", 27, len(S1), S1[27:], '{"stance": "support"}'),
    ]
    assert q(project, "SELECT head, tail, label FROM relations") == [(spans[0][0], spans[1][0], "CLAIMANT")]


def test_native_defaults_status_done_and_annotator_from_the_option(project: Project) -> None:
    obj = annotated(annotator=None)
    del obj["status"]
    load(project, "jsonl", jsonl(obj), annotator="bilal")
    assert q(project, "SELECT a.name, st.status FROM statement_status st JOIN annotators a"
                      " ON a.id = st.annotator") == [("bilal", "done")]
    assert q(project, "SELECT DISTINCT annotator FROM spans") == [(project.annotator_id("bilal"),)]


def test_native_record_annotator_beats_the_option(project: Project) -> None:
    load(project, "jsonl", jsonl(annotated("amal")), annotator="bilal")
    assert project.annotators() == ["amal"]


def test_native_spans_without_any_annotator_are_an_error(project: Project) -> None:
    before = dump(project.path)
    with pytest.raises(InputError, match="no annotator") as info:
        load(project, "jsonl", jsonl({"text": S2}, annotated(annotator=None)))
    assert info.value.line == 2
    assert dump(project.path) == before


def test_native_untouched_records_from_an_export_stay_bare(project: Project) -> None:
    load(project, "jsonl", jsonl({"id": "x", "text": S2, "annotator": None, "status": "todo", "spans": []}),
         annotator="amal")
    assert q(project, "SELECT id FROM statements") == [("x",)]
    assert q(project, "SELECT count(*) FROM statement_status") == [(0,)]
    assert project.annotators() == []


def test_two_annotators_files_merge_on_the_statement(project: Project) -> None:
    load(project, "txt", f"{S2}\n{S1}\n")
    load(project, "jsonl", jsonl(annotated("amal", id=None)), name="amal")
    load(project, "jsonl", jsonl(annotated("bilal", id=None, status="skipped")), name="bilal")
    assert project.statement_count() == 2
    seq = project.statement_seq(derived_id(S1))
    assert seq == 2
    assert q(project, "SELECT a.name, st.status FROM statement_status st JOIN annotators a"
                      " ON a.id = st.annotator WHERE st.statement = ? ORDER BY a.name", (seq,)) == [
        ("amal", "done"), ("bilal", "skipped")]
    assert q(project, "SELECT count(*) FROM spans WHERE statement = ?", (seq,)) == [(4,)]


def test_reimporting_adds_nothing(project: Project) -> None:
    data = jsonl(annotated(), annotated("bilal", id="s2", text=S2, spans=[], relations=[]), {"text": S3})
    load(project, "jsonl", data)
    load(project, "txt", f"{S3}\n{S1}\n")
    before = dump(project.path)
    report = load(project, "jsonl", data)
    assert (report.statements_added, report.spans_added, report.relations_added) == (0, 0, 0)
    load(project, "txt", f"{S3}\n{S1}\n")
    assert dump(project.path) == before


def test_the_same_id_with_another_text_is_an_error(project: Project) -> None:
    load(project, "jsonl", jsonl({"id": "s1", "text": S1}))
    before = dump(project.path)
    with pytest.raises(InputError, match="different text") as info:
        load(project, "jsonl", jsonl({"id": "s9", "text": S3}, {"id": "s1", "text": S2}))
    assert info.value.line == 2
    assert dump(project.path) == before
    # Within one file too.
    with pytest.raises(InputError, match="different text"):
        load(project, "csv", f"id,text\nz,{S2}\nz,{S3}\n")
    assert dump(project.path) == before


def test_same_text_without_id_joins_a_statement_that_has_an_id(project: Project) -> None:
    load(project, "jsonl", jsonl({"id": "s1", "text": S1}))
    load(project, "txt", S1)
    load(project, "jsonl", jsonl(annotated(id=None)))
    assert q(project, "SELECT id FROM statements") == [("s1",)]
    assert q(project, "SELECT count(*) FROM spans WHERE statement = 1") == [(2,)]


def test_add_labels_stores_new_labels_and_relation_types(project: Project) -> None:
    obj = annotated(spans=[{"id": "p", "start": 0, "end": 3, "label": "PLACE"},
                           {"id": "c", "start": 27, "end": len(S1), "label": "CLAIM"}],
                    relations=[{"head": "p", "tail": "c", "label": "LOCATES"}])
    with pytest.raises(InputError, match="unknown label"):
        load(project, "jsonl", jsonl(obj))
    report = load(project, "jsonl", jsonl(obj), add_labels=True)
    assert report.labels_added == ("PLACE",)
    assert q(project, "SELECT name, position FROM labels ORDER BY position") == [
        ("ACTOR", 0), ("CLAIM", 1), ("PLACE", 2)]
    assert q(project, "SELECT name, from_label, to_label FROM relation_types ORDER BY position") == [
        ("CLAIMANT", "ACTOR", "CLAIM"), ("LOCATES", "PLACE", "CLAIM")]
    assert project.schema.label("PLACE") is not None
    assert q(project, "SELECT label FROM relations") == [("LOCATES",)]


def test_added_labels_roll_back_with_a_failed_file(project: Project) -> None:
    before = dump(project.path)
    bad = annotated(id="s2", text=S2, spans=[{"start": 0, "end": 500, "label": "ACTOR"}], relations=[])
    good = annotated(spans=[{"start": 0, "end": 3, "label": "PLACE"}], relations=[])
    with pytest.raises(InputError, match="not within"):
        load(project, "jsonl", jsonl(good, bad), add_labels=True)
    assert dump(project.path) == before
    assert project.schema.label("PLACE") is None


def test_a_failure_on_the_last_line_leaves_the_project_unchanged(project: Project) -> None:
    load(project, "txt", S3)
    project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=4)
    before = dump(project.path)
    lines = [annotated(id=f"k{i}", text=f"{S1} {i}", annotator=f"a{i % 3}") for i in range(7000)]
    data = jsonl(*lines) + '{"text": "last", "spans": [{"start": 0, "end": 9, "label": "ACTOR"}]}\n'
    with pytest.raises(InputError) as info:
        load(project, "jsonl", data, annotator="amal")
    assert info.value.line == 7001
    assert dump(project.path) == before
    with pytest.raises(InputError, match="2 columns") as info:
        load(project, "csv", "text\n" + "".join(f"t{i}\n" for i in range(6000)) + "a,b\n")
    assert info.value.line == 6002
    assert dump(project.path) == before
    # The project is still usable afterwards.
    assert load(project, "txt", "بعد\n").statements_added == 1


def test_progress_is_called_with_the_count(project: Project) -> None:
    seen: list[int] = []
    load(project, "txt", "".join(f"{i}\n" for i in range(2500)), progress=seen.append)
    assert seen == [1000, 2000, 2500]


def _lines(count: int) -> Iterator[bytes]:
    for i in range(count):
        yield f"بيان رقم {i} ".encode() + "نص ".encode() * 40 + b"\n"


class _Stream(io.RawIOBase):
    """A file of generated lines that never exists in memory as a whole."""

    def __init__(self, count: int) -> None:
        self.lines = _lines(count)
        self.rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self.rest) < len(buffer):
            line = next(self.lines, None)
            if line is None:
                break
            self.rest += line
        n = min(len(buffer), len(self.rest))
        buffer[:n] = self.rest[:n]
        self.rest = self.rest[n:]
        return n


def test_import_streams_memory_does_not_grow_with_the_file(project: Project) -> None:
    count = 40_000  # about 10 MB of text
    stream = io.BufferedReader(_Stream(count))
    tracemalloc.start()
    try:
        report = import_records(project, READERS["txt"](stream, "big.txt"), file="big.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.statements_added == count
    assert peak < 8 * 1024 * 1024, peak
