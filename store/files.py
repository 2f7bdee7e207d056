"""Project files on disk: recognizing, connecting, creating. Only SQLite touches a project file.

POSIX file locks belong to the process, not to the descriptor: closing *any* descriptor of a
database file (a plain `open(path).close()` to read its header, a copy, a hash) releases every
lock that this process's SQLite connections hold on it. Another process then believes it is
the last user, checkpoints and deletes the `-wal`, and our connection goes on writing into a
deleted file: every later edit is lost. So a file that may be a live project is read through
SQLite only (SQLite's own descriptors are shared per file within a process and closed only
when no lock is held). The one exception is below in `_describe_unreadable`, for a file SQLite
itself cannot read as a database.
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from core.errors import ProjectError
from store.migrations import APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"
# Temporary files of a `create` carry the creator's pid, so a later create can tell the
# litter of a killed one (its process is gone) from the work of one still running.
_NEW_SUFFIX = ".new"


def uri(path: Path, **params: str) -> str:
    """An SQLite URI for `path` (any bytes of the name kept exact) with query parameters."""
    encoded = "file:" + quote(os.fsencode(Path(path).absolute()))
    if params:
        encoded += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return encoded


def sidecar(path: Path, suffix: str) -> Path:
    """The `-wal` or `-shm` file of a database."""
    return path.with_name(path.name + suffix)


def _error_name(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def _describe_unreadable(path: Path, exc: sqlite3.Error) -> ProjectError:
    """What to tell a user about a file SQLite cannot read as a Bayan project."""
    name = _error_name(exc)
    if name.startswith("SQLITE_CORRUPT"):
        return ProjectError(f"{path}: damaged ({exc}); restore a backup or a colleague's copy")
    if name.startswith("SQLITE_NOTADB"):
        # SQLite refuses the file as a database, so no connection of this process can be
        # using it: reading its first bytes directly cannot drop a live lock (module doc).
        try:
            with path.open("rb") as f:
                magic = f.read(len(SQLITE_MAGIC))
        except OSError as os_exc:
            return ProjectError(f"{path}: cannot read: {os_exc.strerror}")
        if magic == SQLITE_MAGIC:
            return ProjectError(f"{path}: damaged (an SQLite file whose header cannot be read: {exc})")
        return ProjectError(f"{path}: not a Bayan project (not an SQLite file)")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return ProjectError(f"{path}: cannot open it ({exc})")
    if name.startswith("SQLITE_IOERR"):
        return ProjectError(f"{path}: cannot read it: input/output error ({exc})")
    return ProjectError(f"{path}: cannot read it as a Bayan project ({exc})")


def probe(path: Path) -> int:
    """The file format version of the Bayan project at `path`; ProjectError if it is none. Changes nothing.

    `immutable=1` reads the database header without taking locks, without creating a
    `-wal` or `-shm` and without ever checkpointing, so another program's file (even
    with a hot WAL) is left byte-identical. The header is the main file's: the version
    there may be older than the one in a WAL, never newer, so a refusal is always right
    and the caller checks the version again on its real connection.
    """
    try:
        conn = sqlite3.connect(uri(path, mode="ro", immutable="1"), uri=True)
    except sqlite3.Error as exc:
        raise unreadable(path, exc) from None
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise unreadable(path, exc) from None
    finally:
        conn.close()
    if pages == 0:
        raise ProjectError(f"{path}: not a Bayan project (an empty file)")
    if app_id != APPLICATION_ID:
        raise ProjectError(f"{path}: not a Bayan project (an SQLite file of another program)")
    return int(version)


def connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    """A connection to the existing project file `path` (never creating it).

    Read-only: a project on read-only media, or in a folder the user cannot write, has no
    `-shm` to share and none can be made; when no `-wal` exists nobody is writing it, and
    `immutable=1` reads it without one. A reader who may not write the file itself reads
    it that way too, rather than leave behind a `-shm` that the owner then cannot write.
    """
    if read_only:
        attempts = read_only_uris(path)
    else:
        _clear_stale_shm(path)
        attempts = [uri(path, mode="rw")]
    last: sqlite3.Error | None = None
    for address in attempts:
        try:
            return _open(address, timeout)
        except sqlite3.Error as exc:
            last = exc
    assert last is not None
    raise unreadable(path, last)


def _writer_active(path: Path) -> bool:
    wal = sidecar(path, "-wal")
    return wal.exists() and wal.stat().st_size > 0


def read_only_uris(path: Path) -> list[str]:
    """The URIs to try, in order, to read `path` without writing anything (see `connect`)."""
    if _writer_active(path):
        return [uri(path, mode="ro")]
    quiet = uri(path, mode="ro", immutable="1")
    if not os.access(path, os.W_OK):
        return [quiet]
    return [uri(path, mode="ro"), quiet]


def unreadable(path: Path, exc: sqlite3.Error) -> ProjectError:
    """The message for a project that could not be read (`connect`, or an ATTACH of it)."""
    if _writer_active(path) and not os.access(path.parent, os.W_OK):
        wal = sidecar(path, "-wal")
        return ProjectError(
            f"{path}: cannot read it here ({exc}): its {wal.name} holds recent changes and its "
            "folder cannot be written; open it once where its folder is writable"
        )
    return _describe_unreadable(path, exc)


def _open(address: str, timeout: float) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (Project.atomic), never implicit.
    # uri=True on every connection also lets ATTACH take URIs (merge attaches read-only).
    conn = sqlite3.connect(address, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        # The first read opens the file, the WAL and the -shm: fail here, not on a later read.
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _clear_stale_shm(path: Path) -> None:
    """Remove a `-shm` (and an empty `-wal`) that we may not write and nobody is using.

    A reader without write rights in a writable folder may have left them (an older Bayan,
    the sqlite3 shell); SQLite then opens them read-only and every write fails. They are
    removed only under an exclusive lock of the database (locking_mode EXCLUSIVE), which
    no one can hold while another connection is open, so no live `-shm` is ever removed.
    A `-wal` with content is committed work and is never removed.
    """
    shm, wal = sidecar(path, "-shm"), sidecar(path, "-wal")
    if not shm.exists() or os.access(shm, os.W_OK):
        return
    if wal.exists() and wal.stat().st_size > 0 and not os.access(wal, os.W_OK):
        raise ProjectError(
            f"{path}: cannot be written: {wal.name} and {shm.name} belong to another user and "
            f"{wal.name} holds changes; ask them to open the project once, or its owner to fix the permissions"
        )
    # In EXCLUSIVE locking mode, set before the first access, a WAL database is read
    # without the -shm, under an exclusive lock that cannot be had (busy) while any other
    # connection is open, and that keeps new ones out until the guard closes.
    guard = sqlite3.connect(uri(path, mode="rw"), uri=True, timeout=0.0, isolation_level=None)
    try:
        guard.execute("PRAGMA locking_mode = EXCLUSIVE")
        guard.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error:
        guard.close()
        raise ProjectError(
            f"{path}: cannot be written now: its {shm.name} belongs to another user who has the project "
            "open; try again when they have closed it"
        ) from None
    try:
        shm.unlink(missing_ok=True)
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink(missing_ok=True)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot be written: cannot remove the stale {shm.name} ({exc.strerror})") from None
    finally:
        guard.close()


# ------------------------------------------------------------------- creating


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale_creations(path: Path) -> None:
    """Remove what a killed `create` of `path` left (its process is gone): never anyone else's."""
    prefix = f".{path.name}."
    for entry in path.parent.glob(f"{_glob_escape(prefix)}*{_NEW_SUFFIX}*"):
        rest = entry.name[len(prefix):]
        pid_text = rest.split(".", 1)[0]
        if pid_text.isascii() and pid_text.isdigit() and not _pid_alive(int(pid_text)):
            entry.unlink(missing_ok=True)


def _glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def create_file(path: Path, build: Callable[[Path], None]) -> None:
    """Make a new project file at `path`, whole or not at all, never replacing another's.

    `build(tmp)` makes the complete project at a temporary path in the same folder and
    closes it (its last connection checkpoints, so the file holds everything). It then
    appears at `path` by a hard link, which fails if `path` exists: of two creators at
    once, one wins and the other gets ProjectError, and a creator killed at any moment
    leaves either no project or a complete one. File systems without hard links get an
    exclusive placeholder (O_EXCL) that the finished file then replaces.
    """
    if path.exists() or path.is_symlink():
        raise ProjectExists(f"{path}: already exists; choose another name or open it")
    if not path.parent.is_dir():
        raise ProjectError(f"{path}: folder {path.parent} does not exist")
    _clean_stale_creations(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{_NEW_SUFFIX}")
    try:
        build(tmp)
        wal = sidecar(tmp, "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise ProjectError(f"{path}: could not be completed (its log was not written back)")
        _publish(tmp, path)
    finally:
        for leftover in (tmp, sidecar(tmp, "-wal"), sidecar(tmp, "-shm")):
            leftover.unlink(missing_ok=True)


def _publish(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ProjectExists(f"{path}: already exists (another program created it just now)") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise ProjectError(f"{path}: cannot create it ({exc.strerror})") from None
        try:
            # No hard links here: claim the name exclusively, then put the project over our claim.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            raise ProjectExists(f"{path}: already exists (another program created it just now)") from None
        os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the new name durable (a crash after create must not lose the file's entry)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(fd)


class ProjectExists(ProjectError):
    """`create` found the name taken (possibly by a create running at the same moment)."""
