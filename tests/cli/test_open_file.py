"""`bayan FILE.bayan` (what a file manager runs on a double click) opens the GUI on that file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import main


def test_a_project_file_alone_means_gui(tmp_path: Path) -> None:
    project = tmp_path / "مشروع.bayan"
    project.write_bytes(b"")
    assert main.opens_file([str(project)]) == ["gui", str(project)]
    upper = tmp_path / "P.BAYAN"
    upper.write_bytes(b"")
    assert main.opens_file([str(upper)]) == ["gui", str(upper)]


@pytest.mark.parametrize("args", [
    [], ["--help"], ["stats", "p.bayan"], ["gui"], ["missing.bayan"], ["init", "x.bayan"],
    ["p.bayan", "--annotator", "amal"], ["notes.txt"],
])
def test_every_other_command_line_is_unchanged(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.bayan").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main.opens_file(args) == args


def test_main_opens_the_window_on_the_file(seeded_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gui.app

    opened: list[tuple[str, str | None]] = []

    def fake_run(project: object, *, annotator: str | None = None, review: bool = False, **_: object) -> int:
        opened.append((str(project.path), annotator))  # type: ignore[attr-defined]
        project.close()  # type: ignore[attr-defined]
        return 0

    monkeypatch.setattr(gui.app, "run", fake_run)
    monkeypatch.setattr(sys, "argv", ["bayan", str(seeded_path)])
    with pytest.raises(SystemExit) as done:
        main.main()
    assert done.value.code == 0
    assert opened == [(str(seeded_path), None)]
