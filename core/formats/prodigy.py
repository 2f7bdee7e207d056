"""Prodigy's (and spaCy's) JSONL: tokens, spans with token indices, relations.

One line per statement and annotator:
`{"text", "meta", "_input_hash", "_task_hash", "tokens": [{"text", "start", "end", "id",
"ws"}], "spans": [{"start", "end", "token_start", "token_end", "label"}], "relations":
[{"head", "child", "head_span", "child_span", "label"}], "answer": "accept",
"_annotator_id", "_session_id", "id"}`.

Tokens are those of the Prodigy file the statement came from (kept in meta), else those of
`core.tokenize`; `token_start`/`token_end` (inclusive) are the first and
last token a span overlaps, while `start`/`end` stay the span's exact code-point offsets
(a span may begin inside a token: Arabic clitics). A relation's `head`/`child` are the
last tokens of its spans, as in Prodigy's relation recipes. Span attributes are kept in an
extra `attrs` key of the span when set. The annotator is `_annotator_id` (and
`_session_id`); the statement id is `id`. `answer` is `accept` for done, `ignore` for
skipped and todo work.

The reader needs `text` (and reads `spans`: `start`, `end`, `label`); the rule of each
answer is in the README's "What is read and what is left out" table. In short: a whole
annotation (ner.manual, Bayan's export) is one record: accept → done, ignore → skipped
(without its spans when answered in Prodigy's app), reject → skipped without its spans
(Prodigy trains on no rejected or ignored example). Binary
decisions (ner.teach, textcat.teach) on one text by one annotator are combined into one
record: the accepted suggestions are its spans; it is done when at least one suggestion
was accepted and none ignored, skipped when all were ignored, and todo otherwise.
Rejected and ignored suggestions are reported, never stored. A blank text is skipped and
reported. `_input_hash`, `_task_hash` and `tokens` are kept in the statement's meta under
`prodigy` and written back unchanged; accepted text categories (`label`, `accept`) go to
meta `cats`, the options accepted in a choice view (`accept`) to meta `accept`.
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
from core.formats.report import (
    BLANK_TEXT,
    CATS_IN_META,
    CHOICES_IN_META,
    IGNORED_SPAN,
    IGNORED_TASK,
    REJECTED_SUGGESTION,
    Losses,
)
from core.model import Record, Relation, Span
from core.rules import is_blank_text
from core.schema import Schema
from core.tokenize import token_columns, token_range

_ANSWERS = {"done": "accept", "skipped": "ignore", "todo": "ignore"}
_STATUSES = {"accept": "done", "ignore": "skipped", "reject": "skipped"}
# The statement meta key holding what Bayan keeps of a Prodigy task to write it back unchanged:
# `_input_hash`, `_task_hash` (a task read alone) and `tokens` as [start, end, ws].
PRODIGY_META = "prodigy"


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
    meta = record.meta
    kept: dict[str, Any] = {}
    if PRODIGY_META in meta:
        # What was read from a Prodigy file goes back as it came (its hashes, its tokens),
        # not into the task's meta.
        value = meta[PRODIGY_META]
        kept = value if isinstance(value, dict) else {}
        meta = {k: v for k, v in meta.items() if k != PRODIGY_META}
    file_tokens = _file_tokens(kept.get("tokens"), text)
    if file_tokens is None:
        texts, starts, ends = token_columns(text)
        tokens = _token_objects(text, texts, starts, ends)
    else:
        starts, ends, tokens = file_tokens
        # Prodigy's own tokens may be runs of white space, line separators among them.
        if not tokens.isprintable():
            tokens = json_line(tokens)
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
    input_hash = kept.get("_input_hash")
    if not _is_int(input_hash):
        input_hash = _hash32(text)
    task_hash = kept.get("_task_hash")
    if not _is_int(task_hash):
        task_hash = _hash32(f"{input_hash} {' '.join(span_keys)}|{' '.join(relation_keys)}")
    sid = _encode(record.id) if isinstance(record.id, str) else json.dumps(record.id)
    head = (
        f'{{"id": {sid}, "text": {_encode(text)}, "meta": {_dumps_object(meta)}, '
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


def _file_tokens(value: Any, text: str) -> tuple[list[int], list[int], str] | None:
    """Tokens kept from a Prodigy file ([start, end, ws] each): their starts, ends and JSON objects.

    None when there are none, or when they no longer fit the text (meta is data a project
    may have had edited); then Bayan's tokenizer writes them.
    """
    if not isinstance(value, list) or not value:
        return None
    starts: list[int] = []
    ends: list[int] = []
    parts: list[str] = []
    for n, item in enumerate(value):
        if not isinstance(item, list) or len(item) != 3 or not _is_int(item[0]) or not _is_int(item[1]):
            return None
        start, end, ws = item
        if not (starts[-1] if starts else 0) <= start <= end <= len(text):
            return None
        if not isinstance(ws, bool):
            ws = end < len(text) and text[end].isspace()
        starts.append(start)
        ends.append(end)
        parts.append(f'{{"text": {_encode(text[start:end])}, "start": {start}, "end": {end}, "id": {n}{_WS_END[ws]}')
    return starts, ends, ", ".join(parts)


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


# Views of Prodigy's binary recipes (ner.teach, textcat.teach, …): one yes/no per suggestion.
_BINARY_VIEWS = frozenset({"ner", "classification", "binary"})


def _is_binary(obj: dict[str, Any], spans: list[Any]) -> bool:
    """Whether a task is one binary decision on a suggestion rather than a whole annotation.

    Prodigy says so in `_is_binary` (newer files) or by the `_view_id` of its recipe. Files
    older than both are told by what the teach recipes leave on a task: a top-level `label`
    (textcat.teach), or a model's `score` on the task or on its suggested span (ner.teach).
    """
    flag = obj.get("_is_binary")
    if isinstance(flag, bool):
        return flag
    view = obj.get("_view_id")
    if isinstance(view, str):
        return view in _BINARY_VIEWS
    if isinstance(obj.get("label"), str):
        return True
    return "score" in obj or any(isinstance(span, dict) and "score" in span for span in spans)


def _kept_tokens(value: Any, text: str) -> list[list[Any]] | None:
    """The task's tokens as [start, end, ws] (ws None when not given), or None if they do not fit the text."""
    if not isinstance(value, list) or not value:
        return None
    tokens: list[list[Any]] = []
    previous = 0
    for item in value:
        if not isinstance(item, dict):
            return None
        start, end, ws, covered = item.get("start"), item.get("end"), item.get("ws"), item.get("text")
        if not _is_int(start) or not _is_int(end) or not previous <= start <= end <= len(text):
            return None
        if (ws is not None and not isinstance(ws, bool)) or (covered is not None and covered != text[start:end]):
            return None
        tokens.append([start, end, ws])
        previous = start
    return tokens


def _hash_field(obj: dict[str, Any], key: str, file: str, line: int) -> int | None:
    value = obj.get(key)
    if value is not None and not _is_int(value):
        raise InputError(file, line, f'"{key}" must be an integer')
    return value


class _Task:
    """One Prodigy task, checked for type: what the reader makes a record of, alone or with others."""

    __slots__ = ("answer", "annotator", "answered", "binary", "choices", "hashes", "meta", "record")

    def __init__(self, obj: Any, file: str, line: int) -> None:
        if not isinstance(obj, dict):
            raise InputError(file, line, "each line must be a JSON object")
        text = obj.get("text")
        if not isinstance(text, str):  # a blank text is skipped by read_prodigy
            raise InputError(file, line, '"text" must be a string')
        raw_spans = optional_list(obj, "spans", file, line)
        spans, relations = _spans_and_relations(obj, raw_spans, file, line)
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
        if PRODIGY_META in meta:
            raise InputError(file, line, f'meta already holds "{PRODIGY_META}", where Bayan keeps Prodigy\'s hashes')
        # Text categories: textcat.teach's one `label`, or the options chosen in a choice view.
        label = obj.get("label")
        if label is not None and (not isinstance(label, str) or not label):
            raise InputError(file, line, '"label" must be a category name')
        chosen = optional_list(obj, "accept", file, line)
        if not all(isinstance(c, str | int) and not isinstance(c, bool) for c in chosen):
            raise InputError(file, line, '"accept" must list the ids of the chosen options')
        # By the meta key they are kept under: Prodigy's own name for the accepted options.
        self.choices = {key: values for key, values in (("cats", [label] if label else []),
                                                        ("accept", [str(c) for c in chosen])) if values}
        self.binary = _is_binary(obj, raw_spans)
        # Prodigy stamps the tasks its app served; Bayan's export of untouched statements has neither.
        self.answered = "_view_id" in obj or "_timestamp" in obj
        self.answer = answer
        self.annotator = annotator
        self.meta = meta
        hashes: dict[str, Any] = {}
        for key in ("_input_hash", "_task_hash"):
            value = _hash_field(obj, key, file, line)
            if value is not None:
                hashes[key] = value
        self.hashes = hashes
        self.record = Record(
            id=_statement_id(obj.get("id"), file, line),
            text=text,
            meta=meta,
            annotator=annotator,
            status=_STATUSES[answer],
            spans=spans,
            relations=relations,
        )
        tokens = _kept_tokens(obj.get("tokens"), text)
        if tokens is not None:
            hashes["tokens"] = tokens

    def group_key(self) -> tuple[str | int, str | None]:
        return (self.hashes.get("_input_hash", self.record.text), self.annotator)


def _spans_and_relations(
    obj: dict[str, Any], raw_spans: list[Any], file: str, line: int
) -> tuple[list[Span], list[Relation]]:
    spans: list[Span] = []
    ids: dict[tuple[int, int, str], str] = {}
    last_token: dict[int, str] = {}
    for n, item in enumerate(raw_spans, 1):
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
    return spans, relations


# What each kind of choice is reported as.
_CHOICE_KINDS = {"cats": CATS_IN_META, "accept": CHOICES_IN_META}


def _with_kept(
    meta: dict[str, Any], kept: dict[str, Any], choices: dict[str, list[str]], file: str, line: int, losses: Losses
) -> dict[str, Any]:
    """The statement's meta with what Bayan keeps of the task: Prodigy's hashes and tokens, categories."""
    if not kept and not choices:
        return meta
    meta = dict(meta)
    for key, values in choices.items():
        if key in meta:
            raise InputError(file, line, f'meta already holds "{key}", where Bayan keeps the chosen categories')
        losses.add(_CHOICE_KINDS[key], file, line, len(values))
    if kept:
        meta[PRODIGY_META] = kept
    meta.update(choices)
    return meta


def _manual_record(task: _Task, file: str, line: int, losses: Losses) -> Record:
    """A whole annotation (ner.manual, rel.manual, Bayan's own export): the task is the record.

    accept → done; ignore → skipped, its spans kept (Bayan writes skipped work so); reject →
    skipped without its spans: Prodigy leaves rejected examples out of training, so they
    are not annotations.
    """
    record = task.record
    choices = task.choices if task.answer == "accept" else {}
    if task.answer == "reject":
        losses.add(REJECTED_SUGGESTION, file, line)
        record.spans, record.relations = [], []
    elif task.answer == "ignore" and task.answered and record.spans:
        # Answered ignore in Prodigy's app: its spans are what the task came with (a model's,
        # a pattern's), never reviewed, and Prodigy trains on no ignored example. (Bayan's own
        # export of skipped work carries no app stamp, and keeps its spans.)
        losses.add(IGNORED_SPAN, file, line, len(record.spans))
        record.spans, record.relations = [], []
    elif task.choices and task.answer == "ignore":
        losses.add(IGNORED_TASK, file, line)
    record.meta = _with_kept(record.meta, task.hashes, choices, file, line, losses)
    if record.annotator is None and not record.spans and task.answer == "ignore" and not task.answered:
        record.status = "todo"  # a statement nobody worked on (Bayan's export --status all)
    return record


class _BinaryGroup:
    """The binary tasks of one text by one annotator, combined into one record (the README's rule)."""

    __slots__ = ("accepted", "choices", "first", "hashes", "ignored", "line", "rejected", "spans")

    def __init__(self, task: _Task, line: int) -> None:
        self.first = task
        self.line = line
        self.spans: dict[tuple[int, int, str], Span] = {}
        self.choices: dict[str, list[str]] = {}
        self.accepted = self.rejected = self.ignored = 0
        # The text's hash and tokens; a task hash names one task, never the combination.
        self.hashes = {k: v for k, v in task.hashes.items() if k != "_task_hash"}

    def add(self, task: _Task, file: str, line: int, losses: Losses) -> None:
        if task.answer == "accept":
            self.accepted += 1
            for span in task.record.spans:
                key = (span.start, span.end, span.label)
                if key not in self.spans:
                    sid = str(len(self.spans) + 1)
                    self.spans[key] = Span(span.start, span.end, span.label, span.text, span.attrs, sid)
            for name, values in task.choices.items():
                have = self.choices.setdefault(name, [])
                have += [value for value in values if value not in have]
            if task.record.relations:
                raise InputError(file, line, "a binary task with relations: Bayan reads relations of whole annotations")
        elif task.answer == "reject":
            self.rejected += 1
            losses.add(REJECTED_SUGGESTION, file, line)
        else:
            self.ignored += 1
            losses.add(IGNORED_TASK, file, line)

    def record(self, file: str, losses: Losses) -> Record:
        # done: every suggestion decided, at least one accepted; skipped: all ignored; else still todo.
        if self.accepted and not self.ignored:
            status = "done"
        elif self.ignored and not (self.accepted or self.rejected):
            status = "skipped"
        else:
            status = "todo"
        first = self.first.record
        return Record(
            id=first.id,
            text=first.text,
            meta=_with_kept(first.meta, self.hashes, self.choices, file, self.line, losses),
            annotator=first.annotator,
            status=status,
            spans=list(self.spans.values()),
        )


def read_prodigy(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    """The records of a Prodigy JSONL file (see the module's docstring and the README's table).

    Whole annotations stream through. Binary tasks are held until the end of the file,
    since the tasks of one text need not be next to each other; only they take memory.
    """
    losses = losses if losses is not None else Losses()
    groups: dict[tuple[str | int, str | None], _BinaryGroup] = {}
    for number, obj in read_json_lines(stream, file):
        task = _Task(obj, file, number)
        if is_blank_text(task.record.text):
            losses.add(BLANK_TEXT, file, number)
            continue
        if not task.binary:
            yield number, _manual_record(task, file, number, losses)
            continue
        key = task.group_key()
        group = groups.get(key)
        if group is None:
            group = groups[key] = _BinaryGroup(task, number)
        group.add(task, file, number, losses)
    for group in groups.values():
        yield group.line, group.record(file, losses)
