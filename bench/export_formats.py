"""Every export format on N annotated statements (default 1,000,000) against a raw json.dumps loop.

    python bench/export_formats.py [--statements 1000000] [--formats jsonl,conll,...]

The project (made once in bench/out/) holds N generated statements, each marked done by
one annotator with three spans (one nested), a stance attribute and a CLAIMANT relation.
Each format of `core.formats.registry.EXPORTS` is exported by `bayan export --format F`
in a child process (wall time including start-up, peak RSS). The baseline, measured in
the same run before and after the formats (their mean is used, so that load on a shared
machine weighs on both alike), is a plain loop reading the same rows (statements and
their spans, in order) and writing one `json.dumps` object per statement.

Target (issue 4): each format <= 3x the baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import OUT, PYTHON, annotated_project, bayan, measure, row  # noqa: E402

from core.formats.registry import EXPORTS  # noqa: E402

HERE = Path(__file__).resolve()


def baseline(project: Path, out: Path) -> float:
    script = str(HERE.parent / "import_export.py")
    return measure([PYTHON, script, "--child", "raw-export", str(project), str(out), "spans"]).seconds


def folder_size(path: Path) -> int:
    # du streams the folder; a Python walk would hold a million names (brat) in memory.
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout.split()[0])


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--formats", help="comma-separated names (default: every format in EXPORTS)")
    args = parser.parse_args()
    n = args.statements
    names = args.formats.split(",") if args.formats else list(EXPORTS)
    unknown = [name for name in names if name not in EXPORTS]
    if unknown:
        raise SystemExit(f"unknown formats: {', '.join(unknown)}; known: {', '.join(EXPORTS)}")
    print(f"generating / reusing a project of {n:,} annotated statements in {OUT} ...", flush=True)
    project = annotated_project(n)
    work = OUT / "export_formats"
    work.mkdir(parents=True, exist_ok=True)

    print(f"\nexport of {n:,} statements (3 spans + 1 relation each), formats: {', '.join(names)}")
    before = baseline(project, work / "raw.jsonl")
    print(row("raw json.dumps loop (before the formats)", before), flush=True)
    runs: dict[str, tuple[float, float, int]] = {}
    for name in names:
        fmt = EXPORTS[name]
        out = work / f"export-{name}{fmt.suffix or '-folder'}"
        remove(out)
        run = measure(bayan("export", project, out, "--format", name))
        size = folder_size(out) if out.is_dir() else out.stat().st_size
        runs[name] = (run.seconds, run.peak_mb, size)
        print(row(f"bayan export --format {name}", run.seconds, before,
                  f"peak {run.peak_mb:.0f} MB, {size / 1e6:.0f} MB written"), flush=True)
        remove(out)
    after = baseline(project, work / "raw.jsonl")
    print(row("raw json.dumps loop (after the formats)", after))
    (work / "raw.jsonl").unlink()
    base = (before + after) / 2
    print(f"\nratios to the mean baseline ({base:.2f} s); target <= 3x")
    ratios = {}
    for name, (seconds, peak, _) in runs.items():
        ratios[name] = round(seconds / base, 2)
        verdict = "ok" if seconds / base <= 3 else "OVER"
        print(f"  {name:<14} {seconds:8.2f} s  {seconds / base:5.2f}x  peak {peak:.0f} MB  {verdict}")
    print(json.dumps(ratios))


if __name__ == "__main__":
    main()
