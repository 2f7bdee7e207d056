"""Slow, obvious implementations that the tests hold the fast production code against.

They live here, not in `core/`: nothing in the product calls them.
"""

from __future__ import annotations

from typing import Any

from core.formats.prodigy import _ANSWERS, _hash32
from core.model import Record
from core.tokenize import Token, token_pattern, token_range, tokenize

# Regex groups that are kinds of their own name; the others are symbols.
_GROUP_KINDS = {"word": "word", "number": "number", "punct": "punct", "other": "other"}


def regex_tokens(text: str) -> list[Token]:
    """The tokens from the token regex alone, every match in turn (what `tokenize` must equal)."""
    return [
        Token(m.group(), m.start(), m.end(), _GROUP_KINDS.get(str(m.lastgroup), "symbol"))
        for m in token_pattern().finditer(text)
    ]


def record_to_prodigy(record: Record) -> dict[str, Any]:
    """The Prodigy task as a dict, built field by field: `dumps_prodigy` must write its JSON."""
    text = record.text
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    spans: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for s in record.spans:
        first, last = token_range(starts, ends, s.start, s.end) if tokens else (0, 0)
        item: dict[str, Any] = {"start": s.start, "end": s.end, "token_start": first, "token_end": last,
                                "label": s.label}
        if s.attrs:
            item["attrs"] = s.attrs
        spans.append(item)
        by_id[s.id] = item
    keys = ("start", "end", "token_start", "token_end", "label")
    relations = [
        {
            "head": by_id[r.head]["token_end"],
            "child": by_id[r.tail]["token_end"],
            "head_span": {k: by_id[r.head][k] for k in keys},
            "child_span": {k: by_id[r.tail][k] for k in keys},
            "label": r.label,
        }
        for r in record.relations
    ]
    input_hash = _hash32(text)
    task_key = " ".join(f"{s['start']}:{s['end']}:{s['label']}" for s in spans) + "|" + " ".join(
        f"{r['head_span']['start']}:{r['child_span']['start']}:{r['label']}" for r in relations
    )
    obj: dict[str, Any] = {
        "id": record.id,
        "text": text,
        "meta": record.meta,
        "_input_hash": input_hash,
        "_task_hash": _hash32(f"{input_hash} {task_key}"),
        "spans": spans,
        "relations": relations,
        "answer": _ANSWERS.get(record.status, "accept"),
    }
    if record.annotator is not None:
        obj["_annotator_id"] = record.annotator
        obj["_session_id"] = record.annotator
    size = len(text)
    obj["tokens"] = [
        {"text": t.text, "start": t.start, "end": t.end, "id": n, "ws": t.end < size and text[t.end].isspace()}
        for n, t in enumerate(tokens)
    ]
    return obj


def dense_bio_tags(tokens: list[Token], ranges: list[tuple[int, int]], label: str) -> list[str]:
    """BIO tags as the CoNLL writer first wrote them, a list of strings filled span by span."""
    tags = ["O"] * len(tokens)
    if not tokens:
        return tags
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    for start, end in sorted(ranges, key=lambda r: (r[0], -r[1])):
        first, last = token_range(starts, ends, start, end)
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            if tags[i] == "O":
                tags[i] = f"I-{label}"
    return tags
