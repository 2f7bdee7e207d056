"""Snapping a selection to whole words, Arabic-aware, in code-point offsets.

An annotator's drag or Shift+arrow selection rarely lands exactly on word edges; a
label key takes the words the selection touches. Letters, combining marks (harakat),
tatweel and digits of any script form words; whitespace and punctuation (Arabic ، ؛ ؟
included) at the edges are dropped. Grapheme clusters are never split, so an emoji
with its modifiers or a letter with its harakat stays whole even in exact mode.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
ZWNJ = "\u200c"


def is_word_char(ch: str) -> bool:
    """Letters (Arabic tatweel is Lm), marks (harakat are Mn) and digits, plus the joiners."""
    return unicodedata.category(ch)[0] in "LMN" or ch in (ZWJ, ZWNJ)


def _is_edge_junk(ch: str) -> bool:
    """What a snapped span never starts or ends with: spaces, punctuation, controls, bare joiners."""
    return unicodedata.category(ch)[0] in "ZPC"


def _continues_cluster(text: str, i: int) -> bool:
    """Whether text[i] belongs to the grapheme cluster of text[i - 1]."""
    ch = text[i]
    prev = text[i - 1]
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    if ch == ZWJ:
        # A joiner after a space or punctuation joins nothing: let it not pull the space in.
        return not _is_edge_junk(prev)
    if prev == ZWJ and (unicodedata.category(ch) == "So" or ord(ch) >= 0x1F000):
        return True  # the next emoji of a ZWJ sequence (👩‍👩‍👧)
    if 0x1F3FB <= ord(ch) <= 0x1F3FF or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0020 <= ord(ch) <= 0xE007F:
        # Skin tones, variation selectors, tag characters (subdivision flags); stray after a space.
        return not _is_edge_junk(prev)
    if _is_regional(ch) and _is_regional(prev):
        # Regional indicators pair up from the start of their run: a flag is two of them.
        run = 0
        j = i - 1
        while j >= 0 and _is_regional(text[j]):
            run += 1
            j -= 1
        return run % 2 == 1
    return False


def _is_regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def cluster_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` widened so that it neither starts nor ends inside a grapheme cluster."""
    while 0 < start < len(text) and _continues_cluster(text, start):
        start -= 1
    while 0 < end < len(text) and _continues_cluster(text, end):
        end += 1
    return start, end


def exact_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The selection as selected (Alt+key), only kept from splitting a cluster."""
    start, end = sorted((max(0, start), min(len(text), end)))
    if start == end:
        return None
    return cluster_bounds(text, start, end)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole words that `[start, end)` touches, without edge spaces or punctuation.

    None when the selection holds nothing but spaces and punctuation.
    """
    start, end = sorted((max(0, start), min(len(text), end)))
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    if start == end:
        return None
    while start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
        end += 1
    return cluster_bounds(text, start, end)
