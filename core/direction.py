"""The base direction of a text, by its first strong character (Unicode bidi rules P2–P3)."""

from __future__ import annotations

import unicodedata


def strong_direction(text: str) -> bool | None:
    """True for right-to-left, False for left-to-right, by the first strongly directional
    character; None when there is none (empty, digits, punctuation): the caller decides.

    Symbols are skipped: a flag's regional indicators (🇸🇾) are bidi class L, yet carry no
    script, and an Arabic statement that opens with a flag is still Arabic.
    """
    for ch in text:
        if unicodedata.category(ch) == "So":
            continue
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew)."""
    return strong_direction(text) is True
