"""Import from files and export to a file or folder: the one pipeline of the CLI and the GUI.

Both callers pass an open Project (the GUI's worker thread opens its own, since sqlite3
connections stay in their thread), a progress callback (fraction done, or None while
unknown) and a stop callback polled between records. An import of several files is one
transaction, so an error or a stop leaves the project unchanged; an export replaces its
target only when it is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import IO, TypeVar

from core.errors import BayanError, InputError
from core.files import atomic_folder, atomic_text_writer
from core.formats.brat import check_export_folder
from core.formats.detect import detect_folder_format, detect_format
from core.formats.registry import EXPORTS, FOLDER_READERS, READERS, FolderExportFormat, NetworkExportFormat
from core.model import Record
from store.export import iter_records
from store.importer import ImportReport, import_records
from store.network import Stopped, aggregate
from store.project import Project

ProgressFn = Callable[[float | None], None]
StopFn = Callable[[], bool]
T = TypeVar("T")

# Records between two calls of the progress and stop callbacks.
CHECK_EVERY = 200
# Bytes read to recognize a file's format.
DETECT_BYTES = 1 << 20


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
    progress: ProgressFn = _no_progress,
    should_stop: StopFn = _never,
) -> list[ImportReport]:
    """Import every path (a file, or a folder of a folder format) in one transaction."""
    if annotator is not None and not annotator.strip():
        raise InputError("--annotator", None, "needs a name")
    sizes = [p.stat().st_size if p.is_file() else 0 for p in paths]
    total = max(sum(sizes), 1)
    reports: list[ImportReport] = []
    with project.atomic():
        before = 0
        for path, size in zip(paths, sizes, strict=True):
            reports.append(_import_one(project, path, fmt, annotator, add_labels, progress, should_stop, before, total))
            before += size
    progress(1.0)
    return reports


def _import_one(
    project: Project,
    path: Path,
    fmt: str,
    annotator: str | None,
    add_labels: bool,
    progress: ProgressFn,
    should_stop: StopFn,
    before: int,
    total: int,
) -> ImportReport:
    if path.is_dir():
        if fmt == "auto":
            fmt = detect_folder_format(path)
        if fmt not in FOLDER_READERS:
            raise InputError(str(path), None, f"is a folder, not a {fmt} file")
        return _import_folder(project, path, FOLDER_READERS[fmt], annotator, add_labels, progress, should_stop)
    if fmt in FOLDER_READERS:
        raise InputError(str(path), None, f"{fmt} reads a folder, not a file")
    with path.open("rb") as stream:
        if fmt == "auto":
            fmt = detect_format(path, stream.read(DETECT_BYTES))
            stream.seek(0)
        records = _watched(
            READERS[fmt](stream, str(path)), progress, should_stop, lambda: (before + stream.tell()) / total
        )
        return import_records(project, records, file=str(path), annotator=annotator, add_labels=add_labels)


def _import_folder(
    project: Project,
    path: Path,
    reader: Callable[[Path], Iterable[tuple[str, int, Record]]],
    annotator: str | None,
    add_labels: bool,
    progress: ProgressFn,
    should_stop: StopFn,
) -> ImportReport:
    """Each document of a folder format is imported as its own file (for its messages)."""
    report = ImportReport(file=str(path))
    labels: list[str] = []
    for file, line, record in _watched(reader(path), progress, should_stop, lambda: None):
        r = import_records(project, [(line, record)], file=file, annotator=annotator, add_labels=add_labels)
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


def export_to(
    project: Project,
    out: str,
    *,
    fmt: str = "jsonl",
    annotator: str | None = None,
    status: str = "done",
    progress: ProgressFn = _no_progress,
    should_stop: StopFn = _never,
) -> int:
    """Write the project to `out` (a file, `-` for standard output, or a folder); returns records written."""
    exporter = EXPORTS[fmt]
    if out != "-" and Path(out).exists() and Path(out).samefile(project.path):
        raise InputError(out, None, "is the project itself; exporting over it would destroy it")
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
                project, annotator=annotator, status=status, progress=progress, should_stop=should_stop
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

    with closing(iter_records(project, annotator=annotator, status=status)) as rows:
        if isinstance(exporter, FolderExportFormat):
            # A folder appears whole or not at all, like a file.
            with atomic_folder(out) as folder:
                count = exporter.write(counted(rows), folder, project.schema)
        else:
            stream: IO[str]
            with atomic_text_writer(out) as stream:
                count = exporter.write(counted(rows), stream, project.schema)
    progress(1.0)
    return int(count)
