"""Project.label_counts: one annotator's spans per label of the schema, zeros included."""

from __future__ import annotations

from pathlib import Path

from core.formats.registry import READERS
from core.paths import SEED_STATEMENTS
from store.importer import import_records
from store.project import Project


def test_label_counts_per_annotator_with_zeros(project: Project, tmp_path: Path) -> None:
    with SEED_STATEMENTS.open("rb") as stream:
        import_records(project, READERS["txt"](stream, str(SEED_STATEMENTS)), file=str(SEED_STATEMENTS))
    assert project.label_counts("amal") == {"ACTOR": 0, "CLAIM": 0}  # an unknown annotator: zeros
    project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=3)
    project.add_span(statement=2, annotator="amal", label="ACTOR", start=0, end=3)
    project.add_span(statement=2, annotator="amal", label="CLAIM", start=4, end=10)
    project.add_span(statement=1, annotator="bilal", label="CLAIM", start=4, end=10)
    assert project.label_counts("amal") == {"ACTOR": 2, "CLAIM": 1}
    assert project.label_counts("bilal") == {"ACTOR": 0, "CLAIM": 1}
    assert list(project.label_counts("amal")) == ["ACTOR", "CLAIM"]  # in the schema's order
