"""The domain rules, each written once: readers, the store's writers and merge all call these.

Each check returns None when the value is acceptable and otherwise the reason, worded for
a user (callers add where: `file:line: span 2: …`, or an EditRefused in the GUI). Returning
a reason instead of raising lets SQL call the same function over a whole attached file
(store/merge.py registers them as SQL functions), so a rule never has a second copy there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from core.ids import derived_id, is_derived_form
from core.model import STATUSES
from core.schema import Label, Schema

# Characters that must never be part of a name or an id: they are printed on terminals,
# written into brat and CSV files, and compared by eye. C0/C1 controls (ESC starts a
# terminal escape), line and paragraph separators (they forge new lines), and the bidi
# embeddings, overrides and isolates (they reorder what is printed after them).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Every character above, found at C speed (ids are checked on every imported record): the
# C0 and C1 controls (Unicode category Cc), the line separators, the bidi controls, and
# lone surrogates (only JSON escapes such as a \uD800 in a file, and undecodable file
# names, produce those).
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The largest time a record may carry: about 31 years, far above any real one, and exact
# as a float; beyond it a number is a corrupted or hostile value, not time spent.
MAX_SECONDS = 1e9


def forbidden_char(value: str) -> str | None:
    """The first character a name or id may not hold, described; None when there is none."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    ch = found.group()
    if ch in _BIDI_CONTROLS:
        return f"a bidi control character (U+{ord(ch):04X})"
    if _SURROGATE.match(ch):
        return f"a lone surrogate (U+{ord(ch):04X}), which is not text"
    return f"a control character (U+{ord(ch):04X})"


def name_problem(value: Any, what: str) -> str | None:
    """An annotator's name or a statement's id: a non-empty string of printable characters."""
    if not isinstance(value, str):
        return f"{what} must be a string"
    if not value.strip():
        return f"{what} is empty"
    bad = forbidden_char(value)
    if bad is not None:
        return f"{what} {value.encode('unicode_escape').decode('ascii')!r} holds {bad}"
    return None


def statement_id_problem(value: str, text: str) -> str | None:
    """A statement id given in a file: a printable name, and never an id Bayan derives for another text.

    Records without an id get `h` + 16 hex digits of their text's hash (core/ids.py), and
    every export writes those ids out. An id of that form kept for a different text would
    later be taken for that text's statement, putting annotations on the wrong text.
    """
    problem = name_problem(value, "the statement id")
    if problem is None and is_derived_form(value) and value != derived_id(text):
        problem = (
            f"the statement id {value!r} has the form of an id derived from another text "
            "(h and 16 hex digits); give this statement another id, or none"
        )
    return problem


def is_blank_text(value: str) -> bool:
    """A text with nothing but white space (or nothing): never a statement.

    Prodigy's readers skip such tasks (and report them); every other reader refuses them
    through text_problem.
    """
    return not value or value.isspace()


def text_problem(value: Any) -> str | None:
    """A statement's text: any characters (NUL and emoji included), but some that are not space."""
    if not isinstance(value, str) or is_blank_text(value):
        return "the text is empty"
    if _SURROGATE.search(value):
        return "the text holds a lone surrogate (U+D800-U+DFFF), which is not text"
    return None


def status_problem(value: Any) -> str | None:
    if value not in STATUSES:
        return f"status {value!r} is not one of {', '.join(STATUSES)}"
    return None


def seconds_problem(value: Any) -> str | None:
    """Time spent: a finite number of seconds, not negative (NaN and Infinity are not time)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "seconds must be a number"
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        return f"seconds must be between 0 and {MAX_SECONDS:.0f}, not {value!r}"
    return None


def meta_problem(value: Any) -> str | None:
    """A statement's metadata: a JSON object (kept as given)."""
    if not isinstance(value, dict):
        return "meta must be an object"
    return None


def is_offset(value: Any) -> bool:
    """An offset as a value: a Python int (bool is not), never a string of digits."""
    return isinstance(value, int) and not isinstance(value, bool)


def span_problem(length: int, start: Any, end: Any) -> str | None:
    """`[start, end)` is a non-empty range of a text of `length` code points."""
    if not is_offset(start) or not is_offset(end):
        return "offsets must be integers"
    if not 0 <= start < end <= length:
        return f"offsets [{start}, {end}) are not within the text (0 ≤ start < end ≤ {length})"
    return None


def span_text_problem(text: str, start: int, end: int, given: str) -> str | None:
    """A span's stored text, when given, is exactly the statement's text at its offsets."""
    covered = text[start:end]
    if given != covered:
        return f"text {given!r} differs from the statement's {covered!r} at [{start}, {end})"
    return None


def attrs_problem(label: Label, attrs: Mapping[str, Any]) -> str | None:
    """Every attribute is one the label defines, with one of its values."""
    for name, value in attrs.items():
        attribute = label.attribute(name)
        if attribute is None:
            return f"label {label.name} has no attribute {name!r}"
        if value not in attribute.values:
            return f"{name} must be one of {', '.join(attribute.values)}, not {value!r}"
    return None


def relation_problem(schema: Schema, kind: str, head_label: str, tail_label: str) -> str | None:
    """A relation of type `kind` may link a `head_label` span to a `tail_label` span."""
    rel = schema.relation(kind)
    if rel is None:
        return f"unknown relation {kind!r}"
    if not rel.allows(head_label, tail_label):
        return f"{kind} goes from {rel.ends()}, not from {head_label} to {tail_label}"
    return None


# A relation read without a type (Label Studio's default `<Relations>` config writes none);
# the validator gives it the one type that fits its ends (`fitting_relation`).
UNLABELED = ""


def fitting_relation(schema: Schema, head_label: str, tail_label: str) -> tuple[str | None, str | None]:
    """The one relation type that may link a `head_label` span to a `tail_label` span, and None;
    or None and the reason when no type or several types fit (the same test as relation_problem)."""
    fitting = [r.name for r in schema.relations if relation_problem(schema, r.name, head_label, tail_label) is None]
    if len(fitting) == 1:
        return fitting[0], None
    which = "no relation type" if not fitting else f"several relation types ({', '.join(fitting)})"
    return None, f"it has no label, and {which} of the schema go from {head_label} to {tail_label}; label it"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _nests(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """One of the two ranges lies inside the other (equal ranges included)."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def overlap_conflict(label: Label, others: Iterable[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first of `others` that the label's overlap rule (Label.overlap) objects to for a span
    [start, end), or None. `others` are the other spans of that label by the same annotator in
    the same statement, as (start, end).

    `allow`: any overlap. `nested`: one inside the other, never crossing (an ACTOR inside a
    longer ACTOR). `warn`: any, with a warning. `refuse`: none. The same range is the same
    span (a duplicate, which the store keeps once), never a conflict.
    """
    if label.overlap == "allow":
        return None
    new = (start, end)
    for other in sorted(others):
        if other == new or not _overlaps(new, other):
            continue
        if label.overlap == "nested" and _nests(new, other):
            continue
        return other
    return None


def overlap_problem(
    label: Label, others: Iterable[tuple[int, int]], start: int, end: int, text: str | None = None
) -> tuple[str | None, str | None]:
    """The overlap rule's verdict on [start, end) among `others` (as overlap_conflict): the
    reason it is refused, or None; and a warning, or None (rule `warn`).

    The store's span writes and the import validator refuse with the reason; the GUI warns.
    `text`, when given, quotes the other span (offsets mean little to an annotator).
    """
    other = overlap_conflict(label, others, start, end)
    if other is None:
        return None, None
    where = f"«{text[other[0]:other[1]]}»" if text is not None else f"[{other[0]}, {other[1]})"
    if label.overlap == "warn":
        return None, f"this {label.name} overlaps another {label.name}, {where}"
    if label.overlap == "nested":
        return (
            f"{label.name} spans may lie inside one another but not cross (overlap: nested); "
            f"this one crosses {where}"
        ), None
    return f"{label.name} spans may not overlap (overlap: refuse); this one overlaps {where}", None
