"""The overlap rule in the store's span writes (nothing written when refused)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from core.errors import EditRefused
from core.formats.txt import read_txt
from core.schema import OVERLAP_RULES, parse_schema
from store.importer import import_records
from store.project import Project

TEXT = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"
OUTER = (4, 26)
INNER = (13, 19)
CROSSING = (13, 30)
APART = (31, 37)


def schema_with(rule: str) -> dict[str, Any]:
    return {
        "labels": [
            {"name": "ACTOR", "color": "#1e88e5", "key": "a", "overlap": rule},
            {"name": "CLAIM", "color": "#f9a825", "key": "c"},
        ],
        "relations": [{"name": "CLAIMANT", "from": "ACTOR", "to": "CLAIM"}],
    }


@pytest.fixture(params=OVERLAP_RULES)
def rule(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(rule: str, tmp_path: Path) -> Any:
    with Project.create(tmp_path / "p.bayan", parse_schema(schema_with(rule))) as project:
        import_records(project, read_txt(io.BytesIO((TEXT + "\n").encode()), "t.txt"), file="t.txt")
        yield project


def refused(rule: str, new: tuple[int, int]) -> bool:
    return (rule == "refuse" and new != APART) or (rule == "nested" and new == CROSSING)


@pytest.mark.parametrize("new", [INNER, CROSSING, APART])
def test_add_span_follows_the_rule(store: Project, rule: str, new: tuple[int, int]) -> None:
    store.add_span(statement=1, annotator="amal", label="ACTOR", start=OUTER[0], end=OUTER[1])
    store.add_span(statement=1, annotator="omar", label="ACTOR", start=CROSSING[0], end=CROSSING[1])
    before = store.spans(1, "amal")
    if refused(rule, new):
        with pytest.raises(EditRefused, match=f"overlap: {rule}"):
            store.add_span(statement=1, annotator="amal", label="ACTOR", start=new[0], end=new[1])
        assert store.spans(1, "amal") == before
    else:
        store.add_span(statement=1, annotator="amal", label="ACTOR", start=new[0], end=new[1])
        assert len(store.spans(1, "amal")) == 2
    # Another label, and the same span again, are never refused.
    store.add_span(statement=1, annotator="amal", label="CLAIM", start=CROSSING[0], end=CROSSING[1])
    assert not store.add_span(statement=1, annotator="amal", label="ACTOR", start=OUTER[0], end=OUTER[1]).created


def test_moving_bounds_and_relabelling_follow_the_rule(store: Project, rule: str) -> None:
    store.add_span(statement=1, annotator="amal", label="ACTOR", start=OUTER[0], end=OUTER[1])
    apart = store.add_span(statement=1, annotator="amal", label="ACTOR", start=APART[0], end=APART[1]).id
    claim = store.add_span(statement=1, annotator="amal", label="CLAIM", start=CROSSING[0], end=CROSSING[1]).id
    if refused(rule, CROSSING):
        with pytest.raises(EditRefused, match=f"overlap: {rule}"):
            store.set_span_bounds(apart, *CROSSING)
        with pytest.raises(EditRefused, match=f"overlap: {rule}"):
            store.set_span_label(claim, "ACTOR")
        assert store.span(apart).start == APART[0]  # type: ignore[union-attr]
        assert store.span(claim).label == "CLAIM"  # type: ignore[union-attr]
    else:
        assert store.set_span_bounds(apart, *CROSSING) == APART
        store.set_span_bounds(apart, *APART)
        store.set_span_label(claim, "ACTOR")
    # A span moved within its own old range never conflicts with itself.
    assert store.set_span_bounds(apart, APART[0], APART[1] - 1) == APART
