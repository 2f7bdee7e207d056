"""Review lanes: how each annotator's spans differ from the others', span by span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.review import AGREED, BOUNDARY, EXTRA, LABEL, MISSING, LaneSpan, lanes


def test_each_kind_of_difference() -> None:
    shown = lanes({
        "amal": [(0, 5, "ACTOR"), (10, 20, "CLAIM"), (30, 35, "ACTOR")],
        "badr": [(0, 5, "ACTOR"), (10, 18, "CLAIM"), (30, 35, "CLAIM"), (40, 45, "ACTOR")],
    })
    assert shown["amal"] == [
        LaneSpan(0, 5, "ACTOR", AGREED),
        LaneSpan(10, 20, "CLAIM", BOUNDARY),
        LaneSpan(30, 35, "ACTOR", LABEL),
        # badr's CLAIM over 30-35 and ACTOR 40-45: nothing of that label there in amal's lane.
        LaneSpan(30, 35, "CLAIM", MISSING, ("badr",)),
        LaneSpan(40, 45, "ACTOR", MISSING, ("badr",)),
    ]
    assert [s.kind for s in shown["badr"] if s.kind != MISSING] == [AGREED, BOUNDARY, LABEL, EXTRA]
    assert [s for s in shown["badr"] if s.kind == MISSING] == [LaneSpan(30, 35, "ACTOR", MISSING, ("amal",))]


def test_the_worst_difference_with_any_other_annotator_is_shown() -> None:
    shown = lanes({"a": [(0, 5, "ACTOR")], "b": [(0, 5, "ACTOR")], "c": []})
    assert shown["a"] == [LaneSpan(0, 5, "ACTOR", EXTRA)]  # c has nothing there
    assert shown["c"] == [LaneSpan(0, 5, "ACTOR", MISSING, ("a", "b"))]


def test_alone_everything_is_agreed() -> None:
    assert lanes({"a": [(3, 4, "CLAIM")]}) == {"a": [LaneSpan(3, 4, "CLAIM", AGREED)]}


spans = st.lists(
    st.tuples(st.integers(0, 20), st.integers(1, 10), st.sampled_from(["ACTOR", "CLAIM"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])
    ),
    max_size=5,
)


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), spans, min_size=1))
def test_every_own_span_is_shown_once_and_agreement_is_symmetric(work: dict[str, list[tuple[int, int, str]]]) -> None:
    shown = lanes(work)
    for name, own in work.items():
        mine = [(s.start, s.end, s.label) for s in shown[name] if s.kind != MISSING]
        assert mine == sorted(set(own))
    for name, lane in shown.items():
        for span in lane:
            if span.kind == AGREED:
                assert all((span.start, span.end, span.label) in work[o] for o in work if o != name)
