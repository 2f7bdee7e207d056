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
from core.formats.native import _is_int, _statement_id
from core.model import Record, Relation, Span
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
    decoder = json.JSONDecoder()
    buffer = ""
    pos = 0
    line = 1
    eof = False
    raw_tail = b""

    def more() -> bool:
        nonlocal buffer, pos, eof, raw_tail
        if eof:
            return False
        chunk = stream.read(_CHUNK)
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
                item, end = decoder.raw_decode(buffer, pos)
                break
            except json.JSONDecodeError as exc:
                if more():
                    continue
                at = line + exc.lineno - 1 - buffer.count("\n", 0, pos)
                raise InputError(file, at, f"not valid JSON: {exc.msg}") from None
            except RecursionError:
                raise InputError(file, line, "JSON nested too deeply") from None
        yield line, item
        line += buffer.count("\n", pos, end)
        pos = end
        expect_item = False
        items += 1


def _annotator(annotation: dict[str, Any], file: str, line: int) -> str | None:
    name = annotation.get("annotator")
    if name is None:
        by = annotation.get("completed_by")
        if isinstance(by, dict):
            by = by.get("email") or by.get("username") or by.get("id")
        if _is_int(by):
            by = f"labelstudio-user-{by}"  # Label Studio's own exports name users by number
        name = by if isinstance(by, str) else None
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InputError(file, line, '"annotator" must be a non-empty string')
    return name


def records_from_task(task: Any, file: str, line: int) -> Iterator[Record]:
    """The records of one task: one per annotation, or the bare statement if it has none."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(file, line, 'each task must be an object with a "data" object')
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(file, line, '"data.text" must be a non-empty string')
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(file, line, '"data.meta" must be an object')
    sid = _statement_id(data.get("id"), file, line)
    annotations = task.get("annotations") or task.get("predictions") or []
    if not isinstance(annotations, list):
        raise InputError(file, line, '"annotations" must be a list')
    if not annotations:
        yield Record(id=sid, text=text, meta=meta, status="todo")
        return
    for a, annotation in enumerate(annotations, 1):
        where = f"annotation {a}"
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result", []), list):
            raise InputError(file, line, f'{where}: must be an object with a "result" list')
        spans: dict[str, Span] = {}
        attrs: dict[str, dict[str, str]] = {}
        relations: list[Relation] = []
        for r, item in enumerate(annotation.get("result", []), 1):
            at = f"{where}, result {r}"
            if not isinstance(item, dict):
                raise InputError(file, line, f"{at}: must be an object")
            kind = item.get("type")
            if kind == "relation":
                head, tail, labels = item.get("from_id"), item.get("to_id"), item.get("labels") or []
                if not isinstance(head, str) or not isinstance(tail, str) or not isinstance(labels, list):
                    raise InputError(file, line, f"{at}: a relation needs from_id, to_id and labels")
                if item.get("direction") == "left":
                    head, tail = tail, head
                for label in labels:
                    if not isinstance(label, str):
                        raise InputError(file, line, f"{at}: relation labels must be strings")
                    relations.append(Relation(head=head, tail=tail, label=label))
                continue
            value = item.get("value")
            rid = item.get("id")
            if not isinstance(value, dict) or not isinstance(rid, str) or not rid:
                raise InputError(file, line, f"{at}: needs an id and a value")
            if kind == "labels":
                start, end, labels = value.get("start"), value.get("end"), value.get("labels")
                if not _is_int(start) or not _is_int(end):
                    raise InputError(file, line, f"{at}: value.start and value.end must be integers")
                if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
                    raise InputError(file, line, f"{at}: value.labels must hold exactly one label")
                covered = value.get("text")
                spans[rid] = Span(
                    start=start, end=end, label=labels[0], text=covered if isinstance(covered, str) else "", id=rid
                )
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
            annotator=_annotator(annotation, file, line),
            status="skipped" if annotation.get("was_cancelled") else "done",
            spans=list(spans.values()),
            relations=relations,
            seconds=float(annotation["lead_time"]) if isinstance(annotation.get("lead_time"), (int, float)) else 0.0,
        )


def read_labelstudio(stream: BinaryIO, file: str) -> Iterator[tuple[int, Record]]:
    for line, task in iter_json_array(stream, file):
        for record in records_from_task(task, file, line):
            yield line, record
