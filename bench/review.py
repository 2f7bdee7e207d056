"""The reviewer's store side on N statements (default 100,000) x 3 annotators (bench/agreement.py's project).

    python bench/review.py [--statements 100000] [--repeat 200]

Measured in this process, as the GUI runs them (its connection, its thread), each against a
raw sqlite3 baseline timed in the same run on a connection of its own:

- loading every statement's disagreement score into a TEMP table (`ReviewOrder.load_scores`)
  against a bare `executemany` of the same rows;
- materializing an order (by score; disagreeing only; not adjudicated only; by seq) against
  reading the same seqs sorted by a plain `SELECT ... ORDER BY` into a list;
- a window of 200 rows at random ranks, and the next disagreement from random statements
  (medians), against the annotator list's keyed window (`WHERE seq >= ? LIMIT 200`); the
  `LIMIT ... OFFSET` window such a list would otherwise need is shown for comparison;
- `bayan adjudicate --min-agree 2` in a child process on a copy of the project given a stance
  on every CLAIM and a CLAIMANT per record, against a raw sqlite3 GROUP BY of the same spans
  (start-up and the integrity check on opening included, as a user sees it).

Targets (issue 9): materializing an order well under a second; a window or a move to the
next disagreement <= 20 ms median.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agreement import ANNOTATORS, team_project  # noqa: E402
from common import OUT, bayan, fresh, measure  # noqa: E402

from store.agreement import measure_scores  # noqa: E402
from store.project import Project  # noqa: E402
from store.review_order import BY_SCORE, BY_SEQ, ReviewOrder  # noqa: E402

WINDOW = 200


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_ms(work: Callable[[int], object], args: list[int]) -> float:
    times = []
    for arg in args:
        started = time.perf_counter()
        work(arg)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def line(name: str, value: float, baseline: float, unit: str) -> str:
    return f"  {name:<46} {value:9.2f} {unit:<3} baseline {baseline:8.2f} {unit:<3} {value / baseline:7.2f}x"


def with_attributes_and_links(path: Path) -> None:
    """Give the copy what a real project has and bench/agreement.py's lacks: a stance on every
    CLAIM (mostly the one the others chose too) and a CLAIMANT from each record's first ACTOR
    to its first CLAIM, so the pre-fill has attributes and relations to agree on."""
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(
            "UPDATE spans SET attrs = json_object('stance', CASE WHEN (statement + annotator) % 5 = 0 THEN 'neutral'"
            " WHEN start % 2 = 0 THEN 'support' ELSE 'oppose' END) WHERE label = 'CLAIM'"
        )
        conn.execute(
            "INSERT OR IGNORE INTO relations(statement, annotator, head, tail, label)"
            " SELECT statement, annotator, head, tail, 'CLAIMANT' FROM ("
            "  SELECT a.statement, a.annotator, min(a.id) AS head, (SELECT c.id FROM spans c"
            "   WHERE c.statement = a.statement AND c.annotator = a.annotator AND c.label = 'CLAIM'"
            "   ORDER BY c.start, c.end DESC LIMIT 1) AS tail"
            "  FROM spans a WHERE a.label = 'ACTOR' GROUP BY a.statement, a.annotator)"
            " WHERE tail IS NOT NULL"
        )
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    n = args.statements
    print(f"generating / reusing {n:,} statements x {len(ANNOTATORS)} annotators in {OUT} ...", flush=True)
    path = team_project(n)
    rng = random.Random(7)
    results: dict[str, float] = {}

    with Project.open(path, read_only=True, check=False) as project:
        # Off the GUI thread in the window; here only to have the rows (and to say what it costs).
        measuring = time.perf_counter()
        _, scores = measure_scores(project, ANNOTATORS, project.schema.label_names)
        measuring = time.perf_counter() - measuring
        rows = list(scores.rows())
        print(f"\nreview list of {n:,} statements x {len(ANNOTATORS)} annotators "
              f"({len(scores):,} measured; measure_scores on a worker: {measuring:.1f} s)")

        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        raw.execute("CREATE TEMP TABLE scores (seq INTEGER PRIMARY KEY, score REAL, missing INTEGER, extra INTEGER,"
                    " boundary INTEGER, label INTEGER)")
        base_load = timed(lambda: raw.executemany("INSERT INTO temp.scores VALUES (?, ?, ?, ?, ?, ?)", rows))
        order = ReviewOrder(project, ANNOTATORS)
        load = timed(lambda: order.load_scores(rows))
        print(line("load scores into the GUI's connection", load * 1000, base_load * 1000, "ms"))
        results["load_ms"] = load * 1000

        base_sorted = timed(lambda: raw.execute(
            "SELECT s.seq FROM statements s LEFT JOIN temp.scores sc ON sc.seq = s.seq"
            " ORDER BY coalesce(-sc.score, 1.0), s.seq").fetchall())
        variants = [
            ("materialize: by score", {"by": BY_SCORE}),
            ("materialize: disagreeing only", {"by": BY_SCORE, "disagree_only": True}),
            ("materialize: not adjudicated only", {"by": BY_SCORE, "open_only": True}),
            ("materialize: by seq", {"by": BY_SEQ}),
        ]
        for name, options in variants:
            seconds = timed(lambda options=options: order.materialize(**options))  # type: ignore[misc]
            print(line(name, seconds * 1000, base_sorted * 1000, "ms"))
            results[name.replace("materialize: ", "materialize_").replace(" ", "_") + "_ms"] = seconds * 1000

        order.materialize(by=BY_SCORE)
        count = order.count()
        ranks = [rng.randrange(1, count - WINDOW) for _ in range(args.repeat)]
        seqs = [rng.randrange(1, n + 1) for _ in range(args.repeat)]
        keyed = median_ms(lambda seq: raw.execute(
            "SELECT seq, id, substr(text, 1, 120) FROM statements WHERE seq >= ? ORDER BY seq LIMIT ?",
            (seq, WINDOW)).fetchall(), seqs)
        offset = median_ms(lambda rank: raw.execute(
            "SELECT s.seq, s.id, substr(s.text, 1, 120) FROM statements s JOIN temp.scores sc ON sc.seq = s.seq"
            " ORDER BY sc.score DESC, s.seq LIMIT ? OFFSET ?", (WINDOW, rank)).fetchall(), ranks)
        window = median_ms(lambda rank: order.window(rank, WINDOW), ranks)
        forward = median_ms(lambda seq: order.next_disagreement(seq), seqs)
        backward = median_ms(lambda seq: order.next_disagreement(seq, backward=True), seqs)
        print(line(f"window of {WINDOW} rows at a random rank, median", window, keyed, "ms"))
        print(line("next disagreement from a random statement, median", forward, keyed, "ms"))
        print(line("previous disagreement, median", backward, keyed, "ms"))
        print(f"  (the same window by LIMIT {WINDOW} OFFSET rank, raw sqlite3: {offset:.2f} ms median)")
        results.update(window_ms=window, next_ms=forward, previous_ms=backward, keyed_window_ms=keyed,
                       offset_window_ms=offset)
        raw.close()

    copy = fresh(OUT / "review-adjudicate.bayan")
    shutil.copyfile(path, copy)
    with_attributes_and_links(copy)
    raw_group = measure([sys.executable, "-c", (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "print(len(c.execute('SELECT statement, start, end, label FROM spans"
        " GROUP BY statement, start, end, label HAVING count(*) >= 2').fetchall()))"), str(copy)])
    adjudicate = measure(bayan("adjudicate", copy, "--min-agree", "2"))
    print(f"  {'bayan adjudicate --min-agree 2':<46} {adjudicate.seconds:9.2f} s   baseline {raw_group.seconds:8.2f} s"
          f"   {adjudicate.seconds / raw_group.seconds:7.2f}x  peak {adjudicate.peak_mb:.0f} MB")
    print(f"  ({adjudicate.stdout.strip()})")
    again = measure(bayan("adjudicate", copy, "--min-agree", "2"))
    print(f"  {'again (adds nothing)':<46} {again.seconds:9.2f} s")
    fresh(copy)
    results.update(adjudicate_s=adjudicate.seconds, adjudicate_baseline_s=raw_group.seconds,
                   adjudicate_again_s=again.seconds)
    worst = max(v for k, v in results.items() if k.startswith("materialize_"))
    print(f"\nslowest materialize {worst:.0f} ms (target well under 1000 ms); window {window:.2f} ms, "
          f"next {forward:.2f} ms median (target <= 20 ms)")
    print(json.dumps({k: round(v, 3) for k, v in results.items()}))


if __name__ == "__main__":
    main()
