"""`import` from a pipe: `/dev/stdin`, `-`, any length, any format, progress unknown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from store.project import Project
from store.transfer import import_files
from tests.dump import dump

ROOT = Path(__file__).resolve().parents[2]
COUNT = 5000


def native_lines(count: int) -> bytes:
    return "".join(
        json.dumps({"id": f"s{i}", "text": f"قال المتحدث رقم {i} إن القرار مرفوض", "annotator": "amal",
                    "spans": [{"start": 0, "end": 3, "label": "ACTOR"}]}, ensure_ascii=False) + "\n"
        for i in range(count)
    ).encode("utf-8")


def bayan(*args: str, stdin: Any = None, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, stdin=stdin, input=input_bytes, capture_output=True,
        timeout=300,
    )


def statement_count(path: Path) -> int:
    with Project.open(path) as project:
        return project.statement_count()


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    path = tmp_path / "p.bayan"
    assert bayan("init", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("name", ["/dev/stdin", "-"])
def test_a_long_jsonl_stream_from_a_real_pipe(new_project: Path, tmp_path: Path, name: str) -> None:
    source = tmp_path / "f.jsonl"
    source.write_bytes(native_lines(COUNT))
    # `cat f.jsonl | bayan import p.bayan NAME`: stdin is a pipe, never a seekable file.
    cat = subprocess.Popen(["cat", str(source)], stdout=subprocess.PIPE)
    result = bayan("import", str(new_project), name, stdin=cat.stdout)
    assert cat.stdout is not None
    cat.stdout.close()
    cat.wait()
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert f"{COUNT} records, {COUNT} new statements, {COUNT} new spans".encode() in result.stdout
    assert statement_count(new_project) == COUNT


def test_a_piped_txt_needs_its_format_named(new_project: Path) -> None:
    """Text lines have no name to go by; auto-detection says so, --format txt reads them."""
    lines = "".join(f"بيان رقم {i}\n" for i in range(3000)).encode("utf-8")
    before = dump(new_project)
    refused = bayan("import", str(new_project), "-", input_bytes=lines)
    assert refused.returncode == 2 and b"give --format" in refused.stderr
    assert dump(new_project) == before
    result = bayan("import", str(new_project), "-", "--format", "txt", input_bytes=lines)
    assert result.returncode == 0, result.stderr.decode()
    assert statement_count(new_project) == 3000


def test_a_piped_labelstudio_list_is_detected_from_its_first_bytes(new_project: Path) -> None:
    tasks = [{"data": {"text": f"بيان رقم {i}"}} for i in range(2500)]
    result = bayan("import", str(new_project), "-", input_bytes=json.dumps(tasks, ensure_ascii=False).encode())
    assert result.returncode == 0, result.stderr.decode()
    assert statement_count(new_project) == 2500


def test_a_bad_line_late_in_a_pipe_is_reported_and_changes_nothing(new_project: Path) -> None:
    data = native_lines(COUNT) + b'{"text": "x", "spans": [{"start": 0, "end": 9, "label": "ACTOR"}], ' \
        b'"annotator": "amal"}\n'
    before = dump(new_project)
    result = bayan("import", str(new_project), "-", input_bytes=data)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and f"<stdin>:{COUNT + 1}: span 1" in lines[0], lines
    assert dump(new_project) == before


def test_progress_is_unknown_on_a_pipe(project: Any) -> None:
    read_end, write_end = os.pipe()
    data = native_lines(COUNT)

    def feed() -> None:
        with os.fdopen(write_end, "wb") as out:
            out.write(data)

    feeder = threading.Thread(target=feed)
    feeder.start()
    seen: list[float | None] = []
    try:
        (report,) = import_files(project, [Path(f"/dev/fd/{read_end}")], progress=seen.append)
    finally:
        feeder.join()
        os.close(read_end)
    assert report.records == COUNT
    assert seen[-1] == 1.0
    assert seen[:-1] and all(fraction is None for fraction in seen[:-1])


def test_progress_of_a_file_still_counts_bytes(project: Any, tmp_path: Path) -> None:
    source = tmp_path / "f.jsonl"
    source.write_bytes(native_lines(COUNT))
    seen: list[float | None] = []
    import_files(project, [source], progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) > 3
    assert all(f is not None for f in seen)
    assert all(a <= b for a, b in zip(seen, seen[1:], strict=False))  # type: ignore[operator]
    assert 0 < seen[0] < 1  # type: ignore[operator]
