"""Real processes: two imports into one project at once, and an import killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.project import Project

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


def start_import(project: Path, *files: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, MAIN, "import", str(project), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def texts(path: Path) -> set[str]:
    conn = sqlite3.connect(str(path))
    try:
        return {r[0] for r in conn.execute("SELECT text FROM statements")}
    finally:
        conn.close()


def test_two_processes_import_at_once_and_lose_nothing(project: Project, tmp_path: Path) -> None:
    project.close()
    shared = [f"مشترك {i}" for i in range(2000)]
    a_lines = [f"ملف أ سطر {i}" for i in range(30_000)] + shared
    b_lines = shared + [f"ملف ب سطر {i}" for i in range(30_000)]
    file_a, file_b = tmp_path / "a.txt", tmp_path / "b.txt"
    file_a.write_text("\n".join(a_lines) + "\n", encoding="utf-8")
    file_b.write_text("\n".join(b_lines) + "\n", encoding="utf-8")
    annotated = tmp_path / "c.jsonl"
    annotated.write_text(
        "".join(f'{{"text": "مشترك {i}", "annotator": "amal", "spans": [{{"start": 0, "end": 5, "label": "ACTOR"}}]}}\n'
                for i in range(0, 2000, 10)),
        encoding="utf-8",
    )
    first = start_import(project.path, file_a)
    second = start_import(project.path, file_b, annotated)
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    stored = texts(project.path)
    assert stored == set(a_lines) | set(b_lines)
    with Project.open(project.path) as reopened:
        assert reopened.statement_count() == len(stored) == 62_000
        # seq stays 1..N without gaps even with two writers.
        assert reopened.conn.execute("SELECT min(seq), max(seq), count(*) FROM statements").fetchone() == (
            1, 62_000, 62_000)
        assert reopened.stats()["spans"] == 200


def _wal_size(project: Path) -> int:
    wal = project.with_name(project.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_import_killed_mid_way_leaves_all_or_nothing(project: Project, tmp_path: Path) -> None:
    before = tmp_path / "before.txt"
    before.write_text("قبل\nأيضا\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    count = 200_000
    with big.open("w", encoding="utf-8") as f:
        for i in range(count):
            f.write(f"بيان طويل رقم {i} عن الأسلحة الكيميائية في سوريا\n")
    project.close()
    assert subprocess.run([sys.executable, MAIN, "import", str(project.path), str(before)],
                          capture_output=True, timeout=60).returncode == 0
    wal_at_rest = _wal_size(project.path)

    proc = start_import(project.path, big)
    deadline = time.monotonic() + 60
    # Mid-way: the uncommitted transaction has begun spilling pages into the WAL.
    while _wal_size(project.path) <= wal_at_rest + 256 * 1024 and proc.poll() is None:
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    was_running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert was_running, "the import finished before it could be killed; make the file bigger"
    assert proc.returncode == -signal.SIGKILL

    with Project.open(project.path) as reopened:  # runs PRAGMA integrity_check
        assert reopened.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = reopened.statement_count()
        assert stored in (2, 2 + count), stored
        assert {"قبل", "أيضا"} <= texts(project.path)
        big_rows = reopened.conn.execute(
            "SELECT count(*) FROM statements WHERE text LIKE 'بيان طويل رقم %'").fetchone()[0]
        assert big_rows in (0, count)
    # The project takes the next import as usual.
    after = tmp_path / "after.txt"
    after.write_text("بعد\n", encoding="utf-8")
    done = subprocess.run([sys.executable, MAIN, "import", str(project.path), str(after)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "بعد" in texts(project.path)
