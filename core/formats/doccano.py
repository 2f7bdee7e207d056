"""doccano's JSONL, in the shapes doccano writes and reads, and the two Bayan writes.

Written (one shape per file, chosen by the schema):
- Relation shape, for a doccano project of type *Sequence labeling* with *relation labels*
  allowed (doccano ≥ 1.6; its "relation extraction" import and export):
  `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
  "relations": [{"id", "from_id", "to_id", "type"}]}`. Used when the schema has relation types.
- Label shape, for a *Sequence labeling* project without relations:
  `{"text", "label": [[start, end, "LABEL"], …]}`. Used otherwise.

One line per statement and annotator, as in native JSONL, with Bayan's extra keys: `id`
(the statement), `meta`, `annotator`, `status`, and `attrs` (span attributes by entity id,
only when some are set); doccano keeps unknown keys as the example's metadata. Offsets are
code points, as in doccano (its frontend and its Python backend both index Python strings).

Read, per line: either written shape; `labels` (doccano 1.0-1.5's name for `label`);
`entities` as `[start, end, "LABEL"]` lists (doccano's intent-detection shape); category
names in `label` (text classification) and `cats` (intent detection), kept in meta `cats`;
any other key kept in meta, as doccano does, unless it holds what look like annotations
(refused, never dropped). doccano 1.0's `annotations` with label ids (numbers without
names) are refused with the reason.
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
    looks_like_annotations,
    meta_field,
    optional_list,
    optional_string,
    read_json_lines,
    span_fields,
    status_field,
)
from core.formats.report import CATS_IN_META, Losses
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


# The keys Bayan reads; doccano keeps any other key as the example's metadata, and so does Bayan.
_KNOWN = frozenset(
    {"text", "id", "meta", "annotator", "status", "attrs", "entities", "relations", "label", "labels", "cats",
     "annotations"}
)


def _span_list(item: Any, file: str, line: int, where: str) -> tuple[int, int, str]:
    """A span written as [start, end, "LABEL"] (doccano's label shape and intent `entities`)."""
    if (
        not isinstance(item, list)
        or len(item) != 3
        or not _is_int(item[0])
        or not _is_int(item[1])
        or not isinstance(item[2], str)
        or not item[2]
    ):
        raise InputError(file, line, f'{where}: must be [start, end, "LABEL"]')
    return item[0], item[1], item[2]


def _extra_meta(obj: dict[str, Any], meta: dict[str, Any], file: str, line: int) -> dict[str, Any]:
    """The record's meta with the line's other keys, as doccano keeps them; annotations under
    a key Bayan does not know are refused rather than kept where nobody would look."""
    extra = {k: v for k, v in obj.items() if k not in _KNOWN and v not in (None, "", [], {})}
    if not extra:
        return meta
    for key, value in extra.items():
        if looks_like_annotations(value):
            raise InputError(file, line, f"{key!r} holds what look like annotations, which Bayan does not read")
        if key in meta:
            raise InputError(file, line, f"{key!r} is both a key of the line and of its meta")
    return {**meta, **extra}


def record_from_doccano(obj: Any, file: str, line: int, losses: Losses | None = None) -> Record:
    """One doccano object (any of its shapes) as a Record; contents are checked later."""
    losses = losses if losses is not None else Losses()
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
    cats: list[str] = []
    for n, item in enumerate(optional_list(obj, "entities", file, line), 1):
        where = f"entity {n}"
        if isinstance(item, list):  # intent detection: [start, end, "LABEL"]
            start, end, label = _span_list(item, file, line, where)
            sid: str | None = str(n)
        elif isinstance(item, dict):
            start, end, label = span_fields(item, file, line, where, "start_offset", "end_offset")
            sid = _id_key(item.get("id", n))
        else:
            raise InputError(file, line, f"{where}: must be an object or [start, end, \"LABEL\"]")
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
    # `label` (Bayan, doccano ≥ 1.6) and `labels` (doccano 1.0-1.5) hold spans in sequence
    # labeling, category names in text classification.
    for key in ("label", "labels"):
        for n, item in enumerate(optional_list(obj, key, file, line), 1):
            where = f"{key} {n}"
            if isinstance(item, str) and item:
                cats.append(item)
                continue
            start, end, label = _span_list(item, file, line, where)
            sid = str(len(spans) + 1)
            while any(span.id == sid for span in spans):
                sid += "'"
            attrs = _attrs(raw_attrs.get(sid), file, line, where)
            spans.append(Span(start=start, end=end, label=label, text="", attrs=attrs, id=sid))
    # doccano 1.0's export: labels by their number in the project, which a file does not name.
    for n, item in enumerate(optional_list(obj, "annotations", file, line), 1):
        where = f"annotation {n}"
        if not isinstance(item, dict):
            raise InputError(file, line, f"{where}: must be an object")
        if _is_int(item.get("label")):
            raise InputError(
                file, line,
                f"{where}: label {item['label']} is a label id without its name (doccano 1.0's export); "
                "export the project again as JSONL, which names the labels",
            )
        start, end, label = span_fields(item, file, line, where, "start_offset", "end_offset")
        spans.append(Span(start=start, end=end, label=label, text="", id=f"a{n}"))
    for n, item in enumerate(optional_list(obj, "cats", file, line), 1):
        if not isinstance(item, str) or not item:
            raise InputError(file, line, f"cats {n}: must be a category name")
        cats.append(item)
    # Attributes for an entity the line does not have would be dropped without a word.
    ids = {span.id for span in spans}
    unknown = next((key for key in raw_attrs if key not in ids), None)
    if unknown is not None:
        raise InputError(file, line, f'"attrs" names entity {unknown!r}, which this line does not have')
    meta = _extra_meta(obj, meta_field(obj, "meta", file, line), file, line)
    if cats:
        if "cats" in meta:
            raise InputError(file, line, 'meta already holds "cats", where Bayan keeps the text categories')
        meta = {**meta, "cats": cats}
        losses.add(CATS_IN_META, file, line, len(cats))
    return Record(
        id=_statement_id(obj.get("id"), file, line),
        text=text,
        meta=meta,
        annotator=optional_string(obj, "annotator", file, line),
        status=status_field(obj, "status", file, line),
        spans=spans,
        relations=relations,
    )


def read_doccano(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    for number, obj in read_json_lines(stream, file):
        yield number, record_from_doccano(obj, file, number, losses)
