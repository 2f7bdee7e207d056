"""doccano's JSONL, in its two shapes, read and written.

- Relation shape (doccano's "sequence labeling with relations" projects):
  `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
  "relations": [{"id", "from_id", "to_id", "type"}]}`.
- Label shape (plain sequence labeling): `{"text", "label": [[start, end, "LABEL"], …]}`.

The writer uses the relation shape when the schema has relation types and the label
shape otherwise, so one file has one shape. One line per statement and annotator, as in
native JSONL, with Bayan's extra keys: `id` (the statement), `meta`, `annotator`,
`status`, and `attrs` (span attributes by entity id, only when some are set); doccano
keeps unknown keys as the example's metadata. Offsets are code points, as in doccano.

The reader takes either shape (per line) and the extra keys when present.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from core.errors import InputError
from core.formats.lines import json_line, write_lines
from core.formats.native import (
    _attrs,
    _is_int,
    _statement_id,
    meta_field,
    optional_list,
    optional_string,
    read_json_lines,
    span_fields,
    status_field,
)
from core.formats.report import Losses
from core.model import Record, Relation, Span
from core.schema import Schema


def _extras(record: Record) -> dict[str, Any]:
    # The status goes along even without an annotator: a statement nobody touched stays
    # todo when read back with --annotator, instead of becoming that annotator's "done".
    extra: dict[str, Any] = {"id": record.id, "meta": record.meta, "status": record.status}
    if record.annotator is not None:
        extra["annotator"] = record.annotator
    return extra


def record_to_doccano(record: Record, *, with_relations: bool) -> dict[str, Any]:
    if not with_relations:
        obj: dict[str, Any] = {"text": record.text, "label": [[s.start, s.end, s.label] for s in record.spans]}
    else:
        numbers = {s.id: n for n, s in enumerate(record.spans, 1)}
        obj = {
            "text": record.text,
            "entities": [
                {"id": n, "label": s.label, "start_offset": s.start, "end_offset": s.end}
                for n, s in enumerate(record.spans, 1)
            ],
            "relations": [
                {"id": n, "from_id": numbers[r.head], "to_id": numbers[r.tail], "type": r.label}
                for n, r in enumerate(record.relations, 1)
            ],
        }
    obj.update(_extras(record))
    attrs = {str(n): s.attrs for n, s in enumerate(record.spans, 1) if s.attrs}
    if attrs:
        obj["attrs"] = attrs
    return obj


def write_doccano(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """doccano JSONL (relation shape if the schema has relation types); returns lines written."""
    with_relations = bool(schema.relations)
    return write_lines(
        records,
        out,
        lambda record: json_line(
            json.dumps(record_to_doccano(record, with_relations=with_relations), ensure_ascii=False)
        ),
    )


def _id_key(value: Any) -> str | None:
    if _is_int(value):
        return str(value)
    if isinstance(value, str) and value:
        return value
    return None


def record_from_doccano(obj: Any, file: str, line: int) -> Record:
    """One doccano object (either shape) as a Record; contents are checked later."""
    if not isinstance(obj, dict):
        raise InputError(file, line, "each line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):  # an empty text is the validator's (rules.text_problem)
        raise InputError(file, line, '"text" must be a string')
    raw_attrs = obj.get("attrs")
    if raw_attrs is None:
        raw_attrs = {}
    if not isinstance(raw_attrs, dict):
        raise InputError(file, line, '"attrs" must be an object of entity id → attributes')
    spans: list[Span] = []
    relations: list[Relation] = []
    if "entities" in obj:
        for n, item in enumerate(optional_list(obj, "entities", file, line), 1):
            where = f"entity {n}"
            if not isinstance(item, dict):
                raise InputError(file, line, f"{where}: must be an object")
            start, end, label = span_fields(item, file, line, where, "start_offset", "end_offset")
            sid = _id_key(item.get("id", n))
            if sid is None:
                raise InputError(file, line, f"{where}: id must be an integer or a string")
            attrs = _attrs(raw_attrs.get(sid), file, line, where)
            spans.append(Span(start=start, end=end, label=label, text="", attrs=attrs, id=sid))
        for n, item in enumerate(optional_list(obj, "relations", file, line), 1):
            where = f"relation {n}"
            if not isinstance(item, dict):
                raise InputError(file, line, f"{where}: must be an object")
            head, tail, kind = _id_key(item.get("from_id")), _id_key(item.get("to_id")), item.get("type")
            if head is None or tail is None:
                raise InputError(file, line, f"{where}: from_id and to_id must name entities")
            if not isinstance(kind, str) or not kind:
                raise InputError(file, line, f"{where}: type must be a non-empty string")
            relations.append(Relation(head=head, tail=tail, label=kind))
    else:
        for n, item in enumerate(optional_list(obj, "label", file, line), 1):
            where = f"label {n}"
            if isinstance(item, str):
                raise InputError(
                    file, line, f"{where}: {item!r} is a text category (classification), not a span"
                )
            if (
                not isinstance(item, list)
                or len(item) != 3
                or not _is_int(item[0])
                or not _is_int(item[1])
                or not isinstance(item[2], str)
                or not item[2]
            ):
                raise InputError(file, line, f'{where}: must be [start, end, "LABEL"]')
            attrs = _attrs(raw_attrs.get(str(n)), file, line, where)
            spans.append(Span(start=item[0], end=item[1], label=item[2], text="", attrs=attrs, id=str(n)))
    # Attributes for an entity the line does not have would be dropped without a word.
    ids = {span.id for span in spans}
    unknown = next((key for key in raw_attrs if key not in ids), None)
    if unknown is not None:
        raise InputError(file, line, f'"attrs" names entity {unknown!r}, which this line does not have')
    return Record(
        id=_statement_id(obj.get("id"), file, line),
        text=text,
        meta=meta_field(obj, "meta", file, line),
        annotator=optional_string(obj, "annotator", file, line),
        status=status_field(obj, "status", file, line),
        spans=spans,
        relations=relations,
    )


def read_doccano(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    for number, obj in read_json_lines(stream, file):
        yield number, record_from_doccano(obj, file, number)
