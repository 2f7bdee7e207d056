"""What the readers keep, combine and report (issue 12): Prodigy's binary answers, Label Studio's
regions and choices, offsets with emoji, and the Losses counter every reader reports to."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from core.errors import InputError
from core.formats.doccano import read_doccano
from core.formats.labelstudio import read_labelstudio, write_labelstudio
from core.formats.prodigy import PRODIGY_META, dumps_prodigy, read_prodigy
from core.formats.report import BLANK_TEXT, CHOICES_IN_META, REJECTED_SUGGESTION, Losses
from core.model import Record, Relation
from core.offsets import utf16_from_index
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema

EMOJI = "قال 👨‍👩‍👧 المتحدث إن 🇸🇾 روسيا ترفض"


def jsonl(*objs: Any) -> io.BytesIO:
    return io.BytesIO("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs).encode())


def teach(text: str, start: int, end: int, answer: str, label: str = "ACTOR") -> dict[str, Any]:
    """A task as ner.teach writes it: one suggested span with the model's score."""
    return {"text": text, "_input_hash": hash(text) % 1000, "_task_hash": start, "meta": {"score": 0.5},
            "spans": [{"start": start, "end": end, "label": label, "score": 0.5}], "answer": answer,
            "_view_id": "ner", "_annotator_id": "amal"}


A = "قال وزير الخارجية إن الهجوم مرفوض"
B = "أعلنت الوزارة أمس"
C = "قالت المنظمة"


def test_losses_count_by_kind_and_strict_refuses_only_losses() -> None:
    losses = Losses()
    losses.add(REJECTED_SUGGESTION, "f", 3, 1276)
    losses.add(BLANK_TEXT, "f", 4, 2)
    losses.add(CHOICES_IN_META, "f", 5, 3)
    assert losses.summary() == "dropped 1,276 rejected suggestions; skipped 2 blank texts; kept 3 document choices " \
                               "in statement meta"
    assert losses.lost and losses.count(BLANK_TEXT) == 2
    strict = Losses(strict=True)
    strict.add(CHOICES_IN_META, "f", 1)  # kept elsewhere: no loss
    with pytest.raises(InputError, match="^f:9: skipped 1 blank text; --strict refuses any loss$"):
        strict.add(BLANK_TEXT, "f", 9)


def test_prodigy_teach_answers_combine_per_text_and_annotator() -> None:
    tasks = [
        teach(A, 4, 17, "accept"), teach(B, 6, 13, "reject"), teach(A, 21, 27, "reject", "CLAIM"),
        teach(C, 5, 12, "ignore"), teach(A, 21, 33, "accept", "CLAIM"), teach(B, 0, 5, "reject"),
    ]
    losses = Losses()
    records = list(read_prodigy(jsonl(*tasks), "teach.jsonl", losses))
    by_text = {r.text: (line, r) for line, r in records}
    line, a = by_text[A]
    # The accepted suggestions of every task on the text, in one record at its first line.
    assert line == 1 and [(s.start, s.end, s.label) for s in a.spans] == [(4, 17, "ACTOR"), (21, 33, "CLAIM")]
    assert (a.annotator, a.status) == ("amal", "done")
    assert by_text[B][1].spans == [] and by_text[B][1].status == "todo"  # only rejections: nothing decided
    assert by_text[C][1].status == "skipped"
    assert losses.summary() == "dropped 3 rejected suggestions; dropped 1 ignored task"
    # A task hash names one task, never a combination: only the text's hash is kept.
    assert a.meta == {"score": 0.5, PRODIGY_META: {"_input_hash": hash(A) % 1000}}


def test_prodigy_teach_text_with_an_ignored_suggestion_is_not_done() -> None:
    records = list(read_prodigy(jsonl(teach(A, 4, 17, "accept"), teach(A, 21, 33, "ignore")), "t", Losses()))
    ((_, rec),) = records
    assert rec.status == "todo" and [(s.start, s.end) for s in rec.spans] == [(4, 17)]


def test_prodigy_manual_reject_keeps_no_spans() -> None:
    task = {"text": A, "spans": [{"start": 4, "end": 17, "label": "ACTOR"}], "answer": "reject",
            "_view_id": "ner_manual"}
    losses = Losses()
    ((_, rec),) = read_prodigy(jsonl(task), "m", losses)
    assert (rec.spans, rec.status) == ([], "skipped")
    assert losses.summary() == "dropped 1 rejected suggestion"


def test_prodigy_offsets_with_emoji_are_code_points_and_tokens_go_back() -> None:
    start = EMOJI.index("روسيا")
    tokens = [{"text": w, "start": EMOJI.index(w), "end": EMOJI.index(w) + len(w), "id": n, "ws": True}
              for n, w in enumerate(["قال", "👨‍👩‍👧", "المتحدث", "إن", "🇸🇾", "روسيا", "ترفض"])]
    tokens[-1]["ws"] = False
    task = {"text": EMOJI, "tokens": tokens, "_input_hash": 7, "_task_hash": 8, "answer": "accept",
            "spans": [{"start": start, "end": start + 5, "token_start": 5, "token_end": 5, "label": "ACTOR"}]}
    ((_, rec),) = read_prodigy(jsonl(task), "p", Losses())
    assert EMOJI[rec.spans[0].start : rec.spans[0].end] == "روسيا"
    rec.annotator = "amal"
    out = json.loads(dumps_prodigy(rec))
    assert (out["_input_hash"], out["_task_hash"], out["tokens"]) == (7, 8, tokens)
    assert out["spans"][0]["token_start"] == 5 and PRODIGY_META not in out["meta"]


def test_doccano_offsets_with_emoji_are_code_points() -> None:
    start = EMOJI.index("روسيا")
    ((_, rec),) = read_doccano(jsonl({"text": EMOJI, "labels": [[start, start + 5, "ACTOR"]]}), "d")
    assert EMOJI[rec.spans[0].start : rec.spans[0].end] == "روسيا"


def ls_file(*tasks: Any) -> io.BytesIO:
    return io.BytesIO(json.dumps(list(tasks), ensure_ascii=False).encode())


def region(rid: str, start: int, end: int, labels: list[str], text: str) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end] if start <= end else "", "labels": labels}}


def test_labelstudio_utf16_offsets_of_old_exports_are_converted() -> None:
    start = EMOJI.index("روسيا")
    old = utf16_from_index(EMOJI, start), utf16_from_index(EMOJI, start + 5)
    assert old != (start, start + 5)
    result = [{"id": "r", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": old[0], "end": old[1], "text": "روسيا", "labels": ["ACTOR"]}}]
    ((_, rec),) = read_labelstudio(ls_file({"data": {"text": EMOJI}, "annotations": [{"result": result}]}), "ls")
    assert (rec.spans[0].start, rec.spans[0].end) == (start, start + 5)


def test_labelstudio_regions_with_several_labels_and_document_choices() -> None:
    result = [
        region("a", 4, 17, ["ACTOR", "CLAIM"], A),
        {"id": "a", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["oppose"]}},
        {"from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["war", "law"]}},
        region("c", 21, 33, ["CLAIM"], A),
        {"from_id": "a", "to_id": "c", "type": "relation", "direction": "right"},
    ]
    losses = Losses()
    task = {"data": {"text": A}, "annotations": [{"completed_by": 3, "result": result}]}
    ((_, rec),) = read_labelstudio(ls_file(task), "ls", losses)
    assert [(s.start, s.end, s.label, s.attrs) for s in rec.spans] == [
        (4, 17, "ACTOR", {"stance": "oppose"}), (4, 17, "CLAIM", {"stance": "oppose"}), (21, 33, "CLAIM", {}),
    ]
    assert rec.relations == [Relation(head="a", tail="c", label="")]  # the schema's one type, by the validator
    topic = {"from_name": "topic", "choices": ["war", "law"], "annotator": "labelstudio-user-3"}
    assert rec.meta == {"choices": [topic]}
    assert losses.summary() == "kept 2 document choices in statement meta"


def test_labelstudio_text_key_option_and_the_only_string_field() -> None:
    task = {"data": {"body": A, "source": "https://example.org/a", "n": 4}}
    with pytest.raises(InputError, match="several strings"):
        list(read_labelstudio(ls_file(task), "ls"))
    ((_, rec),) = read_labelstudio(ls_file(task), "ls", text_key="body")
    assert rec.text == A and rec.meta == {"labelstudio": {"data": {"source": "https://example.org/a", "n": 4}}}
    ((_, only),) = read_labelstudio(ls_file({"data": {"body": A, "n": 4}}), "ls")
    assert only.text == A
    with pytest.raises(InputError, match='"data.missing" must be a string'):
        list(read_labelstudio(ls_file(task), "ls", text_key="missing"))


def test_labelstudio_one_task_object() -> None:
    data = json.dumps({"data": {"text": A}}, indent=2).encode()
    assert [(line, r.text) for line, r in read_labelstudio(io.BytesIO(data), "one.json")] == [(1, A)]


def test_record_is_unchanged_by_reading_twice() -> None:
    """Readers build fresh records: the meta they add is not shared between records."""
    records = [r for _, r in read_prodigy(jsonl(teach(A, 4, 17, "accept"), teach(B, 0, 5, "accept")), "t")]
    assert all(isinstance(r, Record) for r in records)
    assert records[0].meta is not records[1].meta


def test_labelstudio_task_data_and_meta_go_back_where_they_were() -> None:
    task = {"id": 41, "meta": {"batch": 2}, "data": {"text": A, "source": "radio", "meta": {"k": "v"}},
            "annotations": [{"completed_by": {"email": "amal@example.org"},
                             "result": [region("a", 4, 17, ["ACTOR"], A)]}]}
    ((_, rec),) = read_labelstudio(ls_file(task), "ls")
    assert rec.meta == {"k": "v", "labelstudio": {"data": {"source": "radio"}, "meta": {"batch": 2}}}
    out = io.StringIO()
    write_labelstudio([rec], out, load_schema(DEFAULT_SCHEMA))
    (written,) = json.loads(out.getvalue())
    assert written["id"] == 1 and written["meta"] == {"batch": 2}
    assert written["data"] == {"source": "radio", "text": A, "id": None, "meta": {"k": "v"}}
    assert written["annotations"][0]["completed_by"] == {"id": 1, "email": "amal@example.org"}
    ((_, again),) = read_labelstudio(io.BytesIO(out.getvalue().encode()), "again")
    assert again.meta == rec.meta and again.annotator == "amal@example.org"


def test_labelstudio_predictions_beside_annotations_and_drafts_are_reported() -> None:
    task = {"data": {"text": A}, "annotations": [{"completed_by": 1, "result": []}],
            "predictions": [{"model_version": "m1", "result": []}, {"model_version": "m2", "result": []}],
            "drafts": [{"result": []}]}
    losses = Losses()
    records = [r for _, r in read_labelstudio(ls_file(task), "ls", losses)]
    assert [r.annotator for r in records] == ["labelstudio-user-1"]
    assert losses.summary() == "dropped 1 draft; dropped 2 predictions of annotated tasks"


def test_prodigy_spans_of_a_task_ignored_in_the_app_are_not_kept() -> None:
    """ner.manual tasks come pre-filled by a model; answered ignore, their spans were never reviewed."""
    spans = [{"start": 4, "end": 17, "label": "ACTOR", "source": "en_core_web_lg"}]
    app = {"text": A, "spans": spans, "answer": "ignore", "_view_id": "ner_manual", "_timestamp": 1633931208}
    ours = {"text": B, "spans": [{"start": 0, "end": 5, "label": "ACTOR"}], "answer": "ignore", "_annotator_id": "amal"}
    losses = Losses()
    (_, ignored), (_, skipped) = read_prodigy(jsonl(app, ours), "p", losses)
    assert (ignored.status, ignored.spans) == ("skipped", [])
    assert skipped.status == "skipped" and len(skipped.spans) == 1  # Bayan's export of skipped work
    assert losses.summary() == "dropped 1 span of an ignored task"
