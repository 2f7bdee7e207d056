"""Prodigy's (and spaCy's) JSONL: tokens, spans with token indices, relations.

One line per statement and annotator:
`{"text", "meta", "_input_hash", "_task_hash", "tokens": [{"text", "start", "end", "id",
"ws"}], "spans": [{"start", "end", "token_start", "token_end", "label"}], "relations":
[{"head", "child", "head_span", "child_span", "label"}], "answer": "accept",
"_annotator_id", "_session_id", "id"}`.

Tokens come from `core.tokenize`; `token_start`/`token_end` (inclusive) are the first and
last token a span overlaps, while `start`/`end` stay the span's exact code-point offsets
(a span may begin inside a token: Arabic clitics). A relation's `head`/`child` are the
last tokens of its spans, as in Prodigy's relation recipes. Span attributes are kept in an
extra `attrs` key of the span when set. The annotator is `_annotator_id` (and
`_session_id`); the statement id is `id`. `answer` is `accept` for done, `ignore` for
skipped and todo work.

The reader needs `text` and `spans` (`start`, `end`, `label`); tokens are not needed.
`answer` maps back: accept → done, ignore and reject → skipped (spans kept); an ignored
task without spans and without an annotator is a statement nobody worked on (todo).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from hashlib import blake2b
from typing import Any, BinaryIO, TextIO

from core.errors import InputError
from core.formats.lines import json_line
from core.formats.native import (
    _attrs,
    _is_int,
    _statement_id,
    meta_field,
    optional_list,
    optional_string,
    read_json_lines,
)
from core.formats.report import Losses
from core.model import Record, Relation, Span
from core.schema import Schema
from core.tokenize import token_columns, token_range

_ANSWERS = {"done": "accept", "skipped": "ignore", "todo": "ignore"}
_STATUSES = {"accept": "done", "ignore": "skipped", "reject": "skipped"}


def _hash32(value: str) -> int:
    """A signed 32-bit hash, the range Prodigy's own hashes use."""
    return int.from_bytes(blake2b(value.encode("utf-8"), digest_size=4).digest(), "big", signed=True)


# The decimal strings of 0..4095: offsets and ids of statements shorter than that.
_NUMBERS = tuple(map(str, range(4096)))
_WS_END = (', "ws": false}', ', "ws": true}')
# What json.dumps(value, ensure_ascii=False) returns for a str, without the dispatch.
_encode = json.encoder.encode_basestring


def _token_objects(text: str, texts: list[str], starts: list[int], ends: list[int]) -> str:
    """The objects of the `tokens` list as JSON text, comma-separated, built directly: they
    are most of every line (the brackets go with the line, saving a copy of it all).

    A printable statement (nearly all) needs no JSON encoder: json escapes only `"`, `\\`
    and control characters, which are not printable. Shorter than 4096 code points, its
    offsets and ids are ready strings (a tuple index is cheaper than formatting an int),
    and `ws` with the closing brace is one of two ready strings.
    """
    if len(text) < len(_NUMBERS) and text.isprintable():
        if '"' in text or "\\" in text:
            # Escaped all at once: NUL is not printable, so it separates the tokens safely.
            texts = "\0".join(texts).replace("\\", "\\\\").replace('"', '\\"').split("\0")
        num = _NUMBERS
        ws = _WS_END
        # The only separator a printable text holds is U+0020, so a token is followed by
        # whitespace exactly when the next token (or the end of the text) is further on.
        following = starts[1:]
        following.append(len(text))
        # `num` gives the ids too: never more tokens than code points, so it is the longer.
        parts = [
            f'{{"text": "{x}", "start": {num[s]}, "end": {num[e]}, "id": {n}{ws[e < f]}'
            for n, x, s, e, f in zip(num, texts, starts, ends, following, strict=False)
        ]
    else:
        # Padded so that the character after the last token can be read without a slice.
        padded = text + "x"
        encode = _encode
        ws = _WS_END
        parts = [
            f'{{"text": {encode(x)}, "start": {s}, "end": {e}, "id": {n}{ws[padded[e].isspace()]}'
            for n, (x, s, e) in enumerate(zip(texts, starts, ends, strict=True))
        ]
    return ", ".join(parts)


def dumps_prodigy(record: Record) -> str:
    """The task's JSON line, built directly: the same text as json.dumps of the task as a dict
    (`ensure_ascii=False`; the tests build that dict the slow and obvious way).

    No dicts are made for spans and relations, and only the head (not the tokens) is
    checked for the line breaks JSONL must escape: tokens never hold them, since they
    are separators (`str.isspace`). Strings go through json's own encoder.
    """
    text = record.text
    texts, starts, ends = token_columns(text)
    tokens = _token_objects(text, texts, starts, ends)
    spans: list[str] = []
    span_keys: list[str] = []
    # Span id -> (start, token_end, the JSON members every span object starts with).
    by_id: dict[str, tuple[int, int, str]] = {}
    for s in record.spans:
        first, last = token_range(starts, ends, s.start, s.end) if starts else (0, 0)
        members = (
            f'"start": {s.start}, "end": {s.end}, "token_start": {first}, "token_end": {last}, '
            f'"label": {_encode(s.label)}'
        )
        if s.attrs:
            spans.append(f'{{{members}, "attrs": {_dumps_object(s.attrs)}}}')
        else:
            spans.append(f"{{{members}}}")
        span_keys.append(f"{s.start}:{s.end}:{s.label}")
        by_id[s.id] = (s.start, last, members)
    relations: list[str] = []
    relation_keys: list[str] = []
    for r in record.relations:
        head_start, head_last, head = by_id[r.head]
        child_start, child_last, child = by_id[r.tail]
        relations.append(
            f'{{"head": {head_last}, "child": {child_last}, "head_span": {{{head}}}, '
            f'"child_span": {{{child}}}, "label": {_encode(r.label)}}}'
        )
        relation_keys.append(f"{head_start}:{child_start}:{r.label}")
    input_hash = _hash32(text)
    task_hash = _hash32(f"{input_hash} {' '.join(span_keys)}|{' '.join(relation_keys)}")
    sid = _encode(record.id) if isinstance(record.id, str) else json.dumps(record.id)
    head = (
        f'{{"id": {sid}, "text": {_encode(text)}, "meta": {_dumps_object(record.meta)}, '
        f'"_input_hash": {input_hash}, "_task_hash": {task_hash}, "spans": [{", ".join(spans)}], '
        f'"relations": [{", ".join(relations)}], "answer": {_encode(_ANSWERS.get(record.status, "accept"))}'
    )
    if record.annotator is not None:
        annotator = _encode(record.annotator)
        head += f', "_annotator_id": {annotator}, "_session_id": {annotator}'
    # Printable text holds none of the line breaks json_line escapes (they are Zl, Zp, Cc).
    if not head.isprintable():
        head = json_line(head)
    return f'{head}, "tokens": [{tokens}]}}'


def _dumps_object(value: dict[str, Any]) -> str:
    """json.dumps(value, ensure_ascii=False), without the encoder for the usual flat str -> str dict."""
    if not value:
        return "{}"
    encode = _encode
    if all(type(k) is str and type(v) is str for k, v in value.items()):
        return "{" + ", ".join([f"{encode(k)}: {encode(v)}" for k, v in value.items()]) + "}"
    return json.dumps(value, ensure_ascii=False)


# Lines joined into one write: a text stream's write costs more per call than per byte,
# and these lines (every token) are long; 64 of them are a few hundred kilobytes.
_LINES_PER_WRITE = 64


def write_prodigy(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """Prodigy JSONL, one line per statement and annotator; returns lines written."""
    count = 0
    lines: list[str] = []
    for record in records:
        lines.append(dumps_prodigy(record))
        if len(lines) == _LINES_PER_WRITE:
            lines.append("")
            out.write("\n".join(lines))
            count += _LINES_PER_WRITE
            lines = []
    if lines:
        lines.append("")
        out.write("\n".join(lines))
        count += len(lines) - 1
    return count


def _span_key(value: Any) -> tuple[int, int, str] | None:
    if not isinstance(value, dict):
        return None
    start, end, label = value.get("start"), value.get("end"), value.get("label")
    if _is_int(start) and _is_int(end) and isinstance(label, str):
        return start, end, label
    return None


def record_from_prodigy(obj: Any, file: str, line: int) -> Record:
    """One Prodigy task as a Record; contents are checked later."""
    if not isinstance(obj, dict):
        raise InputError(file, line, "each line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):  # an empty text is the validator's (rules.text_problem)
        raise InputError(file, line, '"text" must be a string')
    spans: list[Span] = []
    ids: dict[tuple[int, int, str], str] = {}
    last_token: dict[int, str] = {}
    for n, item in enumerate(optional_list(obj, "spans", file, line), 1):
        where = f"span {n}"
        if not isinstance(item, dict):
            raise InputError(file, line, f"{where}: must be an object")
        key = _span_key(item)
        if key is None:
            raise InputError(file, line, f"{where}: start and end must be integers and label a string")
        sid = str(n)
        ids.setdefault(key, sid)
        token_end = item.get("token_end")
        if token_end is not None and not _is_int(token_end):
            raise InputError(file, line, f"{where}: token_end must be an integer")
        if token_end is not None:
            last_token.setdefault(token_end, sid)
        span_text = item.get("text")
        if span_text is not None and not isinstance(span_text, str):
            raise InputError(file, line, f"{where}: text must be a string")
        spans.append(
            Span(
                start=key[0],
                end=key[1],
                label=key[2],
                text=span_text or "",
                attrs=_attrs(item.get("attrs"), file, line, where),
                id=sid,
            )
        )
    relations: list[Relation] = []
    for n, item in enumerate(optional_list(obj, "relations", file, line), 1):
        where = f"relation {n}"
        if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not item["label"]:
            raise InputError(file, line, f"{where}: must be an object with a label")
        ends: list[str] = []
        for side, span_side in (("head", "head_span"), ("child", "child_span")):
            span_key = _span_key(item.get(span_side))
            found = ids.get(span_key) if span_key is not None else None
            if found is None and _is_int(item.get(side)):
                found = last_token.get(item[side])
            if found is None:
                raise InputError(file, line, f"{where}: its {side} is not one of the task's spans")
            ends.append(found)
        relations.append(Relation(head=ends[0], tail=ends[1], label=item["label"]))
    answer = obj.get("answer", "accept")
    # The type first: a list or an object as the answer is not hashable, so not a dict key.
    if not isinstance(answer, str):
        raise InputError(file, line, '"answer" must be a string: accept, reject or ignore')
    if answer not in _STATUSES:
        raise InputError(file, line, f'"answer" must be accept, reject or ignore, not {answer!r}')
    annotator = optional_string(obj, "_annotator_id", file, line)
    if annotator is None:
        annotator = optional_string(obj, "_session_id", file, line)
    meta = meta_field(obj, "meta", file, line)
    status = _STATUSES[answer]
    if annotator is None and not spans and answer == "ignore":
        status = "todo"  # a statement nobody worked on (export --status all)
    return Record(
        id=_statement_id(obj.get("id"), file, line),
        text=text,
        meta=meta,
        annotator=annotator,
        status=status,
        spans=spans,
        relations=relations,
    )


def read_prodigy(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    for number, obj in read_json_lines(stream, file):
        yield number, record_from_prodigy(obj, file, number)
