"""Search on a large project: building the index, and queries against a scan without it.

    python bench/search.py [--statements 1000000] [--project PATH]

Builds a project of N generated Arabic statements (words of the seed statements, some
with harakat, a rare word in one statement of 10,000), then measures:

- the index build (`SearchIndex.update`, what the GUI runs in the background after an
  import), against the raw-sqlite3 insert of the same texts into a plain table;
- the first page (100 hits) and a capped count of several queries, against raw sqlite3
  scanning the statements with instr() for the same page (what search costs without an
  index; that scan cannot fold alef forms or harakat, so it is a lower bound).

`--project PATH` keeps the generated project there and reuses it on the next run (the
index is dropped and rebuilt so the build is measured again).
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model import Record, Span  # noqa: E402
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS  # noqa: E402
from core.schema import load_schema  # noqa: E402
from store.importer import import_records  # noqa: E402
from store.project import Project  # noqa: E402
from store.search import SearchIndex  # noqa: E402

RARE_WORD = "السارين"
RARE_EVERY = 10_000
DONE_EVERY = 100
LABEL_EVERY = 1000
HARAKAT = "\u064e\u064f\u0650\u0651\u0652"


def generated_texts(n: int, seed: int = 7) -> Iterator[str]:
    words = re.findall(r"\S+", SEED_STATEMENTS.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    for i in range(1, n + 1):
        chosen = rng.choices(words, k=rng.randint(15, 40))
        if rng.random() < 0.05:  # some statements are vocalized
            chosen = ["".join(ch + (rng.choice(HARAKAT) if rng.random() < 0.3 else "") for ch in w) for w in chosen]
        if i % RARE_EVERY == 0:
            chosen.insert(rng.randrange(len(chosen)), RARE_WORD)
        yield f"{i} " + " ".join(chosen)


def build_project(path: Path, n: int) -> float:
    project = Project.create(path, load_schema(DEFAULT_SCHEMA), name="search bench")
    try:
        start = time.perf_counter()
        records = ((i, Record(id=None, text=t, status="todo")) for i, t in enumerate(generated_texts(n), 1))
        import_records(project, records, file="generated")
        # One annotator has finished every 100th statement, marking its first word an
        # ACTOR in one of every ten of them: for the status and label filters.
        done = (
            (i, Record(id=None, text=t, annotator="amal", status="done",
                       spans=[Span(0, t.index(" "), "ACTOR", t[: t.index(" ")])] if i % LABEL_EVERY == 0 else []))
            for i, t in enumerate(generated_texts(n), 1)
            if i % DONE_EVERY == 0
        )
        import_records(project, done, file="generated-done")
        return time.perf_counter() - start
    finally:
        project.close()


def raw_insert_seconds(n: int, folder: Path) -> float:
    """The baseline: the same texts into a plain table with raw sqlite3, one transaction."""
    path = folder / "raw.sqlite"
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t(text) VALUES (?)", ((t,) for t in generated_texts(n)))
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median seconds of `repeat` runs (the first one warms the page cache and is dropped)."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def used_mb(conn: sqlite3.Connection) -> float:
    """Pages in use (free pages left by an earlier index excluded)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0] - conn.execute("PRAGMA freelist_count").fetchone()[0]
    return float(pages * conn.execute("PRAGMA page_size").fetchone()[0]) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--project", type=Path, help="keep the generated project here and reuse it")
    args = parser.parse_args()
    n = args.statements

    folder = Path(tempfile.mkdtemp(prefix="bayan-search-bench-"))
    path = args.project or folder / "bench.bayan"
    fresh = not path.exists()
    if fresh:
        print(f"generating and importing {n:,} statements …", flush=True)
        print(f"  import               {build_project(path, n):8.1f} s", flush=True)
    project = Project.open(path, check=False)
    try:
        if project.statement_count() != n:
            sys.exit(f"{path} has {project.statement_count():,} statements, not {n:,}; use another --project")
        # Measure a full build even on a reused project.
        index = SearchIndex(project)
        index.reset()
        size_before = used_mb(project.conn)

        raw = raw_insert_seconds(n, folder)
        start = time.perf_counter()
        index.update()
        build = time.perf_counter() - start
        print(f"\nindex build, {n:,} statements")
        print(f"  SearchIndex.update   {build:8.1f} s   ({build / n * 1e6:.1f} µs per statement)")
        print(f"  raw sqlite3 insert   {raw:8.1f} s   (baseline: the same texts into a plain table)")
        print(f"  ratio                {build / raw:8.1f} ×", flush=True)
        if fresh:
            print(f"  data in the file     {size_before:8.0f} MB → {used_mb(project.conn):.0f} MB with the index")
        else:  # FTS5 keeps deleted entries until segments merge: sizes mean little here
            print("  data in the file     (measured on a freshly generated project only)")

        queries = [
            ("common word", "الأسلحة", {}),
            ("two words", "منظمة حظر", {}),
            ("inside a word", "كيميائ", {}),
            ("rare word", RARE_WORD, {}),
            ("absent", "غواصة نووية", {}),
            ("two letters", "ضد", {}),
            ("common, status done", "الأسلحة", {"annotator": "amal", "status": "done"}),
            ("rare, status done", RARE_WORD, {"annotator": "amal", "status": "done"}),
            ("filter only: done", "", {"annotator": "amal", "status": "done"}),
            ("common, label ACTOR", "الأسلحة", {"annotator": "amal", "label": "ACTOR"}),
            ("filter only: ACTOR", "", {"annotator": "amal", "label": "ACTOR"}),
            ("common, todo", "الأسلحة", {"annotator": "amal", "status": "todo"}),
        ]
        conn = project.conn
        print("\nqueries (median of 5; first page = 100 hits; count capped at 10,000)")
        print(f"  {'query':<22}{'hits≤10k':>9}{'page ms':>10}{'count ms':>10}{'scan ms':>10}{'page/scan':>11}")
        for name, query, filters in queries:
            hits = index.count(query, **filters)  # type: ignore[arg-type]
            page = timed(lambda q=query, f=filters: index.search(q, limit=100, **f))  # type: ignore[misc]
            count = timed(lambda q=query, f=filters: index.count(q, **f), repeat=3)  # type: ignore[misc]
            # Baseline: raw sqlite3 finding the same page without the index.
            needle = query.strip()
            scan = timed(
                lambda q=needle: conn.execute(
                    "SELECT seq, text FROM statements WHERE instr(text, ?) > 0 ORDER BY seq LIMIT 100", (q,)
                ).fetchall(),
                repeat=3,
            )
            print(
                f"  {name:<22}{hits:>9,}{page * 1e3:>10.2f}{count * 1e3:>10.1f}{scan * 1e3:>10.1f}"
                f"{page / scan:>10.3f}×"
            )
        deep = timed(lambda: index.search("الأسلحة", after_seq=n - n // 10, limit=100))
        print(f"\n  common word, a page after seq {n - n // 10:,}: {deep * 1e3:.2f} ms (paging by key)")
    finally:
        project.close()


if __name__ == "__main__":
    main()
