"""The annotation window on a million statements that are nearly all done, in-process.

    python bench/gui_done.py [--statements 1000000] [--repeat 60]

Builds once (cached in bench/out/) a native JSONL file and imports it with the store's
importer, as a user would: N statements, all but ten marked done by the bench annotator
(the open ten spread: a quarter in, around the middle, near the end and the very last),
a few of its records with spans, and three other annotators (amal, basil, carim) each on
about 30% of the statements with three spans, a relation and a status (done, to do or
skipped). Then measures in this process, offscreen:

- opening the window (Project.open without the integrity check, as the GUI does, plus
  building and showing MainWindow): the seed project vs this one (target <= 1.5x), and
  resident memory after opening (target: at most 150 MB more);
- Ctrl+Return (MainWindow.mark_done_and_next: the status write, finding the next statement
  not done, opening and painting it), from an open statement to the next one in the same
  block, to one across blocks, and from the last one around to the first (the wrap);
- a label key on a selection (StatementEditor.apply_label: the span written through the
  undo stack, the window refreshed, painted);
- the progress update (MainWindow._update_progress);

each a median over `--repeat` repetitions (target <= 20 ms), each edit undone untimed
between repetitions, against raw sqlite3 doing the same store work in the same run (a
committed status or span write plus the read of one statement). Last, the store's three
answers from its counters (done count, first statement not done from the start, spans per
label) against the raw sqlite3 scans they replaced. `--profile FILE` writes a cProfile of
the timed GUI steps.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import OUT, annotated_record, txt_file  # noqa: E402
from bench.gui_scale import build, opening_figures, rss_mb, window_opener  # noqa: E402
from core.paths import SEED_STATEMENTS  # noqa: E402
from store.project import Project  # noqa: E402

ANNOTATOR = "bench"
OTHERS = ("amal", "basil", "carim")
# Share of the statements each other annotator worked on, and of the bench annotator's with spans.
OTHERS_SHARE = 0.3
BENCH_SPANS_SHARE = 0.05


def open_seqs(n: int) -> list[int]:
    """The ten statements the bench annotator has not done: spread, two pairs within one block."""
    spread = {n // 4, n // 2 - 3, n // 2, n // 2 + 1, n // 2 + 5000, 3 * n // 4, n - 3000, n - 40, n - 1, n}
    return sorted(seq for seq in spread if 1 <= seq <= n)


def write_source(n: int, path: Path) -> None:
    rng = random.Random(20261129)
    open_ = set(open_seqs(n))
    tmp = path.with_name(path.name + ".part")
    with txt_file(n).open(encoding="utf-8") as lines, tmp.open("w", encoding="utf-8") as out:
        for seq, line in enumerate(lines, 1):
            text = line.rstrip("\n")
            sid = f"d{seq}"
            record: dict[str, object] = {"id": sid, "text": text, "annotator": ANNOTATOR,
                                         "status": "todo" if seq in open_ else "done"}
            if rng.random() < BENCH_SPANS_SHARE and seq not in open_:  # the open ones are bare
                annotated = annotated_record(text, ANNOTATOR, rng)
                record.update(spans=annotated["spans"], relations=annotated["relations"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            for other in OTHERS:
                if rng.random() < OTHERS_SHARE:
                    annotated = annotated_record(text, other, rng)
                    annotated["id"] = sid
                    annotated["status"] = rng.choices(("done", "todo", "skipped"), (8, 1, 1))[0]
                    out.write(json.dumps(annotated, ensure_ascii=False) + "\n")
    tmp.replace(path)


def done_project(n: int) -> Path:
    path = OUT / f"gui-done-{n}.bayan"
    if path.exists():
        return path
    source = OUT / f"gui-done-{n}.jsonl"
    started = time.perf_counter()
    if not source.exists():
        print(f"writing {source} …", flush=True)
        write_source(n, source)
    print(f"importing it into {path} (the store's importer) …", flush=True)
    build(path, source, "jsonl")
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def p95_ms(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.95)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--profile", metavar="FILE", help="cProfile the timed GUI steps into FILE")
    args = parser.parse_args()
    n = args.statements

    big_path = done_project(n)
    work = Path(tempfile.mkdtemp(prefix="bayan-gui-done-"))
    seed_path = work / "seeds.bayan"
    build(seed_path, SEED_STATEMENTS)
    # The edits below are undone, but a copy keeps the cached project as built.
    path = work / big_path.name
    shutil.copyfile(big_path, path)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from gui.main_window import MainWindow
    from gui.settings import Settings

    settings = Settings.at(work / "settings.ini")
    # The open statements have no spans: the annotator ticked "do not ask again" when
    # Ctrl+Return first asked (gui/empty_done.py), so it marks them done as it would.
    settings.set_marks_empty_done_unasked(path)

    open_window, close = window_opener(app, settings, ANNOTATOR)

    def opens_on_the_first_not_done(window: MainWindow) -> None:
        assert window.current_seq == open_seqs(n)[0], "the window opens on the first statement not done"

    seed_times, big_times, rss_seed, rss_big = opening_figures(
        open_window, close, seed_path, path, check_big=opens_on_the_first_not_done
    )

    _, window = open_window(path)
    project = window.project
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()

    def timed(step: Callable[[], None], undo: Callable[[], None] | None = None) -> list[float]:
        times = []
        for _ in range(args.repeat):
            if profiler is not None:
                profiler.enable()
            started = time.perf_counter()
            step()
            window.editor.viewport().repaint()  # the paint the annotator waits for
            app.processEvents()
            times.append(time.perf_counter() - started)
            if profiler is not None:
                profiler.disable()
            if undo is not None:
                undo()
        return times

    opened = open_seqs(n)

    def undo() -> None:
        window.session.undo()  # writes the undo to the store, then moves the stack

    def ctrl_return(start: int) -> list[float]:
        expect = next((seq for seq in opened if seq > start), opened[0])

        def reopen() -> None:
            undo()
            window.open_statement(start)
            app.processEvents()

        def step() -> None:
            window.mark_done_and_next()
            assert window.current_seq == expect, (start, expect, window.current_seq)

        window.open_statement(start)
        app.processEvents()
        return timed(step, reopen)

    same_block = ctrl_return(n // 2)
    across = ctrl_return(n // 2 + 1)
    wrap = ctrl_return(n)

    # A label key on a selection: the second word of an open statement labelled ACTOR.
    window.open_statement(n // 2)
    app.processEvents()
    text = project.statement(n // 2).text  # type: ignore[union-attr]
    first_space = text.index(" ")
    word = (first_space + 1, text.index(" ", first_space + 1))

    def label_key() -> None:
        window.editor.select_text(*word)
        window.editor.apply_label("ACTOR")

    assert not project.spans(n // 2, ANNOTATOR), "each label key adds a span (and its undo removes it)"
    labels = timed(label_key, undo)
    progress = timed(window._update_progress)
    rss_after = rss_mb()
    counts = (project.done_count(ANNOTATOR), project.label_counts(ANNOTATOR))
    close(window)
    if profiler is not None:
        profiler.dump_stats(args.profile)

    # Raw sqlite3 on the same file: the store work of one step, and the scans the counters replaced.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    aid = conn.execute("SELECT id FROM annotators WHERE name = ?", (ANNOTATOR,)).fetchone()[0]

    def read_one(seq: int) -> None:
        conn.execute("SELECT text FROM statements WHERE seq = ?", (seq,)).fetchone()
        conn.execute("SELECT id, label, start, end FROM spans WHERE statement = ? AND annotator = ?",
                     (seq, aid)).fetchall()
        conn.execute("SELECT status FROM statement_status WHERE statement = ? AND annotator = ?",
                     (seq, aid)).fetchone()

    def raw_timed(step: Callable[[], None], undo: Callable[[], None]) -> list[float]:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            step()
            times.append(time.perf_counter() - started)
            undo()
        return times

    def set_raw_status(status: str) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE statement_status SET status = ? WHERE statement = ? AND annotator = ?",
                     (status, n // 2, aid))
        conn.execute("COMMIT")

    def raw_done() -> None:
        set_raw_status("done")
        read_one(n // 2 + 1)

    raw_status = raw_timed(raw_done, lambda: set_raw_status("todo"))

    def raw_span() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO spans(statement, annotator, label, start, end, text) VALUES (?, ?, 'ACTOR', ?, ?, ?)",
                     (n // 2, aid, *word, text[word[0]:word[1]]))
        conn.execute("COMMIT")
        read_one(n // 2)

    def raw_unspan() -> None:
        conn.execute("DELETE FROM spans WHERE statement = ? AND annotator = ? AND start = ? AND label = 'ACTOR'",
                      (n // 2, aid, word[0]))

    raw_label = raw_timed(raw_span, raw_unspan)
    scans: dict[str, list[float]] = {"count done": [], "first not done": [], "spans per label": []}
    for _ in range(5):
        for name, sql, params in (
            ("count done", "SELECT count(*) FROM statement_status WHERE annotator = ? AND status = 'done'", (aid,)),
            ("first not done", "SELECT s.seq FROM statements s WHERE s.seq > ? AND NOT EXISTS (SELECT 1 FROM"
             " statement_status st WHERE st.statement = s.seq AND st.annotator = ? AND st.status = 'done')"
             " ORDER BY s.seq LIMIT 1", (0, aid)),
            ("spans per label", "SELECT label, count(*) FROM spans WHERE annotator = ? GROUP BY label", (aid,)),
        ):
            started = time.perf_counter()
            conn.execute(sql, params).fetchall()
            scans[name].append(time.perf_counter() - started)
    conn.close()
    # The same three answers from the counters, through the store.
    counted: dict[str, list[float]] = {"count done": [], "first not done": [], "spans per label": []}
    with Project.open(path, check=False) as store:
        for _ in range(args.repeat):
            for name, call in (("count done", lambda: store.done_count(ANNOTATOR)),
                               ("first not done", lambda: store.first_open_statement(ANNOTATOR)),
                               ("spans per label", lambda: store.label_counts(ANNOTATOR))):
                started = time.perf_counter()
                call()
                counted[name].append(time.perf_counter() - started)
    shutil.rmtree(work, ignore_errors=True)

    seed_open, big_open = statistics.median(seed_times), statistics.median(big_times)
    growth = statistics.median(rss_big) - statistics.median(rss_seed)
    size_mb = big_path.stat().st_size / 1e6
    raw_s, raw_l = median_ms(raw_status), median_ms(raw_label)
    print(f"GUI on a done project: {n:,} statements, {counts[0]:,} done by {ANNOTATOR!r}, "
          f"{len(OTHERS)} other annotators ({size_mb:,.0f} MB file); medians of {args.repeat}")
    print(f"  open window, seeds                     {seed_open * 1000:8.1f} ms")
    print(f"  open window, done project              {big_open * 1000:8.1f} ms   ratio {big_open / seed_open:5.2f}x"
          "   (target <= 1.5x)")
    print(f"  RSS after opening, seeds               {statistics.median(rss_seed):8.1f} MB")
    print(f"  RSS after opening, done project        {statistics.median(rss_big):8.1f} MB   +{growth:.1f} MB"
          "   (target <= +150 MB)")
    rows = (
        ("Ctrl+Return, next in the same block", same_block, raw_s),
        ("Ctrl+Return, across 5,000 done", across, raw_s),
        ("Ctrl+Return, wrapping to the start", wrap, raw_s),
        ("label key on a selection", labels, raw_l),
        ("progress update", progress, None),
    )
    for name, times, raw in rows:
        ratio = f"   {median_ms(times) / raw:5.1f}x raw" if raw else ""
        print(f"  {name:<38} {median_ms(times):8.2f} ms   p95 {p95_ms(times):6.2f} ms{ratio}")
    print(f"  raw sqlite3: status write + read one   {raw_s:8.2f} ms   (synchronous=FULL, as the store)")
    print(f"  raw sqlite3: span write + read one     {raw_l:8.2f} ms")
    for name, times in scans.items():
        print(f"  {name + ', counters (store)':<38} {median_ms(counted[name]):8.3f} ms   "
              f"the scan it replaced (raw sqlite3) {median_ms(times):8.2f} ms")
    print(f"  RSS after the steps                    {rss_after:8.1f} MB")
    ok = (big_open / seed_open <= 1.5 and growth <= 150
          and all(median_ms(times) <= 20 for _, times, _ in rows))
    print("  all targets met" if ok else "  TARGET MISSED")


if __name__ == "__main__":
    main()
