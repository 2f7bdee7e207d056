"""Arabic normalization for search, with a map back to the original offsets.

SQLite's tokenizers neither strip harakat nor fold alef forms, ة or ى, so search
indexes and queries a normalized copy of the text. Normalization runs on NFC text
with explicit tables (NFD would turn ؤ into و plus a mark, then lose the hamza).
"""

from __future__ import annotations

# Characters dropped entirely: harakat, superscript alef, Quranic marks, tatweel.
_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan … hamza below, incl. 0653–0655
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
)

_FOLDED = {
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0671": "\u0627",  # ٱ → ا
    "\u0629": "\u0647",  # ة → ه
    "\u0649": "\u064a",  # ى → ي
}


def _fold(ch: str) -> str:
    if ch in _DROPPED:
        return ""
    folded = _FOLDED.get(ch)
    if folded is not None:
        return folded
    return ch.lower()


def normalize(text: str) -> str:
    """Search form of `text`: diacritics and tatweel gone, alef/ة/ى folded, lower case."""
    return "".join(_fold(ch) for ch in text)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The search form and, for each of its characters, the index it came from.

    The map has one extra entry, len(text), so a match ending at the end of the
    normalized text maps to the end of the original.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return "".join(out), origin


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of `query` in `text`, compared in search form, as original offsets.

    A match's end is extended over marks that follow its last letter, so the
    highlighted range covers the whole written word part (letter plus harakat).
    """
    needle = normalize(query)
    if not needle:
        return []
    haystack, origin = normalize_with_map(text)
    hits: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        stop = start + len(needle)
        begin = origin[start]
        end = origin[stop - 1] + 1
        while end < len(text) and text[end] in _DROPPED:
            end += 1
        hits.append((begin, end))
        start = haystack.find(needle, stop)
    return hits
