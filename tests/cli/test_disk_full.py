"""A disk that fills up during an import: one clear line, exit 2, the project as it was.

A real full disk: a tiny tmpfs mounted for the test (root only; skipped elsewhere).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dump import dump

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    mount = Path("/tmp") / f"bayan-full-{uuid.uuid4().hex[:8]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0 or os.geteuid() != 0:
        mount.rmdir()
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def test_an_import_that_fills_the_disk_changes_nothing(tiny_disk: Path, seeded_path: Path, tmp_path: Path) -> None:
    project = tiny_disk / "p.bayan"
    shutil.copyfile(seeded_path, project)
    before = dump(project)
    big = tmp_path / "big.txt"
    big.write_text("".join(f"بيان طويل رقم {i} " + "كلمة " * 40 + "\n" for i in range(5_000)), encoding="utf-8")
    result = subprocess.run([sys.executable, MAIN, "import", str(project), str(big)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "full" in lines[0], lines
    assert dump(project) == before
    # The project takes a small import afterwards, once there is room.
    small = tmp_path / "small.txt"
    small.write_text("بيان قصير\n", encoding="utf-8")
    again = subprocess.run([sys.executable, MAIN, "import", str(project), str(small)], capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
