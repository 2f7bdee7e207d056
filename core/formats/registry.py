"""The formats Bayan reads and writes, by the names the CLI and the GUI offer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from core.formats.csv import read_csv
from core.formats.native import read_native, write_native
from core.formats.txt import read_txt
from core.model import Record
from core.schema import Schema

Reader = Callable[[BinaryIO, str], Iterator[tuple[int, Record]]]
TextWriter = Callable[[Iterable[Record], TextIO, Schema], int]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    description: str
    write: TextWriter
    suffix: str


READERS: dict[str, Reader] = {
    "txt": read_txt,
    "csv": read_csv,
    "jsonl": read_native,
}

EXPORTS: dict[str, ExportFormat] = {
    "jsonl": ExportFormat("jsonl", "Bayan's native JSONL", write_native, ".jsonl"),
}
