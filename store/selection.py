"""Which records a reader takes: one rule, compiled to SQL in one place.

A record is one statement as one annotator left it (a row of statement_status with that
annotator's spans and relations). Export (store/export.py), the network (store/network.py)
and agreement (store/agreement.py) all read records chosen by a `RecordSelection`, so "what
was exported" and "what was measured" never drift apart.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

# The choices the command line and the GUI offer for export (`--status done|all`).
FINISHED, EVERYTHING = "done", "all"
CHOICES = (FINISHED, EVERYTHING)


@dataclass(frozen=True, slots=True)
class RecordSelection:
    """Which records to read.

    - `annotators`: whose records (None: every annotator's);
    - `finished_only`: only records their annotator marked done; without it, every record,
      and each statement nobody has a record of once, untouched (export `--status all`);
    - `done_by_all`: only statements that every one of `annotators` marked done (agreement
      over all of them; with two annotators, a pair's shared statements).
    """

    annotators: tuple[str, ...] | None = None
    finished_only: bool = True
    done_by_all: bool = False

    def __post_init__(self) -> None:
        if self.done_by_all and not (self.finished_only and self.annotators):
            raise ValueError("done_by_all needs finished_only and named annotators")

    @classmethod
    def for_export(cls, annotator: str | None, which: str) -> RecordSelection:
        """The selection of `export --annotator NAME --status done|all`."""
        if which not in CHOICES:
            raise ValueError(f"which must be one of {CHOICES}")
        return cls(annotators=None if annotator is None else (annotator,), finished_only=which == FINISHED)

    @property
    def with_untouched(self) -> bool:
        """Whether statements without any selected record are read too (as untouched statements)."""
        return not self.finished_only


@dataclass(frozen=True, slots=True)
class CompiledSelection:
    """`where` filters statement_status rows aliased `st`; it is empty or starts with " WHERE"."""

    where: str
    args: tuple[Any, ...]
    # The project's annotators, id -> name.
    names: dict[int, str]
    # The selected annotators' ids, or None for all: to narrow scans of spans and relations.
    annotator_ids: tuple[int, ...] | None

    def owned_by(self, column: str) -> tuple[str, tuple[Any, ...]]:
        """A WHERE clause keeping rows of other tables (spans, relations) of the selected annotators."""
        if self.annotator_ids is None:
            return "", ()
        return f" WHERE {column} IN ({', '.join('?' * len(self.annotator_ids))})", self.annotator_ids


def compile_selection(conn: sqlite3.Connection, selection: RecordSelection) -> CompiledSelection:
    names = dict(conn.execute("SELECT id, name FROM annotators").fetchall())
    clauses: list[str] = []
    args: list[Any] = []
    wanted: list[int] | None = None
    if selection.annotators is not None:
        by_name = {name: aid for aid, name in names.items()}
        # An annotator the project does not have selects nothing (id -1 matches no row).
        wanted = [by_name.get(name, -1) for name in selection.annotators]
        clauses.append(f"st.annotator IN ({', '.join('?' * len(wanted))})")
        args += wanted
        if selection.done_by_all:
            # One primary-key lookup per other annotator, however large the project.
            for aid in wanted:
                clauses.append(
                    "EXISTS (SELECT 1 FROM statement_status o WHERE o.statement = st.statement"
                    " AND o.annotator = ? AND o.status = 'done')"
                )
                args.append(aid)
    if selection.finished_only:
        clauses.append("st.status = 'done'")
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return CompiledSelection(where, tuple(args), names, None if wanted is None else tuple(wanted))


# What export reads unless told otherwise: every annotator's records marked done.
DONE_RECORDS = RecordSelection()
# Every record, and every statement nobody has a record of (export --status all).
ALL_RECORDS = RecordSelection(finished_only=False)
