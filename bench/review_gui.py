"""The reviewer's desk on N statements x 3 annotators (default 100,000) against the seeds, in-process.

    python bench/review_gui.py [--statements 100000] [--moves 200]

The project is bench/agreement.py's (made once in bench/out/: three annotators, about five
spans each, with the slips annotators make). Measured in this process, offscreen:

- opening the review mode (Project.open without the integrity check, composing the window
  for gold with its lanes, list and panel, showing it and its first statement) on the seed
  statements annotated the same way, and on the large project (target <= 1.5x the seeds);
  the disagreement scores are then computed off the GUI thread: the time until the list is
  filled is reported apart;
- moving to the next disagreement (F8: the statement, the gold text and three lanes,
  painted), median over many moves (target <= 20 ms), against the raw sqlite3 read of one
  statement's text and every annotator's spans measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from agreement import ANNOTATORS, team_project  # noqa: E402
from common import SEEDS, measure  # noqa: E402

from store.project import Project  # noqa: E402


def seed_team(folder: Path) -> Path:
    """The seed statements with the three annotators' work, made the same way as the large project's."""
    import random

    from agreement import _slipped, _truth, _words  # the large project's own generator

    source = folder / "seeds.jsonl"
    rng = random.Random(7)
    with source.open("w", encoding="utf-8") as out:
        for text in (line.strip() for line in SEEDS.read_text(encoding="utf-8").splitlines()):
            if not text:
                continue
            words = _words(text)
            truth = _truth(words, rng)
            for who in ANNOTATORS:
                record = {"text": text, "annotator": who, "status": "done", "spans": _slipped(truth, words, rng)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    path = folder / "seeds.bayan"
    measure([sys.executable, str(Path(__file__).resolve().parent.parent / "main.py"), "init", str(path)])
    measure([sys.executable, str(Path(__file__).resolve().parent.parent / "main.py"), "import", str(path), str(source)])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()
    big = team_project(args.statements)
    work = Path(tempfile.mkdtemp(prefix="bayan-review-bench-"))
    seeds = seed_team(work)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from gui.app import Workbench, compose
    from gui.settings import Settings

    settings = Settings.at(work / "settings.ini")

    def open_desk(path: Path) -> tuple[float, Workbench]:
        started = time.perf_counter()
        project = Project.open(path, check=False)
        bench = compose(project, settings, "gold", check_integrity=False, review=True)
        bench.window.resize(1400, 900)
        bench.window.show()
        app.processEvents()
        return time.perf_counter() - started, bench

    def scores_loaded(bench: Workbench) -> float:
        started = time.perf_counter()
        assert bench.review is not None
        while bench.review.order.count() == 0:
            app.processEvents()
            time.sleep(0.005)
        return time.perf_counter() - started

    def close(bench: Workbench) -> None:
        bench.window.close()
        bench.window.project.close()
        bench.window.deleteLater()
        app.processEvents()

    _, warm = open_desk(seeds)
    scores_loaded(warm)
    close(warm)
    seed_times: list[float] = []
    big_times: list[float] = []
    for _ in range(3):
        seconds, desk = open_desk(seeds)
        seed_times.append(seconds)
        scores_loaded(desk)
        close(desk)
        seconds, desk = open_desk(big)
        big_times.append(seconds)
        close(desk)

    _, desk = open_desk(big)
    fill = scores_loaded(desk)
    review = desk.review
    assert review is not None
    moves: list[float] = []
    for _ in range(args.moves):
        started = time.perf_counter()
        review.next_action.trigger()
        desk.window.editor.viewport().repaint()
        for view in review.lanes.views.values():
            view.viewport().repaint()
        app.processEvents()
        moves.append(time.perf_counter() - started)
    close(desk)

    conn = sqlite3.connect(f"file:{big}?mode=ro", uri=True)
    raw: list[float] = []
    for seq in range(1000, 1000 + args.moves):
        started = time.perf_counter()
        conn.execute("SELECT text FROM statements WHERE seq = ?", (seq,)).fetchone()
        conn.execute("SELECT annotator, start, end, label, attrs FROM spans WHERE statement = ?", (seq,)).fetchall()
        raw.append(time.perf_counter() - started)
    conn.close()

    seed_open, big_open = statistics.median(seed_times), statistics.median(big_times)
    move, raw_move = statistics.median(moves), statistics.median(raw)
    print(f"\nreview mode, {args.statements:,} statements x {len(ANNOTATORS)} annotators, against the seeds")
    print(f"  open, seeds            {seed_open * 1000:8.1f} ms")
    print(f"  open, large            {big_open * 1000:8.1f} ms   {big_open / seed_open:5.2f}x  (target <= 1.5x)")
    print(f"  list filled (off the GUI thread) after {fill:.1f} s")
    print(f"  next disagreement      {move * 1000:8.1f} ms median  (target <= 20 ms);"
          f" raw sqlite3 read of its rows {raw_move * 1000:.2f} ms ({move / raw_move:.0f}x)")
    print(json.dumps({"open_ratio": round(big_open / seed_open, 2), "open_ms": round(big_open * 1000, 1),
                      "next_disagreement_ms": round(move * 1000, 2), "list_filled_s": round(fill, 1)}))


if __name__ == "__main__":
    main()
