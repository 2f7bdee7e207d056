"""Creating a project with other processes about: one of two wins, a killed create leaves
no file or a complete one, and nobody removes a file it did not create."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.errors import ProjectError
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from store.project import Project

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


def labels(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM labels ORDER BY position")]
    finally:
        conn.close()


def test_two_inits_of_one_path_at_once_one_wins_the_other_is_told(tmp_path: Path) -> None:
    for attempt in range(6):
        path = tmp_path / f"race{attempt}.bayan"
        runs = [
            subprocess.Popen([sys.executable, MAIN, "init", str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in runs]
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        loser = next(err for code, err in results if code == 2)
        assert "already exists" in loser and "Traceback" not in loser
        assert labels(path) == ["ACTOR", "CLAIM"]
        with Project.open(path) as project:
            project.check_integrity()
        # No temporary file is left behind by either.
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".{path.name}")) == []


def test_an_init_killed_at_any_moment_leaves_nothing_or_a_whole_project(tmp_path: Path) -> None:
    rng = random.Random(7)
    outcomes = {"absent": 0, "whole": 0}
    for attempt in range(14):
        path = tmp_path / f"killed{attempt}.bayan"
        process = subprocess.Popen([sys.executable, MAIN, "init", str(path)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Python and click take most of the start-up; the file work is the last few ms.
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if path.exists():
            assert labels(path) == ["ACTOR", "CLAIM"], attempt
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
            # The next init works, and takes away what the killed one left.
            done = subprocess.run([sys.executable, MAIN, "init", str(path)], capture_output=True, timeout=60)
            assert done.returncode == 0, done.stderr
            assert labels(path) == ["ACTOR", "CLAIM"]
            assert [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{path.name}.")] == []
    assert sum(outcomes.values()) == 14


def test_create_never_removes_a_file_it_did_not_create(tmp_path: Path) -> None:
    path = tmp_path / "theirs.bayan"
    path.write_bytes(b"someone else's work")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path, load_schema(DEFAULT_SCHEMA))
    assert path.read_bytes() == b"someone else's work"

    # A create that fails half-way (here: its fill step) leaves no file and no litter.
    fresh = tmp_path / "fresh.bayan"

    def fail(_: Project) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        Project.create(fresh, load_schema(DEFAULT_SCHEMA), fill=fail)
    assert list(tmp_path.iterdir()) == [path]


def test_stale_temporary_files_of_a_dead_creator_are_cleaned_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.bayan"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".p.bayan.{dead_pid}.abcd1234.new"
    stale_wal = tmp_path / f".p.bayan.{dead_pid}.abcd1234.new-wal"
    alive = tmp_path / f".p.bayan.{os.getppid()}.abcd1234.new"  # a running process's
    for litter in (stale, stale_wal, alive):
        litter.write_bytes(b"x")
    Project.create(path, load_schema(DEFAULT_SCHEMA)).close()
    assert not stale.exists() and not stale_wal.exists()
    assert alive.exists()


FIRST_LAUNCH = (
    "import sys, main\n"
    "project = main.open_default_project()\n"
    "print(project.statement_count(), len(project.schema.labels))\n"
    "project.close()\n"
)


def test_two_first_launches_at_once_both_open_the_one_default_project(tmp_path: Path) -> None:
    for attempt in range(4):
        home = tmp_path / f"home{attempt}"
        env = {**os.environ, "BAYAN_HOME": str(home)}
        runs = [
            subprocess.Popen([sys.executable, "-c", FIRST_LAUNCH], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=60) for p in runs]
        assert [p.returncode for p in runs] == [0, 0], outs
        assert [out.split() for out, _ in outs] == [["10", "2"], ["10", "2"]]
        assert sorted(p.name for p in home.iterdir()) == ["default.bayan"]
