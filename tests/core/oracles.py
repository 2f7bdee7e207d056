"""Slow, obvious implementations that the tests hold the fast production code against.

They live here, not in `core/`: nothing in the product calls them.
"""

from __future__ import annotations

from fractions import Fraction
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


def unitizing_by_definition(
    length: int, units: list[list[tuple[int, int]]]
) -> tuple[Fraction, Fraction]:
    """(D_o, D_e) of one label's units on a continuum [0, length), one list per annotator, as
    Krippendorff (2004, pp. 251-256) defines them: every segment of one annotator against
    every segment of another, every unit against every gap of everyone. Quadratic; small
    data only. The units of one annotator must not overlap.
    """
    m = len(units)

    def segments(own: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
        out: list[tuple[int, int, bool]] = []
        at = 0
        for start, end in sorted(own):
            if start > at:
                out.append((at, start, False))
            out.append((start, end, True))
            at = end
        if at < length:
            out.append((at, length, False))
        return out

    def delta(g: tuple[int, int, bool], h: tuple[int, int, bool]) -> int:
        (bg, eg, unit_g), (bh, eh, unit_h) = g, h
        if unit_g and unit_h and bg < eh and bh < eg:
            return (bg - bh) ** 2 + (eg - eh) ** 2
        if unit_g and not unit_h and bh <= bg and eg <= eh:
            return (eg - bg) ** 2
        if unit_h and not unit_g and bg <= bh and eh <= eg:
            return (eh - bh) ** 2
        return 0

    segs = [segments(own) for own in units]
    observed = sum(delta(g, h) for i in range(m) for j in range(m) if i != j for g in segs[i] for h in segs[j])
    all_units = [e - s for own in units for s, e in own]
    gaps = [e - s for own in segs for s, e, unit in own if not unit]
    n = len(all_units)
    expected = sum(
        Fraction((n - 1) * (2 * lu**3 - 3 * lu**2 + lu), 3) + lu * lu * sum(g - lu + 1 for g in gaps if g >= lu)
        for lu in all_units
    )
    d_o = Fraction(observed, m * (m - 1) * length * length)
    denominator = m * length * (m * length - 1) - sum(lu * (lu - 1) for lu in all_units)
    d_e = Fraction(2, length) * expected / denominator if denominator else Fraction(0)
    return d_o, d_e


def kept_units(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One annotator's spans of one label as units: the earliest first, then the longest, and
    none that overlaps one already kept."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if all(end <= s or e <= start for s, e in kept):
            kept.append((start, end))
    return kept


def overlap_matches(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int]:
    """(exact, overlap) matches of two lists of one label's spans, in any order: every pair that
    overlaps, the largest overlap first (then the closer boundaries, then the earlier spans),
    each span used once."""
    pairs = sorted(
        (-(min(ea, eb) - max(sa, sb)), abs(sa - sb) + abs(ea - eb), sa, ea, sb, eb, i, j)
        for i, (sa, ea) in enumerate(a)
        for j, (sb, eb) in enumerate(b)
        if min(ea, eb) > max(sa, sb)
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    exact = 0
    for _, distance, _sa, _ea, _sb, _eb, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            exact += distance == 0
    return exact, len(used_a)
