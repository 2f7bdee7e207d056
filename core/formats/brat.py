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
"""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from hashlib import blake2b
from pathlib import Path

from core.errors import InputError
from core.model import Record, Relation, Span
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
    """The string a safe name was made from, or None for a hashed name."""
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


def check_export_folder(out: Path, fmt: str = "brat") -> None:
    """Refuse a target that an export must not replace: a file, or a non-empty folder
    that is not an earlier export (an export replaces its target whole)."""
    if str(out) == "-":
        raise InputError(str(out), None, f"{fmt} writes a folder; give a folder name, not -")
    if out.exists() and not out.is_dir():
        raise InputError(str(out), None, f"is a file; {fmt} writes a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "annotation.conf").is_file():
        raise InputError(str(out), None, f"is a folder that is not empty and not a {fmt} export; give a new name")


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


def _read_text(path: Path, file: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(file, None, f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(file, line, "not UTF-8 text") from None


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
                bounds = piece.split()
                if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
                    raise InputError(file, number, f"offsets {piece!r} must be two whole numbers")
                fragments.append((int(bounds[0]), int(bounds[1])))
            start, end = fragments[0][0], fragments[-1][1]
            if not 0 <= start < end <= len(text):
                raise InputError(
                    file, number, f"offsets [{start}, {end}) are not within the text (length {len(text)})"
                )
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


def _documents(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """(.ann path, annotator) of the folder's documents, then each subfolder's, sorted."""
    for path in sorted(folder.glob("*.ann")):
        yield path, None
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        annotator = name_value(sub.name) or sub.name
        for path in sorted(sub.glob("*.ann")):
            yield path, annotator


def read_brat(folder: Path) -> Iterator[tuple[str, int, Record]]:
    """(file, line, Record) for each document of a brat folder."""
    if not folder.is_dir():
        raise InputError(str(folder), None, "brat reads a folder of .txt and .ann files")
    found = False
    for ann_path, annotator in _documents(folder):
        found = True
        file = str(ann_path)
        txt_path = ann_path.with_suffix(".txt")
        if not txt_path.exists():
            raise InputError(file, None, f"has no text file {txt_path.name} beside it")
        text = _read_text(txt_path, str(txt_path))
        first_line, spans, relations = record_from_ann(text, _read_text(ann_path, file), file)
        # A document outside any annotator's folder with nothing marked is a statement
        # nobody worked on, not a "done" of whoever --annotator names.
        status = "todo" if annotator is None and not spans else "done"
        yield file, first_line, Record(
            id=name_value(ann_path.stem), text=text, annotator=annotator, status=status, spans=spans,
            relations=relations,
        )
    if not found:
        raise InputError(str(folder), None, "no .ann files in the folder or its subfolders")
