"""Export targets: Bayan never removes or replaces a file it did not write.

A brat export writes a folder. Into a new or empty folder it writes freely; over an earlier
Bayan export (its manifest `.bayan-export` lists what Bayan wrote) it replaces only what
Bayan wrote and is still as Bayan wrote it; into any other non-empty folder only with
`force`, and never over a file of someone else. A file export never replaces a SQLite file.
Errors name the user's target, not a temporary; a killed export leaves only temporaries that
the next export to that target removes.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import main
from core.errors import InputError
from core.files import MANIFEST, temp_path
from core.formats.registry import EXPORTS, ExportFormat, FolderExportFormat
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS
from core.schema import load_schema
from store.project import Project
from store.transfer import Cancelled, export_to, import_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded(project: Any) -> Project:
    """The seeds; amal finished statements 1 and 2 (an ACTOR in each)."""
    import_files(project, [SEED_STATEMENTS])
    for seq in (1, 2):
        project.add_span(statement=seq, annotator="amal", label="ACTOR", start=0, end=3)
        project.set_status(statement=seq, annotator="amal", status="done")
    return project  # type: ignore[no-any-return]


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under `folder` (links not followed): inode and content, to prove nothing changed."""
    out: dict[str, tuple[int, bytes | str]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            st = path.lstat()
            if path.is_symlink():
                out[str(path.relative_to(folder))] = (st.st_ino, os.readlink(path))
            elif path.is_dir():
                out[str(path.relative_to(folder))] = (st.st_ino, "dir")
            else:
                out[str(path.relative_to(folder))] = (st.st_ino, path.read_bytes())
    return out


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def brat_collection(folder: Path) -> Path:
    """A real brat collection: every one holds an annotation.conf."""
    folder.mkdir()
    (folder / "annotation.conf").write_text("[entities]\nPerson\n", encoding="utf-8")
    (folder / "visual.conf").write_text("[labels]\n", encoding="utf-8")
    (folder / "doc.txt").write_text("years of work", encoding="utf-8")
    (folder / "doc.ann").write_text("T1\tPerson 0 5\tyears\n", encoding="utf-8")
    return folder


def first_id(project: Project, seq: int) -> str:
    row = project.statement(seq)
    assert row is not None
    return row.id


# ------------------------------------------------------------- foreign folders


def test_a_real_brat_collection_is_refused_and_left_alone(seeded: Project, tmp_path: Path) -> None:
    folder = brat_collection(tmp_path / "brat-data")
    before = snapshot(folder)
    with pytest.raises(InputError) as caught:
        export_to(seeded, str(folder), fmt="brat")
    assert caught.value.file == str(folder)
    assert "not a Bayan export" in caught.value.reason and "--force" in caught.value.reason
    assert snapshot(folder) == before
    assert litter(tmp_path) == []


def test_force_refuses_a_name_clash_naming_the_file(seeded: Project, tmp_path: Path) -> None:
    folder = brat_collection(tmp_path / "brat-data")
    before = snapshot(folder)
    with pytest.raises(InputError) as caught:
        export_to(seeded, str(folder), fmt="brat", force=True)
    assert caught.value.file == str(folder / "annotation.conf")
    assert "not written by Bayan" in caught.value.reason
    assert snapshot(folder) == before
    assert litter(tmp_path) == []


def test_force_clash_found_after_writing_is_refused_too(seeded: Project, tmp_path: Path) -> None:
    """A document name taken by someone else's file is known only once the export is written."""
    folder = tmp_path / "mixed"
    (folder / "amal").mkdir(parents=True)
    (folder / "amal" / "theirs.txt").write_text("theirs", encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(InputError) as caught:
        export_to(seeded, str(folder), fmt="brat", force=True)
    assert caught.value.file == str(folder / "amal")
    assert snapshot(folder) == before
    assert litter(tmp_path) == []


def test_force_writes_beside_foreign_files_and_keeps_them(seeded: Project, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("mine", encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "a.ann").write_text("T1\tX 0 1\ta\n", encoding="utf-8")
    before = snapshot(folder)
    assert export_to(seeded, str(folder), fmt="brat", force=True) == 2
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k in before} == before
    sid = first_id(seeded, 1)
    assert (folder / "amal" / f"{sid}.ann").read_text(encoding="utf-8").startswith("T1\tACTOR 0 3\t")
    assert (folder / "annotation.conf").is_file() and (folder / MANIFEST).is_file()
    # Now it is a Bayan export with someone else's files in it: exported again without --force.
    seeded.add_span(statement=1, annotator="amal", label="CLAIM", start=4, end=10)
    assert export_to(seeded, str(folder), fmt="brat") == 2
    assert "CLAIM 4 10" in (folder / "amal" / f"{sid}.ann").read_text(encoding="utf-8")
    assert {k: v for k, v in snapshot(folder).items() if k in before} == before
    assert litter(tmp_path) == []


def test_an_existing_empty_folder_is_filled_in_place(seeded: Project, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    inode = folder.stat().st_ino
    assert export_to(seeded, str(folder), fmt="brat") == 2
    assert folder.stat().st_ino == inode  # the user's folder, not one put in its place
    assert (folder / "amal").is_dir()
    # Bayan did not make this folder, so a new export goes into it again rather than replacing it.
    assert export_to(seeded, str(folder), fmt="brat") == 2
    assert folder.stat().st_ino == inode


# ------------------------------------------------------------- earlier exports


def test_reexport_replaces_what_bayan_wrote_and_keeps_what_the_user_added(seeded: Project, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_to(seeded, str(out), fmt="brat")
    s1, s2 = first_id(seeded, 1), first_id(seeded, 2)
    assert (out / "amal" / f"{s2}.ann").is_file()
    # What brat's server and the user add to a collection.
    (out / "amal" / ".stats_cache").write_bytes(b"\x80\x04cache")
    (out / "README.md").write_text("how we annotate", encoding="utf-8")
    (out / "amal" / "extra.ann").write_text("", encoding="utf-8")
    (out / "amal" / "extra.txt").write_text("a document of theirs", encoding="utf-8")
    keep = {k: v for k, v in snapshot(out).items() if "stats_cache" in k or "README" in k or "extra" in k}
    # amal reopens statement 2 and adds a CLAIM to statement 1.
    seeded.set_status(statement=2, annotator="amal", status="todo")
    seeded.add_span(statement=1, annotator="amal", label="CLAIM", start=4, end=10)

    assert export_to(seeded, str(out), fmt="brat") == 1
    assert {k: v for k, v in snapshot(out).items() if k in keep} == keep
    assert not (out / "amal" / f"{s2}.ann").exists() and not (out / "amal" / f"{s2}.txt").exists()
    assert "CLAIM 4 10" in (out / "amal" / f"{s1}.ann").read_text(encoding="utf-8")
    listed = (out / MANIFEST).read_text(encoding="utf-8")
    assert f"amal/{s1}.ann" in listed and s2 not in listed and "README" not in listed
    assert litter(tmp_path) == []


def test_reexport_over_a_pure_earlier_export(seeded: Project, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_to(seeded, str(out), fmt="brat", which="all")
    assert len(list(out.glob("*.txt"))) == 8  # the statements nobody annotated sit at the top
    inode = out.stat().st_ino
    seeded.set_status(statement=2, annotator="amal", status="todo")
    assert export_to(seeded, str(out), fmt="brat") == 1
    # Bayan made the folder and it holds nothing else: the new export took its place whole.
    assert out.stat().st_ino != inode
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    sid = first_id(seeded, 1)
    assert names == [MANIFEST, "amal", f"amal/{sid}.ann", f"amal/{sid}.txt", "annotation.conf", "visual.conf"]
    assert litter(tmp_path) == []


def test_a_file_bayan_wrote_and_someone_changed_is_never_replaced(seeded: Project, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_to(seeded, str(out), fmt="brat")
    s1, s2 = first_id(seeded, 1), first_id(seeded, 2)
    edited = out / "amal" / f"{s1}.ann"
    edited.write_text(edited.read_text(encoding="utf-8") + "T9\tCLAIM 4 10\tadded in brat\n", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(InputError) as caught:
        export_to(seeded, str(out), fmt="brat")
    assert caught.value.file == str(edited) and "changed since Bayan wrote it" in caught.value.reason
    assert snapshot(out) == before
    # An edited document that the new export no longer holds stays; the rest is replaced.
    other = out / "amal" / f"{s2}.ann"
    other.write_text("T1\tACTOR 0 3\tedited\n", encoding="utf-8")
    edited.unlink()
    seeded.set_status(statement=2, annotator="amal", status="todo")
    assert export_to(seeded, str(out), fmt="brat") == 1
    assert other.read_text(encoding="utf-8") == "T1\tACTOR 0 3\tedited\n"
    assert edited.is_file()


def test_a_stopped_reexport_leaves_the_earlier_one_as_it_was(seeded: Project, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_to(seeded, str(out), fmt="brat", which="all")
    before = snapshot(out)
    with pytest.raises(Cancelled):
        export_to(seeded, str(out), fmt="brat", which="all", should_stop=lambda: True)
    assert snapshot(out) == before
    assert litter(tmp_path) == []


def test_a_target_that_is_a_link_to_a_folder_keeps_its_link(seeded: Project, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    export_to(seeded, str(link), fmt="brat")
    assert link.is_symlink() and (real / "amal").is_dir()
    export_to(seeded, str(link), fmt="brat")
    assert link.is_symlink() and (real / MANIFEST).is_file()


# ------------------------------------------------------------- SQLite targets


def test_export_refuses_to_replace_a_project_or_any_sqlite_file(seeded: Project, tmp_path: Path) -> None:
    other = tmp_path / "other.bayan"
    Project.create(other, seeded.schema).close()
    data = tmp_path / "data.jsonl"  # a name that says nothing: the content does
    conn = sqlite3.connect(data)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    for target in (other, data):
        content = target.read_bytes()
        with pytest.raises(InputError) as caught:
            export_to(seeded, str(target))
        assert caught.value.file == str(target) and "SQLite" in caught.value.reason
        assert target.read_bytes() == content
    wal = tmp_path / "other.bayan-wal"
    with pytest.raises(InputError, match="SQLite"):
        export_to(seeded, str(wal))
    assert not wal.exists()
    plain = tmp_path / "plain.jsonl"
    plain.write_text("an older export\n", encoding="utf-8")
    export_to(seeded, str(plain))  # any other file is replaced as before
    assert json.loads(plain.read_text(encoding="utf-8").splitlines()[0])["annotator"] == "amal"


# ------------------------------------------------------------- messages name the target


def _no_space(records: Any, out: Any, schema: Any) -> int:
    out.write("x" * 10)
    raise OSError(28, "No space left on device")


def _missing_folder(records: Any, folder: Path, schema: Any) -> int:
    (folder / "amal" / "x.txt").write_text("x", encoding="utf-8")  # no such subfolder: an OSError inside
    return 0


def test_errors_name_the_users_target_never_the_temporary(
    seeded: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded.close()
    monkeypatch.setitem(EXPORTS, "jsonl", ExportFormat("jsonl", "broken", _no_space, ".jsonl"))
    monkeypatch.setitem(EXPORTS, "brat", FolderExportFormat("brat", "broken", _missing_folder))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main.cli, ["export", str(seeded.path), str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"bayan: {out}: No space left on device"
    folder = tmp_path / "brat-out"
    result = CliRunner().invoke(main.cli, ["export", str(seeded.path), str(folder), "--format", "brat"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"bayan: {folder / 'amal' / 'x.txt'}: "), result.stderr
    assert ".part" not in result.stderr
    assert litter(tmp_path) == [] and not folder.exists() and not out.exists()


# ------------------------------------------------------------- killed exports


def big_project(tmp_path: Path) -> Path:
    """Forty thousand statements: an export long enough to be caught mid-write."""
    path = tmp_path / "big.bayan"
    with Project.create(path, load_schema(DEFAULT_SCHEMA)) as p:
        lines = tmp_path / "big.txt"
        lines.write_text("".join(f"بيان رقم {i} " + "كلمة " * 30 + "\n" for i in range(40_000)), encoding="utf-8")
        import_files(p, [lines])
    return path


def kill_mid_export(project: Path, out: Path, *args: str) -> int:
    """Start an export in a child process, SIGKILL it once its temporary exists; its pid."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", "export", str(project), str(out), "--status", "all", *args], cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if any(name.endswith(".part") for name in os.listdir(out.parent)):
                time.sleep(0.05)  # well into the writing
                break
            time.sleep(0.001)
        else:
            pytest.fail("the export never started")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()  # reaped: its pid no longer names a process
    assert proc.returncode == -signal.SIGKILL, "the export ended before it was killed; make the project larger"
    return proc.pid


@pytest.mark.parametrize(("name", "args"), [("out.jsonl", ()), ("brat-out", ("--format", "brat"))])
def test_a_killed_export_leaves_litter_that_the_next_export_removes(
    tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    project = big_project(tmp_path)
    out = work / name
    pid = kill_mid_export(project, out, *args)
    left = litter(work)
    assert left and all(f"-{pid}-" in n for n in left), left  # the dead writer's pid is in the name
    assert not out.exists()
    # A temporary of a writer that is still alive (this test process) is not touched.
    alive = temp_path(out, "part")
    alive.write_text("another export, still running", encoding="utf-8")

    result = subprocess.run([sys.executable, "main.py", "export", str(project), str(out), "--status", "all", *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert litter(work) == [alive.name]
    if out.is_dir():
        assert len(list(out.glob("*.ann"))) == 40_000
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 40_000


# ------------------------------------------------------------- what a file target may be


def test_the_projects_own_files_are_refused_by_any_name(seeded: Project, tmp_path: Path) -> None:
    """Its log and shared memory too, through a link: never opened (closing one would drop our locks)."""
    with seeded.atomic():
        seeded.set_note(statement=3, annotator="amal", note="keeps the log non-empty")
    for own in ("", "-wal", "-shm"):
        link = tmp_path / f"innocent{own or '-main'}.jsonl"
        link.symlink_to(f"{seeded.path}{own}")
        with pytest.raises(InputError, match="project"):
            export_to(seeded, str(link))
        assert link.is_symlink()
    assert seeded.status(3, "amal").note == "keeps the log non-empty"


def test_a_link_to_a_file_keeps_its_link_and_a_fifo_is_written_directly(seeded: Project, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert export_to(seeded, str(link)) == 2
    assert link.is_symlink() and len(real.read_text(encoding="utf-8").splitlines()) == 2

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert export_to(seeded, str(fifo)) == 2
    reader.join(timeout=30)
    assert len(received[0].splitlines()) == 2
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # not replaced by a file
    assert litter(tmp_path) == []


def _clash(records: Any, folder: Path, schema: Any) -> int:
    raise InputError(str(folder / "amal" / "s1.txt"), None, "two statements need the same file name")


def test_a_writers_own_message_names_the_target(seeded: Project, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EXPORTS, "brat", FolderExportFormat("brat", "clashing", _clash))
    out = tmp_path / "brat-out"
    with pytest.raises(InputError) as caught:
        export_to(seeded, str(out), fmt="brat")
    assert caught.value.file == str(out / "amal" / "s1.txt")
    assert litter(tmp_path) == []


def test_export_help_documents_the_rules() -> None:
    result = CliRunner().invoke(main.cli, ["export", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--force" in text and ".bayan-export" in text.replace("- ", "-")  # wrapped at its hyphen
    assert "never removes or replaces a file it did not write" in text and "SQLite" in text


def test_reexport_into_the_working_folder_writes_into_it(
    seeded: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export"
    export_to(seeded, str(out), fmt="brat")
    inode = out.stat().st_ino
    monkeypatch.chdir(out)
    seeded.add_span(statement=1, annotator="amal", label="CLAIM", start=4, end=10)
    export_to(seeded, ".", fmt="brat")
    assert out.stat().st_ino == inode  # the shell standing in it is not left in a deleted folder
    sid = first_id(seeded, 1)
    assert "CLAIM 4 10" in (out / "amal" / f"{sid}.ann").read_text(encoding="utf-8")
    assert litter(tmp_path) == []
