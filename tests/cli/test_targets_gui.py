"""File → Export… follows the command line's rules for targets: the worker calls the same export_to."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.formats.registry import READERS
from core.paths import SEED_STATEMENTS
from store.importer import import_records
from store.project import Project

pytest.importorskip("PySide6")


@pytest.fixture
def window(project: Project, tmp_path: Path, qtbot: Any) -> Iterator[Any]:
    from gui.main_window import MainWindow
    from gui.settings import Settings

    with SEED_STATEMENTS.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(SEED_STATEMENTS)), file=str(SEED_STATEMENTS))
    project.set_status(statement=1, annotator="amal", status="done")
    win = MainWindow(project, Settings.at(tmp_path / "settings.ini"), "amal", check_integrity=False)
    qtbot.addWidget(win)
    yield win
    win.undo_stack.clear()
    win.close()


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_gui_refuses_a_brat_collection_and_a_project_and_keeps_them(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from gui.transfer import Transfer

    transfer = Transfer(window.session, window)
    collection = tmp_path / "brat-data"
    collection.mkdir()
    (collection / "annotation.conf").write_text("[entities]\nPerson\n", encoding="utf-8")
    (collection / "doc.txt").write_text("years of work", encoding="utf-8")
    before = tree(collection)
    transfer.start_export(collection, fmt="brat", which="all")
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)
    assert str(collection) in transfer.last_message and "not a Bayan export" in transfer.last_message
    assert tree(collection) == before

    other = tmp_path / "other.bayan"
    Project.create(other, window.project.schema).close()
    content = other.read_bytes()
    transfer.start_export(other, fmt="jsonl")
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)
    assert "SQLite" in transfer.last_message
    assert other.read_bytes() == content

    out = tmp_path / "fresh"
    transfer.start_export(out, fmt="brat", which="all")
    qtbot.waitUntil(lambda: not transfer.busy(), timeout=20_000)
    assert (out / ".bayan-export").is_file() and (out / "amal").is_dir()
    assert sorted(n for n in os.listdir(tmp_path) if n.startswith(".")) == []
