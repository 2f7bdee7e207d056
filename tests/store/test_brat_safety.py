"""The brat reader takes only regular files inside the folder, and any hostile content gives one message.

Each hostile folder is imported through the CLI in a child process (so a hang or a memory blow-up
fails the test instead of the run): exit status 2, one line naming the file, no traceback, the
project unchanged.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import InputError
from core.formats.brat import MAX_FILE_BYTES, read_brat
from tests.dump import dump

ROOT = Path(__file__).resolve().parents[2]
TEXT = "قالت الخارجية الروسية إن القرار مرفوض"
ANN = "T1\tACTOR 5 21\tالخارجية الروسية\n"


def bayan(*args: str, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=limit,
        errors="backslashreplace",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.bayan"
    assert bayan("init", str(path)).returncode == 0
    return path


def corpus(tmp_path: Path) -> Path:
    """A valid brat folder: one collection `amal` with one document."""
    folder = tmp_path / "corpus"
    (folder / "amal").mkdir(parents=True)
    (folder / "amal" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "amal" / "doc1.ann").write_text(ANN, encoding="utf-8")
    return folder


def refused(project: Path, folder: Path, *parts: str, memory: int | None = None) -> str:
    before = dump(project)
    result = bayan("import", str(project), str(folder), "--annotator", "zaid", memory=memory)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], (part, lines[0])
    assert dump(project) == before
    return lines[0]


def test_the_valid_corpus_imports(project: Path, tmp_path: Path) -> None:
    result = bayan("import", str(project), str(corpus(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "1 records, 1 new statements, 1 new spans" in result.stdout


# ------------------------------------------------------------- what is not a regular file


def test_a_txt_linked_to_a_file_outside_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")  # a valid text: only the link gives it away
    (folder / "amal" / "doc1.txt").unlink()
    (folder / "amal" / "doc1.txt").symlink_to(secret)
    refused(project, folder, "amal/doc1.txt", "symbolic link")


def test_a_txt_linked_to_etc_passwd_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc2.txt").symlink_to("/etc/passwd")
    (folder / "amal" / "doc2.ann").write_text("", encoding="utf-8")
    refused(project, folder, "doc2.txt", "symbolic link")


def test_an_ann_link_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    real = tmp_path / "elsewhere.ann"
    real.write_text(ANN, encoding="utf-8")
    (folder / "amal" / "doc2.txt").write_text(TEXT, encoding="utf-8")
    (folder / "amal" / "doc2.ann").symlink_to(real)
    refused(project, folder, "doc2.ann", "symbolic link")


def test_a_linked_collection_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside).mkdir()
    (outside / "x.txt").write_text(TEXT, encoding="utf-8")
    (outside / "x.ann").write_text(ANN, encoding="utf-8")
    folder = corpus(tmp_path)
    (folder / "badr").symlink_to(outside, target_is_directory=True)
    refused(project, folder, "badr", "symbolic link")


def test_a_link_to_dev_zero_neither_exhausts_memory_nor_hangs(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc1.txt").unlink()
    (folder / "amal" / "doc1.txt").symlink_to("/dev/zero")
    refused(project, folder, "doc1.txt", memory=1 << 30)


def test_a_fifo_does_not_hang_with_the_write_lock_held(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc1.txt").unlink()
    os.mkfifo(folder / "amal" / "doc1.txt")
    refused(project, folder, "doc1.txt", "not a regular file")
    os.mkfifo(folder / "amal" / "doc3.ann")
    (folder / "amal" / "doc3.txt").write_text(TEXT, encoding="utf-8")
    refused(project, folder, "doc")


def test_a_socket_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc1.txt").unlink()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "amal" / "doc1.txt"))
        refused(project, folder, "doc1.txt", "not a regular file")
    finally:
        server.close()


def test_a_device_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc1.txt").unlink()
    try:
        os.mknod(folder / "amal" / "doc1.txt", 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("making a device node needs privileges")
    refused(project, folder, "doc1.txt", "not a regular file", memory=1 << 30)


def test_an_absurdly_large_file_is_refused_before_it_is_read(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    with (folder / "amal" / "doc1.txt").open("r+b") as big:
        big.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    refused(project, folder, "doc1.txt", "larger than")


# ------------------------------------------------------------- names


def test_a_file_name_that_is_not_utf8_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    base = os.fsencode(folder / "amal")
    for suffix in (b".txt", b".ann"):
        with open(base + b"/bad\xff" + suffix, "wb") as out:
            out.write((TEXT if suffix == b".txt" else ANN).encode())
    message = refused(project, folder, "not valid UTF-8")
    assert "bad\\udcff" in message or "bad\\xff" in message


def test_a_folder_name_that_is_not_utf8_is_refused(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    os.rename(folder / "amal", os.fsencode(folder) + b"/am\xe9l")
    refused(project, folder, "not valid UTF-8")


@pytest.mark.parametrize(
    ("stem", "reason"),
    [
        ("%ED%A0%80", "surrogate"),  # decodes to U+D800: never a string SQLite can store
        ("%FF", "not valid UTF-8"),  # an escape that decodes to no text
        ("a%1B%5B2J", "control character"),
        ("h0123456789abcdef", "derived from another text"),  # core.rules.statement_id_problem
    ],
)
def test_ids_made_from_file_names_follow_the_rules(project: Path, tmp_path: Path, stem: str, reason: str) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    (folder / "amal" / f"{stem}.ann").write_text(ANN, encoding="utf-8")
    refused(project, folder, f"{stem}.ann", reason)


@pytest.mark.parametrize(("name", "reason"), [("%FF", "not valid UTF-8"), ("eve%1B%5B2J", "control character"),
                                              ("%E2%80%AE", "bidi")])
def test_annotators_made_from_folder_names_follow_the_rules(
    project: Path, tmp_path: Path, name: str, reason: str
) -> None:
    folder = corpus(tmp_path)
    os.rename(folder / "amal", folder / name)
    refused(project, folder, name, reason)


# ------------------------------------------------------------- content


@pytest.mark.parametrize(
    "offsets",
    ["٥ 21", "5 ٢١", "+5 21", "5 2_1", "5 ²", "5 21" + "0" * 5000, "5 " + "9" * 30, "5\u200921", "-1 21"],
)
def test_offsets_must_be_ascii_digits_of_a_sane_size(tmp_path: Path, offsets: str) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text(f"T1\tACTOR {offsets}\tالخارجية الروسية\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_brat(folder))
    assert caught.value.file == str(folder / "d.ann") and caught.value.line == 1


def test_content_with_an_encoded_surrogate_is_not_utf8(project: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "amal" / "doc1.txt").write_bytes(TEXT.encode() + b"\xed\xa0\x80")
    refused(project, folder, "doc1.txt", "not UTF-8")
