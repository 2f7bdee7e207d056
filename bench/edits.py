"""What one GUI-style edit costs on disk: synchronous=FULL (the project's setting) vs NORMAL, in WAL.

    python bench/edits.py [--statements 100000] [--edits 300]

Each edit is what the annotation window does for one keystroke: `Project.add_span`
(one committed transaction: the span, the annotator's status row touched). The same
edits run on one project twice, once per synchronous level, alternating in rounds so
that disk noise hits both alike; against a raw sqlite3 baseline of one INSERT + COMMIT
per edit into a plain table in the same file system (FULL and NORMAL too).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import OUT, fresh, txt_file  # noqa: E402

from core.formats.registry import READERS  # noqa: E402
from core.paths import DEFAULT_SCHEMA  # noqa: E402
from core.schema import load_schema  # noqa: E402
from store.importer import import_records  # noqa: E402
from store.project import Project  # noqa: E402

LEVELS = ("FULL", "NORMAL")
ROUNDS = 5
# One frame at 60 Hz: an edit that commits within it does not delay the next keystroke.
FRAME_MS = 16.7


def project_with(n: int) -> Path:
    path = OUT / f"edits-{n}.bayan"
    if not path.exists():
        source = txt_file(n)
        with Project.create(fresh(path), load_schema(DEFAULT_SCHEMA)) as project, source.open("rb") as stream:
            import_records(project, READERS["txt"](stream, str(source)), file=str(source))
    return path


def bayan_edits(project: Project, level: str, edits: list[tuple[int, int, int]], annotator: str) -> list[float]:
    project.conn.execute(f"PRAGMA synchronous = {level}")
    times = []
    for seq, start, end in edits:
        began = time.perf_counter()
        project.add_span(statement=seq, annotator=annotator, label="ACTOR", start=start, end=end)
        times.append(time.perf_counter() - began)
    return times


def raw_edits(conn: sqlite3.Connection, level: str, count: int) -> list[float]:
    conn.execute(f"PRAGMA synchronous = {level}")
    times = []
    for n in range(count):
        began = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO edits(statement, start, end) VALUES (?, ?, ?)", (n, 0, 5))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=300, help="edits per level and round")
    args = parser.parse_args()
    # Edits go to a fresh copy, so every run starts from the same project.
    path = fresh(OUT / "edits-work.bayan")
    shutil.copyfile(project_with(args.statements), path)
    raw_path = fresh(OUT / "edits-raw.db")
    raw = sqlite3.connect(str(raw_path), isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, statement INTEGER, start INTEGER, end INTEGER)")
    rng = random.Random(5)
    results: dict[str, list[float]] = {f"{kind} {level}": [] for kind in ("bayan", "raw") for level in LEVELS}
    with Project.open(path) as project:
        for round_ in range(ROUNDS):
            for level in LEVELS:
                edits = []
                for _ in range(args.edits):
                    start = rng.randrange(0, 100)
                    edits.append((rng.randrange(1, args.statements + 1), start, start + rng.randrange(1, 40)))
                results[f"bayan {level}"] += bayan_edits(project, level, edits, f"bench-{level}-{round_}")
                results[f"raw {level}"] += raw_edits(raw, level, args.edits)
    raw.close()
    print(f"one add_span edit (own transaction) on a {args.statements:,}-statement project, WAL;"
          f" {ROUNDS * args.edits} edits per row")
    for name, times in results.items():
        ms = [t * 1000 for t in times]
        kind, level = name.split()
        base = statistics.median(results[f"raw {level}"]) * 1000
        ratio = f"{statistics.median(ms) / base:5.2f}x raw" if kind == "bayan" else ""
        print(f"  {name:<14} median {statistics.median(ms):7.3f} ms   p95 {sorted(ms)[int(len(ms) * .95)]:7.3f} ms"
              f"   mean {statistics.fmean(ms):7.3f} ms   {ratio}")
    full, normal = (statistics.median(results[f"bayan {lv}"]) * 1000 for lv in LEVELS)
    verdict = "within" if full < FRAME_MS else "over"
    print(f"FULL costs {full - normal:+.3f} ms per edit over NORMAL ({full / normal:.1f}x); "
          f"a FULL edit is {verdict} one {FRAME_MS:.0f} ms frame")


if __name__ == "__main__":
    main()
