"""Property tests for the one pair of code point <-> UTF-16 conversions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.offsets import Utf16Map, index_from_utf16, utf16_from_index

# Arabic, emoji (with ZWJ sequences and skin tones), flags, mathematical letters, combining marks.
PIECES = [
    "ا", "ل", "ح", "َ", "ّ", " ", "،", "a", "Z",
    "😀", "👩\u200d👩\u200d👧", "👍🏽", "🇸🇾", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "𝕏", "𝒜", "\u200d", "\U0010ffff", "\ufffd",
]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join) | st.text(max_size=40)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(texts, st.data())
def test_index_round_trips_through_utf16(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    position = utf16_from_index(text, index)
    assert position == utf16_len(text[:index])
    assert index_from_utf16(text, position) == index
    mapping = Utf16Map(text)
    assert mapping.to_utf16(index) == position
    assert mapping.from_utf16(position) == index


@given(texts, st.data())
def test_utf16_slice_is_the_code_point_slice(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    units = text.encode("utf-16-le")
    pa, pb = utf16_from_index(text, a), utf16_from_index(text, b)
    assert units[2 * pa : 2 * pb].decode("utf-16-le") == text[a:b]


@given(texts)
def test_position_inside_a_surrogate_pair_rounds_down(text: str) -> None:
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            middle = utf16_from_index(text, i) + 1
            assert index_from_utf16(text, middle) == i
            assert Utf16Map(text).from_utf16(middle) == i


def test_end_positions_and_bounds() -> None:
    text = "قال 😀 𝕏"
    assert utf16_from_index(text, len(text)) == utf16_len(text)
    assert index_from_utf16(text, utf16_len(text)) == len(text)
    with pytest.raises(ValueError):
        utf16_from_index(text, len(text) + 1)
    with pytest.raises(ValueError):
        index_from_utf16(text, utf16_len(text) + 1)
