"""How each annotator's spans of one statement differ from the others': what a review lane shows.

For a reviewer the question is not a score but "where exactly": for every span of an
annotator, whether the others marked the same (start, end, label), the same label with
other boundaries, another label over the same letters, or nothing there; and for every
span the others marked that this annotator has nothing for, a ghost of it in this
annotator's lane. The kinds are those of the agreement report (core/agreement.py):
`boundary`, `label`, `extra` (only this annotator has it), `missing` (the others have it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

AGREED, BOUNDARY, LABEL, EXTRA, MISSING = "agreed", "boundary", "label", "extra", "missing"
# The worse of two kinds wins when a span differs from several annotators in several ways.
_SEVERITY = {AGREED: 0, BOUNDARY: 1, LABEL: 2, EXTRA: 3}

SpanKey = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class LaneSpan:
    """A span shown in an annotator's lane: their own (`kind` says how it differs), or a
    ghost of one the others marked (`kind` MISSING, `by` says who)."""

    start: int
    end: int
    label: str
    kind: str
    by: tuple[str, ...] = ()


def _overlaps(a: SpanKey, b: SpanKey) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _kind_against(span: SpanKey, others: Sequence[SpanKey]) -> str:
    """How `span` differs from one other annotator's spans."""
    if span in others:
        return AGREED
    overlapping = [o for o in others if _overlaps(span, o)]
    if any(o[2] == span[2] for o in overlapping):
        return BOUNDARY
    if overlapping:
        return LABEL
    return EXTRA


def lanes(spans: Mapping[str, Sequence[SpanKey]]) -> dict[str, list[LaneSpan]]:
    """Each annotator's lane: their spans with their kind, then ghosts of what they miss.

    With one annotator (or none) every span is agreed: there is nobody to differ from.
    """
    out: dict[str, list[LaneSpan]] = {}
    names = list(spans)
    for name in names:
        own = sorted(set(spans[name]))
        others = {other: sorted(set(spans[other])) for other in names if other != name}
        shown: list[LaneSpan] = []
        for span in own:
            kinds = [_kind_against(span, theirs) for theirs in others.values()]
            kind = max(kinds, key=_SEVERITY.__getitem__, default=AGREED)
            shown.append(LaneSpan(span[0], span[1], span[2], kind))
        missing: dict[SpanKey, list[str]] = {}
        for other, theirs in others.items():
            for span in theirs:
                # Missing here: nothing of the same label over these letters in this lane.
                if not any(o[2] == span[2] and _overlaps(o, span) for o in own):
                    missing.setdefault(span, []).append(other)
        shown += [LaneSpan(s, e, label, MISSING, tuple(by)) for (s, e, label), by in sorted(missing.items())]
        out[name] = shown
    return out

