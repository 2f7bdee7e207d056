"""Reading shared by the readers: UTF-8 lines (BOM optional, 1-based numbers) and strict JSON values."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, TextIO, TypeVar

from core.errors import InputError


def physical_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Each line with its ending, which may be LF, CRLF or a lone CR (old Mac and Excel files).

    Iterating a binary file splits at LF only; a CR anywhere but just before that LF
    means the line holds more lines, which are split as text mode would.
    """
    for raw in stream:
        cr = raw.find(b"\r")
        if cr < 0 or (cr == len(raw) - 2 and raw.endswith(b"\n")):
            yield raw
        else:
            yield from raw.splitlines(keepends=True)


def decoded_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, str]]:
    """Each line of a UTF-8 file without its line ending (LF, CRLF or CR), numbered from 1."""
    for number, raw in enumerate(physical_lines(stream), 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(file, number, f"not UTF-8 text (byte {exc.start + 1} of the line)") from None
        if line.endswith("\n"):
            line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
        yield number, line


T = TypeVar("T")

# JSON allows these raw inside strings, but str.splitlines() and JavaScript readers take
# them for line breaks and would cut a record in two; json.dumps escapes the rest.
_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")


def _escape_line_break(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_line(dumped: str) -> str:
    """A json.dumps result made safe to be one line of a JSONL file for every reader."""
    return _LINE_BREAKS.sub(_escape_line_break, dumped)


def write_lines(items: Iterable[T], out: TextIO, line: Callable[[T], str]) -> int:
    """Write `line(item)` and a newline for each item; returns how many were written."""
    count = 0
    for item in items:
        out.write(line(item))
        out.write("\n")
        count += 1
    return count


# ------------------------------------------------------------------ strict JSON
#
# Every JSON reader (the JSONL formats, Label Studio, format detection, the schema file)
# decodes through these, so a hostile file meets one set of limits and one wording:
# - NaN and Infinity are not JSON, and other tools cannot read them back;
# - integers must fit SQLite's 64-bit INTEGER (int() of thousands of digits is also slow,
#   and Python refuses more than 4300 with a message about sys.set_int_max_str_digits);
# - nesting is bounded well below Python's recursion limit, so that no later json.dumps or
#   json.loads of the same value (the store, an export) can hit a RecursionError;
# - a \uD800-\uDFFF escape may decode to a lone surrogate, which is not text and cannot be
#   stored as UTF-8, in keys as in values.

# Far deeper than any annotation file (a Label Studio task nests 8 levels), far below the
# recursion limit (1000), and below SQLite's own JSON depth limit (1000).
MAX_JSON_DEPTH = 128
_INT64 = range(-(2**63), 2**63)
# A literal of 19 digits or more may leave the 64-bit range; only texts holding such a run
# pay for the checked (slower) integer parsing. The run is found on the UTF-8 bytes with
# every ASCII digit made 0 and every other byte a space: a substring search, several times
# faster than a regex over the text (prodigy lines hold hundreds of numbers).
_RUN_OF_DIGITS = b"0" * 19
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
TOO_DEEP = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
LONE_SURROGATE = "a string holds a lone surrogate (\\uD800-\\uDFFF), which is not text"


class JSONRefused(ValueError):
    """JSON that is not valid, or valid but beyond what Bayan accepts; `line` counts from 1 in the text."""

    def __init__(self, reason: str, line: int = 1, *, syntax: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        # Not JSON at all (as opposed to JSON with a value beyond the limits).
        self.syntax = syntax


def _short(literal: str) -> str:
    return literal if len(literal) <= 24 else f"{literal[:12]}…({len(literal)} characters)"


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise JSONRefused(f"number {_short(literal)} is out of range")
    return value


def _int64(literal: str) -> int:
    # The length test comes first: it keeps int() away from huge literals.
    if len(literal) > 20 or int(literal) not in _INT64:
        raise JSONRefused(f"integer {_short(literal)} is out of range (64-bit integers only)")
    return int(literal)


def _no_constant(name: str) -> Any:
    raise JSONRefused(f"{name} is not valid JSON")


# One decoder of each kind for every call: json.loads with options would build one per call.
_DECODER = json.JSONDecoder(parse_float=_finite_float, parse_constant=_no_constant)
_CHECKED_DECODER = json.JSONDecoder(parse_float=_finite_float, parse_int=_int64, parse_constant=_no_constant)


def _has_long_number(text: str) -> bool:
    return _RUN_OF_DIGITS in text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO)


def json_depth(value: Any) -> int:
    """How deeply the arrays and objects of a decoded JSON value nest (a scalar: 0).

    Level by level, with exact type tests (the decoder makes plain dicts and lists): a
    Prodigy task of a long statement has hundreds of token objects, all on one level.
    """
    depth = 0
    level = [value]
    while True:
        containers = [item for item in level if type(item) is dict or type(item) is list]
        if not containers:
            return depth
        depth += 1
        level = []
        for item in containers:
            level.extend(item.values() if type(item) is dict else item)


def _has_lone_surrogate(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_value(text: str, value: Any) -> None:
    """What the decoder leaves to us: nesting and lone surrogates, each looked for only when
    the text could hold it (more brackets than the limit; a surrogate escape)."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and json_depth(value) > MAX_JSON_DEPTH:
        raise JSONRefused(TOO_DEEP)
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise JSONRefused(LONE_SURROGATE)


def parse_json(text: str) -> Any:
    """A whole JSON text, decoded under the limits above; JSONRefused says why not."""
    decoder = _CHECKED_DECODER if _has_long_number(text) else _DECODER
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise JSONRefused(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno, syntax=True) from None
    except RecursionError:
        raise JSONRefused(TOO_DEEP) from None
    except JSONRefused:
        raise
    except ValueError as exc:  # nothing else should raise one, but a reader must never crash
        raise JSONRefused(f"not valid JSON: {exc}") from None
    _check_value(text, value)
    return value


def decode_json_value(text: str, pos: int) -> tuple[Any, int]:
    """The JSON value that starts at `pos` of `text` (which may go on), and where it ends.

    For a stream read in chunks: json.JSONDecodeError means the value is not (yet) whole
    and is raised as it is; JSONRefused means the value is refused whatever follows.
    Integers are always checked here, since the value's extent is not known in advance.
    """
    try:
        value, end = _CHECKED_DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise JSONRefused(TOO_DEEP) from None
    except JSONRefused:
        raise
    except ValueError as exc:
        raise JSONRefused(f"not valid JSON: {exc}") from None
    _check_value(text[pos:end], value)
    return value, end
