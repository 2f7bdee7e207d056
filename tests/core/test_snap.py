from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.direction import is_right_to_left
from core.snap import cluster_bounds, exact_span, snap_to_words

TEXT = "دعا الائتلاف الوطني السوري، إلى تحرك المجتمع الدولي."


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_selection_inside_a_word_takes_the_whole_word() -> None:
    s, e = at("الائتلاف")
    assert snap_to_words(TEXT, s + 2, s + 4) == (s, e)


def test_trailing_space_and_arabic_comma_are_dropped() -> None:
    s, e = at("الوطني السوري")
    assert snap_to_words(TEXT, s, e + 2) == (s, e)  # "، " after it


def test_leading_space_and_final_full_stop_are_dropped() -> None:
    s, e = at("المجتمع الدولي")
    assert snap_to_words(TEXT, s - 1, len(TEXT)) == (s, e)


def test_harakat_and_tatweel_belong_to_the_word() -> None:
    text = "قالَ المُنظّمـة: لا"
    s, e = at("المُنظّمـة", text)
    assert snap_to_words(text, s + 3, s + 5) == (s, e)


def test_only_spaces_and_punctuation_give_nothing() -> None:
    assert snap_to_words(TEXT, TEXT.index("،"), TEXT.index("،") + 2) is None
    assert snap_to_words(TEXT, 3, 3) is None


def test_reversed_selection_is_ordered() -> None:
    s, e = at("الائتلاف")
    assert snap_to_words(TEXT, e, s) == (s, e)


def test_exact_span_keeps_characters_but_not_half_a_cluster() -> None:
    s, _ = at("الائتلاف")
    assert exact_span(TEXT, s + 1, s + 3) == (s + 1, s + 3)
    text = "بَيان"
    assert exact_span(text, 0, 1) == (0, 2)  # the fatha goes with its letter
    family = "a 👩\u200d👩\u200d👧 b"
    assert exact_span(family, 2, 3) == (2, 7)
    flags = "🇸🇾🇪🇬"
    assert cluster_bounds(flags, 1, 3) == (0, 4)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("اب تـَُ،.😀🇸🇾\u200d\u200cxY 1🏽")), max_size=30), st.data())
def test_snapped_span_is_inside_the_text_and_trimmed(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    result = snap_to_words(text, a, b)
    if result is None:
        return
    s, e = result
    assert 0 <= s < e <= len(text)
    # A space starts a span only when a stray combining mark sits on it (one cluster).
    assert not text[s].isspace() or unicodedata.category(text[s + 1]).startswith("M")
    assert not text[e - 1].isspace() and text[e - 1] not in "،."


@pytest.mark.parametrize(
    ("text", "rtl"),
    [("دعا الائتلاف", True), ("The coalition", False), ("123 قال", True), ("", False), ("«OPCW» قالت", False)],
)
def test_direction_by_first_strong_character(text: str, rtl: bool) -> None:
    assert is_right_to_left(text) is rtl


def test_moved_bounds_by_words_and_characters() -> None:
    from core.snap import moved_bounds

    text = "قال وزير الخارجية إن الهجوم 👩‍👩‍👧 مرفوض"
    start, end = text.index("وزير"), text.index("وزير") + len("وزير")
    grown = moved_bounds(text, start, end, edge="end", by_word=True, forward=True)
    assert grown is not None and text[grown[0]:grown[1]] == "وزير الخارجية"
    assert moved_bounds(text, *grown, edge="end", by_word=True, forward=False) == (start, end)
    earlier = moved_bounds(text, start, end, edge="start", by_word=True, forward=False)
    assert earlier is not None and text[earlier[0]:earlier[1]] == "قال وزير"
    # A proclitic off by one character, and never an empty span.
    shorter = moved_bounds(text, start, end, edge="start", by_word=False, forward=True)
    assert shorter is not None and text[shorter[0]:shorter[1]] == "زير"
    one = (start, start + 1)
    assert moved_bounds(text, *one, edge="end", by_word=False, forward=False) is None
    # By characters a boundary never splits the family emoji (one cluster of five code points).
    family = text.index("👩")
    after = moved_bounds(text, family - 6, family, edge="end", by_word=False, forward=True)
    assert after is not None and text[after[1] - 1] == "👧"
