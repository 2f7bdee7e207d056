"""Domain types shared by codecs, the store and the GUI (plain data, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("todo", "done", "skipped")
GOLD = "gold"


@dataclass(frozen=True, slots=True)
class Span:
    """`[start, end)` of a statement's text, in code points, with a label."""

    start: int
    end: int
    label: str
    text: str
    attrs: dict[str, str] = field(default_factory=dict)
    id: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed link between two spans of one record, by their ids."""

    head: str
    tail: str
    label: str


@dataclass(slots=True)
class Record:
    """One statement as one annotator left it (or untouched, with annotator None)."""

    id: str | None
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None
    status: str = "done"
    note: str = ""
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class ItemLines:
    """The line of each span and each relation of one record read from a file of its own
    (a brat document), in the record's order: messages point at the offending line."""

    spans: tuple[int, ...] = ()
    relations: tuple[int, ...] = ()
    # Per span, the line of each attribute given on a line of its own (brat's A lines).
    attributes: tuple[dict[str, int], ...] = ()
