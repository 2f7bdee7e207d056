"""Plain text: one statement per line; blank lines skipped, surrounding whitespace trimmed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from core.formats.lines import decoded_lines
from core.formats.report import Losses
from core.model import Record


def read_txt(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    for number, line in decoded_lines(stream, file):
        # A BOM inside the file (files joined with `cat`) is not part of a statement.
        text = line.strip().lstrip("\ufeff").strip()
        if text:
            yield number, Record(id=None, text=text, status="todo")
