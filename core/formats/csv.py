"""CSV with a header: a `text` column, an optional `id` column, the rest goes to meta."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from core.errors import InputError
from core.model import Record


def read_csv(stream: BinaryIO, file: str) -> Iterator[tuple[int, Record]]:
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text_stream)
    try:
        try:
            header = next(reader)
        except StopIteration:
            return
        if "text" not in header:
            raise InputError(file, 1, 'the header has no "text" column')
        if len(set(header)) != len(header):
            raise InputError(file, 1, "the header names a column twice")
        text_col = header.index("text")
        id_col = header.index("id") if "id" in header else None
        line = reader.line_num
        for row in reader:
            # A record may span several physical lines (quoted newlines): report its first.
            first_line, line = line + 1, reader.line_num
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
    except UnicodeDecodeError:
        raise InputError(file, reader.line_num + 1, "not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(file, reader.line_num, f"not valid CSV: {exc}") from None
    finally:
        text_stream.detach()
