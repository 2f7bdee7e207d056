"""Bayan's native JSONL: one object per statement and annotator (DESIGN.md)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO, TypeGuard

from core.errors import InputError
from core.formats.lines import decoded_lines, json_line, write_lines
from core.model import Record, Relation, Span
from core.schema import Schema

# A \uD800-\uDFFF escape may decode to a lone surrogate, which is not text and cannot be
# stored as UTF-8; only lines containing one pay for the full check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"number {literal} is out of range")
    return value


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; other tools cannot read them back.
    raise ValueError(f"{name} is not valid JSON")


# One decoder for every line: json.loads with these options would build a new one per call.
_DECODER = json.JSONDecoder(parse_float=_finite_float, parse_constant=_no_constant)


def _has_lone_surrogate(obj: Any) -> bool:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _given(obj: dict[str, Any], key: str, default: Any) -> Any:
    """The value at `key`; missing or null means `default` (other falsy values are kept and checked)."""
    value = obj.get(key)
    return default if value is None else value


def _statement_id(value: Any, file: str, line: int) -> str | None:
    if value is None:
        return None
    if _is_int(value):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    raise InputError(file, line, '"id" must be a non-empty string or an integer')


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


def record_from_object(obj: Any, file: str, line: int) -> Record:
    """Check the shape of one native object and build its Record (contents checked later)."""
    if not isinstance(obj, dict):
        raise InputError(file, line, "each line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(file, line, '"text" must be a non-empty string')
    meta = obj.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(file, line, '"meta" must be an object')
    annotator = obj.get("annotator")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise InputError(file, line, '"annotator" must be a non-empty string or null')
    status = obj.get("status", "done")
    note = _given(obj, "note", "")
    if not isinstance(note, str):
        raise InputError(file, line, '"note" must be a string')
    raw_spans = _given(obj, "spans", [])
    if not isinstance(raw_spans, list):
        raise InputError(file, line, '"spans" must be a list')
    spans: list[Span] = []
    for n, item in enumerate(raw_spans, 1):
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
    raw_relations = _given(obj, "relations", [])
    if not isinstance(raw_relations, list):
        raise InputError(file, line, '"relations" must be a list')
    relations: list[Relation] = []
    for n, item in enumerate(raw_relations, 1):
        if not isinstance(item, dict):
            raise InputError(file, line, f"relation {n}: must be an object")
        head, tail, kind = item.get("head"), item.get("tail"), item.get("label")
        head = str(head) if _is_int(head) else head
        tail = str(tail) if _is_int(tail) else tail
        if not isinstance(head, str) or not isinstance(tail, str) or not isinstance(kind, str):
            raise InputError(file, line, f"relation {n}: head, tail and label must be strings")
        relations.append(Relation(head=head, tail=tail, label=kind))
    seconds = _given(obj, "seconds", 0)
    if (
        not isinstance(seconds, (int, float))
        or isinstance(seconds, bool)
        or not 0 <= seconds < 1e15
    ):
        raise InputError(file, line, '"seconds" must be a non-negative number')
    return Record(
        id=_statement_id(obj.get("id"), file, line),
        text=text,
        meta=meta,
        annotator=annotator,
        status=status if isinstance(status, str) else repr(status),
        note=note,
        spans=spans,
        relations=relations,
        seconds=float(seconds),
    )


def read_json_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of a JSONL file, parsed."""
    for number, line in decoded_lines(stream, file):
        if not line.strip():
            continue
        try:
            obj = _DECODER.decode(line)
        except json.JSONDecodeError as exc:
            raise InputError(file, number, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
        except ValueError as exc:
            raise InputError(file, number, f"not valid JSON: {exc}") from None
        except RecursionError:
            raise InputError(file, number, "JSON nested too deeply") from None
        if _SURROGATE_ESCAPE.search(line) and _has_lone_surrogate(obj):
            raise InputError(file, number, "a string holds a lone surrogate (\\uD800-\\uDFFF), which is not text")
        yield number, obj


def read_native(stream: BinaryIO, file: str) -> Iterator[tuple[int, Record]]:
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
