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

A span's text in a T line has its line breaks replaced by spaces (brat's lines cannot hold
them); offsets are exact. Attribute values have their spaces replaced by `_`. Statement
meta, notes and statuses are not part of brat; read back, a document counts as done,
except one at the top of the folder with no annotations (todo: nobody worked on it).

The reader takes the documents in the folder (annotator from `--annotator`) and in its
subfolders (the subfolder is the annotator). Discontinuous spans are read when only
whitespace separates their fragments; events (E lines) are refused.

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
from hashlib import blake2b
from pathlib import Path

from core.errors import InputError
from core.model import Record, Relation, Span
from core.rules import name_problem, span_problem, statement_id_problem
from core.schema import Schema

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
# Bytes of an encoded name, leaving room for ".ann" and a hash within 255.
_MAX_NAME = 180
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ONE_LINE = str.maketrans({ch: " " for ch in _LINE_BREAKS})
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
        lines.append(f"{rel.name}\tArg1:{rel.from_label}, Arg2:{rel.to_label}")
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
    for n, span in enumerate(record.spans, 1):
        numbers[span.id] = n
        covered = record.text[span.start : span.end].translate(_ONE_LINE)
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

    def names(self, *, documents_only: bool) -> list[str]:
        """The sorted names of the folder's documents (.ann), and unless `documents_only` of
        what may be a collection (a folder or a link); hidden names left out.

        Names only, and only those: a collection of a million documents lists in little memory.
        """
        with os.scandir(self.fd if self.fd is not None else self.path) as listing:
            return sorted(
                entry.name for entry in listing
                if not entry.name.startswith(".") and (
                    entry.name.endswith(".ann")
                    or not documents_only and (entry.is_dir(follow_symlinks=False) or entry.is_symlink())
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


def record_from_ann(text: str, ann: str, file: str) -> tuple[int, list[Span], list[Relation]]:
    """Spans and relations of one .ann file, checked against its text.

    Returns the line of the first annotation too, for the messages of later checks.
    """
    spans: list[Span] = []
    by_id: dict[str, Span] = {}
    relations: list[Relation] = []
    attrs: list[tuple[int, str, str, str]] = []
    first_line = 1
    for number, raw in enumerate(ann.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if not spans and not relations:
            first_line = number
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            fields, sep, covered = rest.partition("\t")
            parts = fields.split(" ", 1)
            if not sep or len(parts) != 2:
                raise InputError(file, number, "a T line is: id, tab, label start end, tab, text")
            label, ranges = parts
            fragments: list[tuple[int, int]] = []
            for piece in ranges.split(";"):
                bounds = [b for b in piece.split(" ") if b]
                if len(bounds) != 2 or not all(_OFFSET.fullmatch(b) for b in bounds):
                    raise InputError(file, number, f"offsets {piece!r} must be two whole numbers in ASCII digits")
                fragment = (int(bounds[0]), int(bounds[1]))
                problem = span_problem(len(text), *fragment)
                if problem is not None:
                    raise InputError(file, number, problem)
                fragments.append(fragment)
            start, end = fragments[0][0], fragments[-1][1]
            problem = span_problem(len(text), start, end)
            if problem is not None:
                raise InputError(file, number, problem)
            for (_, a_end), (b_start, _) in zip(fragments, fragments[1:], strict=False):
                if b_start < a_end or text[a_end:b_start].strip():
                    raise InputError(file, number, "a discontinuous span is not supported")
            expected = " ".join(text[a:b] for a, b in fragments).translate(_ONE_LINE)
            if covered != expected and covered != text[start:end]:
                raise InputError(
                    file, number, f"text {covered!r} differs from the document's {expected!r} at [{start}, {end})"
                )
            if ident in by_id:
                raise InputError(file, number, f"{ident} is defined twice")
            span = Span(start=start, end=end, label=label, text=text[start:end], id=ident)
            by_id[ident] = span
            spans.append(span)
        elif kind == "R":
            parts = rest.split()
            if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
                raise InputError(file, number, "an R line is: id, tab, type Arg1:T… Arg2:T…")
            relations.append(Relation(head=parts[1][5:], tail=parts[2][5:], label=parts[0]))
        elif kind in ("A", "M"):
            parts = rest.split()
            if len(parts) not in (2, 3):
                raise InputError(file, number, "an A line is: id, tab, name target value")
            attrs.append((number, parts[1], parts[0], parts[2] if len(parts) == 3 else "true"))
        elif kind == "E":
            raise InputError(file, number, "events (E lines) are not supported")
        elif kind in ("#", "N", "*"):
            continue  # notes, normalizations and equivalences have no place in Bayan
        else:
            raise InputError(file, number, f"unknown annotation {ident!r}")
    for number, target, name, value in attrs:
        owner = by_id.get(target)
        if owner is None:
            raise InputError(file, number, f"attribute {name} refers to {target!r}, which is not a T line")
        owner.attrs[name] = value
    for rel in relations:
        for arg in (rel.head, rel.tail):
            if arg not in by_id:
                raise InputError(file, first_line, f"relation {rel.label} refers to {arg!r}, which is not a T line")
    return first_line, spans, relations


def _documents(top: _Folder) -> Iterator[tuple[_Folder, str, str | None]]:
    """(folder, .ann name, annotator) of the folder's documents, then each subfolder's, sorted.

    Only what is read is checked: a link named like a document or to a folder is refused,
    any other entry that is no document (annotation.conf, notes, a link to a shared
    configuration) is left alone.
    """
    collections: list[str] = []
    for name in top.names(documents_only=False):
        file = os.path.join(top.path, name)
        try:
            st = top.lstat(name)
        except FileNotFoundError:
            continue
        if name.endswith(".ann"):
            _utf8_name(name, file)
            _check_regular(file, st)
            yield top, name, None
        elif stat.S_ISDIR(st.st_mode):
            _utf8_name(name, file)
            collections.append(name)
        elif stat.S_ISLNK(st.st_mode) and _points_to_folder(top, name):
            raise InputError(file, None, _LINK)
    for name in collections:
        file = os.path.join(top.path, name)
        annotator = _name_value(name, file) or name
        problem = name_problem(annotator, "the annotator's name (from the folder's name)")
        if problem is not None:
            raise InputError(file, None, problem)
        sub = top.sub(name)
        try:
            for doc in sub.names(documents_only=True):
                path = os.path.join(sub.path, doc)
                _utf8_name(doc, path)
                try:
                    _check_regular(path, sub.lstat(doc))
                except FileNotFoundError:
                    continue
                yield sub, doc, annotator
        finally:
            sub.close()


def _points_to_folder(folder: _Folder, name: str) -> bool:
    where, fd = folder.where(name)
    try:
        return stat.S_ISDIR(os.stat(where, dir_fd=fd).st_mode)  # stat opens nothing: safe on any target
    except OSError:
        return False


def read_brat(folder: Path) -> Iterator[tuple[str, int, Record]]:
    """(file, line, Record) for each document of a brat folder."""
    if not folder.is_dir():
        raise InputError(str(folder), None, "brat reads a folder of .txt and .ann files")
    # The folder the user named is opened even through a link; nothing inside it is.
    try:
        top = _Folder(str(folder), os.open(folder, _DIR_FLAGS & ~_NO_FOLLOW) if _RELATIVE else None)
    except OSError as exc:
        raise InputError(str(folder), None, f"cannot read: {exc.strerror}") from None
    found = False
    try:
        for where, name, annotator in _documents(top):
            found = True
            file = os.path.join(where.path, name)
            stem = name[: -len(".ann")]
            try:
                raw = where.read(stem + ".txt")
            except FileNotFoundError:
                raise InputError(file, None, f"has no text file {stem}.txt beside it") from None
            text = _decoded(raw, os.path.join(where.path, stem + ".txt"))
            sid = _name_value(stem, file)
            if sid is not None:
                problem = statement_id_problem(sid, text)
                if problem is not None:
                    raise InputError(file, None, f"{problem} (from the file's name)")
            first_line, spans, relations = record_from_ann(text, _decoded(where.read(name), file), file)
            # A document outside any annotator's folder with nothing marked is a statement
            # nobody worked on, not a "done" of whoever --annotator names.
            status = "todo" if annotator is None and not spans else "done"
            yield file, first_line, Record(
                id=sid, text=text, annotator=annotator, status=status, spans=spans, relations=relations,
            )
    finally:
        top.close()
    if not found:
        raise InputError(str(folder), None, "no .ann files in the folder or its subfolders")
