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
together, so the writer holds one statement at a time). Offsets are code points, as Label
Studio's Text tag stores them. The labeling config to match: a `<Text name="text"
value="$text"/>`, a `<Labels name="label" toName="text">` with the schema's labels, a
`<Relations>` with its relation types, and per-region `<Choices name="stance" …
perRegion="true">` for each attribute. `annotator` is Bayan's key (Label Studio assigns
its own user on import); `was_cancelled` marks a skipped statement.

The reader parses the list one task at a time (memory does not grow with the file) and
takes `annotations` (or, when there are none, `predictions`). An annotation names its
annotator by `annotator`, or by `completed_by`: a string, an object with an `email`, or a
Label Studio user number (`labelstudio-user-10`); else `--annotator` applies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from core.errors import InputError
from core.formats.lines import JSONRefused, decode_json_value
from core.formats.native import _is_int, _statement_id, meta_field, seconds_field
from core.formats.report import Losses
from core.model import Record, Relation, Span
from core.rules import UNLABELED
from core.schema import Schema

_CHUNK = 1 << 20


def _annotation(record: Record, number: int) -> dict[str, Any]:
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
        "annotator": record.annotator,
        "was_cancelled": record.status == "skipped",
        "ground_truth": record.annotator == "gold",
        "lead_time": round(record.seconds, 3),
        "result": result,
    }


def _task(records: list[Record], annotations: int) -> dict[str, Any]:
    first = records[0]
    data: dict[str, Any] = {"text": first.text, "id": first.id, "meta": first.meta}
    items = []
    for record in records:
        if record.annotator is not None:
            annotations += 1
            items.append(_annotation(record, annotations))
    return {"data": data, "annotations": items}


def write_labelstudio(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """A JSON list of tasks, written item by item; returns how many records went in."""
    out.write("[")
    tasks = count = annotations = 0
    group: list[Record] = []

    def flush() -> None:
        nonlocal tasks, annotations
        if not group:
            return
        out.write(",\n" if tasks else "\n")
        task = _task(group, annotations)
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

    first = skip_space()
    if first != "[":
        raise InputError(file, line, "a Label Studio export is a JSON list of tasks")
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
        yield line, item
        line += buffer.count("\n", pos, end)
        pos = end
        expect_item = False
        items += 1


def _annotator(annotation: dict[str, Any], file: str, line: int, where: str) -> str | None:
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


def _region(value: dict[str, Any], file: str, line: int, at: str) -> tuple[int, int, str, str]:
    """A labels result's offsets, its one label and the text it says it covers ("" when not given)."""
    start, end, labels, covered = value.get("start"), value.get("end"), value.get("labels"), value.get("text")
    if not _is_int(start) or not _is_int(end):
        raise InputError(file, line, f"{at}: value.start and value.end must be integers")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise InputError(file, line, f"{at}: value.labels must hold exactly one label")
    if covered is not None and not isinstance(covered, str):
        raise InputError(file, line, f"{at}: value.text must be a string")
    return start, end, labels[0], covered or ""


def _annotations(task: dict[str, Any], file: str, line: int) -> list[Any]:
    """The task's annotations, or when it has none, its predictions (each a list when given)."""
    for key in ("annotations", "predictions"):
        value = task.get(key)
        if value is not None and not isinstance(value, list):
            raise InputError(file, line, f'"{key}" must be a list')
        if value:
            return value
    return []


def records_from_task(task: Any, file: str, line: int) -> Iterator[Record]:
    """The records of one task: one per annotation, or the bare statement if it has none."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(file, line, 'each task must be an object with a "data" object')
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):  # an empty text is the validator's (rules.text_problem)
        raise InputError(file, line, '"data.text" must be a string')
    meta = meta_field(data, "meta", file, line)
    sid = _statement_id(data.get("id"), file, line)
    annotations = _annotations(task, file, line)
    if not annotations:
        yield Record(id=sid, text=text, meta=meta, status="todo")
        return
    for a, annotation in enumerate(annotations, 1):
        where = f"annotation {a}"
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result", []), list):
            raise InputError(file, line, f'{where}: must be an object with a "result" list')
        cancelled = annotation.get("was_cancelled")
        if cancelled is not None and not isinstance(cancelled, bool):
            raise InputError(file, line, f"{where}: was_cancelled must be true or false")
        spans: dict[str, Span] = {}
        attrs: dict[str, dict[str, str]] = {}
        relations: list[Relation] = []
        for r, item in enumerate(annotation.get("result", []), 1):
            at = f"{where}, result {r}"
            if not isinstance(item, dict):
                raise InputError(file, line, f"{at}: must be an object")
            kind = item.get("type")
            if not isinstance(kind, str):
                raise InputError(file, line, f"{at}: type must be a string")
            if kind == "relation":
                relations += _relation(item, file, line, at)
                continue
            value = item.get("value")
            rid = item.get("id")
            if not isinstance(value, dict) or not isinstance(rid, str) or not rid:
                raise InputError(file, line, f"{at}: needs an id and a value")
            if kind == "labels":
                start, end, label, covered = _region(value, file, line, at)
                spans[rid] = Span(start=start, end=end, label=label, text=covered, id=rid)
            elif kind == "choices":
                choices = value.get("choices")
                name = item.get("from_name")
                if not isinstance(choices, list) or len(choices) != 1 or not isinstance(choices[0], str):
                    raise InputError(file, line, f"{at}: value.choices must hold exactly one choice")
                if not isinstance(name, str) or not name:
                    raise InputError(file, line, f"{at}: from_name must name the attribute")
                attrs.setdefault(rid, {})[name] = choices[0]
            else:
                raise InputError(file, line, f"{at}: result type {kind!r} is not a text span or relation")
        for rid, values in attrs.items():
            span = spans.get(rid)
            if span is None:
                raise InputError(file, line, f"{where}: choices refer to region {rid!r}, which has no labels")
            span.attrs.update(values)
        yield Record(
            id=sid,
            text=text,
            meta=meta,
            annotator=_annotator(annotation, file, line, where),
            status="skipped" if cancelled else "done",
            spans=list(spans.values()),
            relations=relations,
            # Label Studio files do hold NaN, Infinity and negative lead times: refused, not guessed.
            seconds=seconds_field(annotation.get("lead_time"), "lead_time", file, line, f"{where}: "),
        )


def read_labelstudio(
    stream: BinaryIO, file: str, losses: Losses | None = None, *, text_key: str | None = None
) -> Iterator[tuple[int, Record]]:
    for line, task in iter_json_array(stream, file):
        for record in records_from_task(task, file, line):
            yield line, record
