"""Import and export of N statements (default 1,000,000) against raw sqlite3/json baselines.

    python bench/import_export.py [--statements 1000000] [--skip-jsonl]

Measured, each in its own child process (wall time including start-up; peak RSS by wait4):

- `bayan import` of a txt file of N distinct generated Arabic statements (~150 characters)
  against the raw baseline: the same lines, stripped and hashed (blake2b, 64 bits), by
  `executemany` into a table with a unique text-hash index, in one transaction (WAL);
- `bayan import` of native JSONL (the same statements, each with three spans, one nested,
  a stance attribute and a CLAIMANT relation), against the same raw baseline and against a
  raw JSONL baseline (json.loads per line, executemany of statements, spans, relations,
  with no validation);
- `bayan export` of the annotated project to native JSONL, against a plain `json.dumps`
  loop over the same rows (statements and their spans read in order, one object per line);
- `bayan export --status all` of the txt project, against json.dumps of its statement rows.

Targets (issue 2): import <= 3x raw, export <= 3x raw, import peak RSS <= 300 MB.
Inputs are generated once into bench/out/ (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from hashlib import blake2b
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, PYTHON, bayan, fresh, jsonl_file, measure, row, txt_file  # noqa: E402

HERE = Path(__file__).resolve()


# ------------------------------------------------------------ raw baselines (child processes)


def _hash(text: str) -> int:
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def raw_connect(db: str) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE statements (seq INTEGER PRIMARY KEY, text TEXT NOT NULL, hash INTEGER NOT NULL)")
    conn.execute("CREATE UNIQUE INDEX statements_hash ON statements(hash)")
    return conn


def raw_import_txt(source: str, db: str) -> None:
    conn = raw_connect(db)
    with open(source, encoding="utf-8") as lines:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO statements(text, hash) VALUES (?, ?)",
            ((text, _hash(text)) for text in (line.strip() for line in lines) if text),
        )
        conn.execute("COMMIT")


def raw_import_jsonl(source: str, db: str) -> None:
    conn = raw_connect(db)
    conn.execute("CREATE TABLE spans (id INTEGER PRIMARY KEY, statement INTEGER, label TEXT, start INTEGER,"
                 " end INTEGER, text TEXT, attrs TEXT)")
    conn.execute("CREATE TABLE relations (statement INTEGER, head INTEGER, tail INTEGER, label TEXT)")
    conn.execute("BEGIN")
    span_id = 0
    spans: list[tuple[object, ...]] = []
    relations: list[tuple[object, ...]] = []
    with open(source, encoding="utf-8") as lines:
        for seq, line in enumerate(lines, 1):
            obj = json.loads(line)
            text = obj["text"]
            conn.execute("INSERT INTO statements(seq, text, hash) VALUES (?, ?, ?)", (seq, text, _hash(text)))
            ids = {}
            for s in obj["spans"]:
                span_id += 1
                ids[s["id"]] = span_id
                spans.append((span_id, seq, s["label"], s["start"], s["end"], text[s["start"]:s["end"]],
                              json.dumps(s["attrs"]) if s.get("attrs") else None))
            for r in obj["relations"]:
                relations.append((seq, ids[r["head"]], ids[r["tail"]], r["label"]))
            if len(spans) > 10000:
                conn.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?)", spans)
                conn.executemany("INSERT INTO relations VALUES (?, ?, ?, ?)", relations)
                spans.clear()
                relations.clear()
    conn.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?)", spans)
    conn.executemany("INSERT INTO relations VALUES (?, ?, ?, ?)", relations)
    conn.execute("COMMIT")


def raw_export(db: str, out: str, with_spans: str) -> None:
    """json.dumps of the project's statement rows (and their spans), one object per line."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    statements = conn.execute("SELECT seq, id, text, meta FROM statements ORDER BY seq")
    with open(out, "w", encoding="utf-8") as stream:
        if with_spans != "spans":
            for _, sid, text, meta in statements:
                stream.write(json.dumps({"id": sid, "text": text, "meta": json.loads(meta) if meta else {}},
                                        ensure_ascii=False))
                stream.write("\n")
            return
        spans = conn.execute(
            "SELECT statement, id, label, start, end, text, attrs FROM spans ORDER BY statement, start"
        )
        pending = next(spans, None)
        for seq, sid, text, meta in statements:
            items = []
            while pending is not None and pending[0] == seq:
                items.append({"id": pending[1], "start": pending[3], "end": pending[4], "label": pending[2],
                              "text": pending[5], "attrs": json.loads(pending[6]) if pending[6] else {}})
                pending = next(spans, None)
            stream.write(json.dumps({"id": sid, "text": text, "meta": json.loads(meta) if meta else {},
                                     "spans": items}, ensure_ascii=False))
            stream.write("\n")


CHILDREN = {"raw-import-txt": raw_import_txt, "raw-import-jsonl": raw_import_jsonl, "raw-export": raw_export}


# ----------------------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--skip-jsonl", action="store_true", help="only the txt import and its export")
    args = parser.parse_args()
    n = args.statements
    print(f"generating / reusing inputs for {n:,} statements in {OUT} ...", flush=True)
    txt = txt_file(n)
    jsonl = None if args.skip_jsonl else jsonl_file(n)
    work = OUT / "import_export"
    work.mkdir(parents=True, exist_ok=True)

    def child(name: str, *rest: str | Path) -> list[str]:
        return [PYTHON, str(HERE), "--child", name, *(str(r) for r in rest)]

    print(f"\nimport of {n:,} statements ({txt.stat().st_size / 1e6:.0f} MB txt)")
    raw = measure(child("raw-import-txt", txt, fresh(work / "raw.db")))
    print(row("raw sqlite3 executemany + unique hash index", raw.seconds, None, f"peak {raw.peak_mb:.0f} MB"))
    project = fresh(work / "txt.bayan")
    measure(bayan("init", project))
    imp = measure(bayan("import", project, txt))
    print(row("bayan import (txt)", imp.seconds, raw.seconds, f"peak {imp.peak_mb:.0f} MB"))
    results = {"import_txt_ratio": imp.seconds / raw.seconds, "import_txt_peak_mb": imp.peak_mb}

    if jsonl is not None:
        print(f"\nimport of {n:,} annotated statements ({jsonl.stat().st_size / 1e6:.0f} MB native JSONL, "
              "3 spans + 1 relation each)")
        raw_j = measure(child("raw-import-jsonl", jsonl, fresh(work / "raw-jsonl.db")))
        print(row("raw json.loads + executemany (no checks)", raw_j.seconds, None, f"peak {raw_j.peak_mb:.0f} MB"))
        annotated = fresh(work / "jsonl.bayan")
        measure(bayan("init", annotated))
        imp_j = measure(bayan("import", annotated, jsonl))
        print(row("bayan import (jsonl)", imp_j.seconds, raw_j.seconds,
                  f"{imp_j.seconds / raw.seconds:.2f}x the txt raw baseline; peak {imp_j.peak_mb:.0f} MB"))
        results.update(import_jsonl_ratio=imp_j.seconds / raw_j.seconds, import_jsonl_peak_mb=imp_j.peak_mb)

        print(f"\nexport of {n:,} annotated statements to native JSONL")
        base = measure(child("raw-export", annotated, work / "raw-export.jsonl", "spans"))
        print(row("raw json.dumps loop (statements + spans)", base.seconds))
        exp = measure(bayan("export", annotated, work / "export.jsonl"))
        print(row("bayan export (jsonl)", exp.seconds, base.seconds, f"peak {exp.peak_mb:.0f} MB"))
        results.update(export_jsonl_ratio=exp.seconds / base.seconds, export_peak_mb=exp.peak_mb)

    print(f"\nexport of {n:,} bare statements (--status all)")
    base = measure(child("raw-export", project, work / "raw-export-txt.jsonl", "bare"))
    print(row("raw json.dumps loop (statements)", base.seconds))
    exp = measure(bayan("export", project, work / "export-txt.jsonl", "--status", "all"))
    print(row("bayan export --status all", exp.seconds, base.seconds, f"peak {exp.peak_mb:.0f} MB"))
    results["export_all_ratio"] = exp.seconds / base.seconds

    # The written files only served the timing; the projects stay for a look afterwards.
    for written in work.glob("*.jsonl"):
        written.unlink()
    print("\ntargets: import <= 3x raw, export <= 3x raw, import peak RSS <= 300 MB")
    print(json.dumps({k: round(v, 2) for k, v in results.items()}))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](*sys.argv[3:])
    else:
        main()
