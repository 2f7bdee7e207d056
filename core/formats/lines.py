"""Line reading shared by the line-based readers: UTF-8 (BOM optional), 1-based numbers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from core.errors import InputError


def decoded_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, str]]:
    """Each line of a UTF-8 file without its line ending (LF or CRLF), numbered from 1."""
    for number, raw in enumerate(stream, 1):
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
