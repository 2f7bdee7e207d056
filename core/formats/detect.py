"""Choosing a reader from a file's name and first bytes; never a guess."""

from __future__ import annotations

import json
from pathlib import Path

from core.errors import InputError

_BY_SUFFIX = {".txt": "txt", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def detect_format(path: Path, head: bytes) -> str:
    """The format of a file from its suffix, or from a first line that is a JSON object."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    first = head.lstrip(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0]
    if first.startswith(b"{"):
        try:
            obj = json.loads(first)
        except ValueError:
            obj = None
        if isinstance(obj, dict) and "text" in obj:
            return "jsonl"
    raise InputError(
        str(path), None, "cannot tell the format from the file's name or content; give --format"
    )
