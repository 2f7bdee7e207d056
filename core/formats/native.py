"""Bayan's native JSONL: one object per statement and annotator (DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO, TypeGuard

from core.errors import InputError
from core.formats.lines import JSONRefused, decoded_lines, json_line, parse_json, write_lines
from core.formats.report import Losses
from core.model import Record, Relation, Span
from core.rules import meta_problem, seconds_problem
from core.schema import Schema


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _statement_id(value: Any, file: str, line: int) -> str | None:
    if value is None:
        return None
    if _is_int(value):
        return str(value)
    if isinstance(value, str):
        return value  # its rules (not empty, printable, not another text's id) are the validator's
    raise InputError(file, line, '"id" must be a string or an integer')


def meta_field(obj: dict[str, Any], key: str, file: str, line: int) -> dict[str, Any]:
    """A statement's metadata under `key`: missing or null is none; else the one rule of core.rules."""
    meta = obj.get(key)
    if meta is None:
        return {}
    problem = meta_problem(meta)
    if problem is not None:
        raise InputError(file, line, problem)
    return meta


def optional_string(obj: dict[str, Any], key: str, file: str, line: int, default: str | None = None) -> str | None:
    """A string field that may be missing or null (then `default`)."""
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise InputError(file, line, f'"{key}" must be a string')
    return value


def optional_list(obj: dict[str, Any], key: str, file: str, line: int) -> list[Any]:
    """A list field that may be missing or null (then empty); any other type is refused, not ignored."""
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(file, line, f'"{key}" must be a list')
    return value


def _attrs(value: Any, file: str, line: int, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InputError(file, line, f"{where}: attrs must be an object of strings")
    return dict(value)


def span_fields(
    item: dict[str, Any], file: str, line: int, where: str, start_key: str = "start", end_key: str = "end"
) -> tuple[int, int, str]:
    """A span object's offsets and label, checked for type (their values are checked later)."""
    start, end, label = item.get(start_key), item.get(end_key), item.get("label")
    if not _is_int(start) or not _is_int(end):
        raise InputError(file, line, f"{where}: {start_key} and {end_key} must be integers")
    if not isinstance(label, str) or not label:
        raise InputError(file, line, f"{where}: label must be a non-empty string")
    return start, end, label


def seconds_field(value: Any, key: str, file: str, line: int, where: str = "") -> float:
    """Time spent under `key`: missing or null is 0; a number is checked by the rule of core.rules."""
    if value is None:
        return 0.0
    problem = seconds_problem(value)
    if problem is not None:
        # The rule's reason names seconds; another key (lead_time) is named before it.
        raise InputError(file, line, f"{where}{problem}" if key == "seconds" else f"{where}{key}: {problem}")
    # A float already, or an int within 64 bits (the JSON decoder's limit), so exact enough.
    return float(value)


def status_field(obj: dict[str, Any], key: str, file: str, line: int) -> str:
    """A record's status: missing is done (DESIGN.md); its value is checked by the validator."""
    status = obj.get(key, "done")
    if not isinstance(status, str):
        raise InputError(file, line, f'"{key}" must be a string (todo, done or skipped)')
    return status


def looks_like_annotations(value: Any) -> bool:
    """A list of spans in some shape (objects with offsets or labels, or [start, end, label]):
    what a key a reader does not know must not hold, or the spans would be lost in silence."""
    if not isinstance(value, list) or not value:
        return False
    first = value[0]
    if isinstance(first, dict):
        return any(key in first for key in ("start_offset", "start", "label", "labels"))
    return isinstance(first, list) and len(first) == 3 and _is_int(first[0]) and _is_int(first[1])


_NATIVE_KEYS = frozenset({"id", "text", "meta", "annotator", "status", "note", "seconds", "spans", "relations"})


def record_from_object(obj: Any, file: str, line: int) -> Record:
    """Check the shape of one native object and build its Record (contents checked later)."""
    if not isinstance(obj, dict):
        raise InputError(file, line, "each line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):  # an empty text is the validator's (rules.text_problem)
        raise InputError(file, line, '"text" must be a string')
    spans: list[Span] = []
    for n, item in enumerate(optional_list(obj, "spans", file, line), 1):
        where = f"span {n}"
        if not isinstance(item, dict):
            raise InputError(file, line, f"{where}: must be an object")
        start, end, label = span_fields(item, file, line, where)
        span_text = item.get("text")
        if span_text is not None and not isinstance(span_text, str):
            raise InputError(file, line, f"{where}: text must be a string")
        sid = item.get("id", f"T{n}")
        if _is_int(sid):
            sid = str(sid)
        if not isinstance(sid, str) or not sid:
            raise InputError(file, line, f"{where}: id must be a string or an integer")
        spans.append(
            Span(
                start=start,
                end=end,
                label=label,
                # "" means "not given" (a real span is never empty): the validator fills it.
                text=span_text or "",
                attrs=_attrs(item.get("attrs"), file, line, where),
                id=sid,
            )
        )
    # issuperset walks the keys in C without making a set: this runs on every line.
    for key in () if _NATIVE_KEYS.issuperset(obj) else obj.keys() - _NATIVE_KEYS:
        if looks_like_annotations(obj[key]):
            raise InputError(
                file, line, f"{key!r} holds annotations that native JSONL does not have (another format? give --format)"
            )
    relations: list[Relation] = []
    for n, item in enumerate(optional_list(obj, "relations", file, line), 1):
        if not isinstance(item, dict):
            raise InputError(file, line, f"relation {n}: must be an object")
        head, tail, kind = item.get("head"), item.get("tail"), item.get("label")
        head = str(head) if _is_int(head) else head
        tail = str(tail) if _is_int(tail) else tail
        if not isinstance(head, str) or not isinstance(tail, str) or not isinstance(kind, str) or not kind:
            raise InputError(file, line, f"relation {n}: head, tail and label must be strings")
        relations.append(Relation(head=head, tail=tail, label=kind))
    return Record(
        id=_statement_id(obj.get("id"), file, line),
        text=text,
        meta=meta_field(obj, "meta", file, line),
        annotator=optional_string(obj, "annotator", file, line),
        status=status_field(obj, "status", file, line),
        note=optional_string(obj, "note", file, line, "") or "",
        spans=spans,
        relations=relations,
        seconds=seconds_field(obj.get("seconds"), "seconds", file, line),
    )


def read_json_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of a JSONL file, parsed under the limits of core.formats.lines."""
    for number, line in decoded_lines(stream, file):
        if not line.strip():
            continue
        try:
            obj = parse_json(line)
        except JSONRefused as exc:
            raise InputError(file, number, exc.reason) from None
        yield number, obj


def read_native(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    for number, obj in read_json_lines(stream, file):
        yield number, record_from_object(obj, file, number)


def record_to_object(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "text": record.text,
        "meta": record.meta,
        "annotator": record.annotator,
        "status": record.status,
        "note": record.note,
        "seconds": round(record.seconds, 3),
        "spans": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "label": s.label,
                "text": s.text,
                "attrs": s.attrs,
            }
            for s in record.spans
        ],
        "relations": [
            {"head": r.head, "tail": r.tail, "label": r.label} for r in record.relations
        ],
    }


def dumps_native(record: Record) -> str:
    return json_line(json.dumps(record_to_object(record), ensure_ascii=False))


def write_native(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """Write records as native JSONL; returns how many lines were written."""
    return write_lines(records, out, dumps_native)
