"""Merging two annotators' 100,000-statement project files, against importing one of them.

    python bench/merge.py [--statements 100000]

Two annotator files are made once (bench/out/): copies of a project of N generated
statements, each with the native JSONL of one annotator imported (three spans, one of
them nested, a stance attribute and a CLAIMANT relation per statement). Then, each in a
child process through the command line (wall time, peak RSS):

- `bayan import` of one annotator's JSONL into a new project (the reference, issue 4);
- `bayan merge` of both files into a new, empty review project (statements added too);
- the same merge again (nothing to add: every record is compared and found unchanged);
- `bayan merge` of both files into a copy of the base project (statements already there);
- a merge that finds conflicts (one file with 1,000 statements' status changed): exit 2;
- a raw sqlite3 baseline: ATTACH both files and INSERT ... SELECT their statements,
  spans and relations into one file, with no matching, checks or id remapping.

Target (issue 4): merge <= 3x the import of one file.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import OUT, PYTHON, bayan, fresh, jsonl_file, measure, row, txt_file  # noqa: E402

from store.project import Project  # noqa: E402

HERE = Path(__file__).resolve()
ANNOTATORS = ("amal", "badr")
# Statements whose record differs in the conflicting copy.
CHANGED = 1000


def raw_merge(target: str, *sources: str) -> None:
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for n, source in enumerate(sources):
        conn.execute(f"ATTACH DATABASE ? AS s{n}", (f"file:{source}?mode=ro",))
    conn.execute("CREATE TABLE statements AS SELECT * FROM s0.statements WHERE 0")
    conn.execute("CREATE TABLE spans AS SELECT * FROM s0.spans WHERE 0")
    conn.execute("CREATE TABLE relations AS SELECT * FROM s0.relations WHERE 0")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO statements SELECT * FROM s0.statements ORDER BY seq")
    for n in range(len(sources)):
        conn.execute(f"INSERT INTO spans SELECT * FROM s{n}.spans")
        conn.execute(f"INSERT INTO relations SELECT * FROM s{n}.relations")
    conn.execute("COMMIT")


def annotator_files(n: int) -> tuple[Path, list[Path]]:
    base = OUT / f"merge-base-{n}.bayan"
    if not base.exists():
        measure(bayan("init", fresh(base)))
        measure(bayan("import", base, txt_file(n)))
    files = []
    for name in ANNOTATORS:
        path = OUT / f"merge-{name}-{n}.bayan"
        if not path.exists():
            shutil.copyfile(base, fresh(path))
            measure(bayan("import", path, jsonl_file(n, name)))
        files.append(path)
    return base, files


def conflicting_copy(source: Path, target: Path, count: int) -> Path:
    """A copy of an annotator's file in which `count` statements got another status."""
    shutil.copyfile(source, fresh(target))
    with Project.open(target) as project, project.atomic():
        step = max(1, project.statement_count() // count)
        for seq in range(1, step * count + 1, step):
            project.set_status(statement=seq, annotator="amal", status="skipped")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    args = parser.parse_args()
    n = args.statements
    print(f"generating / reusing two annotators' files of {n:,} statements in {OUT} ...", flush=True)
    base, files = annotator_files(n)
    work = OUT / "merge"
    work.mkdir(parents=True, exist_ok=True)

    print(f"\nmerge of two annotator files, {n:,} statements, 3 spans + 1 relation per statement each")
    target = fresh(work / "imported.bayan")
    measure(bayan("init", target))
    imp = measure(bayan("import", target, jsonl_file(n, ANNOTATORS[0])))
    print(row(f"bayan import of one annotator's JSONL ({ANNOTATORS[0]})", imp.seconds, None,
              f"peak {imp.peak_mb:.0f} MB"))
    raw = measure([PYTHON, str(HERE), "--child", str(fresh(work / "raw.db")), *map(str, files)])
    print(row("raw sqlite3 INSERT ... SELECT, no checks", raw.seconds, imp.seconds,
              "of the import"))

    review = fresh(work / "review.bayan")
    measure(bayan("init", review))
    merged = measure(bayan("merge", review, *files))
    print(row("bayan merge of both into an empty project", merged.seconds, imp.seconds,
              f"of the import; {merged.seconds / raw.seconds:.2f}x raw; peak {merged.peak_mb:.0f} MB"))
    again = measure(bayan("merge", review, *files))
    assert " 0 new records" in again.stdout, again.stdout
    print(row("the same merge again (all unchanged)", again.seconds, imp.seconds,
              f"of the import; peak {again.peak_mb:.0f} MB"))
    copy = fresh(work / "review-copy.bayan")
    shutil.copyfile(base, copy)
    into_copy = measure(bayan("merge", copy, *files))
    print(row("bayan merge of both into a copy of the base", into_copy.seconds, imp.seconds,
              f"of the import; peak {into_copy.peak_mb:.0f} MB"))
    changed = conflicting_copy(files[0], work / "amal-changed.bayan", CHANGED)
    conflict = measure(bayan("merge", review, files[1], changed), expect=2)
    assert f"on {CHANGED} statement(s)" in conflict.stderr, conflict.stderr
    print(row(f"merge finding {CHANGED:,} conflicts (exit 2)", conflict.seconds, imp.seconds,
              f"of the import; peak {conflict.peak_mb:.0f} MB"))
    stats = json.loads(measure(bayan("stats", review, "--json")).stdout)
    print(f"  merged project: {stats['statements']:,} statements, {stats['spans']:,} spans, "
          f"{stats['relations']:,} relations")

    print("\ntarget: merge <= 3x the import of one file")
    print(json.dumps({"merge_ratio": round(merged.seconds / imp.seconds, 2),
                      "remerge_ratio": round(again.seconds / imp.seconds, 2),
                      "merge_into_copy_ratio": round(into_copy.seconds / imp.seconds, 2),
                      "conflict_ratio": round(conflict.seconds / imp.seconds, 2),
                      "merge_vs_raw": round(merged.seconds / raw.seconds, 2)}))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        raw_merge(*sys.argv[2:])
    else:
        main()
