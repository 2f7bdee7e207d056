"""A reviewer's whole task, as a user does it: three annotators' files merged, every disagreement
found and settled with the keyboard, the gold dataset exported and equal to what was decided."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from PySide6.QtCore import Qt

from core.paths import SEED_STATEMENTS
from gui.app import compose
from main import cli
from store.project import Project
from tests.gui.test_review import spans as spans_of

TEXTS = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()][:4]


def words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def test_merge_find_settle_export(tmp_path: Path, settings: Any, qtbot: Any) -> None:
    base = tmp_path / "base.bayan"
    seeds = tmp_path / "four.txt"
    seeds.write_text("\n".join(TEXTS) + "\n", encoding="utf-8")
    run("init", str(base))
    run("import", str(base), str(seeds))
    # Each annotator on their own copy: they agree on the first word's ACTOR everywhere;
    # on statement 2 amal takes two words, the others one.
    for who in ("amal", "badr", "carla"):
        copy = tmp_path / f"{who}.bayan"
        shutil.copyfile(base, copy)
        lines = []
        for k, text in enumerate(TEXTS):
            actor = words(text, 2 if (who == "amal" and k == 1) else 1)
            lines.append(json.dumps({"text": text, "annotator": who, "status": "done",
                                     "spans": spans_of(text, [(actor, "ACTOR")])}, ensure_ascii=False))
        work = tmp_path / f"{who}.jsonl"
        work.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run("import", str(copy), str(work))
    review_path = tmp_path / "review.bayan"
    shutil.copyfile(base, review_path)
    run("merge", str(review_path), *(str(tmp_path / f"{w}.bayan") for w in ("amal", "badr", "carla")))

    project = Project.open(review_path, check=False)
    desk = compose(project, settings, "gold", check_integrity=False, review=True)
    window, review = desk.window, desk.review
    assert review is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: review.order.count() == len(TEXTS), timeout=10_000)

    # Settle the agreed statements at once: Ctrl+K with k = 2 (the default majority of three).
    for seq in range(1, len(TEXTS) + 1):
        window.open_statement(seq)
        qtbot.keyClick(window.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    # F8: the one disagreement (statement 2). The reviewer decides for amal's two words.
    window.open_statement(1)
    qtbot.keyClick(window.editor, Qt.Key.Key_F8)
    assert window.current_seq == 2
    qtbot.keyClick(window.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    amal = review.lanes.views["amal"]
    assert amal.hasFocus()
    qtbot.keyClick(amal, Qt.Key.Key_Tab)
    qtbot.keyClick(amal, Qt.Key.Key_Return)
    # Gold had badr's and carla's one-word ACTOR from Ctrl+K: delete it in the gold text.
    editor = window.editor
    editor.setFocus()
    one_word = next(s for s in editor.spans if s.end - s.start == len(words(TEXTS[1], 1)))
    editor.select_span(one_word.id)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    for seq in range(1, len(TEXTS) + 1):  # every statement adjudicated
        window.open_statement(seq)
        qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.close()
    project.close()

    out = tmp_path / "gold.jsonl"
    run("export", str(review_path), str(out), "--annotator", "gold")
    gold = {r["text"]: sorted((s["text"], s["label"]) for s in r["spans"])
            for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    expected = {text: [(words(text, 2 if k == 1 else 1), "ACTOR")] for k, text in enumerate(TEXTS)}
    assert gold == expected
    # The annotators' own work is as they left it.
    with Project.open(review_path, read_only=True) as merged:
        assert [s.text for s in merged.spans(2, "amal")] == [words(TEXTS[1], 2)]
        assert [s.text for s in merged.spans(2, "badr")] == [words(TEXTS[1], 1)]
