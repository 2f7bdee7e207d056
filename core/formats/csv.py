"""CSV with a header: a `text` column, an optional `id` column, the rest goes to meta."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import BinaryIO

from core.errors import InputError
from core.formats.lines import physical_lines
from core.formats.report import Losses
from core.model import Record

# The inside of a quoted field up to its closing quote (or the end of the line): "" is a
# quote inside the field, a lone " closes it.
_QUOTED_PART = re.compile(r'[^"]*(?:""[^"]*)*')


def quote_state(line: str, in_quote: bool) -> tuple[bool, bool]:
    """Whether a line of excel-dialect CSV ends inside a quoted field, and whether that field opened on it.

    The csv module does not say where a field opened, and a quote that never closes makes
    it read the rest of the file as one field; this follows its reader (non-strict, as
    read_csv uses it) over one line so that the message can name that line. A field is
    quoted when its first character is "; after its closing quote the field runs on to
    the next comma with quotes taken literally, as csv does.
    """
    pos, end = 0, len(line)
    opened = False
    while True:
        if in_quote:
            inside = _QUOTED_PART.match(line, pos)
            assert inside is not None  # the pattern matches the empty string too
            pos = inside.end()
            if pos >= end:
                return True, opened
            in_quote, opened = False, False
            pos += 1
        elif pos < end and line[pos] == '"':
            in_quote, opened = True, True
            pos += 1
            continue
        comma = line.find(",", pos)
        if comma < 0:
            return False, False
        pos = comma + 1


class _Lines:
    """Physical lines of a UTF-8 stream (BOM optional), decoded one at a time.

    Decoding line by line, rather than through a buffered text wrapper, lets an
    encoding error name the line it is on; `number` is the last line handed out.
    `in_quote` and `opened` follow quoted fields across lines (`quote_state`).
    """

    def __init__(self, stream: BinaryIO, file: str) -> None:
        self.stream = stream
        self.file = file
        self.number = 0
        self.in_quote = False
        self.opened = 0
        self.done = False

    def __iter__(self) -> Iterator[str]:
        for raw in physical_lines(self.stream):
            self.number += 1
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    self.file, self.number, f"not UTF-8 text (byte {exc.start + 1} of the line)"
                ) from None
            # A line without a quote leaves the state as it was (most lines: no scan).
            if '"' in line:
                self.in_quote, opened = quote_state(line, self.in_quote)
                if opened:
                    self.opened = self.number
            yield line
        self.done = True

    def unclosed(self) -> InputError:
        return InputError(
            self.file, self.opened, 'a quoted field starts on this line and its " is never closed'
        )


def read_csv(stream: BinaryIO, file: str, losses: Losses | None = None) -> Iterator[tuple[int, Record]]:
    lines = _Lines(stream, file)
    reader = csv.reader(iter(lines))
    try:
        try:
            header = next(reader)
        except StopIteration:
            return
        if lines.done and lines.in_quote:
            raise lines.unclosed()
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
            # csv ends a field left open at the end of the file without a word: the
            # rest of the file would be one statement.
            if lines.done and lines.in_quote:
                raise lines.unclosed()
            if not row or all(not cell.strip() for cell in row):
                continue
            if [cell.strip() for cell in row] == header:
                raise InputError(file, first_line, "the header row again (CSV files joined together?); remove it")
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
        # Past the field size limit, most likely the same unclosed quote, still in progress.
        if lines.in_quote:
            raise InputError(file, lines.opened, f"not valid CSV: {exc} (a quoted field that starts here)") from None
        raise InputError(file, lines.number, f"not valid CSV: {exc}") from None
