"""Terminal output is inert: no user string (name, label, id, file name) acts on the terminal."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import main
from core.terminal import inert, inert_json
from tests.dump import dump

ROOT = Path(__file__).resolve().parents[2]
# Clears the screen, starts a forged line, and reverses everything printed after it.
HOSTILE = "eve\x1b[2J\nbayan: all good\u202e"
# What a reader sees instead: each control written out.
VISIBLE = "eve\\x1b[2J\\x0abayan: all good\\u202e"
RAW = ("\x1b", "\u202e", "\u2067", "\x9b", "\u2028")


def run(*args: Any) -> Result:
    return CliRunner().invoke(main.cli, [str(a) for a in args], catch_exceptions=True)


def assert_inert(text: str) -> None:
    for ch in RAW:
        assert ch not in text, (ch, text)


def hostile_project(path: Path) -> Path:
    """A project whose annotators table holds a hostile name, as an old or crafted file may."""
    assert run("init", path).exit_code == 0
    source = path.parent / "one.txt"
    source.write_text("قال المتحدث إن القرار مرفوض\n", encoding="utf-8")
    assert run("import", path, source).exit_code == 0
    conn = sqlite3.connect(path)
    with conn:
        aid = conn.execute("INSERT INTO annotators(name) VALUES (?)", (HOSTILE,)).lastrowid
        conn.execute(
            "INSERT INTO statement_status(statement, annotator, status, note, seconds, updated_at)"
            " VALUES (1, ?, 'done', '', 60, '2026-01-01T00:00:00Z')",
            (aid,),
        )
    conn.close()
    return path


# ------------------------------------------------------------------ the functions


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\nb\rc\td", "a\\x0ab\\x0dc\\x09d"),
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("\x7f", "\\x7f"),
        ("\u202ehello\u202c", "\\u202ehello\\u202c"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
        ("\ud800", "\\ud800"),
        ("C:\\data\\عمل.bayan", "C:\\data\\عمل.bayan"),  # backslashes and Arabic stay as they are
        ("أمل 😀", "أمل 😀"),
    ],
)
def test_inert_writes_out_every_control(raw: str, shown: str) -> None:
    assert inert(raw) == shown
    inert(raw).encode("utf-8")  # never a lone surrogate: always printable


def test_inert_json_is_the_same_json_without_raw_controls() -> None:
    value = {"name": HOSTILE + "\x85\u2028\ud800\x7f", "n": 1}
    text = inert_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert_inert(text)
    assert "\x85" not in text and "\x7f" not in text
    text.encode("utf-8")


# ------------------------------------------------------------------ the commands


def test_stats_prints_a_hostile_annotator_inert(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "p.bayan")
    result = run("stats", project)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    (line,) = [line for line in result.output.splitlines() if "eve" in line]
    assert VISIBLE in line and "done" in line
    # The forged line never starts a line of its own.
    assert not any(line.startswith("bayan:") for line in result.output.splitlines())


def test_stats_json_stays_strict_json_and_inert(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "p.bayan")
    result = run("stats", project, "--json")
    assert result.exit_code == 0, result.output
    assert_inert(result.output)

    def no_constants(name: str) -> Any:
        raise AssertionError(f"not strict JSON: {name}")

    summary = json.loads(result.output, parse_constant=no_constants)
    assert HOSTILE in [a["name"] for a in summary["annotators"]]


def test_stats_on_a_real_terminal_clears_nothing(tmp_path: Path) -> None:
    """On a terminal click no longer strips escapes: what reaches it is what we print."""
    project = hostile_project(tmp_path / "p.bayan")
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "main.py", "stats", str(project)], cwd=ROOT, stdout=secondary, stderr=secondary,
        stdin=subprocess.DEVNULL,
    )
    os.close(secondary)
    out = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(primary)
    assert proc.wait(timeout=60) == 0, out
    assert b"\x1b" not in out and "\u202e".encode() not in out
    assert VISIBLE.encode() in out


def test_merge_prints_names_inert(tmp_path: Path) -> None:
    review = tmp_path / "review.bayan"
    assert run("init", review).exit_code == 0
    source = hostile_project(tmp_path / "eve.bayan")
    result = run("merge", review, source)
    # Merge may refuse such a name or take it; either way nothing it prints acts on the terminal.
    assert_inert(result.output)
    assert "\\x1b[2J" in result.output


def test_error_messages_name_hostile_files_inert(tmp_path: Path) -> None:
    project = tmp_path / "p.bayan"
    assert run("init", project).exit_code == 0
    before = dump(project)
    missing = tmp_path / "gone\x1b[2J\u202e.txt"
    result = run("import", project, missing)
    assert result.exit_code == 2
    assert_inert(result.output)
    assert "gone\\x1b[2J\\u202e.txt" in result.output
    assert dump(project) == before


def test_import_report_names_a_hostile_file_inert(tmp_path: Path) -> None:
    project = tmp_path / "p.bayan"
    assert run("init", project).exit_code == 0
    source = tmp_path / "new\x1b]0;owned\x07\u2067.txt"
    source.write_text("قال المتحدث إن القرار مرفوض\n", encoding="utf-8")
    result = run("import", project, source)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "\x07" not in result.output and "new\\x1b]0;owned\\x07\\u2067.txt: 1 records" in result.output


def test_a_file_name_that_is_not_utf8_is_printed_not_crashed(tmp_path: Path) -> None:
    """os.fsdecode gives lone surrogates for such bytes; printing them raw would raise."""
    project = tmp_path / "p.bayan"
    assert run("init", project).exit_code == 0
    name = os.fsencode(tmp_path) + b"/bad\xff\x1b.txt"
    with open(name, "wb") as out:
        out.write("سطر واحد\n".encode())
    proc = subprocess.run(
        [sys.executable, "main.py", "import", str(project), os.fsdecode(name)], cwd=ROOT, capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert b"bad\\udcff\\x1b.txt: 1 records" in proc.stdout
    assert b"\x1b" not in proc.stdout


def test_import_refuses_an_annotator_name_with_controls(tmp_path: Path) -> None:
    project = tmp_path / "p.bayan"
    assert run("init", project).exit_code == 0
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": "نص", "spans": [{"start": 0, "end": 2, "label": "ACTOR"}]}) + "\n")
    before = dump(project)
    for name in ("eve\x1b[2J", "a\nb", "x\u202e", "   "):
        result = run("import", project, source, "--annotator", name)
        assert result.exit_code == 2, (name, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("bayan: --annotator: "), result.stderr
        assert_inert(result.output)
        assert dump(project) == before


def test_click_usage_errors_print_the_users_arguments_inert(tmp_path: Path) -> None:
    folder = tmp_path / "d\x1b[2Jx"
    folder.mkdir()
    done = subprocess.run([sys.executable, "main.py", "stats", str(folder)], cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr and b"\\x1b[2J" in done.stderr
