"""The annotation window on a million statements against the seed project, in-process.

    python bench/gui_scale.py [--statements 1000000] [--moves 300]

Builds (once, cached in bench/out/) a project of N generated statements with the store's
importer, then measures in this process, offscreen:

- opening the window (Project.open without the O(size) integrity check, as the GUI does,
  plus building and showing MainWindow): seed project vs the large one (target <= 1.5x);
- resident memory after opening each (target: at most 150 MB more on the large one);
- moving to the next statement (Alt+Right's slot plus painting), median over many moves
  in the middle and at the end of the large project (target <= 20 ms), against the raw
  sqlite3 read of one statement's text and spans measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import OUT, txt_file  # noqa: E402
from core.formats.registry import READERS  # noqa: E402
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS  # noqa: E402
from core.schema import load_schema  # noqa: E402
from store.importer import import_records  # noqa: E402
from store.project import Project  # noqa: E402

ANNOTATOR = "bench"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build(path: Path, source: Path, fmt: str = "txt") -> None:
    """A project at `path` made from `source` by the store's importer, as a user would (built
    beside it and renamed into place, so an interrupted build leaves no half project)."""
    tmp = path.with_name(path.name + ".part")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    project = Project.create(tmp, load_schema(DEFAULT_SCHEMA), name=path.stem)
    with source.open("rb") as stream:
        import_records(project, READERS[fmt](stream, str(source)), file=str(source))
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the -wal folded in before the rename
    project.close()
    tmp.replace(path)


def window_opener(
    app: Any, settings: Any, annotator: str
) -> tuple[Callable[[Path], tuple[float, Any]], Callable[[Any], None]]:
    """Open a project's window as the GUI does (no integrity check, shown, events processed),
    timed; and close it with its project. Qt is imported by the caller, once it is wanted."""
    from gui.app import make_window

    def open_window(path: Path) -> tuple[float, Any]:
        started = time.perf_counter()
        project = Project.open(path, check=False)
        window = make_window(project, settings, annotator, check_integrity=False)
        window.show()
        app.processEvents()
        return time.perf_counter() - started, window

    def close(window: Any) -> None:
        window.close()
        window.project.close()
        window.deleteLater()
        app.processEvents()

    return open_window, close


def opening_figures(
    open_window: Callable[[Path], tuple[float, Any]],
    close: Callable[[Any], None],
    seed_path: Path,
    big_path: Path,
    *,
    rounds: int = 5,
    check_big: Callable[[Any], None] | None = None,
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Seconds to open, and RSS once open, of the seed project and the large one, alternately."""
    # Warm up Qt, fonts and the import machinery so neither measurement pays for them.
    _, warm = open_window(seed_path)
    close(warm)
    seed_times: list[float] = []
    big_times: list[float] = []
    rss_seed: list[float] = []
    rss_big: list[float] = []
    for _ in range(rounds):
        seconds, window = open_window(seed_path)
        seed_times.append(seconds)
        rss_seed.append(rss_mb())
        close(window)
        seconds, window = open_window(big_path)
        big_times.append(seconds)
        rss_big.append(rss_mb())
        if check_big is not None:
            check_big(window)
        close(window)
    return seed_times, big_times, rss_seed, rss_big


def large_project(n: int) -> Path:
    path = OUT / f"gui-{n}.bayan"
    if not path.exists():
        started = time.perf_counter()
        print(f"building {path} from {n:,} generated statements …", flush=True)
        build(path, txt_file(n))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--moves", type=int, default=300)
    args = parser.parse_args()

    big_path = large_project(args.statements)
    work = Path(tempfile.mkdtemp(prefix="bayan-gui-bench-"))
    seed_path = work / "seeds.bayan"
    build(seed_path, SEED_STATEMENTS)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from gui.settings import Settings

    settings = Settings.at(work / "settings.ini")

    open_window, close = window_opener(app, settings, ANNOTATOR)
    seed_times, big_times, rss_seed, rss_big = opening_figures(open_window, close, seed_path, big_path)

    # Moving through the large project: in the middle and at the very end (key order reads).
    _, window = open_window(big_path)
    total = window.project.statement_count()
    moves: list[float] = []
    for start in (total // 2, total - args.moves - 1):
        window.open_statement(start)
        app.processEvents()
        for _ in range(args.moves // 2):
            started = time.perf_counter()
            window.next_statement()
            window.editor.viewport().repaint()  # the paint the annotator waits for
            app.processEvents()
            moves.append(time.perf_counter() - started)
    rss_after_moves = rss_mb()
    close(window)

    # Baseline: raw sqlite3 reading what a move shows (the text, spans and status of one statement).
    conn = sqlite3.connect(big_path)
    raw: list[float] = []
    for seq in range(total // 2, total // 2 + args.moves):
        started = time.perf_counter()
        conn.execute("SELECT text FROM statements WHERE seq = ?", (seq,)).fetchone()
        conn.execute("SELECT id, label, start, end FROM spans WHERE statement = ? AND annotator = 1", (seq,)).fetchall()
        conn.execute("SELECT status FROM statement_status WHERE statement = ? AND annotator = 1", (seq,)).fetchone()
        raw.append(time.perf_counter() - started)
    conn.close()
    shutil.rmtree(work, ignore_errors=True)

    seed_open, big_open = statistics.median(seed_times), statistics.median(big_times)
    move, raw_move = statistics.median(moves), statistics.median(raw)
    growth = statistics.median(rss_big) - statistics.median(rss_seed)
    size_mb = big_path.stat().st_size / 1e6
    print(f"GUI scale: seed project (10 statements) vs {total:,} statements ({size_mb:,.0f} MB file)")
    print(f"  open window, seeds                 {seed_open * 1000:8.1f} ms")
    print(f"  open window, {total:>9,}          {big_open * 1000:8.1f} ms   ratio {big_open / seed_open:5.2f}x"
          f"   (target <= 1.5x)")
    print(f"  RSS after opening, seeds           {statistics.median(rss_seed):8.1f} MB")
    print(f"  RSS after opening, {total:>9,}    {statistics.median(rss_big):8.1f} MB   +{growth:.1f} MB"
          f"   (target <= +150 MB)")
    print(f"  RSS after {len(moves)} moves             {rss_after_moves:8.1f} MB")
    print(f"  next statement, median             {move * 1000:8.2f} ms   p95 "
          f"{sorted(moves)[int(len(moves) * 0.95)] * 1000:.2f} ms   (target <= 20 ms)")
    print(f"  raw sqlite3 read of one statement  {raw_move * 1000:8.3f} ms   GUI move / raw {move / raw_move:,.0f}x")
    ok = big_open / seed_open <= 1.5 and growth <= 150 and move <= 0.020
    print("  all targets met" if ok else "  TARGET MISSED")


if __name__ == "__main__":
    main()
