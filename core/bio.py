"""BIO tags of one label over a statement's tokens: the one rule the CoNLL export and agreement share.

Spans are character-level and tokens word-level (`core.tokenize`), so a span tags every
token it overlaps: a clitic inside a token takes the whole token. A span that covers only
separators tags the token after it (or the last token), as `token_range` says.

A token where a span starts is B; the other tokens a span overlaps are I unless another
span already starts there. Spans are taken by start, longer first, so two overlapping
spans of one label become one run of tags (B for the first, I after it, B again where
the second one starts inside the run), and an I always follows a B or an I: the tags are
always a valid BIO sequence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.tokenize import token_range

# What `bio_marks` maps a token to; a token it leaves out is O.
BEGIN = 1
INSIDE = 2


def bio_marks(starts: Sequence[int], ends: Sequence[int], ranges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Token index -> BEGIN or INSIDE for the tokens that the spans `ranges` of one label
    tag; the tokens left out are O.

    `starts`/`ends` are the tokens' offsets in order (`token_columns`), `ranges` the spans'
    `[start, end)`. Sparse, because agreement compares the tags of millions of tokens of
    which few are inside a span.
    """
    marks: dict[int, int] = {}
    if not starts:
        return marks
    for start, end in sorted(ranges, key=_by_start_longest_first):
        first, last = token_range(starts, ends, start, end)
        marks[first] = BEGIN
        for i in range(first + 1, last + 1):
            marks.setdefault(i, INSIDE)
    return marks


def _by_start_longest_first(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


def bio_tags(starts: Sequence[int], ends: Sequence[int], ranges: Iterable[tuple[int, int]], label: str) -> list[str]:
    """One tag per token (`O`, `B-label`, `I-label`): `bio_marks` written out, as CoNLL does."""
    tags = ["O"] * len(starts)
    names = ("O", f"B-{label}", f"I-{label}")
    for i, mark in bio_marks(starts, ends, ranges).items():
        tags[i] = names[mark]
    return tags
