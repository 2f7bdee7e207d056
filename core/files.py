"""Writing export targets: a failure never leaves half a file, and Bayan never removes or
replaces a file that it did not write.

A file is written to a temporary beside it and renamed over it when complete. A folder
(brat) is written to a temporary folder beside it; where it goes then depends on what is
there (`export_folder`):

- nothing: the folder is renamed into place, whole;
- an empty folder, or (with `force`) a folder of someone else's files: the new files are
  moved into it one by one, and a name that is taken by a file Bayan did not write stops
  the export before anything is moved;
- an earlier export: the manifest it holds (`.bayan-export`) lists every file Bayan wrote
  there, with its size and modification time. When the folder holds nothing else, the new
  folder takes its place in two renames; otherwise only the listed files that are still as
  Bayan wrote them are replaced or removed, and everything else stays. A listed file that
  has changed since (a document edited in brat) is someone else's now: never replaced.

Temporaries are named `.<target>.bayan-<host>-<pid>-<random>.part` (or `.old`), so a later
export to the same target removes those of a writer that no longer runs (a killed export)
and leaves alone those of one that still does. Every error names the user's target, never
a temporary.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import socket
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from typing import TextIO

from core.errors import InputError

# The manifest of a folder export: what Bayan wrote there. Hidden, so brat lists no document for it.
MANIFEST = ".bayan-export"
_HEADER = "bayan-export 1"
# Where the manifest says the folder itself came from: made by Bayan (an export may replace
# it whole), or given by the user (an export only ever writes into it).
_MADE, _GIVEN = "made", "given"
# Bytes of the target's name kept in a temporary's name, leaving room within 255 for the rest.
_NAME_BYTES = 150
_TEMP = re.compile(r"\.bayan-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.(?P<kind>part|old)")

# A path inside a folder, as the tuple of its parts: tuples sort the way a walk that takes
# each folder's names in sorted order meets them, which is the order of the manifest.
Key = tuple[str, ...]


def _host() -> str:
    # The host is part of a temporary's name: a pid means nothing on another machine sharing the folder.
    return blake2b(socket.gethostname().encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()


def _prefix(target: Path) -> str:
    short = os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES])
    return f".{short}.bayan-{_host()}-{os.getpid()}-"


def temp_path(target: Path, kind: str = "part") -> Path:
    """A new temporary name for `target` of this process (not created): `.part` or `.old`."""
    return target.parent / f"{_prefix(target)}{secrets.token_hex(6)}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no harmless way to ask (os.kill would end it): never clean up after it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists (e.g. another user's)
    return True


def clean_stale(target: Path) -> list[Path]:
    """Remove the temporaries of earlier exports to `target` whose writer no longer runs."""
    removed: list[Path] = []
    short = os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES])
    places = [target.parent]
    if _needs_inside(target):
        places.append(target)  # such a folder's temporaries are kept inside it
    for place in places:
        try:
            names = [n for n in os.listdir(place) if n.startswith(f".{short}.bayan-")]
        except OSError:
            continue
        for name in names:
            found = _TEMP.fullmatch(name, len(short) + 1)
            if found is None or found["host"] != _host() or _alive(int(found["pid"])):
                continue
            path = place / name
            with suppress(OSError):
                mode = path.lstat().st_mode
                if stat.S_ISDIR(mode):
                    if found["kind"] == "old":
                        _remove_ours(path)  # an earlier export moved aside: only what Bayan wrote goes
                    else:
                        shutil.rmtree(path)  # a folder being written: all of it is ours
                elif stat.S_ISREG(mode):
                    path.unlink()
                removed.append(path)
    return removed


def _in_target_terms(exc: BaseException, tmp: str, target: str) -> BaseException:
    """`exc` naming `target` where it names the temporary `tmp` (or nothing)."""

    def renamed(name: str) -> str | None:
        if name == tmp:
            return target
        if name.startswith(tmp + os.sep):
            return os.path.join(target, name[len(tmp) + 1 :])
        return None

    if isinstance(exc, InputError):
        shown = renamed(exc.file)
        return exc if shown is None else InputError(shown, exc.line, exc.reason)
    if isinstance(exc, OSError):
        if exc.filename is None:
            shown = target
        elif isinstance(exc.filename, str):
            shown = renamed(exc.filename)
        else:
            shown = None
        return exc if shown is None else OSError(exc.errno, exc.strerror or str(exc), shown)
    return exc


def _new_temp_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, open for writing, with the mode a plain open() gives.

    os.open applies the umask to 0o666 itself: reading the umask (os.umask sets it to read it)
    would change it for every thread of the process for a moment.
    """
    for _ in range(100):
        name = str(temp_path(path))
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


@contextmanager
def atomic_text_writer(target: str) -> Iterator[TextIO]:
    """A text stream that becomes `target` only when the block ends without error.

    `-` is standard output; a FIFO or character device (a terminal, /dev/stdout) is
    written directly, since there is no file to replace. Otherwise the text goes to a temporary
    file in the same folder, is flushed to disk, and is renamed over `target` in one step;
    a symbolic link stays and the file it names is replaced.
    """
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    try:
        mode: int | None = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", target)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        with open(path, "w", encoding="utf-8", newline="\n") as direct:
            yield direct
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is neither a file nor a FIFO or terminal to write to", target)
    folder = path.parent if str(path.parent) else Path(".")
    clean_stale(path)
    try:
        fd, tmp = _new_temp_file(folder / path.name)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, target) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            with suppress(FileNotFoundError):
                os.chmod(tmp, path.stat().st_mode & 0o7777)  # the file it replaces keeps its mode
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        shown = _in_target_terms(exc, tmp, target)
        if shown is not exc:
            raise shown from None
        raise


# ------------------------------------------------------------------ folders: the manifest


@dataclass(frozen=True, slots=True)
class _Entry:
    """A file or folder of a manifest or a walk: kind `f`, `d` or `o` (anything else)."""

    key: Key
    kind: str
    size: int = 0
    mtime: int = 0


def _same(listed: _Entry, found: _Entry) -> bool:
    """The entry found on disk is the one Bayan wrote (for a file: same size and modification time)."""
    if listed.kind != found.kind:
        return False
    return listed.kind == "d" or (listed.size == found.size and listed.mtime == found.mtime)


def _entry_at(root: Path, key: Key, real: set[Key] | None = None) -> _Entry | None:
    """What is at `root/key` (links not followed), or None.

    With `real` (the folders found to be Bayan's so far), a path whose folder is not one of
    them counts as absent: a folder replaced by a link must not lead outside.
    """
    if real is not None and len(key) > 1 and key[:-1] not in real:
        return None
    try:
        st = os.lstat(os.path.join(root, *key))
    except (FileNotFoundError, NotADirectoryError):
        return None
    return _stat_entry(key, st)


def _stat_entry(key: Key, st: os.stat_result) -> _Entry:
    if stat.S_ISDIR(st.st_mode):
        return _Entry(key, "d")
    if stat.S_ISREG(st.st_mode):
        return _Entry(key, "f", st.st_size, st.st_mtime_ns)
    return _Entry(key, "o")


class _NotAManifest(Exception):
    """The folder's .bayan-export is not one Bayan wrote (so the folder is treated as someone else's)."""


def _read_header(folder: Path) -> str | None:
    """How the manifest in `folder` says the folder came (made or given), or None without a manifest of ours."""
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8", errors="surrogateescape") as stream:
            if stream.readline().rstrip("\n") != _HEADER:
                return None
            origin = stream.readline().rstrip("\n").removeprefix("folder ")
    except (OSError, UnicodeDecodeError):
        return None
    return origin if origin in (_MADE, _GIVEN) else None


def _manifest(path: Path) -> Iterator[_Entry]:
    """The entries of a manifest file in order; _NotAManifest if it is not one of ours intact."""
    try:
        stream = open(path, encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return
    last: Key = ()
    with stream:
        if stream.readline().rstrip("\n") != _HEADER or not stream.readline().startswith("folder "):
            raise _NotAManifest(str(path))
        for line in stream:
            kind, _, rest = line.rstrip("\n").partition(" ")
            try:
                if kind == "d":
                    entry = _Entry(tuple(rest.split("/")), "d")
                elif kind == "f":
                    size, mtime, name = rest.split(" ", 2)
                    entry = _Entry(tuple(name.split("/")), "f", int(size), int(mtime))
                else:
                    raise ValueError(kind)
            except ValueError:
                raise _NotAManifest(str(path)) from None
            if entry.key < last or any(part in ("", ".", "..") for part in entry.key):
                raise _NotAManifest(str(path))
            last = entry.key
            yield entry


def _line(entry: _Entry) -> str:
    name = "/".join(entry.key)
    return f"d {name}\n" if entry.kind == "d" else f"f {entry.size} {entry.mtime} {name}\n"


class _ManifestWriter:
    def __init__(self, path: Path, origin: str) -> None:
        self.path = path
        self.stream = open(path, "w", encoding="utf-8", errors="surrogateescape", newline="\n")
        self.stream.write(f"{_HEADER}\nfolder {origin}\n")

    def add(self, entry: _Entry) -> None:
        self.stream.write(_line(entry))

    def close(self) -> None:
        self.stream.close()


# Our own files at the top of a temporary folder (the manifests being written), never part of an export.
_OWN = frozenset({MANIFEST, MANIFEST + ".journal", MANIFEST + ".final", MANIFEST + ".old"})


# Where the system allows, names are looked up relative to their folder's descriptor: shorter
# lookups for the kernel, and a folder swapped for a link meanwhile is not followed.
_BY_FD = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _walk(root: Path, key: Key = (), *, skip: frozenset[str] = _OWN) -> Iterator[_Entry]:
    """Everything under `root` in key order, links never followed, the names `skip` at the top left out.

    A folder is listed (names only) when the walk reaches it, so a caller that stops early never lists the rest.
    """
    folder = os.path.join(root, *key)
    fd = os.open(folder, _DIR_FLAGS) if _BY_FD else None
    try:
        names = sorted(os.listdir(fd if fd is not None else folder))
        for name in names:
            if not key and name in skip:
                continue
            child = (*key, name)
            try:
                if fd is not None:
                    st = os.stat(name, dir_fd=fd, follow_symlinks=False)
                else:
                    st = os.lstat(os.path.join(folder, name))
            except FileNotFoundError:
                continue  # gone meanwhile
            entry = _stat_entry(child, st)
            yield entry
            if entry.kind == "d":
                yield from _walk(root, child, skip=skip)
    finally:
        if fd is not None:
            os.close(fd)


def _paired(listed: Iterator[_Entry], found: Iterator[_Entry]) -> Iterator[tuple[Key, list[_Entry], _Entry | None]]:
    """Merge two streams in key order: (key, the listed entries of that key, the found entry or None).

    A manifest may list one path twice (the old and the new file, while an export moves in).
    """
    a, b = next(listed, None), next(found, None)
    while a is not None or b is not None:
        if a is not None and (b is None or a.key <= b.key):
            key = a.key
        else:
            assert b is not None
            key = b.key
        same: list[_Entry] = []
        while a is not None and a.key == key:
            same.append(a)
            a = next(listed, None)
        hit: _Entry | None = None
        if b is not None and b.key == key:
            hit, b = b, next(found, None)
        yield key, same, hit


def _only_ours(folder: Path) -> bool:
    """Does `folder` hold nothing but what its manifest lists, each as Bayan wrote it?

    The walk stops at the first entry that is not ours, before entering it if it is a folder.
    """
    try:
        found_there = _walk(folder, skip=frozenset({MANIFEST}))
        for _, listed, found in _paired(_manifest(folder / MANIFEST), found_there):
            if found is not None and not any(_same(e, found) for e in listed):
                return False
    except _NotAManifest:
        return False
    return True


def _remove_ours(folder: Path) -> None:
    """Remove what the manifest in `folder` lists and is still as Bayan wrote it, then the folder if empty."""
    dirs: list[Key] = []
    real: set[Key] = set()
    with suppress(_NotAManifest, OSError):
        for entry in _manifest(folder / MANIFEST):
            found = _entry_at(folder, entry.key, real)
            if found is None or not _same(entry, found):
                continue
            if entry.kind == "d":
                dirs.append(entry.key)
                real.add(entry.key)
            else:
                with suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, *entry.key))
        with suppress(FileNotFoundError):
            os.unlink(folder / MANIFEST)
    for key in reversed(dirs):
        with suppress(OSError):
            os.rmdir(os.path.join(folder, *key))
    with suppress(OSError):
        folder.rmdir()


# ------------------------------------------------------------------ folders: the export


def _shown(target: str, key: Key) -> str:
    return os.path.join(target, *key)


def _refusal(target: str, key: Key, listed: list[_Entry], found: _Entry, new: _Entry) -> InputError:
    where = _shown(target, key)
    if found.kind == "d" and new.kind == "d" and not listed:
        return InputError(where, None, "is a folder Bayan did not make; the export would write into it "
                                       "(move it away, or export into a new folder)")
    if listed:
        return InputError(where, None, "has changed since Bayan wrote it; the export would replace it "
                                       "(move it away or delete it first)")
    return InputError(where, None, "exists and was not written by Bayan; the export would replace it "
                                   "(move it away, or export into a new folder)")


def _plan(path: Path, target: str, force: bool, fixed: Sequence[str]) -> str | None:
    """Refuse what this export must not touch; the folder's origin (made, given), or None for a new one."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(mode):
        raise InputError(target, None, "is a file, not a folder; give a folder name")
    with os.scandir(path) as entries:
        empty = next(entries, None) is None
    if empty:
        return _GIVEN
    origin = _read_header(path)
    if origin is not None:
        return origin
    if not force:
        raise InputError(target, None, "is a folder that is not empty and not a Bayan export; give a new or empty "
                                       "folder (or, on the command line, --force to write the export beside its "
                                       "files, never replacing one)")
    for name in fixed:
        found = _entry_at(path, (name,))
        if found is not None:
            raise _refusal(target, (name,), [], found, _Entry((name,), "f"))
    return _GIVEN


def _temp_folder(path: Path, inside: bool) -> Path:
    """A new temporary folder beside `path` (or inside it), with the mode a plain mkdir gives."""
    for _ in range(100):
        tmp = temp_path(path / path.name if inside else path)
        try:
            os.mkdir(tmp, 0o777)
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def _needs_inside(path: Path) -> bool:
    """Must the temporary folder be inside `path`: a mount point, or a parent we cannot write?"""
    if not path.is_dir():
        return False
    return path.stat().st_dev != path.parent.stat().st_dev or not os.access(path.parent, os.W_OK)


def _holds_cwd(path: Path) -> bool:
    """Is the working folder `path` or inside it? Renaming it away would leave a shell standing in a deleted folder."""
    try:
        cwd = Path(os.getcwd())
    except OSError:
        return False
    return cwd == path or path in cwd.parents


def _write_manifest(tmp: Path, origin: str) -> None:
    writer = _ManifestWriter(tmp / MANIFEST, origin)
    try:
        for entry in _walk(tmp):
            writer.add(entry)
    finally:
        writer.close()


def _replace_whole(path: Path, tmp: Path) -> None:
    """An earlier export made by Bayan and holding nothing else: the new one takes its place."""
    old = temp_path(path, "old")
    os.chmod(tmp, path.stat().st_mode & 0o7777)
    os.rename(path, old)
    try:
        os.rename(tmp, path)
    except BaseException:
        os.rename(old, path)
        raise
    if _only_ours(old):
        # Checked again now that nobody can add to it: removed in the folder's own order,
        # several times faster than one file at a time in the manifest's order.
        shutil.rmtree(old, ignore_errors=True)
        return
    # Someone added a file while the export was written: it goes back, everything of ours goes.
    _remove_ours(old)
    with suppress(OSError):
        for name in os.listdir(old):
            if not os.path.lexists(path / name):
                os.rename(old / name, path / name)
        old.rmdir()


def _move_in(path: Path, tmp: Path, target: str, origin: str) -> None:
    """Move the new export's files into a folder that holds others' files too.

    First every name is checked (nothing is moved if one is taken by a file Bayan did not
    write); the manifest then lists both old and new files, so an interruption leaves
    nothing of ours that a later export does not recognise; then the files are moved in,
    those of the earlier export that the new one lacks are removed, and the manifest is
    written for the new files alone.
    """
    journal = _ManifestWriter(tmp / (MANIFEST + ".journal"), origin)
    final = _ManifestWriter(tmp / (MANIFEST + ".final"), origin)
    real: set[Key] = set()
    try:
        for key, listed, new in _paired(_manifest(path / MANIFEST), _walk(tmp)):
            found = _entry_at(path, key, real)
            ours = [e for e in listed if found is not None and _same(e, found)]
            if found is not None and found.kind == "d" and (ours or new is not None):
                real.add(key)
            if new is not None:
                if found is not None and not (ours and found.kind == new.kind):
                    raise _refusal(target, key, listed, found, new)
                for entry in ours:
                    journal.add(entry)
                journal.add(new)
                final.add(new)
            elif ours:
                journal.add(ours[0])
                if ours[0].kind == "d":
                    final.add(ours[0])  # kept when someone else's files are inside
    except _NotAManifest:
        raise InputError(_shown(target, (MANIFEST,)), None, "is damaged; move the folder away and export again") \
            from None
    finally:
        journal.close()
        final.close()
    old = tmp / (MANIFEST + ".old")
    with suppress(FileNotFoundError):
        os.replace(path / MANIFEST, old)
    os.replace(journal.path, path / MANIFEST)
    emptied: list[Key] = []
    changed: Key | None = None
    real.clear()
    for key, listed, new in _paired(_manifest(old), _walk(tmp)):
        found = _entry_at(path, key, real)
        still_ours = found is not None and any(_same(e, found) for e in listed)
        if new is not None and new.kind == "d":
            if found is None:
                os.mkdir(os.path.join(path, *key))
            real.add(key)
        elif new is not None:
            if found is None or still_ours:
                os.replace(os.path.join(tmp, *key), os.path.join(path, *key))
            elif changed is None:
                changed = key  # changed by someone else since the check: left as it is
        elif still_ours and found is not None and found.kind == "d":
            emptied.append(key)
            real.add(key)
        elif still_ours:
            os.unlink(os.path.join(path, *key))
    for key in reversed(emptied):
        with suppress(OSError):  # someone else's files are inside: the folder stays
            os.rmdir(os.path.join(path, *key))
    os.replace(final.path, path / MANIFEST)
    if changed is not None:
        raise InputError(_shown(target, changed), None, "changed while the export was written; it was left as it "
                                                        "is and the rest was exported")


@contextmanager
def export_folder(target: str, *, force: bool = False, fixed: Sequence[str] = ()) -> Iterator[Path]:
    """An empty folder to fill; when the block ends without error it becomes `target` (see the module's rules).

    `force` allows a non-empty folder that is not an earlier export; `fixed` names files the
    export always writes, checked before the export is written so that a clash with them
    is reported at once.
    """
    path = Path(os.path.abspath(target))
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # write into the folder it names; the link stays
    clean_stale(path)  # first: a killed export's temporary inside the folder is no file of the user's
    origin = _plan(path, target, force, fixed)
    inside = origin is not None and _needs_inside(path)
    try:
        tmp = _temp_folder(path, inside)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, target) from None
    try:
        yield tmp
        if origin is None and not os.path.lexists(path):
            _write_manifest(tmp, _MADE)
            os.rename(tmp, path)
        elif origin == _MADE and not inside and not _holds_cwd(path) and _only_ours(path):
            _write_manifest(tmp, _MADE)
            _replace_whole(path, tmp)
        else:
            if origin is None:  # someone made it while the export was written
                origin = _plan(path, target, force, fixed) or _GIVEN
            _move_in(path, tmp, target, origin)
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        shown = _in_target_terms(exc, str(tmp), target)
        if shown is not exc:
            raise shown from None
        raise
