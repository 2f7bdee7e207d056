"""A damaged project file is called damaged (not "not a Bayan project"), by every command,
in one line, with exit status 2 and no traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from main import cli


def _header_page_size(data: bytearray) -> None:
    data[16:18] = b"\x00\x03"  # not a power of two: the header itself is broken


def _header_garbage(data: bytearray) -> None:
    data[18:100] = bytes(range(82))


def _truncated(data: bytearray) -> None:
    del data[len(data) // 2:]


def _pages_scrambled(data: bytearray) -> None:
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), 5):
        data[offset] = (data[offset] * 13 + 7) % 256


DAMAGE: dict[str, Callable[[bytearray], None]] = {
    "page size": _header_page_size,
    "header": _header_garbage,
    "truncated": _truncated,
    "pages": _pages_scrambled,
}


@pytest.fixture
def big_seeded(seeded_path: Path, tmp_path: Path) -> Path:
    more = tmp_path / "more.txt"
    more.write_text("".join(f"بيان رقم {i} " + "نص " * 30 + "\n" for i in range(400)), encoding="utf-8")
    assert CliRunner().invoke(cli, ["import", str(seeded_path), str(more)]).exit_code == 0
    return seeded_path


@pytest.mark.parametrize("how", list(DAMAGE))
def test_every_command_calls_a_damaged_project_damaged(big_seeded: Path, tmp_path: Path, how: str) -> None:
    damaged = tmp_path / "damaged.bayan"
    data = bytearray(big_seeded.read_bytes())
    DAMAGE[how](data)
    damaged.write_bytes(bytes(data))
    review = tmp_path / "review.bayan"
    shutil.copyfile(big_seeded, review)
    txt = tmp_path / "one.txt"
    txt.write_text("بيان\n", encoding="utf-8")
    for args in (
        ["stats", str(damaged)],
        ["export", str(damaged), str(tmp_path / "out.jsonl"), "--status", "all"],
        ["import", str(damaged), str(txt)],
        ["merge", str(review), str(damaged)],
    ):
        before = damaged.read_bytes()
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and "damaged" in lines[0] and "not a Bayan project" not in lines[0], (args, lines)
        assert damaged.read_bytes() == before
