"""The overlap rule of a label (core/rules.py), for every value of Label.overlap."""

from __future__ import annotations

import pytest

from core.rules import overlap_conflict, overlap_problem
from core.schema import OVERLAP_RULES, Label

TEXT = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"
OUTER = (4, 26)  # الائتلاف الوطني السوري
INNER = (13, 19)  # الوطني
CROSSING = (13, 30)  # الوطني السوري إلى
APART = (31, 37)  # محاسبة


def label(overlap: str) -> Label:
    return Label("ACTOR", "#1e88e5", overlap=overlap)


# For each rule: (refused?, warned?) for a span nested in another, one crossing it, one apart.
EXPECTED = {
    "allow": {INNER: (False, False), CROSSING: (False, False), APART: (False, False)},
    "nested": {INNER: (False, False), CROSSING: (True, False), APART: (False, False)},
    "warn": {INNER: (False, True), CROSSING: (False, True), APART: (False, False)},
    "refuse": {INNER: (True, False), CROSSING: (True, False), APART: (False, False)},
}


def test_every_rule_value_is_covered() -> None:
    assert set(EXPECTED) == set(OVERLAP_RULES)


@pytest.mark.parametrize("rule", OVERLAP_RULES)
@pytest.mark.parametrize("new", [INNER, CROSSING, APART])
def test_each_rule_on_nested_crossing_and_apart_spans(rule: str, new: tuple[int, int]) -> None:
    refused, warned = overlap_problem(label(rule), [OUTER], *new, TEXT)
    assert (refused is not None, warned is not None) == EXPECTED[rule][new]
    # The order of the two spans does not matter: the outer one added after the inner one.
    again = overlap_problem(label(rule), [new], *OUTER, TEXT)
    assert (again[0] is not None, again[1] is not None) == EXPECTED[rule][new]


@pytest.mark.parametrize("rule", OVERLAP_RULES)
def test_the_same_range_is_the_same_span_never_a_conflict(rule: str) -> None:
    assert overlap_problem(label(rule), [OUTER], *OUTER) == (None, None)


def test_messages_name_the_rule_and_quote_the_other_span() -> None:
    reason, _ = overlap_problem(label("nested"), [OUTER], *CROSSING, TEXT)
    assert reason == (
        "ACTOR spans may lie inside one another but not cross (overlap: nested); "
        "this one crosses «الائتلاف الوطني السوري»"
    )
    reason, _ = overlap_problem(label("refuse"), [OUTER], *INNER)
    assert reason == "ACTOR spans may not overlap (overlap: refuse); this one overlaps [4, 26)"
    _, warning = overlap_problem(label("warn"), [APART, OUTER], *INNER, TEXT)
    assert warning == "this ACTOR overlaps another ACTOR, «الائتلاف الوطني السوري»"


def test_touching_spans_do_not_overlap() -> None:
    assert overlap_conflict(label("refuse"), [(0, 3)], 3, 12) is None
    assert overlap_conflict(label("refuse"), [(0, 4)], 3, 12) == (0, 4)
