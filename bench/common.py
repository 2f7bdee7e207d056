"""Shared by the benchmarks: generated inputs (cached in bench/out/) and measured child processes.

Inputs are generated from the words of the seed statements with a fixed random seed, so
every run measures the same data. Timed work runs in a child process, so that its peak
memory (ru_maxrss from os.wait4) is its own and the figures include start-up, as a user
running the command would see.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEEDS = ROOT / "seeds" / "statements.txt"
PYTHON = sys.executable

# Target length of a generated statement, in characters (the seeds average ~170).
TARGET_CHARS = 150


def seed_words() -> list[str]:
    return re.findall(r"[^\s،.]+", SEEDS.read_text(encoding="utf-8"))


def sentences(n: int, seed: int = 20261127) -> Iterator[str]:
    """`n` distinct Arabic sentences of about TARGET_CHARS characters, with commas and a full stop."""
    words = seed_words()
    rng = random.Random(seed)
    seen: set[bytes] = set()
    made = 0
    while made < n:
        parts: list[str] = []
        length = 0
        while length < TARGET_CHARS - 8:
            word = rng.choice(words)
            if parts and rng.random() < 0.08:
                parts[-1] += "،"
            parts.append(word)
            length += len(word) + 1
        text = " ".join(parts) + "."
        key = blake2b(text.encode("utf-8"), digest_size=8).digest()
        if key in seen:
            continue
        seen.add(key)
        made += 1
        yield text


def txt_file(n: int) -> Path:
    """A txt file of `n` distinct statements (generated once, then reused)."""
    path = OUT / f"statements-{n}.txt"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            for text in sentences(n):
                out.write(text + "\n")
        tmp.replace(path)
    return path


def annotated_record(text: str, annotator: str, rng: random.Random) -> dict[str, object]:
    """A native JSONL record with an ACTOR, a CLAIM (stance), a nested ACTOR and a CLAIMANT relation."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    a = rng.randrange(0, 3)
    c = rng.randrange(a + 1, min(a + 5, len(words) - 6))
    c_end = min(len(words) - 1, c + rng.randrange(3, 10))
    inner = rng.randrange(c, c_end)
    spans = [
        {"id": "T1", "start": words[a][0], "end": words[a][1], "label": "ACTOR"},
        {"id": "T2", "start": words[c][0], "end": words[c_end][1], "label": "CLAIM",
         "attrs": {"stance": rng.choice(("support", "oppose", "neutral"))}},
        {"id": "T3", "start": words[inner][0], "end": words[inner][1], "label": "ACTOR"},
    ]
    return {"text": text, "annotator": annotator, "status": "done", "spans": spans,
            "relations": [{"head": "T1", "tail": "T2", "label": "CLAIMANT"}]}


def jsonl_file(n: int, annotator: str = "amal") -> Path:
    """Native JSONL: the statements of txt_file(n), each with three spans and a relation by `annotator`."""
    path = OUT / f"annotated-{n}-{annotator}.jsonl"
    if not path.exists():
        source = txt_file(n)
        rng = random.Random(annotator)
        tmp = path.with_suffix(".part")
        with source.open(encoding="utf-8") as lines, tmp.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(annotated_record(line.rstrip("\n"), annotator, rng), ensure_ascii=False))
                out.write("\n")
        tmp.replace(path)
    return path


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mb: float
    stdout: str
    returncode: int = 0
    stderr: str = ""


# Starts the measured command from a small, fresh process and reports its rusage. A
# child's ru_maxrss starts at the peak RSS of the process that spawned it (Linux keeps
# the old address space's high-water mark across exec), so spawning straight from a
# benchmark that has grown (generating inputs, walking a big folder) would inflate it.
_LAUNCHER = (
    "import os, sys\n"
    "pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "sys.stderr.write(f'\\n@@rusage {usage.ru_maxrss}\\n')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def measure(args: list[str], *, expect: int = 0) -> Run:
    """Run a command to completion: wall time, its own peak RSS (MB) and its output.

    An exit status other than `expect` stops the benchmark.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        child = subprocess.run([PYTHON, "-c", _LAUNCHER, *args], stdout=subprocess.PIPE, stderr=err, cwd=ROOT,
                               text=True, encoding="utf-8", check=False)
        seconds = time.perf_counter() - started
        err.seek(0)
        errors = err.read()
    if child.returncode != expect:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}):\n{errors[-3000:]}")
    # ru_maxrss is in kilobytes on Linux.
    peak_kb = int(errors.rsplit("@@rusage ", 1)[1].split()[0])
    return Run(seconds, peak_kb / 1024, child.stdout, child.returncode, errors.rsplit("\n@@rusage ", 1)[0])


def bayan(*args: str | Path) -> list[str]:
    """The command line of `python main.py ARGS`."""
    return [PYTHON, str(ROOT / "main.py"), *(str(a) for a in args)]


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def row(name: str, seconds: float, baseline: float | None = None, extra: str = "") -> str:
    ratio = f"{seconds / baseline:6.2f}x" if baseline else " " * 7
    return f"  {name:<44} {seconds:9.2f} s  {ratio}  {extra}".rstrip()


def annotated_project(n: int) -> Path:
    """A project holding jsonl_file(n): n statements, each with one annotator's spans (made once)."""
    path = OUT / f"annotated-{n}.bayan"
    if not path.exists():
        source = jsonl_file(n)
        tmp = fresh(OUT / f"annotated-{n}.part.bayan")
        measure(bayan("init", tmp))
        measure(bayan("import", tmp, source))
        tmp.replace(path)
    return path
