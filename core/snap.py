"""Snapping a selection to whole words, Arabic-aware, in code-point offsets.

An annotator's drag or Shift+arrow selection rarely lands exactly on word edges; a
label key takes the words the selection touches. Letters, combining marks (harakat),
tatweel and digits of any script form words; whitespace and punctuation (Arabic ، ؛ ؟
included) at the edges are dropped. Grapheme clusters are never split, so an emoji
with its modifiers or a letter with its harakat stays whole even in exact mode.
"""

from __future__ import annotations

import unicodedata

from core.schema import Proclitics

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


def snap_to_words(
    text: str, start: int, end: int, proclitics: Proclitics | None = None
) -> tuple[int, int] | None:
    """The whole words that `[start, end)` touches, without edge spaces or punctuation, and
    without the label's `proclitics` at the start of the first word (see without_proclitics).

    None when the selection holds nothing but spaces and punctuation.
    """
    start, end = sorted((max(0, start), min(len(text), end)))
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    if start == end:
        return None
    # Words and whole clusters, until neither widens it: a cluster can end in a mark that a
    # word goes on from (an emoji with a haraka), and a word can end in a joiner that starts
    # a cluster. Snapping its own result then changes nothing.
    while True:
        wider = cluster_bounds(text, start, end)
        while wider[0] > 0 and is_word_char(text[wider[0]]) and is_word_char(text[wider[0] - 1]):
            wider = (wider[0] - 1, wider[1])
        while wider[1] < len(text) and is_word_char(text[wider[1] - 1]) and is_word_char(text[wider[1]]):
            wider = (wider[0], wider[1] + 1)
        wider = cluster_bounds(text, *wider)
        if wider == (start, end):
            break
        start, end = wider
    if proclitics is not None and proclitics.letters:
        start = without_proclitics(text, start, end, proclitics)
    return start, end


TATWEEL = "\u0640"
ALEFS = "اٱ"  # the article's alef: plain, or alef wasla as vocalized texts write it
MAX_PROCLITICS = 2  # و + ب in «وبالأمم»: Arabic stacks at most two one-letter proclitics before a noun


def _letters(text: str, start: int, end: int) -> int:
    """How many letters [start, end) holds: harakat and tatweel are not letters of their own."""
    return sum(1 for ch in text[start:end] if unicodedata.category(ch) in ("Lo", "Lu", "Ll") and ch != TATWEEL)


def _after_letter(text: str, i: int, end: int) -> int:
    """The offset after the letter at `i` and what follows it as its own: harakat and the rest
    of its cluster (a joiner), and tatweel."""
    i += 1
    while i < end and (_continues_cluster(text, i) or text[i] == TATWEEL):
        i += 1
    return i


def _starts_with_article(text: str, i: int, end: int) -> bool:
    """Whether [i, end) starts with «ال» (harakat allowed) followed by at least two letters."""
    if i >= end or text[i] not in ALEFS:
        return False
    i = _after_letter(text, i, end)
    if i >= end or text[i] != "ل":
        return False
    return _letters(text, _after_letter(text, i, end), end) >= 2


def without_proclitics(text: str, start: int, end: int, proclitics: Proclitics) -> int:
    """The start of [start, end) after the one-letter proclitics of its first word that the
    label leaves out (Label.proclitics), at most two; the start itself when none is.

    `before-article`: only when what remains starts with «ال» and at least two letters
    (والحكومة → الحكومة, وبالأمم → الأمم), since a letter before the article cannot be the
    word's own. «للحكومة» stays whole: after the preposition ل the article's alef is not
    written (ل + الحكومة = للحكومة), so no «ال» is left to find, and leaving out one ل would
    give «لحكومة», which is no word. `always`: whenever at least two letters remain (ودعم →
    دعم), at the known risk of words whose first letter is a root letter (وزارة → زارة).

    Offsets stay code points; the harakat and tatweel after a proclitic go with it, so the
    result never splits a cluster and lies within [start, end).
    """
    word_end = start
    while word_end < end and is_word_char(text[word_end]):
        word_end += 1
    cuts: list[int] = []  # where the word would start after leaving out 1, 2 proclitics
    i = start
    while len(cuts) < MAX_PROCLITICS and i < word_end and text[i] in proclitics.letters:
        i = _after_letter(text, i, word_end)
        if _letters(text, i, word_end) < 2:
            break
        cuts.append(i)
    if proclitics.when == "always":
        return cuts[-1] if cuts else start
    return next((cut for cut in cuts if _starts_with_article(text, cut, word_end)), start)


def _word_edges(text: str) -> list[int]:
    """Every offset where a word starts or ends (the edges a boundary moves between by words)."""
    edges = []
    for i in range(len(text) + 1):
        before = i > 0 and is_word_char(text[i - 1])
        after = i < len(text) and is_word_char(text[i])
        if before != after:
            edges.append(i)
    return edges


def _character_step(text: str, at: int, forward: bool) -> int:
    """The next grapheme-cluster edge after (or before) `at`."""
    step = 1 if forward else -1
    at += step
    while 0 < at < len(text) and _continues_cluster(text, at):
        at += step
    return max(0, min(len(text), at))


def moved_bounds(text: str, start: int, end: int, *, edge: str, by_word: bool, forward: bool) -> tuple[int, int] | None:
    """`[start, end)` with its `edge` ("start" or "end") one word (or one character) later or
    earlier; None when it cannot move that way (the span would be empty or leave the text).

    By words a boundary goes to the next word edge, so it stops at the start or end of a
    word and never takes in the space beyond; by characters it never splits a cluster.
    """
    moving = start if edge == "start" else end
    if by_word:
        edges = [e for e in _word_edges(text) if (e > moving if forward else e < moving)]
        if edge == "start":
            # A start goes to where words start; an end to where they end.
            edges = [e for e in edges if e < len(text) and is_word_char(text[e])]
        else:
            edges = [e for e in edges if e > 0 and is_word_char(text[e - 1])]
        if not edges:
            return None
        moved = edges[0] if forward else edges[-1]
    else:
        moved = _character_step(text, moving, forward)
    bounds = (moved, end) if edge == "start" else (start, moved)
    if not 0 <= bounds[0] < bounds[1] <= len(text) or bounds == (start, end):
        return None
    return bounds


def _cluster_edge(text: str, at: int) -> int:
    """`at`, or the start of the grapheme cluster it falls inside."""
    while 0 < at < len(text) and _continues_cluster(text, at):
        at -= 1
    return at


def dragged_bounds(
    text: str, start: int, end: int, *, edge: str, at: int, by_word: bool, proclitics: Proclitics | None = None
) -> tuple[int, int]:
    """`[start, end)` with its `edge` ("start" or "end") dragged by the mouse to offset `at`.

    By words the edge snaps as a label key does (the words the span would touch, a start
    without the label's proclitics); by characters (Alt) it goes to the nearest cluster edge.
    The other edge stays. A drag that would make the span empty or turn it inside out stops
    at one cluster from the other edge.
    """
    at = max(0, min(len(text), at))
    if edge == "end":
        snapped = snap_to_words(text, start, at) if by_word and at > start else None
        moved = snapped[1] if snapped is not None else (start if by_word else _cluster_edge(text, at))
        if moved <= start:
            moved = _character_step(text, start, True)
        return start, moved
    snapped = snap_to_words(text, at, end, proclitics) if by_word and at < end else None
    moved = snapped[0] if snapped is not None else (end if by_word else _cluster_edge(text, at))
    if moved >= end:
        moved = _character_step(text, end, False)
    return moved, end
