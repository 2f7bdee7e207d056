"""Choosing a reader from a file's name and first bytes; never a guess."""

from __future__ import annotations

import json
import os
from pathlib import Path

from core.errors import InputError
from core.formats.brat import MAX_DEPTH
from core.formats.lines import JSONRefused, decode_json_value, parse_json

_BY_SUFFIX = {".txt": "txt", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Keys that only Prodigy tasks have (native JSONL shares text/spans/meta with them).
# Keys of doccano's lines that native JSONL does not have (`labels`: doccano 1.0-1.5;
# `cats`: intent detection; `annotations`: doccano 1.0's export by label id).
_DOCCANO_KEYS = ("entities", "labels", "cats", "annotations")
_PRODIGY_KEYS = ("_input_hash", "_task_hash", "_annotator_id", "_session_id", "answer", "tokens")


def _json_line_format(obj: object) -> str | None:
    """Which JSONL dialect one parsed line is: doccano, prodigy, native jsonl, or None."""
    if not isinstance(obj, dict) or "text" not in obj:
        return None
    if any(key in obj for key in _DOCCANO_KEYS) or isinstance(obj.get("label"), list):
        return "doccano"
    if any(key in obj for key in _PRODIGY_KEYS):
        return "prodigy"
    return "jsonl"


def _first_task(text: str) -> object:
    """The first item of a JSON list that begins `text`, or None if it is cut off.

    JSONRefused (a value beyond the limits: too deep, a number out of range) goes up.
    """
    start = text.find("{")
    if start < 0:
        return None
    try:
        return decode_json_value(text, start)[0]
    except json.JSONDecodeError:
        return None


def detect_folder_format(path: Path) -> str:
    """A folder is read as brat when it (or a folder below it, as deep as the brat reader
    goes) holds .ann files.

    Subfolders that are links are not looked into (the brat reader refuses them anyway);
    the walk stops at the first .ann.
    """
    top = len(path.parts)
    for where, folders, files in os.walk(path, followlinks=False):
        if any(name.endswith(".ann") for name in files):
            return "brat"
        if len(Path(where).parts) - top >= MAX_DEPTH:
            folders.clear()
    raise InputError(str(path), None, "a folder is read as brat, but it has no .ann files; give --format")


def detect_format(path: Path, head: bytes) -> str:
    """The format of a file from its suffix and its first line (or first task).

    `.txt`, `.csv` go by name. A first line that is a JSON object tells doccano
    (`entities`, `labels`, `cats`, `annotations` or a `label` list), Prodigy (`_input_hash`, `tokens`, `answer`, …) and
    native JSONL apart; a `.jsonl` file whose first line says nothing is native. A JSON
    list of tasks with `data` (or any list in a `.json` file) is Label Studio.
    """
    suffix = path.suffix.lower()
    fmt = _BY_SUFFIX.get(suffix)
    if fmt in ("txt", "csv"):
        return fmt
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().decode("utf-8", "ignore")
    # JSON that is well formed but refused (nested too deep, a lone surrogate, a huge
    # number) cannot tell its dialect; that is the problem to report when the name cannot.
    refused: JSONRefused | None = None
    if text.startswith("["):
        try:
            task = _first_task(text)
        except JSONRefused as exc:
            task, refused = None, exc
        if suffix == ".json" or (isinstance(task, dict) and isinstance(task.get("data"), dict)):
            return "labelstudio"
    # Lines end at LF, CRLF or a lone CR, as the readers split them (core.formats.lines).
    first = text.split("\n", 1)[0].split("\r", 1)[0]
    if first.startswith("{"):
        try:
            obj = parse_json(first)
        except JSONRefused as exc:
            obj = None
            if not exc.syntax:
                refused = refused or exc
        dialect = _json_line_format(obj)
        if dialect is not None:
            return dialect
    if suffix == ".json":
        return "labelstudio"  # one task object, spread over lines (Label Studio reads it as a list of one)
    if fmt is not None:
        return fmt  # the reader of that format reports any problem with its line
    if refused is not None:
        raise InputError(str(path), None, f"cannot tell the format: the first record is refused: {refused.reason}")
    raise InputError(
        str(path), None, "cannot tell the format from the file's name or content; give --format"
    )
