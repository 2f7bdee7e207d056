"""Code-point offsets (Bayan's one unit) and Qt's UTF-16 positions.

Every offset in Bayan is a Python `str` index: Unicode code points, end exclusive.
Qt's QTextCursor counts UTF-16 code units, where a character outside the BMP
(emoji, flags, mathematical letters) counts two. These two functions are the only
place that knows about UTF-16; the GUI calls them at the widget boundary.
"""

from __future__ import annotations

import bisect


def _astral_positions(text: str) -> list[int]:
    """Code-point indices of the characters that take two UTF-16 units."""
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def utf16_from_index(text: str, index: int) -> int:
    """UTF-16 position of code-point `index` (0 ≤ index ≤ len(text))."""
    if not 0 <= index <= len(text):
        raise ValueError(f"index {index} outside 0..{len(text)}")
    return index + bisect.bisect_left(_astral_positions(text), index)


def index_from_utf16(text: str, position: int) -> int:
    """Code-point index of UTF-16 `position`.

    A position in the middle of a surrogate pair (which Qt never places a cursor at,
    but a stray value could) rounds down to the start of that character.
    """
    astral = _astral_positions(text)
    total = len(text) + len(astral)
    if not 0 <= position <= total:
        raise ValueError(f"UTF-16 position {position} outside 0..{total}")
    # Walk the astral characters: each one before `position` used two units.
    index = position
    for count, cp in enumerate(astral):
        utf16_start = cp + count
        if utf16_start >= position:
            break
        if utf16_start + 1 == position:
            return cp
        index -= 1
    return index


class Utf16Map:
    """Converts many offsets of one text without rescanning it each time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._astral = _astral_positions(text)

    def to_utf16(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)

    def from_utf16(self, position: int) -> int:
        if not self._astral:
            return position
        return index_from_utf16(self.text, position)
