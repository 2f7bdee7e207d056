"""Shared fixtures. Qt runs offscreen in every test; each test gets its own BAYAN_HOME."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAYAN_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.bayan"


@pytest.fixture
def project(project_path: Path) -> Iterator[object]:
    from core.paths import DEFAULT_SCHEMA
    from core.schema import load_schema
    from store.project import Project

    store = Project.create(project_path, load_schema(DEFAULT_SCHEMA))
    yield store
    store.close()


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    """A closed project file holding the seed statements, for tests that run other processes."""
    from core.formats.registry import READERS
    from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
    from core.schema import load_schema
    from store.importer import import_records
    from store.project import Project

    path = tmp_path / "seeded.bayan"
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as store, SEED_STATEMENTS.open("rb") as stream:
        import_records(store, READERS["txt"](stream, str(SEED_STATEMENTS)), file=str(SEED_STATEMENTS))
    return path
