"""`bayan agreement` on N statements (default 100,000) x 3 annotators with about five spans each.

    python bench/agreement.py [--statements 100000]

The annotations are made once (bench/out/): for each statement a "true" set of five spans
(ACTOR and CLAIM, one nested), and each annotator's copy of it with the slips annotators
make: a boundary a word off, a span missed, a span added, a label swapped. Measured in the
same run, each in a child process through the command line (wall time, peak RSS):

- a raw sqlite3 baseline: every span of every done record read in statement order;
- `bayan export --format jsonl` of the same work (every annotator, records marked done);
- `bayan agreement --json`: every figure (span F1, kappas, alphas, unitizing alpha, the
  worst statements) over the three annotators.

Target (issue 8): agreement <= 3x the export of the same annotations, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, PYTHON, bayan, fresh, measure, row, sentences  # noqa: E402

HERE = Path(__file__).resolve()
ANNOTATORS = ("amal", "badr", "carla")


def _words(text: str) -> list[tuple[int, int]]:
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace() or ch in "،.":
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    return out


def _truth(words: list[tuple[int, int]], rng: random.Random) -> list[tuple[int, int, str]]:
    n = len(words)
    actor = rng.randrange(0, 3)
    claim_start = rng.randrange(actor + 2, min(n - 6, actor + 5))
    claim_end = rng.randrange(claim_start + 3, min(n, claim_start + 10))
    inner = rng.randrange(claim_start + 1, claim_end)
    second = rng.randrange(claim_end, n) if claim_end < n else n - 1
    third = rng.randrange(0, n)
    return [
        (words[actor][0], words[actor + 1][1], "ACTOR"),
        (words[claim_start][0], words[claim_end - 1][1], "CLAIM"),
        (words[inner][0], words[inner][1], "ACTOR"),
        (words[second][0], words[second][1], "ACTOR"),
        (words[third][0], words[third][1], "CLAIM"),
    ]


def _slipped(spans: list[tuple[int, int, str]], words: list[tuple[int, int]], rng: random.Random) -> list[dict]:
    starts = [w[0] for w in words]
    ends = [w[1] for w in words]
    out = []
    for start, end, label in spans:
        roll = rng.random()
        if roll < 0.06:
            continue  # missed
        if roll < 0.14:  # a boundary a word off
            i = ends.index(end)
            end = ends[min(len(ends) - 1, i + 1)] if rng.random() < 0.5 else ends[max(starts.index(start), i - 1)]
        elif roll < 0.18:
            label = "CLAIM" if label == "ACTOR" else "ACTOR"
        out.append({"start": start, "end": end, "label": label})
    if rng.random() < 0.1:  # one added
        w = words[rng.randrange(len(words))]
        out.append({"start": w[0], "end": w[1], "label": rng.choice(("ACTOR", "CLAIM"))})
    unique = {(s["start"], s["end"], s["label"]): s for s in out}
    return list(unique.values())


def team_project(n: int) -> Path:
    path = OUT / f"agreement-{n}.bayan"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    source = OUT / f"agreement-{n}.jsonl"
    rng = random.Random(20261129)
    with source.open("w", encoding="utf-8") as out:
        for text in sentences(n):
            words = _words(text)
            truth = _truth(words, rng)
            for who in ANNOTATORS:
                record = {"text": text, "annotator": who, "status": "done", "spans": _slipped(truth, words, rng)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp = fresh(OUT / f"agreement-{n}.part.bayan")
    measure(bayan("init", tmp))
    measure(bayan("import", tmp, source))
    tmp.replace(path)
    return path


def raw_read(project: str) -> None:
    """The baseline: every span of every done record, in statement order, as a plain loop."""
    import sqlite3

    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    count = 0
    for _ in conn.execute(
        "SELECT s.statement, s.annotator, s.start, s.end, s.label, t.text FROM statement_status st"
        " JOIN spans s ON s.statement = st.statement AND s.annotator = st.annotator"
        " JOIN statements t ON t.seq = st.statement WHERE st.status = 'done'"
        " ORDER BY s.statement, s.annotator, s.start"
    ):
        count += 1
    print(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw:
        raw_read(args.raw)
        return
    n = args.statements
    print(f"generating / reusing {n:,} statements x {len(ANNOTATORS)} annotators in {OUT} ...", flush=True)
    project = team_project(n)
    raw = measure([PYTHON, str(HERE), "--raw", str(project)])
    out = fresh(OUT / "agreement-export.jsonl")
    export = measure(bayan("export", project, out))
    out.unlink()
    agreement = measure(bayan("agreement", project, "--json"))
    report = json.loads(agreement.stdout)
    print(f"\nagreement of {n:,} statements x {len(ANNOTATORS)} annotators ({raw.stdout.strip()} spans)")
    print(row("raw sqlite3 read of every span", raw.seconds))
    print(row("bayan export (jsonl)", export.seconds, raw.seconds, f"peak {export.peak_mb:.0f} MB"))
    print(row("bayan agreement --json", agreement.seconds, raw.seconds, f"peak {agreement.peak_mb:.0f} MB"))
    ratio = agreement.seconds / export.seconds
    print(f"\nagreement / export: {ratio:.2f}x (target <= 3x); peak {agreement.peak_mb:.0f} MB (target < 300 MB)")
    micro = [p["span_f1"]["overlap"]["micro"] for p in report["pairs"]]
    print(f"(overlap F1 of the pairs {', '.join(f'{m:.3f}' for m in micro)}; "
          f"u-alpha overall {report['unitizing_alpha']['overall']:.3f})")
    print(json.dumps({"agreement_vs_export": round(ratio, 2), "agreement_seconds": round(agreement.seconds, 2),
                      "export_seconds": round(export.seconds, 2), "agreement_peak_mb": round(agreement.peak_mb, 1)}))


if __name__ == "__main__":
    main()
