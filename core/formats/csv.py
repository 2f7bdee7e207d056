"""CSV with a header: a `text` column, an optional `id` column, the rest goes to meta."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from core.errors import InputError
from core.formats.lines import physical_lines
from core.model import Record


class _Lines:
    """Physical lines of a UTF-8 stream (BOM optional), decoded one at a time.

    Decoding line by line, rather than through a buffered text wrapper, lets an
    encoding error name the line it is on; `number` is the last line handed out.
    """

    def __init__(self, stream: BinaryIO, file: str) -> None:
        self.stream = stream
        self.file = file
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for raw in physical_lines(self.stream):
            self.number += 1
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    self.file, self.number, f"not UTF-8 text (byte {exc.start + 1} of the line)"
                ) from None


def read_csv(stream: BinaryIO, file: str) -> Iterator[tuple[int, Record]]:
    lines = _Lines(stream, file)
    reader = csv.reader(iter(lines))
    try:
        try:
            header = next(reader)
        except StopIteration:
            return
        # Spreadsheets often leave spaces around column names.
        header = [name.strip() for name in header]
        if "text" not in header:
            raise InputError(file, 1, 'the header has no "text" column')
        if len(set(header)) != len(header):
            raise InputError(file, 1, "the header names a column twice")
        text_col = header.index("text")
        id_col = header.index("id") if "id" in header else None
        line = lines.number
        for row in reader:
            # A record may span several physical lines (quoted newlines): report its first.
            first_line, line = line + 1, lines.number
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    file, first_line, f"{len(row)} columns where the header has {len(header)}"
                )
            text = row[text_col].strip()
            if not text:
                raise InputError(file, first_line, "the text is empty")
            meta = {
                name: value
                for i, (name, value) in enumerate(zip(header, row, strict=True))
                if i not in (text_col, id_col)
            }
            sid = row[id_col].strip() if id_col is not None else ""
            yield first_line, Record(id=sid or None, text=text, meta=meta, status="todo")
    except csv.Error as exc:
        raise InputError(file, lines.number, f"not valid CSV: {exc}") from None
