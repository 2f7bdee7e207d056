"""File → Import…/Export… through the worker thread: the store changes, or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton

from gui.main_window import MainWindow
from gui.transfer import Transfer
from store.project import Project


@pytest.fixture
def transfer(workbench: Any) -> Transfer:
    return workbench.transfer


def wait_done(qtbot: Any, transfer: Transfer) -> None:
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)


def test_import_a_txt_file_through_the_worker(
    window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path
) -> None:
    project: Project = window.project
    before = project.statement_count()
    source = tmp_path / "new.txt"
    source.write_text("بيان جديد أول\nبيان جديد ثان\n\nبيان جديد ثالث\n", encoding="utf-8")

    transfer.start_import([source])
    assert transfer.busy()
    wait_done(qtbot, transfer)

    assert project.statement_count() == before + 3
    assert project.statement(before + 3).text == "بيان جديد ثالث"  # type: ignore[union-attr]
    # The window reloaded: its list shows the new statements.
    assert window.list_model.rowCount() == before + 3
    assert "3 new statements" in transfer.last_message
    assert transfer.message_box is not None
    assert transfer.message_box.icon() == QMessageBox.Icon.Information


def test_a_bad_jsonl_shows_file_line_reason_and_changes_nothing(
    window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path
) -> None:
    project: Project = window.project
    before = project.statement_count()
    good = tmp_path / "good.txt"
    good.write_text("بيان سليم\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"text": "نص أول سليم", "annotator": "amal"}, ensure_ascii=False) + "\n"
        + json.dumps({"text": "نص", "annotator": "amal",
                      "spans": [{"start": 0, "end": 40, "label": "ACTOR"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )

    transfer.start_import([good, bad])
    wait_done(qtbot, transfer)

    box = transfer.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith(f"{bad}:2: ")
    assert "the project is unchanged" in box.text()
    # Both files were one transaction: the good one did not go in either.
    assert project.statement_count() == before
    assert window.list_model.rowCount() == before


def test_the_import_summary_lists_what_was_left_out_and_strict_refuses_it(
    window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path
) -> None:
    """One mechanism (core/formats/report.py): the reader counts, the summary says it, --strict refuses."""
    project: Project = window.project
    before = project.statement_count()
    source = tmp_path / "teach.jsonl"
    source.write_text(
        "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in [
            {"text": "بيان أول للتجربة", "label": "ACTOR", "answer": "reject"},
            {"text": " ", "answer": "accept"},
            {"text": "بيان ثان للتجربة", "label": "ACTOR", "answer": "reject"},
        ]),
        encoding="utf-8",
    )
    transfer.start_import([source], strict=True)
    wait_done(qtbot, transfer)
    assert transfer.message_box is not None and transfer.message_box.icon() == QMessageBox.Icon.Critical
    assert f"{source}:1: dropped 1 rejected suggestion; --strict refuses any loss" in transfer.last_message
    assert project.statement_count() == before

    transfer.start_import([source])
    wait_done(qtbot, transfer)
    assert project.statement_count() == before + 2
    lines = transfer.last_message.splitlines()
    assert lines[1:] == ["  dropped 2 rejected suggestions", "  skipped 1 blank text"]


def test_cancel_rolls_the_import_back(window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path) -> None:
    project: Project = window.project
    before = project.statement_count()
    source = tmp_path / "many.txt"
    source.write_text("".join(f"البيان رقم {i}\n" for i in range(5000)), encoding="utf-8")

    transfer.start_import([source])
    assert transfer.running is not None
    transfer.running.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    wait_done(qtbot, transfer)

    assert project.statement_count() == before
    assert "cancelled" in transfer.last_message
    assert window.statusBar().currentMessage() == transfer.last_message


def test_the_time_tracker_pauses_while_a_job_holds_the_project(
    window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path
) -> None:
    source = tmp_path / "some.txt"
    source.write_text("".join(f"البيان رقم {i}\n" for i in range(2000)), encoding="utf-8")
    assert window.time_tracker.is_running()
    transfer.start_import([source])
    assert window.time_tracker.is_paused() and not window.time_tracker.is_running()
    wait_done(qtbot, transfer)
    assert not window.time_tracker.is_paused() and window.time_tracker.is_running()


def test_window_stays_responsive_during_a_long_import(
    window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path
) -> None:
    source = tmp_path / "big.txt"
    source.write_text("".join(f"البيان الطويل رقم {i} عن الأسلحة\n" for i in range(60_000)), encoding="utf-8")
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    transfer.start_import([source])
    wait_done(qtbot, transfer)
    timer.stop()
    assert window.project.statement_count() >= 60_000
    assert len(ticks) >= 3, "the event loop ran while the worker imported"


def test_export_through_the_worker(window: MainWindow, transfer: Transfer, qtbot: Any, tmp_path: Path) -> None:
    window.project.set_status(statement=1, annotator="amal", status="done")
    out = tmp_path / "out.jsonl"
    transfer.start_export(out, fmt="jsonl", which="all")
    wait_done(qtbot, transfer)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == window.project.statement_count()
    assert json.loads(lines[0])["status"] == "done"
    assert "Wrote 10 records." in transfer.last_message


def test_a_brat_folder_summary_lists_its_losses_in_the_ui_language(
    window: MainWindow, transfer: Transfer, qtbot: Any, qapp: Any
) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from core.paths import RESOURCES

    news = Path(__file__).parent.parent / "data" / "real" / "brat" / "example-data" / "tutorials" / "news"
    transfer.start_import([news], annotator="ext", add_labels=True)
    wait_done(qtbot, transfer)
    assert transfer.last_message.splitlines()[1:] == [
        "  dropped 16 brat events (their trigger spans kept)",
        "  dropped 5 attributes of events or relations",
        "  kept 3 annotator notes in the statement note",
    ]
    translator = QTranslator()
    assert translator.load(str(RESOURCES / "translations" / "bayan_ar.qm"))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Transfer", "dropped %n brat events (their trigger spans kept)", "", 16) == (
            "أُسقط 16 حدثًا من brat (وحُفظت مقاطع محفّزاتها)"
        )
    finally:
        qapp.removeTranslator(translator)
