"""Line reading shared by the line-based readers: UTF-8 (BOM optional), 1-based numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO, TypeVar

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
