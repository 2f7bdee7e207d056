"""Nothing lost with processes side by side: a writer that re-opens its project in-process
(as the GUI does for its integrity check, search index and import/export workers), a second
process that opens, reads and closes the project between every edit, and a SIGKILL at the end.

Before the fix the writer's first in-process re-open closed a descriptor of the file with
Python's open(), which dropped every POSIX lock its main connection held; the next process
to close the project then believed it was the last user, checkpointed and deleted the -wal,
and every later edit of the writer went into a deleted file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.project import Project

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")
EDITS = 12

# The writer: one main connection that edits, re-opening the project in-process between
# edits the way the GUI's background jobs do, and waiting for the parent after each edit.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store.project import Project
    from store.search import SearchIndex

    path = Path(sys.argv[1])
    project = Project.open(path, check=False)
    for i in range(int(sys.argv[2])):
        if i % 3 == 0:
            with Project.open(path, check=False) as job:   # the integrity check
                job.check_integrity()
        elif i % 3 == 1:
            with Project.open(path, check=False) as job:   # the search index worker
                SearchIndex(job).update()
        else:
            Project.open(path, check=False, read_only=True).close()  # an export worker
        project.add_span(statement=1 + i % 10, annotator="amal", label="ACTOR", start=i, end=i + 1)
        project.set_status(statement=1 + i % 10, annotator="amal", status="done" if i % 2 else "skipped")
        print(f"edit {i}", flush=True)
        sys.stdin.readline()          # the parent lets another process open and close the file
    print("finished", flush=True)
    time.sleep(600)                   # killed here, never closing the project
    """
)


def _reader(path: Path, how: str) -> None:
    """Another process opens, reads and closes the project."""
    if how == "stats":
        done = subprocess.run([sys.executable, MAIN, "stats", str(path)], capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
    else:
        code = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " c.execute('SELECT count(*) FROM spans'); c.close()"
        )
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


@pytest.mark.parametrize("reader", ["stats", "sqlite3"])
def test_every_edit_survives_in_process_reopens_other_readers_and_sigkill(
    seeded_path: Path, reader: str
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(seeded_path), str(EDITS)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert writer.stdout is not None and writer.stdin is not None
        for i in range(EDITS):
            line = writer.stdout.readline()
            assert line == f"edit {i}\n", (line, writer.stderr.read() if writer.poll() is not None else "")
            _reader(seeded_path, reader)
            writer.stdin.write("go\n")
            writer.stdin.flush()
        assert writer.stdout.readline() == "finished\n"
        # The writer's own files are still the live ones, not deleted ones.
        fds = [os.readlink(f"/proc/{writer.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{writer.pid}/fd")]
        assert not [f for f in fds if f.endswith("(deleted)")], fds
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(str(seeded_path))
    try:
        spans = conn.execute("SELECT statement, start FROM spans ORDER BY start").fetchall()
        statuses = dict(conn.execute("SELECT statement, status FROM statement_status").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert spans == [(1 + i % 10, i) for i in range(EDITS)]
    last = {1 + i % 10: "done" if i % 2 else "skipped" for i in range(EDITS)}
    assert statuses == last


def test_merge_sources_and_exports_leave_the_writer_its_locks(seeded_path: Path, tmp_path: Path) -> None:
    """Merge reads another project in the same process as the review: the review keeps its locks."""
    from core.paths import DEFAULT_SCHEMA
    from core.schema import load_schema
    from store.merge import merge_projects
    from store.transfer import export_to

    source = tmp_path / "amal.bayan"
    Project.create(source, load_schema(DEFAULT_SCHEMA)).close()
    with Project.open(seeded_path) as review:
        review.add_span(statement=1, annotator="badr", label="ACTOR", start=0, end=2)
        merge_projects(review, [source])
        export_to(review, str(tmp_path / "out.jsonl"), which="all")
        _reader(seeded_path, "stats")
        review.add_span(statement=2, annotator="badr", label="ACTOR", start=0, end=2)
        wal = seeded_path.with_name(seeded_path.name + "-wal")
        assert wal.exists()
        # Another process sees the edit made after it closed: it went to the live WAL.
        code = (
            "import sqlite3, sys;"
            " print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM spans').fetchone()[0])"
        )
        seen = subprocess.run([sys.executable, "-c", code, str(seeded_path)], capture_output=True, text=True)
        assert seen.stdout.strip() == "2"


def test_importing_the_project_or_its_log_is_refused_without_opening_it(seeded_path: Path) -> None:
    from core.errors import InputError
    from store.transfer import import_files

    with Project.open(seeded_path) as project:
        project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=2)
        for own in ("", "-wal", "-shm"):
            with pytest.raises(InputError, match="is the project"):
                import_files(project, [Path(f"{seeded_path}{own}")])
        _reader(seeded_path, "stats")
        project.add_span(statement=2, annotator="amal", label="ACTOR", start=0, end=2)
    conn = sqlite3.connect(str(seeded_path))
    try:
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 2
    finally:
        conn.close()
