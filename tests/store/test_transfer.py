"""The import/export pipeline shared by the CLI and the GUI (store/transfer.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.formats import registry
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from store.project import Project
from store.transfer import Cancelled, export_to, import_files


@pytest.fixture
def seeded(project: Any) -> Project:
    import_files(project, [SEED_STATEMENTS])
    return project  # type: ignore[no-any-return]


def test_every_registered_export_format_writes(seeded: Project, tmp_path: Path) -> None:
    seeded.set_status(statement=1, annotator="amal", status="done")
    seeded.add_span(statement=1, annotator="amal", label="ACTOR", start=4, end=10)
    for name in registry.EXPORTS:
        out = tmp_path / f"out-{name}"
        assert export_to(seeded, str(out), fmt=name, which="all") >= 1, name
        assert out.exists(), name


def test_progress_reaches_the_end_and_a_stop_rolls_back(project: Any, tmp_path: Path) -> None:
    source = tmp_path / "p.txt"
    source.write_text("".join(f"سطر {i}\n" for i in range(1000)), encoding="utf-8")
    seen: list[float | None] = []
    import_files(project, [source], progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) > 2
    assert all(a is not None and b is not None and a <= b for a, b in zip(seen, seen[1:], strict=False))
    assert project.statement_count() == 1000

    other = tmp_path / "q.txt"
    other.write_text("سطر آخر\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        import_files(project, [other], should_stop=lambda: True)
    assert project.statement_count() == 1000


def test_a_folder_format_round_trips(seeded: Project, tmp_path: Path) -> None:
    seeded.add_span(statement=2, annotator="amal", label="ACTOR", start=0, end=4)
    seeded.set_status(statement=2, annotator="amal", status="done")
    out = tmp_path / "exported"
    assert export_to(seeded, str(out), fmt="brat") == 1
    with Project.create(tmp_path / "fresh.bayan", load_schema(DEFAULT_SCHEMA)) as fresh:
        (report,) = import_files(fresh, [out], fmt="auto")
        assert report.spans_added == 1
        assert fresh.statement_count() == 1


def test_a_folder_export_never_replaces_a_folder_of_other_files(seeded: Project, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.txt").write_text("years of work", encoding="utf-8")
    seeded.set_status(statement=1, annotator="amal", status="done")
    with pytest.raises(InputError, match="not empty"):
        export_to(seeded, str(home), fmt="brat")
    assert (home / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_export_refuses_the_project_itself_and_unknown_annotators(seeded: Project) -> None:
    size = seeded.path.stat().st_size
    with pytest.raises(InputError, match="project itself"):
        export_to(seeded, str(seeded.path))
    assert seeded.path.stat().st_size == size
    with pytest.raises(InputError, match="no annotator 'nobody'"):
        export_to(seeded, "-", annotator="nobody")
