"""Projects read by users who may not write them: read-only folders and media, another user's
file, and the `-shm` such a reader once left behind, which blocked its owner's writes.

File permissions mean nothing to root, so as root these tests run the commands as other
users (uid 65534 reads, uid 1000 owns); as any other user they need no switching for the
read-only folder, and the two-user cases are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from store.project import Project
from store.transfer import import_files

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")
IS_ROOT = os.geteuid() == 0
READER, OWNER = 65534, 1000
# util-linux's setpriv switches users for a command (Debian has it in every install).
SETPRIV = shutil.which("setpriv")
two_users = pytest.mark.skipif(not (IS_ROOT and SETPRIV), reason="needs two users, made by switching from root")
other_user = pytest.mark.skipif(IS_ROOT and not SETPRIV, reason="as root, needs setpriv to read as another user")


def as_user(user: int | None) -> list[str]:
    """The prefix that runs a command as `user` (nothing when not root: we are the other user)."""
    if user is None or not IS_ROOT:
        return []
    assert SETPRIV is not None
    return [SETPRIV, f"--reuid={user}", f"--regid={user}", "--clear-groups"]


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder under /tmp that other users can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="bayan-ro-", dir="/tmp"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o777)
    shutil.rmtree(folder)


def run(args: list[str], *, user: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*as_user(user), sys.executable, MAIN, *args], capture_output=True, text=True,
                          timeout=120, cwd="/tmp")


def make_project(path: Path, owner: int | None = None) -> None:
    jsonl = path.with_suffix(".jsonl")
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as project:
        import_files(project, [SEED_STATEMENTS], fmt="txt")
        text = project.statement(1).text  # type: ignore[union-attr]
        jsonl.write_text("".join(json.dumps({"text": text, "annotator": who, "spans": [
            {"start": 0, "end": 3, "label": "ACTOR"}]}, ensure_ascii=False) + "\n" for who in ("amal", "badr")),
            encoding="utf-8")
        import_files(project, [jsonl], fmt="jsonl")
    jsonl.unlink()
    if owner is not None and IS_ROOT:
        os.chown(path, owner, owner)


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@other_user
def test_stats_export_and_merge_read_a_project_in_a_read_only_folder(shared: Path) -> None:
    media = shared / "media"
    media.mkdir()
    project = media / "team.bayan"
    make_project(project)
    project.chmod(0o444)
    media.chmod(0o555)  # read-only media, or a folder the user may only read
    before = project.read_bytes()
    reader = READER if IS_ROOT else None

    stats = run(["stats", "--json", str(project)], user=reader)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["spans"] == 2

    agreement = run(["agreement", "--json", str(project)], user=reader)
    assert agreement.returncode == 0, agreement.stderr
    assert json.loads(agreement.stdout)["pairs"][0]["span_f1"]["strict"]["ACTOR"] == 1.0

    out = shared / "out.jsonl"
    exported = run(["export", str(project), str(out), "--status", "all"], user=reader)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 11  # two records of the first statement

    review = shared / "review.bayan"
    make_project(review, owner=reader)
    review.chmod(0o666)
    merged = run(["merge", str(review), str(project)], user=reader)
    assert merged.returncode == 0, merged.stderr

    assert project.read_bytes() == before
    assert siblings(media) == ["team.bayan"]


@two_users
def test_a_reader_without_write_rights_leaves_nothing_that_blocks_the_owner(shared: Path) -> None:
    project = shared / "owned.bayan"
    make_project(project, owner=OWNER)
    project.chmod(0o644)  # the owner writes, others read; the folder is open to all
    assert run(["stats", str(project)], user=READER).returncode == 0
    assert run(["export", str(project), str(shared / "o.jsonl")], user=READER).returncode == 0
    assert siblings(shared) == ["o.jsonl", "owned.bayan"]  # no -shm or -wal of the reader's

    more = shared / "more.txt"
    more.write_text("بيان جديد\n", encoding="utf-8")
    done = run(["import", str(project), str(more)], user=OWNER)
    assert done.returncode == 0, done.stderr


# What a reader without write rights did before (or the sqlite3 shell still does): its
# read-only connection makes a -wal and -shm of its own that the owner may not write.
STALE_READER = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n"
    "c.execute('SELECT count(*) FROM statements').fetchone()\n"
    "print('reading', flush=True)\n"
    "sys.stdin.readline()\n"
    "c.close()\n"
)


def start_stale_reader(project: Path) -> subprocess.Popen[str]:
    reader = subprocess.Popen([*as_user(READER), sys.executable, "-c", STALE_READER, str(project)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None and reader.stdout.readline() == "reading\n"
    return reader


def stop(reader: subprocess.Popen[str]) -> None:
    assert reader.stdin is not None
    reader.stdin.write("\n")
    reader.stdin.close()
    reader.wait(timeout=30)


@two_users
def test_a_stale_read_only_shm_does_not_block_writes_later(shared: Path) -> None:
    project = shared / "owned.bayan"
    make_project(project, owner=OWNER)
    project.chmod(0o644)
    reader = start_stale_reader(project)
    shm = shared / "owned.bayan-shm"
    assert shm.exists() and shm.stat().st_uid == READER and not stat.S_IMODE(shm.stat().st_mode) & 0o022

    # While that reader is still there, the owner is told why writing cannot be done now.
    more = shared / "more.txt"
    more.write_text("بيان جديد\n", encoding="utf-8")
    blocked = run(["import", str(project), str(more)], user=OWNER)
    assert blocked.returncode == 2, blocked.stderr
    assert "another user" in blocked.stderr and "Traceback" not in blocked.stderr

    stop(reader)  # gone, its -shm stays behind
    assert shm.exists()
    done = run(["import", str(project), str(more)], user=OWNER)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(str(project))
    try:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 11
    finally:
        conn.close()
