"""brat's standoff format: a folder of `<doc>.txt` and `<doc>.ann` files.

Layout written (and read back):

```
OUT/annotation.conf         labels, relation types and attributes from the schema
OUT/visual.conf             the labels' colors
OUT/<annotator>/<doc>.txt   the statement's text, exactly (UTF-8, no added newline)
OUT/<annotator>/<doc>.ann   T lines (code-point offsets), R lines, A lines
OUT/<doc>.txt, <doc>.ann    statements nobody annotated (with --status all)
```

Each annotator is a brat collection (a subfolder), so every document is one statement as
one annotator left it. `<doc>` is the statement id made safe for any file system: letters,
digits, `-` and `_` stay, every other character becomes `%XX` per UTF-8 byte (so `.`,
`/`, `\\` and `:` never reach the file system and no name can leave the folder), Windows'
reserved names get their first letter escaped, and a name too long for a file system, or
one taken already (a case-insensitive disk), becomes a shortened prefix plus `~` and a
hash. The reader decodes the names back into statement and annotator ids; a hashed name
has no id (the statement is found by its text).

A span that crosses a line break is written as its pieces between the breaks (brat reads
a T line's text only up to one, nlplab/brat#786); a discontinuous span read from brat is
written with its own fragments, kept in statement meta (META_KEY). Attribute values have
their spaces replaced by `_`. Statement meta, notes and statuses are not part of brat;
read back, a document counts as done, except one at the top of the folder with no
annotations (todo: nobody worked on it).

The reader takes the documents in the folder (annotator from `--annotator`), in its
subfolders (the subfolder is the annotator: Bayan's layout) and in the collections below
those, MAX_DEPTH deep (brat's own trees: `--annotator`, and the path is the statement id).
Each document comes with the annotation.conf nearest above it (core/formats/brat_conf.py).
A discontinuous span is its fragments' hull; events, equivalences, normalizations and
attributes of events are counted as losses (core/formats/report.py); AnnotatorNotes go to
the statement note, each quoting what it is about.

A brat folder is untrusted input, so the reader opens only regular files inside it: a
symbolic link (to a file or a folder), a FIFO, a device or a socket among the documents is
refused with a message, never followed or read (a link to /etc/passwd would be imported
and exported again; /dev/zero never ends; a FIFO never answers, with the project's write
lock held). Files are opened without following links and without blocking, checked to be
regular once open, and refused above MAX_FILE_BYTES. Hidden files and folders are skipped.
Names that are not UTF-8, offsets that are not ASCII digits, and ids or annotators that
break a rule of core/rules.py are refused, each with the file it comes from.
"""

from __future__ import annotations

import errno
import os
import queue
import re
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from typing import Any

from core.errors import InputError
from core.formats.brat_conf import BratConf, parse_annotation_conf
from core.formats.report import Losses, LossKind
from core.model import ItemLines, Record, Relation, Span
from core.rules import is_offset, name_problem, span_problem, statement_id_problem
from core.schema import Schema

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
# Bytes of an encoded name, leaving room for ".ann" and a hash within 255.
_MAX_NAME = 180
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ONE_LINE = str.maketrans({ch: " " for ch in _LINE_BREAKS})
# A run of line breaks ("\r\n" is one break; several in a row leave no piece between them).
_BREAK = re.compile(f"[{_LINE_BREAKS}]+")
# Names that every rule of safe_name leaves as they are (the usual statement id).
_PLAIN = re.compile(f"[A-Za-z0-9_-]{{1,{_MAX_NAME}}}")


def _escape_char(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def safe_name(value: str) -> str:
    """A file name for any string: reversible by `name_value`, never a path."""
    if _PLAIN.fullmatch(value) and value.upper() not in _RESERVED:
        return value  # what the rules below make of it, found without them
    name = "".join(ch if (ch.isalnum() and ch.isprintable()) or ch in "-_" else _escape_char(ch) for ch in value)
    if name.split("%", 1)[0].upper() in _RESERVED or name.upper() in _RESERVED:
        name = _escape_char(value[0]) + name[1:]
    if len(name.encode("utf-8")) > _MAX_NAME:
        return hashed_name(value, name)
    return name


def hashed_name(value: str, name: str | None = None) -> str:
    """A short name for `value`: a prefix of its safe name, `~`, a hash (not reversible)."""
    name = name if name is not None else safe_name(value)
    prefix = name.encode("utf-8")[: _MAX_NAME // 2].decode("utf-8", "ignore")
    # Never cut an escape in half.
    cut = prefix.rfind("%")
    if cut >= 0 and cut > len(prefix) - 3:
        prefix = prefix[:cut]
    digest = blake2b(value.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    return f"{prefix}~{digest}"


# The digits of a %XX escape in a file name.
_HEX = frozenset("0123456789abcdefABCDEF")


def name_value(name: str) -> str | None:
    """The string a safe name was made from, or None for a hashed name.

    Raises UnicodeError when the escapes do not spell UTF-8 (a name Bayan did not write);
    an escaped surrogate comes back as one, for the rules of core/rules.py to refuse.
    """
    if "~" in name:
        return None
    out = bytearray()
    i = 0
    while i < len(name):
        escape = name[i + 1 : i + 3]
        if name[i] == "%" and len(escape) == 2 and all(c in _HEX for c in escape):
            out.append(int(escape, 16))
            i += 3
            continue
        out += name[i].encode("utf-8")
        i += 1
    return out.decode("utf-8", "surrogatepass")


def annotation_conf(schema: Schema) -> str:
    lines = ["[entities]", *schema.label_names, "", "[relations]"]
    for rel in schema.relations:
        # One line per type; brat takes a pair's alternatives as Arg1:A|B, Arg2:C, so a type
        # whose pairs are not one such product is written as several lines of one name.
        for starts, ends in _arg_groups(rel.pairs):
            lines.append(f"{rel.name}\tArg1:{'|'.join(starts)}, Arg2:{'|'.join(ends)}")
    # Spans of one annotator may nest and overlap; brat refuses that unless told.
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    attributes: dict[str, tuple[list[str], list[str]]] = {}
    for label in schema.labels:
        for attribute in label.attributes:
            targets, values = attributes.setdefault(attribute.name, ([], []))
            targets.append(label.name)
            values.extend(_attr_value(v) for v in attribute.values if _attr_value(v) not in values)
    for name, (targets, values) in attributes.items():
        lines.append(f"{name}\tArg:{'|'.join(targets)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


def _arg_groups(pairs: tuple[tuple[str, str], ...]) -> list[tuple[list[str], list[str]]]:
    """The pairs as (Arg1 types, Arg2 types) groups, each group every combination of its two lists."""
    by_start: dict[str, list[str]] = {}
    for start, end in pairs:
        by_start.setdefault(start, []).append(end)
    groups: dict[tuple[str, ...], list[str]] = {}
    for start, ends in by_start.items():
        groups.setdefault(tuple(ends), []).append(start)
    return [(starts, list(ends)) for ends, starts in groups.items()]


def visual_conf(schema: Schema) -> str:
    lines = ["[labels]", "", "[drawing]"]
    lines += [f"{label.name}\tbgColor:{label.color}" for label in schema.labels]
    return "\n".join(lines) + "\n"


def _attr_value(value: str) -> str:
    return "_".join(value.split())


def ann_text(record: Record) -> str:
    """The .ann file of one record."""
    lines: list[str] = []
    numbers: dict[str, int] = {}
    attribute = 0
    text = record.text
    brat = record.meta.get(META_KEY) if record.meta else None
    kept = brat.get("fragments") if isinstance(brat, dict) else None
    for n, span in enumerate(record.spans, 1):
        numbers[span.id] = n
        covered = text[span.start : span.end]
        pieces = None
        if isinstance(kept, dict):
            pieces = _stored_fragments(kept.get(fragments_key(span.label, span.start, span.end)), text,
                                       span.start, span.end)
        if pieces is None and _BREAK.search(covered):
            # brat reads a T line's text up to the line break (nlplab/brat#786): a span that
            # crosses one is written as its pieces between the breaks.
            pieces = line_fragments(text, span.start, span.end)
        if pieces:
            ranges = ";".join(f"{a} {b}" for a, b in pieces)
            lines.append(f"T{n}\t{span.label} {ranges}\t{' '.join(text[a:b] for a, b in pieces)}")
        else:
            lines.append(f"T{n}\t{span.label} {span.start} {span.end}\t{covered}")
        for name, value in span.attrs.items():
            attribute += 1
            lines.append(f"A{attribute}\t{name} T{n} {_attr_value(value)}")
    for n, rel in enumerate(record.relations, 1):
        lines.append(f"R{n}\t{rel.label} Arg1:T{numbers[rel.head]} Arg2:T{numbers[rel.tail]}")
    return "".join(line + "\n" for line in lines)


# The files every export writes at the top of the folder (checked before a long export starts).
CONFIG_FILES = ("annotation.conf", "visual.conf")


def check_export_folder(out: Path, fmt: str = "brat") -> None:
    """Refuse a target that can never be a folder: `-`, or a file. What may happen to an
    existing folder is core/files.py's export_folder's to decide."""
    if str(out) == "-":
        raise InputError(str(out), None, f"{fmt} writes a folder; give a folder name, not -")
    if out.exists() and not out.is_dir():
        raise InputError(str(out), None, f"is a file; {fmt} writes a folder")


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_REPLACE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
# Documents handed to each writer thread at a time, and batches waiting per thread:
# enough to keep the threads busy, few enough to bound memory.
_BATCH = 256
_QUEUED = 4
# Writer threads: creating a file is mostly the kernel's work, done without the GIL, so
# the files are created while the main thread reads and formats the next statements.
_THREADS = 2


def _put(path: str, text: str, flags: int) -> None:
    """Write `text` to `path` with raw system calls (no file object); raises FileExistsError
    for a taken name when `flags` has O_EXCL (on a case-insensitive disk, in any case)."""
    fd = os.open(path, flags, 0o644)
    try:
        data = memoryview(text.encode("utf-8", "surrogatepass"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


# One document: folder, file stem, what a hashed stem is made from, text, .ann text.
_Document = tuple[str, str, str, str, str]


def _write_documents(documents: list[_Document]) -> None:
    for where, stem, key, text, ann in documents:
        try:
            _put(f"{where}{stem}.txt", text, _NEW)
        except FileExistsError:
            stem = hashed_name(key)
            try:
                _put(f"{where}{stem}.txt", text, _NEW)
            except FileExistsError:
                raise InputError(f"{where}{stem}.txt", None, "two statements need the same file name") from None
        _put(f"{where}{stem}.ann", ann, _REPLACE)


class _Writers:
    """Threads that write documents in the background, in order within a thread.

    Documents are routed by their case-folded file stem, so two that may claim one name
    (on a case-insensitive disk) meet in one thread in statement order, and the first
    keeps the name as it would with no threads. The first error stops everything and is
    raised in the main thread.
    """

    def __init__(self, threads: int) -> None:
        self.queues: list[queue.Queue[list[_Document] | None]] = [queue.Queue(_QUEUED) for _ in range(threads)]
        self.batches: list[list[_Document]] = [[] for _ in range(threads)]
        self.error: BaseException | None = None
        self.threads = [threading.Thread(target=self._run, args=(q,), daemon=True) for q in self.queues]
        for thread in self.threads:
            thread.start()

    def _run(self, jobs: queue.Queue[list[_Document] | None]) -> None:
        while (batch := jobs.get()) is not None:
            if self.error is None:
                try:
                    _write_documents(batch)
                except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                    self.error = exc

    def add(self, document: _Document) -> None:
        if not self.queues:
            _write_documents([document])
            return
        n = hash(document[1].casefold()) % len(self.batches)
        batch = self.batches[n]
        batch.append(document)
        if len(batch) >= _BATCH:
            self._send(n)

    def _send(self, n: int) -> None:
        if self.error is not None:
            raise self.error
        self.queues[n].put(self.batches[n])
        self.batches[n] = []

    def close(self, flush: bool) -> None:
        """Wait for the threads (after writing what is left when `flush`); raise their error."""
        try:
            if flush:
                for n in range(len(self.batches)):
                    if self.batches[n]:
                        self._send(n)
        finally:
            if not flush:
                self.error = self.error or InterruptedError()
            for q in self.queues:
                q.put(None)
            for thread in self.threads:
                thread.join()
        if flush and self.error is not None:
            raise self.error


def write_brat(records: Iterable[Record], folder: Path, schema: Schema, *, threads: int = _THREADS) -> int:
    """Write a brat folder into `folder` (empty, made by the caller); returns documents written.

    `threads` writer threads create the files (0: the calling thread does).
    """
    _write(folder / "annotation.conf", annotation_conf(schema))
    _write(folder / "visual.conf", visual_conf(schema))
    top = os.path.join(folder, "")
    collections: dict[str, str] = {}
    writers = _Writers(threads)
    count = 0
    done = False
    try:
        for record in records:
            where = top
            if record.annotator is not None:
                where = collections.get(record.annotator, top)
                if where is top:
                    sub = folder / safe_name(record.annotator)
                    if sub.exists():
                        sub = folder / hashed_name(record.annotator)
                    sub.mkdir()
                    where = collections[record.annotator] = os.path.join(sub, "")
            sid = record.id if record.id is not None else ""
            stem = safe_name(sid) if sid else hashed_name(record.text)
            writers.add((where, stem, sid or record.text, record.text, ann_text(record)))
            count += 1
        done = True
    finally:
        writers.close(flush=done)
    return count


# ------------------------------------------------------------------- reading


# The largest .txt or .ann file read: far more than any statement and its annotations,
# little enough that a hostile file cannot exhaust memory.
MAX_FILE_BYTES = 16 << 20
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused once open).
_FILE_FLAGS = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(
    os, "O_BINARY", 0
)
_DIR_FLAGS = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
# Where the system allows it, files are opened relative to their folder's descriptor, so a
# folder swapped for a link after it was listed still leads nowhere else.
_RELATIVE = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd and os.scandir in os.supports_fd
_NOT_REGULAR = "is not a regular file (a folder, FIFO, device or socket); only regular files are read"
_LINK = "is a symbolic link; links in a brat folder are never followed"
# A T line's offsets: ASCII digits only (str.isdigit() and int() also take '٣', '²', '+3',
# ' 3' and '3_0'), and few enough to be an offset rather than a number int() chokes on.
_OFFSET = re.compile("[0-9]{1,15}")


class _Folder:
    """A folder of the brat tree: a descriptor to open its files by (or its path where the system has none)."""

    def __init__(self, path: str, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def where(self, name: str) -> tuple[str, int | None]:
        return (name, self.fd) if self.fd is not None else (os.path.join(self.path, name), None)

    def lstat(self, name: str) -> os.stat_result:
        where, fd = self.where(name)
        return os.stat(where, dir_fd=fd, follow_symlinks=False)

    def names(self) -> list[str]:
        """The sorted names of what may be a document (.ann, .txt) or a collection (a folder,
        or a link to refuse); hidden names left out.

        Names only, and only those: a collection of a million documents lists in little memory.
        """
        with os.scandir(self.fd if self.fd is not None else self.path) as listing:
            return sorted(
                entry.name for entry in listing
                if not entry.name.startswith(".") and (
                    entry.name.endswith((".ann", ".txt")) or entry.is_dir(follow_symlinks=False) or entry.is_symlink()
                )
            )

    def sub(self, name: str) -> _Folder:
        path = os.path.join(self.path, name)
        if self.fd is None:
            return _Folder(path, None)
        try:
            return _Folder(path, os.open(name, _DIR_FLAGS, dir_fd=self.fd))
        except OSError as exc:
            reason = _LINK if exc.errno in (errno.ELOOP, errno.ENOTDIR) else f"cannot read: {exc.strerror}"
            raise InputError(path, None, reason) from None

    def read(self, name: str) -> bytes:
        """The bytes of the regular file `name`; FileNotFoundError if absent, InputError for anything else."""
        file = os.path.join(self.path, name)
        try:
            before = self.lstat(name)
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise InputError(file, None, f"cannot read: {exc.strerror}") from None
        _check_regular(file, before)  # before opening: opening a device may do something
        where, fd = self.where(name)
        try:
            handle = os.open(where, _FILE_FLAGS, dir_fd=fd)
        except OSError as exc:
            reason = _LINK if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror}"
            raise InputError(file, None, reason) from None
        try:
            _check_regular(file, os.fstat(handle))  # what was opened, in case it was swapped meanwhile
            chunks: list[bytes] = []
            size = 0
            while chunk := os.read(handle, min(1 << 20, MAX_FILE_BYTES + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise InputError(file, None, _too_large())
            return b"".join(chunks)
        except OSError as exc:
            raise InputError(file, None, f"cannot read: {exc.strerror}") from None
        finally:
            os.close(handle)


def _too_large() -> str:
    return f"is larger than {MAX_FILE_BYTES >> 20} MiB; that is no brat document"


def _check_regular(file: str, st: os.stat_result) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise InputError(file, None, _LINK)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(file, None, _NOT_REGULAR)
    if st.st_size > MAX_FILE_BYTES:
        raise InputError(file, None, _too_large())


def _decoded(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(file, line, "not UTF-8 text") from None


def _utf8_name(name: str, file: str) -> None:
    """Refuse a file or folder name that is not UTF-8 (os.fsdecode turned its bytes into lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(file, None, "its name is not valid UTF-8; rename it") from None


def _name_value(name: str, file: str) -> str | None:
    try:
        return name_value(name)
    except UnicodeError:
        raise InputError(file, None, "its name's %XX escapes are not valid UTF-8; rename it") from None


# What a brat document holds that Bayan does not keep as it was (core/formats/report.py).
EVENTS = LossKind("brat_event", "dropped", "event (E line)", "events (E lines; their trigger spans are kept)")
EQUIVALENCES = LossKind("brat_equivalence", "dropped", "equivalence (* line)", "equivalences (* lines)")
NORMALIZATIONS = LossKind("brat_normalization", "dropped", "normalization (N line)", "normalizations (N lines)")
EVENT_ATTRIBUTES = LossKind(
    "brat_event_attribute", "dropped", "attribute of an event or relation", "attributes of events or relations"
)
EVENT_RELATIONS = LossKind("brat_event_relation", "dropped", "relation with an event argument",
                           "relations with event arguments")
NOTES = LossKind("brat_note", "kept", "annotator note (# line)", "annotator notes (# lines)",
                 " in the statement note", lost=False)
FRAGMENTS = LossKind("brat_fragments", "kept", "discontinuous span's fragments", "discontinuous spans' fragments",
                     " in statement meta (the span is their hull)", lost=False)

# Where a discontinuous span's fragments are kept: meta["brat"]["fragments"]["LABEL start end"].
META_KEY = "brat"


def fragments_key(label: str, start: int, end: int) -> str:
    return f"{label} {start} {end}"


def line_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) split at its line breaks (brat reads a T line's text up to the first):
    the pieces between them, empty pieces left out."""
    pieces: list[tuple[int, int]] = []
    at = start
    for found in _BREAK.finditer(text, start, end):
        if found.start() > at:
            pieces.append((at, found.start()))
        at = found.end()
    if at < end:
        pieces.append((at, end))
    return pieces


def _stored_fragments(value: Any, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Fragments kept in meta for a span, if they still describe it: whole numbers, in order,
    apart, inside [start, end) and reaching both ends, none holding a line break. Meta is
    the user's (a JSONL file may bring anything): what fails the test is not used."""
    if not isinstance(value, list) or len(value) < 2:
        return None
    out: list[tuple[int, int]] = []
    at = start
    for piece in value:
        if (not isinstance(piece, list) or len(piece) != 2 or not all(is_offset(v) for v in piece)
                or not at <= piece[0] < piece[1] <= end or _BREAK.search(text, piece[0], piece[1])):
            return None
        out.append((piece[0], piece[1]))
        at = piece[1]
    return out if out[0][0] == start and out[-1][1] == end else None


@dataclass(slots=True)
class AnnDocument:
    """What one .ann file holds that Bayan keeps, checked against its text."""

    first_line: int
    spans: list[Span]
    relations: list[Relation]
    lines: ItemLines
    note: str = ""
    # Discontinuous spans' fragments, by fragments_key (what export cannot work out alone).
    fragments: dict[str, list[list[int]]] = field(default_factory=dict)


def _fragments_of(ranges: str, text: str, file: str, number: int) -> list[tuple[int, int]]:
    fragments: list[tuple[int, int]] = []
    for piece in ranges.split(";"):
        bounds = [b for b in piece.split(" ") if b]
        if len(bounds) != 2 or not all(_OFFSET.fullmatch(b) for b in bounds):
            raise InputError(file, number, f"offsets {piece!r} must be two whole numbers in ASCII digits")
        fragment = (int(bounds[0]), int(bounds[1]))
        problem = span_problem(len(text), *fragment)
        if problem is not None:
            raise InputError(file, number, problem)
        # brat's own rule (server/src/annotation.py): a span's fragments do not overlap.
        if any(fragment[0] < b and a < fragment[1] for a, b in fragments):
            raise InputError(file, number, f"fragments of one span overlap at {piece.strip()!r}")
        fragments.append(fragment)
    return sorted(fragments)


def _quoted(span: Span) -> str:
    return "«" + span.text.translate(_ONE_LINE) + "»"


def record_from_ann(text: str, ann: str, file: str, losses: Losses | None = None) -> AnnDocument:
    """Spans, relations and notes of one .ann file, checked against its text; what Bayan
    cannot keep is counted in `losses` (events, equivalences, normalizations)."""
    losses = losses if losses is not None else Losses()
    spans: list[Span] = []
    span_lines: list[int] = []
    by_id: dict[str, Span] = {}
    relations: list[tuple[int, str, str, str, str]] = []  # line, id, type, Arg1, Arg2
    attrs: list[tuple[int, str, str, str]] = []
    notes: list[tuple[int, str, str, str]] = []  # line, kind, target, text
    events: dict[str, tuple[str, str]] = {}  # E id → (type, trigger)
    fragments: dict[str, list[list[int]]] = {}
    first_line = 0
    for number, raw in enumerate(ann.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if not first_line:
            first_line = number
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            fields, sep, covered = rest.partition("\t")
            parts = fields.split(" ", 1)
            if not sep or len(parts) != 2:
                raise InputError(file, number, "a T line is: id, tab, label start end, tab, text")
            label, ranges = parts
            pieces = _fragments_of(ranges, text, file, number)
            start, end = pieces[0][0], max(b for _, b in pieces)
            expected = " ".join(text[a:b] for a, b in pieces)
            if covered not in (expected, expected.translate(_ONE_LINE), text[start:end]):
                raise InputError(
                    file, number, f"text {covered!r} differs from the document's {expected!r} at [{start}, {end})"
                )
            if ident in by_id or ident in events:
                raise InputError(file, number, f"{ident} is defined twice")
            span = Span(start=start, end=end, label=label, text=text[start:end], id=ident)
            if len(pieces) > 1 and pieces != line_fragments(text, start, end):
                fragments[fragments_key(label, start, end)] = [list(p) for p in pieces]
                losses.add(FRAGMENTS, file, number)
            by_id[ident] = span
            spans.append(span)
            span_lines.append(number)
        elif kind == "R":
            parts = rest.split()
            if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
                raise InputError(file, number, "an R line is: id, tab, type Arg1:T… Arg2:T…")
            relations.append((number, ident, parts[0], parts[1][5:], parts[2][5:]))
        elif kind in ("A", "M"):
            parts = rest.split()
            if len(parts) not in (2, 3):
                raise InputError(file, number, "an A line is: id, tab, name target value")
            attrs.append((number, parts[1], parts[0], parts[2] if len(parts) == 3 else "true"))
        elif kind == "E":
            trigger = rest.split(" ", 1)[0]
            event_type, colon, trigger_id = trigger.partition(":")
            if not colon or not trigger_id:
                raise InputError(file, number, "an E line is: id, tab, type:trigger role:id …")
            events[ident] = (event_type, trigger_id)
            losses.add(EVENTS, file, number)
        elif kind == "#":
            head, _, note = rest.partition("\t")
            parts = head.split()
            if len(parts) != 2:
                raise InputError(file, number, "a # line is: id, tab, AnnotatorNotes target, tab, text")
            notes.append((number, parts[0], parts[1], note.strip()))
        elif kind == "N":
            losses.add(NORMALIZATIONS, file, number)
        elif kind == "*":
            losses.add(EQUIVALENCES, file, number)
        else:
            raise InputError(file, number, f"unknown annotation {ident!r}")
    attr_lines: dict[str, dict[str, int]] = {}
    for number, target, name, value in attrs:
        owner = by_id.get(target)
        if owner is not None:
            owner.attrs[name] = value
            attr_lines.setdefault(target, {})[name] = number
        elif target in events or any(target == r[1] for r in relations):
            losses.add(EVENT_ATTRIBUTES, file, number)
        else:
            raise InputError(file, number, f"attribute {name} refers to {target!r}, which is not in this file")
    kept: list[Relation] = []
    relation_lines: list[int] = []
    rel_by_id: dict[str, tuple[str, str, str]] = {}
    for number, ident, label, head, tail in relations:
        if head in events or tail in events:
            losses.add(EVENT_RELATIONS, file, number)
            continue
        for arg in (head, tail):
            if arg not in by_id:
                raise InputError(file, number, f"relation {label} refers to {arg!r}, which is not a T line")
        kept.append(Relation(head=head, tail=tail, label=label))
        relation_lines.append(number)
        rel_by_id[ident] = (label, head, tail)
    written: list[str] = []
    for number, note_kind, target, note in notes:
        what = "" if note_kind == "AnnotatorNotes" else f" ({note_kind})"
        if target in by_id:
            span = by_id[target]
            about = f"{target} {span.label} {_quoted(span)}"
        elif target in rel_by_id:
            label, head, tail = rel_by_id[target]
            about = f"{target} {label} {_quoted(by_id[head])} → {_quoted(by_id[tail])}"
        elif target in events:
            event_type, trigger = events[target]
            about = f"{target} {event_type}" + (f" {_quoted(by_id[trigger])}" if trigger in by_id else "")
        else:
            raise InputError(file, number, f"note refers to {target!r}, which is not in this file")
        written.append(f"{about}{what}: {note}")
        losses.add(NOTES, file, number)
    return AnnDocument(
        first_line or 1, spans, kept,
        ItemLines(tuple(span_lines), tuple(relation_lines), tuple(attr_lines.get(s.id, {}) for s in spans)),
        "\n".join(written),
        fragments,
    )


@dataclass(frozen=True, slots=True)
class FolderDocument:
    """One document of a brat folder, as the import takes it."""

    file: str  # its .ann (or .txt, for a document without one)
    line: int  # the line of its first annotation
    record: Record
    lines: ItemLines
    conf: BratConf | None  # the annotation.conf that applies to it (the nearest above it)


# Collections nest at most this deep below the folder given: brat's example data is two
# levels deep; a deeper tree is refused, named, never skipped in silence.
MAX_DEPTH = 8
CONF_NAME = "annotation.conf"


def _read_conf(folder: _Folder, inherited: BratConf | None) -> BratConf | None:
    """The folder's annotation.conf, else the one above it. A link is never followed (a
    shared configuration linked in is left alone, as every other link in the tree)."""
    file = os.path.join(folder.path, CONF_NAME)
    try:
        st = folder.lstat(CONF_NAME)
    except FileNotFoundError:
        return inherited
    except OSError as exc:
        raise InputError(file, None, f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        return inherited
    return parse_annotation_conf(_decoded(folder.read(CONF_NAME), file), file)


def _walk(
    folder: _Folder, parts: tuple[str, ...], conf: BratConf | None
) -> Iterator[tuple[_Folder, str, tuple[str, ...], BratConf | None]]:
    """(folder, document name (.ann, or .txt without one), folder names from the top, conf)
    for each document of the tree, a folder's own before its subfolders', sorted."""
    conf = _read_conf(folder, conf)
    names = folder.names()
    anns = {n[: -len(".ann")] for n in names if n.endswith(".ann")}
    subfolders: list[str] = []
    for name in names:
        file = os.path.join(folder.path, name)
        try:
            st = folder.lstat(name)
        except FileNotFoundError:
            continue
        if name.endswith(".ann") or (name.endswith(".txt") and name[: -len(".txt")] not in anns):
            if stat.S_ISDIR(st.st_mode):
                subfolders.append(name)
                continue
            _utf8_name(name, file)
            _check_regular(file, st)
            yield folder, name, parts, conf
        elif stat.S_ISDIR(st.st_mode):
            _utf8_name(name, file)
            subfolders.append(name)
        elif stat.S_ISLNK(st.st_mode) and _points_to_folder(folder, name):
            raise InputError(file, None, _LINK)
    if subfolders and len(parts) >= MAX_DEPTH:
        where = os.path.join(folder.path, subfolders[0])
        raise InputError(where, None, f"is more than {MAX_DEPTH} folders deep; brat collections that deep are not read")
    for name in subfolders:
        sub = folder.sub(name)
        try:
            yield from _walk(sub, (*parts, name), conf)
        finally:
            sub.close()


def _points_to_folder(folder: _Folder, name: str) -> bool:
    where, fd = folder.where(name)
    try:
        return stat.S_ISDIR(os.stat(where, dir_fd=fd).st_mode)  # stat opens nothing: safe on any target
    except OSError:
        return False


def _annotator(parts: tuple[str, ...], file: str) -> str | None:
    """A document's annotator: a first-level folder is one annotator's collection (Bayan's
    layout); documents at the top, or deeper (brat's own trees of collections), take --annotator."""
    if len(parts) != 1:
        return None
    annotator = _name_value(parts[0], file) or parts[0]
    problem = name_problem(annotator, "the annotator's name (from the folder's name)")
    if problem is not None:
        raise InputError(file, None, problem)
    return annotator


def read_brat(folder: Path, losses: Losses | None = None) -> Iterator[FolderDocument]:
    """Each document of a brat folder and of every collection below it (MAX_DEPTH deep)."""
    losses = losses if losses is not None else Losses()
    if not folder.is_dir():
        raise InputError(str(folder), None, "brat reads a folder of .txt and .ann files")
    # The folder the user named is opened even through a link; nothing inside it is.
    try:
        top = _Folder(str(folder), os.open(folder, _DIR_FLAGS & ~_NO_FOLLOW) if _RELATIVE else None)
    except OSError as exc:
        raise InputError(str(folder), None, f"cannot read: {exc.strerror}") from None
    found = False
    try:
        for where, name, parts, conf in _walk(top, (), None):
            file = os.path.join(where.path, name)
            stem, is_ann = name.rsplit(".", 1)[0], name.endswith(".ann")
            annotator = _annotator(parts, where.path) if is_ann else None
            found = found or is_ann
            try:
                raw = where.read(stem + ".txt")
            except FileNotFoundError:
                raise InputError(file, None, f"has no text file {stem}.txt beside it") from None
            text = _decoded(raw, os.path.join(where.path, stem + ".txt"))
            sid = _name_value(stem, file)
            if sid is not None and len(parts) > 1:
                # brat names a document by its path: two collections may hold a PMID-1.txt each.
                sid = "/".join((*parts, sid))
            if sid is not None:
                problem = statement_id_problem(sid, text)
                if problem is not None:
                    raise InputError(file, None, f"{problem} (from the file's name)")
            if not is_ann:
                # A text without annotations is a document brat shows all the same: a statement nobody worked on.
                yield FolderDocument(file, 1, Record(id=sid, text=text, status="todo"), ItemLines(), conf)
                continue
            doc = record_from_ann(text, _decoded(where.read(name), file), file, losses)
            # A document outside any annotator's folder with nothing marked is a statement
            # nobody worked on, not a "done" of whoever --annotator names.
            status = "todo" if annotator is None and not doc.spans and not doc.note else "done"
            meta: dict[str, Any] = {META_KEY: {"fragments": doc.fragments}} if doc.fragments else {}
            record = Record(id=sid, text=text, meta=meta, annotator=annotator, status=status, note=doc.note,
                            spans=doc.spans, relations=doc.relations)
            yield FolderDocument(file, doc.first_line, record, doc.lines, conf)
    finally:
        top.close()
    if not found:
        raise InputError(str(folder), None, "no .ann files in the folder or its subfolders")
