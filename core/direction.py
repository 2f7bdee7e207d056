"""The base direction of a text, by its first strong character (Unicode bidi rules P2–P3)."""

from __future__ import annotations

import unicodedata


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew).

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
    return False
