"""The formats Bayan reads and writes, by the names the CLI and the GUI offer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from core.formats.brat import FolderDocument, read_brat, write_brat
from core.formats.conll import write_conll
from core.formats.csv import read_csv
from core.formats.doccano import read_doccano, write_doccano
from core.formats.labelstudio import read_labelstudio, write_labelstudio
from core.formats.native import read_native, write_native
from core.formats.network import Edge, Node, write_edge_csv, write_graphml
from core.formats.prodigy import read_prodigy, write_prodigy
from core.formats.report import Losses
from core.formats.txt import read_txt
from core.model import Record
from core.schema import Schema

# A reader reports what it leaves out (or keeps elsewhere) to the Losses it is given.
Reader = Callable[[BinaryIO, str, Losses], Iterator[tuple[int, Record]]]
TextWriter = Callable[[Iterable[Record], TextIO, Schema], int]
# A folder reader yields its documents, each naming the file it came from, the line of each
# annotation, and the configuration (brat's annotation.conf) that applies to it.
FolderReader = Callable[[Path, Losses], Iterator[FolderDocument]]
# A folder writer fills an empty folder (made and later renamed into place by the caller).
FolderWriter = Callable[[Iterable[Record], Path, Schema], int]
# A network writer streams nodes and edges the store has aggregated (in id order).
NetworkWriter = Callable[[Iterable[Node], Iterable[Edge], TextIO, Schema], None]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    description: str
    write: TextWriter
    suffix: str


@dataclass(frozen=True, slots=True)
class FolderExportFormat:
    """A format that is a folder of files (brat); `write` fills a fresh folder."""

    name: str
    description: str
    write: FolderWriter
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class NetworkExportFormat:
    """A network (GraphML, edge list): the store aggregates it, `write` streams the result."""

    name: str
    description: str
    write: NetworkWriter
    suffix: str


READERS: dict[str, Reader] = {
    "txt": read_txt,
    "csv": read_csv,
    "jsonl": read_native,
    "doccano": read_doccano,
    "prodigy": read_prodigy,
    "labelstudio": read_labelstudio,
}

FOLDER_READERS: dict[str, FolderReader] = {
    "brat": read_brat,
}

EXPORTS: dict[str, ExportFormat | FolderExportFormat | NetworkExportFormat] = {
    "jsonl": ExportFormat("jsonl", "Bayan's native JSONL", write_native, ".jsonl"),
    "doccano": ExportFormat("doccano", "doccano JSONL", write_doccano, ".jsonl"),
    "prodigy": ExportFormat("prodigy", "Prodigy/spaCy JSONL with tokens", write_prodigy, ".jsonl"),
    "conll": ExportFormat("conll", "CoNLL columns, one BIO column per label", write_conll, ".conll"),
    "brat": FolderExportFormat("brat", "brat standoff folder (.txt/.ann)", write_brat),
    "labelstudio": ExportFormat("labelstudio", "Label Studio JSON tasks", write_labelstudio, ".json"),
    "network": NetworkExportFormat("network", "actor-claim network (GraphML)", write_graphml, ".graphml"),
    "network-csv": NetworkExportFormat(
        "network-csv", "actor-claim network edge list (CSV)", write_edge_csv, ".csv"
    ),
}
