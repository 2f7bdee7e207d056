"""Import from files and export to a file or folder: the one pipeline of the CLI and the GUI.

Both callers pass an open Project (the GUI's worker thread opens its own, since sqlite3
connections stay in their thread), a progress callback (fraction done, or None while
unknown) and a stop callback polled between records. An import of several files is one
transaction, so an error or a stop leaves the project unchanged; an export replaces its
target only when it is complete.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, BinaryIO, TypeVar

from core.errors import BayanError, InputError
from core.files import atomic_text_writer, export_folder
from core.formats.brat import CONFIG_FILES, check_export_folder
from core.formats.detect import detect_folder_format, detect_format
from core.formats.labelstudio import read_labelstudio
from core.formats.registry import (
    EXPORTS,
    FOLDER_READERS,
    READERS,
    FolderExportFormat,
    FolderReader,
    NetworkExportFormat,
)
from core.formats.report import Losses
from core.model import Record
from core.rules import name_problem
from store.export import iter_records
from store.importer import ImportReport, import_records
from store.network import Stopped, aggregate
from store.project import Project
from store.selection import FINISHED, RecordSelection

ProgressFn = Callable[[float | None], None]
StopFn = Callable[[], bool]
T = TypeVar("T")

# Records between two calls of the progress and stop callbacks.
CHECK_EVERY = 200
# Bytes read to recognize a file's format.
DETECT_BYTES = 1 << 20
# The name that stands for standard input, and how messages call it.
STDIN = "-"
STDIN_NAME = "<stdin>"
# The first bytes of every SQLite database file (its header string), and of a write-ahead log.
SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


class Cancelled(BayanError):
    """The user stopped the job; raised inside it so that its transaction rolls back."""


def _no_progress(_: float | None) -> None:
    return None


def _never() -> bool:
    return False


def import_formats() -> list[str]:
    return [*READERS, *FOLDER_READERS]


def _watched(
    items: Iterable[T], progress: ProgressFn, should_stop: StopFn, fraction: Callable[[], float | None]
) -> Iterator[T]:
    for count, item in enumerate(items, 1):
        if count % CHECK_EVERY == 0:
            if should_stop():
                raise Cancelled("stopped; nothing was changed")
            progress(fraction())
        yield item
    if should_stop():
        raise Cancelled("stopped; nothing was changed")


def import_files(
    project: Project,
    paths: Sequence[Path],
    *,
    fmt: str = "auto",
    annotator: str | None = None,
    add_labels: bool = False,
    strict: bool = False,
    text_key: str | None = None,
    progress: ProgressFn = _no_progress,
    should_stop: StopFn = _never,
) -> list[ImportReport]:
    """Import every path (a file, a folder of a folder format, or `-` for standard input) in one transaction.

    Each file's report counts what its reader left out or kept elsewhere (`losses`);
    with `strict`, any loss is an error instead and nothing is imported. `text_key` names
    the `data` field that holds a Label Studio task's text (default: `text`, or the task's
    only string field).
    """
    if annotator is not None:
        problem = name_problem(annotator, "the annotator's name")
        if problem is not None:
            raise InputError("--annotator", None, problem)
    if sum(str(p) == STDIN for p in paths) > 1:
        raise InputError(STDIN, None, "standard input can be read only once")
    # Sizes of regular files, for progress; None where the size is unknown (a pipe, a folder).
    sizes = [_size(p) for p in paths]
    total = max(sum(size or 0 for size in sizes), 1)
    reports: list[ImportReport] = []
    with project.atomic():
        before = 0
        for path, size in zip(paths, sizes, strict=True):
            options = _Options(annotator, add_labels, strict, text_key)
            reports.append(_import_one(project, path, fmt, options, progress, should_stop, before, total, size))
            before += size or 0
    progress(1.0)
    return reports


@dataclass(frozen=True, slots=True)
class _Options:
    annotator: str | None
    add_labels: bool
    strict: bool
    text_key: str | None


def _size(path: Path) -> int | None:
    if str(path) == STDIN:
        return None
    try:
        st = path.stat()
    except OSError:
        return None  # reported by the import itself, with its reason
    return st.st_size if stat.S_ISREG(st.st_mode) else None


class _Prefixed(io.RawIOBase):
    """The bytes already read from a stream (to tell its format), then the rest of it.

    A pipe cannot seek back; the reader gets the head from memory instead. `consumed`
    counts the bytes handed on, for progress.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self.head = memoryview(head)
        self.rest = rest
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
        else:
            n = self.rest.readinto(buffer) or 0  # type: ignore[attr-defined]
        self.consumed += n
        return n


def _read_head(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end of the stream (a pipe hands them out in pieces)."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _import_one(
    project: Project,
    path: Path,
    fmt: str,
    options: _Options,
    progress: ProgressFn,
    should_stop: StopFn,
    before: int,
    total: int,
    size: int | None,
) -> ImportReport:
    piped = str(path) == STDIN
    if not piped and path.is_dir():
        if fmt == "auto":
            fmt = detect_folder_format(path)
        if fmt not in FOLDER_READERS:
            raise InputError(str(path), None, f"is a folder, not a {fmt} file")
        return _import_folder(project, path, FOLDER_READERS[fmt], options, progress, should_stop)
    name = STDIN_NAME if piped else str(path)
    if fmt in FOLDER_READERS:
        raise InputError(name, None, f"{fmt} reads a folder, not a file")
    own = None if piped else _own_file(project, str(path))
    if own is not None:
        # Never opened: closing a descriptor of it would drop this process's locks on the
        # project (the window imports on a worker beside its own connection).
        raise InputError(name, None, f"is {own}, not a file to import")
    with ExitStack() as stack:
        # Unbuffered: _Prefixed does the buffering, so no byte is read ahead twice.
        if piped and sys.stdin is None:
            raise InputError(name, None, "there is no standard input to read")
        raw: BinaryIO = sys.stdin.buffer if piped else stack.enter_context(open(path, "rb", buffering=0))
        head = b""
        if fmt == "auto":
            head = _read_head(raw, DETECT_BYTES)
            fmt = detect_format(Path(name), head)
        source = _Prefixed(head, raw)
        stream = io.BufferedReader(source, buffer_size=1 << 16)

        def fraction() -> float | None:
            return None if size is None else (before + source.consumed) / total

        losses = Losses(strict=options.strict)
        reader = READERS[fmt]
        if options.text_key is not None:
            if fmt != "labelstudio":
                raise InputError(name, None, f"--ls-text-key is for Label Studio files, and this is read as {fmt}")
            reader = partial(read_labelstudio, text_key=options.text_key)
        records = _watched(reader(stream, name, losses), progress, should_stop, fraction)
        return import_records(
            project, records, file=name, annotator=options.annotator, add_labels=options.add_labels, losses=losses
        )


def _import_folder(
    project: Project,
    path: Path,
    reader: FolderReader,
    options: _Options,
    progress: ProgressFn,
    should_stop: StopFn,
) -> ImportReport:
    """Each document of a folder format is imported as its own file (for its messages).

    With --add-labels, the configuration that applies to a document (brat's annotation.conf)
    widens the schema first, once per configuration: its attributes and relation pairs are
    declared there, not in the documents.
    """
    report = ImportReport(file=str(path), losses=Losses(strict=options.strict))
    labels: list[str] = []
    applied: list[object] = []
    for doc in _watched(reader(path, report.losses), progress, should_stop, lambda: None):
        if options.add_labels and doc.conf is not None and not any(doc.conf is c for c in applied):
            applied.append(doc.conf)
            before = project.schema
            wider = doc.conf.widen(before)
            if wider != before:
                project.extend_schema(wider)
                labels += [name for name in wider.label_names if before.label(name) is None and name not in labels]
        r = import_records(
            project, [(doc.line, doc.record)], file=doc.file, annotator=options.annotator,
            add_labels=options.add_labels, lines=doc.lines,
        )
        report.records += r.records
        report.statements_added += r.statements_added
        report.spans_added += r.spans_added
        report.relations_added += r.relations_added
        labels += [name for name in r.labels_added if name not in labels]
    report.labels_added = tuple(labels)
    return report


def _checked(items: Iterable[T], should_stop: StopFn) -> Iterator[T]:
    for count, item in enumerate(items, 1):
        if count % CHECK_EVERY == 0 and should_stop():
            raise Cancelled("stopped; nothing was changed")
        yield item
    if should_stop():
        raise Cancelled("stopped; nothing was changed")


def _own_file(project: Project, path: str) -> str | None:
    """What `path` is of the project's own files (the project, its -wal, -shm, -journal), told by stat alone."""
    for own in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            if os.path.samefile(path, f"{project.path}{own}"):
                return "the project itself" if not own else f"the project's {own[1:]} file"
    return None


def _refuse_database(project: Project, out: str) -> None:
    """Refuse a target that is the project, another SQLite file, or a SQLite file's log or shared memory.

    Replacing it would lose the data of whoever uses it, perhaps at this moment. The
    project and its own `-wal`, `-shm` and `-journal` are told by stat alone, and any other
    `-wal`, `-shm` or `-journal` beside a file by its name: none of them is ever opened,
    since closing any descriptor of a file drops every POSIX lock this process's SQLite
    connections hold on it (PITFALLS.md), and SQLite keeps its locks on the main file and
    the `-shm`. Any other existing regular file is no file this process has a connection
    to, so its first 16 bytes are read to recognize a database.
    """
    real = os.path.realpath(out)
    own = _own_file(project, real)
    if own is not None:
        raise InputError(out, None, f"is {own}; exporting over it would destroy the project")
    for suffix in ("-wal", "-shm", "-journal"):
        if real.endswith(suffix) and os.path.isfile(real[: -len(suffix)]):
            raise InputError(out, None, "belongs to a SQLite database beside it; exporting over it would damage it")
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return  # a FIFO or a terminal is written, not replaced; never opened here (a FIFO would block)
        with open(real, "rb") as existing:
            head = existing.read(len(SQLITE_MAGIC))
    except OSError:
        return  # absent, or unreadable: the export itself reports what matters
    if head == SQLITE_MAGIC or head[:4] in WAL_MAGIC:
        raise InputError(out, None, "is a SQLite database (perhaps a Bayan project); exporting over it would destroy "
                                    "it; give another name")


def export_to(
    project: Project,
    out: str,
    *,
    fmt: str = "jsonl",
    annotator: str | None = None,
    which: str = FINISHED,
    force: bool = False,
    progress: ProgressFn = _no_progress,
    should_stop: StopFn = _never,
) -> int:
    """Write the project to `out` (a file, `-` for standard output, or a folder); returns records written.

    `annotator` and `which` ("done": records marked done; "all": every record and every
    untouched statement) choose the records (store/selection.py), as `--annotator` and
    `--status` do on the command line.

    `force` lets a folder format write into a non-empty folder that is not an earlier
    export; no file there that Bayan did not write is ever replaced (core/files.py).
    """
    exporter = EXPORTS[fmt]
    selection = RecordSelection.for_export(annotator, which)
    if out != "-":
        _refuse_database(project, out)
    if annotator is not None and annotator not in project.annotators():
        # A misspelt name would otherwise give an empty (or all-untouched) export.
        known = ", ".join(project.annotators()) or "none yet"
        raise InputError(str(project.path), None, f"no annotator {annotator!r} in this project (annotators: {known})")
    if isinstance(exporter, FolderExportFormat):
        check_export_folder(Path(out), fmt)
    if isinstance(exporter, NetworkExportFormat):
        # Aggregated in SQL, not from records: memory stays flat however large the network.
        try:
            with aggregate(
                project, selection=selection, progress=progress, should_stop=should_stop
            ) as network, atomic_text_writer(out) as target:
                exporter.write(_checked(network.nodes(), should_stop), _checked(network.edges(), should_stop),
                               target, project.schema)
        except Stopped:
            raise Cancelled("stopped; nothing was changed") from None
        progress(1.0)
        return network.records
    total = max(project.statement_count(), 1)
    seen = 0

    def fraction() -> float:
        return min(seen / total, 1.0)

    def counted(rows: Iterable[Record]) -> Iterator[Record]:
        nonlocal seen
        for record in _watched(rows, progress, should_stop, fraction):
            seen += 1
            yield record

    with closing(iter_records(project, selection)) as rows:
        if isinstance(exporter, FolderExportFormat):
            # A folder appears whole where the file system allows, and never over others' files.
            with export_folder(out, force=force, fixed=CONFIG_FILES) as folder:
                count = exporter.write(counted(rows), folder, project.schema)
        else:
            stream: IO[str]
            with atomic_text_writer(out) as stream:
                count = exporter.write(counted(rows), stream, project.schema)
    progress(1.0)
    return int(count)
