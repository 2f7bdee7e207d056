"""Label Studio's JSON task list, written and read one task at a time.

```json
[{"data": {"text": "…", "id": "s1", "meta": {}},
  "annotations": [{"annotator": "amal", "was_cancelled": false, "ground_truth": false,
                   "lead_time": 12.5,
                   "result": [{"id": "T1", "from_name": "label", "to_name": "text", "type": "labels",
                               "value": {"start": 4, "end": 26, "text": "…", "labels": ["ACTOR"]}},
                              {"id": "T2", "from_name": "stance", "to_name": "text", "type": "choices",
                               "value": {"start": 30, "end": 52, "text": "…", "choices": ["oppose"]}},
                              {"from_id": "T1", "to_id": "T2", "type": "relation",
                               "direction": "right", "labels": ["CLAIMANT"]}]}]}]
```

A task per statement, one annotation per annotator (the records of one statement arrive
together, so the writer holds one statement at a time). Every task has an integer `id` (its
number in the file: Label Studio's converter needs one) and every annotation a
`completed_by` naming its annotator, beside Bayan's `annotator`. Offsets are code points,
as Label Studio's Text tag stores them since 1.4. The labeling config to match: a `<Text
name="text" value="$text"/>`, a `<Labels name="label" toName="text">` with the schema's
labels, a `<Relations>` with its relation types, and per-region `<Choices name="stance" …
perRegion="true">` for each attribute. `was_cancelled` marks a skipped statement.

The reader parses the file one task at a time (memory does not grow with the file): a
list of tasks, or one task object. The README's table says what it reads, keeps and
leaves out: in short, `annotations` (or, when there are none, `predictions`, named by
their `model_version`); a region with several labels is a span per label; choices of a
region are its spans' attributes, other choices go to the statement's meta; the text is
`data.text`, the key given as `text_key`, or the data's only string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from core.errors import InputError
from core.formats.lines import JSONRefused, decode_json_value
from core.formats.native import _is_int, _statement_id, meta_field, seconds_field
from core.formats.report import CHOICES_IN_META, DRAFT, UNUSED_PREDICTION, Losses
from core.model import Record, Relation, Span
from core.offsets import index_from_utf16
from core.rules import UNLABELED
from core.schema import Schema

_CHUNK = 1 << 20


def _annotation(record: Record, number: int, user: int) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for span in record.spans:
        region = {"start": span.start, "end": span.end, "text": span.text}
        result.append(
            {
                "id": span.id,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {**region, "labels": [span.label]},
            }
        )
        for name, value in span.attrs.items():
            result.append(
                {
                    "id": span.id,
                    "from_name": name,
                    "to_name": "text",
                    "type": "choices",
                    "value": {**region, "choices": [value]},
                }
            )
    for rel in record.relations:
        result.append(
            {"from_id": rel.head, "to_id": rel.tail, "type": "relation", "direction": "right", "labels": [rel.label]}
        )
    return {
        "id": number,
        # Label Studio and its converter name the annotator by `completed_by` (a user's number,
        # or an object with an email); Bayan's names are no emails, but they are what the
        # converter prints, and `annotator` (read back first) keeps the name exactly.
        "completed_by": {"id": user, "email": record.annotator},
        "annotator": record.annotator,
        "was_cancelled": record.status == "skipped",
        "ground_truth": record.annotator == "gold",
        "lead_time": round(record.seconds, 3),
        "result": result,
    }


def _task(records: list[Record], number: int, annotations: int, users: dict[str, int]) -> dict[str, Any]:
    """Task `number` (Label Studio's converter needs an integer `id` on every task)."""
    first = records[0]
    meta = first.meta
    kept = meta.get("labelstudio")
    task: dict[str, Any] = {"id": number}
    if isinstance(kept, dict):
        # What was read from a Label Studio task goes back where it was: its other data
        # beside the text, its own meta on the task (so that reading this file keeps it again).
        meta = {k: v for k, v in meta.items() if k != "labelstudio"}
        if isinstance(kept.get("meta"), dict):
            task["meta"] = kept["meta"]
    data: dict[str, Any] = {"text": first.text, "id": first.id, "meta": meta}
    if isinstance(kept, dict) and isinstance(kept.get("data"), dict):
        data = {**{k: v for k, v in kept["data"].items() if k not in data}, **data}
    items = []
    for record in records:
        if record.annotator is not None:
            annotations += 1
            user = users.setdefault(record.annotator, len(users) + 1)
            items.append(_annotation(record, annotations, user))
    return {**task, "data": data, "annotations": items}


def write_labelstudio(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """A JSON list of tasks, written item by item; returns how many records went in."""
    out.write("[")
    tasks = count = annotations = 0
    group: list[Record] = []
    # Each annotator's number in this file, for `completed_by`.
    users: dict[str, int] = {}

    def flush() -> None:
        nonlocal tasks, annotations
        if not group:
            return
        out.write(",\n" if tasks else "\n")
        task = _task(group, tasks + 1, annotations, users)
        annotations += len(task["annotations"])
        out.write(json.dumps(task, ensure_ascii=False))
        tasks += 1
        group.clear()

    for record in records:
        if group and (record.id != group[0].id or record.text != group[0].text):
            flush()
        group.append(record)
        count += 1
    flush()
    out.write("\n]\n")
    return count


# ------------------------------------------------------------------- reading


def iter_json_array(stream: BinaryIO, file: str) -> Iterator[tuple[int, Any]]:
    """(line, item) for each item of a JSON array, parsing one item at a time."""
    buffer = ""
    pos = 0
    line = 1
    eof = False
    raw_tail = b""

    def more() -> bool:
        nonlocal buffer, pos, eof, raw_tail
        if eof:
            return False
        # As much again as the part not yet parsed: a task larger than a chunk is re-parsed
        # from its start after each read, so reads that double keep that linear, not quadratic.
        chunk = stream.read(max(_CHUNK, len(buffer) - pos))
        if not chunk:
            eof = True
            if raw_tail:
                raise InputError(file, line, "not UTF-8 text")
            return False
        data = raw_tail + chunk
        if not buffer and pos == 0 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        # Keep an incomplete UTF-8 sequence for the next chunk.
        cut = len(data)
        for back in range(1, min(4, len(data)) + 1):
            byte = data[-back]
            if byte & 0xC0 != 0x80:
                need = 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4 if byte >> 3 == 0b11110 else 1
                if need > back:
                    cut = len(data) - back
                break
        raw_tail = data[cut:]
        try:
            text = data[:cut].decode("utf-8")
        except UnicodeDecodeError as exc:
            at = line + buffer.count("\n", pos) + data[: exc.start].count(b"\n")
            raise InputError(file, at, "not UTF-8 text") from None
        buffer = buffer[pos:] + text
        pos = 0
        return True

    def skip_space() -> str:
        """The next non-space character (not consumed), or "" at the end."""
        nonlocal pos, line
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n":
                if buffer[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buffer):
                return buffer[pos]
            if not more():
                return ""

    def value() -> tuple[Any, int]:
        """The JSON value at `pos` (read on as far as it takes) and the line breaks it holds;
        `pos` is left at its end. Reading on moves what is left to the buffer's start."""
        nonlocal pos
        while True:
            try:
                item, end = decode_json_value(buffer, pos)
                break
            except json.JSONDecodeError as exc:
                if more():
                    continue
                at = line + exc.lineno - 1 - buffer.count("\n", 0, pos)
                raise InputError(file, at, f"not valid JSON: {exc.msg}") from None
            except JSONRefused as exc:
                raise InputError(file, line, exc.reason) from None
        breaks = buffer.count("\n", pos, end)
        pos = end
        return item, breaks

    first = skip_space()
    if first == "{":
        # One task object: Label Studio reads it as a list of one (its cloud storage keeps a
        # task per file, and its export of one task is that object).
        at = line
        task, breaks = value()
        line += breaks
        if skip_space() != "":
            raise InputError(file, line, "more after the task object; a file of several tasks is a JSON list")
        yield at, task
        return
    if first != "[":
        raise InputError(file, line, "a Label Studio file is a JSON list of tasks, or one task object")
    pos += 1
    expect_item = True
    items = 0
    while True:
        ch = skip_space()
        if ch == "":
            raise InputError(file, line, "the JSON list is not closed with ]")
        if ch == "]" and (not expect_item or not items):
            return
        if not expect_item:
            if ch != ",":
                raise InputError(file, line, "expected , or ] between tasks")
            pos += 1
            expect_item = True
            continue
        item, breaks = value()
        yield line, item
        line += breaks
        expect_item = False
        items += 1


def _annotator(annotation: dict[str, Any], file: str, line: int, where: str) -> str | None:
    """Who made an annotation: Bayan's `annotator`, Label Studio's `completed_by`, or for a
    prediction its `model_version` (a model's work is kept apart from people's)."""
    name = annotation.get("annotator")
    if name is not None:
        if not isinstance(name, str):
            raise InputError(file, line, f'{where}: "annotator" must be a string')
        return name
    by = annotation.get("completed_by")
    if isinstance(by, dict):
        by = by.get("email") or by.get("username") or by.get("id")
    if _is_int(by):
        return f"labelstudio-user-{by}"  # Label Studio's own exports name users by number
    if by is not None and not isinstance(by, str):
        raise InputError(
            file, line, f'{where}: "completed_by" must be a name, a user number or an object with an email'
        )
    if by is None:
        model = annotation.get("model_version")
        if isinstance(model, str) and model.strip():
            return model
    return by


def _relation(item: dict[str, Any], file: str, line: int, at: str) -> list[Relation]:
    """A relation result: one Relation per label, or one without a label (UNLABELED) when it has none.

    Label Studio's default `<Relations>` config writes links without `labels`; the
    validator gives those the schema's relation type when exactly one fits.
    """
    head, tail, labels, direction = item.get("from_id"), item.get("to_id"), item.get("labels"), item.get("direction")
    if not isinstance(head, str) or not isinstance(tail, str):
        raise InputError(file, line, f"{at}: a relation needs from_id and to_id (region ids)")
    if labels is None:
        labels = []
    if not isinstance(labels, list) or not all(isinstance(label, str) and label for label in labels):
        raise InputError(file, line, f"{at}: a relation's labels must be a list of names")
    if direction not in (None, "right", "left", "bi"):
        raise InputError(file, line, f"{at}: direction must be right, left or bi")
    if direction == "left":
        head, tail = tail, head
    return [Relation(head=head, tail=tail, label=label) for label in labels or [UNLABELED]]


def _code_points(text: str, start: int, end: int, covered: str) -> tuple[int, int]:
    """Offsets in code points. Label Studio before 1.4 counted UTF-16 units (its issue #1347):
    when the region's own text is found at the UTF-16 reading and not at the code-point one,
    the offsets are converted; otherwise they are taken as they are (and checked later)."""
    if not covered or text[start:end] == covered or text.isascii():
        return start, end
    try:
        start16, end16 = index_from_utf16(text, start), index_from_utf16(text, end)
    except ValueError:
        return start, end
    return (start16, end16) if text[start16:end16] == covered else (start, end)


def _region(text: str, value: dict[str, Any], file: str, line: int, at: str) -> tuple[int, int, list[str], str]:
    """A labels result's offsets (code points), its labels and the text it says it covers ("" when not given)."""
    start, end, labels, covered = value.get("start"), value.get("end"), value.get("labels"), value.get("text")
    if not _is_int(start) or not _is_int(end):
        raise InputError(file, line, f"{at}: value.start and value.end must be integers")
    if not isinstance(labels, list) or not labels or not all(isinstance(label, str) and label for label in labels):
        raise InputError(file, line, f"{at}: value.labels must list one label or more")
    if covered is not None and not isinstance(covered, str):
        raise InputError(file, line, f"{at}: value.text must be a string")
    start, end = _code_points(text, start, end, covered or "")
    return start, end, labels, covered or ""


def _annotations(task: dict[str, Any], file: str, line: int, losses: Losses) -> list[Any]:
    """The task's annotations, or when it has none, its predictions (each a list when given).

    Predictions beside annotations (a model's pre-annotations) and drafts (unsubmitted
    work) are not read, and reported.
    """
    lists = []
    for key in ("annotations", "predictions", "drafts"):
        value = task.get(key)
        if value is not None and not isinstance(value, list):
            raise InputError(file, line, f'"{key}" must be a list')
        lists.append(value or [])
    annotations, predictions, drafts = lists
    losses.add(DRAFT, file, line, len(drafts))
    if annotations:
        losses.add(UNUSED_PREDICTION, file, line, len(predictions))
        return annotations
    return predictions


# A data value Label Studio loads from elsewhere (`valueType="url"`), not text to annotate.
_URL = re.compile(r"(?:https?|s3|gs|azure-blob)://|/data/", re.IGNORECASE)
# Keys of a task's data that Bayan itself writes beside the text.
_OWN_DATA = ("id", "meta")


def _text_field(data: dict[str, Any], text_key: str | None, file: str, line: int) -> str:
    """The key of the task's data that holds its text: `text_key`, else `text`, else the only string."""
    if text_key is not None or "text" in data:
        key = text_key or "text"
        if not isinstance(data.get(key), str):  # an empty text is the validator's (rules.text_problem)
            raise InputError(file, line, f'"data.{key}" must be a string')
        return key
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in _OWN_DATA]
    if len(strings) == 1:
        key = strings[0]
        if _URL.match(data[key]):
            raise InputError(
                file, line,
                f'"data.{key}" is a URL: Label Studio loads that file, and Bayan reads only text given in the task',
            )
        return key
    if not strings:
        raise InputError(file, line, "the task's data holds no text")
    raise InputError(
        file, line, f'the task\'s data has no "text" but several strings ({", ".join(strings)}); '
        "choose one with --ls-text-key",
    )


def _statement_meta(task: dict[str, Any], data: dict[str, Any], key: str, file: str, line: int) -> dict[str, Any]:
    """Bayan's `data.meta`, with what else the task holds (other data fields, Label Studio's
    task `meta`) under `labelstudio`, so that nothing of it is lost."""
    meta = meta_field(data, "meta", file, line)
    others = {k: v for k, v in data.items() if k != key and k not in _OWN_DATA}
    task_meta = task.get("meta") if data is not task else None
    kept: dict[str, Any] = {}
    if others:
        kept["data"] = others
    if task_meta:
        kept["meta"] = task_meta
    if not kept:
        return meta
    if "labelstudio" in meta:
        raise InputError(file, line, 'data.meta already holds "labelstudio", where Bayan keeps the task\'s other data')
    return {**meta, "labelstudio": kept}


class _Annotation:
    """One annotation's spans, relations and choices, read from its `result` list."""

    def __init__(self, text: str, annotation: Any, file: str, line: int, where: str) -> None:
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result", []), list):
            raise InputError(file, line, f'{where}: must be an object with a "result" list')
        cancelled = annotation.get("was_cancelled")
        if cancelled is not None and not isinstance(cancelled, bool):
            raise InputError(file, line, f"{where}: was_cancelled must be true or false")
        self.cancelled = bool(cancelled)
        self.annotator = _annotator(annotation, file, line, where)
        self.seconds = seconds_field(annotation.get("lead_time"), "lead_time", file, line, f"{where}: ")
        # Region id -> its spans (one per label).
        self.regions: dict[str, list[Span]] = {}
        self.relations: list[Relation] = []
        # (result number, region id or None, from_name, choices), sorted out once all regions are known.
        choices: list[tuple[str, str | None, str, list[str]]] = []
        for r, item in enumerate(annotation.get("result", []), 1):
            at = f"{where}, result {r}"
            if not isinstance(item, dict):
                raise InputError(file, line, f"{at}: must be an object")
            kind = item.get("type")
            if not isinstance(kind, str):
                raise InputError(file, line, f"{at}: type must be a string")
            if kind == "relation":
                self.relations += _relation(item, file, line, at)
                continue
            value, rid = item.get("value"), item.get("id")
            if not isinstance(value, dict):
                raise InputError(file, line, f"{at}: needs a value")
            if rid is not None and (not isinstance(rid, str) or not rid):
                raise InputError(file, line, f"{at}: id must be a non-empty string")
            if kind == "labels":
                if rid is None:
                    raise InputError(file, line, f"{at}: a labels result needs an id")
                start, end, labels, covered = _region(text, value, file, line, at)
                # A region with several labels is a span per label; links go from the first. The
                # others' ids hold a tab, which Label Studio's generated region ids never do.
                self.regions[rid] = [
                    Span(start=start, end=end, label=label, text=covered, id=rid if n == 0 else f"{rid}\t{n}")
                    for n, label in enumerate(labels)
                ]
            elif kind == "choices":
                picked, name = value.get("choices"), item.get("from_name")
                if not isinstance(picked, list) or not picked or not all(isinstance(c, str) for c in picked):
                    raise InputError(file, line, f"{at}: value.choices must list the choices")
                if not isinstance(name, str) or not name:
                    raise InputError(file, line, f"{at}: from_name must name the choice")
                choices.append((at, rid, name, picked))
            else:
                raise InputError(file, line, f"{at}: result type {kind!r} is not a text span, choice or relation")
        # Choices of a region are its spans' attributes; the others are about the whole text.
        self.document: list[dict[str, Any]] = []
        for at, rid, name, picked in choices:
            spans = self.regions.get(rid) if rid is not None else None
            if spans is None:
                self.document.append({"from_name": name, "choices": picked, "annotator": self.annotator})
                continue
            if len(picked) != 1:
                raise InputError(file, line, f"{at}: a region's choices must hold exactly one choice (an attribute)")
            for span in spans:
                span.attrs[name] = picked[0]

    def spans(self) -> list[Span]:
        return [span for spans in self.regions.values() for span in spans]


def records_from_task(
    task: Any, file: str, line: int, losses: Losses | None = None, text_key: str | None = None
) -> Iterator[Record]:
    """The records of one task: one per annotation, or the bare statement if it has none.

    A task without `data` is its own data, as Label Studio imports such tasks.
    """
    losses = losses if losses is not None else Losses()
    if not isinstance(task, dict):
        raise InputError(file, line, 'each task must be an object with a "data" object')
    data = task.get("data", task if "annotations" not in task and "predictions" not in task else None)
    if not isinstance(data, dict):
        raise InputError(file, line, 'each task must be an object with a "data" object')
    key = _text_field(data, text_key, file, line)
    text = data[key]
    meta = _statement_meta(task, data, key, file, line)
    sid = _statement_id(data.get("id"), file, line)
    annotations = [
        _Annotation(text, annotation, file, line, f"annotation {a}")
        for a, annotation in enumerate(_annotations(task, file, line, losses), 1)
    ]
    if not annotations:
        yield Record(id=sid, text=text, meta=meta, status="todo")
        return
    document = [choice for annotation in annotations for choice in annotation.document]
    if document:
        if "choices" in meta:
            raise InputError(file, line, 'data.meta already holds "choices", where Bayan keeps document choices')
        meta = {**meta, "choices": document}
        losses.add(CHOICES_IN_META, file, line, sum(len(choice["choices"]) for choice in document))
    for annotation in annotations:
        yield Record(
            id=sid,
            text=text,
            meta=meta,
            annotator=annotation.annotator,
            status="skipped" if annotation.cancelled else "done",
            spans=annotation.spans(),
            relations=annotation.relations,
            # Label Studio files do hold NaN, Infinity and negative lead times: refused, not guessed.
            seconds=annotation.seconds,
        )


def read_labelstudio(
    stream: BinaryIO, file: str, losses: Losses | None = None, *, text_key: str | None = None
) -> Iterator[tuple[int, Record]]:
    """The records of a Label Studio JSON file: a list of tasks, or one task object."""
    losses = losses if losses is not None else Losses()
    for line, task in iter_json_array(stream, file):
        for record in records_from_task(task, file, line, losses, text_key):
            yield line, record
