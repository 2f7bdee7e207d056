"""Word-level tokens of a statement, with code-point offsets (end exclusive).

The rules, by Unicode general category (checked on the Python's own Unicode data):

- **word**: a run of letters (L*), combining marks (M*, e.g. the Arabic harakat) and
  format characters (Cf: ZWJ, ZWNJ, bidi marks) that starts with a letter or a mark.
  Tatweel (U+0640) is a letter (Lm), so `كـــتاب` is one token. Clitics stay attached
  (`والنظام` is one token), so spans may start or end inside a token.
- **number**: a run of digits and other numbers (N*): Western `2118` and Arabic-Indic
  `٢١١٨` alike. A letter next to a digit starts a new token (`G7` is `G`, `7`).
- **punct**: each punctuation mark (P*) is a token of its own: `،` `؛` `؟` `«` `»` `.`.
- **symbol**: each symbol (S*) is a token of its own, and so is each emoji sequence:
  a ZWJ sequence (👨‍👩‍👧), a flag (two regional indicators, or a tag sequence),
  a keycap (`1️⃣`), an emoji with its skin tone modifier or variation selector.
- **other**: any other character that is not a separator (controls, private use,
  unassigned, a format character with nothing before it) is a token of its own.

Marks and format characters that follow a token join it, as in a grapheme cluster.
Separators are the characters for which `str.isspace()` is true, plus the zero width
space U+200B; they are never part of a token, and every other character is part of
exactly one token. CoNLL, Prodigy and token-level agreement use these tokens.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from typing import NamedTuple

ZERO_WIDTH_SPACE = "\u200b"
_ZWJ = "\u200d"
_KEYCAP = "\u20e3"
_REGIONAL_INDICATORS = (0x1F1E6, 0x1F1FF)
_SKIN_TONES = (0x1F3FB, 0x1F3FF)
_TAGS = (0xE0020, 0xE007F)


class Token(NamedTuple):
    """`text == statement[start:end]`; kind is word, number, punct, symbol or other.

    For code that wants one object per token; the writers and agreement read
    `token_columns`, which makes none.
    """

    text: str
    start: int
    end: int
    kind: str


def is_separator(ch: str) -> bool:
    """Whether a character separates tokens (and so belongs to none)."""
    return ch.isspace() or ch == ZERO_WIDTH_SPACE


def _escape(cp: int) -> str:
    return f"\\U{cp:08x}"


def _set(ranges: list[tuple[int, int]]) -> str:
    return "[" + "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges) + "]"


def _char_class(*parts: list[tuple[int, int]]) -> str:
    """A regex matching one character of the given ranges.

    `re` tests the characters above U+FFFF of a class one range at a time, so a big
    class would scan hundreds of ranges for every character it rejects; the lookahead
    keeps that scan for the rare characters outside the BMP.
    """
    ranges = sorted(r for part in parts for r in part)
    bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
    astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
    options = []
    if bmp:
        options.append(_set(bmp))
    if astral:
        options.append("(?=[\\U00010000-\\U0010ffff])" + _set(astral))
    return "(?:" + "|".join(options) + ")"


def _ranges_by_kind() -> dict[str, list[tuple[int, int]]]:
    """Code-point ranges of letters, marks, numbers, punctuation, symbols, format chars."""
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in "LMNPSF"}
    for cp in range(0x110000):
        cat = unicodedata.category(chr(cp))
        # F: format characters (Cf); other C* (controls, unassigned…) and Z* are in no class.
        kind = "F" if cat == "Cf" else cat[0]
        if kind not in out or chr(cp) == ZERO_WIDTH_SPACE:
            continue
        ranges = out[kind]
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return out


@cache
def _pattern() -> re.Pattern[str]:
    """The token regex, built once from the Unicode database (about 0.2 s)."""
    r = _ranges_by_kind()
    letter_or_mark = _char_class(r["L"], r["M"])
    in_word = _char_class(r["L"], r["M"], r["F"])
    number, punct, symbol = _char_class(r["N"]), _char_class(r["P"]), _char_class(r["S"])
    ri = _char_class([_REGIONAL_INDICATORS])
    # What may extend an emoji: marks (incl. variation selectors), skin tones, tags.
    extend = _char_class(r["M"], [_SKIN_TONES, _TAGS])
    # Marks and format characters (ZWJ among them) that follow a token join it.
    trailing = _char_class(r["M"], r["F"]) + "*"
    emoji = f"{symbol}{extend}*"
    keycap = f"[0-9#*]\\ufe0f?{_KEYCAP}"
    return re.compile(
        "|".join(
            [
                f"(?P<word>{letter_or_mark}{in_word}*)",
                f"(?P<number>(?:(?!{keycap}){number})+{trailing})",
                f"(?P<keycap>{keycap}{trailing})",
                f"(?P<punct>{punct}{trailing})",
                f"(?P<flag>{ri}{ri}{trailing})",
                f"(?P<symbol>{emoji}(?:{_ZWJ}{emoji})*{trailing})",
                f"(?P<other>[^\\s{ZERO_WIDTH_SPACE}]{trailing})",
            ]
        )
    )


# Token kinds by regex group number (lastindex is cheaper than lastgroup).
_KINDS = (None, "word", "number", "symbol", "punct", "symbol", "symbol", "other")


class TokenColumns(NamedTuple):
    """The tokens of a text as three parallel lists: `texts[i] == text[starts[i]:ends[i]]`.

    What the writers and agreement need, without a tuple per token.
    """

    texts: list[str]
    starts: list[int]
    ends: list[int]


def token_columns(text: str) -> TokenColumns:
    """The tokens of `text` in order (see the module's docstring for the rules), as columns.

    This is the one tokenizer: `tokenize`, the CoNLL and Prodigy writers and agreement all
    come here. The token regex alone gives the same tokens (the tests check it); most
    whitespace-separated chunks (str.split splits where `\\s` does) are one plain word
    (letters only) or one ASCII number and skip it.
    """
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    add_text, add_start, add_end = texts.append, starts.append, ends.append
    find = text.find
    category = unicodedata.category
    pos = 0
    chunks = text.split()
    # One separator between chunks and none around them (the usual statement): each
    # chunk starts one past the end of the last, with no need to look for it.
    single = len(text) - sum(map(len, chunks)) + 1 == len(chunks)
    for chunk in chunks:
        start = pos if single else find(chunk, pos)
        end = start + len(chunk)
        pos = end + single
        if chunk.isalpha() or (chunk.isdecimal() and chunk.isascii()):
            add_text(chunk)
            add_start(start)
            add_end(end)
        elif chunk[:-1].isalpha() and category(chunk[-1])[0] == "P":
            # A word and the mark after it (`السوري،`, `سوريا.`): the commonest other chunk.
            add_text(chunk[:-1])
            add_start(start)
            add_end(end - 1)
            add_text(chunk[-1])
            add_start(end - 1)
            add_end(end)
        else:
            for match in _pattern().finditer(text, start, end):
                a, b = match.span()
                add_text(match.group())
                add_start(a)
                add_end(b)
    return TokenColumns(texts, starts, ends)


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` in order, each with its kind.

    The kind comes from the regex alternative that matches the token's own text: the one
    that matched it in place (the tests compare both on every text they try).
    """
    match = _pattern().match
    out: list[Token] = []
    for x, s, e in zip(*token_columns(text), strict=True):
        found = match(x)
        assert found is not None  # the last alternative matches any character but a separator
        out.append(Token(x, s, e, str(_KINDS[found.lastindex or 7])))
    return out


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens of `text`, one at a time."""
    return iter(tokenize(text))


def token_pattern() -> re.Pattern[str]:
    """The token regex; its named groups are the kinds (`keycap` and `flag` are symbols)."""
    return _pattern()


def token_range(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """First and last (inclusive) token index that `[start, end)` overlaps.

    `starts`/`ends` are the tokens' offsets in order. A span that overlaps no token
    (it covers only separators) points at the token after it, or the last token.
    """
    first = bisect.bisect_right(ends, start)
    last = bisect.bisect_left(starts, end) - 1
    if first > last:
        at = min(first, len(starts) - 1)
        return at, at
    return first, last
