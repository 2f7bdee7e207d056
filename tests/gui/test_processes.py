"""The window's background jobs, then another process: every later edit is still on disk.

The window opens the project a second time in its own process for the integrity check, the
search index and import/export; any of those used to drop the main connection's locks, so a
`bayan stats` run by a colleague then deleted the -wal under the window.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from gui.app import compose
from store.project import Project

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


def _count_from_another_process(path: Path) -> tuple[int, int]:
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "print(c.execute('SELECT count(*) FROM spans').fetchone()[0],"
        " c.execute(\"SELECT count(*) FROM statement_status WHERE status = 'done'\").fetchone()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    spans, done = out.stdout.split()
    return int(spans), int(done)


def _open_files() -> list[str]:
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass  # the descriptor listdir itself used, closed by now
    return names


def test_edits_after_background_jobs_and_a_second_process_reach_the_file(
    seeded_path: Path, settings: Any, qtbot: Any, tmp_path: Path
) -> None:
    project = Project.open(seeded_path, check=False)
    workbench = compose(project, settings, "amal", check_integrity=True)
    window = workbench.window
    qtbot.addWidget(window)
    window.show()
    try:
        # Every background job the window has opens the project in this process and closes it.
        workbench.search.panel.start_indexing()
        workbench.transfer.start_export(tmp_path / "out.jsonl", fmt="jsonl", which="all")
        qtbot.waitUntil(
            lambda: not window.integrity_checks_running()
            and not workbench.search.panel.is_indexing()
            and not workbench.transfer.busy(),
            timeout=20_000,
        )
        assert (tmp_path / "out.jsonl").exists()
        done = subprocess.run([sys.executable, MAIN, "stats", str(seeded_path)], capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr

        for start in range(3):
            window.editor.labelRequested.emit("ACTOR", start * 3, start * 3 + 2)
        window.mark_done_and_next()
        assert _count_from_another_process(seeded_path) == (3, 1)
        assert not [f for f in _open_files() if "seeded.bayan" in f and f.endswith("(deleted)")]
    finally:
        window.close()
        project.close()
    conn = sqlite3.connect(str(seeded_path))
    try:
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 3
    finally:
        conn.close()
