"""The review list: statements in an order (by disagreement or by seq), filtered, read by rank.

The disagreement scores are computed off the GUI thread (store/agreement.measure_scores)
and loaded into a TEMP table of the GUI's connection (`load_scores`). An order is then
materialized once as rank -> seq in another TEMP table whose rank is the INTEGER PRIMARY
KEY, so row i of the list is one primary-key lookup and a window of rows is a range of
them: no OFFSET scan however deep the list is scrolled (PITFALLS.md). TEMP tables live in
the connection, never in the project file, so a read-only project can be reviewed too.

The score order is the agreement report's: the highest score first, and among equal
scores the earlier statement first; statements without a score (fewer than two of the
annotators marked them done) come last, in statement order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.model import GOLD
from store.project import Project

# The orders of the list.
BY_SCORE, BY_SEQ = "score", "seq"
ORDERS = (BY_SCORE, BY_SEQ)
# Characters of a statement shown in the list (as Project.statements_window).
PREVIEW = 120

# Each order's sort key besides seq, as SQL over the scores table `sc`: the rank is by
# (key, seq) ascending. A score is in [0, 1], so -score sorts the highest first and 1.0
# puts unscored statements after every scored one.
_KEYS = {BY_SCORE: "coalesce(-sc.score, 1.0)", BY_SEQ: "0.0"}

# Each ReviewOrder's tables get their own names, so two lists on one connection never clash.
_instances = itertools.count(1)


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One row of the review list.

    `done` is how many of the order's annotators marked the statement done (of
    `ReviewOrder.annotators`); `gold` is gold's status ('todo' without a record; 'done' is
    adjudicated); score and the counts by kind are None for a statement not measured.
    """

    rank: int
    seq: int
    id: str
    preview: str
    done: int
    gold: str
    score: float | None
    missing: int | None
    extra: int | None
    boundary: int | None
    label: int | None


class ReviewOrder:
    """The review list of one connection: scores, then a materialized, filtered order read by rank.

    Use it on the thread that owns the project's connection (the GUI's), like the connection
    itself; only the scores are computed elsewhere. Ranks run 1..count() without gaps. The
    filter is applied when the order is materialized: a statement adjudicated afterwards stays
    in a "not adjudicated" list until the next `materialize`, while each row's gold status is
    read when the row is.
    """

    def __init__(self, project: Project, annotators: Sequence[str]) -> None:
        self.project = project
        self.conn = project.conn
        self.annotators = tuple(annotators)
        n = next(_instances)
        self._scores = f"review_scores_{n}"
        self._order = f"review_order_{n}"
        self.by = BY_SEQ
        self._create_scores()
        self._create_order()

    # ------------------------------------------------------------------ scores

    def _create_scores(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{self._scores}")
        self.conn.execute(
            f"CREATE TEMP TABLE {self._scores} (seq INTEGER PRIMARY KEY, score REAL NOT NULL,"
            " missing INTEGER NOT NULL, extra INTEGER NOT NULL, boundary INTEGER NOT NULL, label INTEGER NOT NULL)"
        )

    def load_scores(self, rows: Iterable[tuple[int, float, int, int, int, int]]) -> int:
        """Replace the scores with `rows` (seq, score, missing, extra, boundary, label), e.g.
        `StatementScores.rows()`; returns how many. The materialized order is emptied: it was
        sorted by the old scores, so `materialize` again."""
        self._create_scores()
        self.conn.executemany(f"INSERT OR REPLACE INTO temp.{self._scores} VALUES (?, ?, ?, ?, ?, ?)", rows)
        self._create_order()
        return int(self.conn.execute(f"SELECT count(*) FROM temp.{self._scores}").fetchone()[0])

    # ------------------------------------------------------------------- order

    def _create_order(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{self._order}")
        # rank is the rowid: rows take 1, 2, 3, ... in the order they are inserted.
        self.conn.execute(
            f"CREATE TEMP TABLE {self._order} (rank INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
            " key REAL NOT NULL, score REAL)"
        )

    def materialize(self, *, by: str = BY_SCORE, disagree_only: bool = False, open_only: bool = False) -> int:
        """Sort and filter the statements into ranks 1..n; returns n.

        `by`: BY_SCORE (the agreement report's order, worst first) or BY_SEQ (import order);
        `disagree_only`: only statements whose annotators disagree (score > 0);
        `open_only`: only statements gold has not marked done (not yet adjudicated).
        """
        if by not in ORDERS:
            raise ValueError(f"by must be one of {ORDERS}")
        self.by = by
        self._create_order()
        clauses = []
        params: dict[str, object] = {"gold": self._gold_id()}
        if disagree_only:
            # Only scored statements can disagree: walk the scores, not every statement (the
            # join keeps out a seq the project does not have, so every rank has its row).
            source = f"temp.{self._scores} sc JOIN main.statements s ON s.seq = sc.seq"
            seq = "sc.seq"
            clauses.append("sc.score > 0")
        else:
            source = f"main.statements s LEFT JOIN temp.{self._scores} sc ON sc.seq = s.seq"
            seq = "s.seq"
        if open_only:
            # One list of gold's done statements (an index range), not a lookup per statement.
            clauses.append(
                f"{seq} NOT IN (SELECT g.statement FROM main.statement_status g"
                " WHERE g.annotator = :gold AND g.status = 'done')"
            )
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        self.conn.execute(
            f"INSERT INTO temp.{self._order}(seq, key, score)"
            f" SELECT {seq}, {_KEYS[by]}, sc.score FROM {source}{where} ORDER BY 2, 1",
            params,
        )
        # The position of any statement by its sort key (rank_of, next_disagreement), and
        # the disagreements alone by rank (the next one is one index step away).
        self.conn.execute(f"CREATE INDEX temp.{self._order}_key ON {self._order}(key, seq)")
        self.conn.execute(f"CREATE INDEX temp.{self._order}_disagree ON {self._order}(rank) WHERE score > 0")
        return self.count()

    def count(self) -> int:
        """How many statements the materialized order holds (its largest rank: one index step)."""
        return int(self.conn.execute(f"SELECT coalesce(max(rank), 0) FROM temp.{self._order}").fetchone()[0])

    def window(self, first_rank: int, n: int) -> list[ReviewRow]:
        """Rows of ranks first_rank .. first_rank + n - 1 (fewer at the end), by primary key."""
        done = ", ".join(str(int(aid)) for aid in self._annotator_ids()) or "NULL"
        rows = self.conn.execute(
            f"SELECT o.rank, o.seq, s.id, substr(s.text, 1, {PREVIEW}),"
            " (SELECT count(*) FROM main.statement_status st WHERE st.statement = o.seq"
            f"  AND st.annotator IN ({done}) AND st.status = 'done'),"
            " coalesce((SELECT g.status FROM main.statement_status g WHERE g.statement = o.seq"
            "  AND g.annotator = :gold), 'todo'),"
            " sc.score, sc.missing, sc.extra, sc.boundary, sc.label"
            f" FROM temp.{self._order} o JOIN main.statements s ON s.seq = o.seq"
            f" LEFT JOIN temp.{self._scores} sc ON sc.seq = o.seq"
            " WHERE o.rank >= :first AND o.rank < :first + :n ORDER BY o.rank",
            {"gold": self._gold_id(), "first": first_rank, "n": max(0, n)},
        ).fetchall()
        return [ReviewRow(*row) for row in rows]

    def rank_of(self, seq: int) -> int | None:
        """Where statement `seq` is in the order; None when the filter left it out."""
        row = self.conn.execute(
            f"SELECT rank FROM temp.{self._order} WHERE key = ? AND seq = ?", (self._key(seq), seq)
        ).fetchone()
        return None if row is None else int(row[0])

    def next_disagreement(self, after_seq: int, *, backward: bool = False, wrap: bool = True) -> ReviewRow | None:
        """The first statement after `after_seq` in this order (before it, `backward`) whose annotators
        disagree (score > 0); with `wrap`, the search goes on from the other end. None when there is
        no other. `after_seq` need not be in the order (the filter may have left it out, or it was
        adjudicated since): the search starts where its sort key would put it.
        """
        # Ranks follow (key, seq), so the statement's place is one step in the key index, and the
        # disagreement nearest to it one step in the partial index of disagreements.
        place = (self._key(after_seq), after_seq)
        if backward:
            bound = self.conn.execute(
                f"SELECT rank FROM temp.{self._order} WHERE (key, seq) < (?, ?) ORDER BY key DESC, seq DESC LIMIT 1",
                place,
            ).fetchone()
            found = None if bound is None else self._disagreement(f"rank <= {int(bound[0])} ORDER BY rank DESC")
            if found is None and wrap:
                found = self._disagreement("1 ORDER BY rank DESC")
        else:
            bound = self.conn.execute(
                f"SELECT rank FROM temp.{self._order} WHERE (key, seq) > (?, ?) ORDER BY key, seq LIMIT 1", place
            ).fetchone()
            found = None if bound is None else self._disagreement(f"rank >= {int(bound[0])} ORDER BY rank")
            if found is None and wrap:
                found = self._disagreement("1 ORDER BY rank")
        if found is None:
            return None
        row = self.window(found, 1)[0]
        return None if row.seq == after_seq else row

    def _disagreement(self, condition: str) -> int | None:
        """The rank of the first disagreement meeting `condition` (SQL of our own, with its ORDER BY)."""
        row = self.conn.execute(
            f"SELECT rank FROM temp.{self._order} INDEXED BY {self._order}_disagree WHERE score > 0 AND {condition}"
            " LIMIT 1"
        ).fetchone()
        return None if row is None else int(row[0])

    def close(self) -> None:
        """Drop this list's tables (they also go when the connection closes)."""
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{self._order}")
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{self._scores}")

    # ---------------------------------------------------------------- helpers

    def _key(self, seq: int) -> float:
        """The sort key of statement `seq` in the current order (as materialize computed it)."""
        row = self.conn.execute(
            f"SELECT {_KEYS[self.by]} FROM (SELECT ? AS seq) x LEFT JOIN temp.{self._scores} sc ON sc.seq = x.seq",
            (seq,),
        ).fetchone()
        return float(row[0])

    def _gold_id(self) -> int:
        # -1 matches no row: a project without gold has adjudicated nothing.
        return self.project.annotator_id(GOLD, create=False) or -1

    def _annotator_ids(self) -> list[int]:
        ids = (self.project.annotator_id(name, create=False) for name in self.annotators)
        return [aid for aid in ids if aid is not None]
